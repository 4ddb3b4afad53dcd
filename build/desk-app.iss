; Inno Setup 6 script of the Windows installer (quality.md §5). Built by .github/workflows/windows-bundle.yml
; from the repository root, after build\build.py has made dist\desk-app\:
;
;     iscc /DAppVersion=0.1.0 build\desk-app.iss
;
; → dist\release\desk-app-<version>-setup.exe. For one Windows user, without administrator rights: the program
; goes to %LOCALAPPDATA%\Programs\desk-app, with a shortcut in the Start menu and on the desktop. Uninstalling
; removes the program only: the data (%LOCALAPPDATA%\desk_app: database, backups, templates, log) is not in the
; program's folder and is never touched, so a reinstall or an update finds it again.
; Silent install for IT staff: desk-app-<version>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; Saved as UTF-8 with a byte-order mark (how Inno Setup reads the Vietnamese below).

#ifndef AppVersion
  #error Give the version: iscc /DAppVersion=X.Y.Z build\desk-app.iss
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\desk-app"
#endif
#define AppName "Tiếp xúc, đối thoại trực tiếp với Nhân dân"
#define ShortName "Tiếp xúc, đối thoại"

[Setup]
AppId={{D9811091-3AD7-4A90-9989-8B6E3C4B6223}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
VersionInfoDescription=Cài đặt {#AppName}
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\desk-app
DisableDirPage=yes
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
AlwaysShowDirOnReadyPage=yes
OutputDir=..\dist\release
OutputBaseFilename=desk-app-{#AppVersion}-setup
SetupIconFile=..\resources\icons\desk_app.ico
UninstallDisplayIcon={app}\desk-app-gui.exe
UninstallDisplayName={#AppName}
MinVersion=10.0.17763
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=no

[Files]
; the whole folder; nothing of an older version stays behind (see [InstallDelete])
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; an update replaces the program's files: what the older version had and this one has not goes first
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#ShortName}"; Filename: "{app}\desk-app-gui.exe"; WorkingDir: "{app}"; IconFilename: "{app}\desk-app-gui.exe"; Comment: "{#AppName}"
Name: "{autodesktop}\{#ShortName}"; Filename: "{app}\desk-app-gui.exe"; WorkingDir: "{app}"; IconFilename: "{app}\desk-app-gui.exe"; Comment: "{#AppName}"

[Run]
Filename: "{app}\desk-app-gui.exe"; Description: "Mở chương trình ngay"; Flags: nowait postinstall skipifsilent

[Messages]
; Inno Setup ships no Vietnamese among its languages: what this installer and its uninstaller show, in our words
SetupAppTitle=Cài đặt
SetupWindowTitle=Cài đặt %1
UninstallAppTitle=Gỡ cài đặt
UninstallAppFullTitle=Gỡ cài đặt %1
InformationTitle=Thông tin
ConfirmTitle=Xác nhận
ErrorTitle=Lỗi
SetupAlreadyRunning=Chương trình cài đặt đang chạy rồi.
WindowsVersionNotSupported=Chương trình cần Windows 10 (bản 1809) trở lên, 64-bit; máy này đang chạy phiên bản Windows không phù hợp.
OnlyOnTheseArchitectures=Chương trình chỉ cài được trên Windows dành cho bộ xử lý:%n%n%1
WinVersionTooLowError=Chương trình cần %1 phiên bản %2 trở lên.
ExitSetupTitle=Thoát cài đặt
ExitSetupMessage=Việc cài đặt chưa xong. Nếu thoát bây giờ, chương trình sẽ không được cài.%n%nCó thể chạy lại tệp cài đặt vào lúc khác.%n%nThoát cài đặt?
ButtonBack=< &Quay lại
ButtonNext=&Tiếp >
ButtonInstall=&Cài đặt
ButtonOK=Đồng ý
ButtonCancel=Hủy
ButtonYes=&Có
ButtonYesToAll=Có với &tất cả
ButtonNo=&Không
ButtonNoToAll=Không với tất &cả
ButtonFinish=&Xong
ButtonBrowse=&Chọn...
ButtonWizardBrowse=C&họn...
ButtonNewFolder=&Tạo thư mục mới
ClickNext=Bấm Tiếp để tiếp tục, hoặc Hủy để thoát.
WizardReady=Sẵn sàng cài đặt
ReadyLabel1=Chương trình [name] sẵn sàng được cài vào máy này.
ReadyLabel2a=Bấm Cài đặt để bắt đầu, hoặc Quay lại để xem lại.
ReadyLabel2b=Bấm Cài đặt để bắt đầu.
ReadyMemoDir=Thư mục cài đặt:
WizardPreparing=Chuẩn bị cài đặt
PreparingDesc=Đang chuẩn bị cài [name] vào máy này.
ApplicationsFound=Các chương trình sau đang dùng những tệp cần thay. Nên để trình cài đặt tự đóng chúng.
ApplicationsFound2=Các chương trình sau đang dùng những tệp cần thay. Nên để trình cài đặt tự đóng chúng; cài xong sẽ mở lại.
CloseApplications=&Tự đóng các chương trình đó
DontCloseApplications=&Không đóng
WizardInstalling=Đang cài đặt
InstallingLabel=Xin chờ trong khi [name] được cài vào máy này.
FinishedHeadingLabel=Đã cài xong [name]
FinishedLabelNoIcons=[name] đã được cài vào máy này.
FinishedLabel=[name] đã được cài vào máy này. Mở chương trình bằng biểu tượng trên màn hình nền hoặc trong menu Start.
ClickFinish=Bấm Xong để đóng trình cài đặt.
RunEntryExec=Mở %1
StatusClosingApplications=Đang đóng các chương trình...
StatusCreateDirs=Đang tạo thư mục...
StatusExtractFiles=Đang chép tệp...
StatusCreateIcons=Đang tạo lối tắt...
StatusSavingUninstall=Đang lưu thông tin gỡ cài đặt...
StatusRollback=Đang hoàn lại các thay đổi...
StatusRestartingApplications=Đang mở lại các chương trình...
ErrorCreatingDir=Không tạo được thư mục "%1"
SetupAborted=Việc cài đặt chưa xong.%n%nHãy khắc phục sự cố rồi chạy lại tệp cài đặt.
ConfirmUninstall=Gỡ %1 khỏi máy này? Dữ liệu (cơ sở dữ liệu, bản sao lưu, mẫu văn bản) vẫn được giữ nguyên.
UninstallStatusLabel=Xin chờ trong khi %1 được gỡ khỏi máy này.
UninstalledAll=Đã gỡ %1 khỏi máy này. Dữ liệu vẫn được giữ nguyên.
UninstalledMost=Đã gỡ %1.%n%nMột vài tệp không xóa được; có thể xóa chúng bằng tay.
UninstallDataCorrupted=Tệp "%1" bị hỏng, không gỡ cài đặt được
WizardUninstalling=Đang gỡ cài đặt
StatusUninstalling=Đang gỡ %1...

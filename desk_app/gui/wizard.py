"""The first-run wizard on an empty database: load the sample year, or enter the commune, its three heads,
its hamlets (and take the usual agencies and organisations) and the regulation profile. Everything is saved
through the catalog services; each page checks its fields with those services (in a unit of work rolled
back) so problems show next to the fields. Hủy, Esc or closing it asks first once something was typed (it
closes the program).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QListWidgetItem, QVBoxLayout, QWizard, QWizardPage

from desk_app.domain import clock
from desk_app.domain.errors import ValidationError
from desk_app.domain.profiles import DEFAULT_PROFILE_CODE
from desk_app.domain.text import fold
from desk_app.gui.common import load_ui
from desk_app.gui.context import AppContext, ask, show_error
from desk_app.gui.inputs import clear_when_changed, typed_values
from desk_app.gui.widgets import FieldErrors, fill_combo
from desk_app.services import catalog, profiles
from desk_app.services.common import domain_profile

START, SAMPLE, COMMUNE, HEADS, HAMLETS, PROFILE = range(6)


class _DryRun(Exception):
    """Rolls back a unit of work that only checked the input."""


def check_only(ctx: AppContext, work) -> None:
    """Run ``work(session)`` to validate through the services, then undo it (ValidationError propagates)."""
    try:
        with ctx.session() as session:
            work(session)
            raise _DryRun
    except _DryRun:
        pass


class _FormPage(QWizardPage):
    def __init__(self, ctx: AppContext, form_name: str, title: str, subtitle: str):
        super().__init__()
        self.ctx = ctx
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.form = load_ui(form_name, self)
        self.errors = FieldErrors.of(self.form)
        clear_when_changed(self.errors, self.form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)

    def _checked(self, work) -> bool:
        try:
            check_only(self.ctx, work)
        except Exception as exc:  # noqa: BLE001 — shown in Vietnamese, never a traceback
            self.errors.report(self, exc)
            return False
        self.errors.clear()
        return True


class StartPage(_FormPage):
    """Sample data or the commune's own data (three pages)."""

    def __init__(self, ctx: AppContext):
        super().__init__(ctx, "wizard_start", "Bắt đầu sử dụng",
                         "Cơ sở dữ liệu còn trống. Bạn muốn bắt đầu thế nào?")

    def nextId(self) -> int:  # noqa: N802 — Qt's name
        return SAMPLE if self.form.sampleRadio.isChecked() else COMMUNE


class SamplePage(QWizardPage):
    """Hoàn tất creates the sample year in the worker; the wizard closes when it is ready."""

    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.year = clock.today().year
        self.generated = False
        self.busy = False
        self.setTitle("Dữ liệu mẫu")
        self.setSubTitle(f"Một năm làm việc ({self.year}) của một xã mẫu để làm quen với chương trình.")
        self.label = QLabel(
            "Bấm “Hoàn tất” để tạo: thông tin xã Tân Đoàn, cán bộ, cơ quan, thôn; bốn cuộc đối thoại ở các "
            "giai đoạn khác nhau với đăng ký phát biểu, biên bản, kết luận và kiến nghị đang theo dõi.\n\n"
            "Khi làm việc thật, hãy dùng một cơ sở dữ liệu mới và chọn “Nhập thông tin đơn vị của tôi”.", self)
        self.label.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def nextId(self) -> int:  # noqa: N802 — Qt's name
        return -1

    def isComplete(self) -> bool:  # noqa: N802 — Qt's name
        return not self.busy

    def validatePage(self) -> bool:  # noqa: N802 — Qt's name
        if self.generated:
            return True
        if not self.busy:
            self._generate()
        return False  # accepted by the task when the sample year is ready

    def _generate(self) -> None:
        from desk_app.services.demo import DemoOptions, generate

        year = self.year
        self.busy = True
        self.completeChanged.emit()
        self.status.setText(f"Đang tạo dữ liệu mẫu của năm {year}, xin chờ trong giây lát…")

        def work(_progress):
            with self.ctx.database.session() as session:
                return len(generate(session, DemoOptions(year=year)))

        def done(_count) -> None:
            self.generated = True
            self.busy = False
            self.ctx.changed("sessions")
            self.wizard().accept()

        def failed(exc) -> None:
            self.busy = False
            self.status.clear()
            self.completeChanged.emit()
            show_error(self, exc)

        self.ctx.run_task(self.wizard(), "Đang tạo dữ liệu mẫu…", work, done, cancellable=False, on_error=failed)


class CommunePage(_FormPage):
    def __init__(self, ctx: AppContext):
        super().__init__(ctx, "wizard_commune", "Thông tin đơn vị",
                         "Tên xã (phường, đặc khu), tỉnh và địa danh ghi trên văn bản. Các mục khác bổ sung sau "
                         "trong Danh mục.")
        fill_combo(self.form.kindCombo, [(kind.capitalize(), kind) for kind in catalog.COMMUNE_KINDS])

    def commune_input(self, profile_id: int | None = None) -> catalog.CommuneInput:
        f = self.form
        return catalog.CommuneInput(name=f.nameEdit.text(), kind=f.kindCombo.currentData(),
                                    province=f.provinceEdit.text(), code=f.codeEdit.text(),
                                    place_name=f.placeNameEdit.text(), profile_id=profile_id)

    def validatePage(self) -> bool:  # noqa: N802 — Qt's name
        return self._checked(lambda session: catalog.save_commune(session, self.commune_input()))


class HeadsPage(_FormPage):
    def __init__(self, ctx: AppContext, commune_page: CommunePage):
        super().__init__(ctx, "wizard_heads", "Người đứng đầu",
                         "Họ tên Bí thư Đảng ủy, Chủ tịch HĐND và Chủ tịch UBND (người chủ trì, người ký văn bản).")
        self.commune_page = commune_page
        self.edits = {"dang_uy": self.form.partyEdit, "hdnd": self.form.councilEdit,
                      "ubnd": self.form.committeeEdit}

    def officials(self) -> list[tuple[str, catalog.OfficialInput]]:
        """One official per person (the same name in two boxes: one person holding two posts), with the
        first post's box name for the error."""
        kind = self.commune_page.form.kindCombo.currentData() or "xã"
        people: dict[str, list[tuple[str, str, str]]] = {}
        names: dict[str, str] = {}
        for post, flag, label in catalog.HEAD_POSTS:
            name = self.edits[post].text().strip()
            if name:
                key = fold(name)
                names.setdefault(key, name)
                people.setdefault(key, []).append((post, flag, label))
        result = []
        for key, posts in people.items():
            title = ", ".join(label for _post, _flag, label in posts) + f" {kind}"
            data = catalog.OfficialInput(name=names[key], title=title, body=posts[0][0],
                                         **{flag: True for _post, flag, _label in posts})
            result.append((posts[0][0], data))
        return result

    def validatePage(self) -> bool:  # noqa: N802 — Qt's name
        self.errors.clear()
        for post, data in self.officials():
            try:
                check_only(self.ctx, lambda session, data=data: catalog.save_official(session, data))
            except ValidationError as exc:
                self.errors.show({post: " ".join(exc.errors.values())})
                return False
        return True


class HamletsPage(_FormPage):
    """The hamlets typed one a line, and the usual agencies and organisations (named for the commune's kind)."""

    def __init__(self, ctx: AppContext, commune_page: CommunePage):
        super().__init__(ctx, "wizard_hamlets", "Thôn, tổ dân phố và cơ quan, tổ chức",
                         "Để chọn được địa chỉ người phát biểu, thành phần mời và cơ quan giải quyết kiến nghị.")
        self.commune_page = commune_page
        self.form.agenciesCheck.toggled.connect(self.form.agenciesLabel.setEnabled)

    def kind(self) -> str:
        return self.commune_page.form.kindCombo.currentData() or "xã"

    def initializePage(self) -> None:  # noqa: N802 — Qt's name
        names = [data.name for data in catalog.usual_agencies(self.kind())]
        self.form.agenciesLabel.setText("; ".join(names) + ".")

    def hamlets(self) -> list[str]:
        return catalog.hamlet_lines(self.form.hamletsEdit.toPlainText())

    def agencies(self) -> bool:
        return self.form.agenciesCheck.isChecked()

    def validatePage(self) -> bool:  # noqa: N802 — Qt's name
        names = self.hamlets()
        return self._checked(lambda session: catalog.add_hamlets(session, names))


class ProfilePage(_FormPage):
    def __init__(self, ctx: AppContext, commune_page: CommunePage, heads_page: HeadsPage,
                 hamlets_page: HamletsPage):
        super().__init__(ctx, "wizard_profile", "Bộ quy định",
                         "Các thời hạn (gửi thông báo, thông báo kết luận, trả lời công dân) được tính theo bộ quy "
                         "định chọn ở đây; có thể đổi sau trong Danh mục.")
        self.commune_page, self.heads_page, self.hamlets_page = commune_page, heads_page, hamlets_page
        self.descriptions: dict[int, str] = {}
        with ctx.session() as session:
            rows = profiles.list_profiles(session)
            for row in rows:
                profile = domain_profile(row)
                self.descriptions[row.id] = "\n".join((
                    f"Thông báo, giấy mời: {profile.notice.describe(before=True)}.",
                    f"Thông báo kết luận: {profile.conclusion.describe()}.",
                    f"Trả lời công dân: {profile.answer.describe()}.",
                    *([profile.note] if profile.note else [])))
                item = QListWidgetItem(row.name, self.form.profilesList)
                item.setData(Qt.UserRole, row.id)
                item.setData(Qt.UserRole + 1, row.code)
        self.form.profilesList.currentItemChanged.connect(self._describe)
        self.select_code(DEFAULT_PROFILE_CODE)

    def select_code(self, code: str) -> None:
        for index in range(self.form.profilesList.count()):
            if self.form.profilesList.item(index).data(Qt.UserRole + 1) == code:
                self.form.profilesList.setCurrentRow(index)

    def _describe(self, item, _previous) -> None:
        self.form.descriptionLabel.setText(self.descriptions.get(item.data(Qt.UserRole), "") if item else "")

    def validatePage(self) -> bool:  # noqa: N802 — Qt's name
        """Save everything in one unit of work: the commune with its profile, the heads, the usual agencies
        and the hamlets."""
        item = self.form.profilesList.currentItem()
        profile_id = item.data(Qt.UserRole) if item else None
        try:
            unit, heads = self.commune_page.commune_input(profile_id), self.heads_page.officials()
            hamlets, agencies, kind = self.hamlets_page.hamlets(), self.hamlets_page.agencies(), \
                self.hamlets_page.kind()

            def work(session) -> None:
                catalog.save_commune(session, unit)
                for _post, data in heads:
                    catalog.save_official(session, data)
                if agencies:
                    catalog.add_usual_agencies(session, kind)
                catalog.add_hamlets(session, hamlets)

            self.ctx.write(work)
        except Exception as exc:  # noqa: BLE001 — shown in Vietnamese, never a traceback
            self.errors.report(self, exc)
            return False
        self.ctx.changed("catalog")
        return True


class FirstRunWizard(QWizard):
    """Hủy, Esc and the window's close button quit the program: asked first once something was typed."""

    def __init__(self):
        super().__init__()
        self._blank: tuple | None = None

    def showEvent(self, event) -> None:  # noqa: N802 — Qt's name
        if self._blank is None:
            self._blank = self._typed()
        super().showEvent(event)

    def _typed(self) -> tuple:
        return tuple(typed_values(self.page(page_id)) for page_id in self.pageIds())

    def reject(self) -> None:
        if (self._blank is not None and self._typed() != self._blank and self.result() != QDialog.Accepted
                and not ask(self, "Thông tin đã nhập chưa được lưu. Thoát thiết lập ban đầu và đóng chương trình?",
                            "Thoát thiết lập")):
            return
        super().reject()


def build_wizard(ctx: AppContext) -> QWizard:
    wizard = FirstRunWizard()
    wizard.setObjectName("firstRunWizard")
    wizard.setWindowTitle("Thiết lập ban đầu – Tiếp xúc, đối thoại trực tiếp với Nhân dân")
    wizard.setWizardStyle(QWizard.ModernStyle)
    wizard.setOption(QWizard.NoBackButtonOnStartPage, True)
    # the same words on every platform (Windows' Aero style has its own)
    for which, text in ((QWizard.BackButton, "< &Quay lại"), (QWizard.NextButton, "&Tiếp >"),
                        (QWizard.FinishButton, "&Hoàn tất"), (QWizard.CancelButton, "Hủy")):
        wizard.setButtonText(which, text)
    start = StartPage(ctx)
    sample = SamplePage(ctx)
    commune_page = CommunePage(ctx)
    heads = HeadsPage(ctx, commune_page)
    hamlets = HamletsPage(ctx, commune_page)
    profile = ProfilePage(ctx, commune_page, heads, hamlets)
    for page_id, page in ((START, start), (SAMPLE, sample), (COMMUNE, commune_page), (HEADS, heads),
                          (HAMLETS, hamlets), (PROFILE, profile)):
        wizard.setPage(page_id, page)
    wizard.setStartId(START)
    wizard.resize(760, 560)
    return wizard


def run_first_run_wizard(ctx: AppContext) -> bool:
    """Shown by the app on an empty database; False when the clerk cancels."""
    return build_wizard(ctx).exec() == QDialog.Accepted

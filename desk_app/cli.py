"""The command line (cli.md): one entry point, Vietnamese help and messages.

Exit codes: 0 done; 1 understood but cannot be done — one Vietnamese line on stderr, no traceback,
nothing changed; 2 wrong usage (argparse's own, in Vietnamese).
"""

from __future__ import annotations

import argparse
import sys
from typing import Callable, Sequence

from desk_app import __version__

# argparse looks its words up through ``argparse._`` / ``argparse.ngettext`` at call time.
_ARGPARSE_VI = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "show program's version number and exit": "hiện số phiên bản rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "tham số không hiểu được: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "lựa chọn không hợp lệ: %(value)r (chọn một trong: %(choices)s)",
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "expected one argument": "cần đúng một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected %s argument": "cần %s giá trị",
    "expected %s arguments": "cần %s giá trị",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn mơ hồ: %(option)s có thể là %(matches)s",
    "not allowed with argument %s": "không dùng cùng với %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "ignored explicit argument %r": "bỏ qua giá trị %r",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "không có lệnh %(parser_name)r (chọn: %(choices)s)",
    "can't open '%(filename)s': %(error)s": "không mở được '%(filename)s': %(error)s",
}


def _vietnamese_argparse() -> None:
    argparse._ = lambda text: _ARGPARSE_VI.get(text, text)
    argparse.ngettext = lambda singular, plural, n: _ARGPARSE_VI.get(singular if n == 1 else plural,
                                                                     singular if n == 1 else plural)


class _Parser(argparse.ArgumentParser):
    """Vietnamese help layout and "cách dùng" for every (sub)command."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)


EXPORT_KINDS = ("plan", "notice", "invitation", "registration-form", "minutes", "conclusion", "upward-proposal",
                "reply", "extension", "annual-report", "summary")


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” không phải là số nguyên") from None


def _year(text: str) -> int:
    value = _int(text)
    if not 2000 <= value <= 2100:
        raise argparse.ArgumentTypeError(f"năm {value} không hợp lệ (từ 2000 đến 2100)")
    return value


def build_parser() -> argparse.ArgumentParser:
    _vietnamese_argparse()
    parser = _Parser(
        prog="desk-app",
        description="Tiếp xúc, đối thoại trực tiếp của người đứng đầu cấp ủy, chính quyền xã với Nhân dân.\n"
                    "Không có lệnh: mở cửa sổ chương trình.",
        epilog="Cơ sở dữ liệu: --db, nếu không thì biến môi trường DESK_APP_DB, nếu không thì tệp "
               "desk_app.sqlite3 trong thư mục dữ liệu của người dùng.",
    )
    parser.add_argument("--version", action="version", version=f"desk-app {__version__}",
                        help="hiện số phiên bản rồi thoát")
    parser.add_argument("--db", metavar="ĐÍCH", help="tệp SQLite hoặc địa chỉ SQLAlchemy (postgresql+psycopg://…)")
    commands = parser.add_subparsers(dest="command", title="các lệnh", metavar="LỆNH", parser_class=_Parser)

    gui = commands.add_parser("gui", help="mở cửa sổ chương trình", description="Mở cửa sổ chương trình.")
    gui.add_argument("--smoke-test", action="store_true", help="mở cửa sổ, chờ hiện xong rồi đóng (kiểm tra)")

    demo = commands.add_parser(
        "demo", help="tạo dữ liệu mẫu một năm của một xã",
        description="Tạo dữ liệu mẫu (xác định theo --seed) vào một cơ sở dữ liệu còn trống: đơn vị, cán bộ, cơ "
                    "quan, thôn; các cuộc đối thoại mọi cơ quan chủ trì, hình thức, trạng thái; đăng ký phát "
                    "biểu, biên bản, kiến nghị ở mọi trạng thái.")
    demo.add_argument("--year", type=_year, metavar="NĂM", help="năm của dữ liệu (mặc định: năm nay)")
    demo.add_argument("--commune", metavar="TÊN", help="tên xã (mặc định: Xã Tân Đoàn)")
    demo.add_argument("--sessions", type=_int, default=4, metavar="N", help="số cuộc đối thoại (mặc định 4)")
    demo.add_argument("--petitions", type=_int, default=None, metavar="N",
                      help="tổng số kiến nghị, chia cho các cuộc (mặc định khoảng 60)")
    demo.add_argument("--seed", type=_int, default=1, metavar="S", help="hạt giống ngẫu nhiên (mặc định 1)")

    sessions = commands.add_parser("sessions", help="liệt kê các cuộc đối thoại",
                                   description="Mỗi dòng: mã, ngày (ISO), cơ quan chủ trì, trạng thái, tên.")
    sessions.add_argument("--year", type=_year, metavar="NĂM", help="chỉ năm này")

    petitions = commands.add_parser(
        "petitions", help="liệt kê các kiến nghị",
        description="Mỗi dòng: mã, mã cuộc đối thoại, người kiến nghị, lĩnh vực, trạng thái, thời hạn (ISO), "
                    "“quá hạn” hoặc để trống.")
    petitions.add_argument("--year", type=_year, metavar="NĂM", help="chỉ năm này")
    petitions.add_argument("--status", metavar="TRẠNG_THÁI",
                           help="mới, đang giải quyết, đã giải quyết, đã trả lời tại hội nghị, đã chuyển cấp trên, "
                                "không thuộc thẩm quyền")
    petitions.add_argument("--overdue", action="store_true", help="chỉ kiến nghị quá hạn")
    petitions.add_argument("--search", metavar="CHỮ", default="",
                           help="tìm theo tên người kiến nghị hoặc nội dung, không phân biệt dấu, hoa thường")

    deadline = commands.add_parser(
        "deadline", help="tính thời hạn theo ngày làm việc",
        description="N ngày làm việc (hoặc ngày lịch) sau (hoặc trước) NGÀY, theo lịch nghỉ lễ, ngày làm bù và "
                    "các điều chỉnh của địa phương.")
    deadline.add_argument("date", metavar="NGÀY", help="yyyy-mm-dd hoặc dd/mm/yyyy")
    deadline.add_argument("days", type=_int, metavar="N", help="số ngày")
    deadline.add_argument("--before", action="store_true", help="tính lùi về trước")
    deadline.add_argument("--calendar-days", action="store_true", help="tính theo ngày lịch thay vì ngày làm việc")

    calendar = commands.add_parser(
        "calendar", help="lịch ngày nghỉ, ngày làm bù",
        usage="desk-app calendar NĂM\n       desk-app calendar set NGÀY (nghỉ|làm-việc) GHI_CHÚ [--yes]\n"
              "       desk-app calendar unset NGÀY [--yes]\n       desk-app calendar holiday [MÃ (nghỉ|làm-việc)] [--yes]",
        description="NĂM: liệt kê các ngày thường được nghỉ và các ngày cuối tuần phải làm việc, kèm nguồn (luật, "
                    "quyết định của Chính phủ, địa phương); năm chưa công bố lịch nghỉ ghi “dự kiến”.\n"
                    "set: đánh dấu một ngày là ngày nghỉ hoặc ngày làm việc của địa phương.\n"
                    "unset: bỏ đánh dấu của địa phương.\n"
                    "holiday: các ngày lễ chưa có căn cứ pháp lý (như 24/11); với MÃ: nghỉ hoặc làm việc ngày đó.\n"
                    "Thay đổi làm kiến nghị đã trả lời đổi kết quả đúng hạn/quá hạn chỉ áp dụng khi có --yes.")
    calendar.add_argument("words", nargs="+", metavar="…", help=argparse.SUPPRESS)
    calendar.add_argument("--yes", action="store_true",
                          help="áp dụng cả khi thay đổi làm kiến nghị đã trả lời đổi kết quả đúng hạn/quá hạn")
    calendar.set_defaults(calendar_parser=calendar)

    export = commands.add_parser(
        "export", help="xuất văn bản Word hoặc bảng tổng hợp Excel",
        description="Xuất một văn bản (.docx) theo mẫu, hoặc bảng tổng hợp (.xlsx) gửi cấp trên.\n"
                    "Theo hội nghị (--session): plan (kế hoạch), notice (thông báo), invitation (giấy mời), "
                    "registration-form (phiếu đăng ký phát biểu), minutes (biên bản), conclusion (thông báo kết "
                    "luận), upward-proposal (đề nghị cấp trên).\n"
                    "Theo kiến nghị (--petition): reply (trả lời công dân), extension (thông báo gia hạn).\n"
                    "Theo năm (--year): annual-report (báo cáo năm, .docx), summary (tổng hợp, .xlsx).\n"
                    "Số văn bản lấy theo sổ văn bản đi (số tiếp theo của năm) trừ khi nhập --number.")
    export.add_argument("kind", metavar="LOẠI", choices=EXPORT_KINDS, help=", ".join(EXPORT_KINDS))
    export.add_argument("--session", type=_int, metavar="MÃ", help="mã cuộc đối thoại")
    export.add_argument("--petition", type=_int, metavar="MÃ", help="mã kiến nghị")
    export.add_argument("--year", type=_year, metavar="NĂM", help="năm báo cáo, tổng hợp")
    export.add_argument("-o", "--output", required=True, metavar="TỆP", help="tệp kết quả (.docx hoặc .xlsx)")
    export.add_argument("--number", type=_int, metavar="SỐ", help="số văn bản theo sổ của cơ quan")
    export.add_argument("--date", metavar="NGÀY", help="ngày ban hành (mặc định: ngày đã ghi, nếu không thì hôm nay)")
    export.add_argument("--format", choices=("state", "party"), metavar="THỂ_THỨC",
                        help="state (hành chính, NĐ 30) hoặc party (của Đảng, HD 36); mặc định theo hội nghị")
    export.add_argument("--new-version", action="store_true",
                        help="văn bản đã ban hành: ban hành bản mới theo hồ sơ hiện nay (số mới, giữ bản cũ trong sổ)")
    export.add_argument("--per-invitee", action="store_true", help="giấy mời: mỗi người được mời một trang")
    export.add_argument("--no-form", action="store_true", help="giấy mời: không kèm phiếu đăng ký phát biểu")
    export.add_argument("--no-charts", action="store_true", help="báo cáo năm: không vẽ biểu đồ")
    export.add_argument("--body", choices=("dang_uy", "hdnd", "ubnd"), metavar="CƠ_QUAN",
                        help="báo cáo năm của cơ quan nào: dang_uy (thể thức của Đảng), hdnd hoặc ubnd (hành chính); "
                             "mặc định theo --format (party: Đảng ủy, state: UBND)")

    imports = commands.add_parser(
        "import", help="nhập dữ liệu từ Excel",
        description="registrations: nhập đăng ký phát biểu từ tệp .xlsx có dòng tiêu đề gồm các cột Họ và tên, "
                    "Năm sinh, Địa chỉ/Thôn, Điện thoại, Lĩnh vực, Nội dung. Nhập tất cả hoặc không nhập dòng nào.")
    imports.add_argument("what", choices=("registrations",), metavar="LOẠI", help="registrations")
    imports.add_argument("file", metavar="TỆP", help="tệp .xlsx")
    imports.add_argument("--session", type=_int, required=True, metavar="MÃ", help="mã cuộc đối thoại")

    consolidate = commands.add_parser(
        "consolidate", help="tổng hợp bảng tổng hợp của nhiều xã",
        description="Gộp các tệp tổng hợp (.xlsx) của nhiều xã (tệp hoặc thư mục) thành một bảng. Tệp không dùng "
                    "được bị bỏ qua và nêu lý do. Mỗi dòng kết quả: ok hoặc “bỏ qua”, đường dẫn, lý do.")
    consolidate.add_argument("-o", "--output", required=True, metavar="TỆP", help="tệp kết quả .xlsx")
    consolidate.add_argument("inputs", nargs="+", metavar="ĐẦU_VÀO", help="tệp .xlsx hoặc thư mục")
    consolidate.add_argument("--year", type=_year, metavar="NĂM", help="chỉ nhận các tệp của năm này")

    tpl = commands.add_parser(
        "templates", help="mẫu văn bản: liệt kê, sao chép để sửa, khôi phục mẫu gốc",
        description="list: liệt kê các mẫu và mẫu nào đang dùng bản đã sửa.\n"
                    "copy LOẠI THỂ_THỨC: chép mẫu gốc vào thư mục mẫu của người dùng để sửa bằng Word.\n"
                    "restore LOẠI THỂ_THỨC: bỏ bản đã sửa, dùng lại mẫu gốc.")
    tpl.add_argument("action", nargs="?", default="list", choices=("list", "copy", "restore"), metavar="VIỆC",
                     help="list, copy hoặc restore")
    tpl.add_argument("kind", nargs="?", metavar="LOẠI", help="loại văn bản (như lệnh export)")
    tpl.add_argument("format", nargs="?", default="state", choices=("state", "party"), metavar="THỂ_THỨC",
                     help="state hoặc party (mặc định state)")

    backup = commands.add_parser(
        "backup", help="sao lưu toàn bộ dữ liệu ra một tệp",
        description="Ghi một bản sao đầy đủ, nhất quán của cơ sở dữ liệu vào TỆP (ví dụ trên USB), kiểm tra toàn "
                    "vẹn rồi mới đặt vào chỗ.")
    backup.add_argument("file", metavar="TỆP", help="tệp sao lưu sẽ ghi")
    restore = commands.add_parser(
        "restore", help="khôi phục dữ liệu từ một bản sao lưu",
        description="Kiểm tra TỆP sao lưu, sao lưu dữ liệu hiện tại, rồi thay bằng dữ liệu trong TỆP.")
    restore.add_argument("file", metavar="TỆP", help="tệp sao lưu")
    commands.add_parser("check", help="kiểm tra tính toàn vẹn của dữ liệu",
                        description="Kiểm tra tệp cơ sở dữ liệu, các liên kết giữa các bảng và các trạng thái vô lý; "
                                    "in “ok” hoặc danh sách vấn đề.")

    stats = commands.add_parser(
        "stats", help="số liệu tổng hợp của một năm",
        description="Các số liệu của năm (cùng hàm với trang Tổng quan, báo cáo năm và bảng tổng hợp Excel): "
                    "mỗi dòng một chỉ tiêu và giá trị; --json: một đối tượng JSON.")
    stats.add_argument("--year", type=_year, required=True, metavar="NĂM", help="năm số liệu")
    stats.add_argument("--json", action="store_true", help="in một đối tượng JSON")
    stats.add_argument("--body", choices=("dang_uy", "hdnd", "ubnd"), metavar="CƠ_QUAN",
                       help="chỉ các cuộc của một cơ quan báo cáo: dang_uy, hdnd hoặc ubnd")

    petition = commands.add_parser(
        "petition", help="một kiến nghị: xem, gia hạn, trả lời công dân",
        usage="desk-app petition show MÃ\n"
              "       desk-app petition extend MÃ --until NGÀY --notified NGÀY --reason LÝ_DO [--number SỐ]\n"
              "       desk-app petition reply MÃ --date NGÀY --text NỘI_DUNG [--number SỐ] [--informed NGÀY]",
        description="show: kiến nghị như hồ sơ đang ghi (thời hạn đang áp dụng và nguồn của nó, ngày trả lời, "
                    "đúng hạn hay không, lịch sử).\n"
                    "extend: gia hạn — chỉ hợp lệ khi công dân được thông báo bằng văn bản trước khi hết hạn.\n"
                    "reply: văn bản trả lời công dân (vào sổ văn bản đi); in “đúng hạn” hoặc “quá hạn”.")
    petition_actions = petition.add_subparsers(dest="action", metavar="VIỆC", parser_class=_Parser, required=True)
    show = petition_actions.add_parser("show", help="xem một kiến nghị", description="Xem một kiến nghị.")
    show.add_argument("id", type=_int, metavar="MÃ", help="mã kiến nghị")
    extend = petition_actions.add_parser(
        "extend", help="gia hạn giải quyết",
        description="Ghi gia hạn: thời hạn mới (ngày làm việc), ngày thông báo bằng văn bản cho công dân (không sau "
                    "thời hạn đang áp dụng), lý do. In thời hạn mới.")
    extend.add_argument("id", type=_int, metavar="MÃ", help="mã kiến nghị")
    extend.add_argument("--until", required=True, metavar="NGÀY", help="thời hạn mới")
    extend.add_argument("--notified", required=True, metavar="NGÀY", help="ngày thông báo bằng văn bản cho công dân")
    extend.add_argument("--reason", required=True, metavar="LÝ_DO", help="lý do cần thêm thời gian")
    extend.add_argument("--number", type=_int, metavar="SỐ", help="số văn bản theo sổ văn bản đi (mặc định: số tiếp theo)")
    extend.add_argument("--late-as-history", action="store_true",
                        help="thông báo đã gửi sau thời hạn: chỉ ghi vào lịch sử, không đổi thời hạn")
    answer = petition_actions.add_parser(
        "reply", help="trả lời công dân bằng văn bản",
        description="Ghi văn bản trả lời công dân: ngày văn bản, nội dung; số theo sổ văn bản đi. In “đúng hạn” "
                    "hoặc “quá hạn”.")
    answer.add_argument("id", type=_int, metavar="MÃ", help="mã kiến nghị")
    answer.add_argument("--date", required=True, metavar="NGÀY", help="ngày văn bản trả lời")
    answer.add_argument("--text", required=True, metavar="NỘI_DUNG", help="nội dung trả lời, kết quả giải quyết")
    answer.add_argument("--number", type=_int, metavar="SỐ", help="số văn bản theo sổ văn bản đi (mặc định: số tiếp theo)")
    answer.add_argument("--informed", metavar="NGÀY", help="ngày công dân nhận được văn bản (nếu biết)")

    meeting = commands.add_parser(
        "session", help="mang một cuộc đối thoại đi hội nghị (máy không có mạng) và nhập kết quả về",
        usage="desk-app session export-package MÃ -o TỆP\n       desk-app session import-result TỆP [--dry-run]",
        description="export-package: ghi một tệp (cơ sở dữ liệu SQLite) có những gì hội nghị cần; máy xách tay mở "
                    "bằng --db TỆP và làm việc như bình thường. In đường dẫn tệp.\n"
                    "import-result: nhập kết quả hội nghị từ tệp đó vào cơ sở dữ liệu này, tất cả hoặc không gì cả; "
                    "bản ghi văn phòng cũng đã sửa trong lúc đó là xung đột: liệt kê, không ghi đè. In mỗi loại bản "
                    "ghi một dòng (tên, số bản ghi thêm hoặc sửa), rồi “xung đột”, số xung đột và mỗi xung đột một "
                    "dòng (loại, bản ghi, trường, giá trị ở văn phòng, giá trị trên máy xách tay).")
    meeting_actions = meeting.add_subparsers(dest="action", metavar="VIỆC", parser_class=_Parser, required=True)
    export_package = meeting_actions.add_parser(
        "export-package", help="mang cuộc đối thoại đi hội nghị",
        description="Ghi gói hội nghị của cuộc đối thoại MÃ vào TỆP; in đường dẫn tệp.")
    export_package.add_argument("id", type=_int, metavar="MÃ", help="mã cuộc đối thoại")
    export_package.add_argument("-o", "--output", required=True, metavar="TỆP", help="tệp gói hội nghị sẽ ghi")
    import_result = meeting_actions.add_parser(
        "import-result", help="nhập kết quả hội nghị từ gói",
        description="Nhập kết quả hội nghị từ gói TỆP (tất cả hoặc không gì cả); --dry-run: chỉ cho biết sẽ nhập gì.")
    import_result.add_argument("file", metavar="TỆP", help="gói hội nghị mang về")
    import_result.add_argument("--dry-run", action="store_true", help="chỉ cho biết kết quả, không thay đổi dữ liệu")

    reg = commands.add_parser("register", help="sổ văn bản đi",
                              description="Mỗi dòng: năm, số/ký hiệu, loại, ngày, người ký, tệp.")
    reg.add_argument("--year", type=_year, metavar="NĂM", help="chỉ năm này")
    return parser


# -- commands -------------------------------------------------------------------------------------------

_OPENED: list = []  # databases a command opened: their connections are closed when it ends
_CREATED: list = []  # SQLite files a command created: removed again when it is refused (nothing is created)


def _open(args):
    from pathlib import Path

    from desk_app.store.backup import backup_before_migrate
    from desk_app.store.database import open_database, resolve_target, sqlite_file

    file = sqlite_file(resolve_target(args.db))
    new = file is not None and not Path(file).exists()
    database = open_database(args.db, before_migrate=backup_before_migrate)
    _OPENED.append(database)
    if new:
        _CREATED.append(Path(file))
    return database


def _close_opened(refused: bool = False) -> None:
    while _OPENED:
        _OPENED.pop().dispose()
    while _CREATED:
        created = _CREATED.pop()
        if refused:  # the file this refused command created, and its journal: as if it had never run
            for path in (created, *(created.with_name(created.name + extra) for extra in ("-wal", "-shm"))):
                path.unlink(missing_ok=True)


def _print(line: str) -> None:
    sys.stdout.write(line + "\n")


def cmd_gui(args) -> int:
    from desk_app.gui.app import run

    return run(args.db, smoke_test=getattr(args, "smoke_test", False))


def cmd_demo(args) -> int:
    from desk_app.domain import clock
    from desk_app.services import demo

    options = demo.DemoOptions(year=args.year or clock.today().year, commune=args.commune,
                               sessions=args.sessions, petitions=args.petitions, seed=args.seed)
    demo.check_options(options)  # before the database is opened (or created)
    database = _open(args)
    with database.session() as session:
        ids = demo.generate(session, options)
    for session_id in ids:
        _print(str(session_id))
    return 0


def cmd_sessions(args) -> int:
    from desk_app.domain.states import Host, SessionStatus
    from desk_app.services import sessions

    database = _open(args)
    with database.session() as session:
        for ds in sessions.list_sessions(session, args.year):
            _print("\t".join([str(ds.id), ds.session_date.isoformat(), Host(ds.host).label,
                              SessionStatus(ds.status).label, _one_line(ds.title)]))
    return 0


def cmd_petitions(args) -> int:
    from sqlalchemy import select

    from desk_app.domain import clock
    from desk_app.domain.states import PetitionStatus
    from desk_app.domain.validation import check_search
    from desk_app.services import followup
    from desk_app.services.common import load_calendar
    from desk_app.store import models as m

    check_search(args.search)
    database = _open(args)
    today = clock.today()
    flt = followup.PetitionFilter(year=args.year, status=args.status, overdue=args.overdue, search=args.search)
    with database.session(read_only=True) as session:
        where = followup.filter_clause(flt, today, load_calendar(session), session)
        query = (select(m.Petition.id, m.Petition.session_id, m.Petition.citizen_name, m.Field.name,
                        m.Petition.status, m.Petition.due_date)
                 .outerjoin(m.Field, m.Field.id == m.Petition.field_id).where(where).order_by(m.Petition.id))
        labels = {s.value: s.label for s in PetitionStatus}
        out = sys.stdout
        for pid, sid, citizen, field, status, due in session.execute(query).yield_per(2000):
            overdue = status in followup.OPEN_STATUSES and due is not None and due < today
            out.write(f"{pid}\t{sid}\t{_one_line(citizen)}\t{field or ''}\t{labels[status]}\t"
                      f"{due.isoformat() if due else ''}\t{'quá hạn' if overdue else ''}\n")
    return 0


def cmd_deadline(args) -> int:
    from desk_app.domain.validation import parse_day
    from desk_app.services import workdays

    anchor = parse_day(args.date, field="date")
    database = _open(args)
    with database.session() as session:
        result = workdays.deadline(session, anchor, args.days, before=args.before,
                                   calendar_days=args.calendar_days)
    _print(result.isoformat())
    return 0


def cmd_calendar(args) -> int:
    from desk_app.domain.validation import parse_day
    from desk_app.services import workdays

    words = args.words
    calendar_parser = args.calendar_parser
    action = words[0]
    if action == "set":
        if len(words) < 3:
            calendar_parser.error("cần: calendar set NGÀY (nghỉ|làm-việc) GHI_CHÚ")
        day = parse_day(words[1], field="date")
        kind = workdays.parse_day_kind(words[2])
        note = " ".join(words[3:])
        # run(): again if it raced another writer (PostgreSQL); asks (--yes) when answered petitions would flip
        _open(args).run(lambda session: workdays.set_override(session, day, kind, note, confirm=args.yes))
        return 0
    if action == "unset":
        if len(words) != 2:
            calendar_parser.error("cần: calendar unset NGÀY")
        day = parse_day(words[1], field="date")
        _open(args).run(lambda session: workdays.unset_override(session, day, confirm=args.yes))
        return 0
    if action == "holiday":
        if len(words) not in (1, 3):
            calendar_parser.error("cần: calendar holiday hoặc calendar holiday MÃ (nghỉ|làm-việc)")
        database = _open(args)
        if len(words) == 3:
            observed = workdays.parse_day_kind(words[2]).value == "nghi"
            database.run(lambda session: workdays.observe_pending_holiday(session, words[1], observed,
                                                                          confirm=args.yes))
        with database.session(read_only=True) as session:
            for key, name, note, observed in workdays.pending_holidays(session):
                _print(f"{key}\t{name}\t{'nghỉ' if observed else 'làm việc'}\t{_one_line(note)}")
        return 0
    if len(words) != 1:
        calendar_parser.error("cần: calendar NĂM, calendar set …, calendar unset … hoặc calendar holiday …")
    try:
        year = _year(action)
    except argparse.ArgumentTypeError as exc:
        calendar_parser.error(str(exc))
    with _open(args).session() as session:
        for row in workdays.special_days(session, year):
            # cli.md's three columns, then (an extension) where the day comes from: the deciding document, a
            # pending legal basis, "dự kiến" for a year whose days off are not announced yet
            note = "; ".join(x for x in (row.note, "dự kiến: chưa công bố lịch nghỉ của năm" if row.provisional
                                         else "") if x)
            _print(f"{row.day.isoformat()}\t{row.label}\t{row.name}" + (f"\t{note}" if note else ""))
    return 0


def cmd_stats(args) -> int:
    import json

    from desk_app.services import statistics

    with _open(args).session() as session:
        stats = statistics.compute(session, statistics.Period.year(args.year), body=args.body)
    if args.json:
        _print(json.dumps(statistics.as_json(stats, args.year), ensure_ascii=False, sort_keys=False))
        return 0
    for _key, label, value in stats.total.items():
        _print(f"{label}\t{'' if value is None else str(value).replace('.', ',')}")
    for item in stats.compliance:
        _print(f"Nghĩa vụ: {item.label}\tđã tổ chức {item.held}/{item.required} cuộc — {item.state_label}")
    return 0


def cmd_petition(args) -> int:
    from desk_app.domain import clock
    from desk_app.domain.validation import parse_day
    from desk_app.services import followup

    with _open(args).session() as session:
        if args.action == "extend":
            extension = followup.extend(session, args.id, parse_day(args.until, field="until"), args.reason,
                                        parse_day(args.notified, field="notified"), args.number,
                                        late_as_history=args.late_as_history)
            due = followup.petition_due(session, args.id)
            _print(due.isoformat() if due else "")
            if not extension.valid:
                _warn("Đã ghi vào lịch sử; thời hạn không đổi vì thông báo gửi công dân sau thời hạn.")
            return 0
        if args.action == "reply":
            informed = parse_day(args.informed, field="informed") if args.informed else None
            petition = followup.reply(session, args.id, parse_day(args.date, field="date"), args.text,
                                      number=args.number, informed_date=informed)
            _print("đúng hạn" if followup.on_time(petition) else "quá hạn")
            return 0
        for key, value in followup.petition_record(session, args.id, clock.today()):
            _print(f"{key}\t{_one_line(value)}" if key != "history" else f"history\t{value}")
    return 0


def _warn(line: str) -> None:
    sys.stderr.write(line + "\n")


def cmd_export(args) -> int:
    from pathlib import Path

    from desk_app.domain.errors import ValidationError
    from desk_app.domain.validation import parse_day

    kind = args.kind
    needs = {"reply": "petition", "extension": "petition", "annual-report": "year", "summary": "year"}.get(kind, "session")
    if getattr(args, needs) is None:
        option = {"petition": "--petition MÃ", "year": "--year NĂM", "session": "--session MÃ"}[needs]
        raise ValidationError({needs: f"Lệnh export {kind} cần {option}."})
    target = Path(args.output)
    database = _open(args)
    if kind == "summary":
        from desk_app.documents.summary import write_summary
        from desk_app.services.statistics import Period

        if target.suffix.lower() != ".xlsx":
            raise ValidationError({"output": f"Tệp tổng hợp phải có đuôi .xlsx: {target.name}"})
        with database.session() as session:
            write_summary(session, Period.year(args.year), target)
        _print(str(target))
        return 0
    from desk_app.documents.export import ExportRequest, export_document

    request = ExportRequest(kind=kind, target=target, session_id=args.session, petition_id=args.petition,
                            year=args.year, number=args.number,
                            issued_date=parse_day(args.date, field="date", label="Ngày ban hành") if args.date
                            else None,
                            fmt=args.format, per_invitee=args.per_invitee, with_form=not args.no_form,
                            charts=not args.no_charts, body=args.body, new_version=args.new_version)
    with database.session() as session:
        result = export_document(session, request)
    for warning in result.warnings:
        _warn(warning)
    _print(str(result.path))
    return 0


def cmd_import(args) -> int:
    from desk_app.documents.registration_import import import_registrations

    database = _open(args)
    with database.session() as session:
        count = import_registrations(session, args.session, args.file)
    _print(str(count))
    return 0


def cmd_consolidate(args) -> int:
    from desk_app.documents.consolidate import NothingToConsolidate, consolidate

    try:
        result = consolidate(args.inputs, args.output, year=args.year)
    except NothingToConsolidate as exc:
        _report_inputs(exc.result.inputs)  # cli.md: one line per input, also when none was usable
        raise
    _report_inputs(result.inputs)
    return 0


def _report_inputs(inputs) -> None:
    for item in inputs:
        if item.ok:
            _print(f"ok\t{item.path}\t")
        else:
            _print(f"bỏ qua\t{item.path}\t{_one_line(item.reason)}")
            _warn(f"Bỏ qua {item.path}: {_one_line(item.reason)}")


def cmd_templates(args) -> int:
    from desk_app.documents import templates
    from desk_app.domain.errors import ValidationError

    if args.action == "list":
        for info in templates.list_templates():
            where = f"bản đã sửa: {info.user}" if info.overridden else "mẫu gốc"
            _print(f"{info.kind}\t{info.fmt}\t{info.label}\t{where}")
        return 0
    if not args.kind:
        raise ValidationError({"kind": "Cần nêu loại văn bản, ví dụ: desk-app templates copy plan state."})
    if args.action == "copy":
        _print(str(templates.copy_to_user(args.kind, args.format)))
        return 0
    aside = templates.restore_original(args.kind, args.format)
    _print(f"Đã dùng lại mẫu gốc; bản đã sửa được giữ tại {aside}." if aside else "Mẫu này đang là mẫu gốc.")
    return 0


def cmd_backup(args) -> int:
    from desk_app.store.backup import write_backup

    database = _open(args)
    try:
        _print(str(write_backup(database, args.file)))
    finally:
        database.dispose()
    return 0


def cmd_restore(args) -> int:
    from desk_app.store.backup import restore

    restore(args.db, args.file)
    return 0


def cmd_check(args) -> int:
    from desk_app.services.integrity import check

    database = _open(args)
    try:
        problems = check(database)
    finally:
        database.dispose()
    for problem in problems or ["ok"]:
        _print(problem)
    return 1 if problems else 0


def cmd_session(args) -> int:
    from desk_app.services import meeting_package

    database = _open(args)
    if args.action == "export-package":
        with database.session(read_only=True) as session:
            _print(str(meeting_package.export_package(session, args.id, args.output)))
        return 0
    # run(): again if it raced another writer (PostgreSQL); every attempt starts from the database as it is
    result = database.run(lambda session: meeting_package.import_result(session, args.file, dry_run=args.dry_run))
    for name, count in result.counts:
        _print(f"{name}\t{count}")
    _print(f"xung đột\t{len(result.conflicts)}")
    for conflict in result.conflicts:
        _print("\t".join(_one_line(text) for text in (conflict.kind, conflict.record, conflict.field,
                                                      conflict.office_value, conflict.laptop_value)))
    for line in result.not_brought_back:
        _warn(f"Lưu ý: {line}.")
    return 0


def cmd_register(args) -> int:
    from desk_app.services import register

    with _open(args).session() as session:
        for row in register.entries(session, args.year):
            number = register.reference(row) if row.symbol else "(không số)"
            _print("\t".join([str(row.year), number, row.kind, row.issued_date.isoformat(), row.signer,
                              row.file_path]))
    return 0


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


# -- entry point ----------------------------------------------------------------------------------------

def _utf8_streams() -> None:
    # Scripts on Windows read our output through pipes: make it UTF-8 whatever the console code page.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass


def main(argv: Sequence[str] | None = None) -> int:
    if getattr(sys, "frozen", False):  # a frozen build's consolidation workers must not start the program again
        import multiprocessing

        multiprocessing.freeze_support()
    _utf8_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    from desk_app.domain.errors import DeskAppError

    if args.command not in (None, "gui"):  # the window sets its log up after it is shown (start-up time)
        from desk_app.logs import setup_logging

        setup_logging()
    handlers: dict[str | None, Callable] = {
        None: cmd_gui, "gui": cmd_gui, "demo": cmd_demo, "sessions": cmd_sessions, "petitions": cmd_petitions,
        "deadline": cmd_deadline, "calendar": cmd_calendar, "export": cmd_export, "import": cmd_import,
        "consolidate": cmd_consolidate, "templates": cmd_templates, "register": cmd_register,
        "backup": cmd_backup, "restore": cmd_restore, "check": cmd_check, "stats": cmd_stats,
        "petition": cmd_petition, "session": cmd_session,
    }
    try:
        return handlers[args.command](args)
    except DeskAppError as exc:
        _close_opened(refused=True)
        # a list (what a document still needs, the bad rows of an import) keeps one item per line
        sys.stderr.write("\n".join(_one_line(line) for line in exc.message.splitlines() if line.strip()) + "\n")
        return 1
    except KeyboardInterrupt:
        _close_opened(refused=True)
        sys.stderr.write("Đã dừng theo yêu cầu; dữ liệu không thay đổi.\n")
        return 130
    except BrokenPipeError:
        # Output piped into `head`: the reader left, nothing is wrong. Silence the final flush.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 — the last guard: never show a traceback
        from desk_app.logs import log_unexpected

        _close_opened(refused=True)
        where = log_unexpected(exc)
        sys.stderr.write("Lỗi không mong muốn; dữ liệu không thay đổi. "
                         f"Chi tiết đã ghi vào {where}.\n")
        return 1
    finally:
        _close_opened()


if __name__ == "__main__":
    sys.exit(main())

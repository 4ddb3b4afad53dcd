"""Pictures of the real window for the user guide (docs/images/), taken from a demo year.

    QT_QPA_PLATFORM=offscreen .venv/bin/python build/guide_screenshots.py            # all pictures, 1366×768
    QT_QPA_PLATFORM=offscreen .venv/bin/python build/guide_screenshots.py --scale 1.25 --out /tmp/shots

Each page of the main window is shown at a clerk's screen size (1366×768 less the task bar) and grabbed as it
is drawn; the hall screen too. The guide shows them scaled to its reading width. Run it again after a change
to a page so the guide shows what the clerk sees.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
GUIDE_WIDTH = 860  # the help window's reading width: the pictures are scaled to it


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE.parent / "docs" / "images")
    parser.add_argument("--size", default="1366x728", help="the window's size in screen pixels (default: 1366×768 "
                                                           "less a 40-pixel task bar)")
    parser.add_argument("--scale", type=float, default=1.0, help="the screen's scaling (1.25 for 125 %%)")
    parser.add_argument("--font", type=int, help="the window's font size in points (Cài đặt → Cỡ chữ)")
    parser.add_argument("--full", action="store_true", help="keep the full size (no scaling to the guide's width)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    os.environ.setdefault("DESK_APP_TODAY", "2026-12-05")
    os.environ["LOGNAME"] = os.environ["USER"] = os.environ["USERNAME"] = "vanthu"  # "người mang đi" of the package
    work = Path(tempfile.mkdtemp(prefix="desk-app-shots-"))
    os.environ["DESK_APP_DATA_DIR"] = str(work / "data")

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    import datetime as dt

    from desk_app.gui.app import create_application
    from desk_app.gui.context import AppContext
    from desk_app.gui.main_window import PAGES, MainWindow
    from desk_app.services import minutes
    from desk_app.services.demo import DemoOptions, generate
    from desk_app.store.database import open_database

    app = QApplication.instance() or create_application()
    database = open_database(str(work / "demo.sqlite3"))
    with database.session() as session:
        generate(session, DemoOptions(year=2026))
    if args.font:
        from desk_app.gui.app import apply_font_size

        apply_font_size(app, args.font)
    ctx = AppContext(database)
    width, height = (int(v) for v in args.size.split("x"))
    def settle(rounds: int = 30) -> None:
        for _ in range(rounds):
            app.processEvents()
            ctx.wait_for_tasks()
        app.processEvents()

    def save(widget, name: str) -> None:
        settle()
        image = widget.grab().toImage()
        if not args.full and image.width() > GUIDE_WIDTH:
            image = image.scaledToWidth(GUIDE_WIDTH, Qt.SmoothTransformation)
        image.save(str(args.out / f"{name}.png"))
        print(args.out / f"{name}.png")

    window = MainWindow()
    window.attach(ctx)
    window.resize(round(width / args.scale), round(height / args.scale))
    window.show()
    settle()
    # the status bar names the database file; a picture for the guide shows its name, not this machine's folders
    from PySide6.QtWidgets import QLabel

    for label in window.statusBar().findChildren(QLabel):
        if label.text().startswith("Cơ sở dữ liệu:"):
            label.setText("Cơ sở dữ liệu: du-lieu-mau.sqlite3")
    args.out.mkdir(parents=True, exist_ok=True)

    for key, *_rest in PAGES:
        window.show_page(key)
        save(window, f"trang-{key}")
    # "Nhập kết quả hội nghị": the session taken out, its meeting begun on the laptop, one speaker's telephone
    # corrected in both places meanwhile — the import dialog before anything is written
    import dataclasses

    from desk_app.gui.meeting_package_dialogs import ImportDialog
    from desk_app.services import meeting_package, registrations

    window.show_page("live")
    meeting = window.session_in_view()
    package = work / "Goi_hoi_nghi.sqlite3"
    with ctx.session() as session:
        meeting_package.export_package(session, meeting, package)
        speaker = registrations.queue(session, meeting)[1].id
    laptop = open_database(str(package))
    with laptop.session() as session:
        begun = dt.datetime(2026, 12, 5, 14, 0)
        minutes.start_meeting(session, meeting, begun, "Lê Thị Hương")
        minutes.reach_step(session, meeting, "c", begun + dt.timedelta(minutes=20))
        minutes.call_next(session, meeting, begun + dt.timedelta(minutes=21))
        data, version = registrations.registration_input(session, speaker)
        registrations.update_registration(session, speaker, dataclasses.replace(data, phone="0912 345 678"), version)
    laptop.dispose()
    with ctx.session() as session:
        data, version = registrations.registration_input(session, speaker)
        registrations.update_registration(session, speaker, dataclasses.replace(data, phone="0987 654 321"), version)
    ctx.changed("registrations")
    preview = ctx.database.run(lambda session: meeting_package.import_result(session, package, dry_run=True))
    dialog = ImportDialog(ctx, preview, window)
    dialog.show()
    save(dialog, "nhap-ket-qua-hoi-nghi")
    dialog.reject()

    # the meeting under way: started, the citizens' turn, the first speaker on the floor
    with ctx.session() as session:
        window.show_page("live")
        meeting = window.session_in_view()
        start = dt.datetime(2026, 12, 5, 14, 0)
        minutes.start_meeting(session, meeting, start, "Lê Thị Hương")
        minutes.reach_step(session, meeting, "c", start + dt.timedelta(minutes=25))
        opinion = minutes.call_next(session, meeting, start + dt.timedelta(minutes=26))
        minutes.save_opinion_text(session, opinion.id, "Đề nghị xã sớm sửa chữa đoạn đường từ thôn ra trung tâm xã, "
                                                       "mùa mưa bị sạt lở, học sinh đi lại khó khăn.")
    for topic in ("sessions", "minutes", "registrations"):
        ctx.changed(topic)
    window.show_page("live")
    settle()
    save(window, "trang-live-dang-hop")
    window.toggle_hall_screen()
    if window.hall_screen is not None:
        window.hall_screen.resize(round(1280 / args.scale), round(720 / args.scale))
        save(window.hall_screen, "man-hinh-hoi-truong")
        window.hall_screen.close()
    window.close()
    ctx.wait_for_tasks()
    database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())

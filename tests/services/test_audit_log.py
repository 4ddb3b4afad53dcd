"""The audit log viewer's reading: who, when, what, before/after; never a password hash."""

from __future__ import annotations

from desk_app.services import access, audit_log, catalog


def test_entries_say_who_changed_what(session, commune):
    hamlet = catalog.save_hamlet(session, "Thôn Nà Cài")
    catalog.save_hamlet(session, "Thôn Nà Cài Mới", hamlet_id=hamlet.id)
    newest = audit_log.entries(session, limit=5)
    assert newest[0].action == "Sửa" and newest[0].table == "Thôn, tổ dân phố" and newest[0].row_id == hamlet.id
    assert "tên: Thôn Nà Cài → Thôn Nà Cài Mới" in newest[0].summary and newest[0].user
    assert all(e.table == "Thôn, tổ dân phố" for e in audit_log.entries(session, search="thôn"))


def test_password_hash_never_shown(session, commune):
    access.set_password(session, "bi-mat-123")
    access.set_password(session, "bi-mat-456", old="bi-mat-123")  # an update of the same setting row
    shown = " ".join(e.summary for e in audit_log.entries(session, limit=20))
    from desk_app.services import settings

    assert settings.get(session, access.KEY)["hash"] not in shown


def test_settings_profiles_and_dates_read_in_vietnamese(session, commune):
    """Issue 14: the log showed "ui.speaking_seconds", "data: {'code': …}" and ISO dates."""
    import datetime as dt

    from desk_app.services import settings

    settings.put(session, settings.SPEAKING_SECONDS, 240)
    settings.put(session, settings.SPEAKING_SECONDS, 180)
    session.flush()
    shown = " | ".join(e.summary for e in audit_log.entries(session, limit=20))
    assert "ui.speaking_seconds" not in shown and "thời gian phát biểu mặc định (giây)" in shown
    assert "giá trị: 240 → 180" in shown
    assert "{" not in shown and "'" not in shown
    assert audit_log._summary({"data": [{"code": "a", "days": 10}, {"code": "a", "days": 15}]}, "update") == \
        "nội dung: đổi 1 mục"
    assert audit_log._summary({"due_date": ["2026-12-05", "2027-01-04"]}, "update") == \
        "hạn giải quyết: 05/12/2026 → 04/01/2027"
    assert audit_log._summary({"actual_start": "2026-12-05T08:30:00"}, "insert") == "bắt đầu: 05/12/2026 08:30"
    assert audit_log._summary({"day": dt.date(2026, 9, 2)}, "insert") == "ngày: 02/09/2026"

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

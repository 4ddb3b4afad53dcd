"""What the hall screen reads (services.hall): the session, its chair, who has the floor, the next three, the
agenda step between speakers — and never a registration's personal data."""

from __future__ import annotations

import datetime as dt

from desk_app.services import hall, minutes, registrations
from desk_app.services.registrations import RegistrationInput

START = dt.datetime(2026, 6, 10, 8, 0)


def _register(session, ds, commune, count: int) -> list[int]:
    ids = []
    for i in range(count):
        reg = registrations.add_registration(session, ds.id, RegistrationInput(
            citizen_name=f"Người thứ {i + 3}", content=f"Nội dung riêng số {i + 3}", cccd=f"0010900{i:05d}",
            phone=f"09120000{i:02d}", address=f"Số {i + 7} ngõ Hoa Ban", birth_year=1960 + i,
            hamlet_id=commune.hamlets[i % 3].id if i != 1 else None, received_date=dt.date(2026, 6, 1)))
        ids.append(reg.id)
    return ids


def test_before_the_meeting_a_still_slide(session, make_session, commune):
    ds = make_session(stage="invited")
    view = hall.hall_view(session, ds.id)
    assert view.phase == "before" and view.speaker is None and view.next_up == [] and view.step == ""
    assert view.title == ds.title and view.commune == "Xã Tân Đoàn"
    assert view.host == "Chủ trì: Đồng chí Nguyễn Văn Đức, Chủ tịch UBND xã"
    assert view.when == "08:00 ngày 10/06/2026" and view.place == "Hội trường UBND xã"
    assert view.speaking_seconds == 300


def test_the_floor_the_queue_and_the_steps(session, make_session, commune):
    ds = make_session(stage="in_progress")
    _register(session, ds, commune, 4)
    view = hall.hall_view(session, ds.id)
    assert view.phase == "live" and view.step == "Khai mạc hội nghị" and view.speaker is None
    assert [p.name for p in view.next_up] == ["Công dân số 1", "Công dân số 2", "Người thứ 3"]
    assert view.next_up[0].hamlet == "Thôn Bản Lải"

    minutes.reach_step(session, ds.id, "c", START + dt.timedelta(minutes=30))
    first = minutes.call_next(session, ds.id, START + dt.timedelta(minutes=31))
    view = hall.hall_view(session, ds.id)
    assert view.speaker == hall.HallPerson("Công dân số 1", "Thôn Bản Lải")
    assert [p.name for p in view.next_up] == ["Công dân số 2", "Người thứ 3", "Người thứ 4"]
    assert view.next_up[2].hamlet == ""  # no hamlet: the address typed instead is not shown

    # The opinion is still open when the chair moves on to the answers: the room sees the step.
    minutes.reach_step(session, ds.id, "d", START + dt.timedelta(minutes=40))
    view = hall.hall_view(session, ds.id)
    assert view.speaker is None and view.step == "Phần trả lời của lãnh đạo xã"
    # Back to the citizens: the next speaker has the floor again.
    minutes.reach_step(session, ds.id, "c", START + dt.timedelta(minutes=45))
    minutes.call_next(session, ds.id, START + dt.timedelta(minutes=46), finishing=first.id)
    assert hall.hall_view(session, ds.id).speaker.name == "Công dân số 2"

    minutes.reach_step(session, ds.id, "dd", START + dt.timedelta(minutes=90))
    assert hall.hall_view(session, ds.id).step == "Kết luận của chủ tọa"
    minutes.end_meeting(session, ds.id, START + dt.timedelta(hours=2), citizens_attending=80,
                        delegates_attending=10)
    view = hall.hall_view(session, ds.id)
    assert view.phase == "after" and view.speaker is None and view.next_up == []


def test_no_personal_data_in_what_the_hall_reads(session, make_session, commune):
    ds = make_session(stage="in_progress")
    _register(session, ds, commune, 4)
    minutes.call_next(session, ds.id, START + dt.timedelta(minutes=5))
    view = hall.hall_view(session, ds.id)
    shown = " ".join(view.texts())
    for reg in registrations.queue(session, ds.id):
        for private in (reg.cccd, reg.phone, reg.address, reg.content, str(reg.birth_year or "")):
            if private:
                assert private not in shown
    assert "Công dân số 1" in shown

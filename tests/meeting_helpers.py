"""Shared by the tests of the meeting package (services and command line): the office's demo year, the meeting
as the laptop records it, what the office changes meanwhile, and views of the records without their ids."""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import select

from desk_app.services import catalog, demo, followup, meeting_package, minutes, registrations
from desk_app.services.minutes import OpinionInput
from desk_app.services.registrations import RegistrationInput
from desk_app.store import models as m

KIND_NAMES = ["cuộc đối thoại", "bước chương trình", "đăng ký phát biểu", "ý kiến", "trả lời tại hội nghị",
              "kiến nghị", "văn bản", "danh mục"]


# -- helpers ---------------------------------------------------------------------------------------------

def make_demo(database, **options) -> int:
    """Fill ``database`` with the demo year; the id of its session still ahead (Đã mời)."""
    with database.session() as s:
        demo.generate(s, demo.DemoOptions(year=2026, **options))
        return s.scalar(select(m.DialogueSession.id).where(m.DialogueSession.status == "da_moi"))


def export(database, session_id, target):
    with database.session(read_only=True) as s:
        return meeting_package.export_package(s, session_id, target)


def bring_back(database, path, **kw):
    with database.session() as s:
        return meeting_package.import_result(s, path, **kw)


def fingerprint(database) -> str:
    """Every row of every table: equal fingerprints mean nothing changed."""
    digest = hashlib.sha256()
    with database.engine.connect() as connection:
        for table in m.Base.metadata.sorted_tables:
            for row in connection.execute(select(table).order_by(*table.primary_key.columns)):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def file_hash(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _registration_input(reg: m.Registration, **changes) -> RegistrationInput:
    values = dict(citizen_name=reg.citizen_name, content=reg.content, birth_year=reg.birth_year, gender=reg.gender,
                  cccd=reg.cccd, phone=reg.phone, hamlet_id=reg.hamlet_id, address=reg.address,
                  speaks_for=reg.speaks_for, speaks_for_count=reg.speaks_for_count, field_id=reg.field_id,
                  addressed_to=reg.addressed_to, addressed_agency_id=reg.addressed_agency_id, channel=reg.channel,
                  received_date=reg.received_date)
    values.update(changes)
    return RegistrationInput(**values)


def meeting_day(database, session_id) -> dt.date:
    with database.session() as s:
        return s.get(m.DialogueSession, session_id).planned_start.date()


def run_meeting(laptop, sid) -> dict:
    """The meeting as the secretary records it on the laptop: the door, the floor, the close."""
    with laptop.session() as s:
        ds = s.get(m.DialogueSession, sid)
        start = ds.planned_start
        queue = registrations.queue(s, sid)
        assert len(queue) >= 6
        hamlets = list(s.scalars(select(m.Hamlet).order_by(m.Hamlet.id)))
        field = s.scalar(select(m.Field).where(m.Field.name == "Giao thông, hạ tầng"))
        # at the door: a phone number corrected, one absent, one refused, one registered twice
        registrations.update_registration(s, queue[0].id, _registration_input(queue[0], phone="0912345678"))
        registrations.set_state(s, queue[5].id, "vang_mat")
        reason = refusal_reason(s, ds)
        registrations.refuse(s, queue[4].id, reason, "Có biểu hiện say rượu, gây mất trật tự")
        duplicate = registrations.add_registration(s, sid, _registration_input(queue[1], channel="tai_hoi_nghi"))
        registrations.merge(s, duplicate.id, queue[1].id)
        # the catalogue on the laptop: a hamlet added at the door, one renamed, one renamed differently from
        # the office (a conflict)
        new_hamlet = catalog.save_hamlet(s, "Thôn Khuổi Hẩu")
        catalog.save_hamlet(s, "Thôn Bản Lải Trên", hamlet_id=hamlets[0].id)
        catalog.save_hamlet(s, "Thôn Nà Cạn (máy xách tay)", hamlet_id=hamlets[1].id)
        walk_in = registrations.add_walk_in(s, sid, RegistrationInput(
            citizen_name="hà văn tới", hamlet_id=new_hamlet.id, field_id=field.id,
            content="Đề nghị sửa cầu treo qua suối Khuổi Hẩu trước mùa mưa."), priority=True)
        # the meeting
        minutes.start_meeting(s, sid, start, secretary_name="Đỗ Thị Lan")
        minutes.reach_step(s, sid, "b", start + dt.timedelta(minutes=15), "Thông tin kết quả lãnh đạo năm 2026")
        minutes.reach_step(s, sid, "c", start + dt.timedelta(minutes=40))
        agency = s.scalar(select(m.Agency).where(m.Agency.kind == "chuyen_mon").order_by(m.Agency.id))
        earlier = s.scalar(select(m.Petition).where(m.Petition.session_id != sid,
                                                     m.Petition.status.in_(["moi", "dang_giai_quyet"]))
                           .order_by(m.Petition.id))
        now = start + dt.timedelta(minutes=45)
        petitions = []
        for index, reg in enumerate([r for r in registrations.queue(s, sid) if r.state == "cho_phat_bieu"]):
            minutes.call_speaker(s, reg.id)
            opinion = minutes.record_opinion(s, sid, OpinionInput(registration_id=reg.id, content=reg.content,
                                                                  started_at=now))
            now += dt.timedelta(minutes=4)
            minutes.add_answer(s, opinion.id, f"Trả lời ý kiến thứ {index + 1} tại hội nghị.",
                               responder_kind="co_quan", agency_id=agency.id)
            outcome = "tra_loi_tai_hoi_nghi" if index % 2 else "giao_giai_quyet"
            minutes.finish_opinion(s, opinion.id, now, outcome)
            petition = minutes.petition_from_opinion(s, opinion.id, lead_agency_id=agency.id,
                                                     conclusion=f"Kết luận về ý kiến thứ {index + 1}.")
            petitions.append(petition.id)
        # a matter raised again: linked to the open petition of an earlier session the package carries
        followup.link_earlier(s, petitions[0], earlier.id)
        # a speaker the chair gives the floor without registration
        free = minutes.record_opinion(s, sid, OpinionInput(speaker_name="lò thị hoa", content="Cảm ơn hội nghị.",
                                                           started_at=now, hamlet_id=hamlets[2].id))
        minutes.add_answer(s, free.id, "Người chủ trì ghi nhận.")
        minutes.finish_opinion(s, free.id, now + dt.timedelta(minutes=2), "tra_loi_tai_hoi_nghi")
        minutes.reach_step(s, sid, "d", now + dt.timedelta(minutes=5))
        minutes.reach_step(s, sid, "dd", now + dt.timedelta(minutes=25))
        minutes.end_meeting(s, sid, now + dt.timedelta(minutes=40), citizens_attending=187, delegates_attending=31,
                            general_conclusion="Hội nghị kết luận: các cơ quan giải quyết dứt điểm trong năm.")
        return {"door_fixed": queue[0].id, "merged_into": queue[1].id, "hamlet_renamed": hamlets[0].id,
                "hamlet_conflict": hamlets[1].id, "walk_in": walk_in.id, "earlier": earlier.id}


def refusal_reason(s, ds) -> str:
    from desk_app.services.common import domain_profile

    return domain_profile(ds.profile).refusal_reasons[0].code


def office_meanwhile(database, sid, laptop_did) -> dict:
    """What the office records while the laptop is at the hall: other records, and the same ones."""
    with database.session() as s:
        reg = s.get(m.Registration, laptop_did["door_fixed"])
        registrations.update_registration(s, reg.id, _registration_input(reg, phone="0988000111"))
        catalog.save_hamlet(s, "Thôn Nà Cạn (văn phòng)", hamlet_id=laptop_did["hamlet_conflict"])
        late = registrations.add_registration(s, sid, RegistrationInput(
            citizen_name="Vi Văn Sáng", content="Phiếu đăng ký gửi muộn về đường nội đồng."))
        earlier = s.get(m.Petition, laptop_did["earlier"])
        agency = s.scalar(select(m.Agency).where(m.Agency.kind == "chuyen_mon").order_by(m.Agency.id.desc()))
        followup.assign(s, earlier.id, agency.id, note="Giao lại tại văn phòng")
        police = s.scalar(select(m.Agency).where(m.Agency.kind == "cong_an"))
        catalog.save_agency(s, catalog.AgencyInput(name=police.name, short_name=police.short_name, kind=police.kind,
                                                   head_name="Nông Văn Thành", head_title=police.head_title),
                            agency_id=police.id)
        return {"late": late.id, "earlier_status": earlier.status, "earlier_lead": earlier.lead_agency_id,
                "police": police.id}


# Views of the records without their ids: what the laptop recorded must be what the office holds.

def _name(row, attr="name"):
    return getattr(row, attr) if row is not None else None


def registration_view(s, sid):
    rows = s.scalars(select(m.Registration).where(m.Registration.session_id == sid))
    return sorted((r.citizen_name, r.content, r.phone, r.state, r.queue_order, r.channel, r.received_date,
                   r.refusal_code, r.refusal_note, r.priority, _name(r.hamlet),
                   s.get(m.Registration, r.merged_into_id).citizen_name if r.merged_into_id else None)
                  for r in rows)


def opinion_view(s, sid):
    rows = s.scalars(select(m.Opinion).where(m.Opinion.session_id == sid))
    return sorted((o.speaker_name, o.content, o.outcome, o.started_at, o.ended_at, o.position, _name(o.hamlet),
                   o.registration.citizen_name if o.registration else None,
                   tuple((a.responder_kind, a.responder_name, a.content, a.position) for a in o.answers))
                  for o in rows)


def petition_view(s, sid):
    rows = s.scalars(select(m.Petition).where(m.Petition.session_id == sid))
    return sorted((p.citizen_name, p.content, p.status, p.conclusion, _name(p.lead_agency), p.year, p.due_date,
                   p.computed_due_date, p.times_raised, p.earlier_petition_id, p.resolution,
                   p.opinion.speaker_name if p.opinion else None,
                   tuple((h.from_status, h.to_status, h.note) for h in p.history))
                  for p in rows)


def session_view(s, sid):
    ds = s.get(m.DialogueSession, sid)
    return (ds.status, ds.actual_start, ds.actual_end, ds.citizens_attending, ds.delegates_attending,
            ds.general_conclusion, ds.secretary_name, ds.year,
            sorted((a.step, a.reached_at, a.note) for a in ds.agenda_log))

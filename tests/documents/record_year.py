"""A year built through the services with the unusual cases of documents.md §7: a joint session issued by each
body (Đảng ủy, HĐND, UBND), a thematic and an online session, an HĐND session, petitions answered by an agency
of another body (a UBND office's matter raised at an HĐND or Đảng ủy session, a party office's matter raised at
a joint session), answers by agency heads, by a delegate and by an invitee named in the minutes, an extension
granted after the conclusion notice, an upward proposal."""

from __future__ import annotations

import datetime as dt
import os
from contextlib import contextmanager
from types import SimpleNamespace

from sqlalchemy import select

from desk_app.domain.states import AgendaStep, Outcome, ResponderKind
from desk_app.services import catalog, followup, minutes, registrations, sessions
from desk_app.services.common import load_calendar
from desk_app.store import models as m

YEAR = 2026


@contextmanager
def _on_day(day: dt.date):
    """The program's "today" (``DESK_APP_TODAY``) set to ``day`` for what is recorded inside."""
    before = os.environ.get("DESK_APP_TODAY")
    os.environ["DESK_APP_TODAY"] = day.isoformat()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("DESK_APP_TODAY", None)
        else:
            os.environ["DESK_APP_TODAY"] = before


def _officials(s) -> SimpleNamespace:
    def person(name, title, body, gender, **heads):
        return catalog.save_official(s, catalog.OfficialInput(name=name, title=title, body=body, gender=gender,
                                                              **heads))
    return SimpleNamespace(
        party=person("Lý Văn Hùng", "Bí thư Đảng ủy xã", "dang_uy", "nam", is_party_head=True),
        party_deputy=person("Hà Thị Thu", "Phó Bí thư Thường trực Đảng ủy xã", "dang_uy", "nu"),
        council=person("Hoàng Thị Mai", "Chủ tịch HĐND xã", "hdnd", "nu", is_council_head=True),
        committee=person("Nguyễn Văn Đức", "Chủ tịch UBND xã", "ubnd", "nam", is_committee_head=True),
        front=person("Vi Văn Sáng", "Chủ tịch Ủy ban MTTQ Việt Nam xã", "mttq", "nam"),
        secretary=person("Đỗ Thị Lan", "Chuyên viên Văn phòng HĐND và UBND xã", "van_phong", "nu"),
    )


def _agencies(s) -> SimpleNamespace:
    def agency(name, short, kind, head, title):
        return catalog.save_agency(s, catalog.AgencyInput(name=name, short_name=short, kind=kind, head_name=head,
                                                          head_title=title))
    return SimpleNamespace(
        party_office=agency("Văn phòng Đảng ủy xã", "Văn phòng Đảng ủy", "co_quan_dang", "Triệu Văn Nam",
                            "Chánh Văn phòng Đảng ủy xã"),
        office=agency("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã", "Văn phòng HĐND và UBND", "chuyen_mon",
                      "Nông Văn Tâm", "Chánh Văn phòng HĐND và UBND xã"),
        economy=agency("Phòng Kinh tế thuộc Ủy ban nhân dân xã", "Phòng Kinh tế", "chuyen_mon", "Lương Thị Hằng",
                       "Trưởng phòng Kinh tế"),
        culture=agency("Phòng Văn hóa - Xã hội thuộc Ủy ban nhân dân xã", "Phòng Văn hóa - Xã hội", "chuyen_mon",
                       "Hoàng Văn Lực", "Trưởng phòng Văn hóa - Xã hội"),
        police=agency("Công an xã", "Công an xã", "cong_an", "Vũ Đức Thắng", "Trưởng Công an xã"),
        front=agency("Ủy ban Mặt trận Tổ quốc Việt Nam xã", "Ủy ban MTTQ xã", "mttq_doan_the", "Vi Văn Sáng",
                     "Chủ tịch Ủy ban MTTQ Việt Nam xã"),
        province=agency("Ủy ban nhân dân tỉnh", "UBND tỉnh", "cap_tren", "", "Chủ tịch UBND tỉnh"),
        construction=agency("Sở Xây dựng tỉnh", "Sở Xây dựng", "cap_tren", "", "Giám đốc Sở Xây dựng"),
    )


def build(s) -> SimpleNamespace:
    """Returns the officials, agencies and sessions (by name) of the year."""
    unit = catalog.save_commune(s, catalog.CommuneInput(
        name="Xã Tân Đoàn", province="Tỉnh Lạng Sơn", party_superior="Đảng bộ tỉnh Lạng Sơn",
        superior_recipients=["Thường trực Tỉnh ủy", "Ban Tuyên giáo và Dân vận Tỉnh ủy", "Thường trực HĐND tỉnh",
                             "UBND tỉnh"]))
    people = _officials(s)
    agencies = _agencies(s)
    hamlets = [catalog.save_hamlet(s, name) for name in ("Thôn Bản Lải", "Thôn Nà Pàn", "Thôn Pò Mỏ")]
    fields = {f.name: f for f in s.scalars(select(m.Field))}
    calendar = load_calendar(s)
    out = SimpleNamespace(unit=unit, people=people, agencies=agencies, hamlets=hamlets, fields=fields, sessions={})

    def plan(name, host, start, *, joint=(), fmt=None, chair, co_chairs=(), form="truc_tiep", title=None,
             bridge_points=(), content=""):
        participants = [(a.id, "") for a in (agencies.front, agencies.economy, agencies.culture, agencies.police)]
        participants += [(None, "Bí thư chi bộ, Trưởng các thôn"), (None, "Người có uy tín trong cộng đồng dân cư")]
        ds = sessions.plan_session(s, sessions.SessionInput(
            title=title or sessions.default_title(host, YEAR, unit), host=host, planned_start=start,
            planned_end=start + dt.timedelta(hours=3), form=form, chair_id=chair.id, joint_bodies=list(joint),
            co_chairs=[(c.id, False) for c in co_chairs], place="Hội trường Ủy ban nhân dân xã",
            bridge_points=list(bridge_points), participants=participants, content=content,
            secretary_id=people.secretary.id, document_format=fmt))
        day = start.date()
        sessions.issue_plan(s, ds.id, calendar.subtract_working_days(day, 15))
        sent = calendar.subtract_working_days(day, 8)
        with _on_day(sent):  # recorded on the day they went out (a sending date may not lie ahead)
            sessions.send_invitations(s, ds.id, sent)
        out.sessions[name] = ds
        return ds

    def hold(ds, speakers, *, notice=True):
        """speakers: (name, gender, hamlet, field, content, answers, outcome, lead agency, conclusion)"""
        start = ds.planned_start
        regs = registrations.add_many(s, ds.id, [registrations.RegistrationInput(
            citizen_name=name, gender=gender, hamlet_id=hamlet.id, field_id=fields[field].id, content=content,
            received_date=calendar.subtract_working_days(start.date(), 3))
            for name, gender, hamlet, field, content, *_rest in speakers])
        minutes.start_meeting(s, ds.id, start)
        minutes.reach_step(s, ds.id, AgendaStep.HEAD_INFORMS.value, start + dt.timedelta(minutes=15),
                           "Thông tin kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội của xã.")
        minutes.reach_step(s, ds.id, AgendaStep.CITIZENS_SPEAK.value, start + dt.timedelta(minutes=40))
        now = start + dt.timedelta(minutes=41)
        for reg, (_n, _g, _h, _f, content, answers, outcome, lead, conclusion) in zip(regs, speakers):
            minutes.call_speaker(s, reg.id)
            opinion = minutes.record_opinion(s, ds.id, minutes.OpinionInput(registration_id=reg.id, content=content,
                                                                            started_at=now))
            for who, text in answers:
                if isinstance(who, m.Agency):
                    minutes.add_answer(s, opinion.id, text, responder_kind=ResponderKind.AGENCY.value, agency_id=who.id)
                elif isinstance(who, m.Official):
                    minutes.add_answer(s, opinion.id, text, official_id=who.id)
                elif who == "chair":
                    minutes.add_answer(s, opinion.id, text)
                else:
                    minutes.add_answer(s, opinion.id, text, responder_name=who)
            now += dt.timedelta(minutes=6)
            minutes.finish_opinion(s, opinion.id, now, outcome)
            minutes.petition_from_opinion(s, opinion.id, lead_agency_id=lead.id if lead else None,
                                          conclusion=conclusion)
        minutes.reach_step(s, ds.id, AgendaStep.AGENCIES_ANSWER.value, now)
        minutes.reach_step(s, ds.id, AgendaStep.CONCLUSION.value, now + dt.timedelta(minutes=10))
        minutes.end_meeting(s, ds.id, now + dt.timedelta(minutes=30), citizens_attending=120, delegates_attending=25,
                            general_conclusion="Hội nghị diễn ra dân chủ, thẳng thắn; các kiến nghị chưa trả lời tại "
                                               "hội nghị được giao giải quyết và trả lời bằng văn bản đúng thời hạn.")
        if notice:
            followup.issue_conclusion_notice(s, ds.id, calendar.add_working_days(start.date(), 4))
        return ds

    bl, np, pm = hamlets
    p, a = people, agencies
    # 1. Joint session of the Đảng ủy and UBND, issued by the Đảng ủy (the plan names it: party format)
    joint_party = plan("joint_party", "lien_tich", dt.datetime(YEAR, 3, 10, 8), joint=("dang_uy", "ubnd"),
                       fmt="party", chair=p.party, co_chairs=(p.committee,))
    hold(joint_party, [
        ("Nguyễn Văn Khang", "nam", bl, "Đất đai", "Đề nghị xã sớm cấp giấy chứng nhận quyền sử dụng đất cho các hộ "
         "ở Thôn Bản Lải.", [(a.economy, "Hồ sơ đang được thẩm định, sẽ trả lời bằng văn bản.")],
         Outcome.ASSIGNED.value, a.economy, "Đề nghị UBND xã chỉ đạo Phòng Kinh tế rà soát hồ sơ, trả lời công dân "
         "bằng văn bản."),
        ("Lương Thị Thủy", "nu", np, "Cán bộ, đảng viên", "Đề nghị làm rõ việc một đảng viên ở Thôn Nà Pàn không "
         "sinh hoạt chi bộ nhiều tháng.", [(p.party_deputy, "Đảng ủy sẽ chỉ đạo chi bộ kiểm tra, xem xét.")],
         Outcome.ASSIGNED.value, a.party_office, "Giao Văn phòng Đảng ủy phối hợp chi bộ Thôn Nà Pàn kiểm tra, báo "
         "cáo Thường trực Đảng ủy."),
        ("Hoàng Văn Dũng", "nam", pm, "Giao thông, hạ tầng", "Đề nghị đầu tư cầu treo qua suối Pò Mỏ.",
         [("chair", "Công trình vượt khả năng ngân sách xã; xã sẽ đề nghị tỉnh hỗ trợ.")], Outcome.UPWARD.value,
         a.construction, "Đề nghị UBND xã tổng hợp, kiến nghị Sở Xây dựng tỉnh xem xét đầu tư."),
        ("Nông Thị Hiền", "nu", bl, "Văn hóa, xã hội", "Đề nghị cho biết lịch sinh hoạt của nhà văn hóa thôn.",
         [("Ông Nông Văn Pẻo, Trưởng thôn Bản Lải", "Nhà văn hóa mở cửa các tối thứ Bảy, Chủ nhật.")],
         Outcome.ANSWERED.value, None, "Nội dung đã được trả lời rõ tại hội nghị."),
    ])
    # 2. Joint session of the three bodies, issued by UBND (state format)
    joint_state = plan("joint_state", "lien_tich", dt.datetime(YEAR, 4, 14, 8), joint=("dang_uy", "hdnd", "ubnd"),
                       fmt="state", chair=p.party, co_chairs=(p.council, p.committee))
    hold(joint_state, [
        ("Trần Văn Bình", "nam", np, "An ninh, trật tự", "Đề nghị tăng cường tuần tra ban đêm ở Thôn Nà Pàn.",
         [(a.police, "Công an xã sẽ bố trí tuần tra.")], Outcome.ASSIGNED.value, a.police,
         "Giao Công an xã xây dựng phương án tuần tra, trả lời công dân bằng văn bản."),
        ("Phạm Thị Hoa", "nu", pm, "Chính sách, an sinh xã hội", "Đề nghị xem xét trợ cấp cho người cao tuổi cô đơn.",
         [(a.culture, "Phòng sẽ rà soát hồ sơ.")], Outcome.ASSIGNED.value, a.culture,
         "Giao Phòng Văn hóa - Xã hội rà soát hồ sơ, trả lời công dân bằng văn bản."),
    ])
    # 3. Joint session of the Đảng ủy and HĐND, issued by the HĐND (state format)
    joint_council = plan("joint_council", "lien_tich", dt.datetime(YEAR, 5, 12, 14), joint=("dang_uy", "hdnd"),
                         fmt="state", chair=p.council, co_chairs=(p.party,))
    hold(joint_council, [
        ("Vũ Văn Hải", "nam", bl, "Thủy lợi", "Đề nghị nạo vét mương tưới Thôn Bản Lải.",
         [(a.economy, "Phòng Kinh tế sẽ khảo sát.")], Outcome.ASSIGNED.value, a.economy,
         "Đề nghị UBND xã chỉ đạo Phòng Kinh tế khảo sát, nạo vét mương, trả lời công dân bằng văn bản."),
    ])
    # 4. An HĐND session held online, with bridge points
    online = plan("online", "hdnd", dt.datetime(YEAR, 6, 9, 8), chair=p.council, form="truc_tuyen",
                  bridge_points=[("Điểm cầu Nhà văn hóa Thôn Bản Lải", "Thôn Bản Lải"),
                                 ("Nhà văn hóa Thôn Pò Mỏ", "Thôn Pò Mỏ")])
    hold(online, [
        ("Đinh Thị Gấm", "nu", pm, "Giáo dục", "Đề nghị sửa chữa phòng học điểm trường Thôn Pò Mỏ bị dột.",
         [(a.culture, "Phòng sẽ kiểm tra, lập dự toán.")], Outcome.ASSIGNED.value, a.culture,
         "Đề nghị UBND xã chỉ đạo Phòng Văn hóa - Xã hội kiểm tra, sửa chữa phòng học, trả lời công dân bằng văn "
         "bản."),
        ("Lò Văn Minh", "nam", np, "Khác", "Đề nghị HĐND xã giám sát việc thu quỹ ở thôn.",
         [(p.front, "Ủy ban MTTQ xã sẽ phối hợp giám sát.")], Outcome.ASSIGNED.value, a.front,
         "Đề nghị Ủy ban MTTQ xã chủ trì giám sát việc thu, chi quỹ thôn, thông tin kết quả cho công dân."),
    ])
    # 5. A thematic UBND session about household waste
    theme = "Thu gom, xử lý rác thải sinh hoạt và bảo vệ môi trường khu dân cư"
    thematic = plan("thematic", "ubnd", dt.datetime(YEAR, 7, 7, 8), chair=p.committee, form="chuyen_de",
                    title=f"Hội nghị Chủ tịch UBND xã Tân Đoàn đối thoại với Nhân dân về {theme.lower()} năm {YEAR}",
                    content="Đối thoại về việc thu gom, vận chuyển, xử lý rác thải sinh hoạt; giá dịch vụ thu gom; "
                            "vệ sinh môi trường khu dân cư.")
    hold(thematic, [
        ("Mai Văn Tùng", "nam", bl, "Môi trường", "Xe thu gom rác chỉ đến Thôn Bản Lải mỗi tuần một lần, rác tồn "
         "đọng ven đường.", [(a.economy, "Sẽ làm việc với đơn vị thu gom để tăng lên ba lần mỗi tuần.")],
         Outcome.ASSIGNED.value, a.economy, "Giao Phòng Kinh tế làm việc với đơn vị thu gom, tăng tần suất thu gom, "
         "trả lời công dân bằng văn bản."),
        ("Chu Thị Nhàn", "nu", np, "Môi trường", "Đề nghị công khai mức giá dịch vụ thu gom rác.",
         [("chair", "Mức giá theo quyết định của UBND tỉnh, sẽ niêm yết tại nhà văn hóa thôn.")],
         Outcome.ANSWERED.value, a.economy, "Nội dung đã được trả lời rõ tại hội nghị."),
    ])
    # 6. A Đảng ủy session still ahead (plan, notice, invitation, registration form)
    ahead = plan("ahead", "dang_uy", dt.datetime(YEAR, 12, 10, 8), chair=p.party)
    del ahead

    # after the meetings: replies, an extension granted after the notice, an upward proposal
    def first(ds, lead):
        return s.scalar(select(m.Petition).where(m.Petition.session_id == ds.id,
                                                 m.Petition.lead_agency_id == lead.id).order_by(m.Petition.id))

    for ds, lead in ((joint_party, a.economy), (joint_party, a.party_office), (online, a.culture),
                     (joint_state, a.police), (thematic, a.economy), (online, a.front)):
        petition = first(ds, lead)
        followup.assign(s, petition.id, lead.id)
        day = calendar.subtract_working_days(petition.due_date, 3)
        followup.resolve(s, petition.id, f"{lead.short_name} đã giải quyết xong nội dung kiến nghị; kết quả: đã thực "
                                          "hiện theo đề nghị của công dân.", day, reply_date=day)
    extended = first(joint_state, a.culture)
    followup.assign(s, extended.id, a.culture.id)
    followup.extend(s, extended.id, calendar.add_working_days(extended.due_date, 15),
                    "Hồ sơ trợ cấp cần xác minh thêm thông tin về nơi cư trú và người chăm sóc.",
                    citizen_notified_date=calendar.subtract_working_days(extended.due_date, 2))
    extended2 = first(joint_council, a.economy)
    followup.assign(s, extended2.id, a.economy.id)
    followup.extend(s, extended2.id, calendar.add_working_days(extended2.due_date, 10),
                    "Cần khảo sát thực địa toàn tuyến mương sau mùa mưa.",
                    citizen_notified_date=calendar.subtract_working_days(extended2.due_date, 1))
    upward = first(joint_party, a.construction)
    followup.transfer_upward(s, upward.id, "Sở Xây dựng tỉnh",
                             calendar.add_working_days(joint_party.conclusion_notice_date, 3))
    s.flush()
    return out

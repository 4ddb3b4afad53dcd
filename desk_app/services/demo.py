"""`desk-app demo`: a realistic, deterministic sample year of one commune.

Everything a clerk would have entered is entered through the same services the window uses (plan,
register, minutes, conclusion, follow-up), so the sample data obeys every rule. Dates are placed around
today: sessions before today have been held and followed up as far as today allows; later ones are
planned or invited. With the default 4 sessions the statuses are Hoàn thành, Đã thông báo kết luận,
Đã kết thúc and Đã mời; more sessions add Hủy, Đã ban hành kế hoạch, Đang diễn ra and Dự thảo.

``--petitions N`` spreads N petitions over the held sessions. Up to ``REALISTIC_PER_SESSION`` per session
go through the minutes and follow-up services; the rest (load tests) are copies of those, with their
due dates computed by the same follow-up code, written with bulk inserts.
"""

from __future__ import annotations

import datetime as dt
import random
import string
from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from desk_app.domain import clock, issuers
from desk_app.domain.errors import DeskAppError, ValidationError
from desk_app.domain.states import (AgendaStep, Host, Outcome, PetitionStatus, Regime, ResponderKind,
                                    SessionForm)
from desk_app.domain.text import fold
from desk_app.store import audit
from desk_app.store import models as m
from desk_app.services import catalog, followup, minutes, registrations, sessions
from desk_app.services import demo_corpus as corpus
from desk_app.services import demo_petitions as texts
from desk_app.services.common import domain_profile, load_calendar

REALISTIC_PER_SESSION = 80
MAX_SESSIONS = 60
MAX_PETITIONS = 1_000_000


@dataclass
class DemoOptions:
    year: int
    commune: str | None = None
    sessions: int = 4
    petitions: int | None = None
    seed: int = 1


class _Formatter(string.Formatter):
    def __init__(self, values: dict):
        super().__init__()
        self.values = values

    def get_value(self, key, args, kwargs):
        return self.values.get(key, "")


def _fill(template: str, **values) -> str:
    # "Trưởng {hamlet}" reads "Trưởng thôn Bản Lải": the hamlet's kind word is not capitalised there.
    hamlet = values.get("hamlet") or ""
    if hamlet:
        values["hamlet_lower"] = hamlet[:1].lower() + hamlet[1:]
        template = template.replace("Trưởng {hamlet}", "Trưởng {hamlet_lower}")
    return _Formatter(values).format(template)


def _check(options: DemoOptions) -> None:
    problems = {}
    if not 2000 <= options.year <= 2100:
        problems["year"] = "Năm phải từ 2000 đến 2100."
    if not 1 <= options.sessions <= MAX_SESSIONS:
        problems["sessions"] = f"Số cuộc đối thoại phải từ 1 đến {MAX_SESSIONS}."
    if options.petitions is not None and not 0 <= options.petitions <= MAX_PETITIONS:
        problems["petitions"] = f"Số kiến nghị phải từ 0 đến {MAX_PETITIONS:,}.".replace(",", ".")
    if options.commune is not None and not options.commune.strip():
        problems["commune"] = "Tên xã không được để trống."
    if problems:
        raise ValidationError(problems)


def check_options(options: DemoOptions) -> None:
    """The options' problems, before anything is opened or created (ValidationError)."""
    _check(options)


def generate(session: Session, options: DemoOptions) -> list[int]:
    """Fill an empty database; returns the ids of the sessions created."""
    _check(options)
    if session.scalar(select(func.count(m.DialogueSession.id))) or session.scalar(select(func.count(m.Commune.id))):
        raise DeskAppError("Cơ sở dữ liệu đã có dữ liệu; dữ liệu mẫu chỉ tạo vào cơ sở dữ liệu còn trống "
                           "(dùng --db với một tệp mới).")
    return _Generator(session, options).run()


class _Generator:
    def __init__(self, session: Session, options: DemoOptions):
        self.s = session
        self.o = options
        self.rng = random.Random(options.seed)
        self.today = clock.today()
        self.year = options.year
        self.template = corpus.COMMUNES[0]
        self.reg_templates: dict[int, dict] = {}  # registration id → the petition template it was made from
        self.petition_templates: dict[int, dict] = {}
        self.topics: dict[int, str | None] = {}  # session id → the theme of a thematic session
        self.issuing: dict[int, str] = {}  # session id → the body that issues its documents

    # -- catalogue ---------------------------------------------------------------------------------
    def run(self) -> list[int]:
        self._catalogue()
        plan = self._schedule()
        total = self.o.petitions if self.o.petitions is not None else 60
        held = [p for p in plan if p[1] in ("completed", "concluded", "ended", "in_progress")]
        shares = _split(total, len(held))
        share_of = {id(p): n for p, n in zip(held, shares)}
        ids = []
        for entry in plan:
            ids.append(self._session(entry, share_of.get(id(entry), 0)))
        self._link_repeated()
        self._register_in_date_order()
        return ids

    def _catalogue(self) -> None:
        t = self.template
        name = t["name"]
        if self.o.commune:
            name = " ".join(self.o.commune.split())
            if fold(name).split()[0] not in ("xa", "phuong"):
                name = f"Xã {name}"
        self.unit = catalog.save_commune(self.s, catalog.CommuneInput(
            name=name, kind="phường" if fold(name).startswith("phuong") else "xã",
            code="" if self.o.commune else t["code"], province=t["province"],
            party_superior=t["party_superior"], superior_recipients=list(t["superior_recipients"])))
        self.place = self.unit.place_name
        since = dt.date(self.year - 1, 7, 1)
        self.officials = []
        for spec in corpus.OFFICIALS:
            person = catalog.save_official(self.s, catalog.OfficialInput(
                name=corpus.full_name(self.rng, spec["gender"]), title=spec["title"], body=spec["body"],
                gender=spec["gender"], is_party_head=spec["is_party_head"],
                is_council_head=spec["is_council_head"], is_committee_head=spec["is_committee_head"],
                active_from=since))
            self.officials.append(person)
        self.heads = catalog.heads(self.s)
        self.secretary = next((o for o in self.officials if o.title.startswith("Chuyên viên")), self.officials[-1])
        self.agencies = {}
        by_title = {o.title: o for o in self.officials}
        for spec in corpus.AGENCIES:
            drawn = "" if spec["kind"] == "cap_tren" else corpus.full_name(self.rng, self.rng.choice(("nam", "nu")))
            same = by_title.get(spec["head_title"])  # the Chủ tịch Ủy ban MTTQ, the Chánh Văn phòng: one person
            agency = catalog.save_agency(self.s, catalog.AgencyInput(
                name=spec["name"], short_name=spec["short_name"], kind=spec["kind"],
                head_name=same.name if same is not None else drawn, head_title=spec["head_title"]))
            self.agencies[spec["short_name"]] = agency
        self.hamlets = [catalog.save_hamlet(self.s, h) for h in t["hamlets"]]
        self.fields = {f.name: f for f in self.s.scalars(select(m.Field))}

    # -- which sessions, when, in which status ------------------------------------------------------
    def _schedule(self) -> list[tuple[dt.datetime, str, str, str, str]]:
        """(start, role, host, form, regime) in date order."""
        n = self.o.sessions
        calendar = load_calendar(self.s)
        year_start, year_end = dt.date(self.year, 1, 12), dt.date(self.year, 12, 20)
        past_end = min(year_end, self.today - dt.timedelta(days=6))
        future_start = max(year_start, self.today + dt.timedelta(days=9))
        future_end = year_end
        if self.today.year == self.year and (year_end - future_start).days < 10:
            # late in the year: the next session is early next year, so a new user can still register speakers
            # and run the live minutes on one
            future_end = future_start + dt.timedelta(days=21)
        has_past = (past_end - year_start).days >= 20
        has_future = (future_end - future_start).days >= 10
        future_roles = [r for r, needed in (("invited", 3), ("plan_issued", 6), ("draft", 8)) if n >= needed]
        if not has_past:
            future_roles = (["invited", "plan_issued", "draft"] * n)[:n]
        if not has_future:
            future_roles = []
        specials = []
        if has_past and has_future and n >= 7:  # meetings with citizens are often held at weekends
            specials.append("in_progress")
        if has_past and n >= 5:
            specials.append("cancelled")
        past_count = n - len(future_roles) - len(specials)
        past_roles = []
        if past_count > 0:
            past_roles = ["concluded"] * past_count
            if past_count >= 2:
                past_roles[0] = "completed"
            if past_count >= 3 and has_future:
                past_roles[-1] = "ended"
            if "cancelled" in specials:
                past_roles.insert(len(past_roles) // 2, "cancelled")
        future_days = _spread(future_start, future_end, len(future_roles))
        past_days = _spread(year_start, past_end, len(past_roles))
        if past_roles and past_roles[-1] == "ended":
            past_days[-1] = max(past_days[-1], self.today - dt.timedelta(days=8))
        plan = []
        hosts = [Host.COMMITTEE, Host.PARTY, Host.COUNCIL, Host.JOINT]
        forms = [SessionForm.IN_PERSON, SessionForm.THEMATIC, SessionForm.ONLINE, SessionForm.IN_PERSON]
        roles = past_roles + (["in_progress"] if "in_progress" in specials else []) + future_roles
        # the meeting in progress began on the last working day (no document is dated on a day off)
        running = self.today if calendar.is_working_day(self.today) else calendar.previous_working_day(self.today)
        days = past_days + ([running] if "in_progress" in specials else []) + future_days
        for index, (day, role) in enumerate(zip(days, roles)):
            day = calendar.next_working_day(day) if role != "in_progress" else day
            if role not in ("in_progress", "invited", "plan_issued", "draft") and day >= running:
                day = calendar.previous_working_day(running)
            hour = 8 if index % 3 else 14
            regime = Regime.AD_HOC if index % 4 == 2 else Regime.PERIODIC
            plan.append((dt.datetime.combine(day, dt.time(hour, 0)), role, hosts[index % 4].value,
                         forms[index % 4].value, regime.value))
        plan.sort(key=lambda p: p[0])
        return plan

    # -- one session ----------------------------------------------------------------------------
    def _session(self, entry, petition_count: int) -> int:
        start, role, host, form, regime = entry
        rng = self.rng
        year = start.year
        chair = {"dang_uy": self.heads["dang_uy"], "hdnd": self.heads["hdnd"], "ubnd": self.heads["ubnd"],
                 "lien_tich": self.heads["dang_uy"]}[host]
        hamlet = rng.choice(self.hamlets).name
        titles = corpus.SESSION_TITLES[host]
        title = _fill(rng.choice(titles), year=year, place=self.place, hamlet=hamlet)
        topic = None
        content = rng.choice(corpus.CONTENT_TOPICS)
        audience = rng.choice(corpus.TARGET_AUDIENCES[:2])
        if form == SessionForm.THEMATIC.value:
            # a thematic session is about its theme: its title, content, audience and the opinions heard
            topic = rng.choice(corpus.THEMATIC_TOPICS)
            title = title.replace(f" năm {year}", f" về {topic[:1].lower()}{topic[1:]} năm {year}")
            content = corpus.THEMATIC_CONTENT[topic]
            if topic == corpus.THEMATIC_TOPICS[0]:
                audience = corpus.TARGET_AUDIENCES[2]
        participants = [(self.agencies[a].id, "") for a in ("Ủy ban MTTQ xã", "Hội Nông dân xã",
                                                            "Hội Liên hiệp Phụ nữ xã", "Đoàn Thanh niên xã",
                                                            "Hội Cựu chiến binh xã", "Công an xã", "Phòng Kinh tế",
                                                            "Phòng Văn hóa - Xã hội") if a in self.agencies]
        participants += [(None, text) for text in corpus.PARTICIPANTS_TEXT]
        issuing, _fmt = issuers.session_body(host, ("dang_uy", "hdnd", "ubnd") if host == "lien_tich" else (),
                                             "party" if host == "dang_uy" else "state")
        tasks = [(self.agencies[short].id if short in self.agencies else None, heading, body)
                 for short, heading, body in corpus.TASKS_BY_HOST[issuing]]
        data = sessions.SessionInput(
            title=title, host=host, planned_start=start, planned_end=start + dt.timedelta(hours=3, minutes=30),
            form=form, regime=regime, chair_id=chair.id if chair else None,
            joint_bodies=["dang_uy", "hdnd", "ubnd"] if host == "lien_tich" else [],
            co_chairs=self._co_chairs(host),
            place=_fill(rng.choice(corpus.PLACES), hamlet=hamlet, place=self.place),
            bridge_points=[(_fill(b, hamlet=h.name, place=self.place), h.name)
                           for b, h in zip(corpus.BRIDGE_POINTS, rng.sample(self.hamlets, 3))]
            if form == SessionForm.ONLINE.value else [],
            target_audience=_fill(audience, hamlet=hamlet, place=self.place),
            participants=participants, purpose=rng.choice(corpus.PURPOSES),
            requirements=rng.choice(corpus.REQUIREMENTS), content=content,
            tasks=tasks, secretary_id=self.secretary.id, secretary_name=self.secretary.name)
        ds = sessions.plan_session(self.s, data)
        self.topics[ds.id] = topic
        self.issuing[ds.id] = issuing
        if role == "draft":
            return ds.id
        calendar = load_calendar(self.s)
        deadlines = sessions.deadlines(self.s, ds.id, self.today)
        # every document is dated on a working day not after today (and entered in the register as the office
        # would)
        issued = calendar.previous_working_day(min(self.today, deadlines.notice_latest
                                                   - dt.timedelta(days=rng.randint(10, 20))))
        sessions.issue_plan(self.s, ds.id, issued)
        followup.issue_session_document(self.s, ds, "plan", issued)
        if role == "plan_issued":
            return ds.id
        if role == "cancelled":
            sessions.cancel(self.s, ds.id, "Hoãn do trùng lịch phòng, chống thiên tai; sẽ tổ chức bổ sung "
                                           "trong kế hoạch năm.")
            return ds.id
        sent = calendar.previous_working_day(min(self.today, deadlines.notice_latest
                                                 - dt.timedelta(days=rng.randint(0, 3))))
        sent = max(issued, sent)
        sessions.send_invitations(self.s, ds.id, sent)
        followup.issue_session_document(self.s, ds, "notice", sent)
        followup.issue_session_document(self.s, ds, "invitation", sent)
        # enough speakers for every petition: three registrations drop out (a refusal, an absence, a duplicate)
        wanted = min(petition_count, REALISTIC_PER_SESSION) + 3 if role != "invited" else 6
        registered = self._registrations(ds, start, max(wanted, 4), topic)
        if role == "invited":
            return ds.id
        made = self._meeting(ds, start, registered, petition_count, finish=role != "in_progress")
        if role != "in_progress":
            followup.issue_session_document(self.s, ds, "minutes", ds.session_date)
        if role in ("concluded", "completed"):
            self._conclude_and_follow(ds, complete=role == "completed")
        if petition_count > made:
            self._bulk_petitions(ds, petition_count - made, complete=role == "completed")
        return ds.id

    def _co_chairs(self, host: str) -> list[tuple[int, bool]]:
        if host == "lien_tich":
            return [(self.heads[b].id, False) for b in ("hdnd", "ubnd")]
        if host == "ubnd":  # the 2025 law: a representative of Thường trực HĐND co-chairs with the UBND
            deputy = next((o for o in self.officials if o.title.startswith("Phó Chủ tịch HĐND")), None)
            return [(deputy.id, False)] if deputy else []
        return []

    def _registrations(self, ds: m.DialogueSession, start: dt.datetime, wanted: int,
                       topic: str | None = None) -> list[m.Registration]:
        rng = self.rng
        field_names = list(corpus.THEMATIC_FIELDS[topic]) if topic else list(texts.PETITION_TEMPLATES)
        rows, chosen = [], []
        received_last = min(self.today, start.date() - dt.timedelta(days=1))
        wanted = min(wanted, REALISTIC_PER_SESSION + 3)
        for index in range(wanted):
            field_name = rng.choice(field_names)
            template = rng.choice(texts.PETITION_TEMPLATES[field_name])
            hamlet, other = rng.sample(self.hamlets, 2)
            gender = rng.choice(("nam", "nam", "nu"))
            group = index % 7 == 3
            lead = self.agencies.get(template["lead"])
            rows.append(registrations.RegistrationInput(
                citizen_name=corpus.full_name(rng, gender), gender=gender, birth_year=rng.randint(1950, 1998),
                hamlet_id=hamlet.id, address=f"{hamlet.name}, {self.unit.kind} {self.place}",
                phone=f"09{rng.randint(10_000_000, 99_999_999)}" if rng.random() < 0.6 else "",
                cccd=f"0{rng.randint(1, 96):02d}{rng.randint(0, 999_999_999):09d}" if rng.random() < 0.3 else "",
                field_id=self.fields[field_name].id,
                content=_fill(template["content"], hamlet=hamlet.name, hamlet2=other.name),
                addressed_to=lead.name if lead else "", addressed_agency_id=lead.id if lead else None,
                channel="mttq_tong_hop" if index % 5 == 4 else "phieu_dang_ky",
                received_date=received_last - dt.timedelta(days=rng.randint(0, 6)),
                speaks_for="nhom_ho" if group else "ca_nhan", speaks_for_count=rng.randint(3, 25) if group else None))
            chosen.append(template)
        created = registrations.add_many(self.s, ds.id, rows)
        for reg, template in zip(created, chosen):
            self.reg_templates[reg.id] = template
        return created

    def _meeting(self, ds: m.DialogueSession, start: dt.datetime, queue: list[m.Registration],
                 petition_count: int, finish: bool) -> int:
        """Run the meeting through the minutes services; returns the number of petitions made."""
        rng = self.rng
        now = start + dt.timedelta(minutes=rng.randint(0, 10))
        minutes.start_meeting(self.s, ds.id, now)
        issuing = self.issuing[ds.id]
        opener = next((o for o in self.officials if o.title == ("Phó Bí thư Thường trực Đảng ủy xã" if issuing == "dang_uy"
                                                                 else "Chánh Văn phòng HĐND và UBND xã")), None)
        if opener is not None:
            minutes.reach_step(self.s, ds.id, AgendaStep.OPENING.value, now + dt.timedelta(minutes=1),
                               f"Đồng chí {opener.name}, {opener.title} tuyên bố lý do, giới thiệu đại biểu, người chủ "
                               f"trì, chương trình và nội quy hội nghị; hội nghị thống nhất cử đồng chí "
                               f"{self.secretary.name}, {self.secretary.title} làm thư ký ghi biên bản.")
        now += dt.timedelta(minutes=15)
        minutes.reach_step(self.s, ds.id, AgendaStep.HEAD_INFORMS.value, now, rng.choice(corpus.HEAD_INFORMS))
        now += dt.timedelta(minutes=25)
        minutes.reach_step(self.s, ds.id, AgendaStep.CITIZENS_SPEAK.value, now)
        if len(queue) >= 6:
            # The chair refuses one speaker, one did not come, one registered twice (merged).
            reason = rng.choice(domain_profile(ds.profile).refusal_reasons)
            registrations.refuse(self.s, queue[2].id, reason.code, texts.REFUSAL_NOTES.get(reason.code, ""))
            registrations.set_state(self.s, queue[4].id, "vang_mat")
            first = queue[0]
            duplicate = registrations.add_registration(self.s, ds.id, registrations.RegistrationInput(
                citizen_name=first.citizen_name, hamlet_id=first.hamlet_id, address=first.address,
                content=first.content, channel="mttq_tong_hop", field_id=first.field_id,
                received_date=first.received_date))
            registrations.merge(self.s, duplicate.id, first.id)
        walk_in_hamlet = rng.choice(self.hamlets)
        walk_in_text = rng.choice(texts.WALK_IN_OPINIONS)
        walk_in = corpus.full_name(rng, "nam")
        if not self.topics.get(ds.id):  # a thematic session hears its theme only
            registrations.add_walk_in(self.s, ds.id, registrations.RegistrationInput(
                citizen_name=walk_in, gender="nam", hamlet_id=walk_in_hamlet.id,
                content=_fill(walk_in_text, hamlet=walk_in_hamlet.name),
                field_id=self.fields["Khác"].id), priority=rng.random() < 0.5)
        speakers = [r for r in registrations.queue(self.s, ds.id) if r.state == "cho_phat_bieu"]
        if not finish:
            speakers = speakers[: max(1, len(speakers) // 3)]
        made = 0
        for reg in speakers:
            template = self.reg_templates.get(reg.id)
            minutes.call_speaker(self.s, reg.id)
            opinion = minutes.record_opinion(self.s, ds.id, minutes.OpinionInput(
                registration_id=reg.id, content=reg.content, started_at=now))
            now += dt.timedelta(minutes=rng.randint(3, 6))
            if template is None:  # a walk-in's comment: the hamlet head invited answers, no petition
                hamlet = reg.hamlet.name if reg.hamlet else "thôn"
                head = corpus.full_name(rng, "nam")
                minutes.add_answer(self.s, opinion.id, "Thôn đã ghi nhận, sẽ phối hợp với các bộ phận của xã xử lý "
                                                       "ngay trong tháng và thông báo lại tại cuộc họp thôn.",
                                   responder_name=f"Ông {head}, Trưởng {hamlet[:1].lower()}{hamlet[1:]}")
                minutes.add_answer(self.s, opinion.id, "Ghi nhận, tiếp thu ý kiến của công dân; đề nghị các bộ phận "
                                                       "chuyên môn phối hợp với thôn xử lý theo thẩm quyền.")
                minutes.finish_opinion(self.s, opinion.id, now, Outcome.ANSWERED.value)
                continue
            lead = self.agencies.get(template["lead"])
            where = reg.hamlet.name if reg.hamlet else ""
            answer = _fill(template["answer"], hamlet=where, hamlet2=where)
            front = template["lead"] == "Ủy ban MTTQ xã"
            if lead is not None and lead.kind != "cap_tren" and (issuing != "ubnd" or front or rng.random() < 0.6):
                # the head of the agency answers (the front's is the official who chairs it)
                person = next((o for o in self.officials if o.name == lead.head_name), None)
                if person is not None:
                    minutes.add_answer(self.s, opinion.id, answer, official_id=person.id)
                else:
                    minutes.add_answer(self.s, opinion.id, answer, responder_kind=ResponderKind.AGENCY.value,
                                       agency_id=lead.id)
            else:
                minutes.add_answer(self.s, opinion.id, answer)
            now += dt.timedelta(minutes=rng.randint(2, 5))
            minutes.finish_opinion(self.s, opinion.id, now, template["outcome"])
            if made < petition_count:
                hamlet = reg.hamlet.name if reg.hamlet else ""
                petition = minutes.petition_from_opinion(
                    self.s, opinion.id, lead_agency_id=lead.id if lead else None,
                    conclusion=_directed(_fill(template["conclusion"], hamlet=hamlet, hamlet2=hamlet), issuing),
                    complex_case=template["complex"])
                self.petition_templates[petition.id] = template
                made += 1
        if finish:
            minutes.reach_step(self.s, ds.id, AgendaStep.AGENCIES_ANSWER.value, now)
            now += dt.timedelta(minutes=20)
            minutes.reach_step(self.s, ds.id, AgendaStep.CONCLUSION.value, now)
            now += dt.timedelta(minutes=15)
            minutes.end_meeting(self.s, ds.id, now, citizens_attending=rng.randint(80, 260),
                                delegates_attending=rng.randint(18, 45),
                                general_conclusion=_directed(rng.choice(corpus.GENERAL_CONCLUSIONS), issuing))
        return made

    # -- after the meeting ---------------------------------------------------------------------------
    def _conclude_and_follow(self, ds: m.DialogueSession, complete: bool) -> None:
        rng = self.rng
        calendar = load_calendar(self.s)
        due = sessions.deadlines(self.s, ds.id, self.today).conclusion_due
        notice = calendar.subtract_working_days(due, rng.randint(0, 4)) if rng.random() < 0.9 else \
            calendar.add_working_days(due, 2)
        notice = max(notice, calendar.next_working_day(ds.session_date + dt.timedelta(days=1)))
        notice = min(notice, self._last_working_day(calendar))
        followup.issue_conclusion_notice(self.s, ds.id, notice)
        followup.issue_session_document(self.s, ds, "conclusion", notice)
        upward, extended = [], False
        for petition in list(self.s.scalars(select(m.Petition).where(m.Petition.session_id == ds.id)
                                            .order_by(m.Petition.id))):
            if petition.status != PetitionStatus.NEW.value:
                continue
            template = self.petition_templates.get(petition.id, {})
            # a session still being followed up has at least one petition given more time
            extend = not complete and not extended and template.get("outcome") == Outcome.ASSIGNED.value
            fate = self._fate(calendar, petition.due_date, notice, complete, template.get("outcome"), extend=extend)
            extended = extended or "extended" in fate
            if fate["status"] is PetitionStatus.TRANSFERRED:
                upward.append((petition, fate))
                continue
            self._apply_fate(petition, fate, template, notice)
        if upward:
            # one proposal carries the session's matters beyond the commune, on the day it is sent
            day = max(fate["date"] for _p, fate in upward)
            proposal = followup.issue_session_document(self.s, ds, "upward-proposal", day,
                                                       note="Đề nghị cấp trên giải quyết")
            for petition, _fate in upward:
                superior = petition.lead_agency.name if petition.lead_agency is not None and \
                    petition.lead_agency.kind == "cap_tren" else "Ủy ban nhân dân tỉnh"
                followup.transfer_upward(self.s, petition.id, superior, day, document_number=proposal.number)

    def _last_working_day(self, calendar) -> dt.date:
        return self.today if calendar.is_working_day(self.today) else calendar.previous_working_day(self.today)

    def _fate(self, calendar, due: dt.date, notice: dt.date, complete: bool, outcome: str | None, *,
              extend: bool = False) -> dict:
        """What became of one petition by today: a status and its dates (shared by both paths)."""
        rng = self.rng
        start = calendar.next_working_day(notice + dt.timedelta(days=1))
        if outcome == Outcome.UPWARD.value:
            when = calendar.add_working_days(notice, rng.randint(2, 8))
            if when <= self.today and (complete or rng.random() < 0.8):
                return {"status": PetitionStatus.TRANSFERRED, "date": when}
            return {"status": PetitionStatus.NEW}

        last = self._last_working_day(calendar)

        def between(a: dt.date, b: dt.date) -> dt.date | None:
            a, b = calendar.next_working_day(a - dt.timedelta(days=1)), min(b, last)
            if b < a:
                return None
            day = calendar.previous_working_day(a + dt.timedelta(days=rng.randint(0, (b - a).days)))
            return max(day, a)

        roll = 0.3 * rng.random() if complete else rng.random()
        if extend:
            roll = 0.7
        if roll < 0.5:
            day = between(start, due)
            if day:
                return {"status": PetitionStatus.RESOLVED, "date": day}
        if roll < 0.66:
            day = between(due + dt.timedelta(days=1), calendar.add_working_days(due, 12))
            if day:
                return {"status": PetitionStatus.RESOLVED, "date": day}
        if roll < 0.8 or complete:
            new_due = calendar.add_working_days(due, rng.choice((10, 15, 20)))
            if not complete and rng.random() < 0.35:
                # Some extensions end in the coming days: the dashboard's "sắp đến hạn" list.
                new_due = max(new_due, calendar.next_working_day(calendar.add_working_days(self.today, rng.randint(0, 3))))
            told = calendar.subtract_working_days(due, 2)
            if told <= self.today:
                day = between(start, new_due) if (complete or rng.random() < 0.5) else None
                fate = {"status": PetitionStatus.IN_PROGRESS, "extended": new_due, "told": max(told, start)}
                if day and day > told:
                    fate.update(status=PetitionStatus.RESOLVED, date=day)
                elif complete:
                    fate.update(status=PetitionStatus.RESOLVED, date=between(start, last) or last)
                return fate
        if complete:
            return {"status": PetitionStatus.RESOLVED, "date": between(start, last) or last}
        return {"status": PetitionStatus.IN_PROGRESS if rng.random() < 0.85 else PetitionStatus.NEW}

    def _apply_fate(self, petition: m.Petition, fate: dict, template: dict, notice: dt.date) -> None:
        status = fate["status"]
        if status is PetitionStatus.NEW:
            return
        if status is PetitionStatus.TRANSFERRED:
            followup.transfer_upward(self.s, petition.id, "Ủy ban nhân dân tỉnh", fate["date"])
            return
        field = petition.field.name if petition.field else "Khác"
        if petition.lead_agency_id is None:
            petition.lead_agency_id = self.agencies["Văn phòng HĐND và UBND"].id
        followup.assign(self.s, petition.id, petition.lead_agency_id)
        if "extended" in fate:
            followup.extend(self.s, petition.id, fate["extended"], self.rng.choice(_reasons(field)),
                            citizen_notified_date=fate["told"])
        if status is PetitionStatus.RESOLVED:
            day = fate["date"]
            informed = min(self.today, day + dt.timedelta(days=self.rng.randint(1, 3)))
            where = petition.hamlet.name if petition.hamlet else ""
            resolution = _fill(template.get("resolution") or "Đã trả lời công dân bằng văn bản.", hamlet=where,
                               hamlet2=where)
            followup.resolve(self.s, petition.id, resolution, day, reply_date=day, citizen_informed_date=informed)

    def _bulk_petitions(self, ds: m.DialogueSession, count: int, complete: bool) -> None:
        """Load-test petitions: copies of the templates, due dates by the follow-up code, bulk inserts."""
        rng = self.rng
        calendar = load_calendar(self.s)
        profile = domain_profile(ds.profile)
        notice = ds.conclusion_notice_date
        all_templates = [(name, t) for name, items in texts.PETITION_TEMPLATES.items() for t in items]
        due_cache: dict[bool, tuple] = {}
        petitions, histories, extensions, opinions = [], [], [], []
        stamp = m.now()
        position = self.s.scalar(select(func.max(m.Opinion.position)).where(m.Opinion.session_id == ds.id)) or 0
        heard = ds.actual_end or ds.actual_start or dt.datetime.combine(ds.session_date, dt.time(8))
        for _ in range(count):
            field_name, template = rng.choice(all_templates)
            hamlet, other = rng.sample(self.hamlets, 2)
            citizen = corpus.full_name(rng, rng.choice(("nam", "nu")))
            content = _fill(template["content"], hamlet=hamlet.name, hamlet2=other.name)
            lead = self.agencies.get(template["lead"])
            if template["complex"] not in due_cache:  # the same two due dates for every bulk row of the session
                probe = m.Petition(complex_case=template["complex"], due_override=None)
                followup.refresh_due(probe, ds, profile, calendar)
                due_cache[template["complex"]] = (probe.computed_due_date, probe.due_provisional)
            computed, provisional = due_cache[template["complex"]]
            outcome = template["outcome"]
            status = Outcome(outcome).petition_status
            resolved = ds.session_date if status.closed else None
            due = computed
            extended = told = None
            if status is PetitionStatus.NEW and notice is not None:
                fate = self._fate(calendar, computed, notice, complete, outcome)
                status, resolved = fate["status"], fate.get("date")
                extended, told = fate.get("extended"), fate.get("told")
                due = extended or computed
            # every petition was heard at the meeting: the minutes have its opinion (written in bulk too)
            position += 1
            opinions.append(dict(
                session_id=ds.id, speaker_name=citizen, speaker_fold=fold(citizen), hamlet_id=hamlet.id,
                address=f"{hamlet.name}, {self.unit.kind} {self.place}", field_id=self.fields[field_name].id,
                started_at=heard, ended_at=heard, content=content, content_fold=fold(content), outcome=outcome,
                position=position, created_at=stamp, updated_at=stamp, updated_by="demo", version=1))
            petitions.append(dict(
                session_id=ds.id, year=ds.year, citizen_name=citizen, citizen_fold=fold(citizen),
                hamlet_id=hamlet.id, address=f"{hamlet.name}, {self.unit.kind} {self.place}",
                field_id=self.fields[field_name].id, content=content, content_fold=fold(content),
                conclusion=_directed(_fill(template["conclusion"], hamlet=hamlet.name, hamlet2=other.name),
                                     self.issuing.get(ds.id, "ubnd")),
                lead_agency_id=lead.id if lead else None, complex_case=template["complex"],
                computed_due_date=computed, due_provisional=provisional and extended is None, due_date=due,
                status=status.value, status_changed_at=stamp,
                resolution=_fill(template["resolution"], hamlet=hamlet.name, hamlet2=other.name)
                if status is PetitionStatus.RESOLVED else "", resolved_date=resolved,
                reply_date=resolved if status is PetitionStatus.RESOLVED else None,
                transferred_to="Ủy ban nhân dân tỉnh" if status is PetitionStatus.TRANSFERRED else "",
                times_raised=1, created_at=stamp, updated_at=stamp, updated_by="demo", version=1))
            histories.append(dict(from_status=None, to_status=status.value, changed_at=stamp,
                                  changed_by="demo", note="Dữ liệu mẫu (tải hàng loạt)", created_at=stamp,
                                  updated_at=stamp, updated_by="demo", version=1))
            # an extension moves a due date only with its record (told in writing before the due date)
            extensions.append(None if extended is None else dict(
                previous_due=computed, new_due=extended, reason=rng.choice(_reasons(field_name)),
                citizen_notified_date=told, valid=True, created_at=stamp, updated_at=stamp, updated_by="demo",
                version=1))
        for chunk in range(0, len(petitions), 5000):
            # Ids come from the database (RETURNING, in parameter order): PostgreSQL's sequence must advance.
            opinion_ids = self.s.scalars(insert(m.Opinion).returning(m.Opinion.id, sort_by_parameter_order=True),
                                         opinions[chunk:chunk + 5000]).all()
            for row, opinion_id in zip(petitions[chunk:chunk + 5000], opinion_ids):
                row["opinion_id"] = opinion_id
            ids = self.s.scalars(insert(m.Petition).returning(m.Petition.id, sort_by_parameter_order=True),
                                 petitions[chunk:chunk + 5000]).all()
            for petition_id, history, extension in zip(ids, histories[chunk:chunk + 5000],
                                                       extensions[chunk:chunk + 5000]):
                history["petition_id"] = petition_id
                if extension is not None:
                    extension["petition_id"] = petition_id
            self.s.execute(insert(m.PetitionStatusChange), histories[chunk:chunk + 5000])
            extended = [e for e in extensions[chunk:chunk + 5000] if e is not None]
            if extended:
                self.s.execute(insert(m.PetitionExtension), extended)
        audit.record(self.s, "insert", "petition", None, {"demo_bulk": count, "session_id": ds.id})
        followup.refresh_session_completion(self.s, ds)

    def _register_in_date_order(self) -> None:
        """Number the year's register as a văn thư does, in the order of the documents' dates (the sample year is
        generated session by session), and keep every reference in the petitions' history the same."""
        from desk_app.domain import official

        rows = list(self.s.scalars(select(m.IssuedDocument).where(m.IssuedDocument.number.is_not(None))))
        groups: dict[tuple[str, int], list[m.IssuedDocument]] = {}
        for row in rows:
            groups.setdefault((row.symbol, row.year), []).append(row)
        renamed = {}
        for group in groups.values():
            numbers = sorted(row.number for row in group)
            for row, number in zip(sorted(group, key=lambda r: (r.issued_date, r.id)), numbers):
                if row.number != number:
                    renamed[row.id] = (official.reference(row.number, row.symbol),
                                       official.reference(number, row.symbol), row.issued_date)
            for row in group:
                row.number = -row.number  # out of the way of the unique numbers while they move
            self.s.flush()
            for row, number in zip(sorted(group, key=lambda r: (r.issued_date, r.id)), numbers):
                row.number = number
            self.s.flush()
        if not renamed:
            return
        moves = {}
        for old, new, day in renamed.values():
            moves[f"{old} ngày {day:%d/%m/%Y}"] = f"{new} ngày {day:%d/%m/%Y}"
        transfers = {row.transfer_document_id: row for row in self.s.scalars(
            select(m.Petition).where(m.Petition.transfer_document_id.in_(list(renamed))))}
        for document_id, petition in transfers.items():
            old, new, _day = renamed[document_id]
            moves[f"văn bản số {old})"] = f"văn bản số {new})"
        for change in self.s.scalars(select(m.PetitionStatusChange).where(m.PetitionStatusChange.note.like("%văn bản%"))):
            note = change.note
            for old, new in moves.items():
                if old in note:
                    note = note.replace(old, new)
                    break
            change.note = note
        self.s.flush()

    def _link_repeated(self) -> None:
        """Some petitions (about one in seven) repeat a matter raised at an earlier session."""
        rows = list(self.s.scalars(select(m.Petition).where(m.Petition.id.in_(list(self.petition_templates)))
                                   .order_by(m.Petition.id)))
        by_field: dict[int | None, list[m.Petition]] = {}
        for petition in rows:
            earlier = [p for p in by_field.get(petition.field_id, ())
                       if p.session.session_date < petition.session.session_date]
            if earlier and self.rng.random() < 0.15:
                followup.link_earlier(self.s, petition.id, self.rng.choice(earlier).id)
            by_field.setdefault(petition.field_id, []).append(petition)


def _reasons(field: str) -> tuple[str, ...]:
    """Why more time is needed, as fits the petition's field."""
    return texts.EXTENSION_REASONS_BY_FIELD.get(field) or texts.EXTENSION_REASONS_BY_FIELD["Khác"]


def _directed(text: str, issuing_body: str) -> str:
    """The chair's words as the issuing body may write them: UBND xã "giao" its offices; the HĐND and the Đảng
    ủy ask UBND xã to direct them (documents.md §7)."""
    if issuing_body == "ubnd":
        return text
    import re

    text = re.sub(r"(^|[.;]\s+)UBND xã (?!chỉ đạo)", r"\1Đề nghị UBND xã ", text)
    text = re.sub(r"(,\s+)UBND xã (?!chỉ đạo)", r"\1đề nghị UBND xã ", text)
    # "giao" as a verb is followed by who is given the task ("giao Phòng Kinh tế", "giao các thôn"), not "giao
    # thông" (transport)
    who = r"(?=[A-ZĐỦ]|các |bộ phận|cơ quan)"
    text = re.sub(rf"(^|\.\s+)Giao {who}", r"\1Đề nghị UBND xã chỉ đạo ", text)
    text = re.sub(rf"([;,]\s+)giao {who}", r"\1đề nghị UBND xã chỉ đạo ", text)
    return text


def _split(total: int, parts: int) -> list[int]:
    if parts <= 0:
        return []
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _spread(start: dt.date, end: dt.date, count: int) -> list[dt.date]:
    """``count`` dates evenly spread over [start, end]."""
    if count <= 0:
        return []
    if count == 1:
        return [start + (end - start) / 2]
    step = (end - start) / (count - 1)
    return [start + step * i for i in range(count)]

"""Export a document: check the record, number it, render its template, write it atomically, register it.

One entry point, :func:`export_document`, used by the CLI and by the window's worker.

A document is a snapshot of its date (documents.md §7): the first export issues it — the register gives its
number, its date is the one the record holds (plan issued, invitations sent, conclusion notice, reply …) or
the clerk's or today's, and what it says is the record as of that date; the register keeps that content.
Exporting it again reproduces it (same number, date and text, even if the record changed since: a warning says
so); a new version, with a new number, only when the clerk asks for one (``new_version``), the old one kept.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from desk_app.documents import contexts, templates
from desk_app.documents.kinds import KINDS, PETITION_KINDS, SESSION_KINDS, YEAR_KINDS  # noqa: F401
from desk_app.documents.docx_format import SPECS, fit_short_lines
from desk_app.documents.files import atomic_output
from desk_app.domain import clock, issuers, official
from desk_app.domain.errors import MissingDataError, ValidationError
from desk_app.domain.official import PARTY, STATE
from desk_app.domain.states import PetitionStatus, SessionStatus
from desk_app.services import catalog, followup, register, statistics
from desk_app.services.common import commune, get
from desk_app.store import models as m

WHAT = {kind: templates.KIND_LABELS[kind].lower() for kind in KINDS}


@dataclass
class ExportResult:
    path: Path
    kind: str
    fmt: str
    number: int | None
    symbol: str
    issued_date: dt.date | None
    template: Path
    warnings: list[str] = field(default_factory=list)
    reproduced: bool = False  # an issued document exported again: its number and date cannot change


@dataclass
class ExportRequest:
    kind: str
    target: Path
    session_id: int | None = None
    petition_id: int | None = None
    year: int | None = None
    number: int | None = None  # the clerk's own number; None: the register's suggestion
    issued_date: dt.date | None = None  # None: the date stored on the record, else today
    fmt: str | None = None  # None: the session's format (state for the yearly report)
    per_invitee: bool = False
    with_form: bool = True  # the invitation carries the registration form
    charts: bool = True
    body: str | None = None  # the yearly report's reporting body (dang_uy / hdnd / ubnd); None: by the format
    new_version: bool = False  # issue a new version of an issued document (a new number), from today's record
    # only the number and date it would get (checked as an export checks them), nothing written
    preview: bool = False
    # PNGs drawn beforehand on the Qt main thread (the window exports in a worker thread): key → bytes
    chart_images: dict[str, bytes] | None = None


def _session_missing(kind: str, ds: m.DialogueSession, session: Session) -> list[str]:
    missing = []
    if ds.chair is None:
        missing.append("người chủ trì hội nghị")
    if not ds.place:
        missing.append("địa điểm tổ chức hội nghị")
    if kind == "invitation" and not ds.participants:
        missing.append("thành phần mời (danh sách cơ quan, đơn vị, người được mời)")
    status = SessionStatus(ds.status)
    if status is SessionStatus.CANCELLED and kind not in ("plan",):
        missing.append("hội nghị đang hoạt động (hội nghị này đã hủy)")
    if kind == "minutes":
        if ds.actual_start is None:
            missing.append("giờ bắt đầu hội nghị (hội nghị chưa diễn ra)")
        if ds.secretary is None and not ds.secretary_name:
            missing.append("thư ký hội nghị")
    if kind == "conclusion":
        if not status.held:
            missing.append("hội nghị đã kết thúc (chưa ghi giờ kết thúc)")
        if not ds.general_conclusion.strip():
            missing.append("ý kiến kết luận chung của người chủ trì")
    if kind == "upward-proposal" and not contexts.upward_petitions(session, ds):
        missing.append("kiến nghị đề nghị cấp trên giải quyết (hội nghị không có kiến nghị nào như vậy)")
    return missing


# what a session document needs that the plan's form holds: said beside the field before the file is asked for
_FIELD_OF_MISSING = {"người chủ trì hội nghị": "chair_id", "địa điểm tổ chức hội nghị": "place"}


def session_export_problems(session: Session, kind: str, session_id: int) -> tuple[list[str], dict[str, str]]:
    """What a session document still lacks (as :func:`export_document` would refuse it, [] when nothing) and the
    plan's fields to say it beside — checked before the clerk is asked where to save it."""
    ds = get(session, m.DialogueSession, session_id)
    missing = _session_missing(kind, ds, session)
    fields = {_FIELD_OF_MISSING[item]: f"Cần nhập {item} trước khi xuất {WHAT[kind]}."
              for item in missing if item in _FIELD_OF_MISSING}
    return missing, fields


def _petition_missing(kind: str, p: m.Petition) -> list[str]:
    missing = []
    if p.session.chair is None:
        missing.append("người chủ trì hội nghị (người ký văn bản)")
    if kind == "reply":
        # the answer is printed once the agency's result is recorded (then sent; its sending is recorded after)
        answerable = {PetitionStatus.RESOLVED.value, PetitionStatus.ANSWERED_AT_MEETING.value,
                      PetitionStatus.NOT_COMPETENT.value}
        has_result = p.status in answerable or (p.status in followup.OPEN_STATUSES and p.resolved_date is not None)
        if not has_result or not p.resolution.strip():
            missing.append("kết quả giải quyết kiến nghị (nội dung trả lời công dân) — kiến nghị chưa được giải quyết")
    if kind == "extension" and not p.extensions:
        missing.append("quyết định gia hạn (thời hạn mới và lý do)")
    return missing


def _stored_date(kind: str, ds: m.DialogueSession | None, p: m.Petition | None,
                 session: Session | None = None) -> dt.date | None:
    if kind == "plan" and ds is not None:
        return ds.plan_issued_date
    if kind in ("notice", "invitation") and ds is not None:
        return ds.invitations_sent_date
    if kind == "minutes" and ds is not None:
        return (ds.actual_start or ds.planned_start).date()
    if kind == "conclusion" and ds is not None:
        return ds.conclusion_notice_date
    if kind == "reply" and p is not None:
        return p.reply_date
    if kind == "extension" and p is not None and p.extensions:
        return p.extensions[-1].citizen_notified_date
    if kind == "upward-proposal" and ds is not None and session is not None:
        # the day the matters were sent to the superior level, as the record holds it
        days = [q.resolved_date for q in contexts.upward_petitions(session, ds)
                if q.status == PetitionStatus.TRANSFERRED.value and q.resolved_date]
        return max(days) if days else None
    return None


def report_chart_pngs(stats: statistics.Statistics) -> dict[str, bytes]:
    """The yearly report's two charts as PNG bytes; must run on the Qt main thread."""
    from desk_app.documents import charts

    charts.ensure_qt_app()
    fields = charts.field_series(stats)
    return {
        "chart_fields": charts.render_png(charts.field_chart(fields), 1600,
                                          charts.field_chart_height(len(fields), 1600)),
        "chart_outcomes": charts.render_png(charts.outcome_chart(charts.outcome_series(stats)), 1600, 900),
    }


def _chart_images(template, pngs: dict[str, bytes], width_mm: float) -> dict:
    from docx.shared import Mm
    from docxtpl import InlineImage

    return {key: InlineImage(template, io.BytesIO(png), width=Mm(width_mm)) for key, png in pngs.items()}


def _chart_pngs_from(series: dict) -> dict[str, bytes]:
    """The yearly report's charts drawn from kept series (a report exported again draws what it showed)."""
    from desk_app.documents import charts

    charts.ensure_qt_app()
    fields = [tuple(item) for item in series["fields"]]
    outcomes = [tuple(item) for item in series["outcomes"]]
    return {
        "chart_fields": charts.render_png(charts.field_chart(fields), 1600, charts.field_chart_height(len(fields), 1600)),
        "chart_outcomes": charts.render_png(charts.outcome_chart(outcomes), 1600, 900),
    }


def _issued_in_record(session: Session, kind: str, ds: m.DialogueSession | None, p: m.Petition | None) -> bool:
    """The record says the document has been issued (its act is recorded): from then on it is reproduced."""
    if kind == "plan":
        return ds.plan_issued_date is not None
    if kind in ("notice", "invitation"):
        return ds.invitations_sent_date is not None
    if kind == "minutes":
        return ds.actual_end is not None  # read out and passed at the end of the meeting
    if kind == "conclusion":
        return ds.conclusion_notice_date is not None
    if kind in ("reply", "extension"):
        return _letter_row(kind, p) is not None
    if kind == "upward-proposal":
        return any(q.status == PetitionStatus.TRANSFERRED.value for q in contexts.upward_petitions(session, ds))
    return kind == "annual-report"


def _working_day(session: Session, day: dt.date) -> dt.date:
    """A new document is dated today, or on the next working day when today is a day off (it is signed then)."""
    from desk_app.services.common import load_calendar

    calendar = load_calendar(session)
    return day if calendar.is_working_day(day) else calendar.next_working_day(day)


def _letter_row(kind: str, p: m.Petition) -> m.IssuedDocument | None:
    """The register entry a petition's letter already has (recorded when the reply or the extension was)."""
    if kind == "reply":
        return p.reply_document
    if kind == "extension" and p.extensions:
        return p.extensions[-1].letter_document
    return None


def _refuse_changes(request: ExportRequest, row: m.IssuedDocument) -> None:
    """An issued document is reproduced: another number or date is a new version, which the clerk asks for."""
    changed = []
    if request.number is not None and request.number != row.number:
        changed.append(f"số {request.number}")
    if request.issued_date is not None and request.issued_date != row.issued_date:
        changed.append(f"ngày {request.issued_date:%d/%m/%Y}")
    if changed:
        raise ValidationError({"number" if request.number is not None else "date": (
            f"Văn bản này đã ban hành: số {register.reference(row)} ngày {row.issued_date:%d/%m/%Y}. Xuất lại thì "
            f"giữ đúng số, ngày đã ban hành; muốn {' và '.join(changed)} thì ban hành bản mới (lệnh export với "
            "--new-version).")})


def export_document(session: Session, request: ExportRequest, *, today: dt.date | None = None) -> ExportResult:
    kind = request.kind
    if kind not in KINDS:
        raise ValidationError({"kind": f"Không có loại văn bản “{kind}”."})
    today = today or clock.today()
    unit = commune(session)
    missing: list[str] = []
    if unit is None:
        raise MissingDataError(WHAT[kind], ["thông tin đơn vị (tên xã, tỉnh) — nhập trong phần Thiết lập"])
    ds = p = None
    if kind in SESSION_KINDS:
        if request.session_id is None:
            raise ValidationError({"session": "Cần chọn hội nghị (--session)."})
        ds = get(session, m.DialogueSession, request.session_id)
        missing = _session_missing(kind, ds, session)
    elif kind in PETITION_KINDS:
        if request.petition_id is None:
            raise ValidationError({"petition": "Cần chọn kiến nghị (--petition)."})
        p = get(session, m.Petition, request.petition_id)
        ds = p.session
        missing = _petition_missing(kind, p)
    else:
        if request.year is None:
            raise ValidationError({"year": "Cần chọn năm báo cáo (--year)."})
    if request.fmt is not None and request.fmt not in (STATE, PARTY):
        raise ValidationError({"format": "Thể thức phải là state (hành chính) hoặc party (của Đảng)."})

    # who issues and signs: the table of domain.issuers
    recorded = None
    if p is not None:
        body, fmt = followup.answering_body(p)
        if request.fmt is not None and request.fmt != fmt:
            raise ValidationError({"format": "Văn bản trả lời, gia hạn dùng thể thức của cơ quan giải quyết kiến "
                                             "nghị; không chọn thể thức khác được."})
        issuer = contexts.issuer_of(unit, body)
        signer_person, delegated = catalog.heads(session, ds.session_date).get(body), False
        if signer_person is None:
            signer_person, delegated = contexts.session_signer(session, ds, issuer)
        recorded = _letter_row(kind, p)
    elif ds is not None:
        issuer = contexts.session_issuer(ds, unit, request.fmt)
        signer_person, delegated = contexts.session_signer(session, ds, issuer)
    else:
        body = request.body or ("dang_uy" if request.fmt == PARTY else "ubnd")
        fmt = issuers.format_of(body)
        if request.fmt is not None and request.fmt != fmt:
            raise ValidationError({"format": "Báo cáo của Đảng ủy dùng thể thức của Đảng; của HĐND, UBND dùng thể "
                                             "thức hành chính."})
        issuer = contexts.issuer_of(unit, body)
        signer_person, delegated = catalog.heads(session).get(body), False
        if signer_person is None:
            missing.append({"dang_uy": "Bí thư Đảng ủy", "hdnd": "Chủ tịch HĐND", "ubnd": "Chủ tịch UBND"}[body]
                           + " (người ký báo cáo)")
    if missing:
        raise MissingDataError(WHAT[kind], missing)

    fmt = issuer.fmt
    numbered = kind != "registration-form"
    symbol = (recorded.symbol if recorded is not None else
              official.symbol(kind, issuer.body, fmt, unit.office_unit)) if numbered else ""
    issued_row = None  # the document's register entry, if it has one
    if numbered:
        issued_row = recorded if recorded is not None else register.issued(
            session, kind, symbol, session_id=ds.id if ds is not None and p is None else None,
            petition_id=p.id if p is not None else None, year=request.year if kind in YEAR_KINDS else None)
    # issued: its content was kept at an earlier export, or the record says it was issued (plan issued, invitations
    # sent, meeting closed, conclusion notice, reply, extension letter, transfer): exporting it reproduces it.
    # Otherwise the entry is a draft's: its number is reserved, its text follows the record.
    in_record = _issued_in_record(session, kind, ds, p)
    keep = numbered and in_record
    reissue = issued_row is not None and not request.new_version and (issued_row.content is not None or in_record)
    draft = issued_row if issued_row is not None and not request.new_version and not reissue else None
    stored = None if request.new_version else _stored_date(kind, ds, p, session)
    if reissue:
        _refuse_changes(request, issued_row)
        number, issued = issued_row.number, issued_row.issued_date
    elif draft is not None:
        number = request.number or draft.number
        issued = request.issued_date or stored or draft.issued_date
    else:
        issued = request.issued_date or stored or _working_day(session, today)
        number = None
        if numbered:
            year = request.year if kind in YEAR_KINDS else issued.year
            number = request.number or register.next_number(session, symbol, year)
    year = request.year if kind in YEAR_KINDS else issued.year
    entry = register.Entry(kind, symbol, issued_row.year if reissue else year,
                           ds.id if ds is not None and p is None else None, p.id if p is not None else None)
    if numbered and not reissue:
        register.check_number(session, entry, number)
    if request.preview:
        return ExportResult(request.target, kind, fmt, number, symbol, issued, Path(), [], reproduced=reissue)

    # the form is a blank the citizen fills in: its date stays dotted
    head = contexts.common(unit, issuer, number=number, symbol=symbol, issued=issued if numbered else None)
    head["signature"] = contexts.signature_for(issuer, signer_person, delegated)
    head["reference"] = official.reference(number, symbol) if numbered else ""
    form_date = f"{unit.place_name or unit.name}, ngày …… tháng …… năm {ds.session_date.year}" if ds is not None else ""
    if not numbered:  # the citizen dates the form: dots, in the session's year
        head["place_date"] = form_date
    cite = contexts.Citations(session, unit, issued if numbered else None)
    prepare = None
    series = None
    if kind == "plan":
        body = contexts.plan_context(session, ds, head, cite)
    elif kind == "notice":
        body = contexts.notice_context(session, ds, head, cite)
    elif kind == "invitation":
        body = contexts.invitation_context(session, ds, head, cite)
        form_head = {**contexts.common(unit, issuer, number=None, symbol="", issued=None), "place_date": form_date}
        body["_form"] = {**form_head, **contexts.registration_form_context(session, ds, form_head),
                         "signature": head["signature"]}
    elif kind == "registration-form":
        body = contexts.registration_form_context(session, ds, head, cite)
    elif kind == "minutes":
        body = contexts.minutes_context(session, ds, head, cite)
    elif kind == "conclusion":
        body = contexts.conclusion_context(session, ds, head, cite)
    elif kind == "reply":
        body = contexts.reply_context(session, p, head, cite)
    elif kind == "extension":
        body = contexts.extension_context(session, p, head, cite)
    elif kind == "upward-proposal":
        body = contexts.upward_context(session, ds, head, cite, issued_row if reissue else None)
    else:
        as_of = min(issued, today)
        stats = statistics.compute(session, statistics.Period.year(request.year), as_of, body=issuer.body)
        body = contexts.annual_report_context(session, request.year, issuer, head, stats)
        from desk_app.documents import charts

        body["_charts"] = series = {"fields": charts.field_series(stats), "outcomes": charts.outcome_series(stats)}
    context = {**head, **body}
    warnings = list(cite.warnings)

    # an issued document is reproduced as it was issued
    kept = register.content(issued_row) if reissue else None
    if kept is not None and kind == "annual-report":
        # the clerk's own assessment and directions (III, IV) are drafted in the program: they follow the latest
        # text; the figures stay those of the report's date
        kept.update({key: context[key] for key in ("strengths", "weaknesses", "causes", "directions")})
    if kept is not None:
        if kept != register.plain(context):
            warnings.append(
                f"Hồ sơ đã thay đổi sau khi văn bản số {register.reference(issued_row)} ngày "
                f"{issued_row.issued_date:%d/%m/%Y} được ban hành; đã xuất lại đúng văn bản đã ban hành. Muốn văn bản "
                "theo hồ sơ hiện nay thì ban hành bản mới, có số mới (lệnh export với --new-version).")
            warnings = [w for w in warnings if w not in cite.warnings]
        context = kept
        series = context.get("_charts")
        if "annex_rows" in context:  # plain attributes again: a large annex renders as fast as the first time
            context["annex_rows"] = [contexts.Item(row) for row in context["annex_rows"]]
    if kind == "invitation":
        form_context = context.get("_form")
        context = {**context, "copies": contexts.invitation_copies(context["invitees"], request.per_invitee)}

        def prepare(template, form_context=form_context):
            if not request.with_form:
                return {"registration_form": ""}
            form = templates.render("registration-form", fmt, form_context)
            fit_short_lines(form.document, SPECS[fmt].text_width_mm)
            return {"registration_form": template.new_subdoc(io.BytesIO(templates.to_bytes(form.document)))}
    elif kind == "annual-report":
        if request.charts:
            pngs = request.chart_images or (_chart_pngs_from(series) if series is not None else {})

            def prepare(template, pngs=pngs):
                return _chart_images(template, pngs, 150)
        else:
            context = {**context, "chart_fields": "", "chart_outcomes": ""}

    rendered = templates.render(kind, fmt, context, prepare=prepare)
    fit_short_lines(rendered.document, SPECS[fmt].text_width_mm)
    target = Path(request.target)
    if target.suffix.lower() != ".docx":
        raise ValidationError({"output": f"Tệp xuất phải có đuôi .docx: {target.name}"})
    with atomic_output(target) as temp:
        rendered.document.save(temp)
    signer = head["signature"]["name"]
    note = ""
    if issued_row is not None and request.new_version:
        note = f"Bản mới, thay cho văn bản số {register.reference(issued_row)} ngày {issued_row.issued_date:%d/%m/%Y}"
    own = issued_row if reissue else draft if draft is not None else (
        register.previous(session, entry) if not numbered else None)
    register.record(session, entry, number=number, issued_date=issued, signer=signer,
                    file_path=os.path.abspath(target), note=note, row=own,
                    supersedes=issued_row if request.new_version else None,
                    context=context if keep and kept is None else None)
    if kind == "upward-proposal" and not reissue:
        row = register.issued(session, kind, symbol, session_id=ds.id)
        for q in contexts.upward_petitions(session, ds, issued):
            if q.status == PetitionStatus.TRANSFERRED.value and q.transfer_document_id is None:
                q.transfer_document = row  # the register entry that carried it (documents.md §7)
        session.flush()
    return ExportResult(target, kind, fmt, number, symbol, issued, rendered.source, [*warnings, *rendered.warnings])

"""Export a document: check the record, number it, render its template, write it atomically, register it.

One entry point, :func:`export_document`, used by the CLI and (later) by the window's worker.
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
from desk_app.domain import clock, official
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


def _petition_missing(kind: str, p: m.Petition) -> list[str]:
    missing = []
    if p.session.chair is None:
        missing.append("người chủ trì hội nghị (người ký văn bản)")
    if kind == "reply":
        # the answer is printed once the agency's result is recorded (then sent; its sending is recorded after)
        answerable = {PetitionStatus.RESOLVED.value, PetitionStatus.ANSWERED_AT_MEETING.value,
                      PetitionStatus.NOT_COMPETENT.value}
        has_result = p.status in answerable or (p.status in followup.OPEN_STATUSES and p.resolved_date is not None)
        if not has_result or not (p.resolution.strip() or p.conclusion.strip()):
            missing.append("kết quả giải quyết kiến nghị (nội dung trả lời) — kiến nghị chưa được giải quyết")
    if kind == "extension" and not p.extensions:
        missing.append("quyết định gia hạn (thời hạn mới và lý do)")
    return missing


def _stored_date(kind: str, ds: m.DialogueSession | None, p: m.Petition | None) -> dt.date | None:
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

    recorded = None  # the register entry a petition's letter already has (its number and date are kept)
    if p is not None:
        # a letter to the citizen is issued by the body whose agency resolves the petition (documents.md §7)
        body, fmt = followup.answering_body(p)
        if request.fmt is not None and request.fmt != fmt:
            raise ValidationError({"format": "Văn bản trả lời, gia hạn dùng thể thức của cơ quan giải quyết kiến "
                                             "nghị; không chọn thể thức khác được."})
        issuer = contexts.Issuer(body, fmt, getattr(unit, contexts.BODY_NAMES[body]) or unit.name)
        signer_person, delegated = catalog.heads(session, ds.session_date).get(body), False
        if signer_person is None:
            signer_person, delegated = contexts.session_signer(session, ds, issuer)
        recorded = p.reply_document if kind == "reply" else (
            p.extensions[-1].letter_document if kind == "extension" and p.extensions else None)
    elif ds is not None:
        issuer = contexts.session_issuer(ds, unit, request.fmt)
        signer_person, delegated = contexts.session_signer(session, ds, issuer)
    else:
        body = request.body or ("dang_uy" if request.fmt == PARTY else "ubnd")
        fmt = PARTY if body == "dang_uy" else STATE
        if request.fmt is not None and request.fmt != fmt:
            raise ValidationError({"format": "Báo cáo của Đảng ủy dùng thể thức của Đảng; của HĐND, UBND dùng thể "
                                             "thức hành chính."})
        issuer = contexts.Issuer(body, fmt, getattr(unit, contexts.BODY_NAMES[body]) or unit.name)
        signer_person, delegated = catalog.heads(session).get(body), False
        if signer_person is None:
            missing.append({"dang_uy": "Bí thư Đảng ủy", "hdnd": "Chủ tịch HĐND", "ubnd": "Chủ tịch UBND"}[body]
                           + " (người ký báo cáo)")
    if missing:
        raise MissingDataError(WHAT[kind], missing)

    fmt = issuer.fmt
    numbered = kind != "registration-form"
    issued = request.issued_date or (recorded.issued_date if recorded else None) or _stored_date(kind, ds, p) or today
    year = request.year if kind in YEAR_KINDS else issued.year
    symbol = (recorded.symbol if recorded else official.symbol(kind, issuer.body, fmt, unit.office_unit)) \
        if numbered else ""
    entry = register.Entry(kind, symbol, year, ds.id if ds is not None and p is None else None,
                           p.id if p is not None else None)
    number = None
    if numbered:
        if request.number is not None:
            number = request.number
        elif recorded is not None and recorded.year == year:
            number = recorded.number
        else:
            number = register.suggest(session, entry)
        register.check_number(session, entry, number)

    # the form is a blank the citizen fills in: its date stays dotted
    head = contexts.common(unit, issuer, number=number, symbol=symbol, issued=issued if numbered else None)
    head["signature"] = contexts.signature_for(issuer, signer_person, delegated)
    prepare = None
    if kind == "plan":
        body = contexts.plan_context(session, ds, head)
    elif kind == "notice":
        body = contexts.notice_context(session, ds, head)
    elif kind == "invitation":
        body = contexts.invitation_context(session, ds, head, per_invitee=request.per_invitee)
        form_head = contexts.common(unit, issuer, number=None, symbol="", issued=None)
        form_context = {**form_head, **contexts.registration_form_context(session, ds, form_head),
                        "signature": head["signature"]}

        def prepare(template, form_context=form_context):
            if not request.with_form:
                return {"registration_form": ""}
            form = templates.render("registration-form", fmt, form_context)
            fit_short_lines(form.document, SPECS[fmt].text_width_mm)
            return {"registration_form": template.new_subdoc(io.BytesIO(templates.to_bytes(form.document)))}
    elif kind == "registration-form":
        body = contexts.registration_form_context(session, ds, head)
    elif kind == "minutes":
        body = contexts.minutes_context(session, ds, head)
    elif kind == "conclusion":
        body = contexts.conclusion_context(session, ds, head)
    elif kind == "reply":
        body = contexts.reply_context(session, p, head)
    elif kind == "extension":
        body = contexts.extension_context(session, p, head)
    elif kind == "upward-proposal":
        body = contexts.upward_context(session, ds, head)
    else:
        stats = statistics.compute(session, statistics.Period.year(request.year), today, body=issuer.body)
        body = contexts.annual_report_context(session, request.year, issuer, head, stats)
        if request.charts:
            pngs = request.chart_images or report_chart_pngs(stats)

            def prepare(template, pngs=pngs):
                return _chart_images(template, pngs, 150)
        else:
            body.update(chart_fields="", chart_outcomes="")
    context = {**head, **body}

    rendered = templates.render(kind, fmt, context, prepare=prepare)
    fit_short_lines(rendered.document, SPECS[fmt].text_width_mm)
    target = Path(request.target)
    if target.suffix.lower() != ".docx":
        raise ValidationError({"output": f"Tệp xuất phải có đuôi .docx: {target.name}"})
    with atomic_output(target) as temp:
        rendered.document.save(temp)
    signer = head["signature"]["name"]
    register.record(session, entry, number=number, issued_date=issued, signer=signer,
                    file_path=os.path.abspath(target))
    return ExportResult(target, kind, fmt, number, symbol, issued, rendered.source, rendered.warnings)

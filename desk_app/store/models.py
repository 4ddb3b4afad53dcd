"""SQLAlchemy 2 models of every entity of domain.md §5.

Conventions:
- every table has an integer id, ``created_at``/``updated_at`` (local time, no zone: the office works
  in one zone), ``updated_by`` (who changed it) and ``version``, a counter SQLAlchemy checks on every
  update so an edit based on stale data is refused instead of silently overwriting (several clerks on
  one PostgreSQL server);
- coded choices are short ASCII strings (see :mod:`desk_app.domain.states`), never database enums, so
  SQLite and PostgreSQL behave the same and a new choice needs no schema change;
- text is stored NFC-normalised by the services; names and contents also get a ``*_fold`` column
  (lower case, no diacritics, đ→d) that accent-insensitive search looks in.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, LargeBinary, MetaData, String,
                        Text, UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from desk_app.store.context import current_user, now

# Stable constraint names: Alembic batch migrations on SQLite need them to alter a table.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SHORT = 255
NAME = 100
CODE = 40


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {str: String(SHORT), dict: JSON, list: JSON}


class Tracked:
    """id, timestamps, who changed it, and the optimistic-locking version."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now, onupdate=now)
    updated_by: Mapped[str] = mapped_column(String(NAME), default=current_user, onupdate=current_user)
    version: Mapped[int] = mapped_column(Integer, default=1, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls):  # noqa: N805 — SQLAlchemy's declared_attr signature
        return {"version_id_col": cls.__table__.c.version}


def _fk(target: str, *, ondelete: str = "RESTRICT", nullable: bool = True, index: bool = True):
    return mapped_column(ForeignKey(target, ondelete=ondelete), nullable=nullable, index=index)


def _register_fk():
    # petition ↔ issued_document point at each other: PostgreSQL creates this side after both tables
    return mapped_column(ForeignKey("issued_document.id", ondelete="SET NULL", use_alter=True), nullable=True,
                         index=True)


# -- the commune and its catalogues ---------------------------------------------------------------

class Commune(Tracked, Base):
    """Đơn vị: the one commune this database belongs to."""

    __tablename__ = "commune"

    name: Mapped[str] = mapped_column(String(NAME))  # "Xã Tân Đoàn"
    kind: Mapped[str] = mapped_column(String(20), default="xã")  # xã / phường / đặc khu
    code: Mapped[str] = mapped_column(String(20), default="")  # mã ĐVHC
    province: Mapped[str] = mapped_column(String(NAME), default="")
    place_name: Mapped[str] = mapped_column(String(NAME), default="")  # used in "Tân Đoàn, ngày …"
    party_committee: Mapped[str] = mapped_column(String(SHORT), default="")  # "Đảng ủy xã Tân Đoàn"
    party_superior: Mapped[str] = mapped_column(String(SHORT), default="")  # "Đảng bộ tỉnh Lạng Sơn"
    council: Mapped[str] = mapped_column(String(SHORT), default="")  # "Hội đồng nhân dân xã Tân Đoàn"
    committee: Mapped[str] = mapped_column(String(SHORT), default="")  # "Ủy ban nhân dân xã Tân Đoàn"
    front: Mapped[str] = mapped_column(String(SHORT), default="")  # "Ủy ban MTTQ Việt Nam xã Tân Đoàn"
    state_superior: Mapped[str] = mapped_column(String(SHORT), default="")  # optional line above the body
    office_unit: Mapped[str] = mapped_column(String(20), default="VP")  # "Lưu: VT, VP."
    superior_recipients: Mapped[list] = mapped_column(JSON, default=list)
    profile_id: Mapped[int | None] = _fk("profile.id")

    profile: Mapped[Profile | None] = relationship()


class Official(Tracked, Base):
    """Cán bộ: a person holding a post; one person may head two bodies (kiêm nhiệm)."""

    __tablename__ = "official"

    name: Mapped[str] = mapped_column(String(NAME))
    name_fold: Mapped[str] = mapped_column(String(NAME), index=True)
    title: Mapped[str] = mapped_column(String(SHORT))  # "Chủ tịch UBND xã"
    body: Mapped[str] = mapped_column(String(CODE))  # Body code
    gender: Mapped[str | None] = mapped_column(String(10))  # "nam" / "nu"
    is_party_head: Mapped[bool] = mapped_column(Boolean, default=False)
    is_council_head: Mapped[bool] = mapped_column(Boolean, default=False)
    is_committee_head: Mapped[bool] = mapped_column(Boolean, default=False)
    active_from: Mapped[dt.date | None] = mapped_column(Date)
    active_to: Mapped[dt.date | None] = mapped_column(Date)


class Agency(Tracked, Base):
    """Cơ quan, đơn vị: answers petitions, is invited, receives tasks."""

    __tablename__ = "agency"

    name: Mapped[str] = mapped_column(String(SHORT))
    name_fold: Mapped[str] = mapped_column(String(SHORT), index=True)
    short_name: Mapped[str] = mapped_column(String(NAME), default="")
    kind: Mapped[str] = mapped_column(String(CODE))  # AgencyKind code
    head_name: Mapped[str] = mapped_column(String(NAME), default="")
    head_title: Mapped[str] = mapped_column(String(NAME), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Hamlet(Tracked, Base):
    """Thôn / tổ dân phố."""

    __tablename__ = "hamlet"

    name: Mapped[str] = mapped_column(String(NAME))
    name_fold: Mapped[str] = mapped_column(String(NAME), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Field(Tracked, Base):
    """Lĩnh vực of a petition (Đất đai, Môi trường, …)."""

    __tablename__ = "field"

    name: Mapped[str] = mapped_column(String(NAME), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Profile(Tracked, Base):
    """A regulation profile; built-in rows are refreshed from the code at open and are read-only."""

    __tablename__ = "profile"

    code: Mapped[str] = mapped_column(String(CODE), unique=True)
    name: Mapped[str] = mapped_column(String(SHORT))
    built_in: Mapped[bool] = mapped_column(Boolean, default=False)
    data: Mapped[dict] = mapped_column(JSON)  # desk_app.domain.profiles.Profile.to_dict()


# -- sessions --------------------------------------------------------------------------------------

class DialogueSession(Tracked, Base):
    """Cuộc tiếp xúc, đối thoại."""

    __tablename__ = "dialogue_session"

    year: Mapped[int] = mapped_column(Integer, index=True)
    title: Mapped[str] = mapped_column(String(500))
    title_fold: Mapped[str] = mapped_column(String(500))
    host: Mapped[str] = mapped_column(String(CODE))  # Host code
    joint_bodies: Mapped[str] = mapped_column(String(100), default="")  # for liên tịch: "dang_uy,ubnd"
    chair_id: Mapped[int | None] = _fk("official.id")
    chair_delegated: Mapped[bool] = mapped_column(Boolean, default=False)  # ủy quyền
    form: Mapped[str] = mapped_column(String(CODE))
    regime: Mapped[str] = mapped_column(String(CODE))
    planned_start: Mapped[dt.datetime] = mapped_column(DateTime)
    planned_end: Mapped[dt.datetime | None] = mapped_column(DateTime)
    place: Mapped[str] = mapped_column(String(SHORT), default="")
    target_audience: Mapped[str] = mapped_column(Text, default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    requirements: Mapped[str] = mapped_column(Text, default="")
    content: Mapped[str] = mapped_column(Text, default="")
    profile_id: Mapped[int] = _fk("profile.id", nullable=False)
    secretary_id: Mapped[int | None] = _fk("official.id")
    secretary_name: Mapped[str] = mapped_column(String(NAME), default="")
    document_format: Mapped[str] = mapped_column(String(CODE), default="state")
    status: Mapped[str] = mapped_column(String(CODE), index=True, default="du_thao")
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    plan_issued_date: Mapped[dt.date | None] = mapped_column(Date)
    invitations_sent_date: Mapped[dt.date | None] = mapped_column(Date)
    actual_start: Mapped[dt.datetime | None] = mapped_column(DateTime)
    actual_end: Mapped[dt.datetime | None] = mapped_column(DateTime)
    citizens_attending: Mapped[int | None] = mapped_column(Integer)
    delegates_attending: Mapped[int | None] = mapped_column(Integer)
    general_conclusion: Mapped[str] = mapped_column(Text, default="")
    conclusion_notice_date: Mapped[dt.date | None] = mapped_column(Date)
    notice_override: Mapped[dt.date | None] = mapped_column(Date)
    notice_override_reason: Mapped[str] = mapped_column(Text, default="")
    conclusion_override: Mapped[dt.date | None] = mapped_column(Date)
    conclusion_override_reason: Mapped[str] = mapped_column(Text, default="")

    chair: Mapped[Official | None] = relationship(foreign_keys=[chair_id])
    secretary: Mapped[Official | None] = relationship(foreign_keys=[secretary_id])
    profile: Mapped[Profile] = relationship()
    co_chairs: Mapped[list[SessionCoChair]] = relationship(
        cascade="all, delete-orphan", order_by="SessionCoChair.id", back_populates="session")
    participants: Mapped[list[SessionParticipant]] = relationship(
        cascade="all, delete-orphan", order_by="SessionParticipant.position")
    tasks: Mapped[list[SessionTask]] = relationship(
        cascade="all, delete-orphan", order_by="SessionTask.position")
    legal_bases: Mapped[list[SessionLegalBasis]] = relationship(
        cascade="all, delete-orphan", order_by="SessionLegalBasis.position")
    recipients: Mapped[list[SessionRecipient]] = relationship(
        cascade="all, delete-orphan", order_by="SessionRecipient.position")
    bridge_points: Mapped[list[BridgePoint]] = relationship(
        cascade="all, delete-orphan", order_by="BridgePoint.position")
    agenda_log: Mapped[list[AgendaStepLog]] = relationship(
        cascade="all, delete-orphan", order_by="AgendaStepLog.reached_at")

    @property
    def session_date(self) -> dt.date:
        """The day the session is (or was) held: deadlines count from it."""
        return (self.actual_start or self.planned_start).date()


class SessionCoChair(Tracked, Base):
    __tablename__ = "session_co_chair"

    session_id: Mapped[int] = _fk("dialogue_session.id", ondelete="CASCADE", nullable=False)
    official_id: Mapped[int] = _fk("official.id", nullable=False)
    delegated: Mapped[bool] = mapped_column(Boolean, default=False)

    session: Mapped[DialogueSession] = relationship(back_populates="co_chairs")
    official: Mapped[Official] = relationship()


class SessionParticipant(Tracked, Base):
    """Thành phần mời: an agency, or free text ("Đại biểu HĐND xã", "Trưởng các thôn")."""

    __tablename__ = "session_participant"

    session_id: Mapped[int] = _fk("dialogue_session.id", ondelete="CASCADE", nullable=False)
    agency_id: Mapped[int | None] = _fk("agency.id")
    name: Mapped[str] = mapped_column(String(SHORT), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    agency: Mapped[Agency | None] = relationship()


class SessionTask(Tracked, Base):
    """One numbered item of "III. TỔ CHỨC THỰC HIỆN"."""

    __tablename__ = "session_task"

    session_id: Mapped[int] = _fk("dialogue_session.id", ondelete="CASCADE", nullable=False)
    agency_id: Mapped[int | None] = _fk("agency.id")
    assignee: Mapped[str] = mapped_column(String(SHORT))  # heading: the agency or role
    tasks: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    agency: Mapped[Agency | None] = relationship()


class SessionLegalBasis(Tracked, Base):
    __tablename__ = "session_legal_basis"

    session_id: Mapped[int] = _fk("dialogue_session.id", ondelete="CASCADE", nullable=False)
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)


class SessionRecipient(Tracked, Base):
    """Nơi nhận of the session's documents."""

    __tablename__ = "session_recipient"

    session_id: Mapped[int] = _fk("dialogue_session.id", ondelete="CASCADE", nullable=False)
    text: Mapped[str] = mapped_column(String(SHORT))
    position: Mapped[int] = mapped_column(Integer, default=0)


class BridgePoint(Tracked, Base):
    """Điểm cầu of an online session."""

    __tablename__ = "bridge_point"

    session_id: Mapped[int] = _fk("dialogue_session.id", ondelete="CASCADE", nullable=False)
    name: Mapped[str] = mapped_column(String(SHORT))
    address: Mapped[str] = mapped_column(String(SHORT), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class AgendaStepLog(Tracked, Base):
    """When the meeting reached each agenda step a–đ."""

    __tablename__ = "agenda_step_log"

    session_id: Mapped[int] = _fk("dialogue_session.id", ondelete="CASCADE", nullable=False)
    step: Mapped[str] = mapped_column(String(CODE))  # AgendaStep code
    reached_at: Mapped[dt.datetime] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(Text, default="")


# -- registrations and minutes ---------------------------------------------------------------------

class Registration(Tracked, Base):
    """Đăng ký phát biểu."""

    __tablename__ = "registration"
    __table_args__ = (Index("ix_registration_session_order", "session_id", "queue_order"),)

    session_id: Mapped[int] = _fk("dialogue_session.id", ondelete="CASCADE", nullable=False, index=False)
    citizen_name: Mapped[str] = mapped_column(String(NAME))
    citizen_fold: Mapped[str] = mapped_column(String(NAME), index=True)
    birth_year: Mapped[int | None] = mapped_column(Integer)
    gender: Mapped[str | None] = mapped_column(String(10))
    cccd: Mapped[str] = mapped_column(String(12), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    hamlet_id: Mapped[int | None] = _fk("hamlet.id")
    address: Mapped[str] = mapped_column(String(SHORT), default="")
    speaks_for: Mapped[str] = mapped_column(String(CODE), default="ca_nhan")
    speaks_for_count: Mapped[int | None] = mapped_column(Integer)
    field_id: Mapped[int | None] = _fk("field.id")
    content: Mapped[str] = mapped_column(Text, default="")
    content_fold: Mapped[str] = mapped_column(Text, default="")
    addressed_to: Mapped[str] = mapped_column(String(SHORT), default="")
    addressed_agency_id: Mapped[int | None] = _fk("agency.id")
    channel: Mapped[str] = mapped_column(String(CODE), default="phieu_dang_ky")
    received_date: Mapped[dt.date | None] = mapped_column(Date)
    queue_order: Mapped[int] = mapped_column(Integer, default=0)
    priority: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[str] = mapped_column(String(CODE), default="cho_phat_bieu")
    refusal_code: Mapped[str] = mapped_column(String(CODE), default="")
    refusal_note: Mapped[str] = mapped_column(Text, default="")
    merged_into_id: Mapped[int | None] = _fk("registration.id", ondelete="SET NULL")

    session: Mapped[DialogueSession] = relationship()
    hamlet: Mapped[Hamlet | None] = relationship()
    field: Mapped[Field | None] = relationship()
    addressed_agency: Mapped[Agency | None] = relationship()


class Opinion(Tracked, Base):
    """Ý kiến tại hội nghị: one entry of the minutes."""

    __tablename__ = "opinion"

    session_id: Mapped[int] = _fk("dialogue_session.id", ondelete="CASCADE", nullable=False)
    registration_id: Mapped[int | None] = _fk("registration.id", ondelete="SET NULL")
    speaker_name: Mapped[str] = mapped_column(String(NAME))
    speaker_fold: Mapped[str] = mapped_column(String(NAME), index=True)
    hamlet_id: Mapped[int | None] = _fk("hamlet.id")
    address: Mapped[str] = mapped_column(String(SHORT), default="")
    field_id: Mapped[int | None] = _fk("field.id")
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    content: Mapped[str] = mapped_column(Text, default="")
    content_fold: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str | None] = mapped_column(String(CODE))
    position: Mapped[int] = mapped_column(Integer, default=0)

    registration: Mapped[Registration | None] = relationship()
    hamlet: Mapped[Hamlet | None] = relationship()
    field: Mapped[Field | None] = relationship()
    answers: Mapped[list[OpinionAnswer]] = relationship(
        cascade="all, delete-orphan", order_by="OpinionAnswer.position")


class OpinionAnswer(Tracked, Base):
    """What the chair or an agency head answered to an opinion at the meeting."""

    __tablename__ = "opinion_answer"

    opinion_id: Mapped[int] = _fk("opinion.id", ondelete="CASCADE", nullable=False)
    responder_kind: Mapped[str] = mapped_column(String(CODE))
    responder_name: Mapped[str] = mapped_column(String(SHORT), default="")
    official_id: Mapped[int | None] = _fk("official.id")
    agency_id: Mapped[int | None] = _fk("agency.id")
    content: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


# -- petitions -------------------------------------------------------------------------------------

class Petition(Tracked, Base):
    """Kiến nghị: followed up until the citizen has a written answer.

    ``due_date`` is the effective deadline (the last extension, else the clerk's override, else the
    profile's computed date), kept up to date by the follow-up service so lists can filter and sort
    on it; overdue and due soon are computed from it and today, never stored.
    """

    __tablename__ = "petition"
    # every order of the follow-up list within a year (and times raised across years), migration 0006
    __table_args__ = (
        Index("ix_petition_year_due", "year", "due_date", "id"),
        Index("ix_petition_year_status", "year", "status", "id"),
        Index("ix_petition_year_field", "year", "field_id", "id"),
        Index("ix_petition_year_session", "year", "session_id", "id"),
        Index("ix_petition_year_times", "year", "times_raised", "id"),
        Index("ix_petition_times", "times_raised", "id"),
    )

    session_id: Mapped[int] = _fk("dialogue_session.id", ondelete="CASCADE", nullable=False)
    year: Mapped[int] = mapped_column(Integer, index=True)
    opinion_id: Mapped[int | None] = _fk("opinion.id", ondelete="SET NULL")
    registration_id: Mapped[int | None] = _fk("registration.id", ondelete="SET NULL")
    citizen_name: Mapped[str] = mapped_column(String(SHORT))
    citizen_fold: Mapped[str] = mapped_column(String(SHORT), index=True)
    hamlet_id: Mapped[int | None] = _fk("hamlet.id")
    address: Mapped[str] = mapped_column(String(SHORT), default="")
    field_id: Mapped[int | None] = _fk("field.id")
    content: Mapped[str] = mapped_column(Text)
    content_fold: Mapped[str] = mapped_column(Text)
    conclusion: Mapped[str] = mapped_column(Text, default="")
    lead_agency_id: Mapped[int | None] = _fk("agency.id")
    complex_case: Mapped[bool] = mapped_column(Boolean, default=False)
    computed_due_date: Mapped[dt.date | None] = mapped_column(Date)
    due_provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    due_override: Mapped[dt.date | None] = mapped_column(Date)
    due_override_reason: Mapped[str] = mapped_column(Text, default="")
    due_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(CODE), index=True, default="moi")
    status_changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    resolution: Mapped[str] = mapped_column(Text, default="")
    resolved_date: Mapped[dt.date | None] = mapped_column(Date)  # the agency's result (or transfer, decision)
    # The written answer to the citizen (domain.md §7): its date makes the petition answered; its number is
    # a register entry. The date the citizen was informed, when recorded, is the answer's date.
    reply_date: Mapped[dt.date | None] = mapped_column(Date)
    citizen_informed_date: Mapped[dt.date | None] = mapped_column(Date)
    reply_document_id: Mapped[int | None] = _register_fk()
    transferred_to: Mapped[str] = mapped_column(String(SHORT), default="")
    transfer_document_id: Mapped[int | None] = _register_fk()  # the upward proposal that carried it
    earlier_petition_id: Mapped[int | None] = _fk("petition.id", ondelete="SET NULL")
    times_raised: Mapped[int] = mapped_column(Integer, default=1)

    session: Mapped[DialogueSession] = relationship()
    hamlet: Mapped[Hamlet | None] = relationship()
    field: Mapped[Field | None] = relationship()
    lead_agency: Mapped[Agency | None] = relationship()
    opinion: Mapped[Opinion | None] = relationship()
    # post_update: the register entry also points at its petition (a cycle the flush must break)
    reply_document: Mapped[IssuedDocument | None] = relationship(foreign_keys=[reply_document_id], post_update=True)
    transfer_document: Mapped[IssuedDocument | None] = relationship(foreign_keys=[transfer_document_id],
                                                                    post_update=True)
    earlier_petition: Mapped[Petition | None] = relationship(remote_side="Petition.id")
    coordinators: Mapped[list[PetitionCoordinator]] = relationship(
        cascade="all, delete-orphan", order_by="PetitionCoordinator.id")
    extensions: Mapped[list[PetitionExtension]] = relationship(
        cascade="all, delete-orphan", order_by="PetitionExtension.id")
    history: Mapped[list[PetitionStatusChange]] = relationship(
        cascade="all, delete-orphan", order_by="PetitionStatusChange.id")


class PetitionCoordinator(Tracked, Base):
    """A coordinating agency (cơ quan phối hợp)."""

    __tablename__ = "petition_coordinator"
    __table_args__ = (UniqueConstraint("petition_id", "agency_id"),)

    petition_id: Mapped[int] = _fk("petition.id", ondelete="CASCADE", nullable=False)
    agency_id: Mapped[int] = _fk("agency.id", nullable=False)

    agency: Mapped[Agency] = relationship()


class PetitionExtension(Tracked, Base):
    """Gia hạn: more time, told to the citizen in writing with the new deadline (001 Điều 9.3b)."""

    __tablename__ = "petition_extension"

    petition_id: Mapped[int] = _fk("petition.id", ondelete="CASCADE", nullable=False)
    previous_due: Mapped[dt.date | None] = mapped_column(Date)  # the due date this extension extends
    new_due: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    citizen_notified_date: Mapped[dt.date | None] = mapped_column(Date)
    # Valid (domain.md §7): the citizen was told in writing on or before ``previous_due`` and ``new_due``
    # is a later working day. A late notice is kept as history only: it moves no due date.
    valid: Mapped[bool] = mapped_column(Boolean, default=True)
    letter_document_id: Mapped[int | None] = _fk("issued_document.id", ondelete="SET NULL")

    letter_document: Mapped[IssuedDocument | None] = relationship()


class PetitionStatusChange(Tracked, Base):
    """The full status history of a petition."""

    __tablename__ = "petition_status_change"

    petition_id: Mapped[int] = _fk("petition.id", ondelete="CASCADE", nullable=False)
    from_status: Mapped[str | None] = mapped_column(String(CODE))
    to_status: Mapped[str] = mapped_column(String(CODE))
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)
    changed_by: Mapped[str] = mapped_column(String(NAME), default=current_user)
    note: Mapped[str] = mapped_column(Text, default="")


class DeadlineOverride(Tracked, Base):
    """History of every computed deadline the clerk overrode, with the reason."""

    __tablename__ = "deadline_override"

    session_id: Mapped[int | None] = _fk("dialogue_session.id", ondelete="CASCADE")
    petition_id: Mapped[int | None] = _fk("petition.id", ondelete="CASCADE")
    kind: Mapped[str] = mapped_column(String(CODE))  # notice / conclusion / answer
    previous_date: Mapped[dt.date | None] = mapped_column(Date)
    new_date: Mapped[dt.date | None] = mapped_column(Date)  # None: back to the computed date
    reason: Mapped[str] = mapped_column(Text)


# -- register, calendar, settings, audit ------------------------------------------------------------

class IssuedDocument(Tracked, Base):
    """Sổ văn bản đi: every document exported with a number."""

    __tablename__ = "issued_document"
    __table_args__ = (Index("ix_issued_document_kind_year", "kind", "year"),)

    kind: Mapped[str] = mapped_column(String(CODE))  # plan / notice / invitation / …
    number: Mapped[int | None] = mapped_column(Integer)
    symbol: Mapped[str] = mapped_column(String(NAME), default="")  # "KH-UBND"
    year: Mapped[int] = mapped_column(Integer)
    issued_date: Mapped[dt.date] = mapped_column(Date)
    signer: Mapped[str] = mapped_column(String(NAME), default="")
    session_id: Mapped[int | None] = _fk("dialogue_session.id", ondelete="SET NULL")
    petition_id: Mapped[int | None] = _fk("petition.id", ondelete="SET NULL")
    file_path: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # What the document said when it was issued (the template's variables, zlib-compressed JSON): exporting it
    # again reproduces it; a changed record gives a new version only when the clerk asks for one.
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    # A new version of a document points at the entry it replaces (both stay in the register).
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("issued_document.id", ondelete="SET NULL"),
                                                      nullable=True)


class CalendarOverride(Tracked, Base):
    """Ngày nghỉ / ngày làm bù of the commune, on top of the law."""

    __tablename__ = "calendar_override"

    day: Mapped[dt.date] = mapped_column(Date, unique=True)
    kind: Mapped[str] = mapped_column(String(CODE))  # DayKind code
    note: Mapped[str] = mapped_column(String(SHORT), default="")


class Setting(Tracked, Base):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(NAME), unique=True)
    value: Mapped[dict | list | str | int | float | bool | None] = mapped_column(JSON)


class MeetingImport(Tracked, Base):
    """A meeting's result brought back from a package (Nhập kết quả hội nghị): which package, when, and what the
    next import of the same package must compare with, so that the same result never comes back twice."""

    __tablename__ = "meeting_import"

    package_id: Mapped[str] = mapped_column(String(CODE), unique=True)  # the package's identity (a UUID)
    session_id: Mapped[int] = _fk("dialogue_session.id", ondelete="CASCADE", nullable=False)
    exported_at: Mapped[dt.datetime] = mapped_column(DateTime)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)  # the last import that changed something
    imports: Mapped[int] = mapped_column(Integer, default=0)  # the imports that changed something
    # {"ids": {table: {laptop id: office id}}, "base": {table: {laptop id: [laptop signature, office signature]}}}
    state: Mapped[dict] = mapped_column(JSON, default=dict)
    summary: Mapped[dict] = mapped_column(JSON, default=dict)  # the last import's counts, for the window


class AuditLog(Base):
    """Who changed what and when (before/after of every changed column). Written, never edited."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=now, index=True)
    user_name: Mapped[str] = mapped_column(String(NAME), default=current_user)
    action: Mapped[str] = mapped_column(String(20))  # insert / update / delete
    table_name: Mapped[str] = mapped_column(String(NAME))
    row_id: Mapped[int | None] = mapped_column(Integer)
    changes: Mapped[dict] = mapped_column(JSON, default=dict)

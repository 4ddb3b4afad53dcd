"""Status machines and coded choices with Vietnamese labels (domain.md §5)."""

from __future__ import annotations

import itertools
import unicodedata

import pytest

from desk_app.domain import states
from desk_app.domain.errors import DeskAppError, TransitionError, ValidationError
from desk_app.domain.states import (
    PETITION_TRANSITIONS,
    REGISTRATION_TRANSITIONS,
    SESSION_TRANSITIONS,
    LabelledEnum,
    PetitionStatus,
    RegistrationState,
    SessionStatus,
    check_petition_transition,
    check_registration_transition,
    check_session_transition,
)

S, R, P = SessionStatus, RegistrationState, PetitionStatus

# The machines as designed, written out independently of the code's tables.
SESSION_ALLOWED = {
    # the forward path Dự thảo → … → Hoàn thành
    (S.DRAFT, S.PLAN_ISSUED), (S.PLAN_ISSUED, S.INVITED), (S.INVITED, S.IN_PROGRESS),
    (S.IN_PROGRESS, S.ENDED), (S.ENDED, S.CONCLUDED), (S.CONCLUDED, S.COMPLETED),
    # an ad hoc session may go from the plan straight to the meeting; a plan may go back to draft
    (S.PLAN_ISSUED, S.IN_PROGRESS), (S.PLAN_ISSUED, S.DRAFT),
    # cancelled (with a reason) before the meeting starts
    (S.DRAFT, S.CANCELLED), (S.PLAN_ISSUED, S.CANCELLED), (S.INVITED, S.CANCELLED),
    # reopened when a petition is reopened
    (S.COMPLETED, S.CONCLUDED),
}
REGISTRATION_ALLOWED = {
    (R.WAITING, R.SPEAKING), (R.WAITING, R.ABSENT), (R.WAITING, R.REFUSED), (R.WAITING, R.MERGED),
    (R.SPEAKING, R.SPOKE), (R.SPEAKING, R.WAITING), (R.SPEAKING, R.REFUSED),
    (R.ABSENT, R.WAITING),  # arrived late
}
_CLOSED = (P.RESOLVED, P.ANSWERED_AT_MEETING, P.TRANSFERRED, P.NOT_COMPETENT)
PETITION_ALLOWED = (
    {(P.NEW, P.IN_PROGRESS)}
    | {(P.NEW, c) for c in _CLOSED}
    | {(P.IN_PROGRESS, c) for c in _CLOSED if c is not P.ANSWERED_AT_MEETING}
    | {(c, P.IN_PROGRESS) for c in _CLOSED}  # reopened
)

MACHINES = [
    ("session", SessionStatus, SESSION_TRANSITIONS, check_session_transition, SESSION_ALLOWED),
    ("registration", RegistrationState, REGISTRATION_TRANSITIONS, check_registration_transition,
     REGISTRATION_ALLOWED),
    ("petition", PetitionStatus, PETITION_TRANSITIONS, check_petition_transition, PETITION_ALLOWED),
]


def all_pairs():
    for name, enum, _table, check, allowed in MACHINES:
        for current, target in itertools.product(enum, enum):
            yield pytest.param(check, current, target, (current, target) in allowed,
                               id=f"{name}-{current.value}->{target.value}")


def has_vietnamese_letter(text: str) -> bool:
    return any(ord(ch) > 127 and ch.isalpha() for ch in text)


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.replace("đ", "d").replace("Đ", "D")


# --- transitions ------------------------------------------------------------------------------


@pytest.mark.parametrize("name, enum, table", [(m[0], m[1], m[2]) for m in MACHINES], ids=[m[0] for m in MACHINES])
def test_every_status_has_a_row(name, enum, table):
    assert set(table) == set(enum)


@pytest.mark.parametrize("check, current, target, allowed", list(all_pairs()))
def test_transition(check, current, target, allowed):
    if allowed:
        check(current, target)  # does not raise
        return
    with pytest.raises(TransitionError) as err:
        check(current, target)
    assert f"“{current.label}”" in err.value.message
    assert f"“{target.label}”" in err.value.message
    assert isinstance(err.value, DeskAppError)


def test_forbidden_session_transition_message_names_both_statuses():
    with pytest.raises(TransitionError) as err:
        check_session_transition(S.DRAFT, S.COMPLETED)
    assert "Dự thảo" in str(err.value) and "Hoàn thành" in str(err.value)


def test_session_forward_path_works():
    path = [S.DRAFT, S.PLAN_ISSUED, S.INVITED, S.IN_PROGRESS, S.ENDED, S.CONCLUDED, S.COMPLETED]
    assert [s.label for s in path] == ["Dự thảo", "Đã ban hành kế hoạch", "Đã mời", "Đang diễn ra",
                                       "Đã kết thúc", "Đã thông báo kết luận", "Hoàn thành"]
    for current, target in zip(path, path[1:]):
        check_session_transition(current, target)


@pytest.mark.parametrize("final", [R.REFUSED, R.MERGED])
@pytest.mark.parametrize("target", list(RegistrationState))
def test_refused_and_merged_registrations_are_final(final, target):
    assert REGISTRATION_TRANSITIONS[final] == frozenset()
    with pytest.raises(TransitionError):
        check_registration_transition(final, target)


def test_cancelled_session_is_final():
    assert SESSION_TRANSITIONS[S.CANCELLED] == frozenset()


# --- parse --------------------------------------------------------------------------------------

LABELLED_ENUMS = [obj for obj in vars(states).values()
                  if isinstance(obj, type) and issubclass(obj, LabelledEnum) and obj is not LabelledEnum]
ALL_MEMBERS = [pytest.param(m, id=f"{type(m).__name__}.{m.name}") for e in LABELLED_ENUMS for m in e]


def test_all_labelled_enums_found():
    names = {e.__name__ for e in LABELLED_ENUMS}
    assert {"SessionStatus", "RegistrationState", "PetitionStatus", "Host", "SessionForm", "Regime",
            "SpeaksFor", "Channel", "Outcome", "ResponderKind", "AgendaStep", "AgencyKind", "Body",
            "DocumentFormat"} <= names


@pytest.mark.parametrize("member", ALL_MEMBERS)
def test_parse_accepts_code(member):
    assert type(member).parse(member.value) is member


@pytest.mark.parametrize("member", ALL_MEMBERS)
def test_parse_accepts_label(member):
    assert type(member).parse(member.label) is member


@pytest.mark.parametrize("member", ALL_MEMBERS)
def test_parse_accepts_decomposed_label(member):
    # Unikey/EVKey may type decomposed Unicode.
    assert type(member).parse(unicodedata.normalize("NFD", member.label)) is member


@pytest.mark.parametrize("member", ALL_MEMBERS)
@pytest.mark.parametrize("case", [str.upper, str.lower, str.title], ids=["upper", "lower", "title"])
def test_parse_accepts_label_without_diacritics_in_any_case(member, case):
    assert type(member).parse(case(strip_diacritics(member.label))) is member


@pytest.mark.parametrize("enum, text, expected", [
    (SessionStatus, "DA THONG BAO KET LUAN", S.CONCLUDED),
    (SessionStatus, "hoan thanh", S.COMPLETED),
    (SessionStatus, "  Dự   thảo ", S.DRAFT),
    (SessionStatus, "da-moi", S.INVITED),
    (RegistrationState, "tu choi", R.REFUSED),
    (PetitionStatus, "Khong Thuoc Tham Quyen", P.NOT_COMPETENT),
    (PetitionStatus, "DANG_GIAI_QUYET", P.IN_PROGRESS),
])
def test_parse_examples(enum, text, expected):
    assert enum.parse(text) is expected


def test_parse_refuses_unknown_text_listing_the_choices():
    with pytest.raises(ValidationError) as err:
        SessionStatus.parse("đã xong", "trạng thái")
    assert "trạng thái" in err.value.errors
    message = err.value.message
    assert "đã xong" in message
    for member in SessionStatus:
        assert member.label in message


def test_parse_refuses_unknown_text_with_default_field_name():
    with pytest.raises(ValidationError) as err:
        PetitionStatus.parse("xyz")
    assert all(m.label in err.value.message for m in PetitionStatus)
    assert has_vietnamese_letter(err.value.message)


# --- derived properties ------------------------------------------------------------------------


@pytest.mark.parametrize("status, closed", [
    (P.NEW, False), (P.IN_PROGRESS, False),
    (P.RESOLVED, True), (P.ANSWERED_AT_MEETING, True), (P.TRANSFERRED, True), (P.NOT_COMPETENT, True),
])
def test_petition_closed(status, closed):
    assert status.closed is closed


@pytest.mark.parametrize("status, held, planned", [
    (S.DRAFT, False, True),
    (S.PLAN_ISSUED, False, True),
    (S.INVITED, False, True),
    (S.IN_PROGRESS, False, True),  # not yet over: still counted as planned
    (S.ENDED, True, False),
    (S.CONCLUDED, True, False),
    (S.COMPLETED, True, False),
    (S.CANCELLED, False, False),
])
def test_session_held_and_planned(status, held, planned):
    assert (status.held, status.planned) == (held, planned)


# --- labels ------------------------------------------------------------------------------------

ABBREVIATIONS = {"UBND", "HĐND", "MTTQ"}


@pytest.mark.parametrize("member", ALL_MEMBERS)
def test_every_member_has_a_vietnamese_label(member):
    label = member.label
    assert label.strip()
    assert has_vietnamese_letter(label) or label in ABBREVIATIONS, label


@pytest.mark.parametrize("enum", LABELLED_ENUMS, ids=lambda e: e.__name__)
def test_labels_are_distinct_within_an_enum(enum):
    labels = [m.label for m in enum]
    assert len(labels) == len(set(labels))


def test_agenda_step_dd_is_not_confused_with_d():
    AgendaStep = states.AgendaStep
    # "đ" folds to "d": the exact spelling must win so the conclusion step is reachable by its letter.
    assert AgendaStep.parse("đ") is AgendaStep.CONCLUSION
    assert AgendaStep.parse("Đ") is AgendaStep.CONCLUSION
    assert AgendaStep.parse("d") is AgendaStep.AGENCIES_ANSWER

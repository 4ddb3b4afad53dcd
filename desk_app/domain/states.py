"""Statuses of sessions, registrations and petitions, their Vietnamese labels and allowed transitions.

Codes (stored) are ASCII; labels (shown, printed by the CLI) are Vietnamese. A forbidden transition
raises :class:`TransitionError` with a message naming both statuses.
"""

from __future__ import annotations

from enum import Enum

from desk_app.domain.errors import TransitionError, ValidationError


class LabelledEnum(str, Enum):
    """A str enum with a Vietnamese label; ``parse`` accepts the code, the label or its folded form."""

    @property
    def label(self) -> str:
        return self._labels()[self.value]

    @classmethod
    def _labels(cls) -> dict[str, str]:  # overridden by each enum
        raise NotImplementedError

    @classmethod
    def _aliases(cls) -> dict[str, str]:
        """Extra spellings (exact, before folding) → code."""
        return {}

    @classmethod
    def parse(cls, text: str, what: str = "giá trị"):
        from desk_app.domain.text import clean_text, fold

        exact = clean_text(text)
        for member in cls:  # exact code or label first: folding loses đ/d ("đ" is agenda step đ, not d)
            if exact in (member.value, member.label):
                return member
        if exact in cls._aliases():
            return cls(cls._aliases()[exact])
        wanted = fold(text).replace("-", " ").replace("_", " ")
        for member in cls:
            if wanted in (fold(member.value).replace("_", " "), fold(member.label).replace("-", " ")):
                return member
        choices = ", ".join(m.label for m in cls)
        raise ValidationError({what: f"Không có {what} '{text}'. Chọn một trong: {choices}."})


class SessionStatus(LabelledEnum):
    DRAFT = "du_thao"
    PLAN_ISSUED = "da_ban_hanh_ke_hoach"
    INVITED = "da_moi"
    IN_PROGRESS = "dang_dien_ra"
    ENDED = "da_ket_thuc"
    CONCLUDED = "da_thong_bao_ket_luan"
    COMPLETED = "hoan_thanh"
    CANCELLED = "huy"

    @classmethod
    def _labels(cls):
        return {
            "du_thao": "Dự thảo",
            "da_ban_hanh_ke_hoach": "Đã ban hành kế hoạch",
            "da_moi": "Đã mời",
            "dang_dien_ra": "Đang diễn ra",
            "da_ket_thuc": "Đã kết thúc",
            "da_thong_bao_ket_luan": "Đã thông báo kết luận",
            "hoan_thanh": "Hoàn thành",
            "huy": "Hủy",
        }

    @property
    def held(self) -> bool:
        """The meeting took place (statistics count it as held)."""
        return self in (SessionStatus.ENDED, SessionStatus.CONCLUDED, SessionStatus.COMPLETED)

    @property
    def planned(self) -> bool:
        """Not yet held and not cancelled."""
        return self in (SessionStatus.DRAFT, SessionStatus.PLAN_ISSUED, SessionStatus.INVITED,
                        SessionStatus.IN_PROGRESS)


def session_year(planned_start, actual_start=None) -> int:
    """The one year rule (domain.md §7): the year of the actual date when the session was held (or is being
    held), else of the planned date; its petitions, registrations and opinions belong to that year too. A
    session planned on 30/12/2026 and held on 05/01/2027 is a 2027 session in every listing and figure."""
    return (actual_start or planned_start).year


_S = SessionStatus
SESSION_TRANSITIONS: dict[SessionStatus, frozenset[SessionStatus]] = {
    _S.DRAFT: frozenset({_S.PLAN_ISSUED, _S.CANCELLED}),
    # An ad hoc session may go straight to the meeting when there was no time for invitations.
    _S.PLAN_ISSUED: frozenset({_S.INVITED, _S.IN_PROGRESS, _S.CANCELLED, _S.DRAFT}),
    _S.INVITED: frozenset({_S.IN_PROGRESS, _S.CANCELLED}),
    _S.IN_PROGRESS: frozenset({_S.ENDED}),
    _S.ENDED: frozenset({_S.CONCLUDED}),
    # Completed when every petition is closed; reopened if a petition is reopened.
    _S.CONCLUDED: frozenset({_S.COMPLETED}),
    _S.COMPLETED: frozenset({_S.CONCLUDED}),
    _S.CANCELLED: frozenset(),
}


class RegistrationState(LabelledEnum):
    WAITING = "cho_phat_bieu"
    SPEAKING = "dang_phat_bieu"
    SPOKE = "da_phat_bieu"
    ABSENT = "vang_mat"
    REFUSED = "tu_choi"
    MERGED = "gop"

    @classmethod
    def _labels(cls):
        return {
            "cho_phat_bieu": "Chờ phát biểu",
            "dang_phat_bieu": "Đang phát biểu",
            "da_phat_bieu": "Đã phát biểu",
            "vang_mat": "Vắng mặt",
            "tu_choi": "Từ chối",
            "gop": "Đã gộp",
        }


_R = RegistrationState
REGISTRATION_TRANSITIONS: dict[RegistrationState, frozenset[RegistrationState]] = {
    _R.WAITING: frozenset({_R.SPEAKING, _R.ABSENT, _R.REFUSED, _R.MERGED}),
    # A speaker can be sent back to the queue (paused) or refused mid-speech (disorder).
    _R.SPEAKING: frozenset({_R.SPOKE, _R.WAITING, _R.REFUSED}),
    _R.SPOKE: frozenset(),
    _R.ABSENT: frozenset({_R.WAITING}),  # arrived late
    _R.REFUSED: frozenset(),  # recorded with its reason, never undone or deleted
    _R.MERGED: frozenset(),
}


class PetitionStatus(LabelledEnum):
    NEW = "moi"
    IN_PROGRESS = "dang_giai_quyet"
    RESOLVED = "da_giai_quyet"
    ANSWERED_AT_MEETING = "da_tra_loi_tai_hoi_nghi"
    TRANSFERRED = "da_chuyen_cap_tren"
    NOT_COMPETENT = "khong_thuoc_tham_quyen"

    @classmethod
    def _labels(cls):
        return {
            "moi": "Mới",
            "dang_giai_quyet": "Đang giải quyết",
            "da_giai_quyet": "Đã giải quyết",
            "da_tra_loi_tai_hoi_nghi": "Đã trả lời tại hội nghị",
            "da_chuyen_cap_tren": "Đã chuyển cấp trên",
            "khong_thuoc_tham_quyen": "Không thuộc thẩm quyền",
        }

    @property
    def closed(self) -> bool:
        """Nothing more is due from the commune (no deadline runs)."""
        return self not in (PetitionStatus.NEW, PetitionStatus.IN_PROGRESS)


_P = PetitionStatus
_CLOSING = frozenset({_P.RESOLVED, _P.ANSWERED_AT_MEETING, _P.TRANSFERRED, _P.NOT_COMPETENT})
PETITION_TRANSITIONS: dict[PetitionStatus, frozenset[PetitionStatus]] = {
    _P.NEW: frozenset({_P.IN_PROGRESS}) | _CLOSING,
    _P.IN_PROGRESS: _CLOSING - {_P.ANSWERED_AT_MEETING},
    # A closed petition can be reopened (e.g. the citizen's answer was entered on the wrong petition).
    _P.RESOLVED: frozenset({_P.IN_PROGRESS}),
    _P.ANSWERED_AT_MEETING: frozenset({_P.IN_PROGRESS}),
    _P.TRANSFERRED: frozenset({_P.IN_PROGRESS}),
    _P.NOT_COMPETENT: frozenset({_P.IN_PROGRESS}),
}


def check_transition(kind: str, transitions: dict, current: LabelledEnum, target: LabelledEnum) -> None:
    """Raise a Vietnamese :class:`TransitionError` unless ``current → target`` is allowed."""
    if target not in transitions[current]:
        allowed = ", ".join(sorted(s.label for s in transitions[current])) or "không có"
        raise TransitionError(
            f"Không thể chuyển {kind} từ trạng thái “{current.label}” sang “{target.label}”. "
            f"Trạng thái tiếp theo được phép: {allowed}.")


def check_session_transition(current: SessionStatus, target: SessionStatus) -> None:
    check_transition("cuộc đối thoại", SESSION_TRANSITIONS, current, target)


def check_registration_transition(current: RegistrationState, target: RegistrationState) -> None:
    check_transition("đăng ký phát biểu", REGISTRATION_TRANSITIONS, current, target)


def check_petition_transition(current: PetitionStatus, target: PetitionStatus) -> None:
    check_transition("kiến nghị", PETITION_TRANSITIONS, current, target)


# -- other coded choices with Vietnamese labels -----------------------------------------------------

class Host(LabelledEnum):
    PARTY = "dang_uy"
    COUNCIL = "hdnd"
    COMMITTEE = "ubnd"
    JOINT = "lien_tich"

    @classmethod
    def _labels(cls):
        return {"dang_uy": "Đảng ủy", "hdnd": "HĐND", "ubnd": "UBND", "lien_tich": "Liên tịch"}


class SessionForm(LabelledEnum):
    IN_PERSON = "truc_tiep"
    THEMATIC = "chuyen_de"
    ONLINE = "truc_tuyen"

    @classmethod
    def _labels(cls):
        return {"truc_tiep": "Trực tiếp", "chuyen_de": "Chuyên đề", "truc_tuyen": "Trực tuyến"}


class Regime(LabelledEnum):
    PERIODIC = "dinh_ky"
    AD_HOC = "dot_xuat"

    @classmethod
    def _labels(cls):
        return {"dinh_ky": "Định kỳ", "dot_xuat": "Đột xuất"}


class SpeaksFor(LabelledEnum):
    PERSON = "ca_nhan"
    HOUSEHOLD = "ho_gia_dinh"
    HOUSEHOLDS = "nhom_ho"
    ORGANISATION = "to_chuc"

    @classmethod
    def _labels(cls):
        return {"ca_nhan": "Cá nhân", "ho_gia_dinh": "Hộ gia đình", "nhom_ho": "Nhóm hộ", "to_chuc": "Tổ chức"}


class Channel(LabelledEnum):
    FORM = "phieu_dang_ky"
    FRONT = "mttq_tong_hop"
    AT_MEETING = "tai_hoi_nghi"

    @classmethod
    def _labels(cls):
        return {"phieu_dang_ky": "Phiếu đăng ký", "mttq_tong_hop": "MTTQ tổng hợp",
                "tai_hoi_nghi": "Đăng ký tại hội nghị"}


class Outcome(LabelledEnum):
    """What the meeting made of an opinion."""

    ANSWERED = "tra_loi_tai_hoi_nghi"
    ASSIGNED = "giao_giai_quyet"
    UPWARD = "de_nghi_cap_tren"
    NOT_COMPETENT = "khong_thuoc_tham_quyen"

    @classmethod
    def _labels(cls):
        return {
            "tra_loi_tai_hoi_nghi": "Trả lời, đã rõ tại hội nghị",
            "giao_giai_quyet": "Tiếp thu, giao giải quyết",
            "de_nghi_cap_tren": "Đề nghị cấp trên",
            "khong_thuoc_tham_quyen": "Không thuộc thẩm quyền",
        }

    @property
    def petition_status(self) -> PetitionStatus:
        """The status a petition made from an opinion with this outcome starts in."""
        return {
            Outcome.ANSWERED: PetitionStatus.ANSWERED_AT_MEETING,
            Outcome.ASSIGNED: PetitionStatus.NEW,
            Outcome.UPWARD: PetitionStatus.NEW,  # transferred once the proposal is actually sent
            Outcome.NOT_COMPETENT: PetitionStatus.NOT_COMPETENT,
        }[self]


class ResponderKind(LabelledEnum):
    CHAIR = "chu_tri"
    AGENCY = "co_quan"

    @classmethod
    def _labels(cls):
        return {"chu_tri": "Người chủ trì", "co_quan": "Lãnh đạo cơ quan, đơn vị"}


class AgendaStep(LabelledEnum):
    """The agenda steps a–đ of 001 Điều 9.2 / 002 §4.2."""

    OPENING = "a"
    HEAD_INFORMS = "b"
    CITIZENS_SPEAK = "c"
    AGENCIES_ANSWER = "d"
    CONCLUSION = "dd"

    @classmethod
    def _labels(cls):
        return {
            "a": "a. Tuyên bố lý do, giới thiệu đại biểu, chương trình, nội quy; cử thư ký",
            "b": "b. Người chủ trì thông tin đến Nhân dân",
            "c": "c. Nhân dân phát biểu ý kiến",
            "d": "d. Lãnh đạo cơ quan, đơn vị báo cáo, trả lời",
            "dd": "đ. Người chủ trì giải thích, tiếp thu và kết luận; thông qua biên bản",
        }

    @classmethod
    def _aliases(cls):
        return {"đ": "dd", "Đ": "dd"}


class AgencyKind(LabelledEnum):
    SPECIALIST = "chuyen_mon"
    POLICE = "cong_an"
    PARTY = "co_quan_dang"  # Văn phòng Đảng ủy, the party committee's boards: the Đảng ủy answers their matters
    FRONT = "mttq_doan_the"
    SUPERIOR = "cap_tren"
    OTHER = "khac"

    @classmethod
    def _labels(cls):
        return {"chuyen_mon": "Bộ phận chuyên môn UBND xã", "cong_an": "Công an xã",
                "co_quan_dang": "Cơ quan của Đảng ủy (Văn phòng, các ban)",
                "mttq_doan_the": "MTTQ và các tổ chức chính trị - xã hội", "cap_tren": "Cấp trên",
                "khac": "Khác"}


class Body(LabelledEnum):
    """The bodies an official belongs to."""

    PARTY = "dang_uy"
    COUNCIL = "hdnd"
    COMMITTEE = "ubnd"
    FRONT = "mttq"
    OFFICE = "van_phong"
    OTHER = "khac"

    @classmethod
    def _labels(cls):
        return {"dang_uy": "Đảng ủy", "hdnd": "HĐND", "ubnd": "UBND", "mttq": "Ủy ban MTTQ",
                "van_phong": "Văn phòng", "khac": "Khác"}


class DocumentFormat(LabelledEnum):
    STATE = "state"  # Nghị định 30/2020/NĐ-CP
    PARTY = "party"  # Hướng dẫn 36-HD/VPTW

    @classmethod
    def _labels(cls):
        return {"state": "Văn bản hành chính (NĐ 30/2020)", "party": "Văn bản của Đảng (HD 36-HD/VPTW)"}

"""Regulation profiles (domain.md §3): the day counts of each source, chosen per commune.

Four built-in profiles, read-only; a custom profile starts as a copy of one of them. The deadlines of
a session come from its profile and the working-day calendar (see :mod:`desk_app.domain.deadlines`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import Enum

from desk_app.domain.calendar import DayUnit
from desk_app.domain.errors import ValidationError


class Anchor(str, Enum):
    """The date a deadline counts from."""

    SESSION = "session"  # the day the session was held
    CONCLUSION_NOTICE = "conclusion_notice"  # the day the chair's conclusion notice was issued

    @property
    def label(self) -> str:
        return "kể từ ngày tổ chức hội nghị" if self is Anchor.SESSION else "kể từ ngày thông báo kết luận"


@dataclass(frozen=True)
class DeadlineRule:
    days: int
    unit: DayUnit
    anchor: Anchor = Anchor.SESSION

    def describe(self, *, before: bool = False) -> str:
        """'05 ngày làm việc trước ngày tổ chức' style wording for the UI and the documents."""
        count = f"{self.days:02d}"
        if before:
            return f"ít nhất {count} {self.unit.label} trước ngày tổ chức hội nghị"
        return f"chậm nhất {count} {self.unit.label} {self.anchor.label}"


@dataclass(frozen=True)
class RefusalReason:
    code: str
    text: str


# The grounds on which the chair may refuse to dialogue (001 Điều 5; 000 VI.3). Codes are stored.
STANDARD_REFUSAL_REASONS: tuple[RefusalReason, ...] = (
    RefusalReason("khong_nang_luc", "Người không có năng lực hành vi dân sự"),
    RefusalReason("bi_khoi_to", "Người đang bị khởi tố, điều tra hình sự hoặc đang bị hạn chế, tước một số "
                                "quyền công dân theo quy định của pháp luật"),
    RefusalReason("gay_roi", "Người có hành vi gây rối trật tự công cộng tại nơi tổ chức tiếp xúc, đối thoại"),
    RefusalReason("chat_kich_thich", "Người sử dụng ma túy, rượu, bia và các chất kích thích khác"),
    RefusalReason("khong_hop_tac", "Người không có thái độ hợp tác, không có tinh thần xây dựng khi tiếp xúc, "
                                   "đối thoại"),
    RefusalReason("noi_dung_khong_phu_hop", "Nội dung không phù hợp, không đúng chủ đề tiếp xúc, đối thoại"),
)

_GIA_LAI_REFUSAL_REASONS: tuple[RefusalReason, ...] = (
    RefusalReason("chat_kich_thich", "Người say rượu, sử dụng chất kích thích"),
    RefusalReason("khong_nang_luc", "Người mắc bệnh tâm thần, mất năng lực hành vi dân sự"),
    RefusalReason("gay_roi", "Người có hành vi kích động, gây mất trật tự công cộng, đe dọa, xúc phạm cá nhân, "
                             "cơ quan, tổ chức tiếp xúc, đối thoại"),
    RefusalReason("noi_dung_khong_phu_hop", "Nội dung không phù hợp, không đúng chủ đề tiếp xúc, đối thoại"),
)


@dataclass(frozen=True)
class Profile:
    code: str
    name: str
    legal_basis: str  # the "Căn cứ …" line that names the source, for documents
    notice: DeadlineRule  # notice and invitations, counted back from the session date
    conclusion: DeadlineRule  # the chair's conclusion notice, after the session
    answer: DeadlineRule  # the written answer to the citizen
    complex_answer_days: int | None = None  # answer count for complex cases (same unit and anchor)
    min_sessions_per_year: int = 1
    per_head: bool = True  # the minimum applies to each head separately
    refusal_reasons: tuple[RefusalReason, ...] = STANDARD_REFUSAL_REASONS
    default_legal_bases: tuple[str, ...] = ()
    note: str = ""
    built_in: bool = False

    def answer_rule(self, complex_case: bool) -> DeadlineRule:
        if complex_case and self.complex_answer_days:
            return dataclasses.replace(self.answer, days=self.complex_answer_days)
        return self.answer

    def refusal_text(self, code: str) -> str:
        for reason in self.refusal_reasons:
            if reason.code == code:
                return reason.text
        for reason in STANDARD_REFUSAL_REASONS:
            if reason.code == code:
                return reason.text
        raise ValidationError({"refusal_reason": f"Lý do từ chối không có trong quy định: {code}."})

    def copy_as(self, code: str, name: str) -> "Profile":
        """A custom, editable copy of this profile."""
        return dataclasses.replace(self, code=code, name=name, built_in=False)

    def to_dict(self) -> dict:
        """Plain data for the store (JSON-safe)."""
        return {
            "code": self.code,
            "name": self.name,
            "legal_basis": self.legal_basis,
            "notice": _rule_to_dict(self.notice),
            "conclusion": _rule_to_dict(self.conclusion),
            "answer": _rule_to_dict(self.answer),
            "complex_answer_days": self.complex_answer_days,
            "min_sessions_per_year": self.min_sessions_per_year,
            "per_head": self.per_head,
            "refusal_reasons": [[r.code, r.text] for r in self.refusal_reasons],
            "default_legal_bases": list(self.default_legal_bases),
            "note": self.note,
            "built_in": self.built_in,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Profile":
        return cls(
            code=data["code"],
            name=data["name"],
            legal_basis=data.get("legal_basis", ""),
            notice=_rule_from_dict(data["notice"]),
            conclusion=_rule_from_dict(data["conclusion"]),
            answer=_rule_from_dict(data["answer"]),
            complex_answer_days=data.get("complex_answer_days"),
            min_sessions_per_year=int(data.get("min_sessions_per_year", 1)),
            per_head=bool(data.get("per_head", True)),
            refusal_reasons=tuple(RefusalReason(c, t) for c, t in data.get("refusal_reasons") or ())
            or STANDARD_REFUSAL_REASONS,
            default_legal_bases=tuple(data.get("default_legal_bases", ())),
            note=data.get("note", ""),
            built_in=bool(data.get("built_in", False)),
        )


def _rule_to_dict(rule: DeadlineRule) -> dict:
    return {"days": rule.days, "unit": rule.unit.value, "anchor": rule.anchor.value}


def _rule_from_dict(data: dict) -> DeadlineRule:
    return DeadlineRule(int(data["days"]), DayUnit(data["unit"]), Anchor(data.get("anchor", "session")))


def validate_profile(profile: Profile) -> None:
    """Refuse counts a clerk could not mean (a custom profile is edited by hand)."""
    problems: dict[str, str] = {}
    if not profile.code.strip():
        problems["code"] = "Mã bộ quy định không được để trống."
    if not profile.name.strip():
        problems["name"] = "Tên bộ quy định không được để trống."
    for key, label, rule in (("notice", "Thời hạn gửi thông báo, giấy mời", profile.notice),
                             ("conclusion", "Thời hạn thông báo kết luận", profile.conclusion),
                             ("answer", "Thời hạn trả lời công dân", profile.answer)):
        if not 0 <= rule.days <= 365:
            problems[key] = f"{label} phải từ 0 đến 365 ngày."
    if profile.complex_answer_days is not None and not (
            profile.answer.days <= profile.complex_answer_days <= 365):
        problems["complex_answer_days"] = ("Thời hạn cho vụ việc phức tạp phải không ngắn hơn thời hạn "
                                           "thông thường và không quá 365 ngày.")
    if not 1 <= profile.min_sessions_per_year <= 12:
        problems["min_sessions_per_year"] = "Số cuộc tối thiểu mỗi năm phải từ 1 đến 12."
    if not profile.refusal_reasons:
        problems["refusal_reasons"] = "Cần ít nhất một lý do từ chối tiếp xúc, đối thoại."
    if problems:
        raise ValidationError(problems)


_W, _C = DayUnit.WORKING, DayUnit.CALENDAR
_S, _N = Anchor.SESSION, Anchor.CONCLUSION_NOTICE

_COMMON_BASES = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
    "Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022",
    "Căn cứ Quy định số 11-QĐi/TW ngày 18 tháng 02 năm 2019 của Bộ Chính trị về trách nhiệm của người "
    "đứng đầu cấp ủy trong việc tiếp dân, đối thoại trực tiếp với dân và xử lý những phản ánh, kiến nghị "
    "của dân",
)

BUILTIN_PROFILES: tuple[Profile, ...] = (
    Profile(
        code="luat-2025",
        name="Luật Tổ chức chính quyền địa phương 2025",
        legal_basis="Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
        notice=DeadlineRule(7, _C, _S),
        conclusion=DeadlineRule(10, _C, _S),
        answer=DeadlineRule(20, _W, _N),
        min_sessions_per_year=1,
        per_head=True,
        default_legal_bases=_COMMON_BASES,
        note="Luật không quy định số ngày trả lời công dân; dùng mức 20 ngày làm việc của QĐ 935-QĐ/TU.",
        built_in=True,
    ),
    Profile(
        code="hcm-935",
        name="Quyết định 935-QĐ/TU của Thành ủy Thành phố Hồ Chí Minh",
        legal_basis="Căn cứ Quyết định số 935-QĐ/TU ngày 28 tháng 4 năm 2017 của Ban Thường vụ Thành ủy "
                    "ban hành Quy chế về tiếp xúc, đối thoại trực tiếp giữa người đứng đầu cấp ủy, người "
                    "đứng đầu chính quyền các cấp với nhân dân trên địa bàn thành phố Hồ Chí Minh",
        notice=DeadlineRule(5, _W, _S),
        conclusion=DeadlineRule(10, _W, _S),
        answer=DeadlineRule(20, _W, _N),
        min_sessions_per_year=1,
        per_head=True,
        default_legal_bases=(
            "Căn cứ Quyết định số 935-QĐ/TU ngày 28 tháng 4 năm 2017 của Ban Thường vụ Thành ủy ban hành "
            "Quy chế về tiếp xúc, đối thoại trực tiếp giữa người đứng đầu cấp ủy, người đứng đầu chính "
            "quyền các cấp với nhân dân trên địa bàn thành phố Hồ Chí Minh",
        ),
        built_in=True,
    ),
    Profile(
        code="tam-duong-570",
        name="Kế hoạch 570/KH-UBND của UBND huyện Tam Đường",
        legal_basis="Thực hiện Quy chế số 06-QC/TU ngày 04 tháng 4 năm 2019 của Tỉnh ủy Lai Châu về tiếp "
                    "xúc, đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính quyền các cấp với Nhân dân "
                    "trên địa bàn tỉnh",
        notice=DeadlineRule(7, _W, _S),
        conclusion=DeadlineRule(5, _W, _S),
        answer=DeadlineRule(15, _W, _S),
        complex_answer_days=30,
        min_sessions_per_year=1,
        per_head=False,
        default_legal_bases=(
            "Thực hiện Quy chế số 06-QC/TU ngày 04 tháng 4 năm 2019 của Tỉnh ủy Lai Châu về tiếp xúc, đối "
            "thoại trực tiếp giữa người đứng đầu cấp ủy, chính quyền các cấp với Nhân dân trên địa bàn tỉnh",
        ),
        built_in=True,
    ),
    Profile(
        code="gia-lai-553",
        name="Quyết định 553-QĐ/TU của Tỉnh ủy Gia Lai",
        legal_basis="Căn cứ Quyết định số 553-QĐ/TU ngày 14 tháng 3 năm 2017 của Tỉnh ủy Gia Lai ban hành "
                    "Quy chế tiếp xúc, đối thoại trực tiếp của người đứng đầu cấp ủy, chính quyền các cấp "
                    "với nhân dân trên địa bàn tỉnh",
        notice=DeadlineRule(5, _W, _S),
        conclusion=DeadlineRule(10, _W, _S),
        answer=DeadlineRule(20, _W, _N),
        min_sessions_per_year=1,
        per_head=True,
        refusal_reasons=_GIA_LAI_REFUSAL_REASONS,
        default_legal_bases=(
            "Căn cứ Quyết định số 553-QĐ/TU ngày 14 tháng 3 năm 2017 của Tỉnh ủy Gia Lai ban hành Quy chế "
            "tiếp xúc, đối thoại trực tiếp của người đứng đầu cấp ủy, chính quyền các cấp với nhân dân "
            "trên địa bàn tỉnh",
        ),
        note="Văn bản không ấn định số ngày; các số ngày ở đây là mức thường dùng, có thể sửa trong bản sao.",
        built_in=True,
    ),
)

DEFAULT_PROFILE_CODE = "luat-2025"


def builtin_profile(code: str) -> Profile:
    for profile in BUILTIN_PROFILES:
        if profile.code == code:
            return profile
    raise ValidationError({"profile": f"Không có bộ quy định mã '{code}'."})

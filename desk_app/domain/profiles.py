"""Regulation profiles (domain.md §3, §7): the day counts and yearly obligations of each source.

Four built-in profiles, read-only; a custom profile starts as a copy of one of them. The deadlines of
a session come from its profile and the working-day calendar (see :mod:`desk_app.domain.deadlines`).

What each built-in profile holds is taken from its seed text; where a text fixes no number the rule is
marked ``fixed_by_text=False`` (documents then print dates, not "chậm nhất 05 ngày …"):
- refusal reasons exactly as the seed lists them (001 Điều 5 for ``hcm-935``, the 2025 law and Tam
  Đường, which have no list of their own; 000 VI.3 for ``gia-lai-553``). An off-topic question is not a
  reason to refuse (001 Điều 18.4: the chair handles it tactfully);
- the yearly obligations: who must hold how many sessions, whether only periodic ones count and whether a
  deputy chairing by delegation counts (001 Điều 7.4, 11.3, 20.2; 000 V; 002 II.3; the 2025 law);
- internal steps after the meeting with their own deadlines (002 §4.3: the chair's internal review).
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
    # False when the profile's source text fixes no number (the count is only a usual practice):
    # documents then print the date, never "chậm nhất 05 ngày …" as if the text had said so.
    fixed_by_text: bool = True

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


@dataclass(frozen=True)
class AfterStep:
    """An internal step after the meeting with its own deadline (e.g. 002 §4.3: the chair's review)."""

    code: str
    name: str
    rule: DeadlineRule
    basis: str = ""


# Who a yearly obligation binds. A head post is credited when the person holding it chairs or co-chairs
# (a person holding two posts is credited under both, 001 Điều 18.5); "chinh_quyen" is the commune's
# government as a body (the 2025 law: UBND xã organises, with Ủy ban MTTQ).
OBLIGATION_WHO = {
    "dang_uy": "Bí thư Đảng ủy",
    "hdnd": "Chủ tịch HĐND",
    "ubnd": "Chủ tịch UBND",
    "chinh_quyen": "Chính quyền xã (UBND xã chủ trì)",
}


@dataclass(frozen=True)
class Obligation:
    who: str  # a key of OBLIGATION_WHO
    count: int = 1  # sessions per year
    periodic_only: bool = True  # only định kỳ sessions count (not đột xuất)
    delegation_allowed: bool = False  # a deputy chairing by delegation (ủy quyền) counts
    co_chair: str = ""  # a body whose representative must co-chair ("hdnd": Thường trực HĐND)
    basis: str = ""  # where the rule comes from, shown beside the figure

    @property
    def label(self) -> str:
        return OBLIGATION_WHO.get(self.who, self.who)


# The grounds on which the chair may refuse to dialogue, worded as 001 Điều 5 lists them. Codes are stored.
STANDARD_REFUSAL_REASONS: tuple[RefusalReason, ...] = (
    RefusalReason("khong_nang_luc", "Người không có năng lực hành vi dân sự"),
    RefusalReason("bi_khoi_to", "Người đang bị khởi tố, điều tra hình sự hoặc đang bị hạn chế, tước một số "
                                "quyền công dân theo quy định của pháp luật"),
    RefusalReason("gay_roi", "Người có hành vi gây rối trật tự công cộng tại nơi tổ chức tiếp xúc, đối thoại"),
    RefusalReason("chat_kich_thich", "Người sử dụng ma túy, rượu, bia và các chất kích thích khác"),
    RefusalReason("khong_hop_tac", "Người không có thái độ hợp tác, không có tinh thần xây dựng khi tiếp xúc, "
                                   "đối thoại"),
    RefusalReason("noi_dung_khong_phu_hop", "Nội dung không phù hợp"),
)

# 000 VI.3: drunk or on stimulants, mentally ill / without civil capacity, inciting or threatening.
# The Gia Lai text has no content-based ground.
_GIA_LAI_REFUSAL_REASONS: tuple[RefusalReason, ...] = (
    RefusalReason("chat_kich_thich", "Người say rượu, sử dụng chất kích thích"),
    RefusalReason("khong_nang_luc", "Người mắc bệnh tâm thần, mất năng lực hành vi dân sự"),
    RefusalReason("gay_roi", "Người có hành vi kích động, gây mất trật tự công cộng, đe dọa, xúc phạm cá nhân, "
                             "cơ quan, tổ chức tiếp xúc, đối thoại"),
)

# Wordings of reasons no list holds any more (stored on old refusals): still readable.
_RETIRED_REFUSAL_TEXTS = {
    "noi_dung_khong_phu_hop": "Nội dung không phù hợp",
}


@dataclass(frozen=True)
class Profile:
    code: str
    name: str
    legal_basis: str  # the "Căn cứ …" line that names the source, for documents
    notice: DeadlineRule  # notice and invitations, counted back from the session date
    conclusion: DeadlineRule  # the chair's conclusion notice, after the session
    answer: DeadlineRule  # the written answer to the citizen
    complex_answer_days: int | None = None  # answer count for complex cases (same unit and anchor)
    obligations: tuple[Obligation, ...] = ()
    after_steps: tuple[AfterStep, ...] = ()
    # caps on extensions (None: the text sets none): how many, and how many working days each may add
    max_extensions: int | None = None
    max_extension_days: int | None = None
    refusal_reasons: tuple[RefusalReason, ...] = STANDARD_REFUSAL_REASONS
    default_legal_bases: tuple[str, ...] = ()
    note: str = ""
    built_in: bool = False

    def answer_rule(self, complex_case: bool) -> DeadlineRule:
        if complex_case and self.complex_answer_days:
            return dataclasses.replace(self.answer, days=self.complex_answer_days)
        return self.answer

    def refusal_text(self, code: str) -> str:
        for reason in self.refusal_reasons + STANDARD_REFUSAL_REASONS:
            if reason.code == code:
                return reason.text
        if code in _RETIRED_REFUSAL_TEXTS:
            return _RETIRED_REFUSAL_TEXTS[code]
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
            "obligations": [dataclasses.asdict(o) for o in self.obligations],
            "after_steps": [{"code": s.code, "name": s.name, "rule": _rule_to_dict(s.rule), "basis": s.basis}
                            for s in self.after_steps],
            "max_extensions": self.max_extensions,
            "max_extension_days": self.max_extension_days,
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
            obligations=_obligations_from_dict(data),
            after_steps=tuple(AfterStep(s["code"], s["name"], _rule_from_dict(s["rule"]), s.get("basis", ""))
                              for s in data.get("after_steps") or ()),
            max_extensions=data.get("max_extensions"),
            max_extension_days=data.get("max_extension_days"),
            refusal_reasons=tuple(RefusalReason(c, t) for c, t in data.get("refusal_reasons") or ())
            or STANDARD_REFUSAL_REASONS,
            default_legal_bases=tuple(data.get("default_legal_bases", ())),
            note=data.get("note", ""),
            built_in=bool(data.get("built_in", False)),
        )


def _rule_to_dict(rule: DeadlineRule) -> dict:
    return {"days": rule.days, "unit": rule.unit.value, "anchor": rule.anchor.value, "fixed": rule.fixed_by_text}


def _rule_from_dict(data: dict) -> DeadlineRule:
    return DeadlineRule(int(data["days"]), DayUnit(data["unit"]), Anchor(data.get("anchor", "session")),
                        bool(data.get("fixed", True)))


def _obligations_from_dict(data: dict) -> tuple[Obligation, ...]:
    if "obligations" in data:
        fields = {f.name for f in dataclasses.fields(Obligation)}
        return tuple(Obligation(**{k: v for k, v in item.items() if k in fields}) for item in data["obligations"])
    # A custom profile saved by an earlier version: "min_sessions_per_year" for each head ("per_head") or
    # for the commune's government.
    count = int(data.get("min_sessions_per_year", 1))
    if data.get("per_head", True):
        return tuple(Obligation(who, count) for who in ("dang_uy", "hdnd", "ubnd"))
    return (Obligation("ubnd", count),)


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
    if not profile.obligations:
        problems["obligations"] = "Cần ít nhất một nghĩa vụ tổ chức đối thoại hằng năm."
    elif any(o.who not in OBLIGATION_WHO for o in profile.obligations):
        problems["obligations"] = "Nghĩa vụ tổ chức đối thoại phải của Bí thư Đảng ủy, Chủ tịch HĐND, Chủ tịch " \
                                  "UBND hoặc chính quyền xã."
    elif any(not 1 <= o.count <= 12 for o in profile.obligations):
        problems["obligations"] = "Số cuộc tối thiểu mỗi năm phải từ 1 đến 12."
    elif len({o.who for o in profile.obligations}) != len(profile.obligations):
        problems["obligations"] = "Mỗi người (cơ quan) chỉ có một nghĩa vụ tổ chức đối thoại hằng năm."
    for key, value, label, upper in (("max_extensions", profile.max_extensions, "Số lần gia hạn tối đa", 10),
                                     ("max_extension_days", profile.max_extension_days,
                                      "Số ngày làm việc tối đa của một lần gia hạn", 365)):
        if value is not None and not 1 <= value <= upper:
            problems[key] = f"{label} phải từ 1 đến {upper} (hoặc để trống nếu quy định không giới hạn)."
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

_HCM_BASIS = "QĐ 935-QĐ/TU, Điều 20.2 (định kỳ mỗi năm ít nhất 01 lần); người đứng đầu cấp xã trực tiếp " \
             "chủ trì (Điều 7.4, 11.3)"

BUILTIN_PROFILES: tuple[Profile, ...] = (
    Profile(
        code="luat-2025",
        name="Luật Tổ chức chính quyền địa phương 2025",
        legal_basis="Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
        notice=DeadlineRule(7, _C, _S),
        conclusion=DeadlineRule(10, _C, _S),
        answer=DeadlineRule(20, _W, _N, fixed_by_text=False),
        obligations=(
            Obligation("chinh_quyen", 1, periodic_only=True, delegation_allowed=True, co_chair="hdnd",
                       basis="Luật Tổ chức chính quyền địa phương 2025: UBND xã chủ trì, phối hợp Ủy ban MTTQ xã "
                             "tổ chức ít nhất 01 lần mỗi năm, đại diện Thường trực HĐND xã đồng chủ trì"),
            Obligation("dang_uy", 1, periodic_only=True, delegation_allowed=False,
                       basis="Quy định 11-QĐi/TW: người đứng đầu cấp ủy trực tiếp đối thoại với dân"),
        ),
        default_legal_bases=_COMMON_BASES,
        note="Luật không quy định số ngày trả lời công dân; dùng mức 20 ngày làm việc của QĐ 935-QĐ/TU "
             "(văn bản không in số ngày này như thể Luật đã quy định).",
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
        obligations=tuple(Obligation(who, 1, periodic_only=True, delegation_allowed=False, basis=_HCM_BASIS)
                          for who in ("dang_uy", "hdnd", "ubnd")),
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
        obligations=(
            Obligation("ubnd", 1, periodic_only=True, delegation_allowed=False,
                       basis="KH 570/KH-UBND, mục II.3: Chủ tịch UBND tổ chức định kỳ ít nhất 01 lần/năm"),
        ),
        after_steps=(
            AfterStep("rut_kinh_nghiem", "Người chủ trì đánh giá, rút kinh nghiệm nội bộ",
                      DeadlineRule(5, _W, _S), basis="KH 570/KH-UBND, mục 4.3"),
        ),
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
        notice=DeadlineRule(5, _W, _S, fixed_by_text=False),
        conclusion=DeadlineRule(10, _W, _S, fixed_by_text=False),
        answer=DeadlineRule(20, _W, _N, fixed_by_text=False),
        obligations=tuple(Obligation(who, 1, periodic_only=True, delegation_allowed=False,
                                     basis="QĐ 553-QĐ/TU, mục V: định kỳ ít nhất 01 lần/năm ở cả 3 cấp; cấp xã "
                                           "người chủ trì trực tiếp trả lời")
                          for who in ("dang_uy", "hdnd", "ubnd")),
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

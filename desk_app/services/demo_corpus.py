"""Vietnamese sample data for ``desk-app demo``: communes, names, officials, agencies and plan texts.

This module only holds data (plus three tiny helpers); the generator that turns it into a sample year
lives elsewhere.  All text is Vietnamese, NFC-normalised, and uses the 2025 two-level local government
(communes report directly to the province; there is no district level).

Placeholders: some strings are ``str.format`` templates and may only use these names:

- ``{year}`` and ``{place}`` (the commune's place name, e.g. "Tân Đoàn") in :data:`SESSION_TITLES`;
- ``{hamlet}`` (a hamlet's full name, e.g. "Thôn Bản Lải") in :data:`PLACES`,
  :data:`TARGET_AUDIENCES` and :data:`BRIDGE_POINTS`.

Every other string is plain text.  Texts that mention "thôn" are written for the northern and central
communes; :func:`localize` turns them into "ấp" for a Mekong delta commune.
"""

from __future__ import annotations

import random
import re

__all__ = [
    "AGENCIES",
    "BRIDGE_POINTS",
    "COMMUNES",
    "CONTENT_TOPICS",
    "FAMILY_NAMES",
    "GENERAL_CONCLUSIONS",
    "GIVEN_NAMES_FEMALE",
    "GIVEN_NAMES_MALE",
    "HEAD_INFORMS",
    "MIDDLE_NAMES_FEMALE",
    "MIDDLE_NAMES_MALE",
    "OFFICIALS",
    "PARTICIPANTS_TEXT",
    "PLACES",
    "PURPOSES",
    "REQUIREMENTS",
    "SESSION_TITLES",
    "TARGET_AUDIENCES",
    "TASK_TEMPLATES",
    "THEMATIC_TOPICS",
    "THEMATIC_FIELDS",
    "THEMATIC_CONTENT",
    "TASKS_BY_HOST",
    "full_name",
    "hamlet_word",
    "localize",
]

# ---------------------------------------------------------------------------------------------------
# 1. Communes (fictional but realistic; codes are made up)
# ---------------------------------------------------------------------------------------------------

_PROVINCE_RECIPIENTS = (
    "Thường trực Tỉnh ủy",
    "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "Ban Nội chính Tỉnh ủy",
    "Thường trực HĐND tỉnh",
    "UBND tỉnh",
    "Ủy ban MTTQ Việt Nam tỉnh",
)

COMMUNES = (
    {
        "name": "Xã Tân Đoàn",
        "kind": "xã",
        "code": "06283",
        "province": "Tỉnh Lạng Sơn",
        "place_name": "Tân Đoàn",
        "party_superior": "Đảng bộ tỉnh Lạng Sơn",
        "hamlets": (
            "Thôn Bản Lải",
            "Thôn Nà Pàn",
            "Thôn Khòn Pát",
            "Thôn Còn Quan",
            "Thôn Pò Mỏ",
            "Thôn Nà Thang",
            "Thôn Bản Chành",
            "Thôn Khuổi Phầy",
            "Thôn Lùng Vài",
            "Thôn Phai Đán",
            "Thôn Đông Mồ",
        ),
        "superior_recipients": _PROVINCE_RECIPIENTS,
    },
    {
        "name": "Xã Mỹ Hòa Tây",
        "kind": "xã",
        "code": "29134",
        "province": "Tỉnh Đồng Tháp",
        "place_name": "Mỹ Hòa Tây",
        "party_superior": "Đảng bộ tỉnh Đồng Tháp",
        "hamlets": (
            "Ấp Mỹ Thạnh",
            "Ấp Hòa Lợi",
            "Ấp Tân Thuận",
            "Ấp Bình Phú",
            "Ấp Cái Sơn",
            "Ấp Rạch Gốc",
            "Ấp Kinh Xáng",
            "Ấp Long Hưng",
            "Ấp Phú Hữu",
            "Ấp Thạnh Lợi",
        ),
        "superior_recipients": _PROVINCE_RECIPIENTS,
    },
    {
        "name": "Xã Nghĩa Hòa Đông",
        "kind": "xã",
        "code": "21457",
        "province": "Tỉnh Quảng Ngãi",
        "place_name": "Nghĩa Hòa Đông",
        "party_superior": "Đảng bộ tỉnh Quảng Ngãi",
        "hamlets": (
            "Thôn An Điềm",
            "Thôn Tân Hòa",
            "Thôn Phước Thọ",
            "Thôn Vĩnh Lộc",
            "Thôn Đông Quang",
            "Thôn Mỹ Hưng",
            "Thôn Thạch Trụ",
            "Thôn An Lương",
            "Thôn Hải Môn",
        ),
        "superior_recipients": _PROVINCE_RECIPIENTS,
    },
)

# ---------------------------------------------------------------------------------------------------
# 2. Personal names (repeats in FAMILY_NAMES and the middle names give realistic weights)
# ---------------------------------------------------------------------------------------------------

FAMILY_NAMES = (
    ("Nguyễn",) * 30
    + ("Trần",) * 10
    + ("Lê",) * 8
    + ("Phạm",) * 6
    + ("Hoàng",) * 5
    + ("Huỳnh",) * 4
    + ("Phan",) * 4
    + ("Vũ",) * 3
    + ("Võ",) * 3
    + ("Đặng",) * 2
    + ("Bùi",) * 2
    + ("Đỗ",) * 2
    + ("Hồ",) * 2
    + ("Ngô",) * 2
    + ("Dương",) * 2
    + ("Lý",) * 2
    + ("Nông",) * 2
    + ("Lương",) * 2
    + ("Hà",) * 2
    + ("Lò", "Triệu", "Đinh", "Mai", "Trịnh", "Lâm", "Vi", "Hứa", "Tô", "Chu")
)

MIDDLE_NAMES_MALE = (
    ("Văn",) * 8
    + ("Đức",) * 2
    + ("Hữu",) * 2
    + ("Minh",) * 2
    + (
        "Quang",
        "Công",
        "Thành",
        "Xuân",
        "Đình",
        "Ngọc",
        "Anh",
        "Trọng",
        "Quốc",
        "Thanh",
        "Mạnh",
        "Viết",
        "Bá",
        "Duy",
        "Tiến",
        "Trung",
        "Phước",
        "Hoài",
    )
)

MIDDLE_NAMES_FEMALE = (
    ("Thị",) * 10
    + (
        "Ngọc",
        "Thu",
        "Thanh",
        "Kim",
        "Minh",
        "Hồng",
        "Thùy",
        "Phương",
        "Mỹ",
        "Diệu",
        "Bích",
        "Quỳnh",
        "Hoài",
        "Khánh",
        "Mai",
        "Bảo",
        "Tuyết",
        "Cẩm",
    )
)

GIVEN_NAMES_MALE = (
    "An", "Bình", "Cường", "Chiến", "Dũng", "Đạt", "Định", "Đông", "Đức", "Giang",
    "Hải", "Hiếu", "Hoàng", "Hùng", "Huy", "Hưng", "Khải", "Khang", "Kiên", "Lâm",
    "Linh", "Lộc", "Lợi", "Lực", "Minh", "Nam", "Nghĩa", "Nhân", "Phong", "Phúc",
    "Quân", "Quý", "Sơn", "Tài", "Tâm", "Thắng", "Thành", "Thịnh", "Toàn", "Trí",
    "Trung", "Tuấn", "Tùng", "Vĩnh", "Vinh", "Việt", "Vũ", "Hậu", "Khoa", "Thái",
    "Tường", "Bảo", "Hiển", "Kỳ", "Lượng", "Mạnh", "Sỹ", "Thọ", "Triều", "Ước",
)

GIVEN_NAMES_FEMALE = (
    "An", "Anh", "Bích", "Châu", "Chi", "Dung", "Duyên", "Đào", "Giang", "Hà",
    "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Huệ", "Hương", "Huyền", "Lan", "Liên",
    "Linh", "Loan", "Lụa", "Mai", "My", "Nga", "Ngân", "Nhung", "Oanh", "Phượng",
    "Quyên", "Quỳnh", "Sương", "Tâm", "Thảo", "Thơ", "Thư", "Thủy", "Trang", "Tuyết",
    "Uyên", "Vân", "Xuân", "Yến", "Dịu", "Đông", "Gấm", "Hảo", "Lệ", "Mỹ",
    "Nguyệt", "Nhàn", "Thắm", "Thoa", "Trinh", "Tươi", "Ngọc", "Diễm", "Mơ", "Diệp",
)


def full_name(rng: random.Random, gender: str) -> str:
    """A plausible full name ("Nguyễn Văn Hùng"); ``gender`` is "nam" or "nu" ("nữ" is accepted).

    Deterministic for the state of ``rng``: it draws exactly three choices.
    """
    if gender == "nam":
        middles, givens = MIDDLE_NAMES_MALE, GIVEN_NAMES_MALE
    elif gender in ("nu", "nữ"):
        middles, givens = MIDDLE_NAMES_FEMALE, GIVEN_NAMES_FEMALE
    else:
        raise ValueError(f"gender must be 'nam' or 'nu', not {gender!r}")
    return f"{rng.choice(FAMILY_NAMES)} {rng.choice(middles)} {rng.choice(givens)}"


_HAMLET_RE = re.compile(r"(?<![Nn]ông )\b([Tt])hôn\b")


def hamlet_word(commune: dict) -> str:
    """The commune's word for a hamlet, lower case: "ấp" in the Mekong delta, otherwise "thôn"."""
    hamlets = commune.get("hamlets") or ()
    return "ấp" if hamlets and hamlets[0].startswith("Ấp ") else "thôn"


def localize(text: str, commune: dict) -> str:
    """Replace "thôn"/"Thôn" by "ấp"/"Ấp" for a commune whose hamlets are "ấp" ("nông thôn" is kept)."""
    if hamlet_word(commune) == "thôn":
        return text
    return _HAMLET_RE.sub(lambda m: "Ấp" if m.group(1) == "T" else "ấp", text)

# ---------------------------------------------------------------------------------------------------
# 3. Officials of the commune (names are drawn with full_name at generation time)
# ---------------------------------------------------------------------------------------------------


def _official(title: str, body: str, gender: str, *, party: bool = False, council: bool = False,
              committee: bool = False) -> dict:
    return {"title": title, "body": body, "gender": gender, "is_party_head": party,
            "is_council_head": council, "is_committee_head": committee}


OFFICIALS = (
    _official("Bí thư Đảng ủy xã", "dang_uy", "nam", party=True),
    _official("Phó Bí thư Thường trực Đảng ủy xã", "dang_uy", "nu"),
    _official("Chủ tịch HĐND xã", "hdnd", "nam", council=True),
    _official("Phó Chủ tịch HĐND xã", "hdnd", "nu"),
    _official("Chủ tịch UBND xã", "ubnd", "nam", committee=True),
    _official("Phó Chủ tịch UBND xã", "ubnd", "nam"),
    _official("Phó Chủ tịch UBND xã", "ubnd", "nu"),
    _official("Chủ tịch Ủy ban MTTQ Việt Nam xã", "mttq", "nam"),
    _official("Chánh Văn phòng HĐND và UBND xã", "van_phong", "nam"),
    _official("Chuyên viên Văn phòng HĐND và UBND xã", "van_phong", "nu"),
)

# ---------------------------------------------------------------------------------------------------
# 4. Agencies and organisations (short names are what the rest of the demo refers to)
# ---------------------------------------------------------------------------------------------------


def _agency(name: str, short_name: str, kind: str, head_title: str) -> dict:
    return {"name": name, "short_name": short_name, "kind": kind, "head_title": head_title}


AGENCIES = (
    _agency("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã", "Văn phòng HĐND và UBND",
            "chuyen_mon", "Chánh Văn phòng HĐND và UBND xã"),
    _agency("Văn phòng Đảng ủy xã", "Văn phòng Đảng ủy", "co_quan_dang", "Chánh Văn phòng Đảng ủy xã"),
    _agency("Phòng Kinh tế thuộc Ủy ban nhân dân xã", "Phòng Kinh tế", "chuyen_mon",
            "Trưởng phòng Kinh tế"),
    _agency("Phòng Văn hóa - Xã hội thuộc Ủy ban nhân dân xã", "Phòng Văn hóa - Xã hội", "chuyen_mon",
            "Trưởng phòng Văn hóa - Xã hội"),
    _agency("Trung tâm Phục vụ hành chính công xã", "Trung tâm Phục vụ hành chính công", "chuyen_mon",
            "Giám đốc Trung tâm Phục vụ hành chính công"),
    _agency("Công an xã", "Công an xã", "cong_an", "Trưởng Công an xã"),
    _agency("Ban Chỉ huy quân sự xã", "Ban Chỉ huy quân sự xã", "khac", "Chỉ huy trưởng Ban Chỉ huy quân sự xã"),
    _agency("Trạm Y tế xã", "Trạm Y tế xã", "khac", "Trưởng Trạm Y tế xã"),
    _agency("Ủy ban Mặt trận Tổ quốc Việt Nam xã", "Ủy ban MTTQ xã", "mttq_doan_the",
            "Chủ tịch Ủy ban MTTQ Việt Nam xã"),
    _agency("Hội Nông dân Việt Nam xã", "Hội Nông dân xã", "mttq_doan_the", "Chủ tịch Hội Nông dân xã"),
    _agency("Hội Liên hiệp Phụ nữ Việt Nam xã", "Hội Liên hiệp Phụ nữ xã", "mttq_doan_the",
            "Chủ tịch Hội Liên hiệp Phụ nữ xã"),
    _agency("Đoàn Thanh niên Cộng sản Hồ Chí Minh xã", "Đoàn Thanh niên xã", "mttq_doan_the",
            "Bí thư Đoàn Thanh niên xã"),
    _agency("Hội Cựu chiến binh Việt Nam xã", "Hội Cựu chiến binh xã", "mttq_doan_the",
            "Chủ tịch Hội Cựu chiến binh xã"),
    _agency("Ủy ban nhân dân tỉnh", "UBND tỉnh", "cap_tren", "Chủ tịch UBND tỉnh"),
    _agency("Sở Nông nghiệp và Môi trường tỉnh", "Sở Nông nghiệp và Môi trường", "cap_tren",
            "Giám đốc Sở Nông nghiệp và Môi trường"),
    _agency("Sở Xây dựng tỉnh", "Sở Xây dựng", "cap_tren", "Giám đốc Sở Xây dựng"),
    _agency("Công ty Điện lực tỉnh", "Công ty Điện lực tỉnh", "cap_tren", "Giám đốc Công ty Điện lực tỉnh"),
)

# ---------------------------------------------------------------------------------------------------
# 5. Plan texts ("I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG"), minutes texts; paragraphs separated by "\n"
# ---------------------------------------------------------------------------------------------------

PURPOSES = (
    "Trực tiếp lắng nghe, nắm bắt tâm tư, nguyện vọng, ý kiến, kiến nghị của Nhân dân để kịp thời giải "
    "quyết những vấn đề bức xúc, phát sinh ngay từ cơ sở, đáp ứng nguyện vọng hợp pháp, chính đáng của "
    "Nhân dân.\n"
    "Nâng cao chất lượng, hiệu quả công tác tuyên truyền, phổ biến chủ trương, đường lối của Đảng, chính "
    "sách, pháp luật của Nhà nước và các nhiệm vụ phát triển kinh tế - xã hội, bảo đảm quốc phòng, an "
    "ninh của xã đến với Nhân dân.\n"
    "Củng cố, tăng cường niềm tin của Nhân dân đối với sự lãnh đạo, chỉ đạo, điều hành của cấp ủy, chính "
    "quyền xã; nâng cao trách nhiệm phục vụ Nhân dân của đội ngũ cán bộ, công chức xã trong thực thi công "
    "vụ. Phát huy quyền làm chủ của Nhân dân theo phương châm “Dân biết, dân bàn, dân làm, dân kiểm tra, "
    "dân giám sát, dân thụ hưởng”.",
    "Thông qua tiếp xúc, đối thoại trực tiếp, người đứng đầu cấp ủy, chính quyền xã nắm bắt kịp thời tình "
    "hình đời sống, sản xuất, tâm tư, nguyện vọng của Nhân dân; trực tiếp giải đáp, giải quyết những khó "
    "khăn, vướng mắc, kiến nghị của Nhân dân thuộc thẩm quyền của xã, hạn chế phát sinh khiếu nại, tố cáo "
    "đông người, vượt cấp.\n"
    "Đánh giá đúng kết quả giải quyết các ý kiến, kiến nghị của Nhân dân đã tiếp nhận trong thời gian qua; "
    "kịp thời chấn chỉnh những hạn chế, thiếu sót của cơ quan, đơn vị, cán bộ, công chức trong thực hiện "
    "nhiệm vụ được giao.\n"
    "Tăng cường mối quan hệ mật thiết giữa cấp ủy, chính quyền với Nhân dân; góp phần xây dựng Đảng bộ, "
    "chính quyền xã trong sạch, vững mạnh, giữ vững ổn định chính trị, trật tự, an toàn xã hội trên địa bàn.",
)

REQUIREMENTS = (
    "Việc tiếp xúc, đối thoại trực tiếp với Nhân dân phải đúng quy định của pháp luật; nghiêm túc chấp hành "
    "nội dung, phương pháp thực hiện Hội nghị đối thoại; bảo đảm kịp thời, dân chủ, công khai, minh bạch, "
    "khách quan, an toàn và đạt hiệu quả.\n"
    "Việc trả lời ý kiến, kiến nghị của Nhân dân phải tập trung nghiên cứu, trả lời đúng trọng tâm, trọng "
    "điểm, ngắn gọn, dễ hiểu, bảo đảm đúng quy định. Những nội dung chưa trả lời được tại Hội nghị phải "
    "được giao cơ quan, đơn vị xem xét, giải quyết và trả lời bằng văn bản theo đúng thời hạn.",
    "Hội nghị tiếp xúc, đối thoại được tổ chức nghiêm túc, thiết thực, đúng thành phần, tránh hình thức; "
    "tạo không khí cởi mở, thẳng thắn để Nhân dân phát biểu ý kiến, kiến nghị.\n"
    "Các cơ quan, đơn vị được giao nhiệm vụ chủ động chuẩn bị nội dung trả lời, báo cáo kết quả giải quyết "
    "các kiến nghị còn tồn đọng; người được phân công trả lời phải nắm chắc chủ trương, chính sách, pháp "
    "luật và tình hình thực tế tại địa phương.\n"
    "Sau Hội nghị, các kiến nghị của Nhân dân phải được tổng hợp đầy đủ, phân công giải quyết cụ thể, theo "
    "dõi, đôn đốc đến khi có kết quả và thông báo công khai cho Nhân dân được biết.",
)

CONTENT_TOPICS = (
    "Lắng nghe những ý kiến, kiến nghị, tâm tư, nguyện vọng của Nhân dân; trực tiếp giải đáp và chỉ đạo "
    "các cơ quan, đơn vị căn cứ chức năng, nhiệm vụ giải quyết những kiến nghị cụ thể của Nhân dân ngay "
    "tại Hội nghị tiếp xúc, đối thoại.\n"
    "Thông tin kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh của xã "
    "và kết quả giải quyết các kiến nghị của Nhân dân tại Hội nghị tiếp xúc, đối thoại lần trước.",
    "Tập trung đối thoại những vấn đề Nhân dân quan tâm, bức xúc, gồm:\n"
    "- Công tác quản lý đất đai, cấp giấy chứng nhận quyền sử dụng đất, giải quyết tranh chấp đất đai;\n"
    "- Đầu tư, sửa chữa đường giao thông, kênh mương nội đồng, điện, nước sinh hoạt;\n"
    "- Thực hiện chính sách đối với người có công, bảo trợ xã hội, hộ nghèo, hộ cận nghèo, bảo hiểm y tế;\n"
    "- Bảo đảm an ninh, trật tự, vệ sinh môi trường và giải quyết thủ tục hành chính cho Nhân dân.",
    "Đối thoại về những khó khăn, vướng mắc của Nhân dân trong sản xuất nông nghiệp, chăn nuôi, tiêu thụ "
    "sản phẩm và chuyển đổi cơ cấu cây trồng, vật nuôi.\n"
    "Giải đáp các kiến nghị về việc thực hiện thủ tục hành chính tại Trung tâm Phục vụ hành chính công xã "
    "sau khi sắp xếp đơn vị hành chính, thái độ phục vụ của cán bộ, công chức.\n"
    "Rà soát, trả lời những kiến nghị đã được Nhân dân phản ánh nhiều lần nhưng chưa được giải quyết dứt "
    "điểm; những nội dung vượt thẩm quyền của xã được tổng hợp, kiến nghị cấp có thẩm quyền xem xét, "
    "giải quyết.",
)

GENERAL_CONCLUSIONS = (
    "Hội nghị tiếp xúc, đối thoại trực tiếp với Nhân dân đã diễn ra nghiêm túc, dân chủ, cởi mở và hoàn "
    "thành chương trình đề ra. Các ý kiến phát biểu của Nhân dân thẳng thắn, tâm huyết, mang tính xây "
    "dựng, tập trung vào những vấn đề thiết thực gắn với đời sống, sản xuất của Nhân dân.\n"
    "Đối với các ý kiến đã được trả lời, làm rõ tại Hội nghị, đề nghị Nhân dân nghiên cứu, thống nhất thực "
    "hiện; Trưởng các thôn thông tin lại cho Nhân dân không có điều kiện tham dự Hội nghị được biết.\n"
    "Đối với các ý kiến, kiến nghị chưa được giải quyết tại Hội nghị, giao Văn phòng HĐND và UBND xã tổng "
    "hợp, tham mưu thông báo kết luận; các cơ quan, đơn vị được giao chủ động kiểm tra, xác minh, giải "
    "quyết và trả lời bằng văn bản cho công dân theo đúng thời hạn quy định. Những nội dung vượt thẩm "
    "quyền, UBND xã tổng hợp, kiến nghị cấp có thẩm quyền xem xét, giải quyết.\n"
    "Đề nghị Ủy ban MTTQ Việt Nam xã và các tổ chức chính trị - xã hội tăng cường giám sát việc giải quyết "
    "các kiến nghị của Nhân dân; cán bộ, công chức xã nâng cao tinh thần trách nhiệm, thái độ phục vụ "
    "Nhân dân.",
    "Thay mặt lãnh đạo xã, chủ trì Hội nghị ghi nhận, cảm ơn các ý kiến đóng góp tâm huyết, trách nhiệm "
    "của Nhân dân. Những kiến nghị của Nhân dân đã phản ánh đúng thực tế tại địa phương, là cơ sở để cấp "
    "ủy, chính quyền xã tiếp tục lãnh đạo, chỉ đạo, điều hành trong thời gian tới.\n"
    "Giao Phòng Kinh tế chủ trì, phối hợp với các thôn kiểm tra hiện trạng, xác minh nguồn gốc đất, rà soát "
    "hồ sơ đối với các kiến nghị về đất đai, giao thông, thủy lợi; giao Phòng Văn hóa - Xã hội rà soát, "
    "giải quyết dứt điểm các kiến nghị về chế độ, chính sách; giao Công an xã tăng cường tuần tra, kiểm soát, "
    "bảo đảm an ninh, trật tự tại các địa bàn Nhân dân phản ánh.\n"
    "Các cơ quan, đơn vị được giao nhiệm vụ báo cáo kết quả giải quyết về Văn phòng HĐND và UBND xã để "
    "tổng hợp, báo cáo người chủ trì; kết quả giải quyết được niêm yết công khai tại trụ sở UBND xã và "
    "thông báo trên hệ thống truyền thanh xã.",
    "Qua Hội nghị, lãnh đạo xã đã trực tiếp lắng nghe, trao đổi, giải đáp nhiều ý kiến, kiến nghị của Nhân "
    "dân; đa số ý kiến đã được trả lời rõ ràng, cụ thể ngay tại Hội nghị, Nhân dân cơ bản đồng tình.\n"
    "Đối với những kiến nghị còn lại, người chủ trì đã phân công cụ thể cơ quan, đơn vị chủ trì giải quyết. "
    "Yêu cầu các cơ quan, đơn vị tập trung giải quyết, trả lời bằng văn bản cho công dân trong thời hạn quy "
    "định; trường hợp cần thêm thời gian phải thông báo bằng văn bản cho công dân biết và báo cáo người chủ "
    "trì Hội nghị.\n"
    "Đề nghị Nhân dân tiếp tục đoàn kết, chung sức xây dựng quê hương; chấp hành tốt chủ trương của Đảng, "
    "chính sách, pháp luật của Nhà nước; khi có vướng mắc, kiến nghị thì phản ánh qua Trưởng thôn, Ban công "
    "tác Mặt trận hoặc trực tiếp đến Trung tâm Phục vụ hành chính công xã để được hướng dẫn, giải quyết "
    "theo quy định.",
)

HEAD_INFORMS = (
    "Thông tin đến Nhân dân kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội, bảo đảm quốc phòng, an "
    "ninh của xã từ đầu năm đến nay: sản xuất nông nghiệp cơ bản ổn định; công tác xây dựng nông thôn mới "
    "tiếp tục được quan tâm; an sinh xã hội được bảo đảm, các chế độ, chính sách được chi trả kịp thời, đúng "
    "đối tượng; tình hình an ninh chính trị, trật tự, an toàn xã hội được giữ vững.\n"
    "Bên cạnh kết quả đạt được, còn một số tồn tại, hạn chế như: một số tuyến đường giao thông, kênh mương "
    "xuống cấp chưa được sửa chữa kịp thời; việc cấp giấy chứng nhận quyền sử dụng đất còn chậm; thu gom, xử "
    "lý rác thải sinh hoạt ở một số khu dân cư chưa thường xuyên.\n"
    "Thông báo kết quả giải quyết các kiến nghị của Nhân dân tại Hội nghị tiếp xúc, đối thoại lần trước và "
    "những nội dung đã kiến nghị cấp trên xem xét, giải quyết.",
    "Quán triệt mục đích, yêu cầu, phương pháp thực hiện Hội nghị đối thoại; đề nghị Nhân dân phát biểu ngắn "
    "gọn, đúng trọng tâm, theo thứ tự và nội dung đã đăng ký, mỗi ý kiến không quá 05 phút.\n"
    "Thông tin tình hình tổ chức, hoạt động của chính quyền xã sau khi sắp xếp đơn vị hành chính và vận "
    "hành mô hình chính quyền địa phương hai cấp; việc tiếp nhận, giải quyết thủ tục hành chính tại Trung "
    "tâm Phục vụ hành chính công xã, khuyến khích Nhân dân nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc "
    "gia.\n"
    "Thông tin các chủ trương, chính sách mới liên quan trực tiếp đến Nhân dân về đất đai, bảo hiểm xã hội, "
    "bảo hiểm y tế, hỗ trợ phát triển sản xuất và các nhiệm vụ trọng tâm của xã trong những tháng cuối năm.",
)

# ---------------------------------------------------------------------------------------------------
# 6. Session titles (templates with {year} and {place}) and themes of thematic sessions
# ---------------------------------------------------------------------------------------------------

SESSION_TITLES = {
    "dang_uy": (
        "Hội nghị tiếp xúc, đối thoại trực tiếp giữa Bí thư Đảng ủy xã {place} với Nhân dân năm {year}",
        "Hội nghị Bí thư Đảng ủy xã {place} tiếp xúc, đối thoại trực tiếp với Nhân dân năm {year}",
    ),
    "hdnd": (
        "Hội nghị tiếp xúc, đối thoại trực tiếp giữa Chủ tịch HĐND xã {place} với Nhân dân năm {year}",
        "Hội nghị Chủ tịch Hội đồng nhân dân xã {place} tiếp xúc, đối thoại trực tiếp với Nhân dân "
        "năm {year}",
    ),
    "ubnd": (
        "Hội nghị tiếp xúc, đối thoại trực tiếp giữa Chủ tịch UBND xã {place} với Nhân dân năm {year}",
        "Hội nghị Chủ tịch Ủy ban nhân dân xã {place} đối thoại trực tiếp với Nhân dân năm {year}",
    ),
    "lien_tich": (
        "Hội nghị tiếp xúc, đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính quyền xã {place} với "
        "Nhân dân năm {year}",
        "Hội nghị liên tịch Bí thư Đảng ủy, Chủ tịch HĐND, Chủ tịch UBND xã {place} tiếp xúc, đối thoại "
        "trực tiếp với Nhân dân năm {year}",
    ),
}

THEMATIC_TOPICS = (
    "Công tác bồi thường, hỗ trợ, tái định cư và giải phóng mặt bằng dự án đường tỉnh",
    "Cấp giấy chứng nhận quyền sử dụng đất và giải quyết tranh chấp đất đai",
    "Thực hiện chính sách bảo trợ xã hội, hỗ trợ hộ nghèo, hộ cận nghèo và bảo hiểm y tế",
    "Thu gom, xử lý rác thải sinh hoạt và bảo vệ môi trường khu dân cư",
)

# The fields a thematic session's opinions belong to, and what its plan says it is about.
THEMATIC_FIELDS = {
    THEMATIC_TOPICS[0]: ("Đất đai", "Giao thông, hạ tầng"),
    THEMATIC_TOPICS[1]: ("Đất đai",),
    THEMATIC_TOPICS[2]: ("Chính sách, an sinh xã hội", "Y tế"),
    THEMATIC_TOPICS[3]: ("Môi trường",),
}

THEMATIC_CONTENT = {
    THEMATIC_TOPICS[0]: "Thông tin tiến độ, chính sách bồi thường, hỗ trợ, tái định cư của dự án đường tỉnh qua "
                        "địa bàn xã.\nLắng nghe, giải đáp kiến nghị của các hộ có đất bị thu hồi về đơn giá bồi "
                        "thường, diện tích còn lại, đường đi lại và công trình bị ảnh hưởng trong thời gian thi công.",
    THEMATIC_TOPICS[1]: "Thông tin kết quả cấp giấy chứng nhận quyền sử dụng đất lần đầu, cấp đổi sau sắp xếp đơn vị "
                        "hành chính và việc hòa giải tranh chấp đất đai tại cơ sở.\nLắng nghe, giải đáp vướng mắc "
                        "của Nhân dân về hồ sơ đất đai, ranh giới thửa đất, tranh chấp giữa các hộ.",
    THEMATIC_TOPICS[2]: "Thông tin việc thực hiện chính sách bảo trợ xã hội, giảm nghèo, hỗ trợ hộ nghèo, hộ cận "
                        "nghèo và cấp thẻ bảo hiểm y tế trên địa bàn xã.\nLắng nghe, giải đáp kiến nghị của Nhân "
                        "dân về hồ sơ trợ cấp, danh sách hộ nghèo, khám, chữa bệnh bảo hiểm y tế.",
    THEMATIC_TOPICS[3]: "Thông tin việc thu gom, vận chuyển, xử lý rác thải sinh hoạt, giá dịch vụ thu gom và giữ "
                        "gìn vệ sinh môi trường khu dân cư.\nLắng nghe, giải đáp kiến nghị của Nhân dân về lịch "
                        "thu gom, điểm tập kết rác, ô nhiễm từ cơ sở sản xuất, chăn nuôi.",
}

# ---------------------------------------------------------------------------------------------------
# 7. "III. TỔ CHỨC THỰC HIỆN": (agency short name or addressee, tasks)
# ---------------------------------------------------------------------------------------------------

TASK_TEMPLATES = (
    (
        "Văn phòng HĐND và UBND",
        "Chủ trì, phối hợp với các cơ quan, đơn vị có liên quan tham mưu xây dựng kế hoạch, chương trình, "
        "thông báo, giấy mời; tổng hợp, phân loại ý kiến, kiến nghị của Nhân dân, chuyển các cơ quan, đơn vị "
        "chuẩn bị nội dung trả lời; chuẩn bị cơ sở vật chất và các điều kiện cần thiết để tổ chức Hội nghị "
        "tiếp xúc, đối thoại.\n"
        "Cử công chức làm thư ký Hội nghị, ghi biên bản; tham mưu thông báo ý kiến kết luận của người chủ "
        "trì; theo dõi, đôn đốc các cơ quan, đơn vị giải quyết, trả lời kiến nghị của Nhân dân và tổng hợp, "
        "báo cáo kết quả theo quy định.",
    ),
    (
        "Công an xã",
        "Xây dựng phương án, bố trí lực lượng, phương tiện bảo đảm an ninh, trật tự, an toàn cho Nhân dân và "
        "các thành phần tham dự Hội nghị tiếp xúc, đối thoại; chủ động nắm tình hình, kịp thời xử lý các "
        "tình huống phát sinh.\n"
        "Chuẩn bị nội dung trả lời các ý kiến, kiến nghị của Nhân dân liên quan đến an ninh, trật tự, an "
        "toàn giao thông, cư trú và căn cước.",
    ),
    (
        "Ủy ban MTTQ xã",
        "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã chủ trì, phối hợp với Hội Nông dân, Hội Liên hiệp Phụ "
        "nữ, Đoàn Thanh niên, Hội Cựu chiến binh xã nắm bắt tâm tư, nguyện vọng, ý kiến, kiến nghị của đoàn "
        "viên, hội viên và các tầng lớp Nhân dân, tổng hợp gửi Văn phòng HĐND và UBND xã trước ngày tổ chức "
        "Hội nghị.\n"
        "Vận động đoàn viên, hội viên và Nhân dân tham dự Hội nghị; cử lãnh đạo tham gia Hội nghị và giám "
        "sát việc giải quyết các kiến nghị của Nhân dân sau Hội nghị.",
    ),
    (
        "Phòng Kinh tế",
        "Rà soát, tổng hợp các ý kiến, kiến nghị của Nhân dân thuộc lĩnh vực đất đai, môi trường, xây dựng, "
        "giao thông, thủy lợi, nông nghiệp; chuẩn bị nội dung trả lời và báo cáo kết quả giải quyết các kiến "
        "nghị còn tồn đọng.\n"
        "Sau Hội nghị, chủ trì kiểm tra, xác minh, tham mưu giải quyết các kiến nghị được giao; tổng hợp những "
        "nội dung vượt thẩm quyền, tham mưu UBND xã kiến nghị các sở, ngành của tỉnh xem xét, giải quyết.",
    ),
    (
        "Phòng Văn hóa - Xã hội",
        "Chuẩn bị nội dung trả lời các ý kiến, kiến nghị về chính sách người có công, bảo trợ xã hội, giảm "
        "nghèo, y tế, giáo dục, văn hóa.\n"
        "Tổ chức thông tin, tuyên truyền về mục đích, ý nghĩa của Hội nghị tiếp xúc, đối thoại; thông báo thời "
        "gian, địa điểm, nội dung Hội nghị trên hệ thống loa truyền thanh xã và trang thông tin điện tử của "
        "xã; đưa tin kết quả Hội nghị và kết quả giải quyết kiến nghị để Nhân dân được biết.",
    ),
    (
        "Trung tâm Phục vụ hành chính công",
        "Tổng hợp các phản ánh, kiến nghị của tổ chức, cá nhân về thủ tục hành chính, hồ sơ trễ hạn; chuẩn bị "
        "nội dung trả lời và hướng dẫn Nhân dân thực hiện thủ tục hành chính, dịch vụ công trực tuyến.",
    ),
    (
        "Trưởng các thôn",
        "Thông báo rộng rãi đến Nhân dân về thời gian, địa điểm, nội dung Hội nghị; phát phiếu đăng ký nội "
        "dung phát biểu, hướng dẫn Nhân dân đăng ký và tổng hợp gửi Văn phòng HĐND và UBND xã theo thời gian "
        "quy định.\n"
        "Vận động Nhân dân tham dự Hội nghị đầy đủ, đúng thành phần; sau Hội nghị, thông tin kết luận của "
        "người chủ trì và kết quả giải quyết kiến nghị đến Nhân dân tại các cuộc họp thôn.",
    ),
)

# The same items as the issuing body writes them: (agency short name or None, heading, tasks). UBND xã gives its
# offices tasks; the Đảng ủy and the HĐND ask UBND xã to direct them (documents.md §7).
_FRONT_TASK = dict(TASK_TEMPLATES)["Ủy ban MTTQ xã"]

TASKS_BY_HOST = {
    "ubnd": tuple((short, {"Văn phòng HĐND và UBND": "Văn phòng HĐND và UBND xã",
                           "Ủy ban MTTQ xã": "Ủy ban Mặt trận Tổ quốc Việt Nam xã",
                           "Trung tâm Phục vụ hành chính công": "Trung tâm Phục vụ hành chính công xã",
                           "Trưởng các thôn": "Trưởng các thôn"}.get(short, short), body)
                  for short, body in TASK_TEMPLATES),
    "dang_uy": (
        ("Văn phòng Đảng ủy", "Văn phòng Đảng ủy xã",
         "Chủ trì, phối hợp với Văn phòng HĐND và UBND xã, Ủy ban MTTQ xã tham mưu Thường trực Đảng ủy xây dựng kế "
         "hoạch, chương trình hội nghị; tổng hợp, phân loại ý kiến, kiến nghị của Nhân dân; cử thư ký ghi biên bản.\n"
         "Tham mưu thông báo ý kiến kết luận của đồng chí Bí thư Đảng ủy; theo dõi, đôn đốc việc giải quyết các "
         "kiến nghị sau hội nghị, báo cáo Thường trực Đảng ủy."),
        (None, "Đề nghị Ủy ban nhân dân xã",
         "Chỉ đạo Văn phòng HĐND và UBND, các phòng chuyên môn, Trung tâm Phục vụ hành chính công và Công an xã chuẩn "
         "bị nội dung trả lời các ý kiến, kiến nghị thuộc lĩnh vực quản lý; bố trí lực lượng bảo đảm an ninh, trật "
         "tự cho hội nghị.\nSau hội nghị, chỉ đạo giải quyết, trả lời bằng văn bản các kiến nghị theo kết luận của "
         "đồng chí Bí thư Đảng ủy và báo cáo kết quả về Thường trực Đảng ủy."),
        ("Ủy ban MTTQ xã", "Ủy ban Mặt trận Tổ quốc Việt Nam xã", _FRONT_TASK),
        (None, "Các chi bộ thôn",
         "Lãnh đạo Trưởng thôn, Ban công tác Mặt trận thôn thông báo rộng rãi đến Nhân dân về thời gian, địa điểm, "
         "nội dung hội nghị; hướng dẫn Nhân dân đăng ký phát biểu; sau hội nghị, thông tin kết luận của đồng chí Bí "
         "thư Đảng ủy đến đảng viên và Nhân dân."),
    ),
    "hdnd": (
        ("Văn phòng HĐND và UBND", "Văn phòng HĐND và UBND xã",
         "Tham mưu Thường trực HĐND xã xây dựng kế hoạch, chương trình hội nghị; tổng hợp, phân loại ý kiến, kiến "
         "nghị của Nhân dân; chuẩn bị cơ sở vật chất, cử thư ký ghi biên bản.\nTham mưu thông báo ý kiến kết luận "
         "của đồng chí Chủ tịch HĐND xã; theo dõi việc giải quyết kiến nghị, báo cáo Thường trực HĐND xã."),
        (None, "Đề nghị Ủy ban nhân dân xã",
         "Chỉ đạo các phòng chuyên môn, Trung tâm Phục vụ hành chính công, Công an xã và Trưởng các thôn chuẩn bị "
         "nội dung trả lời các ý kiến, kiến nghị thuộc lĩnh vực quản lý; thông báo rộng rãi kế hoạch đến Nhân dân; "
         "bảo đảm an ninh, trật tự cho hội nghị.\nSau hội nghị, chỉ đạo giải quyết, trả lời bằng văn bản các kiến "
         "nghị theo kết luận của người chủ trì và báo cáo kết quả về Thường trực HĐND xã."),
        ("Ủy ban MTTQ xã", "Ủy ban Mặt trận Tổ quốc Việt Nam xã", _FRONT_TASK),
        (None, "Các Tổ đại biểu HĐND xã",
         "Phối hợp nắm bắt ý kiến, kiến nghị của cử tri tại địa bàn ứng cử; tham dự hội nghị và giám sát việc giải "
         "quyết các kiến nghị của cử tri sau hội nghị."),
    ),
}

# ---------------------------------------------------------------------------------------------------
# 8. Places, audiences, participants and bridge points (templates may use {hamlet})
# ---------------------------------------------------------------------------------------------------

PLACES = (
    "Hội trường Ủy ban nhân dân xã",
    "Hội trường Đảng ủy xã",
    "Nhà văn hóa {hamlet}",
    "Nhà văn hóa trung tâm xã",
)

TARGET_AUDIENCES = (
    "Cử tri và Nhân dân trên địa bàn xã",
    "Cử tri và Nhân dân {hamlet} và các khu dân cư lân cận",
    "Các hộ gia đình, cá nhân có đất bị thu hồi và bị ảnh hưởng bởi dự án trên địa bàn {hamlet}",
)

PARTICIPANTS_TEXT = (
    "Thường trực Đảng ủy, Thường trực HĐND, lãnh đạo UBND xã",
    "Ban Thường trực Ủy ban MTTQ Việt Nam xã",
    "Người đứng đầu các tổ chức chính trị - xã hội xã",
    "Đại biểu HĐND xã ứng cử tại địa bàn",
    "Lãnh đạo các cơ quan, đơn vị có liên quan",
    "Bí thư chi bộ, Trưởng các thôn",
    "Trưởng ban công tác Mặt trận các thôn",
    "Người có uy tín trong cộng đồng dân cư",
)

BRIDGE_POINTS = (
    "Điểm cầu Nhà văn hóa {hamlet}",
    "Điểm cầu Nhà sinh hoạt cộng đồng {hamlet}",
    "Điểm cầu Phân hiệu Trường Tiểu học xã tại {hamlet}",
)

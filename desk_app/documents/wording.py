"""Standard wording of the documents, used when the clerk has not written their own.

Taken from the regulations and the Tam Đường plan (seed 002), adapted to the commune level. The
clerk's own text on the session (purpose, requirements, content, tasks) always wins.
"""

from __future__ import annotations

PURPOSE = (
    "Trực tiếp nắm bắt tâm tư, nguyện vọng, phản ánh, kiến nghị của Nhân dân để kịp thời giải quyết những "
    "vấn đề bức xúc ngay từ cơ sở, đáp ứng nguyện vọng hợp pháp, chính đáng của Nhân dân.",
    "Nâng cao chất lượng, hiệu quả công tác tuyên truyền, phổ biến chủ trương, nghị quyết của Đảng, chính "
    "sách, pháp luật của Nhà nước; bảo đảm an ninh, trật tự, an toàn xã hội trên địa bàn.",
    "Củng cố, tăng cường niềm tin của Nhân dân đối với sự lãnh đạo, chỉ đạo, điều hành của cấp ủy, chính "
    "quyền; phát huy quyền làm chủ của Nhân dân, nâng cao trách nhiệm phục vụ Nhân dân của đội ngũ cán bộ, "
    "công chức.",
)

REQUIREMENTS = (
    "Việc tiếp xúc, đối thoại trực tiếp với Nhân dân phải đúng quy định của pháp luật; bảo đảm dân chủ, công "
    "khai, minh bạch, khách quan, an toàn và hiệu quả.",
    "Việc trả lời ý kiến, kiến nghị của Nhân dân phải đúng trọng tâm, ngắn gọn, dễ hiểu, đúng quy định; "
    "những nội dung chưa trả lời được tại hội nghị phải được giao cơ quan, đơn vị giải quyết và trả lời bằng "
    "văn bản đúng thời hạn.",
)

CONTENT = (
    "Lắng nghe ý kiến, kiến nghị, tâm tư, nguyện vọng của Nhân dân; trực tiếp giải đáp và chỉ đạo các cơ "
    "quan, đơn vị căn cứ chức năng, nhiệm vụ giải quyết những kiến nghị cụ thể của Nhân dân ngay tại hội nghị.",
)

AGENDA = (
    "a) Lãnh đạo Văn phòng tuyên bố lý do, giới thiệu người chủ trì, thành phần tham dự, nội dung, chương "
    "trình, nội quy hội nghị; cử thư ký ghi biên bản, tổng hợp ý kiến và đăng ký phát biểu của Nhân dân.",
    "b) Người chủ trì thông tin đến Nhân dân về kết quả lãnh đạo, chỉ đạo, điều hành và những nội dung "
    "trọng tâm của hội nghị.",
    "c) Công dân phát biểu ý kiến theo thứ tự, nội dung đã đăng ký; sau đó những người khác phát biểu theo "
    "sự điều hành của người chủ trì.",
    "d) Lãnh đạo các cơ quan, đơn vị báo cáo, trả lời những ý kiến, kiến nghị thuộc chức năng, nhiệm vụ được "
    "người chủ trì phân công.",
    "đ) Người chủ trì giải thích, tiếp thu ý kiến và kết luận; những nội dung chưa giải quyết được tại hội "
    "nghị, người chủ trì giao cơ quan, đơn vị có trách nhiệm giải quyết, trả lời bằng văn bản; thư ký đọc "
    "biên bản, hội nghị thông qua biên bản.",
)

# "III. TỔ CHỨC THỰC HIỆN" when the session has no tasks of its own: by kind of agency.
DEFAULT_TASKS = (
    ("Văn phòng {committee_short}",
     "Tham mưu xây dựng kế hoạch, chương trình hội nghị; tổng hợp ý kiến, kiến nghị và đăng ký phát biểu; "
     "chuẩn bị cơ sở vật chất và các điều kiện cần thiết; cử thư ký ghi biên bản; theo dõi, đôn đốc việc giải "
     "quyết kiến nghị sau hội nghị."),
    ("Các cơ quan, đơn vị có liên quan",
     "Cử lãnh đạo tham dự hội nghị; chuẩn bị nội dung trả lời các kiến nghị thuộc chức năng, nhiệm vụ; giải "
     "quyết và trả lời bằng văn bản các kiến nghị được giao theo ý kiến kết luận của người chủ trì, báo cáo kết "
     "quả về {issuer_name_plain}."),
    ("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam {unit_kind} và các tổ chức chính trị - xã hội",
     "Nắm bắt tâm tư, nguyện vọng, ý kiến, kiến nghị của đoàn viên, hội viên và Nhân dân; tuyên truyền, vận "
     "động Nhân dân tham dự hội nghị; cử lãnh đạo tham gia hội nghị và giám sát việc giải quyết kiến nghị."),
    ("Công an {unit_kind}",
     "Bố trí lực lượng, phương tiện bảo đảm an ninh, trật tự, an toàn cho hội nghị."),
    ("Trưởng các thôn, tổ dân phố",
     "Thông báo rộng rãi kế hoạch đến Nhân dân; phát, thu phiếu đăng ký nội dung phát biểu và gửi về Văn phòng "
     "đúng thời hạn."),
)

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")

DOTS = "…" * 28  # a blank line the clerk fills in Word

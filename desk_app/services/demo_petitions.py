"""Sample petitions for ``desk-app demo``: what citizens raise at a commune's direct dialogue sessions.

The texts are what a commune clerk would record in the minutes and the follow-up register of a
"tiếp xúc, đối thoại trực tiếp" session held by the commune's heads (Bí thư Đảng ủy, Chủ tịch HĐND,
Chủ tịch UBND xã) under the two-level local government in force since 1/7/2025: the commune reports
directly to the province, there is no district level.

Each petition template carries the citizen's words (``content``), the answer given at the meeting
(``answer``), the chair's conclusion (``conclusion``), the agency that leads the follow-up (``lead``),
the meeting's outcome code (``outcome``, see :class:`desk_app.domain.states.Outcome`), the written
result later sent to the citizen (``resolution``) and whether the case is complex (``complex``: the
longer answer deadline applies). Texts may hold the placeholders ``{hamlet}`` and ``{hamlet2}``
(full hamlet names such as "Thôn Bản Lải"); nothing else is formatted. No literal dates appear: the
demo generator places everything in the year it builds. Pure data, standard library only.
"""

from __future__ import annotations

__all__ = [
    "LEAD_AGENCIES",
    "FIELDS",
    "OUTCOMES",
    "PETITION_TEMPLATES",
    "EXTENSION_REASONS",
    "EXTENSION_REASONS_BY_FIELD",
    "REFUSAL_NOTES",
    "WALK_IN_OPINIONS",
]

# Commune agencies first, then the superior bodies the commune proposes to.
LEAD_AGENCIES: tuple[str, ...] = (
    "Văn phòng HĐND và UBND",
    "Phòng Kinh tế",
    "Phòng Văn hóa - Xã hội",
    "Trung tâm Phục vụ hành chính công",
    "Công an xã",
    "Ban Chỉ huy quân sự xã",
    "Trạm Y tế xã",
    "Ủy ban MTTQ xã",
    "Hội Nông dân xã",
    "Hội Liên hiệp Phụ nữ xã",
    "UBND tỉnh",
    "Sở Nông nghiệp và Môi trường",
    "Sở Xây dựng",
    "Công ty Điện lực tỉnh",
)

# The default fields (lĩnh vực), in the order of the catalogue.
FIELDS: tuple[str, ...] = (
    "Đất đai",
    "Môi trường",
    "Giao thông, hạ tầng",
    "Thủy lợi",
    "Điện, nước sinh hoạt",
    "An ninh, trật tự",
    "Chính sách, an sinh xã hội",
    "Y tế",
    "Giáo dục",
    "Văn hóa, xã hội",
    "Nông nghiệp",
    "Cải cách hành chính",
    "Cán bộ, đảng viên",
    "Khác",
)

# What the meeting made of an opinion (values of desk_app.domain.states.Outcome).
OUTCOMES: tuple[str, ...] = (
    "tra_loi_tai_hoi_nghi",  # answered, clear at the meeting
    "giao_giai_quyet",  # taken in, assigned for resolution
    "de_nghi_cap_tren",  # beyond the commune: proposed to the province or a provincial body
    "khong_thuoc_tham_quyen",  # not in the competence of the commune (e.g. a civil dispute for the court)
)

_ANSWERED, _ASSIGNED, _UPWARD, _NOT_COMPETENT = OUTCOMES


def _petition(content: str, answer: str, conclusion: str, lead: str, outcome: str, resolution: str,
              complex: bool = False) -> dict:
    """One petition template; keeps every template to the same seven keys."""
    return {"content": content, "answer": answer, "conclusion": conclusion, "lead": lead,
            "outcome": outcome, "resolution": resolution, "complex": complex}


# -- Đất đai ---------------------------------------------------------------------------------------------

_LAND = (
    _petition(
        "Gia đình tôi nộp hồ sơ đề nghị cấp giấy chứng nhận quyền sử dụng đất lần đầu cho thửa đất ở tại "
        "{hamlet} đã hơn một năm nhưng chưa được cấp, cũng không được thông báo vướng mắc ở khâu nào. "
        "Đề nghị xã kiểm tra, trả lời cụ thể cho gia đình.",
        "Hồ sơ đang vướng do diện tích đo đạc thực tế chênh lệch so với bản đồ địa chính, cần xác minh "
        "ranh giới với hộ liền kề. Phòng Kinh tế sẽ phối hợp với Chi nhánh Văn phòng đăng ký đất đai kiểm "
        "tra và hướng dẫn gia đình bổ sung hồ sơ.",
        "Giao Phòng Kinh tế chủ trì, phối hợp với Chi nhánh Văn phòng đăng ký đất đai rà soát hồ sơ, xác "
        "minh ranh giới thửa đất, hoàn thiện thủ tục trình Chủ tịch UBND xã xem xét cấp giấy chứng nhận "
        "theo quy định; trả lời công dân bằng văn bản.",
        "Phòng Kinh tế", _ASSIGNED,
        "Qua xác minh, thửa đất không có tranh chấp, ranh giới được các hộ liền kề ký xác nhận; UBND xã đã "
        "cấp giấy chứng nhận quyền sử dụng đất và thông báo để gia đình đến nhận tại Trung tâm Phục vụ "
        "hành chính công.",
        complex=True,
    ),
    _petition(
        "Hộ liền kề ở {hamlet} xây tường rào lấn sang phần đất của gia đình tôi khoảng nửa mét, hai bên "
        "đã nhiều lần trao đổi nhưng không thống nhất. Đề nghị xã xuống kiểm tra, đo đạc và giải quyết "
        "dứt điểm.",
        "Theo Luật Đất đai, tranh chấp đất đai phải được hòa giải tại UBND xã trước khi đề nghị cơ quan có "
        "thẩm quyền giải quyết. Xã sẽ đo đạc hiện trạng, đối chiếu hồ sơ địa chính và mời hai hộ đến hòa "
        "giải.",
        "Giao Phòng Kinh tế chủ trì, phối hợp với Công an xã và Trưởng {hamlet} kiểm tra hiện trạng, trích "
        "đo thửa đất, tổ chức hòa giải tranh chấp giữa hai hộ theo quy định; đề nghị các bên giữ nguyên "
        "hiện trạng trong thời gian giải quyết.",
        "Phòng Kinh tế", _ASSIGNED,
        "UBND xã đã tổ chức hòa giải thành; hộ liền kề đồng ý tháo dỡ đoạn tường rào xây lấn, hai bên ký "
        "biên bản xác định lại mốc ranh giới thửa đất.",
        complex=True,
    ),
    _petition(
        "Dự án mở rộng đường tỉnh qua {hamlet} thu hồi đất trồng cây lâu năm của gia đình nhưng đơn giá "
        "bồi thường thấp hơn nhiều so với giá chuyển nhượng thực tế; phần đất còn lại quá hẹp, không sử "
        "dụng được. Đề nghị xem xét lại đơn giá và thu hồi luôn phần đất còn lại.",
        "Đơn giá bồi thường áp dụng theo bảng giá đất và quyết định giá đất cụ thể do UBND tỉnh ban hành, "
        "xã không có thẩm quyền điều chỉnh. Đối với phần diện tích còn lại không đủ điều kiện để sử dụng, "
        "gia đình có quyền đề nghị Nhà nước thu hồi theo quy định.",
        "UBND xã tổng hợp kiến nghị về đơn giá bồi thường, có văn bản đề nghị UBND tỉnh xem xét; giao Phòng "
        "Kinh tế phối hợp với chủ đầu tư kiểm tra phần diện tích còn lại của hộ, lập hồ sơ thu hồi bổ sung "
        "nếu đủ điều kiện.",
        "UBND tỉnh", _UPWARD,
        "UBND tỉnh đã có văn bản trả lời: đơn giá bồi thường được xác định đúng quy định, giữ nguyên theo "
        "phương án đã phê duyệt; phần diện tích còn lại của hộ đủ điều kiện thu hồi và đã được bồi thường "
        "bổ sung.",
        complex=True,
    ),
    _petition(
        "Đề nghị xã hướng dẫn thủ tục tách thửa để chia đất cho con ở {hamlet}; gia đình đã nộp hồ sơ "
        "nhưng bị trả lại với lý do chưa đủ diện tích tối thiểu.",
        "Diện tích tối thiểu được tách thửa thực hiện theo quyết định của UBND tỉnh; thửa đất sau khi tách "
        "không đủ diện tích tối thiểu nên chưa đủ điều kiện. Gia đình có thể tách thửa đồng thời hợp thửa "
        "với thửa liền kề hoặc đăng ký đồng sử dụng theo quy định.",
        "Nội dung đã được trả lời rõ tại hội nghị. Giao Trung tâm Phục vụ hành chính công hướng dẫn công "
        "dân hoàn thiện hồ sơ theo phương án gia đình lựa chọn.",
        "Phòng Kinh tế", _ANSWERED,
        "Công dân thống nhất với nội dung trả lời tại hội nghị, đã được hướng dẫn nộp hồ sơ đăng ký biến "
        "động đất đai tại Trung tâm Phục vụ hành chính công.",
    ),
    _petition(
        "Một số hộ ở {hamlet} lấn chiếm đất công, đất hành lang kênh mương để làm chuồng trại, dựng quán "
        "bán hàng. Đề nghị xã kiểm tra, xử lý, lập lại trật tự quản lý đất đai.",
        "UBND xã tiếp thu ý kiến; sẽ rà soát toàn bộ diện tích đất công do xã quản lý và kiên quyết xử lý "
        "các trường hợp lấn chiếm.",
        "Giao Phòng Kinh tế chủ trì, phối hợp với Công an xã và Trưởng {hamlet} rà soát, lập biên bản các "
        "trường hợp lấn chiếm đất công; vận động các hộ tự tháo dỡ, trường hợp không chấp hành thì tham "
        "mưu xử lý vi phạm hành chính theo quy định.",
        "Phòng Kinh tế", _ASSIGNED,
        "Đã kiểm tra, lập biên bản 4 trường hợp lấn chiếm; 3 hộ đã tự tháo dỡ công trình, 1 hộ bị xử phạt "
        "vi phạm hành chính và buộc khôi phục lại tình trạng ban đầu của đất.",
    ),
    _petition(
        "Gia đình tôi có tranh chấp thừa kế quyền sử dụng đất do bố mẹ để lại với anh em trong nhà ở "
        "{hamlet}, thôn đã hòa giải nhưng không thành. Đề nghị xã đứng ra phân chia giúp.",
        "Tranh chấp về thừa kế quyền sử dụng đất thuộc thẩm quyền giải quyết của Tòa án nhân dân; UBND xã "
        "chỉ tổ chức hòa giải, không có thẩm quyền phân chia di sản.",
        "Nội dung không thuộc thẩm quyền giải quyết của UBND xã. Giao Văn phòng HĐND và UBND hướng dẫn công "
        "dân gửi đơn khởi kiện đến Tòa án nhân dân khu vực có thẩm quyền.",
        "Văn phòng HĐND và UBND", _NOT_COMPETENT,
        "UBND xã đã có văn bản hướng dẫn công dân thực hiện quyền khởi kiện tại Tòa án nhân dân khu vực "
        "và cung cấp bản sao hồ sơ địa chính của thửa đất theo đề nghị.",
    ),
)

# -- Môi trường ------------------------------------------------------------------------------------------

_ENVIRONMENT = (
    _petition(
        "Trang trại chăn nuôi lợn ở {hamlet} xả nước thải chưa qua xử lý ra mương chung, mùi hôi thối nồng "
        "nặc, nhất là những ngày nắng nóng. Nhân dân đã phản ánh nhiều lần nhưng chưa được xử lý dứt điểm.",
        "Phòng Kinh tế đã kiểm tra, yêu cầu chủ trang trại cải tạo hầm biogas và hệ thống xử lý chất thải "
        "nhưng chưa khắc phục triệt để. Xã sẽ kiểm tra lại, lấy mẫu nước thải và xử lý nghiêm nếu vi phạm.",
        "Giao Phòng Kinh tế chủ trì, phối hợp với Công an xã kiểm tra đột xuất trang trại, lấy mẫu nước "
        "thải để phân tích; xử lý vi phạm hành chính nếu có, yêu cầu chủ trang trại có phương án khắc phục "
        "trong thời hạn cụ thể, báo cáo kết quả về UBND xã.",
        "Phòng Kinh tế", _ASSIGNED,
        "Kết quả phân tích cho thấy nước thải vượt quy chuẩn cho phép; UBND xã đã xử phạt vi phạm hành "
        "chính, chủ trang trại đã nạo vét mương, xây thêm bể lắng và sử dụng đệm lót sinh học, tình trạng "
        "ô nhiễm đã giảm rõ rệt.",
        complex=True,
    ),
    _petition(
        "Đề nghị xã tăng số lần thu gom rác thải sinh hoạt ở {hamlet} và {hamlet2}; hiện mỗi tuần chỉ thu "
        "gom một lần, nhiều hộ đổ rác ra ven đường, bờ sông gây mất vệ sinh.",
        "Sau sắp xếp đơn vị hành chính, địa bàn thu gom rộng hơn trong khi đơn vị dịch vụ chưa bổ sung "
        "phương tiện. UBND xã sẽ làm việc với đơn vị thu gom để tăng tần suất tại các thôn đông dân cư.",
        "Giao Phòng Kinh tế làm việc với đơn vị thu gom điều chỉnh lịch thu gom, bố trí điểm tập kết rác "
        "đúng quy định; đề nghị Ủy ban MTTQ xã phối hợp với các thôn vận động Nhân dân phân loại rác tại "
        "nguồn, không đổ rác bừa bãi.",
        "Phòng Kinh tế", _ASSIGNED,
        "Đơn vị thu gom đã tăng lên 3 lần mỗi tuần tại {hamlet} và {hamlet2}; xã đã bố trí thêm 2 điểm tập "
        "kết rác có mái che, các điểm đổ rác tự phát ven sông đã được dọn sạch.",
    ),
    _petition(
        "Tàu hút cát trái phép hoạt động trên đoạn sông qua {hamlet}, chủ yếu vào ban đêm, gây sạt lở bờ "
        "sông, nhiều hộ bị mất đất bãi trồng màu. Đề nghị các cơ quan chức năng ngăn chặn, xử lý nghiêm.",
        "Đoạn sông này không nằm trong khu vực được cấp phép khai thác cát. Công an xã đã phối hợp tuần tra "
        "nhưng các đối tượng thường hoạt động ban đêm, khi có lực lượng thì bỏ chạy, khó bắt quả tang.",
        "Giao Công an xã chủ trì, phối hợp với Phòng Kinh tế và Ban Chỉ huy quân sự xã tổ chức tuần tra, "
        "kiểm soát, xử lý nghiêm hoạt động khai thác cát trái phép; UBND xã báo cáo UBND tỉnh chỉ đạo các "
        "lực lượng chức năng phối hợp và đánh giá mức độ sạt lở bờ sông.",
        "Công an xã", _ASSIGNED,
        "Công an xã phối hợp với Công an tỉnh bắt giữ 2 tàu hút cát trái phép, lập hồ sơ xử lý theo quy "
        "định; xã đã cắm biển cảnh báo khu vực sạt lở và có văn bản đề nghị tỉnh xem xét đầu tư kè bờ sông.",
        complex=True,
    ),
    _petition(
        "Nhà máy chế biến nông sản giáp {hamlet} xả khói bụi, nước thải chảy ra ruộng làm lúa của nhiều hộ "
        "bị vàng, chết. Đề nghị kiểm tra, buộc doanh nghiệp bồi thường thiệt hại cho người dân.",
        "Nhà máy do tỉnh cấp giấy phép môi trường, việc kiểm tra thuộc thẩm quyền của Sở Nông nghiệp và Môi "
        "trường. Xã sẽ đề nghị Sở kiểm tra; việc bồi thường do doanh nghiệp và các hộ thỏa thuận, xã sẽ "
        "tổ chức làm việc và chứng kiến.",
        "UBND xã có văn bản đề nghị Sở Nông nghiệp và Môi trường kiểm tra việc chấp hành pháp luật về bảo "
        "vệ môi trường của nhà máy; giao Phòng Kinh tế thống kê diện tích lúa bị thiệt hại, tổ chức làm "
        "việc giữa doanh nghiệp và các hộ dân.",
        "Sở Nông nghiệp và Môi trường", _UPWARD,
        "Sở Nông nghiệp và Môi trường đã kiểm tra, xử phạt và yêu cầu nhà máy dừng xả thải, khắc phục hệ "
        "thống xử lý nước thải; doanh nghiệp đã thỏa thuận bồi thường thiệt hại cho 12 hộ có lúa bị ảnh "
        "hưởng.",
        complex=True,
    ),
    _petition(
        "Đề nghị xã lắp bể chứa vỏ bao bì thuốc bảo vệ thực vật tại cánh đồng {hamlet}; hiện người dân vứt "
        "vỏ chai, vỏ gói thuốc xuống kênh mương, ảnh hưởng nguồn nước.",
        "Xã đã có kế hoạch lắp đặt bể chứa bao bì thuốc bảo vệ thực vật tại các cánh đồng, trong quý tới sẽ "
        "lắp tại {hamlet}. Đề nghị bà con bỏ bao bì đúng nơi quy định.",
        "Nội dung đã được trả lời tại hội nghị. Giao Phòng Kinh tế phối hợp với Hội Nông dân xã lắp đặt bể "
        "chứa, tuyên truyền Nhân dân thu gom bao bì thuốc bảo vệ thực vật đúng nơi quy định.",
        "Phòng Kinh tế", _ANSWERED,
        "Đã lắp đặt 5 bể chứa bao bì thuốc bảo vệ thực vật tại cánh đồng {hamlet}; Hội Nông dân xã đã tổ "
        "chức ra quân thu gom vỏ bao bì trên kênh mương.",
    ),
    _petition(
        "Bãi tập kết cát, sỏi ven sông ở {hamlet} không có biển hiệu, xe tải ra vào suốt ngày đêm gây bụi, "
        "ồn và làm hư hỏng đường dân sinh. Đề nghị xã kiểm tra giấy phép, yêu cầu chủ bãi che chắn, tưới "
        "nước.",
        "UBND xã tiếp thu; sẽ kiểm tra hồ sơ pháp lý của bãi tập kết, yêu cầu chủ bãi thực hiện các biện "
        "pháp giảm bụi, nếu không có giấy phép sẽ xử lý theo quy định.",
        "Giao Phòng Kinh tế chủ trì, phối hợp với Công an xã kiểm tra hồ sơ pháp lý, việc chấp hành quy định "
        "về bảo vệ môi trường, an toàn giao thông của bãi tập kết; yêu cầu chủ bãi sửa chữa đoạn đường bị "
        "hư hỏng.",
        "Phòng Kinh tế", _ASSIGNED,
        "Bãi tập kết chưa có giấy phép; UBND xã đã xử phạt vi phạm hành chính, yêu cầu chủ bãi di dời vật "
        "liệu và sửa chữa đoạn đường dân sinh bị hư hỏng, đến nay đã chấp hành xong.",
    ),
)

# -- Giao thông, hạ tầng ---------------------------------------------------------------------------------

_TRANSPORT = (
    _petition(
        "Đề nghị xã sớm nâng cấp, bê tông hóa tuyến đường liên thôn từ {hamlet} đi {hamlet2}; đường xuống "
        "cấp, nhiều ổ gà, mùa mưa lầy lội, học sinh đi lại khó khăn.",
        "Tuyến đường đã được đưa vào danh mục dự kiến đầu tư công trung hạn của xã. Trước mắt, xã sẽ bố "
        "trí kinh phí sửa chữa, san lấp các ổ gà để bảo đảm đi lại trong mùa mưa.",
        "Giao Phòng Kinh tế chủ trì, phối hợp với Trưởng {hamlet} và Trưởng {hamlet2} kiểm tra hiện trạng, "
        "đề xuất phương án sửa chữa trước mắt và lập hồ sơ chuẩn bị đầu tư, báo cáo UBND xã.",
        "Phòng Kinh tế", _ASSIGNED,
        "Xã đã sửa chữa, rải đá san lấp các đoạn hư hỏng nặng; dự án bê tông hóa tuyến đường đã được HĐND "
        "xã thông qua chủ trương đầu tư và dự kiến khởi công trong năm tới.",
    ),
    _petition(
        "Cầu tràn qua suối ở {hamlet} bị xói lở hai đầu, mùa lũ nước dâng cao, người dân và học sinh không "
        "qua lại được, đã có người bị nước cuốn. Đề nghị đầu tư xây dựng cầu mới.",
        "Xây dựng cầu mới cần nguồn vốn lớn, vượt khả năng ngân sách xã. UBND xã sẽ đề nghị tỉnh hỗ trợ đầu "
        "tư; trước mắt bố trí cọc tiêu, biển cảnh báo và phân công người trực tại cầu tràn khi có lũ.",
        "UBND xã có văn bản đề nghị Sở Xây dựng tham mưu UBND tỉnh bố trí vốn đầu tư cầu; giao Ban Chỉ huy "
        "quân sự xã phối hợp với Công an xã và {hamlet} bố trí lực lượng trực, không để người dân qua "
        "cầu tràn khi nước lũ dâng cao.",
        "Sở Xây dựng", _UPWARD,
        "Sở Xây dựng đã khảo sát hiện trạng; UBND tỉnh đồng ý đưa cầu vào danh mục đầu tư giai đoạn tới. "
        "Xã đã lắp đặt cọc tiêu, biển cảnh báo và duy trì lực lượng trực trong mùa mưa lũ.",
        complex=True,
    ),
    _petition(
        "Cống qua đường ở {hamlet} nhỏ, bị đất đá bồi lấp, mỗi khi mưa lớn nước tràn qua mặt đường vào nhà "
        "dân. Đề nghị xã thay cống có khẩu độ lớn hơn.",
        "UBND xã tiếp thu; sẽ kiểm tra, nạo vét ngay đoạn cống bị bồi lấp và nghiên cứu phương án thay cống "
        "hộp có khẩu độ phù hợp.",
        "Giao Phòng Kinh tế kiểm tra, tổ chức nạo vét cống; lập dự toán thay cống, trình UBND xã bố trí "
        "kinh phí từ nguồn sự nghiệp giao thông.",
        "Phòng Kinh tế", _ASSIGNED,
        "Đã nạo vét, khơi thông dòng chảy và thay mới cống hộp; từ khi thay cống, mưa lớn không còn tình "
        "trạng nước tràn vào nhà dân.",
    ),
    _petition(
        "Đoạn đường tỉnh qua trung tâm {hamlet} thiếu biển báo, gờ giảm tốc, xe tải chạy tốc độ cao, đã "
        "xảy ra nhiều vụ tai nạn. Đề nghị cấp có thẩm quyền lắp đặt biển báo, gờ giảm tốc và đèn cảnh báo.",
        "Tuyến đường tỉnh do Sở Xây dựng quản lý. UBND xã sẽ có văn bản đề nghị Sở kiểm tra, bổ sung hệ "
        "thống an toàn giao thông; Công an xã tăng cường tuần tra, nhắc nhở vào giờ học sinh tan trường.",
        "UBND xã có văn bản đề nghị Sở Xây dựng khảo sát, bổ sung biển báo, vạch sơn, gờ giảm tốc tại đoạn "
        "đường qua khu dân cư; giao Công an xã tăng cường tuần tra, kiểm soát.",
        "Sở Xây dựng", _UPWARD,
        "Sở Xây dựng đã lắp đặt biển báo khu đông dân cư, sơn gờ giảm tốc và đèn tín hiệu vàng nhấp nháy "
        "tại nút giao vào {hamlet}.",
    ),
    _petition(
        "Đề nghị xã hỗ trợ lắp đặt đèn chiếu sáng trên tuyến đường trục {hamlet}; buổi tối đường tối, "
        "người già, học sinh đi lại không an toàn.",
        "Xã đang triển khai mô hình đường điện chiếu sáng nông thôn, xã hỗ trợ bóng đèn, dây dẫn, thôn vận "
        "động Nhân dân góp công lắp đặt. {hamlet} được bố trí thực hiện trong đợt tới.",
        "Nội dung đã được trả lời tại hội nghị. Giao Phòng Kinh tế phối hợp với Trưởng {hamlet} lập danh "
        "sách vật tư, hướng dẫn kỹ thuật lắp đặt bảo đảm an toàn điện.",
        "Phòng Kinh tế", _ANSWERED,
        "Đã lắp đặt 45 bóng đèn chiếu sáng trên tuyến đường trục {hamlet}, Nhân dân trong thôn đồng thuận "
        "góp công và đóng góp tiền điện hằng tháng.",
    ),
    _petition(
        "Thôn vận động mỗi hộ đóng góp tiền làm đường bê tông ngõ xóm; đề nghị xã cho biết hộ nghèo, người "
        "cao tuổi sống một mình có được miễn, giảm không.",
        "Việc đóng góp xây dựng công trình công cộng ở thôn do Nhân dân bàn và quyết định theo Luật Thực "
        "hiện dân chủ ở cơ sở, trên tinh thần tự nguyện; hộ nghèo, hộ có hoàn cảnh khó khăn được hội nghị "
        "thôn xem xét miễn, giảm.",
        "Nội dung đã được trả lời rõ tại hội nghị. Đề nghị Ủy ban MTTQ xã chỉ đạo Ban công tác Mặt trận "
        "{hamlet} giám sát việc huy động, sử dụng các khoản đóng góp, công khai với Nhân dân.",
        "Ủy ban MTTQ xã", _ANSWERED,
        "Hội nghị {hamlet} đã thống nhất miễn đóng góp cho 9 hộ nghèo và người cao tuổi sống một mình; danh "
        "sách và các khoản thu, chi được niêm yết công khai tại nhà văn hóa thôn.",
    ),
)

# -- Thủy lợi --------------------------------------------------------------------------------------------

_IRRIGATION = (
    _petition(
        "Kênh tưới nội đồng từ trạm bơm {hamlet} bị sạt lở, rò rỉ nhiều đoạn, nước không về đến cuối kênh, "
        "nhiều diện tích lúa ở {hamlet2} thiếu nước. Đề nghị xã sửa chữa, kiên cố hóa kênh.",
        "Tuyến kênh đã xuống cấp sau nhiều năm sử dụng. Trước mắt, xã sẽ chỉ đạo hợp tác xã nạo vét, đắp "
        "lại các đoạn sạt lở để kịp phục vụ vụ này; việc kiên cố hóa sẽ được đưa vào kế hoạch năm sau.",
        "Giao Phòng Kinh tế chủ trì, phối hợp với hợp tác xã nông nghiệp kiểm tra, sửa chữa các đoạn kênh "
        "sạt lở, bảo đảm nước tưới cho vụ sản xuất; lập hồ sơ đề xuất kiên cố hóa kênh, báo cáo UBND xã.",
        "Phòng Kinh tế", _ASSIGNED,
        "Hợp tác xã đã nạo vét, đắp lại 6 đoạn kênh sạt lở, nước đã về đến cuối kênh; xã đã bố trí kinh "
        "phí kiên cố hóa 450 m kênh trong kế hoạch năm sau.",
    ),
    _petition(
        "Trạm bơm điện ở {hamlet} hỏng một máy bơm từ cuối vụ trước đến nay chưa sửa; sắp vào vụ mới, đề "
        "nghị sửa chữa kịp thời để bảo đảm nước tưới.",
        "Máy bơm hỏng cuộn dây, hợp tác xã đã lập dự toán sửa chữa. UBND xã đồng ý hỗ trợ kinh phí từ nguồn "
        "hỗ trợ sử dụng dịch vụ công ích thủy lợi để sửa chữa trước khi vào vụ.",
        "Giao Phòng Kinh tế đôn đốc hợp tác xã sửa chữa máy bơm, hoàn thành trước lịch lấy nước đầu vụ; "
        "báo cáo kết quả về UBND xã.",
        "Phòng Kinh tế", _ASSIGNED,
        "Máy bơm đã được quấn lại cuộn dây, vận hành bình thường trước lịch lấy nước đầu vụ.",
    ),
    _petition(
        "Đề nghị xã cho biết người dân có còn phải nộp tiền thủy lợi không, vì hợp tác xã vẫn thu tiền nước "
        "theo sào mỗi vụ.",
        "Nhà nước hỗ trợ tiền sử dụng sản phẩm, dịch vụ công ích thủy lợi cho diện tích đất trồng lúa theo "
        "quy định. Khoản hợp tác xã đang thu là giá dịch vụ thủy lợi nội đồng, do hợp tác xã thỏa thuận với "
        "người sử dụng nước và không vượt mức giá tối đa do UBND tỉnh quy định.",
        "Nội dung đã được trả lời rõ tại hội nghị. Giao Phòng Kinh tế hướng dẫn hợp tác xã công khai mức thu "
        "và việc sử dụng tiền dịch vụ thủy lợi nội đồng.",
        "Phòng Kinh tế", _ANSWERED,
        "Công dân thống nhất với nội dung trả lời; hợp tác xã đã niêm yết công khai mức thu và quyết toán "
        "tiền dịch vụ thủy lợi nội đồng tại trụ sở và các nhà văn hóa thôn.",
    ),
    _petition(
        "Mỗi khi mưa lớn, khu dân cư và đồng ruộng {hamlet} bị ngập sâu nhiều ngày do mương tiêu bị bồi "
        "lấp, bèo rác chắn dòng, cống tiêu ra sông quá nhỏ. Đề nghị nạo vét mương tiêu, mở rộng cống.",
        "UBND xã tiếp thu; sẽ huy động Nhân dân ra quân nạo vét, vớt bèo trên mương tiêu và khảo sát phương "
        "án mở rộng cống tiêu.",
        "Giao Phòng Kinh tế chủ trì, phối hợp với Trưởng {hamlet} tổ chức nạo vét mương tiêu trước mùa mưa; "
        "khảo sát, lập phương án mở rộng cống tiêu, báo cáo UBND xã.",
        "Phòng Kinh tế", _ASSIGNED,
        "Đã nạo vét 1,2 km mương tiêu, vớt bèo, khơi thông dòng chảy; việc mở rộng cống tiêu đã được đưa vào "
        "kế hoạch sửa chữa công trình thủy lợi của xã.",
    ),
    _petition(
        "Đập tràn hồ chứa nước phía trên {hamlet} bị xói lở, thân đập có hiện tượng thấm nước; người dân "
        "vùng hạ du lo lắng mất an toàn khi mưa lũ. Đề nghị kiểm tra, sửa chữa.",
        "Hồ chứa do đơn vị khai thác công trình thủy lợi của tỉnh quản lý. UBND xã đã báo cáo và sẽ tiếp tục "
        "đề nghị tỉnh kiểm tra an toàn đập; trước mùa mưa lũ xã xây dựng phương án sơ tán dân vùng hạ du.",
        "UBND xã có văn bản đề nghị Sở Nông nghiệp và Môi trường kiểm tra an toàn đập, có phương án sửa chữa "
        "trước mùa mưa lũ; giao Ban Chỉ huy quân sự xã rà soát phương án phòng chống thiên tai, sơ tán dân "
        "vùng hạ du.",
        "Sở Nông nghiệp và Môi trường", _UPWARD,
        "Sở Nông nghiệp và Môi trường đã kiểm tra, chỉ đạo đơn vị quản lý xử lý thấm thân đập và gia cố đập "
        "tràn; hồ được vận hành ở mực nước an toàn trong thời gian sửa chữa.",
        complex=True,
    ),
    _petition(
        "Một số hộ ở {hamlet} tự ý đắp bờ ngăn mương thủy lợi để nuôi cá, làm nước không chảy về ruộng của "
        "các hộ phía dưới, hai bên đã xảy ra cãi vã.",
        "Việc tự ý đắp bờ ngăn mương thủy lợi là hành vi vi phạm. Xã sẽ kiểm tra, yêu cầu các hộ tháo dỡ để "
        "trả lại dòng chảy.",
        "Giao Phòng Kinh tế chủ trì, phối hợp với Công an xã và Trưởng {hamlet} kiểm tra, yêu cầu các hộ tự "
        "tháo dỡ bờ ngăn; trường hợp không chấp hành thì lập biên bản xử lý theo quy định.",
        "Phòng Kinh tế", _ASSIGNED,
        "Các hộ đã tự tháo dỡ bờ ngăn, dòng chảy được khơi thông; hai bên đã hòa giải, không còn mâu thuẫn.",
    ),
)

# -- Điện, nước sinh hoạt --------------------------------------------------------------------------------

_UTILITIES = (
    _petition(
        "Điện ở {hamlet} thường xuyên yếu vào giờ cao điểm buổi tối, quạt quay chậm, tủ lạnh, máy bơm không "
        "chạy được. Đề nghị ngành điện nâng công suất trạm biến áp, cải tạo đường dây.",
        "Trạm biến áp cấp điện cho {hamlet} đang quá tải do số hộ sử dụng điện tăng nhanh. UBND xã sẽ có "
        "văn bản đề nghị Công ty Điện lực tỉnh sớm cải tạo, nâng công suất trạm.",
        "UBND xã có văn bản đề nghị Công ty Điện lực tỉnh kiểm tra, nâng công suất trạm biến áp và cải tạo "
        "lưới điện hạ thế khu vực {hamlet}; giao Phòng Kinh tế theo dõi, đôn đốc.",
        "Công ty Điện lực tỉnh", _UPWARD,
        "Công ty Điện lực tỉnh đã nâng công suất trạm biến áp từ 180 kVA lên 250 kVA và thay mới 800 m "
        "đường dây hạ thế; điện áp tại {hamlet} đã ổn định.",
    ),
    _petition(
        "{hamlet} chưa có nước sạch, nước giếng khoan nhiễm phèn, có mùi tanh, người dân phải mua nước bình "
        "để uống. Đề nghị kéo đường ống nước sạch từ nhà máy nước về thôn.",
        "Xã đã làm việc với đơn vị cấp nước; việc mở rộng mạng lưới cần khảo sát số hộ đăng ký sử dụng để "
        "bảo đảm hiệu quả đầu tư. Xã sẽ phối hợp vận động các hộ đăng ký.",
        "Giao Phòng Kinh tế chủ trì làm việc với đơn vị cấp nước khảo sát, lập phương án mở rộng mạng lưới "
        "cấp nước đến {hamlet}; đề nghị Ủy ban MTTQ xã phối hợp với thôn vận động các hộ đăng ký đấu nối.",
        "Phòng Kinh tế", _ASSIGNED,
        "Đơn vị cấp nước đã khảo sát và đồng ý đầu tư tuyến ống đến {hamlet}; đã có 156 hộ đăng ký đấu nối, "
        "công trình đã khởi công và dự kiến cấp nước trong năm sau.",
        complex=True,
    ),
    _petition(
        "Công trình cấp nước tập trung ở {hamlet} ngừng hoạt động nhiều tháng nay do hỏng máy bơm và bể lọc, "
        "Nhân dân không có nước sinh hoạt. Đề nghị xã sửa chữa để đưa công trình vào sử dụng trở lại.",
        "Công trình giao cho tổ quản lý thôn vận hành nhưng nguồn thu tiền nước không đủ chi phí sửa chữa. "
        "Xã sẽ kiểm tra, hỗ trợ kinh phí sửa chữa và kiện toàn tổ quản lý.",
        "Giao Phòng Kinh tế chủ trì kiểm tra hiện trạng công trình, lập dự toán sửa chữa, trình UBND xã bố "
        "trí kinh phí; hướng dẫn {hamlet} kiện toàn tổ quản lý, vận hành công trình.",
        "Phòng Kinh tế", _ASSIGNED,
        "Đã thay máy bơm, thay vật liệu lọc và súc rửa bể chứa; công trình hoạt động trở lại, cấp nước cho "
        "hơn 120 hộ.",
    ),
    _petition(
        "Nhiều cột điện hạ thế ở {hamlet} bị nghiêng, dây điện võng thấp qua đường, xe chở rơm rạ đi qua rất "
        "nguy hiểm. Đề nghị ngành điện kiểm tra, khắc phục.",
        "Đại diện Điện lực khu vực trả lời: đơn vị đã ghi nhận, trong tuần sẽ cử công nhân kiểm tra, dựng "
        "lại cột và căng lại dây; đề nghị Nhân dân không tự ý xử lý đường dây.",
        "Nội dung đã được đại diện ngành điện trả lời tại hội nghị; đề nghị Công ty Điện lực tỉnh khắc phục "
        "ngay, bảo đảm an toàn lưới điện.",
        "Công ty Điện lực tỉnh", _ANSWERED,
        "Điện lực khu vực đã dựng lại 4 cột điện bị nghiêng, căng lại dây dẫn bảo đảm khoảng cách an toàn "
        "qua đường.",
    ),
    _petition(
        "Nước máy cấp cho {hamlet} có lúc bị đục, có mùi clo nặng; đề nghị kiểm tra chất lượng nước bảo đảm "
        "sức khỏe người dân.",
        "UBND xã tiếp thu; sẽ lấy mẫu nước gửi cơ quan chuyên môn xét nghiệm và yêu cầu đơn vị cấp nước "
        "kiểm tra quy trình xử lý.",
        "Giao Trạm Y tế xã lấy mẫu nước tại một số hộ gửi xét nghiệm; Phòng Kinh tế làm việc với đơn vị cấp "
        "nước kiểm tra, súc xả đường ống, báo cáo kết quả về UBND xã.",
        "Trạm Y tế xã", _ASSIGNED,
        "Kết quả xét nghiệm các chỉ tiêu đạt quy chuẩn nước sạch sinh hoạt; đơn vị cấp nước đã súc xả đường "
        "ống và điều chỉnh liều lượng clo.",
    ),
    _petition(
        "Các hộ ở khu sản xuất phía cuối {hamlet} đến nay vẫn chưa có điện lưới quốc gia, phải kéo dây tạm "
        "rất xa, không an toàn. Đề nghị đầu tư đường điện cho các hộ.",
        "Khu vực này dân cư thưa, chi phí đầu tư lớn, vượt khả năng của xã. UBND xã sẽ đề nghị tỉnh đưa vào "
        "chương trình cấp điện nông thôn.",
        "UBND xã có văn bản đề nghị UBND tỉnh đưa khu vực cuối {hamlet} vào danh mục đầu tư của chương trình "
        "cấp điện nông thôn; giao Phòng Kinh tế phối hợp với Điện lực khu vực kiểm tra, xử lý các đường dây "
        "kéo tạm không an toàn.",
        "UBND tỉnh", _UPWARD,
        "UBND tỉnh đã đưa khu vực vào danh mục đầu tư cấp điện nông thôn; Điện lực khu vực đã hỗ trợ các hộ "
        "thay dây kéo tạm bằng dây dẫn bảo đảm an toàn trong thời gian chờ đầu tư.",
        complex=True,
    ),
)

# -- An ninh, trật tự ------------------------------------------------------------------------------------

_SECURITY = (
    _petition(
        "Thời gian gần đây ở {hamlet} và {hamlet2} xảy ra nhiều vụ trộm cắp gà, vịt, máy bơm nước ngoài "
        "đồng, có nhà bị mất xe máy. Đề nghị Công an xã tăng cường tuần tra, truy bắt đối tượng.",
        "Công an xã đã tiếp nhận tin báo, đang xác minh một số đối tượng nghi vấn; sẽ tăng cường tuần tra "
        "ban đêm và phối hợp với lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở.",
        "Giao Công an xã chủ trì xây dựng kế hoạch tuần tra, kiểm soát địa bàn, điều tra làm rõ các vụ trộm "
        "cắp; đề nghị Nhân dân nâng cao cảnh giác, kịp thời cung cấp thông tin cho Công an xã.",
        "Công an xã", _ASSIGNED,
        "Công an xã đã bắt giữ 2 đối tượng trộm cắp, thu hồi 1 xe máy và 3 máy bơm trả lại cho người bị hại; "
        "duy trì tổ tuần tra ban đêm tại {hamlet} và {hamlet2}.",
    ),
    _petition(
        "Có tụ điểm đánh bạc, ghi số đề tại một quán nước ở {hamlet}, thường tụ tập đông người vào buổi tối, "
        "gây mất trật tự. Đề nghị Công an xã kiểm tra, xử lý.",
        "Công an xã tiếp thu, sẽ xác minh, kiểm tra và xử lý nghiêm theo quy định; đề nghị người phản ánh "
        "phối hợp cung cấp thông tin, thông tin người tố giác được giữ bí mật.",
        "Giao Công an xã xác minh, kiểm tra, xử lý nghiêm tụ điểm đánh bạc; đề nghị Ban công tác Mặt trận "
        "{hamlet} vận động các gia đình quản lý, giáo dục con em.",
        "Công an xã", _ASSIGNED,
        "Công an xã đã bắt quả tang một nhóm đánh bạc, lập hồ sơ xử lý theo quy định; tụ điểm đã được xóa "
        "bỏ.",
    ),
    _petition(
        "Phản ánh có nhóm thanh niên thường tụ tập tại lán trại bỏ hoang cuối {hamlet}, nghi sử dụng ma túy, "
        "người dân lo lắng cho con em.",
        "Công an xã đã nắm được thông tin, sẽ kiểm tra, xét nghiệm đối với các đối tượng nghi vấn và phối "
        "hợp với gia đình quản lý người sử dụng trái phép chất ma túy.",
        "Giao Công an xã chủ trì kiểm tra, xử lý theo quy định; phối hợp với chủ lán trại tháo dỡ lán bỏ "
        "hoang, lập hồ sơ quản lý người sử dụng trái phép chất ma túy trên địa bàn.",
        "Công an xã", _ASSIGNED,
        "Công an xã đã xét nghiệm nhanh, phát hiện 3 trường hợp dương tính với ma túy, lập hồ sơ xử lý và đưa vào "
        "diện quản lý; lán trại bỏ hoang đã được tháo dỡ.",
        complex=True,
    ),
    _petition(
        "Buổi tối nhiều thanh thiếu niên phóng xe máy tốc độ cao, lạng lách, nẹt pô trên tuyến đường qua "
        "{hamlet}, gây nguy hiểm cho người đi đường.",
        "Trưởng Công an xã trả lời: Công an xã đã lập chốt, tuần tra vào khung giờ từ 21 giờ đến 23 giờ, sẽ "
        "xử lý nghiêm, thông báo về nhà trường và gia đình các trường hợp vi phạm.",
        "Nội dung đã được trả lời tại hội nghị. Giao Công an xã duy trì tuần tra, kiểm soát; đề nghị các gia "
        "đình quản lý, nhắc nhở con em chấp hành pháp luật về giao thông.",
        "Công an xã", _ANSWERED,
        "Công an xã đã tạm giữ 5 xe mô tô vi phạm, xử phạt và thông báo về gia đình; tình trạng đua xe, nẹt "
        "pô trên tuyến đường đã giảm.",
    ),
    _petition(
        "Nhiều hộ ở {hamlet} thả rông chó ra đường, không đeo rọ mõm, không tiêm phòng dại; tháng trước đã "
        "có hai cháu nhỏ bị chó cắn. Đề nghị xã có biện pháp xử lý.",
        "UBND xã tiếp thu; sẽ rà soát, thống kê số chó nuôi, tổ chức tiêm phòng dại và xử lý các trường hợp "
        "thả rông theo quy định.",
        "Giao Phòng Kinh tế chủ trì, phối hợp với Công an xã và Trưởng {hamlet} thống kê, tổ chức tiêm phòng "
        "dại cho chó, mèo; yêu cầu các hộ ký cam kết nuôi nhốt, xử phạt các trường hợp cố tình thả rông.",
        "Phòng Kinh tế", _ASSIGNED,
        "Đã thống kê và tiêm phòng dại cho 312 con chó, mèo; 100% hộ nuôi chó ở {hamlet} ký cam kết; 3 hộ "
        "tái phạm thả rông đã bị xử phạt vi phạm hành chính.",
    ),
    _petition(
        "Gia đình tôi bị đối tượng giả danh công an gọi điện yêu cầu chuyển tiền để xác minh tài khoản, đã "
        "mất 80 triệu đồng. Đề nghị xã giúp lấy lại số tiền.",
        "Vụ việc có dấu hiệu tội phạm lừa đảo chiếm đoạt tài sản, thuộc thẩm quyền thụ lý, điều tra của Cơ "
        "quan Cảnh sát điều tra Công an tỉnh. Công an xã đã tiếp nhận tin báo và chuyển hồ sơ theo quy định.",
        "Nội dung không thuộc thẩm quyền giải quyết của UBND xã. Giao Công an xã hướng dẫn công dân làm việc "
        "với cơ quan điều tra; tăng cường tuyên truyền phòng, chống lừa đảo qua mạng trên hệ thống loa "
        "truyền thanh.",
        "Công an xã", _NOT_COMPETENT,
        "Công an xã đã chuyển tin báo đến Cơ quan Cảnh sát điều tra Công an tỉnh và thông báo bằng văn bản "
        "cho công dân biết cơ quan thụ lý.",
    ),
)

# -- Chính sách, an sinh xã hội --------------------------------------------------------------------------

_WELFARE = (
    _petition(
        "Việc bình xét hộ nghèo, hộ cận nghèo ở {hamlet} chưa công bằng: có hộ đã xây nhà kiên cố, mua ô tô "
        "vẫn được vào danh sách, trong khi một số hộ thực sự khó khăn lại không được. Đề nghị xã rà soát lại.",
        "Việc rà soát hộ nghèo, hộ cận nghèo phải theo đúng tiêu chí chuẩn nghèo đa chiều, có phiếu khảo "
        "sát và họp bình xét công khai ở thôn. Xã sẽ phúc tra lại danh sách của {hamlet}.",
        "Giao Phòng Văn hóa - Xã hội chủ trì, phối hợp với Ủy ban MTTQ xã và Trưởng {hamlet} phúc tra các "
        "hộ có ý kiến phản ánh, đối chiếu tiêu chí, điều chỉnh danh sách nếu không đúng đối tượng và niêm "
        "yết công khai kết quả.",
        "Phòng Văn hóa - Xã hội", _ASSIGNED,
        "Qua phúc tra, 2 hộ không đủ tiêu chí đã được đưa ra khỏi danh sách hộ cận nghèo, 1 hộ đủ điều kiện "
        "được bổ sung vào danh sách hộ nghèo; kết quả đã được niêm yết công khai tại nhà văn hóa thôn.",
        complex=True,
    ),
    _petition(
        "Mẹ tôi năm nay đủ 75 tuổi, không có lương hưu, không hưởng trợ cấp gì. Đề nghị xã cho biết bà có "
        "được hưởng trợ cấp không và làm thủ tục ở đâu.",
        "Theo Luật Bảo hiểm xã hội năm 2024, công dân từ đủ 75 tuổi trở lên không hưởng lương hưu, trợ cấp "
        "bảo hiểm xã hội hằng tháng thì được hưởng trợ cấp hưu trí xã hội. Gia đình nộp tờ khai tại Trung "
        "tâm Phục vụ hành chính công xã.",
        "Nội dung đã được trả lời rõ tại hội nghị. Giao Phòng Văn hóa - Xã hội hướng dẫn gia đình lập hồ sơ, "
        "giải quyết đúng thời hạn.",
        "Phòng Văn hóa - Xã hội", _ANSWERED,
        "Gia đình đã nộp hồ sơ; UBND xã đã ban hành quyết định hưởng trợ cấp hưu trí xã hội hằng tháng cho "
        "bà.",
    ),
    _petition(
        "Con tôi bị khuyết tật vận động từ nhỏ, gia đình đã nộp hồ sơ đề nghị xác định mức độ khuyết tật "
        "từ lâu nhưng đến nay chưa được hưởng trợ cấp xã hội.",
        "Hồ sơ của gia đình bị chậm do Hội đồng xác định mức độ khuyết tật của xã phải kiện toàn lại sau sắp "
        "xếp. Xã sẽ tổ chức họp Hội đồng ngay trong tháng này.",
        "Giao Phòng Văn hóa - Xã hội khẩn trương tham mưu kiện toàn, tổ chức họp Hội đồng xác định mức độ "
        "khuyết tật; cấp giấy xác nhận khuyết tật và giải quyết chế độ trợ cấp theo quy định.",
        "Phòng Văn hóa - Xã hội", _ASSIGNED,
        "Hội đồng đã xác định cháu bị khuyết tật nặng; UBND xã đã cấp giấy xác nhận khuyết tật và quyết định "
        "hưởng trợ cấp xã hội hằng tháng, kinh phí chăm sóc cho gia đình.",
    ),
    _petition(
        "Đề nghị xã xem xét hỗ trợ làm nhà cho hộ bà cụ sống một mình ở {hamlet}; nhà tạm lợp tôn đã dột "
        "nát, mùa mưa bão rất nguy hiểm.",
        "Hộ bà thuộc diện hộ nghèo, có nhà tạm, đủ điều kiện được hỗ trợ theo chương trình xóa nhà tạm, nhà "
        "dột nát. Xã sẽ đưa vào danh sách hỗ trợ và vận động thêm nguồn xã hội hóa.",
        "Đề nghị Ủy ban MTTQ xã chủ trì, phối hợp với Phòng Văn hóa - Xã hội hoàn thiện hồ sơ hỗ trợ làm "
        "nhà, vận động các tổ chức, cá nhân ủng hộ thêm kinh phí, ngày công.",
        "Ủy ban MTTQ xã", _ASSIGNED,
        "Từ nguồn hỗ trợ của chương trình và Quỹ Vì người nghèo, căn nhà mới của bà đã được xây dựng, bàn "
        "giao đưa vào sử dụng trước mùa mưa bão.",
    ),
    _petition(
        "Bố tôi tham gia kháng chiến, từng hoạt động ở vùng quân đội Mỹ sử dụng chất độc hóa học, nay mắc "
        "bệnh hiểm nghèo. Gia đình đề nghị được xem xét giải quyết chế độ.",
        "Xã sẽ hướng dẫn gia đình lập hồ sơ, xác nhận và chuyển cơ quan có thẩm quyền của tỉnh xem xét. "
        "Việc công nhận, giải quyết chế độ thuộc thẩm quyền cấp tỉnh.",
        "Giao Phòng Văn hóa - Xã hội hướng dẫn gia đình hoàn thiện hồ sơ; UBND xã có văn bản đề nghị cấp có "
        "thẩm quyền của tỉnh xem xét, giải quyết chế độ theo quy định.",
        "UBND tỉnh", _UPWARD,
        "Hồ sơ đã được chuyển lên tỉnh; cơ quan có thẩm quyền đã ban hành quyết định trợ cấp hằng tháng đối "
        "với người hoạt động kháng chiến bị nhiễm chất độc hóa học cho ông.",
        complex=True,
    ),
    _petition(
        "Người cao tuổi ở {hamlet} phần lớn không có tài khoản ngân hàng; đề nghị xã cho biết có bắt buộc "
        "nhận trợ cấp qua tài khoản không.",
        "Việc chi trả qua tài khoản được khuyến khích, không bắt buộc. Người chưa có tài khoản vẫn nhận tiền "
        "mặt tại điểm chi trả ở nhà văn hóa thôn; trường hợp ốm đau, không đi lại được thì nhân viên chi "
        "trả đến tận nhà.",
        "Nội dung đã được trả lời rõ tại hội nghị. Giao Phòng Văn hóa - Xã hội phối hợp với đơn vị chi trả "
        "thông báo lịch chi trả trên loa truyền thanh các thôn.",
        "Phòng Văn hóa - Xã hội", _ANSWERED,
        "Lịch chi trả trợ cấp hằng tháng đã được thông báo trên loa truyền thanh và niêm yết tại nhà văn hóa "
        "các thôn; người cao tuổi thống nhất với cách chi trả.",
    ),
    _petition(
        "Đề nghị tạo điều kiện cho hộ mới thoát nghèo, hộ cận nghèo ở {hamlet} được tiếp tục vay vốn ưu đãi "
        "để chăn nuôi, vì nhiều hộ muốn vay nhưng tổ vay vốn báo hết nguồn.",
        "Nguồn vốn ủy thác qua các tổ chức hội năm nay đã giải ngân hết; xã sẽ đề nghị Ngân hàng Chính sách "
        "xã hội bổ sung nguồn và ưu tiên các hộ mới thoát nghèo.",
        "Giao Hội Liên hiệp Phụ nữ xã chủ trì, phối hợp với các tổ chức hội nhận ủy thác rà soát nhu cầu vay "
        "vốn, đề nghị Ngân hàng Chính sách xã hội bổ sung nguồn vốn cho các hộ đủ điều kiện.",
        "Hội Liên hiệp Phụ nữ xã", _ASSIGNED,
        "Ngân hàng Chính sách xã hội đã bổ sung nguồn vốn; 14 hộ mới thoát nghèo, hộ cận nghèo ở {hamlet} "
        "đã được giải ngân vốn vay để phát triển chăn nuôi.",
    ),
    _petition(
        "Tôi tham gia chiến tranh bảo vệ Tổ quốc ở biên giới phía Bắc, đã nộp hồ sơ hưởng chế độ một lần "
        "nhưng chưa được giải quyết, nay đã cao tuổi. Đề nghị xã kiểm tra, đôn đốc.",
        "Hồ sơ còn thiếu giấy tờ chứng minh thời gian phục vụ trong quân đội. Ban Chỉ huy quân sự xã sẽ hướng "
        "dẫn bổ sung và phối hợp với cơ quan quân sự cấp trên để xác minh.",
        "Giao Ban Chỉ huy quân sự xã hướng dẫn công dân bổ sung hồ sơ, phối hợp với cơ quan quân sự cấp trên "
        "xác minh quá trình công tác, đề nghị giải quyết chế độ theo quy định.",
        "Ban Chỉ huy quân sự xã", _ASSIGNED,
        "Hồ sơ đã được bổ sung, xác minh; ông đã được giải quyết chế độ trợ cấp một lần theo quy định.",
        complex=True,
    ),
)

# -- Y tế ------------------------------------------------------------------------------------------------

_HEALTH = (
    _petition(
        "Thẻ bảo hiểm y tế cấp theo diện hộ cận nghèo của một số người ở {hamlet} đã hết hạn nhưng đến nay "
        "chưa được cấp thẻ mới, khi ốm đau đi khám phải tự trả toàn bộ chi phí.",
        "Do danh sách hộ cận nghèo phải rà soát, phê duyệt lại nên việc lập danh sách đề nghị cấp thẻ bị "
        "chậm. Xã sẽ khẩn trương lập danh sách bổ sung gửi cơ quan bảo hiểm xã hội.",
        "Giao Phòng Văn hóa - Xã hội rà soát, lập danh sách người thuộc hộ cận nghèo chưa được cấp thẻ bảo "
        "hiểm y tế, phối hợp với cơ quan bảo hiểm xã hội cấp thẻ kịp thời và hướng dẫn thanh toán chi phí "
        "khám, chữa bệnh theo quy định.",
        "Phòng Văn hóa - Xã hội", _ASSIGNED,
        "Cơ quan bảo hiểm xã hội đã cấp thẻ bảo hiểm y tế cho 37 người thuộc hộ cận nghèo ở {hamlet}; thẻ đã "
        "được chuyển đến từng hộ qua Trưởng thôn.",
    ),
    _petition(
        "Trạm Y tế xã thường xuyên thiếu thuốc trong danh mục bảo hiểm y tế, người dân phải ra nhà thuốc tư "
        "nhân mua; ngày nghỉ, ngày lễ không có bác sĩ trực.",
        "Việc thiếu thuốc là do gói thầu cung ứng thuốc chậm; trạm đã đề nghị điều tiết thuốc từ đơn vị khác. "
        "Trạm sẽ bố trí lịch trực 24/24 giờ, kể cả ngày nghỉ, ngày lễ.",
        "Giao Trạm Y tế xã bảo đảm đủ thuốc thiết yếu trong danh mục bảo hiểm y tế, công khai lịch trực và "
        "số điện thoại trực cấp cứu; báo cáo UBND xã kết quả thực hiện.",
        "Trạm Y tế xã", _ASSIGNED,
        "Trạm Y tế xã đã được bổ sung đủ thuốc thiết yếu; lịch trực và số điện thoại trực cấp cứu đã được "
        "niêm yết tại trạm và thông báo trên loa truyền thanh.",
    ),
    _petition(
        "Sau khi sắp xếp xã, người dân {hamlet} lo Trạm Y tế chuyển về trung tâm xã mới, cách nhà hơn 15 km, "
        "người già, trẻ em đi khám rất khó khăn. Đề nghị giữ lại trạm y tế tại xã cũ.",
        "Trạm Y tế xã vẫn duy trì điểm trạm tại trụ sở trạm y tế của xã cũ, khám, chữa bệnh bảo hiểm y tế "
        "và tiêm chủng như trước, người dân không phải lên trung tâm xã.",
        "Nội dung đã được trả lời rõ tại hội nghị. Giao Trạm Y tế xã thông báo công khai địa điểm, thời gian "
        "làm việc của các điểm trạm.",
        "Trạm Y tế xã", _ANSWERED,
        "Trạm Y tế xã đã niêm yết và thông báo trên loa truyền thanh địa điểm, giờ làm việc của các điểm "
        "trạm; Nhân dân {hamlet} thống nhất.",
    ),
    _petition(
        "{hamlet} đã có nhiều người mắc sốt xuất huyết, trong đó có trẻ em phải nằm viện. Đề nghị xã tổ chức "
        "phun hóa chất diệt muỗi, vệ sinh môi trường.",
        "Trạm Y tế xã đã giám sát ổ dịch; sẽ phối hợp với Trung tâm Kiểm soát bệnh tật tỉnh phun hóa chất "
        "diệt muỗi và tổ chức chiến dịch diệt lăng quăng.",
        "Giao Trạm Y tế xã chủ trì, phối hợp với {hamlet} và các đoàn thể tổ chức phun hóa chất, ra quân vệ "
        "sinh môi trường, diệt lăng quăng; theo dõi chặt chẽ các ca bệnh, không để dịch lây lan.",
        "Trạm Y tế xã", _ASSIGNED,
        "Đã phun hóa chất diệt muỗi toàn bộ {hamlet} và khu vực giáp ranh, tổ chức 2 đợt diệt lăng quăng; "
        "sau 2 tuần không phát sinh ca bệnh mới.",
    ),
    _petition(
        "Các hàng quán bán đồ ăn sáng, nước uống trước cổng trường ở {hamlet} không bảo đảm vệ sinh an toàn "
        "thực phẩm, nhiều học sinh ăn xong bị đau bụng.",
        "UBND xã tiếp thu; sẽ tổ chức kiểm tra an toàn thực phẩm các cơ sở kinh doanh khu vực cổng trường, "
        "xử lý nghiêm các vi phạm.",
        "Giao Phòng Văn hóa - Xã hội chủ trì, phối hợp với Trạm Y tế xã và Công an xã kiểm tra an toàn thực "
        "phẩm các cơ sở kinh doanh khu vực cổng trường; phối hợp với nhà trường tuyên truyền cho học sinh.",
        "Phòng Văn hóa - Xã hội", _ASSIGNED,
        "Đoàn kiểm tra đã kiểm tra 9 cơ sở, nhắc nhở 5 cơ sở, xử phạt 2 cơ sở kinh doanh thực phẩm không rõ "
        "nguồn gốc và yêu cầu tiêu hủy sản phẩm vi phạm.",
    ),
    _petition(
        "Gia đình tôi cho rằng bệnh viện tỉnh điều trị không đúng khiến bố tôi phải mổ lại, đề nghị xã can "
        "thiệp để bệnh viện bồi thường chi phí.",
        "Việc khiếu nại về hoạt động khám, chữa bệnh của bệnh viện tỉnh không thuộc thẩm quyền của UBND xã. "
        "Gia đình gửi đơn đến Giám đốc bệnh viện để được giải quyết theo quy định của Luật Khiếu nại.",
        "Nội dung không thuộc thẩm quyền giải quyết của UBND xã. Giao Văn phòng HĐND và UBND hướng dẫn công "
        "dân gửi đơn đến đúng cơ quan có thẩm quyền.",
        "Văn phòng HĐND và UBND", _NOT_COMPETENT,
        "UBND xã đã có văn bản hướng dẫn công dân gửi đơn khiếu nại đến Giám đốc bệnh viện tỉnh; trường hợp "
        "không đồng ý với kết quả giải quyết thì tiếp tục khiếu nại đến Sở Y tế.",
    ),
)

# -- Giáo dục --------------------------------------------------------------------------------------------

_EDUCATION = (
    _petition(
        "Điểm trường tiểu học ở {hamlet} có 4 phòng học xuống cấp, mái dột, tường nứt, mùa mưa học sinh phải "
        "dồn sang phòng khác. Đề nghị sửa chữa hoặc xây mới để bảo đảm an toàn cho học sinh.",
        "Xã đã kiểm tra, xác định 2 phòng học không bảo đảm an toàn phải tạm dừng sử dụng. Xã sẽ bố trí kinh "
        "phí sửa chữa trong dịp hè và lập hồ sơ đề nghị đầu tư xây mới.",
        "Giao Phòng Văn hóa - Xã hội chủ trì, phối hợp với Phòng Kinh tế và nhà trường kiểm định chất lượng "
        "công trình, lập phương án sửa chữa trong dịp hè; đề xuất danh mục đầu tư xây mới phòng học, báo cáo "
        "UBND xã.",
        "Phòng Văn hóa - Xã hội", _ASSIGNED,
        "Đã sửa chữa mái, tường 4 phòng học trong dịp hè, bảo đảm an toàn cho năm học mới; dự án xây mới dãy "
        "phòng học đã được đưa vào kế hoạch đầu tư công của xã.",
        complex=True,
    ),
    _petition(
        "Trường mầm non ở {hamlet} thiếu phòng học, trẻ các độ tuổi phải học ghép, nhiều cháu 3 tuổi không "
        "có chỗ học. Đề nghị đầu tư xây thêm phòng học.",
        "Nhu cầu xây thêm phòng học là chính đáng nhưng nguồn vốn vượt khả năng cân đối của ngân sách xã. "
        "UBND xã sẽ đề nghị tỉnh hỗ trợ từ chương trình kiên cố hóa trường, lớp học.",
        "UBND xã có văn bản đề nghị UBND tỉnh hỗ trợ vốn đầu tư xây dựng phòng học trường mầm non; giao Phòng "
        "Văn hóa - Xã hội phối hợp với nhà trường bố trí lớp học tạm, bảo đảm chỗ học cho trẻ.",
        "UBND tỉnh", _UPWARD,
        "UBND tỉnh đã phân bổ vốn xây dựng 4 phòng học cho trường mầm non; trong thời gian thi công, nhà "
        "trường mượn nhà văn hóa {hamlet} làm lớp học tạm.",
        complex=True,
    ),
    _petition(
        "Đầu năm học, trường trung học cơ sở thu nhiều khoản ngoài quy định như tiền mua máy chiếu, tiền "
        "trang trí lớp, tiền quỹ hội cha mẹ học sinh quá cao. Đề nghị xã kiểm tra.",
        "Các khoản thu phải đúng quy định, các khoản tài trợ, ủng hộ phải trên tinh thần tự nguyện, không "
        "được cào bằng. Xã sẽ kiểm tra các khoản thu của nhà trường.",
        "Giao Phòng Văn hóa - Xã hội kiểm tra các khoản thu đầu năm học của trường; yêu cầu nhà trường trả "
        "lại các khoản thu không đúng quy định và công khai các khoản thu, chi.",
        "Phòng Văn hóa - Xã hội", _ASSIGNED,
        "Qua kiểm tra, nhà trường đã dừng thu tiền trang trí lớp và trả lại cho phụ huynh; khoản tài trợ mua "
        "máy chiếu được vận động tự nguyện, công khai tại cuộc họp phụ huynh học sinh.",
    ),
    _petition(
        "Nghe nói sau khi sáp nhập xã sẽ dồn điểm trường ở {hamlet} về trường chính, trẻ nhỏ đi học xa. Đề "
        "nghị xã cho biết có chủ trương này không.",
        "UBND xã không có chủ trương dồn các điểm trường mầm non, tiểu học ở thôn. Việc sắp xếp mạng lưới "
        "trường, lớp nếu có phải được lấy ý kiến Nhân dân và bảo đảm thuận lợi cho học sinh.",
        "Nội dung đã được trả lời rõ tại hội nghị. Giao Phòng Văn hóa - Xã hội thông tin cho nhà trường, Nhân "
        "dân biết để yên tâm.",
        "Phòng Văn hóa - Xã hội", _ANSWERED,
        "Nhân dân {hamlet} thống nhất với nội dung trả lời; điểm trường tiếp tục hoạt động ổn định.",
    ),
    _petition(
        "Đề nghị xã cho biết năm học này học sinh trường công có được miễn học phí không, vì nhà trường vẫn "
        "thu tiền hằng tháng.",
        "Theo quy định hiện hành, trẻ mầm non và học sinh phổ thông học tại trường công lập được miễn học "
        "phí. Khoản nhà trường thu là tiền ăn bán trú, tiền dịch vụ theo thỏa thuận với phụ huynh, không "
        "phải học phí.",
        "Nội dung đã được trả lời rõ tại hội nghị. Giao Phòng Văn hóa - Xã hội yêu cầu các trường công khai "
        "các khoản thu theo thỏa thuận để phụ huynh biết.",
        "Phòng Văn hóa - Xã hội", _ANSWERED,
        "Các trường đã niêm yết công khai các khoản thu theo thỏa thuận; phụ huynh thống nhất với nội dung "
        "trả lời.",
    ),
    _petition(
        "Giờ tan học, cổng trường trung học cơ sở thường xuyên ùn tắc do phụ huynh dừng, đỗ xe tràn ra lòng "
        "đường tỉnh, rất nguy hiểm cho học sinh.",
        "Công an xã tiếp thu, sẽ phối hợp với nhà trường phân luồng, bố trí lực lượng hướng dẫn giao thông "
        "vào giờ tan học.",
        "Giao Công an xã phối hợp với nhà trường bố trí lực lượng điều tiết giao thông giờ tan học, kẻ vạch "
        "khu vực dừng, đỗ xe đón học sinh; tuyên truyền phụ huynh chấp hành.",
        "Công an xã", _ASSIGNED,
        "Đã kẻ vạch khu vực đón học sinh trong sân trường, Công an xã và đoàn thanh niên bố trí người điều "
        "tiết giao thông giờ tan học; tình trạng ùn tắc đã được khắc phục.",
    ),
)

# -- Văn hóa, xã hội -------------------------------------------------------------------------------------

_CULTURE = (
    _petition(
        "Nhà văn hóa {hamlet} xây dựng đã lâu, mái ngói dột, tường bong tróc, thiếu bàn ghế, loa đài; sau khi "
        "sáp nhập thôn thì không đủ chỗ cho Nhân dân hội họp. Đề nghị xã hỗ trợ sửa chữa, mở rộng.",
        "UBND xã ghi nhận; sẽ kiểm tra hiện trạng, hỗ trợ một phần kinh phí sửa chữa, phần còn lại thôn vận "
        "động Nhân dân đóng góp và xã hội hóa.",
        "Giao Phòng Văn hóa - Xã hội chủ trì, phối hợp với Phòng Kinh tế kiểm tra hiện trạng, lập dự toán sửa "
        "chữa, mở rộng nhà văn hóa {hamlet}, đề xuất mức hỗ trợ từ ngân sách xã, báo cáo UBND xã.",
        "Phòng Văn hóa - Xã hội", _ASSIGNED,
        "UBND xã đã hỗ trợ kinh phí, cùng với đóng góp của Nhân dân và con em xa quê, nhà văn hóa {hamlet} "
        "đã được sửa chữa mái, mở rộng hội trường và trang bị thêm bàn ghế, loa đài.",
    ),
    _petition(
        "Một số hộ ở {hamlet} hát karaoke bằng loa kéo công suất lớn đến khuya, ảnh hưởng việc nghỉ ngơi của "
        "người già, trẻ nhỏ và học sinh ôn thi. Nhắc nhở nhiều lần nhưng không chấp hành.",
        "Gây tiếng ồn vượt quy chuẩn trong khu dân cư, nhất là sau 22 giờ, là hành vi vi phạm. Công an xã sẽ "
        "kiểm tra, nhắc nhở và xử phạt các trường hợp tái phạm.",
        "Giao Công an xã chủ trì, phối hợp với Trưởng {hamlet} kiểm tra, nhắc nhở, yêu cầu các hộ ký cam kết; "
        "xử phạt vi phạm hành chính các trường hợp cố tình tái phạm.",
        "Công an xã", _ASSIGNED,
        "Công an xã đã mời 6 hộ làm việc, ký cam kết không hát karaoke gây ồn sau 22 giờ; 1 hộ tái phạm đã bị "
        "xử phạt vi phạm hành chính.",
    ),
    _petition(
        "Hệ thống loa truyền thanh ở {hamlet} và {hamlet2} bị hỏng nhiều tháng, người dân không nghe được "
        "thông báo của xã, nhất là thông tin phòng chống thiên tai.",
        "Xã đang chuyển đổi sang hệ thống truyền thanh ứng dụng công nghệ thông tin - viễn thông; trong thời "
        "gian chờ lắp đặt, xã sẽ sửa chữa ngay các cụm loa hỏng.",
        "Nội dung đã được trả lời tại hội nghị. Giao Phòng Văn hóa - Xã hội kiểm tra, sửa chữa các cụm loa "
        "hỏng, bảo đảm thông tin thông suốt đến các thôn.",
        "Phòng Văn hóa - Xã hội", _ANSWERED,
        "Đã sửa chữa, thay thế 7 cụm loa tại {hamlet} và {hamlet2}; hệ thống truyền thanh hoạt động ổn định.",
    ),
    _petition(
        "Phản ánh một phụ nữ ở {hamlet} thường xuyên bị chồng say rượu đánh đập, chửi bới, hàng xóm can ngăn "
        "nhiều lần nhưng không chấm dứt. Đề nghị chính quyền can thiệp, bảo vệ chị và các cháu.",
        "UBND xã tiếp thu; sẽ xác minh, áp dụng biện pháp ngăn chặn, bảo vệ nạn nhân theo Luật Phòng, chống "
        "bạo lực gia đình và xử lý nghiêm người có hành vi bạo lực.",
        "Giao Hội Liên hiệp Phụ nữ xã chủ trì, phối hợp với Công an xã và Phòng Văn hóa - Xã hội xác minh, "
        "hỗ trợ, bảo vệ nạn nhân; Công an xã xử lý người có hành vi bạo lực gia đình theo quy định.",
        "Hội Liên hiệp Phụ nữ xã", _ASSIGNED,
        "Công an xã đã xử phạt người chồng và áp dụng biện pháp cấm tiếp xúc; Hội Liên hiệp Phụ nữ xã phân "
        "công hội viên thường xuyên thăm hỏi, hỗ trợ, đến nay không tái diễn.",
    ),
    _petition(
        "Đám tang ở {hamlet} còn kéo dài nhiều ngày, rải vàng mã trên đường, thổi kèn đến khuya; đề nghị xã có "
        "biện pháp vận động thực hiện nếp sống văn minh.",
        "Việc tổ chức việc cưới, việc tang thực hiện theo quy định về nếp sống văn minh và hương ước, quy ước "
        "của thôn. Xã đề nghị các thôn bổ sung nội dung này vào quy ước và vận động Nhân dân thực hiện.",
        "Nội dung đã được trả lời tại hội nghị. Giao Phòng Văn hóa - Xã hội hướng dẫn các thôn rà soát, bổ "
        "sung quy ước; đề nghị Ủy ban MTTQ xã vận động Nhân dân thực hiện nếp sống văn minh.",
        "Phòng Văn hóa - Xã hội", _ANSWERED,
        "Hội nghị {hamlet} đã thống nhất bổ sung quy ước về tổ chức việc tang: không rải vàng mã trên đường, "
        "không sử dụng kèn, loa sau 22 giờ.",
    ),
    _petition(
        "{hamlet} chưa có sân thể thao, thanh thiếu niên không có chỗ chơi, phải ra đường chơi bóng rất nguy "
        "hiểm. Đề nghị xã bố trí đất làm sân thể thao của thôn.",
        "Trong quy hoạch chung của xã có dành quỹ đất công trình văn hóa, thể thao ở các thôn. Xã sẽ rà soát, "
        "bố trí quỹ đất phù hợp cho {hamlet}.",
        "Giao Phòng Kinh tế phối hợp với Phòng Văn hóa - Xã hội rà soát quỹ đất công tại {hamlet}, đề xuất vị "
        "trí xây dựng sân thể thao, báo cáo UBND xã.",
        "Phòng Kinh tế", _ASSIGNED,
        "UBND xã đã bố trí khu đất công 1.800 m² cạnh nhà văn hóa {hamlet} để làm sân thể thao; Nhân dân đã "
        "góp công san gạt mặt bằng.",
    ),
)

# -- Nông nghiệp -----------------------------------------------------------------------------------------

_AGRICULTURE = (
    _petition(
        "Nhiều hộ ở {hamlet} mua giống lúa của một đại lý về gieo cấy nhưng lúa trỗ không đều, lép hạt, năng "
        "suất giảm hơn một nửa. Đề nghị xã kiểm tra, yêu cầu đại lý bồi thường.",
        "UBND xã tiếp thu; sẽ kiểm tra diện tích bị thiệt hại, lấy mẫu, xác định nguyên nhân và làm việc với "
        "đại lý, đơn vị cung ứng giống.",
        "Giao Phòng Kinh tế chủ trì, phối hợp với Hội Nông dân xã thống kê diện tích thiệt hại, kiểm tra nguồn "
        "gốc giống lúa; tổ chức làm việc giữa đại lý, đơn vị cung ứng giống và các hộ dân để giải quyết quyền "
        "lợi cho người dân.",
        "Phòng Kinh tế", _ASSIGNED,
        "Kết quả kiểm tra xác định giống lúa không bảo đảm chất lượng; đơn vị cung ứng đã bồi thường thiệt hại "
        "cho 28 hộ, đại lý bị xử phạt vi phạm hành chính.",
        complex=True,
    ),
    _petition(
        "Các hộ ở {hamlet} có lợn bị tiêu hủy do bệnh dịch tả lợn châu Phi đến nay vẫn chưa nhận được tiền hỗ "
        "trợ. Đề nghị xã cho biết khi nào được chi trả.",
        "Hồ sơ hỗ trợ đã được tổng hợp đầy đủ; xã đang hoàn thiện thủ tục trình phê duyệt kinh phí hỗ trợ.",
        "Giao Phòng Kinh tế khẩn trương hoàn thiện hồ sơ, trình phê duyệt và chi trả kinh phí hỗ trợ cho các "
        "hộ có lợn bị tiêu hủy; công khai danh sách, mức hỗ trợ tại thôn.",
        "Phòng Kinh tế", _ASSIGNED,
        "UBND xã đã chi trả kinh phí hỗ trợ cho 19 hộ có lợn bị tiêu hủy; danh sách và mức hỗ trợ được niêm "
        "yết công khai tại nhà văn hóa {hamlet}.",
    ),
    _petition(
        "Gia đình muốn chuyển một phần ruộng lúa kém hiệu quả sang trồng rau màu, cây ăn quả; đề nghị xã cho "
        "biết có được chuyển không và thủ tục thế nào.",
        "Người sử dụng đất trồng lúa được chuyển đổi cơ cấu cây trồng, vật nuôi trên đất trồng lúa nhưng phải "
        "đăng ký với UBND xã và không làm mất đi các điều kiện phù hợp để trồng lúa trở lại.",
        "Nội dung đã được trả lời rõ tại hội nghị. Giao Phòng Kinh tế hướng dẫn các hộ có nhu cầu đăng ký "
        "chuyển đổi theo kế hoạch chung của xã.",
        "Phòng Kinh tế", _ANSWERED,
        "Gia đình đã nộp bản đăng ký chuyển đổi cơ cấu cây trồng và được UBND xã chấp thuận.",
    ),
    _petition(
        "Mùa vụ này giá nông sản xuống thấp, thương lái ép giá, nhiều hộ ở {hamlet} và {hamlet2} không bán "
        "được. Đề nghị xã hỗ trợ tìm đầu ra, liên kết tiêu thụ sản phẩm.",
        "Xã đang làm việc với một số hợp tác xã, doanh nghiệp để liên kết tiêu thụ; Hội Nông dân xã sẽ hỗ trợ "
        "đưa sản phẩm lên các sàn thương mại điện tử.",
        "Giao Hội Nông dân xã chủ trì, phối hợp với Phòng Kinh tế kết nối doanh nghiệp, hợp tác xã thu mua, "
        "hướng dẫn nông dân đưa sản phẩm lên sàn thương mại điện tử; vận động thành lập tổ hợp tác sản xuất "
        "theo chuỗi.",
        "Hội Nông dân xã", _ASSIGNED,
        "Hội Nông dân xã đã kết nối 2 doanh nghiệp ký hợp đồng bao tiêu sản phẩm với 46 hộ; sản phẩm của tổ "
        "hợp tác đã được giới thiệu trên sàn thương mại điện tử.",
    ),
    _petition(
        "Diện tích cây ăn quả của nhiều hộ ở {hamlet} bị vàng lá, thối rễ, chết hàng loạt; cán bộ nông nghiệp "
        "xã chưa xác định được nguyên nhân. Đề nghị cấp trên cử chuyên gia về kiểm tra, hướng dẫn phòng trừ.",
        "Xã đã lấy mẫu nhưng chưa đủ điều kiện phân tích; sẽ đề nghị Sở Nông nghiệp và Môi trường cử cán bộ "
        "chuyên môn về kiểm tra, xác định nguyên nhân.",
        "UBND xã có văn bản đề nghị Sở Nông nghiệp và Môi trường cử cán bộ chuyên môn kiểm tra, xác định "
        "nguyên nhân và hướng dẫn biện pháp phòng trừ; giao Phòng Kinh tế thống kê diện tích bị hại.",
        "Sở Nông nghiệp và Môi trường", _UPWARD,
        "Cán bộ chuyên môn của Sở đã kiểm tra, xác định nguyên nhân do nấm hại rễ kết hợp úng nước kéo dài; đã "
        "tập huấn cho các hộ biện pháp phòng trừ và cải tạo hệ thống thoát nước vườn.",
        complex=True,
    ),
    _petition(
        "Bão vừa qua làm đổ nhiều diện tích lúa, hoa màu và chuồng trại của các hộ ở {hamlet}; đề nghị xã "
        "thống kê, đề nghị hỗ trợ thiệt hại cho bà con khôi phục sản xuất.",
        "Xã đã chỉ đạo các thôn thống kê thiệt hại; sẽ tổng hợp, đề nghị hỗ trợ theo chính sách hỗ trợ sản "
        "xuất nông nghiệp để khôi phục sản xuất vùng bị thiệt hại do thiên tai.",
        "Giao Phòng Kinh tế chủ trì, phối hợp với Trưởng {hamlet} thống kê, xác định mức độ thiệt hại của từng "
        "hộ, lập hồ sơ đề nghị hỗ trợ theo quy định; công khai danh sách tại thôn.",
        "Phòng Kinh tế", _ASSIGNED,
        "Đã hỗ trợ giống lúa, giống rau màu cho 64 hộ bị thiệt hại; danh sách và mức hỗ trợ được công khai tại "
        "nhà văn hóa {hamlet}.",
    ),
)

# -- Cải cách hành chính ---------------------------------------------------------------------------------

_ADMINISTRATION = (
    _petition(
        "Hồ sơ đăng ký biến động đất đai của gia đình nộp tại Trung tâm Phục vụ hành chính công bị trả lại "
        "nhiều lần, mỗi lần yêu cầu bổ sung một loại giấy tờ, đến nay đã quá hẹn nhưng không có văn bản xin "
        "lỗi hay hẹn lại.",
        "Việc yêu cầu bổ sung hồ sơ nhiều lần là không đúng quy định; theo quy định, cơ quan tiếp nhận phải "
        "hướng dẫn đầy đủ một lần, hồ sơ quá hạn phải có văn bản xin lỗi và hẹn lại ngày trả kết quả.",
        "Giao Trung tâm Phục vụ hành chính công rà soát quá trình giải quyết hồ sơ, làm rõ trách nhiệm của "
        "công chức liên quan; giải quyết dứt điểm hồ sơ của công dân, gửi văn bản xin lỗi theo quy định.",
        "Trung tâm Phục vụ hành chính công", _ASSIGNED,
        "Hồ sơ của gia đình đã được giải quyết xong; Trung tâm đã gửi văn bản xin lỗi công dân, công chức tiếp "
        "nhận bị nhắc nhở, rút kinh nghiệm trước cơ quan.",
    ),
    _petition(
        "Nhiều người cao tuổi ở {hamlet} không biết dùng điện thoại thông minh, đề nghị cho biết có bắt buộc "
        "nộp hồ sơ trực tuyến không.",
        "Nộp hồ sơ trực tuyến được khuyến khích, không bắt buộc; người dân vẫn nộp trực tiếp tại Trung tâm "
        "Phục vụ hành chính công. Tổ công nghệ số cộng đồng ở thôn sẽ hỗ trợ người dân khi có nhu cầu.",
        "Nội dung đã được trả lời rõ tại hội nghị. Giao Trung tâm Phục vụ hành chính công phối hợp với tổ công "
        "nghệ số cộng đồng các thôn hướng dẫn, hỗ trợ người dân sử dụng dịch vụ công trực tuyến.",
        "Trung tâm Phục vụ hành chính công", _ANSWERED,
        "Tổ công nghệ số cộng đồng {hamlet} đã tổ chức 3 buổi hướng dẫn người dân cài đặt, sử dụng ứng dụng "
        "định danh điện tử và nộp hồ sơ trực tuyến.",
    ),
    _petition(
        "Sau khi sắp xếp, trụ sở xã mới cách {hamlet} gần 20 km, người dân đi làm thủ tục mất cả ngày. Đề nghị "
        "bố trí điểm tiếp nhận hồ sơ tại trụ sở xã cũ.",
        "UBND xã tiếp thu; sẽ bố trí công chức tiếp nhận hồ sơ, trả kết quả tại trụ sở xã cũ theo lịch cố "
        "định trong tuần để người dân thuận tiện.",
        "Giao Trung tâm Phục vụ hành chính công bố trí điểm tiếp nhận hồ sơ và trả kết quả tại trụ sở xã cũ, "
        "thông báo công khai lịch làm việc; báo cáo UBND xã kết quả thực hiện.",
        "Trung tâm Phục vụ hành chính công", _ASSIGNED,
        "Điểm tiếp nhận hồ sơ tại trụ sở xã cũ đã hoạt động vào sáng thứ Ba và thứ Năm hằng tuần; lịch làm "
        "việc được thông báo trên loa truyền thanh các thôn.",
    ),
    _petition(
        "Khi đăng ký khai sinh cho con, công chức vẫn yêu cầu xuất trình sổ hộ khẩu và bản sao nhiều giấy "
        "tờ; đề nghị xã cho biết có đúng quy định không.",
        "Sổ hộ khẩu đã hết giá trị sử dụng, thông tin cư trú được khai thác trên Cơ sở dữ liệu quốc gia về "
        "dân cư; công chức không được yêu cầu xuất trình. UBND xã tiếp thu và chấn chỉnh ngay.",
        "Nội dung đã được trả lời rõ tại hội nghị. Giao Trung tâm Phục vụ hành chính công chấn chỉnh việc yêu "
        "cầu giấy tờ không đúng quy định, niêm yết công khai thành phần hồ sơ các thủ tục hộ tịch.",
        "Trung tâm Phục vụ hành chính công", _ANSWERED,
        "Trung tâm đã tổ chức rút kinh nghiệm với công chức tiếp nhận và niêm yết công khai thành phần hồ sơ "
        "của các thủ tục hộ tịch.",
    ),
    _petition(
        "Mỗi lần chứng thực bản sao phải chờ rất lâu vì chỉ có một công chức làm, người dân phải xếp hàng "
        "từ sáng. Đề nghị xã bố trí thêm người.",
        "Thời gian đầu sau sắp xếp, số hồ sơ chứng thực tăng nhiều. Xã sẽ bố trí thêm công chức, đồng thời "
        "áp dụng cấp số thứ tự tự động.",
        "Giao Trung tâm Phục vụ hành chính công bố trí thêm công chức tại quầy chứng thực vào các ngày đông "
        "người, lắp đặt hệ thống cấp số thứ tự; báo cáo UBND xã kết quả.",
        "Trung tâm Phục vụ hành chính công", _ASSIGNED,
        "Trung tâm đã bố trí 2 quầy chứng thực và máy cấp số thứ tự tự động; thời gian chờ của người dân "
        "giảm rõ rệt.",
    ),
)

# -- Cán bộ, đảng viên -----------------------------------------------------------------------------------

_OFFICIALS = (
    _petition(
        "Công chức tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công có thái độ hách dịch, nói năng thiếu "
        "tôn trọng, không hướng dẫn tận tình khi người dân hỏi thủ tục.",
        "UBND xã tiếp thu, xin lỗi công dân; sẽ xác minh và xử lý nghiêm nếu công chức vi phạm quy tắc ứng "
        "xử, đạo đức công vụ.",
        "Giao Văn phòng HĐND và UBND chủ trì, phối hợp với Trung tâm Phục vụ hành chính công xác minh nội dung "
        "phản ánh, tổ chức kiểm điểm công chức liên quan, báo cáo Chủ tịch UBND xã xem xét xử lý.",
        "Văn phòng HĐND và UBND", _ASSIGNED,
        "Qua xác minh, nội dung phản ánh là đúng; công chức đã kiểm điểm, nhận khuyết điểm, trực tiếp xin lỗi "
        "công dân và được điều chuyển sang vị trí công tác khác.",
    ),
    _petition(
        "Trưởng {hamlet} là đảng viên nhưng thu các khoản đóng góp làm đường, quỹ thôn không công khai, không "
        "báo cáo thu chi trước hội nghị thôn.",
        "Việc thu, chi các khoản đóng góp của Nhân dân phải được công khai theo Luật Thực hiện dân chủ ở cơ "
        "sở. Xã sẽ kiểm tra và yêu cầu Trưởng thôn công khai.",
        "Đề nghị Ủy ban MTTQ xã chỉ đạo Ban Thanh tra nhân dân kiểm tra việc thu, chi các khoản đóng góp tại "
        "{hamlet}; yêu cầu Trưởng thôn công khai trước hội nghị thôn, báo cáo Đảng ủy xã xem xét trách "
        "nhiệm nếu có vi phạm.",
        "Ủy ban MTTQ xã", _ASSIGNED,
        "Ban Thanh tra nhân dân đã kiểm tra, các khoản thu, chi không có sai phạm nhưng chưa công khai đúng quy "
        "định; Trưởng thôn đã báo cáo công khai trước hội nghị thôn và nhận khuyết điểm trước chi bộ.",
    ),
    _petition(
        "Sau khi sáp nhập thôn, cử tri đề nghị cho biết số lượng người hoạt động không chuyên trách ở thôn và "
        "mức phụ cấp của Trưởng thôn được bố trí thế nào.",
        "Số lượng người hoạt động không chuyên trách ở thôn và mức phụ cấp thực hiện theo quy định của Chính "
        "phủ và nghị quyết của HĐND tỉnh; xã sẽ bố trí đủ chức danh theo quy định.",
        "Nội dung đã được trả lời rõ tại hội nghị. Giao Văn phòng HĐND và UBND thông tin quy định về chức danh, "
        "mức phụ cấp đến các thôn.",
        "Văn phòng HĐND và UBND", _ANSWERED,
        "UBND xã đã gửi văn bản thông tin về chức danh và mức phụ cấp của người hoạt động không chuyên trách "
        "đến các thôn.",
    ),
)

# -- Khác ------------------------------------------------------------------------------------------------

_OTHER = (
    _petition(
        "Sau khi sắp xếp đơn vị hành chính, địa chỉ ghi trên căn cước, giấy chứng nhận quyền sử dụng đất là "
        "xã cũ; đề nghị cho biết người dân có phải đi đổi lại các giấy tờ không.",
        "Giấy tờ đã cấp trước khi sắp xếp đơn vị hành chính vẫn tiếp tục có giá trị sử dụng, người dân không "
        "bắt buộc phải làm thủ tục đổi; khi có nhu cầu thì thực hiện cấp đổi theo quy định.",
        "Nội dung đã được trả lời rõ tại hội nghị. Giao Văn phòng HĐND và UBND thông tin rộng rãi trên loa "
        "truyền thanh để Nhân dân yên tâm.",
        "Văn phòng HĐND và UBND", _ANSWERED,
        "Nội dung trả lời đã được phát trên loa truyền thanh các thôn và đăng trên trang thông tin điện tử "
        "của xã.",
    ),
    _petition(
        "Tôi cho một người ở {hamlet2} vay 150 triệu đồng, đến hạn không trả và tránh mặt, đề nghị xã buộc "
        "người này trả nợ.",
        "Tranh chấp về hợp đồng vay tài sản là tranh chấp dân sự, thuộc thẩm quyền của Tòa án nhân dân; UBND "
        "xã có thể hỗ trợ hòa giải nếu hai bên đồng ý.",
        "Nội dung không thuộc thẩm quyền giải quyết của UBND xã. Giao Văn phòng HĐND và UBND hướng dẫn công "
        "dân gửi đơn khởi kiện đến Tòa án nhân dân khu vực có thẩm quyền.",
        "Văn phòng HĐND và UBND", _NOT_COMPETENT,
        "UBND xã đã có văn bản hướng dẫn công dân thực hiện quyền khởi kiện tại Tòa án nhân dân khu vực; tổ "
        "hòa giải {hamlet2} đã mời hai bên hòa giải nhưng không thành.",
    ),
    _petition(
        "Con tôi có giấy gọi nhập ngũ nhưng bố bị bệnh nặng, mẹ đã mất, cháu là lao động chính duy nhất trong "
        "gia đình. Đề nghị xem xét cho cháu tạm hoãn gọi nhập ngũ.",
        "Trường hợp là lao động duy nhất phải trực tiếp nuôi dưỡng thân nhân không còn khả năng lao động được "
        "xem xét tạm hoãn gọi nhập ngũ theo Luật Nghĩa vụ quân sự. Ban Chỉ huy quân sự xã sẽ xác minh.",
        "Giao Ban Chỉ huy quân sự xã xác minh hoàn cảnh gia đình, đối chiếu quy định, báo cáo Hội đồng nghĩa vụ "
        "quân sự xã xem xét, trả lời công dân bằng văn bản.",
        "Ban Chỉ huy quân sự xã", _ASSIGNED,
        "Qua xác minh, gia đình đúng hoàn cảnh phản ánh; Hội đồng nghĩa vụ quân sự xã đã xem xét, đề nghị cấp "
        "có thẩm quyền quyết định tạm hoãn gọi nhập ngũ đối với con ông.",
    ),
)

# -- the catalogue ---------------------------------------------------------------------------------------

PETITION_TEMPLATES: dict[str, tuple[dict, ...]] = dict(zip(FIELDS, (
    _LAND,
    _ENVIRONMENT,
    _TRANSPORT,
    _IRRIGATION,
    _UTILITIES,
    _SECURITY,
    _WELFARE,
    _HEALTH,
    _EDUCATION,
    _CULTURE,
    _AGRICULTURE,
    _ADMINISTRATION,
    _OFFICIALS,
    _OTHER,
), strict=True))

# Why an assigned agency asks for more time (recorded with an extension of the answer deadline).
EXTENSION_REASONS: tuple[str, ...] = (
    "Cần đo đạc, xác minh lại nguồn gốc đất và lấy ý kiến các hộ liền kề.",
    "Vụ việc liên quan đến nhiều cơ quan, cần thêm thời gian phối hợp kiểm tra, thống nhất phương án giải "
    "quyết.",
    "Đang chờ kết quả phân tích mẫu của cơ quan chuyên môn cấp tỉnh.",
    "Nội dung có phần thuộc thẩm quyền cấp trên, đang chờ văn bản trả lời của cơ quan có thẩm quyền.",
    "Cần thu thập thêm hồ sơ, tài liệu lưu trữ của xã cũ trước khi sắp xếp đơn vị hành chính.",
    "Đã mời hòa giải nhưng các bên liên quan chưa có mặt đầy đủ, cần tổ chức hòa giải lần hai.",
)

# Why more time is needed, by the petition's field (an extension's reason fits its petition).
EXTENSION_REASONS_BY_FIELD: dict[str, tuple[str, ...]] = {
    "Đất đai": (
        "Cần đo đạc, xác minh lại nguồn gốc đất và lấy ý kiến các hộ liền kề.",
        "Đã mời hòa giải nhưng các bên liên quan chưa có mặt đầy đủ, cần tổ chức hòa giải lần hai.",
    ),
    "Môi trường": ("Đang chờ kết quả phân tích mẫu của cơ quan chuyên môn cấp tỉnh.",),
    "Giao thông, hạ tầng": ("Cần khảo sát hiện trạng, lập dự toán và cân đối nguồn kinh phí sửa chữa.",),
    "Thủy lợi": ("Cần khảo sát thực địa toàn tuyến kênh mương sau mùa mưa để xác định khối lượng nạo vét, sửa "
                 "chữa.",),
    "Điện, nước sinh hoạt": ("Đang chờ đơn vị cấp điện, cấp nước khảo sát và trả lời phương án.",),
    "An ninh, trật tự": ("Cần thêm thời gian xác minh, thu thập tài liệu và làm việc với các bên liên quan.",),
    "Chính sách, an sinh xã hội": ("Hồ sơ cần xác minh thêm về nơi cư trú, hoàn cảnh gia đình và đối chiếu với "
                                   "quy định hiện hành.",),
    "Y tế": ("Cần phối hợp với cơ quan y tế cấp trên kiểm tra, thống nhất phương án.",),
    "Giáo dục": ("Cần phối hợp với nhà trường kiểm định hiện trạng công trình và lập phương án kinh phí.",),
    "Văn hóa, xã hội": ("Cần khảo sát, lấy ý kiến Nhân dân các thôn trước khi đề xuất phương án.",),
    "Nông nghiệp": ("Đang chờ cấp có thẩm quyền phê duyệt danh sách và kinh phí hỗ trợ.",),
    "Cải cách hành chính": ("Cần rà soát lại hồ sơ và quy trình giải quyết thủ tục hành chính liên quan.",),
    "Cán bộ, đảng viên": ("Cần xác minh, làm việc với cán bộ, công chức liên quan và những người chứng kiến.",),
    "Khác": ("Vụ việc liên quan đến nhiều cơ quan, cần thêm thời gian phối hợp kiểm tra, thống nhất phương án giải "
             "quyết.",),
}

# The clerk's note when the chair declines to dialogue with a registrant, by refusal code
# (codes of desk_app.domain.profiles.STANDARD_REFUSAL_REASONS).
REFUSAL_NOTES: dict[str, str] = {
    "khong_nang_luc": "Gia đình xác nhận người đăng ký mất năng lực hành vi dân sự; đã hướng dẫn người giám "
                      "hộ đăng ký thay.",
    "bi_khoi_to": "Theo thông tin của Công an xã, người đăng ký đang bị khởi tố, điều tra hình sự; không bố "
                  "trí đối thoại.",
    "gay_roi": "Người đăng ký la lối, xúc phạm cán bộ, gây mất trật tự tại hội trường dù đã được nhắc nhở.",
    "chat_kich_thich": "Người đăng ký có biểu hiện say rượu, nói năng không kiểm soát; hướng dẫn đăng ký lại "
                       "vào kỳ tiếp công dân.",
    "khong_hop_tac": "Người đăng ký không chấp hành sự điều hành của người chủ trì, liên tục ngắt lời, không "
                     "có tinh thần xây dựng.",
    "noi_dung_khong_phu_hop": "Nội dung đăng ký không đúng chủ đề hội nghị; đã hướng dẫn công dân gửi đơn "
                              "đến cơ quan có thẩm quyền.",
}

# Short opinions raised from the floor by citizens who had not registered.
WALK_IN_OPINIONS: tuple[str, ...] = (
    "Đề nghị xã sớm thông báo lịch thu gom rác mới cho {hamlet}.",
    "Đèn chiếu sáng đường ngõ xóm ở {hamlet} hỏng nhiều bóng, đề nghị thay thế.",
    "Đề nghị kiểm tra xe chở vật liệu quá tải chạy trên đường liên thôn, đường đã bắt đầu lún, nứt.",
    "Đề nghị Trạm Y tế thông báo rõ lịch tiêm chủng cho trẻ em tại điểm trạm.",
    "Xin hỏi khi nào chi trả tiền hỗ trợ giống lúa sau bão cho các hộ ở {hamlet}.",
    "Cảm ơn xã đã sửa xong cống qua đường trước mùa mưa, đề nghị tiếp tục nạo vét mương tiêu.",
)

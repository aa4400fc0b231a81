"""The curated vocabulary that bridges everyday wording and technical offers.

Each concept names, in a farmer's or a small firm's words, a problem or a wish (``triggers``),
and the technical terms offers use for its solutions (``terms``), with the offer fields
(``fields``, the taxonomy of ``FIELDS``) where those solutions usually sit. Triggers are matched
on the folded query, so they work with and without diacritics. Kept by hand, as data: extend it
when a real need is not found (the benchmark in ``bench/market_match.py`` shows which).
"""

from __future__ import annotations

from dataclasses import dataclass

#: The field taxonomy of technology offers (lĩnh vực), as national exchanges group them.
FIELDS = (
    "giống cây trồng",
    "nuôi cấy mô",
    "chế phẩm sinh học",
    "bảo quản sau thu hoạch",
    "chế biến",
    "cơ giới hóa/nhà kính",
    "tưới tiết kiệm",
    "môi trường/xử lý chất thải",
    "năng lượng",
    "công nghệ thông tin/IoT",
    "vật liệu mới",
    "y dược/dược liệu",
    "thực phẩm",
    "other",
)


@dataclass(frozen=True)
class Concept:
    name: str
    triggers: tuple[str, ...]
    terms: tuple[str, ...]
    fields: tuple[str, ...] = ()


def _c(name: str, triggers: str, terms: str, fields: str = "") -> Concept:
    split = lambda s: tuple(p.strip() for p in s.split(";") if p.strip())  # noqa: E731
    return Concept(name, split(triggers), split(terms), split(fields))


CONCEPTS: tuple[Concept, ...] = (
    # --- pests and diseases (sâu bệnh) -------------------------------------------------------
    _c(
        "nhuyễn thể hại cây",
        "ốc sên; ốc bươu; sên; ốc ăn lá; ốc cắn",
        "nhuyễn thể hại cây; bả sinh học; bẫy; thiên địch; IPM; quản lý dịch hại tổng hợp; hữu cơ",
        "chế phẩm sinh học",
    ),
    _c(
        "côn trùng chích hút",
        "bọ trĩ; bù lạch; rệp; rầy; nhện đỏ; bọ phấn; ruồi trắng",
        "bọ trĩ; rệp; thuốc sinh học; Beauveria; bẫy dính; pheromone; IPM; không tồn dư",
        "chế phẩm sinh học",
    ),
    _c(
        "sâu hại",
        "sâu ăn lá; sâu đục; sâu xanh; sâu hại; sâu cắn; mối; bọ cánh cứng; châu chấu; côn trùng",
        "thuốc trừ sâu sinh học; Metarhizium; nấm xanh; Beauveria; côn trùng hại; bẫy pheromone; phòng trừ",
        "chế phẩm sinh học",
    ),
    _c(
        "thuốc hóa học",
        "thuốc hóa học; tồn dư thuốc; dư lượng; độc cho người; không độc; sợ độc; an toàn cho người; xịt thuốc",
        "thuốc sinh học; chế phẩm sinh học; không tồn dư; giảm thuốc hóa học; IPM; thiên địch",
        "chế phẩm sinh học",
    ),
    _c(
        "héo xanh",
        "héo rũ; héo xanh; cây héo; héo chết; chết héo; chết rũ",
        "héo xanh vi khuẩn; ghép gốc; gốc cà tím; cà chua ghép; bệnh vùng rễ; Trichoderma; khử trùng đất",
        "giống cây trồng; chế phẩm sinh học",
    ),
    _c(
        "bệnh rễ",
        "thối rễ; thối gốc; rễ thâm; rễ thối; rễ đen; u sần; sần rễ; rễ có u; rễ bị u",
        "thối rễ; tuyến trùng; bệnh vùng rễ; Trichoderma; nấm đối kháng; Bacillus; Paecilomyces; phòng trừ tổng hợp",
        "chế phẩm sinh học; other",
    ),
    _c(
        "tuyến trùng",
        "tuyến trùng; giun tròn",
        "tuyến trùng; Bacillus; Paecilomyces; biochar; than sinh học",
        "chế phẩm sinh học",
    ),
    _c(
        "vàng lá",
        "vàng lá; lá vàng; rụng lá; cây còi; cây cằn",
        "vàng lá; thối rễ; phòng trừ tổng hợp; dinh dưỡng; phân tích đất",
        "other",
    ),
    _c(
        "nấm bệnh",
        "nấm bệnh; mốc; nấm mốc; thán thư; đốm lá; bệnh lá; sương mai; mốc sương; phấn trắng; gỉ sắt; rỉ sắt",
        "nấm bệnh; kích kháng; oligochitosan; nano; Trichoderma; kháng bệnh; mốc sương; gỉ sắt",
        "chế phẩm sinh học; vật liệu mới",
    ),
    _c(
        "thối nhũn",
        "thối nhũn; nhũn lá; thối lá; úng thối",
        "thối nhũn; vi khuẩn đối kháng; phòng bệnh",
        "chế phẩm sinh học",
    ),
    _c(
        "nấm bệnh trong đất",
        "đất có mầm bệnh; bệnh trong đất; nấm trong đất; xông đất; xông thuốc; khử đất",
        "khử trùng đất; hơi nước nóng; thay thuốc xông; nấm bệnh đất; giá thể",
        "cơ giới hóa/nhà kính",
    ),
    _c(
        "chẩn đoán sâu bệnh",
        "không biết bệnh gì; bệnh gì; chụp ảnh; chụp hình; nhận biết bệnh; hỏi bệnh",
        "nhận diện sâu bệnh; ứng dụng điện thoại; trí tuệ nhân tạo; bác sĩ cây trồng; tư vấn chuyên gia",
        "công nghệ thông tin/IoT",
    ),
    _c(
        "phun thuốc",
        "phun thuốc; xịt thuốc cực; cây cao; thuê người phun; đeo bình",
        "máy bay không người lái; drone; phun thuốc; dịch vụ bảo vệ thực vật",
        "cơ giới hóa/nhà kính",
    ),
    _c(
        "virus cây",
        "virus; vi rút; xoăn lá; khảm lá; cây giống bệnh",
        "sạch virus; sạch bệnh; nuôi cấy đỉnh sinh trưởng; cây mẹ; nuôi cấy mô",
        "nuôi cấy mô",
    ),
    # --- seedlings and varieties (giống) -----------------------------------------------------
    _c(
        "giống thoái hóa",
        "thoái hóa; yếu dần; ngày càng yếu; trái nhỏ dần; củ nhỏ; giống xấu; giống cũ; đổi giống; giống mới; giống tốt",
        "giống mới; thoái hóa giống; chọn lọc; sạch bệnh; năng suất cao; phục tráng giống",
        "giống cây trồng",
    ),
    _c(
        "cây giống sạch bệnh",
        "cây giống sạch; giống sạch bệnh; cây con; cây giống; mua giống; ươm cây",
        "cây giống sạch bệnh; nuôi cấy mô; in vitro; vườn ươm; nhân giống",
        "nuôi cấy mô; giống cây trồng",
    ),
    _c(
        "cấy mô",
        "cấy mô; nuôi cấy mô; nhân giống; nhân cây con; phòng cấy",
        "nuôi cấy mô; in vitro; vi nhân giống; PLBs; phòng cấy mô; chuyển giao quy trình",
        "nuôi cấy mô",
    ),
    _c(
        "già cỗi",
        "cây già; vườn già; già cỗi; trồng lại; cải tạo vườn; năng suất thấp; năng suất kém",
        "cải tạo vườn; già cỗi; tái canh; ghép chồi; giống mới; năng suất cao",
        "giống cây trồng",
    ),
    _c(
        "chịu thời tiết",
        "chịu nóng; chịu mưa; mùa mưa; ngập úng; chịu úng; trái vụ; chịu hạn",
        "chịu nóng; chịu mưa; trái vụ; chống úng; giống chịu; ghép gốc; giữ ẩm",
        "giống cây trồng",
    ),
    _c(
        "hạt giống",
        "hạt giống; nảy mầm; mọc kém; lên kém",
        "xử lý hạt giống; nano kim loại; gieo hạt",
        "vật liệu mới",
    ),
    # --- soil and fertiliser (đất, phân) -----------------------------------------------------
    _c(
        "đất xấu",
        "đất chai; chai cứng; đất cứng; đất chua; đất bạc màu; đất nghèo; đất xấu; đất cát; đất mệt; bón nhiều phân",
        "cải tạo đất; biochar; than sinh học; phân hữu cơ; phân tích đất; khuyến cáo bón phân; đất chua; phân vi sinh",
        "môi trường/xử lý chất thải; other",
    ),
    _c(
        "bón phân",
        "bón phân; phân bón; tốn phân; phân hóa học",
        "khuyến cáo bón phân; phân tích đất; phân vi sinh; cố định đạm; phân hữu cơ; giảm phân hóa học; phân bón lá",
        "chế phẩm sinh học; other",
    ),
    _c(
        "ủ phân",
        "làm phân; ủ phân; tận dụng làm phân; phân hữu cơ; phân chuồng",
        "ủ phân hữu cơ; chế phẩm EM; Trichoderma; phụ phẩm; trùn quế; máy băm phụ phẩm",
        "môi trường/xử lý chất thải; chế phẩm sinh học",
    ),
    # --- water (tưới, nước) ------------------------------------------------------------------
    _c(
        "thiếu nước",
        "thiếu nước; không đủ nước; giếng cạn; hạn hán; khô hạn; mùa khô; tốn nước; đỡ tốn nước; nước tưới",
        "tưới tiết kiệm; tiết kiệm nước; tưới nhỏ giọt; phun mưa; thu nước mưa; hồ chứa; giữ ẩm; cảm biến độ ẩm đất",
        "tưới tiết kiệm",
    ),
    _c(
        "tự động tưới",
        "tự động tưới; tưới tự động; bật tắt bơm; bật bơm; tắt bơm; hẹn giờ; pha dinh dưỡng; pha phân; châm phân",
        "tự động; bộ điều khiển; châm phân; tưới nhỏ giọt; IoT; cảm biến; điều khiển từ xa",
        "công nghệ thông tin/IoT; cơ giới hóa/nhà kính",
    ),
    _c(
        "điều khiển từ xa",
        "qua điện thoại; trên điện thoại; từ xa; đi vắng; ở xa; không có ở nhà",
        "điều khiển qua điện thoại; điều khiển từ xa; cảnh báo Zalo; IoT; cảm biến; ứng dụng di động",
        "công nghệ thông tin/IoT",
    ),
    _c(
        "độ ẩm đất",
        "đất khô; đất ướt; độ ẩm; mau khô; khô đất; giữ ẩm",
        "cảm biến độ ẩm đất; giữ ẩm; hydrogel; phun sương",
        "công nghệ thông tin/IoT; vật liệu mới",
    ),
    _c(
        "thủy canh",
        "thủy canh; không dùng đất; trồng giá thể; giá thể",
        "thủy canh; giá thể; dung dịch dinh dưỡng; bộ điều khiển; châm phân",
        "cơ giới hóa/nhà kính",
    ),
    # --- greenhouse (nhà kính) -----------------------------------------------------------------
    _c(
        "nóng nhà kính",
        "nóng quá; nhà kính nóng; nhà màng nóng; hạ nhiệt; làm mát; cháy cánh; cháy lá; nắng gắt; nắng nóng",
        "làm mát nhà màng; cooling pad; quạt hút; hạ nhiệt; rèm cắt nắng; chống nóng; thông gió",
        "cơ giới hóa/nhà kính",
    ),
    _c(
        "nhà kính",
        "nhà kính; nhà màng; nhà lưới; mái che; làm nhà",
        "nhà kính; nhà màng; nhà lưới; thiết kế kết cấu; thông gió; màng nhà kính",
        "cơ giới hóa/nhà kính",
    ),
    _c(
        "đọng nước",
        "đọng nước; nhỏ giọt từ mái; hơi nước",
        "chống nhỏ giọt; khuếch tán ánh sáng; màng nhà kính",
        "vật liệu mới",
    ),
    _c(
        "sương muối",
        "sương muối; mưa đá; rét; lạnh đột ngột; thời tiết; báo trước",
        "dự báo thời tiết; cảnh báo sương muối; mưa đá; tin nhắn; nông vụ",
        "công nghệ thông tin/IoT",
    ),
    _c(
        "nilon phủ luống",
        "nilon; ni lông; rác nhựa; bao nilon; màng phủ",
        "màng phủ; phân hủy sinh học; thay nilon; tái chế nhựa; nilon nông nghiệp",
        "vật liệu mới",
    ),
    # --- post-harvest (sau thu hoạch) ------------------------------------------------------------
    _c(
        "giữ tươi",
        "giữ tươi; héo úng; mau héo; mau hư; hư thối; để được lâu; giữ được lâu; chờ xe; vận chuyển xa; gửi đi xa",
        "bảo quản; kho lạnh; làm lạnh nhanh; chuỗi lạnh; bao bì MAP; kéo dài hạn dùng; giảm hao hụt",
        "bảo quản sau thu hoạch",
    ),
    _c(
        "hoa mau tàn",
        "mau tàn; lâu tàn; hoa rũ; cắm được ít ngày; hoa héo; độ bền hoa",
        "dưỡng hoa; độ bền hoa; bảo quản hoa; ức chế ethylene; dung dịch dưỡng hoa",
        "bảo quản sau thu hoạch",
    ),
    _c(
        "kho lạnh",
        "kho lạnh; tủ mát; trữ lạnh; phòng lạnh",
        "kho lạnh; chuỗi lạnh; làm lạnh nhanh; bảo quản rau",
        "bảo quản sau thu hoạch",
    ),
    _c(
        "phân loại đóng gói",
        "lựa trái; phân loại; lựa theo cỡ; đóng gói; lựa hàng",
        "máy phân loại; camera; sơ chế; đóng gói",
        "cơ giới hóa/nhà kính",
    ),
    # --- processing (chế biến) -----------------------------------------------------------------
    _c(
        "sấy",
        "sấy; phơi; làm khô; sấy khô; giữ màu; bị cháy",
        "máy sấy; sấy lạnh; sấy bơm nhiệt; sấy thăng hoa; giữ màu; chống mốc",
        "chế biến",
    ),
    _c(
        "hàng dạt",
        "bán không hết; bán không được; bị loại; trái loại; quả loại; hàng dạt; rớt giá; mất giá; dư thừa; ế; làm thành sản phẩm; làm sản phẩm",
        "chế biến sâu; tận dụng quả loại; sấy dẻo; mứt; giấm trái cây; sấy; giá trị gia tăng",
        "chế biến; thực phẩm",
    ),
    _c(
        "đồ uống",
        "nước uống; đóng chai; nước ép; đồ uống; trà túi lọc; trà",
        "đồ uống; nước giải khát; trà túi lọc; trích ly; nước cốt",
        "thực phẩm",
    ),
    _c(
        "sữa",
        "bò sữa; sữa tươi; sữa chua; phô mai",
        "sữa chua; phô mai; thanh trùng; chế biến quy mô nhỏ",
        "thực phẩm",
    ),
    _c(
        "rang cà phê",
        "rang; mẻ rang; rang đều",
        "máy rang cà phê; biên dạng rang; chất lượng đồng đều",
        "chế biến",
    ),
    _c(
        "cà phê đặc sản",
        "cà phê ngon; cà phê đặc sản; lên men cà phê; chế biến ướt; cà phê chất lượng",
        "cà phê đặc sản; chế biến ướt; lên men; Arabica",
        "chế biến",
    ),
    _c(
        "chè chế biến",
        "trà lên men; chè lên men; trà đặc sản; chế biến chè; bột trà",
        "chè lên men; chè Phổ Nhĩ; chế biến chè; chè hòa tan",
        "thực phẩm",
    ),
    _c(
        "an toàn thực phẩm",
        "an toàn thực phẩm; vệ sinh thực phẩm; vào siêu thị; hồ sơ công bố; giấy phép",
        "an toàn thực phẩm; HACCP; ISO 22000; tiêu chuẩn cơ sở; nhãn hàng hóa; chứng nhận",
        "other",
    ),
    # --- energy (năng lượng) -------------------------------------------------------------------
    _c(
        "tiền điện",
        "tiền điện; tốn điện; hóa đơn điện; điện cao; giảm điện; tiết kiệm điện",
        "tiết kiệm điện; đèn LED; điện mặt trời; biến tần; kiểm toán năng lượng; bơm nhiệt; hiệu quả năng lượng",
        "năng lượng",
    ),
    _c(
        "chong đèn",
        "chong đèn; thắp đèn; đèn cho hoa; đèn ruộng cúc; bóng đèn",
        "chong đèn hoa cúc; đèn LED; điều khiển ra hoa; hẹn giờ",
        "năng lượng",
    ),
    _c(
        "máy bơm",
        "máy bơm; bơm nước; sốc áp; bể ống; áp lực nước",
        "biến tần; máy bơm; áp lực ổn định; tiết kiệm điện",
        "năng lượng",
    ),
    _c(
        "đốt dầu",
        "đốt dầu; dầu diesel; tốn dầu; tốn củi; chất đốt; nhiên liệu; đốt vỏ; đốt trấu",
        "lò đốt sinh khối; thay dầu diesel; viên nén sinh khối; trấu; vỏ cà phê; tiết kiệm nhiên liệu",
        "năng lượng",
    ),
    _c(
        "nước nóng",
        "nước nóng; đun nước; bình nóng lạnh",
        "bơm nhiệt; nước nóng; tiết kiệm điện",
        "năng lượng",
    ),
    _c(
        "điện mặt trời",
        "mặt trời; pin mặt trời; điện mặt trời",
        "điện mặt trời; năng lượng mặt trời; áp mái",
        "năng lượng",
    ),
    # --- waste and environment (môi trường) ------------------------------------------------------
    _c(
        "mùi chuồng trại",
        "hôi; mùi hôi; bốc mùi; ruồi; chuồng trại; phân bò; phân heo; phân gà; chất thải chăn nuôi",
        "khử mùi chuồng trại; phân chuồng; chế phẩm vi sinh; chất thải chăn nuôi; trùn quế; biogas",
        "môi trường/xử lý chất thải; chế phẩm sinh học",
    ),
    _c(
        "nước thải",
        "nước thải; nước đen; xả thải; bị phạt môi trường; ô nhiễm nước",
        "xử lý nước thải; COD; BOD; vi sinh xử lý nước thải; keo tụ; bãi lọc thực vật",
        "môi trường/xử lý chất thải",
    ),
    _c(
        "phụ phẩm",
        "rác rau; lá rau; thân cây; phụ phẩm; rác nông nghiệp; vỏ cà phê; rơm; thối rữa; rác hữu cơ",
        "phụ phẩm; ủ phân hữu cơ; máy băm phụ phẩm; rác hữu cơ; giá thể; biochar",
        "môi trường/xử lý chất thải",
    ),
    _c(
        "bao bì thuốc",
        "vỏ bao thuốc; vỏ chai thuốc; bao bì thuốc; rác thải nguy hại",
        "bao bì thuốc BVTV; thu gom; rác thải nguy hại; tái chế nhựa",
        "môi trường/xử lý chất thải",
    ),
    # --- information technology (CNTT) ---------------------------------------------------------
    _c(
        "truy xuất nguồn gốc",
        "nguồn gốc; truy xuất; quét mã; mã QR; tem; tem nhãn; mã vạch",
        "truy xuất nguồn gốc; mã QR; tem nhãn; mã số mã vạch; chuỗi nông sản an toàn",
        "công nghệ thông tin/IoT",
    ),
    _c(
        "nhật ký sản xuất",
        "ghi sổ; sổ sách; nhật ký; ghi chép; sổ tay; quản lý vườn; quản lý trang trại",
        "nhật ký canh tác; nhật ký sản xuất; phần mềm quản lý; ứng dụng di động; quản lý trang trại",
        "công nghệ thông tin/IoT",
    ),
    _c(
        "công nợ",
        "công nợ; thu mua; kho vật tư; xã viên",
        "quản lý kho; công nợ; thu mua; phần mềm; hợp tác xã",
        "công nghệ thông tin/IoT",
    ),
    _c(
        "bán hàng trực tuyến",
        "bán qua mạng; bán online; bán trên mạng; sàn thương mại; giao hàng; đầu ra; tiêu thụ",
        "thương mại điện tử; kết nối tiêu thụ; bán hàng trực tuyến; logistics; bao tiêu; liên kết tiêu thụ",
        "công nghệ thông tin/IoT",
    ),
    # --- standards, certification, IP (tiêu chuẩn, sở hữu trí tuệ) -----------------------------------
    _c(
        "chứng nhận",
        "chứng nhận; đạt chuẩn; tiêu chuẩn; VietGAP; GlobalGAP; hữu cơ; organic",
        "chứng nhận; VietGAP; GlobalGAP; PGS; hữu cơ; tư vấn; hồ sơ nhật ký",
        "other",
    ),
    _c(
        "làm giả",
        "làm giả; hàng giả; nhái; giả mạo; thương hiệu; nhãn hiệu; bảo hộ",
        "nhãn hiệu tập thể; nhãn hiệu chứng nhận; sở hữu trí tuệ; chống giả mạo; bảo hộ",
        "other",
    ),
    _c(
        "xuất khẩu",
        "xuất khẩu; chính ngạch; Trung Quốc; xuất đi",
        "xuất khẩu chính ngạch; mã số vùng trồng; cơ sở đóng gói; phân tích dư lượng",
        "other",
    ),
    _c(
        "kiểm nghiệm",
        "kiểm tra dư lượng; xét nghiệm; kiểm nghiệm; thuốc trừ sâu còn; kim loại nặng",
        "phân tích dư lượng; kiểm nghiệm nông sản; kim loại nặng; an toàn thực phẩm",
        "other",
    ),
    # --- crops and products the province grows -------------------------------------------------
    _c(
        "dược liệu",
        "thuốc nam; cây thuốc; dược liệu; sâm; đương quy; đảng sâm; đinh lăng; atiso",
        "dược liệu; sơ chế dược liệu; GACP; nhân giống dược liệu",
        "y dược/dược liệu",
    ),
    _c(
        "nấm ăn",
        "nấm bào ngư; nấm linh chi; nấm rơm; nấm mèo; trồng nấm; meo giống; meo nấm",
        "nấm ăn; nấm dược liệu; meo giống; phòng nhân giống",
        "chế phẩm sinh học",
    ),
    _c(
        "đông trùng",
        "đông trùng; trùng thảo",
        "đông trùng hạ thảo; Cordyceps militaris; nuôi cấy",
        "y dược/dược liệu",
    ),
    _c(
        "cá nước lạnh",
        "cá hồi; cá tầm; nuôi cá; suối lạnh; nước lạnh",
        "cá nước lạnh; cá hồi vân; cá tầm; nuôi lồng",
        "other",
    ),
    _c(
        "lan",
        "hoa lan; lan hồ điệp; địa lan; nhà lan",
        "lan hồ điệp; địa lan; nhân giống lan; nhà lan",
        "nuôi cấy mô",
    ),
    _c(
        "hoa",
        "hoa hồng; hoa cúc; cát tường; đồng tiền; lily; cẩm chướng; hoa cắt cành",
        "hoa cắt cành; giống hoa; hoa Đà Lạt",
        "giống cây trồng",
    ),
    _c(
        "khay ươm",
        "gieo hạt; khay ươm; gieo khay; tốn hạt",
        "máy gieo hạt; khay ươm; vườn ươm; tiết kiệm hạt giống",
        "cơ giới hóa/nhà kính",
    ),
    _c(
        "phun ẩm",
        "phun ẩm; phun sương; tạo ẩm; khô cây con",
        "phun sương; giữ ẩm; vườn ươm; nhà lan",
        "tưới tiết kiệm",
    ),
    _c(
        "vận chuyển",
        "khuân vác; chở hàng; vận chuyển trong vườn; đẩy xe",
        "xe điện; vận chuyển; giảm công lao động",
        "cơ giới hóa/nhà kính",
    ),
    _c(
        "thiếu lao động",
        "thiếu người làm; thuê nhân công; tốn công; cực quá; làm tay",
        "cơ giới hóa; tự động; máy; giảm công lao động",
        "cơ giới hóa/nhà kính",
    ),
)


#: Crops and products, each with the group it belongs to. A need naming one is compared with the
#: crops an offer names: the same crop or group agrees, another crop differs, none is neutral.
CROPS: dict[str, str] = {
    "cà phê": "cà phê",
    "chè": "chè",
    "trà": "chè",
    "atiso": "dược liệu",
    "sâm": "dược liệu",
    "đương quy": "dược liệu",
    "đảng sâm": "dược liệu",
    "đinh lăng": "dược liệu",
    "dược liệu": "dược liệu",
    "cà chua": "rau",
    "cà rốt": "rau",
    "khoai tây": "rau",
    "bắp cải": "rau",
    "hành": "rau",
    "ớt": "rau",
    "rau": "rau",
    "dâu tây": "dâu tây",
    "hoa cúc": "hoa",
    "hoa hồng": "hoa",
    "cát tường": "hoa",
    "đồng tiền": "hoa",
    "lily": "hoa",
    "cẩm chướng": "hoa",
    "lan": "hoa",
    "hoa": "hoa",
    "bơ": "cây ăn quả",
    "sầu riêng": "cây ăn quả",
    "hồng": "cây ăn quả",
    "xoài": "cây ăn quả",
    "thanh long": "cây ăn quả",
    "cây ăn quả": "cây ăn quả",
    "dừa": "cây ăn quả",
    "mía": "mía",
    "lúa": "lúa",
    "ngô": "ngô",
    "bắp": "ngô",
    "dâu tằm": "dâu tằm",
    "tằm": "dâu tằm",
    "bò": "chăn nuôi",
    "heo": "chăn nuôi",
    "lợn": "chăn nuôi",
    "gà": "chăn nuôi",
    "cá": "thủy sản",
    "nấm": "nấm",
    "đông trùng": "nấm",
}


def crops_in(text: str, accented: bool = True) -> set[str]:
    """The crop groups a text names (whole words). With ``accented`` the marks must agree
    ("hồng" is not "hông"); without, a text typed without diacritics is compared folded."""
    from market.matching.text import fold

    words = _syllables(text)
    if not accented:
        hay = " " + " ".join(fold(w) for w in words) + " "
        return {group for crop, group in _FOLDED_CROPS.items() if " " + crop + " " in hay}
    hay = " " + " ".join(words) + " "
    return {group for crop, group in CROPS.items() if " " + crop + " " in hay}


def _folded_crops() -> dict[str, str]:
    from market.matching.text import fold

    return {fold(crop): group for crop, group in CROPS.items()}


_FOLDED_CROPS = _folded_crops()


def _syllables(text: str) -> list[str]:
    from market.matching.text import syllables

    return syllables(text)

"""The demo projects' data: Đà Lạt and Lâm Đồng S&T projects 2015–2025 (illustrative, written
for this demo). One row per project, kept on one line each so the table reads as a table."""

from __future__ import annotations

from typing import Any

from projects.models import ProjectKind, ProjectLevel, ScienceField

TOPIC, PILOT, STP, SCHEME = (
    ProjectKind.TOPIC,
    ProjectKind.PILOT_PRODUCTION,
    ProjectKind.ST_PROJECT,
    ProjectKind.SCHEME,
)
PROV, BASE, DIST, NAT = (
    ProjectLevel.PROVINCE,
    ProjectLevel.BASE,
    ProjectLevel.DISTRICT,
    ProjectLevel.NATIONAL,
)
AGRI, ENG, MED, SOC = (
    ScienceField.AGRICULTURAL,
    ScienceField.ENGINEERING,
    ScienceField.MEDICAL,
    ScienceField.SOCIAL,
)

# fmt: off
# (code, title, kind, level, field, host, principal investigator, list year, final state,
#  rating, budget in million VND (state, enterprise, other), applications, plan task)
# applications: (year, applier, place, ha, households, output, replication)
PROJECTS: list[tuple[Any, ...]] = [
    ("ĐT-2015-01", "Chọn tạo giống hoa cúc chịu nhiệt phục vụ sản xuất hoa cắt cành tại Đà Lạt", TOPIC, PROV, AGRI, "ttkrh", "TS. Nguyễn Văn Tùng", 2015, "registered", "kha", (1850, 0, 0),
     [(2018, "HTX Rau an toàn Xuân Hương", "Phường 11, Đà Lạt", "12.5", 40, "", False), (2019, "Các hộ trồng hoa xã Hiệp Thạnh", "Đức Trọng", "35", 120, "", True)], "II.3.a"),
    ("ĐT-2015-02", "Nhân giống in vitro cây atisô tím quy mô hàng hóa", TOPIC, PROV, AGRI, "dhdl", "PGS.TS. Trần Thị Lan", 2015, "registered", "xuat_sac", (1200, 300, 0),
     [(2018, "Công ty TNHH Atisô Thung Lũng", "Phường 12, Đà Lạt", "8", 0, "120.000 cây giống/năm", False), (2020, "Hộ nông dân Lạc Dương", "Lạc Dương", "20", 65, "", True)], "II.4.d"),
    ("ĐT-2015-03", "Điều tra hiện trạng thoái hóa đất trồng rau vùng ven nội thành Đà Lạt", TOPIC, BASE, AGRI, "skhcn", "ThS. Lê Minh Khoa", 2015, "accepted", "dat", (280, 0, 0), [], "II.3.a"),
    ("DA-2016-01", "Sản xuất thử nghiệm chế phẩm vi sinh xử lý phụ phẩm rau làm phân hữu cơ", PILOT, PROV, AGRI, "sinhhoc", "KS. Phạm Hồng Sơn", 2016, "registered", "kha", (900, 1100, 0),
     [(2019, "HTX Rau an toàn Xuân Hương", "Phường 11, Đà Lạt", "", 85, "600 tấn phân/năm", False), (2021, "HTX Dâu tây Thái Phiên", "Phường 12, Đà Lạt", "", 40, "250 tấn phân/năm", True)], "II.4.d"),
    ("ĐT-2016-02", "Xây dựng quy trình canh tác chè Ô long theo hướng hữu cơ tại Cầu Đất", TOPIC, PROV, AGRI, "tra", "KS. Đỗ Thị Hạnh", 2016, "registered", "kha", (950, 450, 0),
     [(2019, "Công ty Cổ phần Trà Đồi Mây", "Xuân Trường, Đà Lạt", "45", 0, "", False)], "II.3.a"),
    ("ĐT-2016-03", "Nghiên cứu bảo quản sau thu hoạch hoa hồng bằng dung dịch cắm lọ", TOPIC, BASE, AGRI, "hhhoa", "ThS. Vũ Ngọc Anh", 2016, "accepted", "dat", (250, 0, 40), [], "II.4.d"),
    ("ĐT-2017-01", "Ứng dụng chiếu xạ gamma tạo đột biến giống hoa đồng tiền", TOPIC, NAT, AGRI, "vnchn", "TS. Hoàng Quốc Bảo", 2017, "registered", "xuat_sac", (4200, 0, 0),
     [(2021, "Công ty TNHH Hoa Cao Nguyên Xanh", "Phường 8, Đà Lạt", "6", 0, "3 giống mới đưa vào sản xuất", False)], "II.4.d"),
    ("DA-2017-02", "Sản xuất thử nghiệm giống khoai tây sạch bệnh từ củ bi nuôi cấy mô", PILOT, PROV, AGRI, "ttkrh", "TS. Nguyễn Thị Bích", 2017, "registered", "kha", (1600, 400, 0),
     [(2020, "Hộ trồng khoai tây Tà Nung", "Tà Nung, Đà Lạt", "30", 90, "", False), (2022, "Hộ trồng khoai tây Đơn Dương", "Đơn Dương", "60", 150, "", True)], "II.3.a"),
    ("ĐT-2017-03", "Đánh giá hiệu quả mô hình du lịch nông nghiệp kết hợp trải nghiệm vườn hoa", TOPIC, BASE, SOC, "dhdl", "TS. Phan Thanh Tâm", 2017, "accepted", "dat", (220, 0, 0), [], "II.3.b"),
    ("ĐT-2018-01", "Chọn lọc và nhân giống cà phê chè năng suất cao cho vùng Lạc Dương", TOPIC, PROV, AGRI, "caphe", "KS. Ka Sô Ha Bin", 2018, "registered", "kha", (1100, 700, 0),
     [(2021, "Công ty TNHH Cà phê Sườn Núi", "Lạc Dương", "25", 0, "", False), (2022, "Hộ đồng bào K'Ho xã Đạ Sar", "Lạc Dương", "40", 110, "", True), (2023, "HTX cà phê Đưng K'Nớ", "Lạc Dương", "18", 45, "", True)], "II.3.a"),
    ("ĐT-2018-02", "Nghiên cứu thành phần hoạt chất và chuẩn hóa dược liệu đương quy trồng tại Lâm Đồng", TOPIC, PROV, MED, "duoclieu", "PGS.TS. Lâm Văn Hưng", 2018, "accepted", "kha", (1350, 500, 0), [], "II.3.a"),
    ("ĐT-2018-03", "Ứng dụng IoT giám sát tưới nhỏ giọt trong nhà kính trồng rau", TOPIC, BASE, ENG, "dhdl", "ThS. Trịnh Gia Huy", 2018, "registered", "kha", (300, 150, 0),
     [(2020, "HTX Rau an toàn Xuân Hương", "Phường 11, Đà Lạt", "3.5", 12, "", False)], "II.4.d"),
    ("DA-2019-01", "Hoàn thiện công nghệ sản xuất trà atisô túi lọc đạt tiêu chuẩn xuất khẩu", PILOT, PROV, ENG, "atiso", "KS. Nguyễn Hữu Phước", 2019, "registered", "kha", (800, 1200, 0),
     [(2022, "Công ty TNHH Atisô Thung Lũng", "Phường 12, Đà Lạt", "", 0, "40 tấn sản phẩm/năm", False)], "II.5.b"),
    ("ĐT-2019-02", "Xây dựng bộ chỉ dẫn địa lý cho sản phẩm hồng treo gió Đà Lạt", TOPIC, PROV, SOC, "skhcn", "ThS. Đặng Thu Trang", 2019, "accepted", "dat", (600, 0, 0), [], "II.5.b"),
    ("ĐT-2019-03", "Phòng trừ sinh học bệnh héo xanh trên cà chua bằng nấm đối kháng", TOPIC, BASE, AGRI, "ttkrh", "ThS. Hồ Minh Châu", 2019, "accepted", "kha", (260, 0, 0),
     [(2021, "Hộ trồng cà chua Phường 7", "Phường 7, Đà Lạt", "9", 30, "", False)], "II.4.d"),
    ("DA-2020-01", "Mô hình trồng dâu tây thủy canh hồi lưu quy mô nông hộ", STP, DIST, AGRI, "htxdau", "KS. Lý Thị Hoa", 2020, "registered", "xuat_sac", (450, 350, 120),
     [(2022, "HTX Dâu tây Thái Phiên", "Phường 12, Đà Lạt", "4", 25, "", False), (2023, "Hộ trồng dâu xã Xuân Thọ", "Xuân Thọ, Đà Lạt", "6", 38, "", True)], "II.3.a"),
    ("ĐT-2020-02", "Nghiên cứu nuôi trồng nấm đông trùng hạ thảo trên giá thể phụ phẩm", TOPIC, PROV, AGRI, "nam", "TS. Châu Ngọc Diệp", 2020, "accepted", "kha", (980, 620, 0), [], "II.4.d"),
    ("ĐT-2020-03", "Đánh giá chất lượng nước hồ Xuân Hương và đề xuất giải pháp cải thiện", TOPIC, PROV, ENG, "vnchn", "TS. Bùi Đức Thịnh", 2020, "failed", "khong_dat", (700, 0, 0), [], "II.3.b"),
    ("ĐT-2021-01", "Chuyển gen kháng virus khảm lá vào giống hoa lily", TOPIC, NAT, AGRI, "dhdl", "PGS.TS. Trần Thị Lan", 2021, "accepted", "dat", (3800, 0, 0), [], "II.4.d"),
    ("DA-2021-02", "Nhân rộng mô hình sản xuất rau ăn lá theo VietGAP cho hợp tác xã", STP, DIST, AGRI, "htxrau", "KS. Mai Văn Lộc", 2021, "registered", "kha", (520, 280, 150),
     [(2023, "HTX Rau an toàn Xuân Hương", "Phường 11, Đà Lạt", "22", 60, "", False), (2024, "Tổ hợp tác rau Trạm Hành", "Trạm Hành, Đà Lạt", "15", 34, "", True)], "II.3.a"),
    ("ĐT-2021-03", "Nghiên cứu chế biến cao khô lá atisô giàu cynarin", TOPIC, PROV, MED, "duoclieu", "TS. Lâm Văn Hưng", 2021, "accepted", "kha", (1150, 650, 0), [], "II.5.b"),
    ("ĐT-2021-04", "Ứng dụng ảnh vệ tinh theo dõi biến động diện tích nhà kính", TOPIC, BASE, ENG, "dhdl", "ThS. Trịnh Gia Huy", 2021, "cancelled", "", (320, 0, 0), [], "II.3.b"),
    ("DA-2022-01", "Sản xuất thử nghiệm giống hoa lan hồ điệp nuôi cấy mô", PILOT, PROV, AGRI, "hoa", "KS. Võ Thị Ngân", 2022, "registered", "kha", (900, 1300, 0),
     [(2024, "Công ty TNHH Hoa Cao Nguyên Xanh", "Phường 8, Đà Lạt", "2.5", 0, "200.000 cây/năm", False)], "II.4.d"),
    ("ĐT-2022-02", "Quy trình sấy lạnh rau củ giữ màu và vi chất cho doanh nghiệp nhỏ", TOPIC, BASE, ENG, "sinhhoc", "ThS. Phạm Hồng Sơn", 2022, "accepted", "dat", (280, 220, 0), [], "II.4.d"),
    ("ĐT-2022-03", "Tuyển chọn giống chè shan tuyết vùng cao Lâm Đồng", TOPIC, PROV, AGRI, "tra", "KS. Đỗ Thị Hạnh", 2022, "accepted", "kha", (1000, 300, 0),
     [(2024, "Công ty Cổ phần Trà Đồi Mây", "Xuân Trường, Đà Lạt", "10", 0, "", False)], "II.3.a"),
    ("ĐT-2022-04", "Xây dựng cơ sở dữ liệu nguồn gen cây dược liệu quý vùng Langbiang", TOPIC, PROV, MED, "dhdl", "TS. Hà Thị Quyên", 2022, "accepted", "xuat_sac", (1400, 0, 0), [], "II.4.c"),
    ("ĐT-2023-01", "Giải pháp truy xuất nguồn gốc hoa Đà Lạt bằng mã QR", TOPIC, BASE, ENG, "hhhoa", "ThS. Vũ Ngọc Anh", 2023, "registered", "kha", (350, 100, 50),
     [(2024, "Hiệp hội Hoa Đà Lạt", "Đà Lạt", "", 140, "140 cơ sở dán mã", False)], "II.5.b"),
    ("ĐT-2023-02", "Nghiên cứu sâu bệnh hại mới trên cây mắc ca trồng xen cà phê", TOPIC, PROV, AGRI, "caphe", "KS. Ka Sô Ha Bin", 2023, "accepted", "dat", (870, 200, 0), [], "II.3.a"),
    ("DA-2023-03", "Ứng dụng đèn LED điều khiển quang chu kỳ cho hoa cúc", STP, DIST, ENG, "hoa", "KS. Võ Thị Ngân", 2023, "suspended", "", (400, 400, 0), [], "II.4.d"),
    ("ĐT-2023-04", "Sản xuất chế phẩm sinh học từ vi khuẩn Bacillus phòng bệnh lở cổ rễ", TOPIC, PROV, AGRI, "sinhhoc", "TS. Nguyễn Văn Tùng", 2023, "in_progress", "", (950, 350, 0), [], "II.4.d"),
    ("ĐT-2024-01", "Đánh giá tác động của biến đổi khí hậu tới vùng trồng rau hoa Đà Lạt", TOPIC, PROV, SOC, "dhdl", "TS. Phan Thanh Tâm", 2024, "in_progress", "", (1250, 0, 0), [], "II.3.b"),
    ("ĐT-2024-02", "Quy trình nhân giống sâm Ngọc Linh trồng thử nghiệm dưới tán rừng Lâm Đồng", TOPIC, PROV, MED, "duoclieu", "PGS.TS. Lâm Văn Hưng", 2024, "in_progress", "", (1600, 800, 0), [], "II.4.d"),
    ("ĐT-2024-03", "Mô hình nông nghiệp tuần hoàn cho hộ trồng rau quy mô nhỏ", TOPIC, BASE, AGRI, "htxrau", "KS. Mai Văn Lộc", 2024, "contracted", "", (300, 60, 40), [], "II.3.a"),
    ("ĐT-2025-01", "Robot hái dâu tây trong nhà kính: thiết kế và thử nghiệm", TOPIC, PROV, ENG, "dhdl", "TS. Trịnh Gia Huy", 2025, "selected", "", (0, 0, 0), [], "II.4.d"),
    ("ĐT-2025-02", "Tạo giống hoa cẩm tú cầu đổi màu bằng kỹ thuật đột biến", TOPIC, PROV, AGRI, "vnchn", "TS. Hoàng Quốc Bảo", 2025, "listed", "", (0, 0, 0), [], "II.4.d"),
    ("ĐT-2025-03", "Nghiên cứu thị trường tín chỉ carbon cho rừng thông Đà Lạt", TOPIC, PROV, SOC, "skhcn", "ThS. Đặng Thu Trang", 2025, "listed", "", (0, 0, 0), [], "II.5.a"),
    ("", "Ứng dụng trí tuệ nhân tạo nhận diện bệnh trên lá cà phê", TOPIC, PROV, ENG, "caphe", "", 2026, "proposed", "", (0, 0, 0), [], "II.4.d"),
    ("", "Hoàn thiện quy trình chế biến cà phê đặc sản lên men", PILOT, PROV, ENG, "caphe", "", 2026, "proposed", "", (0, 0, 0), [], "II.3.a"),
    ("", "Đề án phát triển thương hiệu tập thể rau Đà Lạt giai đoạn 2026–2030", SCHEME, BASE, SOC, "htxrau", "", 2026, "proposed", "", (0, 0, 0), [], "II.5.b"),
    ("", "Sáng kiến số hóa sổ tay nhật ký canh tác cho hộ trồng hoa", ProjectKind.INITIATIVE, BASE, ENG, "hhhoa", "", 2026, "draft", "", (0, 0, 0), [], "II.5.b"),
]
# fmt: on

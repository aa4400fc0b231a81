"""Demo accounts, one per real role. Passwords are public (README) and refused in production."""

from __future__ import annotations

from accounts.demo_passwords import DEMO_PASSWORDS
from accounts.models import Membership, Role, User
from orgunits.models import OrgUnit

# username → (full name, job title, unit code, role)
ACCOUNTS: dict[str, tuple[str, str, str | None, str | None]] = {
    "admin": ("Quản trị hệ thống", "Quản trị viên", None, None),
    "theodoi": (
        "Nguyễn Thị Thu Hà",
        "Chuyên viên Ban Tuyên giáo Thành ủy",
        "BTG-TU-DL",
        Role.MONITOR,
    ),
    "ubnd": ("Trần Văn Minh", "Phó Trưởng phòng Kinh tế thành phố", "UBND-DL", Role.MANAGER),
    "donvi": ("Lê Thị Mai", "Văn phòng Đảng ủy Phường 1", "DB-phuong-1", Role.REPORTER),
    "mttq": ("Phạm Quốc Dũng", "Phó Chủ tịch Ủy ban MTTQ thành phố", "MTTQ-DL", Role.SUPERVISOR),
    "ngoai": (
        "Hoàng Văn Nam",
        "Chuyên viên Trung tâm Y tế khu vực Bảo Lộc",
        "TTYT-BL",
        Role.REPORTER,
    ),
    # The leader of the city's issuing body: approves and signs the compiled reviews.
    "lanhdao": (
        "Đặng Quang Vinh",
        "Phó Bí thư Thường trực Thành ủy Đà Lạt",
        "BTV-TU-DL",
        Role.LEADER,
    ),
}
# Extra memberships that give the demo its texture: the unit leader who approves reports
# (signs in with the password in README).
EXTRA = [("donvi_lanhdao", "Đỗ Văn Hùng", "Bí thư Đảng ủy Phường 1", "DB-phuong-1", Role.LEADER)]
# Personas of units that exist today (from 01/07/2025, after the two-level local government
# reform): the accounts above belong to bodies dissolved on 30/06/2025 and show the history.
# Đảng ủy phường Xuân Hương - Đà Lạt took over Phường 1, 2 and 10; UBND phường Xuân Hương - Đà
# Lạt took over part of the city government's duties.
CURRENT = [
    (
        "phuong",
        "Ngô Thị Lan",
        "Văn phòng Đảng ủy phường Xuân Hương - Đà Lạt",
        "DU-xuan-huong",
        Role.REPORTER,
    ),
    (
        "phuong_lanhdao",
        "Vũ Minh Tuấn",
        "Bí thư Đảng ủy phường Xuân Hương - Đà Lạt",
        "DU-xuan-huong",
        Role.LEADER,
    ),
    (
        "ubndphuong",
        "Phan Thị Hồng",
        "Phó Chủ tịch Ủy ban nhân dân phường Xuân Hương - Đà Lạt",
        "UBND-xuan-huong",
        Role.MANAGER,
    ),
    # The Front committee of the same ward (successor of the city's, dissolved 30/06/2025):
    # supervises the ward's Party committee and government today.
    (
        "mttqphuong",
        "Lâm Thị Hạnh",
        "Phó Chủ tịch Ủy ban MTTQ Việt Nam phường Xuân Hương - Đà Lạt",
        "MTTQ-xuan-huong",
        Role.SUPERVISOR,
    ),
]


def load(units: dict[str, OrgUnit]) -> dict[str, User]:
    users: dict[str, User] = {}
    for username, (full_name, title, unit_code, role) in ACCOUNTS.items():
        user = User(
            username=username,
            full_name=full_name,
            job_title=title,
            email=f"{username}@khcn.example.vn",
        )
        if username == "admin":
            user.is_superuser = user.is_staff = True
        user.set_password(DEMO_PASSWORDS[username])
        user.save()
        users[username] = user
        if unit_code and role:
            Membership.objects.create(user=user, unit=units[unit_code], role=role)
    for username, full_name, title, unit_code, role in [*EXTRA, *CURRENT]:
        user = User(
            username=username,
            full_name=full_name,
            job_title=title,
            email=f"{username}@khcn.example.vn",
        )
        # A published password when there is one: the unit leader signs in to approve reports.
        if username in DEMO_PASSWORDS:
            user.set_password(DEMO_PASSWORDS[username])
        else:
            user.set_unusable_password()
        user.save()
        users[username] = user
        Membership.objects.create(user=user, unit=units[unit_code], role=role)
    return users

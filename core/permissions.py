"""Who may do what: roles, and every capability (quyền) mapped to roles, in one place.

A capability (quyền) names one thing a person may do — "edit a plan", "file a report",
"accept a report". Code asks ``scope.can(capability, unit_path)``, never "does this user hold
role X", so the question "who may do this?" has one answer, in one module, and a new app only
declares its capabilities there.

To add a capability for a new app, declare it at the end of this module with the roles that
grant it, and use it from that app's model predicates and actions; nothing else changes. This
module sits in ``core`` so that every app, down to ``orgunits``, can ask; roles are stored on
memberships in ``accounts``, which builds each user's scope (``accounts.scoping``).
``docs/architecture.md`` shows the table this module describes.

A capability is held in three ways, mirroring how the organisation works:
- ``roles``: a membership with one of these roles in the unit or one of its ancestors (a
  manager of the city government edits plans of every ward below it);
- ``everywhere``: a membership with one of these roles anywhere grants it over the whole tree
  (the monitoring office, "theo dõi, tổng hợp", acts for the whole plan);
- ``superuser``: the system administrator holds it, unless the capability is one that only a
  unit's own people exercise (a unit's report is filed and signed by that unit, not by IT).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Capability:
    """One named permission, mapped to the roles that grant it."""

    code: str
    label: Any  # a lazy translation: shown in docs and the admin
    roles: frozenset[str] = field(default_factory=frozenset)
    everywhere: frozenset[str] = field(default_factory=frozenset)
    superuser: bool = True

    def __str__(self) -> str:
        return self.code

    @property
    def all_roles(self) -> frozenset[str]:
        """Every role that grants this capability somewhere (for ``role__in`` queries)."""
        return self.roles | self.everywhere


class Role(models.TextChoices):
    """A person's role in a unit (vai trò); stored on memberships (accounts)."""

    MONITOR = "monitor", _("Theo dõi, tổng hợp (toàn bộ kế hoạch)")
    MANAGER = "manager", _("Quản lý kế hoạch, nhiệm vụ")
    LEADER = "leader", _("Lãnh đạo đơn vị (phê duyệt báo cáo)")
    REPORTER = "reporter", _("Cán bộ báo cáo của đơn vị")
    SUPERVISOR = "supervisor", _("Giám sát, phản biện xã hội")
    VIEWER = "viewer", _("Chỉ xem")


# Roles of a unit that write its plans, tasks and reports. The supervisor (MTTQ) and viewers
# only read.
_UNIT_WRITERS = frozenset({Role.MANAGER, Role.LEADER, Role.REPORTER})
_MONITORING = frozenset({Role.MONITOR})

SEE_EVERYTHING = Capability(
    "see_everything",
    _("Xem toàn bộ kế hoạch, đơn vị và báo cáo (theo dõi, tổng hợp)"),
    everywhere=_MONITORING,
)
MANAGE_UNITS = Capability(
    "manage_units",
    _("Quản lý danh mục đơn vị (thêm, sửa, sáp nhập, chia tách)"),
    everywhere=_MONITORING,
)
MANAGE_MEMBERS = Capability(
    "manage_members",
    _("Phân quyền người dùng trong đơn vị (không cấp vai trò xem toàn bộ)"),
    roles=frozenset({Role.MANAGER}),
    everywhere=_MONITORING,
)
REGISTER_DOCUMENT = Capability(
    "register_document",
    _("Đăng ký văn bản vào sổ văn bản và ghi trích dẫn"),
    roles=_UNIT_WRITERS,
    everywhere=_MONITORING,
)
EDIT_PLAN = Capability(
    "edit_plan",
    _("Lập và sửa kế hoạch, nhiệm vụ của đơn vị; nhập văn bản thành kế hoạch"),
    roles=_UNIT_WRITERS,
    everywhere=_MONITORING,
)
EDIT_LED_TASK = Capability(
    "edit_led_task",
    _("Sửa nhiệm vụ do đơn vị mình chủ trì"),
    roles=frozenset({Role.MANAGER, Role.LEADER}),
    everywhere=_MONITORING,
)
FILE_REPORT = Capability(
    "file_report",
    _("Viết và gửi báo cáo của đơn vị; nhận nhắc hạn báo cáo"),
    roles=_UNIT_WRITERS,
    # A unit's report is written by that unit's own people, not by the administrator.
    superuser=False,
)
APPROVE_REPORT = Capability(
    "approve_report",
    _("Lãnh đạo đơn vị duyệt báo cáo trước khi gửi; nhận báo cáo vượt cấp khi quá hạn"),
    roles=frozenset({Role.LEADER}),
    superuser=False,
)
ACCEPT_REPORT = Capability(
    "accept_report",
    _("Tiếp nhận hoặc trả lại báo cáo của đơn vị; theo dõi vướng mắc"),
    roles=_UNIT_WRITERS,
    everywhere=_MONITORING,
)
ENTER_INDICATORS = Capability(
    "enter_indicators",
    _("Nhập số liệu chỉ tiêu của đơn vị"),
    roles=_UNIT_WRITERS,
)
SEND_REMINDERS = Capability(
    "send_reminders",
    _("Đôn đốc, nhắc hạn báo cáo các đơn vị thực hiện kế hoạch"),
    roles=frozenset({Role.MANAGER}),
    everywhere=_MONITORING,
)
COMPILE_REVIEW = Capability(
    "compile_review",
    _("Tổng hợp và sửa dự thảo báo cáo sơ kết, tổng kết của kế hoạch"),
    roles=_UNIT_WRITERS,
    everywhere=_MONITORING,
)
EDIT_ORGANISATIONS = Capability(
    "edit_organisations",
    _("Thêm, sửa tổ chức trong danh bạ (tổ chức gắn với đơn vị của mình; toàn bộ: theo dõi)"),
    roles=_UNIT_WRITERS,
    everywhere=_MONITORING,
)
PROPOSE_PROJECT = Capability(
    "propose_project",
    _("Đề xuất nhiệm vụ KH&CN, sửa đề xuất nháp và báo cáo ứng dụng kết quả của đơn vị"),
    roles=_UNIT_WRITERS,
    everywhere=_MONITORING,
)
MANAGE_PROJECTS = Capability(
    "manage_projects",
    _(
        "Quản lý nhiệm vụ KH&CN mà đơn vị là cơ quan quản lý: xét chọn, hợp đồng, kiểm tra, "
        "điều chỉnh, nghiệm thu, đăng ký kết quả"
    ),
    roles=frozenset({Role.MANAGER, Role.LEADER}),
    everywhere=_MONITORING,
)
POST_LISTING = Capability(
    "post_listing",
    _("Đăng chào bán công nghệ, nhu cầu công nghệ của đơn vị; yêu cầu kết nối"),
    roles=_UNIT_WRITERS,
    everywhere=_MONITORING,
)
BROKER_CONNECTIONS = Capability(
    "broker_connections",
    _("Môi giới kết nối cung – cầu: xem xét yêu cầu, giới thiệu, ghi nhận gặp gỡ và hợp đồng"),
    everywhere=_MONITORING,
)
EDIT_ST_REGISTRIES = Capability(
    "edit_st_registries",
    _(
        "Thêm, sửa hồ sơ trong các sổ KH&CN (sản phẩm, văn bằng sở hữu trí tuệ, sự kiện, "
        "chuyên gia, hợp tác) của đơn vị mình; toàn bộ: theo dõi"
    ),
    roles=_UNIT_WRITERS,
    everywhere=_MONITORING,
)
MANAGE_PERSONAL_DATA = Capability(
    "manage_personal_data",
    _(
        "Xem đầy đủ, xuất và ẩn danh dữ liệu cá nhân của chuyên gia do đơn vị mình quản lý "
        "(Nghị định 13/2023/NĐ-CP); toàn bộ: theo dõi"
    ),
    roles=frozenset({Role.MANAGER, Role.LEADER}),
    everywhere=_MONITORING,
)

USE_SECOND_FACTOR = Capability(
    "use_second_factor",
    _("Bật xác thực hai bước (mã OTP theo thời gian) cho tài khoản của mình"),
    everywhere=_MONITORING,
)
APPROVE_REVIEW = Capability(
    "approve_review",
    _("Lãnh đạo cơ quan ban hành duyệt báo cáo sơ kết, tổng kết"),
    roles=frozenset({Role.LEADER}),
    # The report goes out over a leader's signature: neither the monitoring office that
    # compiled it nor the system administrator approves it.
    superuser=False,
)
PUBLISH_REVIEW = Capability(
    "publish_review",
    _("Công khai (hoặc thôi công khai) báo cáo sơ kết, tổng kết đã duyệt trên cổng công khai"),
    roles=frozenset({Role.LEADER}),
    everywhere=_MONITORING,
    # Putting an official report before the public is the issuing body's decision (its leader,
    # or the monitoring office acting for the plan), not the system administrator's.
    superuser=False,
)
SET_TARGETS = Capability(
    "set_targets",
    _("Đặt mục tiêu chỉ tiêu KH&CN cho đơn vị"),
    roles=frozenset({Role.MANAGER, Role.LEADER}),
    everywhere=_MONITORING,
)
EDIT_INDICATORS = Capability(
    "edit_indicators",
    _("Sửa định nghĩa chỉ tiêu KH&CN (tính chất thời gian, loại đơn vị áp dụng)"),
    # The catalogue is shared by every unit: only the office that manages it (the monitoring
    # office) changes a definition, not a unit's manager.
    everywhere=_MONITORING,
)
SUPERVISE = Capability(
    "supervise",
    _(
        "Giám sát (Mặt trận, đoàn thể): lập chương trình, cuộc giám sát, đoàn giám sát; "
        "kiến nghị, đóng hoặc mở lại kiến nghị; công khai kết luận"
    ),
    roles=frozenset({Role.SUPERVISOR}),
)
ANSWER_RECOMMENDATION = Capability(
    "answer_recommendation",
    _("Trả lời kiến nghị giám sát gửi đơn vị; nhận nhắc hạn trả lời"),
    roles=frozenset({Role.MANAGER, Role.LEADER}),
    # The unit answers for itself, not the administrator.
    superuser=False,
)

CAPABILITIES: tuple[Capability, ...] = (
    SEE_EVERYTHING,
    MANAGE_UNITS,
    MANAGE_MEMBERS,
    REGISTER_DOCUMENT,
    EDIT_PLAN,
    EDIT_LED_TASK,
    FILE_REPORT,
    APPROVE_REPORT,
    ACCEPT_REPORT,
    ENTER_INDICATORS,
    SEND_REMINDERS,
    COMPILE_REVIEW,
    EDIT_ORGANISATIONS,
    PROPOSE_PROJECT,
    MANAGE_PROJECTS,
    POST_LISTING,
    BROKER_CONNECTIONS,
    USE_SECOND_FACTOR,
    APPROVE_REVIEW,
    PUBLISH_REVIEW,
    SET_TARGETS,
    EDIT_INDICATORS,
    EDIT_ST_REGISTRIES,
    MANAGE_PERSONAL_DATA,
    SUPERVISE,
    ANSWER_RECOMMENDATION,
)

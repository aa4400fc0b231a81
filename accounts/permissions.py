"""Who may do what: every capability (quyền) of the platform, mapped to roles, in one place.

Code asks ``scope_for(user).can(EDIT_PLAN, unit.path)`` (or a model predicate that does), never
"does this user hold role X". To add a capability for a new app, declare it here with the roles
that grant it and use it from that app's model predicates and actions; nothing else changes.
``docs/architecture.md`` shows the table this module describes.

How a capability is held (``core.permissions``): ``roles`` over the member's unit and its
subtree, ``everywhere`` for roles that act for the whole tree, ``superuser`` for the system
administrator.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from core.permissions import Capability

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
    _("Phân quyền người dùng trong đơn vị"),
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
    _("Tổng hợp, sửa và phê duyệt báo cáo sơ kết, tổng kết của kế hoạch"),
    roles=_UNIT_WRITERS,
    everywhere=_MONITORING,
)

CAPABILITIES: tuple[Capability, ...] = (
    SEE_EVERYTHING,
    MANAGE_UNITS,
    MANAGE_MEMBERS,
    EDIT_PLAN,
    EDIT_LED_TASK,
    FILE_REPORT,
    APPROVE_REPORT,
    ACCEPT_REPORT,
    ENTER_INDICATORS,
    SEND_REMINDERS,
    COMPILE_REVIEW,
)

"""Named, transactional writes for S&T projects (nhiệm vụ KH&CN).

Each action checks its predicate (``projects.rules``), claims the project's version, moves the
status machine only along ``models.TRANSITIONS`` (a ``StatusChange`` row per move: the
timeline) and writes its audit row. Records that exist only as part of a project (councils,
budget lines, disbursements, checks, adjustments, applications) are written by the action of
the step they belong to and audited on the project.
"""

from core.errors import ActionError, NotAllowed
from projects.actions.common import Budget, CouncilInput, Person
from projects.actions.lifecycle import (
    accept_project,
    cancel_project,
    create_project,
    list_project,
    register_result,
    resume_project,
    select_project,
    sign_contract,
    start_project,
    submit_proposal,
    suspend_project,
    update_proposal,
)
from projects.actions.records import (
    import_project,
    record_adjustment,
    record_application,
    record_disbursement,
    record_progress_check,
)
from projects.actions.team import change_budget, link_documents, update_team

__all__ = [
    "ActionError",
    "Budget",
    "CouncilInput",
    "NotAllowed",
    "Person",
    "accept_project",
    "cancel_project",
    "change_budget",
    "create_project",
    "import_project",
    "link_documents",
    "list_project",
    "record_adjustment",
    "record_application",
    "record_disbursement",
    "record_progress_check",
    "register_result",
    "resume_project",
    "select_project",
    "sign_contract",
    "start_project",
    "submit_proposal",
    "suspend_project",
    "update_proposal",
    "update_team",
]

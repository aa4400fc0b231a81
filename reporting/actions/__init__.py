"""Named, transactional writes of the reporting cycle, one module per aggregate:

- ``rounds``: the calendar — schedules, rounds and the unit reports derived for a round;
- ``reports``: a unit report's life — save, submit, approve, return, accept, apply progress;
- ``issues``: the register of difficulties and proposals (vướng mắc, kiến nghị);
- ``evidence``: files attached to a report (minh chứng).

The first two are re-exported here because they are the cycle's vocabulary
(``reporting.actions.submit_report``); issues and evidence are addressed by module.
"""

from reporting.actions.reports import (
    ReportConflict,
    accept_report,
    add_revision,
    apply_task_progress,
    approve_report,
    report_content,
    return_report,
    save_report,
    send_back_to_drafting,
    submit_report,
)
from reporting.actions.rounds import (
    create_round,
    create_schedule,
    derive_reports,
    derive_rounds_later,
    generate_rounds,
    open_current_rounds,
    round_tasks,
)

__all__ = [
    "ReportConflict",
    "accept_report",
    "add_revision",
    "apply_task_progress",
    "approve_report",
    "create_round",
    "create_schedule",
    "derive_reports",
    "derive_rounds_later",
    "generate_rounds",
    "open_current_rounds",
    "report_content",
    "return_report",
    "round_tasks",
    "save_report",
    "send_back_to_drafting",
    "submit_report",
]

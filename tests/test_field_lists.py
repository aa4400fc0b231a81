"""Each model's editable fields are listed once (``EDITABLE_FIELDS``); forms, serializers and
the API's write input follow that list instead of keeping copies that drift apart."""

from __future__ import annotations

from orgunits.forms import OrgUnitForm
from orgunits.models import OrgUnit
from plans.api.serializers import PlanSerializer, TaskSerializer, TaskWriteSerializer
from plans.forms import PlanForm, TaskForm
from plans.models import Plan, Task
from reporting.api.serializers import IssueSerializer, TaskReportSerializer
from reporting.forms import IssueForm, SectionForm
from reporting.models import Issue, TaskReport


def test_forms_edit_exactly_the_models_editable_fields() -> None:
    assert tuple(PlanForm.Meta.fields) == Plan.EDITABLE_FIELDS
    assert tuple(TaskForm.Meta.fields) == Task.EDITABLE_FIELDS
    assert tuple(IssueForm.Meta.fields) == Issue.EDITABLE_FIELDS
    assert tuple(SectionForm.Meta.fields) == TaskReport.EDITABLE_FIELDS
    # The aliases are typed as one line of text and cleaned into the list.
    assert set(OrgUnitForm.Meta.fields) | {"aliases"} == set(OrgUnit.EDITABLE_FIELDS)


def test_serializers_show_every_editable_field() -> None:
    for serializer, model in (
        (PlanSerializer, Plan),
        (TaskSerializer, Task),
        (IssueSerializer, Issue),
        (TaskReportSerializer, TaskReport),
    ):
        assert set(model.EDITABLE_FIELDS) <= set(serializer.Meta.fields), serializer


def test_the_task_write_input_accepts_only_editable_fields() -> None:
    extra = {"lead_units", "cooperating_units", "milestones", "version"}
    assert set(TaskWriteSerializer().fields) - extra <= set(Task.EDITABLE_FIELDS)

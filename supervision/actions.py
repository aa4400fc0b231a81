"""Named, transactional writes of supervision (giám sát).

Each action checks who may do it, claims the version of versioned rows, writes, writes its audit
row and tells the people concerned. A recommendation moves open → answered → closed; the Front
may close an open one (withdrawn) and re-open an answered or closed one.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, User
from audit.log import diff, record, snapshot
from core.errors import ActionError, NotAllowed
from core.locking import claim_version
from core.permissions import ANSWER_RECOMMENDATION, EDIT_PLAN, SUPERVISE
from core.scoping import scope_for
from notifications.actions import notify
from supervision.models import (
    Critique,
    CritiqueComment,
    CritiquePoint,
    CritiqueStatus,
    Programme,
    Recommendation,
    RecommendationStatus,
    ResponseKind,
    Supervision,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from orgunits.models import OrgUnit
    from plans.models import Plan, Task

MAX_TEXT = 20_000
MAX_YEARS_AHEAD = 5


# --- predicates ---------------------------------------------------------------------------


def can_supervise(user: User | AnonymousUser | None, organiser: OrgUnit | None = None) -> bool:
    if user is None or not user.is_authenticated:
        return False
    scope = scope_for(user)
    return scope.can(SUPERVISE, organiser.path) if organiser is not None else scope.can(SUPERVISE)


def can_manage(user: User | AnonymousUser | None, supervision: Supervision) -> bool:
    return can_supervise(user, supervision.programme.organiser)


def can_answer(user: User | AnonymousUser | None, rec: Recommendation) -> bool:
    if user is None or not user.is_authenticated or rec.status != RecommendationStatus.OPEN:
        return False
    return scope_for(user).can(ANSWER_RECOMMENDATION, rec.unit.path)


def answerers(unit: OrgUnit) -> list[User]:
    """The unit's own people who answer recommendations (and get the reminders); the wider
    tree above it is not told of every recommendation."""
    return list(
        User.objects.filter(
            is_active=True,
            pk__in=Membership.objects.filter(
                is_active=True, unit=unit, role__in=ANSWER_RECOMMENDATION.roles
            ).values("user_id"),
        )
    )


def granted_paths(user_id: int, day: datetime.date | None = None) -> list[str]:
    """Grant provider for ``core.scoping``: the units a team member reads today, read-only."""
    day = day or timezone.localdate()
    return [
        path
        for path in Supervision.objects.filter(
            team__id=user_id, period_start__lte=day, period_end__gte=day
        ).values_list("supervised_units__path", flat=True)
        if path
    ]


# --- helpers ------------------------------------------------------------------------------


def _text(value: str, label: str, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ActionError(_("Chưa nhập %(f)s.") % {"f": label})
    if len(value) > MAX_TEXT:
        raise ActionError(_("%(f)s quá dài (tối đa %(n)s ký tự).") % {"f": label, "n": MAX_TEXT})
    return value


def _check_period(start: datetime.date, end: datetime.date) -> None:
    if end < start:
        raise ActionError(_("Ngày kết thúc giám sát phải sau ngày bắt đầu."))
    today = timezone.localdate()
    if start.year < 1990 or end.year > today.year + MAX_YEARS_AHEAD:
        raise ActionError(_("Thời gian giám sát không hợp lý."))


def _grant_changes(supervision: Supervision) -> dict[str, Any]:
    """What the audit keeps of a grant: who reads which units, from when to when."""
    return {
        "grant": [
            None,
            {
                "team": sorted(u.username for u in supervision.team.all()),
                "units": sorted(u.code for u in supervision.supervised_units.all()),
                "from": supervision.period_start.isoformat(),
                "to": supervision.period_end.isoformat(),
            },
        ]
    }


def _link(obj: Supervision | Recommendation) -> str:
    name = "supervision:detail" if isinstance(obj, Supervision) else "supervision:recommendation"
    return reverse(name, kwargs={"pk": obj.pk})


# --- programmes and supervisions ----------------------------------------------------------


@transaction.atomic
def create_programme(
    user: User, *, organiser: OrgUnit, year: int, title: str, note: str = ""
) -> Programme:
    if not can_supervise(user, organiser):
        raise NotAllowed()
    if not 1990 <= year <= timezone.localdate().year + MAX_YEARS_AHEAD:
        raise ActionError(_("Năm của chương trình không hợp lý."))
    if Programme.objects.filter(organiser=organiser, year=year).exists():
        raise ActionError(_("Đơn vị đã có chương trình giám sát năm %(y)s.") % {"y": year})
    programme = Programme.objects.create(
        organiser=organiser,
        year=year,
        title=_text(title, _("tên chương trình")),
        note=_text(note, _("ghi chú"), required=False),
        created_by=user,
    )
    record(user, "supervision.programme.create", programme, {"year": [None, year]})
    return programme


@transaction.atomic
def create_supervision(
    user: User,
    programme: Programme,
    *,
    subject: str,
    legal_basis: str,
    form: str,
    period_start: datetime.date,
    period_end: datetime.date,
    supervised_units: Iterable[OrgUnit],
    team: Iterable[User],
) -> Supervision:
    if not can_supervise(user, programme.organiser):
        raise NotAllowed()
    _check_period(period_start, period_end)
    units, members = list(supervised_units), list(team)
    if not units:
        raise ActionError(_("Chọn ít nhất một đơn vị chịu sự giám sát."))
    supervision = Supervision.objects.create(
        programme=programme,
        subject=_text(subject, _("nội dung giám sát")),
        legal_basis=_text(legal_basis, _("căn cứ"), required=False),
        form=form,
        period_start=period_start,
        period_end=period_end,
        created_by=user,
    )
    supervision.supervised_units.set(units)
    supervision.team.set(members)
    record(user, "supervision.create", supervision, _grant_changes(supervision))
    return supervision


@transaction.atomic
def update_supervision(
    user: User,
    supervision: Supervision,
    *,
    expected_version: int,
    supervised_units: Iterable[OrgUnit],
    team: Iterable[User],
    **fields: Any,
) -> Supervision:
    if not can_manage(user, supervision):
        raise NotAllowed()
    claim_version(supervision, expected_version)
    before = snapshot(supervision, Supervision.EDITABLE_FIELDS)
    for name in Supervision.EDITABLE_FIELDS:
        if name in fields:
            setattr(supervision, name, fields[name])
    supervision.subject = _text(supervision.subject, _("nội dung giám sát"))
    _check_period(supervision.period_start, supervision.period_end)
    units = list(supervised_units)
    if not units:
        raise ActionError(_("Chọn ít nhất một đơn vị chịu sự giám sát."))
    supervision.save()
    supervision.supervised_units.set(units)
    supervision.team.set(list(team))
    changes = diff(before, snapshot(supervision, Supervision.EDITABLE_FIELDS))
    changes.update(_grant_changes(supervision))  # the grant as it now stands
    record(user, "supervision.update", supervision, changes)
    return supervision


@transaction.atomic
def publish_conclusion(
    user: User, supervision: Supervision, *, expected_version: int, conclusion: str, publish: bool
) -> Supervision:
    """Write the conclusion (kết luận giám sát) and choose whether the portal shows it."""
    if not can_manage(user, supervision):
        raise NotAllowed()
    claim_version(supervision, expected_version)
    text = _text(conclusion, _("kết luận giám sát"), required=publish)
    before = {"conclusion": supervision.conclusion, "published": supervision.conclusion_published}
    supervision.conclusion = text
    supervision.conclusion_published = publish
    supervision.published_at = timezone.now() if publish else None
    supervision.save(
        update_fields=["conclusion", "conclusion_published", "published_at", "updated_at"]
    )
    record(
        user,
        "supervision.conclusion",
        supervision,
        diff(before, {"conclusion": text, "published": publish}),
    )
    return supervision


# --- recommendations ----------------------------------------------------------------------


@transaction.atomic
def issue_recommendation(
    user: User,
    supervision: Supervision,
    *,
    unit: OrgUnit,
    finding: str,
    text: str,
    due_date: datetime.date,
) -> Recommendation:
    if not can_manage(user, supervision):
        raise NotAllowed()
    if not supervision.supervised_units.filter(pk=unit.pk).exists():
        raise ActionError(_("Kiến nghị chỉ gửi đơn vị chịu sự giám sát của cuộc giám sát này."))
    today = timezone.localdate()
    if due_date < today or due_date.year > today.year + MAX_YEARS_AHEAD:
        raise ActionError(_("Hạn trả lời phải từ hôm nay trở đi và không quá xa."))
    rec = Recommendation.objects.create(
        supervision=supervision,
        unit=unit,
        finding=_text(finding, _("phát hiện qua giám sát")),
        text=_text(text, _("kiến nghị")),
        due_date=due_date,
        created_by=user,
    )
    record(user, "supervision.recommendation.issue", rec, snapshot(rec, rec.EDITABLE_FIELDS))
    notify(
        answerers(unit),
        title=_("Kiến nghị giám sát của %(org)s, hạn trả lời %(d)s")
        % {"org": supervision.programme.organiser, "d": due_date.strftime("%d/%m/%Y")},
        body=rec.text[:500],
        link=_link(rec),
        about=rec,
    )
    return rec


@transaction.atomic
def answer_recommendation(
    user: User, rec: Recommendation, *, expected_version: int, kind: str, response: str
) -> Recommendation:
    if not can_answer(user, rec):
        raise NotAllowed()
    if kind not in ResponseKind.values:
        raise ActionError(_("Hình thức trả lời không hợp lệ."))
    claim_version(rec, expected_version)
    rec.response_kind = kind
    rec.response = _text(response, _("nội dung trả lời"))
    rec.status = RecommendationStatus.ANSWERED
    rec.answered_at = timezone.now()
    rec.answered_by = user
    rec.save()
    record(
        user,
        "supervision.recommendation.answer",
        rec,
        {"status": [RecommendationStatus.OPEN, rec.status], "response_kind": [None, kind]},
    )
    supervision = rec.supervision
    notify(
        [*supervision.team.all(), *([supervision.created_by] if supervision.created_by else [])],
        title=_("%(unit)s đã trả lời kiến nghị") % {"unit": rec.unit},
        body=f"{rec.get_response_kind_display()}: {rec.response[:400]}",
        link=_link(rec),
        about=rec,
    )
    return rec


@transaction.atomic
def close_recommendation(
    user: User, rec: Recommendation, *, expected_version: int, note: str = ""
) -> Recommendation:
    if not can_manage(user, rec.supervision):
        raise NotAllowed()
    if rec.status == RecommendationStatus.CLOSED:
        raise ActionError(_("Kiến nghị đã đóng."))
    claim_version(rec, expected_version)
    before = rec.status
    rec.status = RecommendationStatus.CLOSED
    rec.closed_at = timezone.now()
    rec.front_note = _text(note, _("ý kiến của Mặt trận"), required=False)
    rec.save()
    record(user, "supervision.recommendation.close", rec, {"status": [before, rec.status]}, note)
    return rec


@transaction.atomic
def reopen_recommendation(
    user: User,
    rec: Recommendation,
    *,
    expected_version: int,
    note: str,
    due_date: datetime.date,
) -> Recommendation:
    """The answer does not settle it: the unit answers again by a new deadline."""
    if not can_manage(user, rec.supervision):
        raise NotAllowed()
    if rec.status == RecommendationStatus.OPEN:
        raise ActionError(_("Kiến nghị đang chờ trả lời."))
    if due_date < timezone.localdate():
        raise ActionError(_("Hạn trả lời phải từ hôm nay trở đi và không quá xa."))
    claim_version(rec, expected_version)
    before = rec.status
    rec.status = RecommendationStatus.OPEN
    rec.front_note = _text(note, _("ý kiến của Mặt trận"))
    rec.due_date = due_date
    rec.closed_at = None
    rec.reminded_on = None
    rec.save()
    record(user, "supervision.recommendation.reopen", rec, {"status": [before, rec.status]}, note)
    notify(
        answerers(rec.unit),
        title=_("Kiến nghị được mở lại, hạn trả lời %(d)s") % {"d": due_date.strftime("%d/%m/%Y")},
        body=rec.front_note[:500],
        link=_link(rec),
        about=rec,
    )
    return rec


# --- social critique (phản biện xã hội) ---------------------------------------------------


def can_submit_for_critique(user: User | AnonymousUser | None, plan: Plan) -> bool:
    from plans.models import PlanStatus

    if user is None or not user.is_authenticated or plan.status != PlanStatus.DRAFT:
        return False
    return scope_for(user).can(EDIT_PLAN, plan.owner.path)


def can_comment(user: User | AnonymousUser | None, critique: Critique) -> bool:
    if user is None or not user.is_authenticated or critique.status != CritiqueStatus.OPEN:
        return False
    if critique.deadline < timezone.localdate():
        return False
    return can_supervise(user, critique.organiser) or critique.experts.filter(pk=user.pk).exists()


def can_answer_critique(user: User | AnonymousUser | None, critique: Critique) -> bool:
    if user is None or not user.is_authenticated or critique.status != CritiqueStatus.SENT:
        return False
    return scope_for(user).can(EDIT_PLAN, critique.plan.owner.path)


def _drafters(plan: Plan) -> list[User]:
    """The people who edit the plan: its unit's and those above it (the unit's own tree)."""
    path = plan.owner.path
    prefixes = [path[: i + 1] for i, char in enumerate(path) if char == "/"]
    return list(
        User.objects.filter(
            is_active=True,
            pk__in=Membership.objects.filter(
                is_active=True, unit__path__in=prefixes, role__in=EDIT_PLAN.roles
            ).values("user_id"),
        )
    )


def _critique_link(critique: Critique) -> str:
    return reverse("supervision:critique", kwargs={"pk": critique.pk})


def _paragraph(critique: Critique, task: Task | None) -> Task | None:
    if task is not None and task.plan_id != critique.plan_id:
        raise ActionError(_("Đoạn được góp ý không thuộc dự thảo này."))
    return task


@transaction.atomic
def submit_for_critique(
    user: User, plan: Plan, *, organiser: OrgUnit, deadline: datetime.date
) -> Critique:
    """The drafting body sends its draft to the Front for critique, with a deadline."""
    if not can_submit_for_critique(user, plan):
        raise NotAllowed()
    today = timezone.localdate()
    if deadline < today or deadline.year > today.year + MAX_YEARS_AHEAD:
        raise ActionError(_("Hạn góp ý phải từ hôm nay trở đi và không quá xa."))
    if not Membership.objects.filter(
        is_active=True, unit=organiser, role__in=SUPERVISE.roles
    ).exists():
        raise ActionError(_("Đơn vị được chọn không thực hiện phản biện xã hội."))
    critique = Critique.objects.create(
        organiser=organiser, plan=plan, deadline=deadline, created_by=user
    )
    record(user, "supervision.critique.submit", critique, {"deadline": [None, deadline]})
    front = User.objects.filter(
        is_active=True,
        pk__in=Membership.objects.filter(
            is_active=True, unit=organiser, role__in=SUPERVISE.roles
        ).values("user_id"),
    )
    notify(
        list(front),
        title=_("Đề nghị phản biện xã hội: %(p)s") % {"p": str(plan)[:120]},
        link=_critique_link(critique),
        about=critique,
    )
    return critique


@transaction.atomic
def invite_experts(
    user: User, critique: Critique, *, expected_version: int, experts: Iterable[User]
) -> Critique:
    if not can_supervise(user, critique.organiser):
        raise NotAllowed()
    claim_version(critique, expected_version)
    people = list(experts)
    critique.experts.set(people)
    record(
        user,
        "supervision.critique.invite",
        critique,
        {"experts": [None, sorted(u.username for u in people)]},
    )
    notify(
        people,
        title=_("Mời góp ý phản biện dự thảo, hạn %(d)s")
        % {"d": critique.deadline.strftime("%d/%m/%Y")},
        body=str(critique.plan)[:300],
        link=_critique_link(critique),
        about=critique,
    )
    return critique


@transaction.atomic
def add_comment(user: User, critique: Critique, *, task: Task | None, text: str) -> CritiqueComment:
    if not can_comment(user, critique):
        raise NotAllowed()
    comment = CritiqueComment.objects.create(
        critique=critique,
        task=_paragraph(critique, task),
        author=user,
        text=_text(text, _("ý kiến")),
    )
    record(user, "supervision.critique.comment", critique, {"task": [None, task and task.code]})
    return comment


@transaction.atomic
def add_point(
    user: User,
    critique: Critique,
    *,
    task: Task | None,
    text: str,
    sources: Iterable[CritiqueComment] = (),
) -> CritiquePoint:
    """Consolidate: one point of the critique document, linked to its paragraph."""
    if not can_supervise(user, critique.organiser) or critique.status != CritiqueStatus.OPEN:
        raise NotAllowed()
    comments = list(sources)
    if any(c.critique_id != critique.pk for c in comments):
        raise ActionError(_("Ý kiến được tổng hợp không thuộc đợt phản biện này."))
    point = CritiquePoint.objects.create(
        critique=critique, task=_paragraph(critique, task), text=_text(text, _("nội dung"))
    )
    point.sources.set(comments)
    record(
        user, "supervision.critique.point", critique, {"points": [None, critique.points.count()]}
    )
    return point


@transaction.atomic
def send_critique(user: User, critique: Critique, *, expected_version: int) -> Critique:
    if not can_supervise(user, critique.organiser) or critique.status != CritiqueStatus.OPEN:
        raise NotAllowed()
    if not critique.points.exists():
        raise ActionError(_("Văn bản phản biện chưa có nội dung nào."))
    claim_version(critique, expected_version)
    critique.status = CritiqueStatus.SENT
    critique.sent_at = timezone.now()
    critique.save(update_fields=["status", "sent_at", "updated_at"])
    record(user, "supervision.critique.send", critique, {"status": ["open", critique.status]})
    notify(
        _drafters(critique.plan),
        title=_("Văn bản phản biện xã hội đối với dự thảo: %(p)s")
        % {"p": str(critique.plan)[:120]},
        link=_critique_link(critique),
        about=critique,
    )
    return critique


@transaction.atomic
def answer_point(user: User, point: CritiquePoint, *, kind: str, answer: str) -> CritiquePoint:
    """The drafting body answers each point; the round is answered when every point is."""
    critique = Critique.objects.select_for_update().get(pk=point.critique_id)
    if not can_answer_critique(user, critique):
        raise NotAllowed()
    if kind not in (ResponseKind.ACCEPTED, ResponseKind.EXPLAINED):
        raise ActionError(_("Hình thức trả lời không hợp lệ."))
    point.answer_kind = kind
    point.answer = _text(answer, _("nội dung trả lời"))
    point.answered_by = user
    point.save()
    record(user, "supervision.critique.answer", critique, {"answer_kind": [None, kind]})
    if not critique.points.filter(answer="").exists():
        critique.status = CritiqueStatus.ANSWERED
        critique.save(update_fields=["status", "updated_at"])
        notify(
            list(critique.experts.all()),
            title=_("Cơ quan soạn thảo đã trả lời phản biện"),
            link=_critique_link(critique),
            about=critique,
        )
    return point


@transaction.atomic
def publish_critique(
    user: User, critique: Critique, *, expected_version: int, publish: bool
) -> Critique:
    """Publish the critique with the answers (the portal shows them) once every point is
    answered."""
    if not can_supervise(user, critique.organiser):
        raise NotAllowed()
    if publish and critique.status != CritiqueStatus.ANSWERED:
        raise ActionError(_("Chỉ công khai khi cơ quan soạn thảo đã trả lời mọi nội dung."))
    claim_version(critique, expected_version)
    before = critique.is_published
    critique.is_published = publish
    critique.save(update_fields=["is_published", "updated_at"])
    record(user, "supervision.critique.publish", critique, {"published": [before, publish]})
    return critique

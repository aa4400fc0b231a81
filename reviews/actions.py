"""Named, transactional writes for compiled reports: compile, edit a paragraph, approve,
publish on the public portal (and take down)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record
from core.errors import ActionError, NotAllowed
from core.locking import claim_version
from core.permissions import APPROVE_REVIEW, COMPILE_REVIEW, PUBLISH_REVIEW
from core.scoping import scope_for
from plans.models import Plan
from reviews.drafting import Period, draft
from reviews.models import Review, ReviewParagraph, ReviewStatus, ReviewVersion

if TYPE_CHECKING:
    from accounts.models import User


def _snapshot(review: Review) -> list[dict[str, Any]]:
    return [
        {"id": str(p.pk), "order": p.order, "kind": p.kind, "part": p.part, "text": p.text}
        for p in review.paragraphs.order_by("order")
    ]


def _new_version(review: Review, actor: User | None, action: str) -> ReviewVersion:
    last = review.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return ReviewVersion.objects.create(
        review=review,
        number=last + 1,
        action=action,
        author=actor if getattr(actor, "is_authenticated", False) else None,
        content=_snapshot(review),
    )


def _link(through: Any, target: str, pairs: list[tuple[Any, Any]]) -> None:
    """Insert many-to-many source links in one statement batch (thousands for a tổng kết
    report: building a model instance per link would cost more than the drafting itself)."""
    if not pairs:
        return
    meta = through._meta
    left = meta.get_field("reviewparagraph")
    right = meta.get_field(target)
    conv_left = left.target_field
    conv_right = right.target_field
    sql = (
        f"INSERT INTO {connection.ops.quote_name(meta.db_table)} "
        f"({connection.ops.quote_name(left.column)}, {connection.ops.quote_name(right.column)}) "
        "VALUES (%s, %s)"
    )
    rows = [
        (
            conv_left.get_db_prep_value(a, connection),
            conv_right.get_db_prep_value(b, connection),
        )
        for a, b in sorted(set(pairs), key=lambda pair: (str(pair[0]), str(pair[1])))
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


@transaction.atomic
def compile_review(
    actor: User | None, plan: Plan, period: Period, *, system: bool = False
) -> Review:
    """Draft a new compiled report of ``plan`` for ``period`` from accepted unit reports.

    ``system=True`` is for the command line and the demo (no signed-in user)."""
    if not system and not scope_for(actor).can(COMPILE_REVIEW, plan.owner.path):
        raise NotAllowed()
    if period.start > period.end:
        raise ActionError(_("Kỳ báo cáo không hợp lệ: ngày bắt đầu sau ngày kết thúc."))
    result = draft(plan, period)
    header = result.header
    review = Review.objects.create(
        plan=plan,
        round=period.round,
        title=header["title"],
        period_label=period.label,
        period_start=period.start,
        period_end=period.end,
        layout=header["layout"],
        issuer_name=header["issuer_name"],
        superior_name=header["superior_name"],
        number_symbol=header["number_symbol"],
        place=header["place"],
        signer_title=header["signer_title"],
        signer_role=header["signer_role"],
        signer_name=header.get("signer_name", ""),
        recipients=header["recipients"],
        annexes=result.annexes,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    paragraphs = ReviewParagraph.objects.bulk_create(
        [
            ReviewParagraph(
                review=review,
                order=index,
                part=para.part,
                kind=para.kind,
                text=para.text,
                generated_text=para.text,
            )
            for index, para in enumerate(result.paragraphs, start=1)
        ]
    )
    _link(
        ReviewParagraph.source_reports.through,
        "unitreport",
        [
            (row.pk, r)
            for row, para in zip(paragraphs, result.paragraphs, strict=True)
            for r in para.reports
        ],
    )
    _link(
        ReviewParagraph.source_task_reports.through,
        "taskreport",
        [
            (row.pk, t)
            for row, para in zip(paragraphs, result.paragraphs, strict=True)
            for t in para.task_reports
        ],
    )
    _new_version(review, actor, "compile")
    record(
        actor,
        "review.compile",
        review,
        {"period": [None, period.label], "paragraphs": [None, len(paragraphs)]},
    )
    return review


@transaction.atomic
def update_paragraph(
    actor: User, paragraph: ReviewParagraph, text: str, *, expected_version: int
) -> ReviewParagraph:
    """Save one paragraph's text; every save keeps a version of the whole report."""
    review = Review.objects.select_related("plan__owner").get(pk=paragraph.review_id)
    if not review.can_edit(actor):
        raise NotAllowed()
    if review.is_approved:
        raise ActionError(_("Báo cáo đã được duyệt; không sửa được nữa."))
    text = (text or "").strip()
    if not text:
        raise ActionError(_("Nội dung đoạn không được để trống."))
    claim_version(review, expected_version)
    paragraph = ReviewParagraph.objects.get(pk=paragraph.pk)
    before = paragraph.text
    paragraph.text = text
    paragraph.save(update_fields=["text", "updated_at"])
    Review.objects.filter(pk=review.pk).update(updated_at=timezone.now())
    version = _new_version(review, actor, "edit")
    record(
        actor,
        "review.edit",
        review,
        {"paragraph": [before, text]},
        note=_("Đoạn %(order)s, phiên bản %(number)s")
        % {"order": paragraph.order, "number": version.number},
    )
    paragraph.review = review
    return paragraph


@transaction.atomic
def approve_review(actor: User, review: Review, *, expected_version: int) -> Review:
    """Approve the draft (dự thảo → đã duyệt); only approved reports export as final.

    Approval is a leader's (``APPROVE_REVIEW``), not the compiler's: the same person compiling
    and approving is refused unless holding both roles explicitly. The approver's name goes on
    the signature line when none was set."""
    if review.is_approved:
        raise ActionError(_("Báo cáo này đã được duyệt."))
    if not scope_for(actor).can(APPROVE_REVIEW, review.plan.owner.path):
        raise ActionError(
            _("Chỉ lãnh đạo cơ quan ban hành được duyệt báo cáo; bạn không có quyền duyệt.")
        )
    if not review.can_approve(actor):
        raise ActionError(
            _(
                "Người tổng hợp báo cáo không tự duyệt báo cáo của mình; hãy đề nghị lãnh đạo "
                "cơ quan ban hành duyệt."
            )
        )
    claim_version(review, expected_version)
    review.status = ReviewStatus.APPROVED
    review.approved_at = timezone.now()
    review.approved_by = actor
    fields = ["status", "approved_at", "approved_by", "updated_at"]
    if not review.signer_name:
        review.signer_name = actor.get_full_name() or actor.get_username()
        fields.append("signer_name")
    review.save(update_fields=fields)
    _new_version(review, actor, "approve")
    record(actor, "review.approve", review, {"status": [ReviewStatus.DRAFT, review.status]})
    return review


def _check_publisher(actor: User, review: Review) -> None:
    if not scope_for(actor).can(PUBLISH_REVIEW, review.plan.owner.path):
        raise ActionError(
            _(
                "Chỉ lãnh đạo cơ quan ban hành hoặc bộ phận theo dõi, tổng hợp được công khai "
                "báo cáo; bạn không có quyền này."
            )
        )


@transaction.atomic
def publish_review(actor: User, review: Review, *, expected_version: int) -> Review:
    """Put an approved report on the public portal (công khai): its text and final DOCX/PDF.

    A draft is never published: approval comes first, by the leader."""
    _check_publisher(actor, review)
    if not review.is_approved:
        raise ActionError(_("Chỉ công khai báo cáo đã được duyệt; báo cáo này còn là dự thảo."))
    if review.is_published:
        raise ActionError(_("Báo cáo này đã được công khai."))
    claim_version(review, expected_version)
    review.is_published = True
    review.published_at = timezone.now()
    review.published_by = actor
    review.save(update_fields=["is_published", "published_at", "published_by", "updated_at"])
    record(actor, "review.publish", review, {"is_published": [False, True]})
    return review


@transaction.atomic
def unpublish_review(
    actor: User, review: Review, *, expected_version: int, reason: str = ""
) -> Review:
    """Take a report off the public portal (thôi công khai); its pages answer 404 again."""
    _check_publisher(actor, review)
    if not review.is_published:
        raise ActionError(_("Báo cáo này chưa được công khai."))
    reason = (reason or "").strip()
    if len(reason) > 2000:
        raise ActionError(_("Lý do quá dài (tối đa 2.000 ký tự)."))
    claim_version(review, expected_version)
    review.is_published = False
    review.save(update_fields=["is_published", "updated_at"])
    record(actor, "review.unpublish", review, {"is_published": [True, False]}, note=reason)
    return review

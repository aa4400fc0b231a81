"""Named writes for document imports: start a job, parse it (background), save review edits,
confirm. Nothing reaches the registry or the plans before ``confirm_import``, which creates
everything in one transaction."""

from __future__ import annotations

import logging
import os
import re
import uuid
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

import docparse
from audit.log import record
from core.errors import ActionError, NotAllowed
from core.locking import claim_version
from core.permissions import EDIT_PLAN
from core.scoping import scope_for
from docparse import ocr
from docparse.errors import DocumentError, ScannedPdfError
from docparse.text import fold
from documents.actions import NewReference, add_references, create_document
from documents.models import Document, DocumentKind
from imports.draft import Draft, DraftSection, DraftTask
from imports.matching import (
    build_draft,
    map_frequency,
    parse_deadline,
    parse_iso_date,
    units_outside,
)
from imports.models import ImportJob, ImportStatus
from orgunits.actions import can_manage_units, create_unit
from orgunits.models import OrgUnit, UnitKind
from plans.actions import (
    SECTION_LABEL_MAX,
    SectionSpec,
    can_create_plan_for,
    create_plan,
    create_sections,
    create_task,
)
from plans.models import Plan, Section

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


log = logging.getLogger(__name__)

ALLOWED_EXTENSIONS = (".docx", ".pdf", ".txt", ".doc")
MAX_PASTED_CHARS = 2_000_000


def can_import(user: User | AnonymousUser) -> bool:
    """Anyone who may create a plan for some unit may import a document into a plan."""
    if not getattr(user, "is_authenticated", False):
        return False
    return scope_for(user).can(EDIT_PLAN)


def owner_choices(user: User | AnonymousUser) -> Any:
    """Units the user may create a plan for (the plan owner picker)."""
    return OrgUnit.objects.filter(scope_for(user).units_where_q(EDIT_PLAN)).order_by("path")


def check_upload_size(size: int | None) -> None:
    limit = settings.MAX_UPLOAD_BYTES
    if size is not None and size > limit:
        raise ActionError(
            _("Tệp quá lớn (%(size)s MB); dung lượng tối đa cho phép là %(limit)s MB.")
            % {"size": f"{size / 1048576:.1f}", "limit": f"{limit / 1048576:.3g}"}
        )


def start_import(
    actor: User, *, upload: Any = None, text: str = "", enqueue: bool = True
) -> ImportJob:
    """Check and extract the text now (bad input → ActionError, nothing stored), then queue the
    structure parsing in the background."""
    if not can_import(actor):
        raise NotAllowed()
    if upload is not None:
        name = os.path.basename(upload.name or "")
        if not name.lower().endswith(ALLOWED_EXTENSIONS):
            raise ActionError(
                _(
                    "Chỉ nhận tệp .docx, .pdf (có lớp chữ), .txt hoặc .doc; "
                    "tệp %(name)s không được hỗ trợ."
                )
                % {"name": name}
            )
        # The declared size is checked before anything is read into memory.
        check_upload_size(upload.size)
        data = upload.read(settings.MAX_UPLOAD_BYTES + 1)
        check_upload_size(len(data))
        try:
            extracted = docparse.extract_text(data, name, max_bytes=settings.MAX_UPLOAD_BYTES)
            body, warnings = extracted.text, list(extracted.warnings)
        except ScannedPdfError as error:
            # a scan: the background job reads it by OCR (with progress) when Tesseract is here
            if not ocr.available():
                raise ActionError(error.message_vi) from error
            body, warnings = "", [_(OCR_WARNING)]
        except DocumentError as error:
            raise ActionError(error.message_vi) from error
    else:
        name, data = "", b""
        body, warnings = (text or "").strip(), []
        if len(body) > MAX_PASTED_CHARS:
            raise ActionError(_("Văn bản dán vào quá dài."))
    if not body.strip() and not (data and warnings == [_(OCR_WARNING)]):
        raise ActionError(_("Không tìm thấy nội dung chữ trong văn bản."))
    job = _create_job(actor, name, data, body, warnings)
    if enqueue:
        from imports.tasks import enqueue_parse

        enqueue_parse(job)
        job.refresh_from_db()
    return job


@transaction.atomic
def _create_job(actor: User, name: str, data: bytes, body: str, warnings: list[str]) -> ImportJob:
    job = ImportJob(
        created_by=actor,
        filename=name,
        text=body,
        warnings=warnings,
        message=_("Đang chờ xử lý"),
    )
    if data:
        job.file.save(name, ContentFile(data), save=False)
    job.save()
    record(actor, "import.start", job, {"filename": [None, name or _("(dán văn bản)")]})
    return job


def _set_state(job: ImportJob, status: str, progress: int, message: str, **fields: Any) -> None:
    job.status, job.progress, job.message = status, progress, message
    for key, value in fields.items():
        setattr(job, key, value)
    job.save(update_fields=["status", "progress", "message", "updated_at", *fields])


def run_parse(job_id: str) -> str:
    """The background part: structure, unit matching, cited documents. Never raises."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING):
        return str(job.status)
    try:
        ocr_info = _ocr_job(job) if not job.text.strip() and job.file else None
        progress = 10 if ocr_info is None else 55  # after the OCR pages (5-50 %)
        _set_state(job, ImportStatus.RUNNING, progress, _("Đang phân tích cấu trúc văn bản"))
        parsed = docparse.parse_text(job.text).to_dict()
        if ocr_info is not None:
            parsed["ocr"] = ocr_info
        _set_state(job, ImportStatus.RUNNING, 60, _("Đang đối chiếu đơn vị và văn bản dẫn chiếu"))
        # The owner defaults to a unit the user may plan for (or none: the reviewer picks).
        draft = build_draft(parsed, job.created_by)
        _set_state(
            job,
            ImportStatus.DONE,
            100,
            _("Đã phân tích xong"),
            parsed=parsed,
            draft=draft.to_json(),
        )
    except DocumentError as error:
        _set_state(job, ImportStatus.FAILED, 100, _("Lỗi"), error=error.message_vi)
    except Exception:  # the job must end visibly, whatever went wrong
        log.exception("import job %s failed", job_id)
        _set_state(
            job,
            ImportStatus.FAILED,
            100,
            _("Lỗi"),
            error=_("Không phân tích được văn bản do lỗi hệ thống; hãy thử lại hoặc báo quản trị."),
        )
    return str(job.status)


def abandon_parse(job_id: str) -> None:
    """The worker died every time it parsed this job (notifications.leases gave its task up):
    the job ends as failed with a message, so its page stops polling and offers a new try."""
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None or job.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING):
        return
    _set_state(
        job,
        ImportStatus.FAILED,
        100,
        _("Lỗi"),
        error=_(
            "Tiến trình nền bị dừng nhiều lần khi phân tích văn bản này; hãy thử lại hoặc báo "
            "quản trị."
        ),
    )


# Shown on the review page of a scanned PDF.
OCR_WARNING = (
    "Tệp PDF là bản quét: nội dung được nhận dạng ký tự (OCR); hãy rà soát kỹ, nhất là các dòng "
    "được đánh dấu độ tin cậy thấp."
)


def _ocr_job(job: ImportJob) -> dict[str, Any]:
    """Read a scanned PDF by OCR, page by page, reporting progress (5-50 %); stores the text."""
    _set_state(job, ImportStatus.RUNNING, 5, _("Đang nhận dạng ký tự (OCR)"))
    with job.file.open("rb") as fh:
        data = fh.read()

    def progress(done: int, total: int) -> None:
        _set_state(
            job,
            ImportStatus.RUNNING,
            5 + (45 * done) // max(total, 1),
            _("Đang nhận dạng ký tự: trang %(done)s/%(total)s") % {"done": done, "total": total},
        )

    result = ocr.ocr_pdf(data, progress=progress)
    _set_state(job, ImportStatus.RUNNING, 50, _("Đã nhận dạng ký tự"), text=result.text)
    return {
        "pages": result.pages,
        "mean_confidence": round(result.mean_confidence, 1),
        "threshold": ocr.LOW_CONFIDENCE,
        "low_lines": [ln.to_dict() for ln in result.low_confidence_lines()][:500],
    }


@transaction.atomic
def save_draft(actor: User, job: ImportJob, *, expected_version: int, draft: Draft) -> ImportJob:
    if not job.can_edit(actor):
        raise NotAllowed()
    if job.status != ImportStatus.DONE:
        raise ActionError(_("Lượt nhập này không còn ở bước rà soát."))
    if draft.new_units and not can_manage_units(actor):
        raise NotAllowed()
    claim_version(job, expected_version)
    job.set_draft(draft)
    job.save(update_fields=["draft", "version", "updated_at"])
    record(actor, "import.edit", job, {})
    return job


# ----------------------------------------------------------------------------------- confirm


def _unit_code(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(name))[:30].strip("-")
    return f"NK-{slug}-{uuid.uuid4().hex[:6]}"


def _resolve(
    ids: list[str], units: dict[str, OrgUnit], created: dict[str, OrgUnit]
) -> list[OrgUnit]:
    out: list[OrgUnit] = []
    for token in ids:
        unit = created.get(token) if token.startswith("new:") else units.get(token)
        if unit is not None and unit not in out:
            out.append(unit)
    return out


def _section_specs(nodes: list[DraftSection]) -> list[SectionSpec]:
    # Labels longer than the column are cut, as they always were: a parsed label that long is
    # a misread sentence, and the heading still carries the text.
    return [
        SectionSpec(
            label=node.label[:SECTION_LABEL_MAX],
            heading=node.heading,
            children=_section_specs(node.children),
        )
        for node in nodes
    ]


def _task_title(text: str) -> str:
    first = re.split(r"(?<=[.;:])\s", text.strip(), maxsplit=1)[0].rstrip(".;:")
    return (first if len(first) <= 500 else first[:497] + "…") or _("(không có tên)")


def outside_message(owner: OrgUnit, outside: list[OrgUnit]) -> str:
    return _(
        "Các nhiệm vụ sẽ được giao cho %(n)s đơn vị ngoài phạm vi của %(owner)s: %(units)s. "
        "Hãy đánh dấu ô xác nhận giao việc cho các đơn vị này, hoặc quay lại bước rà soát "
        "để bỏ chọn."
    ) % {"n": len(outside), "owner": owner.name, "units": "; ".join(u.name for u in outside)}


@transaction.atomic
def confirm_import(
    actor: User, job: ImportJob, *, expected_version: int, allow_outside: bool = False
) -> ImportJob:
    """Create the document, its plan, sections, tasks, assignments and references at once.

    Each kind of row is written by the action of the app that owns it (orgunits, documents,
    plans); they run inside this transaction, so any failure leaves nothing behind.

    Assigning tasks to units outside the owner's area (``imports.matching.units_outside``)
    needs ``allow_outside``: the confirm page asks for it as a second, explicit yes.
    """
    if not job.can_edit(actor):
        raise NotAllowed()
    if job.status != ImportStatus.DONE:
        raise ActionError(_("Lượt nhập này không còn ở bước rà soát."))
    draft = job.get_draft()
    units = {str(u.pk): u for u in OrgUnit.objects.all()}
    owner = units.get(draft.owner_id or "")
    if owner is None:
        raise ActionError(_("Hãy chọn đơn vị chủ quản của kế hoạch."))
    if not can_create_plan_for(actor, owner):
        raise ActionError(_("Bạn không có quyền tạo kế hoạch cho %(unit)s.") % {"unit": owner.name})
    title = (draft.title or "").strip()
    if not title:
        raise ActionError(_("Văn bản phải có trích yếu (tên văn bản)."))
    outside = units_outside(draft)
    if outside and not allow_outside:
        raise ActionError(outside_message(owner, outside))
    claim_version(job, expected_version)

    created = _create_new_units(actor, draft, units)
    document = _create_document(actor, job, draft, units, title)
    plan = create_plan(
        actor,
        title=(draft.plan_title or title).strip(),
        owner=owner,
        document=document,
        start_year=document.issued_on.year if document.issued_on else None,
    )
    by_path = create_sections(actor, plan, _section_specs(draft.sections))
    _create_tasks(actor, draft, plan, owner, by_path, units, created)
    _add_references(actor, draft, document)

    job.status = ImportStatus.CONFIRMED
    job.document = document
    job.plan = plan
    job.message = _("Đã nhập vào hệ thống")
    job.save(update_fields=["status", "document", "plan", "message", "updated_at"])
    changes: dict[str, list[Any]] = {"plan": [None, str(plan)], "document": [None, str(document)]}
    if outside:
        changes["outside_units"] = [None, "; ".join(u.name for u in outside)]
    record(actor, "import.confirm", job, changes)
    return job


def _create_new_units(actor: User, draft: Draft, units: dict[str, OrgUnit]) -> dict[str, OrgUnit]:
    created: dict[str, OrgUnit] = {}
    for index, spec in enumerate(draft.new_units):
        if not can_manage_units(actor):
            raise NotAllowed()
        created[Draft.new_unit_token(index)] = create_unit(
            actor,
            name=spec.name,
            code=_unit_code(spec.name),
            kind=spec.kind or UnitKind.OTHER,
            parent=units.get(spec.parent_id or ""),
            aliases=[spec.mention] if spec.mention and spec.mention != spec.name else [],
        )
    return created


def _create_document(
    actor: User, job: ImportJob, draft: Draft, units: dict[str, OrgUnit], title: str
) -> Document:
    issuer = units.get(draft.issuer_id or "")
    return create_document(
        actor,
        kind=DocumentKind.from_label(draft.kind),
        number_symbol=(draft.number_symbol or "")[:100],
        issuer=issuer,
        issuer_name=(draft.issuer or (issuer.name if issuer else ""))[:300],
        place=(draft.place or "")[:100],
        issued_on=parse_iso_date(draft.date),
        title=title,
        text=job.text,
        recipients=[r for r in draft.recipients if r],
        signer_title=(draft.signer.title or "")[:200],
        signer_name=(draft.signer.name or "")[:200],
        # The stored upload is shared with the document: no copy to clean up.
        file=job.file.name if job.file else "",
        audit_changes={"import": [None, str(job.pk)]},
    )


def _create_tasks(
    actor: User,
    draft: Draft,
    plan: Plan,
    owner: OrgUnit,
    by_path: dict[str, Section],
    units: dict[str, OrgUnit],
    created: dict[str, OrgUnit],
) -> None:
    for order, item in enumerate(draft.included_tasks(), 1):
        text = item.text.strip()
        path = item.path
        lead = _resolve(item.lead_ids, units, created) or [owner]
        coop = [u for u in _resolve(item.cooperating_ids, units, created) if u not in lead]
        try:
            deadline = parse_deadline(item.deadline)
        except ValueError as error:
            raise ActionError(
                _("Nhiệm vụ %(path)s: hạn hoàn thành không hợp lệ (%(value)s).")
                % {"path": path, "value": item.deadline}
            ) from error
        section = by_path.get(path) or by_path.get(path.rsplit(".", 1)[0])
        create_task(
            actor,
            plan,
            code=path[:30],
            title=_task_title(text),
            description=text,
            section=section,
            deadline=deadline,
            end_year=deadline.year if deadline else None,
            start_year=plan.start_year
            if deadline and plan.start_year and plan.start_year <= deadline.year
            else None,
            frequency=map_frequency(item.frequency),
            order=order,
            lead_units=lead,
            cooperating_units=coop,
            milestones=_milestones(item),
        )


def _add_references(actor: User, draft: Draft, document: Document) -> None:
    """Link the cited documents the actor can see; an unknown one becomes a placeholder."""
    refs = [r for r in draft.included_references() if (r.number_symbol or "").strip()]
    visible = {
        str(d.pk): d
        for d in Document.objects.visible_to(actor).filter(
            pk__in=[r.target_id for r in refs if r.target_id]
        )
    }
    links: list[NewReference] = []
    for ref in refs:
        number = (ref.number_symbol or "").strip()
        target = visible.get(ref.target_id or "")
        if target is None:
            target = create_document(
                actor,
                kind=DocumentKind.from_label(ref.kind),
                number_symbol=number[:100],
                issued_on=parse_iso_date(ref.date),
                issuer_name=(ref.issuer or "")[:300],
                title=ref.text or number,
                is_placeholder=True,
            )
        links.append(NewReference(target=target, relation=ref.relation, text=ref.text or ""))
    add_references(actor, document, links)


def _milestones(item: DraftTask) -> dict[int, str] | None:
    result = {int(y): t for y, t in item.milestones.items() if y.isdigit() and t}
    return result or None

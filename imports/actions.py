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
from core.scoping import scope_for
from docparse.errors import DocumentError
from docparse.text import fold
from documents.models import Document, DocumentKind, DocumentReference, ReferenceRelation
from imports.matching import build_draft, map_frequency, parse_deadline, parse_iso_date
from imports.models import ImportJob, ImportStatus
from orgunits.actions import can_manage_units, create_unit
from orgunits.models import OrgUnit, UnitKind
from plans.actions import can_create_plan_for, create_plan, create_task
from plans.models import PLAN_AUTHOR_ROLES, Section

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
    scope = scope_for(user)
    return bool(
        getattr(user, "is_superuser", False)
        or scope.sees_everything
        or any(role in PLAN_AUTHOR_ROLES for _path, role in scope.grants)
    )


def owner_choices(user: User | AnonymousUser) -> Any:
    """Units the user may create a plan for (the plan owner picker)."""
    scope = scope_for(user)
    units = OrgUnit.objects.order_by("path")
    if getattr(user, "is_superuser", False) or scope.sees_everything:
        return units
    from django.db.models import Q

    q = Q(pk__in=[])
    for path, role in scope.grants:
        if role in PLAN_AUTHOR_ROLES:
            q |= Q(path__startswith=path)
    return units.filter(q)


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
        except DocumentError as error:
            raise ActionError(error.message_vi) from error
        body, warnings = extracted.text, list(extracted.warnings)
    else:
        name, data = "", b""
        body, warnings = (text or "").strip(), []
        if len(body) > MAX_PASTED_CHARS:
            raise ActionError(_("Văn bản dán vào quá dài."))
    if not body.strip():
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
        _set_state(job, ImportStatus.RUNNING, 10, _("Đang phân tích cấu trúc văn bản"))
        parsed = docparse.parse_text(job.text).to_dict()
        _set_state(job, ImportStatus.RUNNING, 60, _("Đang đối chiếu đơn vị và văn bản dẫn chiếu"))
        draft = build_draft(parsed, job.created_by)
        owner_id = draft.get("owner_id")
        owner = OrgUnit.objects.filter(pk=owner_id).first() if owner_id else None
        if owner is not None and not can_create_plan_for(job.created_by, owner):
            draft["owner_id"] = None  # the user picks a unit they may plan for
        _set_state(job, ImportStatus.DONE, 100, _("Đã phân tích xong"), parsed=parsed, draft=draft)
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


@transaction.atomic
def save_draft(
    actor: User, job: ImportJob, *, expected_version: int | None, draft: dict
) -> ImportJob:
    if not job.can_edit(actor):
        raise NotAllowed()
    if job.status != ImportStatus.DONE:
        raise ActionError(_("Lượt nhập này không còn ở bước rà soát."))
    if draft.get("new_units") and not can_manage_units(actor):
        raise NotAllowed()
    claim_version(job, expected_version)
    job.draft = draft
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


def _create_sections(
    plan: Any,
    nodes: list[dict],
    parent: Section | None,
    prefix: str,
    by_path: dict[str, Section],
    counter: list[int],
) -> None:
    for node in nodes:
        counter[0] += 1
        section = Section.objects.create(
            plan=plan,
            parent=parent,
            label=(node.get("label") or "")[:30],
            heading=node.get("heading") or "",
            order=counter[0],
        )
        path = f"{prefix}.{section.label}" if prefix else section.label
        by_path[path] = section
        _create_sections(plan, node.get("children") or [], section, path, by_path, counter)


def _task_title(text: str) -> str:
    first = re.split(r"(?<=[.;:])\s", text.strip(), maxsplit=1)[0].rstrip(".;:")
    return (first if len(first) <= 500 else first[:497] + "…") or _("(không có tên)")


@transaction.atomic
def confirm_import(actor: User, job: ImportJob, *, expected_version: int | None) -> ImportJob:
    """Create the document, its plan, sections, tasks, assignments and references at once."""
    if not job.can_edit(actor):
        raise NotAllowed()
    if job.status != ImportStatus.DONE:
        raise ActionError(_("Lượt nhập này không còn ở bước rà soát."))
    draft = job.draft
    units = {str(u.pk): u for u in OrgUnit.objects.all()}
    owner = units.get(draft.get("owner_id") or "")
    if owner is None:
        raise ActionError(_("Hãy chọn đơn vị chủ quản của kế hoạch."))
    if not can_create_plan_for(actor, owner):
        raise ActionError(_("Bạn không có quyền tạo kế hoạch cho %(unit)s.") % {"unit": owner.name})
    title = (draft.get("title") or "").strip()
    if not title:
        raise ActionError(_("Văn bản phải có trích yếu (tên văn bản)."))
    claim_version(job, expected_version)

    created: dict[str, OrgUnit] = {}
    for index, spec in enumerate(draft.get("new_units") or []):
        if not can_manage_units(actor):
            raise NotAllowed()
        parent = units.get(spec.get("parent_id") or "")
        unit = create_unit(
            actor,
            name=spec["name"],
            code=_unit_code(spec["name"]),
            kind=spec.get("kind") or UnitKind.OTHER,
            parent=parent,
            aliases=[spec["mention"]]
            if spec.get("mention") and spec["mention"] != spec["name"]
            else [],
        )
        created[f"new:{index}"] = unit

    issuer = units.get(draft.get("issuer_id") or "")
    signer = draft.get("signer") or {}
    document = Document(
        kind=DocumentKind.from_label(draft.get("kind")),
        number_symbol=(draft.get("number_symbol") or "")[:100],
        issuer=issuer,
        issuer_name=(draft.get("issuer") or (issuer.name if issuer else ""))[:300],
        place=(draft.get("place") or "")[:100],
        issued_on=parse_iso_date(draft.get("date")),
        title=title,
        text=job.text,
        recipients=[r for r in draft.get("recipients") or [] if r],
        signer_title=(signer.get("title") or "")[:200],
        signer_name=(signer.get("name") or "")[:200],
        created_by=actor,
    )
    if job.file:
        document.file.name = job.file.name  # the stored upload, shared: no copy to clean up
    document.full_clean()
    document.save()
    record(
        actor, "document.create", document, {"title": [None, title], "import": [None, str(job.pk)]}
    )

    plan = create_plan(
        actor,
        title=(draft.get("plan_title") or title).strip(),
        owner=owner,
        document=document,
        start_year=document.issued_on.year if document.issued_on else None,
    )

    by_path: dict[str, Section] = {}
    _create_sections(plan, draft.get("sections") or [], None, "", by_path, [0])

    for order, item in enumerate(
        (t for t in draft.get("tasks") or [] if t.get("include", True)), 1
    ):
        text = (item.get("text") or "").strip()
        path = item.get("path") or ""
        lead = _resolve(item.get("lead_ids") or [], units, created) or [owner]
        coop = [
            u for u in _resolve(item.get("cooperating_ids") or [], units, created) if u not in lead
        ]
        try:
            deadline = parse_deadline(item.get("deadline"))
        except ValueError as error:
            raise ActionError(
                _("Nhiệm vụ %(path)s: hạn hoàn thành không hợp lệ (%(value)s).")
                % {"path": path, "value": item.get("deadline")}
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
            frequency=map_frequency(item.get("frequency")),
            order=order,
            lead_units=lead,
            cooperating_units=coop,
            milestones=_milestones(item),
        )

    visible_docs = {
        str(d.pk): d
        for d in Document.objects.visible_to(actor).filter(
            pk__in=[r.get("target_id") for r in draft.get("references") or [] if r.get("target_id")]
        )
    }
    for ref in draft.get("references") or []:
        if not ref.get("include", True) or not (ref.get("number_symbol") or "").strip():
            continue
        target = visible_docs.get(ref.get("target_id") or "")
        if target is None:
            target = Document(
                kind=DocumentKind.from_label(ref.get("kind")),
                number_symbol=ref["number_symbol"][:100],
                issued_on=parse_iso_date(ref.get("date")),
                issuer_name=(ref.get("issuer") or "")[:300],
                title=ref.get("text") or ref["number_symbol"],
                is_placeholder=True,
                created_by=actor,
            )
            target.save()
            record(actor, "document.create", target, {"is_placeholder": [None, True]})
        if target.pk == document.pk or document.references.filter(target=target).exists():
            continue
        relation = ref.get("relation")
        DocumentReference.objects.create(
            source=document,
            target=target,
            relation=relation if relation in ReferenceRelation.values else ReferenceRelation.CITES,
            text=ref.get("text") or "",
        )

    job.status = ImportStatus.CONFIRMED
    job.document = document
    job.plan = plan
    job.message = _("Đã nhập vào hệ thống")
    job.save(update_fields=["status", "document", "plan", "message", "updated_at"])
    record(
        actor, "import.confirm", job, {"plan": [None, str(plan)], "document": [None, str(document)]}
    )
    return job


def _milestones(item: dict) -> dict[int, str] | None:
    raw = item.get("milestones") or {}
    result = {int(y): str(t) for y, t in raw.items() if str(y).isdigit() and t}
    return result or None

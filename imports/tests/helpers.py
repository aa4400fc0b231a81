"""Shared steps for the import tests."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from django.core.files.uploadedfile import SimpleUploadedFile

from imports import actions
from imports.models import ImportJob

if TYPE_CHECKING:
    from accounts.models import User


def docx_bytes(paragraphs: list[str]) -> bytes:
    from docx import Document as DocxDocument

    doc = DocxDocument()
    for text in paragraphs:
        doc.add_paragraph(text)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def upload(client: Any, name: str, data: bytes) -> Any:
    return client.post("/imports/new/", {"file": SimpleUploadedFile(name, data)})


def parsed_job(user: User, text: str) -> ImportJob:
    job = actions.start_import(user, text=text)
    job.refresh_from_db()
    assert job.status == "done", job.error
    return job


def review_post(job: ImportJob, **overrides: Any) -> dict[str, Any]:
    """The review form as the page would post it, unchanged, plus ``overrides``."""
    from imports.forms import flatten_sections, to_display_date

    draft = job.get_draft()
    data: dict[str, Any] = {
        "version": job.version,
        "kind": draft.kind or "",
        "number_symbol": draft.number_symbol or "",
        "issuer": draft.issuer or "",
        "issuer_id": draft.issuer_id or "",
        "owner_id": draft.owner_id or "",
        "place": draft.place or "",
        "date": to_display_date(draft.date),
        "title": draft.title or "",
        "plan_title": draft.plan_title or "",
        "recipients": "\n".join(draft.recipients),
        "signer_title": draft.signer.title or "",
        "signer_name": draft.signer.name or "",
    }
    for i, ref in enumerate(draft.references):
        p = f"ref-{i}-"
        if ref.include:
            data[p + "include"] = "on"
        data[p + "kind"] = ref.kind or ""
        data[p + "number_symbol"] = ref.number_symbol or ""
        data[p + "issuer"] = ref.issuer or ""
        data[p + "text"] = ref.text or ""
        data[p + "relation"] = ref.relation
        data[p + "target_id"] = ref.target_id or ""
        data[p + "date"] = to_display_date(ref.date)
    rows = flatten_sections(draft)
    data["section-count"] = len(rows)
    for i, row in enumerate(rows):
        for key in ("label", "heading", "depth"):
            data[f"sec-{i}-{key}"] = row[key]
    for i, task in enumerate(draft.tasks):
        p = f"task-{i}-"
        if task.include:
            data[p + "include"] = "on"
        data[p + "path"] = task.path
        data[p + "text"] = task.text
        data[p + "lead_ids"] = list(task.lead_ids)
        data[p + "cooperating_ids"] = list(task.cooperating_ids)
        data[p + "deadline"] = task.deadline or ""
        data[p + "frequency"] = task.frequency or ""
    for i, mention in enumerate(draft.mentions):
        if mention.candidates:  # the page's checkboxes, as they are ticked
            data[f"mention-{i}-trim"] = "1"
            data[f"mention-{i}-units"] = list(mention.unit_ids)
    data.update(overrides)
    return data

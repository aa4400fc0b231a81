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

    draft = job.draft
    data: dict[str, Any] = {
        "version": job.version,
        "kind": draft.get("kind") or "",
        "number_symbol": draft.get("number_symbol") or "",
        "issuer": draft.get("issuer") or "",
        "issuer_id": draft.get("issuer_id") or "",
        "owner_id": draft.get("owner_id") or "",
        "place": draft.get("place") or "",
        "date": to_display_date(draft.get("date")),
        "title": draft.get("title") or "",
        "plan_title": draft.get("plan_title") or "",
        "recipients": "\n".join(draft.get("recipients") or []),
        "signer_title": (draft.get("signer") or {}).get("title") or "",
        "signer_name": (draft.get("signer") or {}).get("name") or "",
    }
    for i, ref in enumerate(draft.get("references") or []):
        p = f"ref-{i}-"
        if ref.get("include"):
            data[p + "include"] = "on"
        for key in ("kind", "number_symbol", "issuer", "text", "relation", "target_id"):
            data[p + key] = ref.get(key) or ""
        data[p + "date"] = to_display_date(ref.get("date"))
    rows = flatten_sections(draft.get("sections") or [])
    data["section-count"] = len(rows)
    for i, row in enumerate(rows):
        for key in ("label", "heading", "depth"):
            data[f"sec-{i}-{key}"] = row[key]
    for i, task in enumerate(draft.get("tasks") or []):
        p = f"task-{i}-"
        if task.get("include"):
            data[p + "include"] = "on"
        data[p + "path"] = task.get("path") or ""
        data[p + "text"] = task.get("text") or ""
        data[p + "lead_ids"] = list(task.get("lead_ids") or [])
        data[p + "cooperating_ids"] = list(task.get("cooperating_ids") or [])
        data[p + "deadline"] = task.get("deadline") or ""
        data[p + "frequency"] = task.get("frequency") or ""
    data.update(overrides)
    return data

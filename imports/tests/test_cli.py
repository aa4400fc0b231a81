"""The command line: parse_document (no database at all) and import_document."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from imports.tests.conftest import INLINE_SAMPLE, sample_text
from imports.tests.helpers import docx_bytes

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_KEYS = {
    "kind",
    "number_symbol",
    "issuer",
    "place",
    "date",
    "title",
    "references",
    "sections",
    "tasks",
    "recipients",
    "signer",
}


def test_parse_document_prints_the_schema_without_any_database(tmp_path: Path) -> None:
    # No django_db mark: any ORM access in the command would fail this test.
    path = tmp_path / "ke-hoach.txt"
    path.write_text(sample_text(), encoding="utf-8")
    out = io.StringIO()
    call_command("parse_document", str(path), stdout=out)
    text = out.getvalue()
    data = json.loads(text)
    assert set(data) == SCHEMA_KEYS
    assert data["kind"] == "Kế hoạch" and "Kế hoạch" in text  # ensure_ascii=False
    assert text.startswith("{\n  ")  # indent 2
    assert {"path", "text", "lead", "cooperating", "deadline", "frequency"} <= set(data["tasks"][0])
    assert {"label", "heading", "children"} == set(data["sections"][0])
    assert set(data["signer"]) == {"title", "name"}


def test_parse_document_reads_docx(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(docx_bytes(INLINE_SAMPLE.splitlines()))
    out = io.StringIO()
    call_command("parse_document", str(path), stdout=out)
    assert json.loads(out.getvalue())["number_symbol"] == "12-KH/TU"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("hong.docx", b"PK\x03\x04junk", "hỏng"),
        ("khong-co.txt", None, "Không tìm thấy tệp"),
    ],
)
def test_parse_document_bad_input(
    tmp_path: Path, name: str, data: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(CommandError, match=message):
        call_command("parse_document", str(path), stdout=io.StringIO())


def test_parse_document_runs_with_no_database_and_exits_non_zero_on_bad_input(
    tmp_path: Path,
) -> None:
    database = tmp_path / "never-created.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    good = tmp_path / "a.txt"
    good.write_text(INLINE_SAMPLE, encoding="utf-8")
    run = [sys.executable, "manage.py", "parse_document"]
    ok = subprocess.run([*run, str(good)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["number_symbol"] == "12-KH/TU"
    bad = tmp_path / "b.docx"
    bad.write_bytes(b"PK\x03\x04junk")
    failed = subprocess.run([*run, str(bad)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert failed.returncode != 0 and "hỏng" in failed.stderr
    assert not database.exists()


@pytest.mark.django_db
def test_import_document_yes_creates_the_plan(tmp_path: Path, demo: Any) -> None:
    from imports.models import ImportJob
    from plans.models import Plan

    path = tmp_path / "ke-hoach.txt"
    path.write_text(INLINE_SAMPLE, encoding="utf-8")
    out = io.StringIO()
    call_command(
        "import_document",
        str(path),
        "--owner",
        "BTV-TU-DL",
        "--user",
        "theodoi",
        "--yes",
        stdout=out,
    )
    text = out.getvalue()
    assert "Đối chiếu đơn vị" in text and "Hội Làm vườn Xứ Sương mù → CHƯA TÌM THẤY" in text
    plan = Plan.objects.get(document__number_symbol="12-KH/TU")
    assert plan.owner.code == "BTV-TU-DL" and plan.tasks.count() == 4
    assert ImportJob.objects.get(plan=plan).created_by.username == "theodoi"


@pytest.mark.django_db
def test_import_document_without_tty_or_yes_refuses(tmp_path: Path, demo: Any) -> None:
    from plans.models import Plan

    path = tmp_path / "ke-hoach.txt"
    path.write_text(INLINE_SAMPLE, encoding="utf-8")
    before = Plan.objects.count()
    with pytest.raises(CommandError, match="--yes"):
        call_command("import_document", str(path), "--user", "theodoi", stdout=io.StringIO())
    assert Plan.objects.count() == before


@pytest.mark.django_db
def test_import_document_checks_the_users_rights(tmp_path: Path, demo: Any) -> None:
    from plans.models import Plan

    path = tmp_path / "ke-hoach.txt"
    path.write_text(INLINE_SAMPLE, encoding="utf-8")
    before = Plan.objects.count()
    with pytest.raises(CommandError, match="không có quyền"):
        call_command(
            "import_document",
            str(path),
            "--owner",
            "BTV-TU-DL",
            "--user",
            "ubnd",
            "--yes",
            stdout=io.StringIO(),
        )
    with pytest.raises(CommandError, match="Không có người dùng"):
        call_command("import_document", str(path), "--user", "khong-ai", "--yes")
    assert Plan.objects.count() == before


@pytest.mark.django_db
def test_import_document_assigns_outside_the_owner_area_only_when_told(
    tmp_path: Path, demo: Any
) -> None:
    from plans.models import Plan, TaskAssignment

    # The province's department is named outright: a unit outside the city's bodies.
    text = INLINE_SAMPLE.replace(
        "4. Hội Làm vườn Xứ Sương mù chủ trì", "4. Sở Khoa học và Công nghệ tỉnh Lâm Đồng chủ trì"
    )
    path = tmp_path / "ke-hoach.txt"
    path.write_text(text, encoding="utf-8")
    args = ["import_document", str(path), "--owner", "BTV-TU-DL", "--user", "theodoi", "--yes"]
    before = Plan.objects.count()
    out = io.StringIO()
    with pytest.raises(CommandError, match="ngoài phạm vi"):
        call_command(*args, stdout=out)
    assert "Đơn vị ngoài phạm vi đơn vị chủ quản: Sở Khoa học và Công nghệ" in out.getvalue()
    assert Plan.objects.count() == before
    call_command(*args, "--allow-outside", stdout=io.StringIO())
    plan = Plan.objects.get(document__number_symbol="12-KH/TU")
    assert TaskAssignment.objects.filter(task__plan=plan, unit__code="SKHCN-LD").exists()

"""Stored evidence is never reachable by URL, only through the scoped download view
(issue 11, class 3): random storage names, no /media/ route, X-Accel-Redirect when configured."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.urls import clear_url_caches

from reporting.models import Evidence, UnitReport
from reporting.tests.conftest import client_for, pdf_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def _attach(report: UnitReport) -> Evidence:
    client_for("reporter").post(
        f"/reporting/reports/{report.pk}/evidence/", {"file": pdf_file("bien-ban.pdf")}
    )
    return Evidence.objects.get(unit_report=report)


def test_storage_name_is_random_and_media_is_not_served(
    ward_report: UnitReport, settings: Any
) -> None:
    evidence = _attach(ward_report)
    name = evidence.file.name or ""
    assert "bien-ban" not in name
    assert name.startswith("evidence/") and name.endswith(".pdf")
    # The URL configuration as the development server builds it (DEBUG on): no MEDIA route.
    settings.DEBUG = True
    urls = importlib.import_module(settings.ROOT_URLCONF)
    try:
        importlib.reload(urls)
        clear_url_caches()
        for persona in ("reporter", "monitor", "outsider"):
            assert client_for(persona).get(f"/media/{evidence.file.name}").status_code == 404
    finally:
        settings.DEBUG = False
        importlib.reload(urls)
        clear_url_caches()
    assert client_for("reporter").get(f"/reporting/evidence/{evidence.pk}/").status_code == 200


def test_production_hands_the_file_to_nginx(ward_report: UnitReport, settings: Any) -> None:
    evidence = _attach(ward_report)
    settings.PROTECTED_MEDIA_ACCEL_PREFIX = "/protected-media/"
    response = client_for("reporter").get(f"/reporting/evidence/{evidence.pk}/")
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/{evidence.file.name}"
    assert "bien-ban.pdf" in response["Content-Disposition"]
    assert response.content == b""
    assert client_for("outsider").get(f"/reporting/evidence/{evidence.pk}/").status_code == 404


def test_a_bomb_or_entity_declaration_as_evidence_is_refused(ward_report: UnitReport) -> None:
    import io
    import zipfile

    from django.core.files.uploadedfile import SimpleUploadedFile

    def docx(body: bytes) -> SimpleUploadedFile:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("[Content_Types].xml", "<Types/>")
            zf.writestr("word/document.xml", body)
        return SimpleUploadedFile("ket-qua.docx", buffer.getvalue())

    entity = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "x">]><d>&e;</d>'.encode("utf-16")
    for file, message in (
        (docx(b"<d>" + b"a" * (120 << 20) + b"</d>"), "bom nén"),
        (docx(entity), "DOCTYPE/ENTITY"),
    ):
        response = client_for("reporter").post(
            f"/reporting/reports/{ward_report.pk}/evidence/", {"file": file}, follow=True
        )
        assert message in response.content.decode()
    assert not Evidence.objects.filter(unit_report=ward_report).exists()

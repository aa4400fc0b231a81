"""The registry's pages: the list and a document's page show only what the persona may see;
missing and forbidden documents both answer 404."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.urls import reverse

from audit.log import record
from documents.models import Document, DocumentReference
from documents.tests.helpers import ward_draft

LIST = reverse("documents:list")


def detail(doc: Document | uuid.UUID) -> str:
    return reverse("documents:detail", args=[doc.pk if isinstance(doc, Document) else doc])


@pytest.mark.django_db
class TestList:
    def test_lists_published_documents_and_the_units_own_drafts(
        self, as_persona: Any, demo: Any
    ) -> None:
        draft = ward_draft(demo)
        response = as_persona("reporter").get(LIST)
        assert response.status_code == 200
        listed = set(response.context["object_list"])
        assert listed == set(Document.objects.visible_to(demo.user("reporter")))
        assert draft in listed
        assert "12-KH/ĐU" in response.content.decode()

    def test_the_outsider_gets_the_public_registry_only(self, as_persona: Any, demo: Any) -> None:
        draft = ward_draft(demo)
        response = as_persona("outsider").get(LIST)
        assert response.status_code == 200
        listed = set(response.context["object_list"])
        assert listed == set(Document.objects.filter(is_published=True))
        assert draft not in listed
        assert "12-KH/ĐU" not in response.content.decode()

    def test_newest_first(self, as_persona: Any) -> None:
        dates = [d.issued_on for d in as_persona("monitor").get(LIST).context["object_list"]]
        known = [d for d in dates if d is not None]
        assert known == sorted(known, reverse=True)
        assert known[0].year == 2019  # 101-KH/TU, the newest dated demo document

    def test_htmx_gets_only_the_table(self, as_persona: Any) -> None:
        response = as_persona("monitor").get(LIST, {"kind": "ket_luan"}, HTTP_HX_REQUEST="true")
        body = response.content.decode()
        assert "<table" in body
        assert "<html" not in body
        assert [str(d) for d in response.context["object_list"]] == ["Kết luận 50-KL/TW"]

    def test_anonymous_visitors_are_sent_to_sign_in(self, anonymous: Any) -> None:
        response = anonymous.get(LIST)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


@pytest.mark.django_db
class TestDetail:
    def test_the_issuing_unit_reads_its_draft(self, as_persona: Any, demo: Any) -> None:
        draft = ward_draft(demo, recipients=["Lưu VP"], text="Nội dung toàn văn")
        response = as_persona("reporter").get(detail(draft))
        assert response.status_code == 200
        assert response.context["object"] == draft
        body = response.content.decode()
        assert draft.title in body
        assert "Lưu VP" in body
        assert "Nội dung toàn văn" in body

    @pytest.mark.parametrize("persona", ["outsider", "manager", "supervisor"])
    def test_others_get_404_for_a_draft(self, as_persona: Any, demo: Any, persona: str) -> None:
        assert as_persona(persona).get(detail(ward_draft(demo))).status_code == 404

    def test_a_missing_document_is_404(self, as_persona: Any) -> None:
        assert as_persona("monitor").get(detail(uuid.uuid4())).status_code == 404

    def test_citations_list_only_documents_the_reader_may_see(
        self, as_persona: Any, demo: Any
    ) -> None:
        seed = demo.seed_plan.document
        draft = ward_draft(demo)
        DocumentReference.objects.create(source=seed, target=draft)
        DocumentReference.objects.create(source=draft, target=seed, relation="implements")

        for persona, sees_draft in (("reporter", True), ("outsider", False)):
            context = as_persona(persona).get(detail(seed)).context
            targets = {ref.target for ref in context["references"]}
            assert (draft in targets) is sees_draft, persona
            assert Document.objects.get(number_symbol="101-KH/TU") in targets
            assert (draft in {ref.source for ref in context["referenced_by"]}) is sees_draft

        # The seed document is the one the demo plan carries out.
        # (a panel plans contributes: core.panels, slot "documents.document_detail")
        page = as_persona("monitor").get(detail(seed)).content.decode()
        assert f'href="/plans/{demo.seed_plan.pk}/"' in page

    def test_shows_the_documents_history(self, as_persona: Any, demo: Any) -> None:
        draft = ward_draft(demo)
        record(demo.user("reporter"), "document.update", draft, {"title": ["Cũ", draft.title]})
        response = as_persona("reporter").get(detail(draft))
        history = list(response.context["history"])
        assert [(e.action, e.actor) for e in history] == [
            ("document.update", demo.user("reporter"))
        ]
        assert "Cập nhật: văn bản" in response.content.decode()  # a sentence, not the key

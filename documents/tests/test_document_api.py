"""The read-only documents API answers from the same scoping path as the pages."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

import pytest
from rest_framework.test import APIClient

from accounts.tokens import issue_token
from documents.models import Document, DocumentReference
from documents.tests.helpers import own_draft, ward_draft

if TYPE_CHECKING:
    from accounts.models import User

URL = "/api/documents/"


def api_for(user: User) -> APIClient:
    client = APIClient()
    _token, key = issue_token(user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def listed(client: APIClient, **params: str) -> dict[str, dict[str, Any]]:
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == len(body["results"])  # one page holds the demo registry
    return {row["id"]: row for row in body["results"]}


@pytest.mark.django_db
class TestList:
    @pytest.mark.parametrize("persona", ["monitor", "reporter", "outsider", "manager"])
    def test_lists_exactly_what_visible_to_allows(self, demo: Any, persona: str) -> None:
        ward_draft(demo)
        own_draft(demo.user("outsider"))
        user = demo.user(persona)
        rows = listed(api_for(user))
        assert set(rows) == {
            str(pk) for pk in Document.objects.visible_to(user).values_list("pk", flat=True)
        }

    def test_drafts_reach_their_unit_and_author_only(self, demo: Any) -> None:
        unit_draft = str(ward_draft(demo).pk)
        author_draft = str(own_draft(demo.user("outsider")).pk)
        reporter = listed(api_for(demo.user("reporter")))
        outsider = listed(api_for(demo.user("outsider")))
        assert unit_draft in reporter and author_draft not in reporter
        assert author_draft in outsider and unit_draft not in outsider

    def test_a_row_carries_the_registry_fields(self, demo: Any) -> None:
        doc = Document.objects.get(number_symbol="101-KH/TU")
        assert doc.issuer is not None
        row = listed(api_for(demo.user("outsider")))[str(doc.pk)]
        assert row["kind"] == "ke_hoach"
        assert row["issued_on"] == "2019-09-03"
        assert row["issuer"] == str(doc.issuer_id)
        assert row["issuer_display"] == doc.issuer.name == "Tỉnh ủy Lâm Đồng"
        assert row["is_published"] is True
        assert row["cites"] == [
            {"target": str(ref.target_id), "number_symbol": "50-KL/TW", "relation": "implements"}
            for ref in doc.references.all()
        ]

    def test_filters_by_kind_and_number(self, demo: Any) -> None:
        client = api_for(demo.user("monitor"))
        decisions = listed(client, kind="quyet_dinh")
        assert {r["number_symbol"] for r in decisions.values()} == {"2556/QĐ-UBND", "225/QĐ-UBND"}
        exact = listed(client, number_symbol="20-NQ/TW")
        assert [r["number_symbol"] for r in exact.values()] == ["20-NQ/TW"]

    def test_anonymous_callers_are_refused(self) -> None:
        assert APIClient().get(URL).status_code == 401


@pytest.mark.django_db
class TestDetail:
    def test_the_unit_reads_its_draft(self, demo: Any) -> None:
        draft = ward_draft(demo)
        response = api_for(demo.user("reporter")).get(f"{URL}{draft.pk}/")
        assert response.status_code == 200
        assert response.json()["number_symbol"] == "12-KH/ĐU"
        assert response.json()["is_published"] is False

    @pytest.mark.parametrize("persona", ["outsider", "manager", "supervisor"])
    def test_others_get_404_for_a_draft(self, demo: Any, persona: str) -> None:
        draft = ward_draft(demo)
        assert api_for(demo.user(persona)).get(f"{URL}{draft.pk}/").status_code == 404

    def test_a_missing_document_is_404(self, demo: Any) -> None:
        assert api_for(demo.user("monitor")).get(f"{URL}{uuid.uuid4()}/").status_code == 404

    def test_citations_of_hidden_documents_are_left_out(self, demo: Any) -> None:
        seed = demo.seed_plan.document
        draft = ward_draft(demo)
        DocumentReference.objects.create(source=seed, target=draft)

        def cited(persona: str) -> set[str]:
            response = api_for(demo.user(persona)).get(f"{URL}{seed.pk}/")
            assert response.status_code == 200
            return {c["number_symbol"] for c in response.json()["cites"]}

        public = {"101-KH/TU", "50-KL/TW", "20-NQ/TW", "65-KH/TU", "2556/QĐ-UBND", "225/QĐ-UBND"}
        assert cited("outsider") == public
        assert cited("reporter") == public | {"12-KH/ĐU"}

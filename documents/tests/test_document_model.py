"""The document registry's model: display text, folded search text, kinds, citations, and who
may see a document (``visible_to``) — published to everyone, drafts to the issuing unit's
subtree and the author, everything to the monitoring office and the administrator."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction

from documents.models import Document, DocumentKind, DocumentReference
from documents.tests.helpers import own_draft, ward_draft


class TestKindFromLabel:
    @pytest.mark.parametrize(
        ("label", "kind"),
        [
            ("Kế hoạch", DocumentKind.PLAN),
            ("KẾ HOẠCH", DocumentKind.PLAN),
            ("nghi quyet", DocumentKind.RESOLUTION),
            ("Quyết định", DocumentKind.DECISION),
            ("Chương trình hành động", DocumentKind.PROGRAM),
            ("Biên bản", DocumentKind.OTHER),
            ("", DocumentKind.OTHER),
            (None, DocumentKind.OTHER),
        ],
    )
    def test_maps_a_written_kind_name(self, label: str | None, kind: DocumentKind) -> None:
        assert DocumentKind.from_label(label) == kind


@pytest.mark.django_db
class TestDocument:
    def test_str_is_kind_and_number_or_else_the_start_of_the_title(self) -> None:
        numbered = Document(kind=DocumentKind.RESOLUTION, number_symbol="20-NQ/TW", title="…")
        assert str(numbered) == "Nghị quyết 20-NQ/TW"
        unnumbered = Document(kind=DocumentKind.PLAN, title="Kế hoạch " + "x" * 200)
        assert str(unnumbered) == ("Kế hoạch " + "x" * 200)[:120]

    def test_save_stores_a_folded_copy_for_search(self, demo: Any) -> None:
        doc = Document.objects.create(
            kind=DocumentKind.DIRECTIVE,
            number_symbol="05-CT/TU",
            title="Đẩy mạnh Đổi mới sáng tạo",
            issuer_name="Tỉnh ủy Lâm Đồng",
        )
        assert doc.search_text == "chi thi 05-ct/tu day manh doi moi sang tao tinh uy lam dong"
        doc.title = "Ứng dụng khoa học"
        doc.save()
        assert "ung dung khoa hoc" in Document.objects.get(pk=doc.pk).search_text

    def test_issuer_display_prefers_the_registered_unit(self, demo: Any) -> None:
        unit = demo.unit("DB-phuong-1")
        assert ward_draft(demo, issuer_name="như ghi").issuer_display == unit.name
        assert Document(title="t", issuer_name="Sở KH&CN").issuer_display == "Sở KH&CN"

    def test_a_citation_is_unique_per_pair(self, demo: Any) -> None:
        seed = demo.seed_plan.document
        cited = Document.objects.get(number_symbol="20-NQ/TW")
        ref = DocumentReference.objects.get(source=seed, target=cited)
        assert str(ref) == f"{seed} → Nghị quyết 20-NQ/TW"
        assert ref.relation == "cites"
        assert set(seed.cites.all()) == {r.target for r in seed.references.all()}
        assert seed in cited.cited_by.all()
        with pytest.raises(IntegrityError), transaction.atomic():
            DocumentReference.objects.create(source=seed, target=cited, relation="implements")


@pytest.mark.django_db
class TestVisibility:
    def test_published_documents_are_visible_to_everyone(self, demo: Any) -> None:
        published = set(Document.objects.filter(is_published=True))
        assert published  # the demo registry is public
        for persona in ("monitor", "manager", "reporter", "supervisor", "outsider", "admin"):
            assert published <= set(Document.objects.visible_to(demo.user(persona))), persona
        assert set(Document.objects.visible_to(AnonymousUser())) == published
        assert set(Document.objects.visible_to(None)) == published

    @pytest.mark.parametrize(
        ("persona", "sees"),
        [
            ("monitor", True),  # Ban Tuyên giáo follows everything
            ("admin", True),
            ("reporter", True),  # a member of the issuing unit
            ("manager", False),  # UBND thành phố is not above a ward's party committee
            ("supervisor", False),
            ("outsider", False),
        ],
    )
    def test_a_draft_is_visible_to_its_issuing_unit(
        self, demo: Any, persona: str, sees: bool
    ) -> None:
        draft = ward_draft(demo)
        assert (draft in Document.objects.visible_to(demo.user(persona))) is sees

    def test_a_draft_is_hidden_from_anonymous_visitors(self, demo: Any) -> None:
        draft = ward_draft(demo)
        assert draft not in Document.objects.visible_to(AnonymousUser())

    def test_a_draft_without_issuing_unit_is_visible_to_its_author(self, demo: Any) -> None:
        draft = own_draft(demo.user("outsider"))
        visible = {
            persona: draft in Document.objects.visible_to(demo.user(persona))
            for persona in ("outsider", "monitor", "reporter", "manager", "supervisor")
        }
        assert visible == {
            "outsider": True,
            "monitor": True,
            "reporter": False,
            "manager": False,
            "supervisor": False,
        }
        assert draft not in Document.objects.visible_to(AnonymousUser())

    def test_publishing_opens_a_draft_to_everyone(self, demo: Any) -> None:
        draft = ward_draft(demo)
        draft.is_published = True
        draft.save()
        assert draft in Document.objects.visible_to(demo.user("outsider"))
        assert draft in Document.objects.visible_to(AnonymousUser())

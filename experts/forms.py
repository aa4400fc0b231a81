"""The expert form: the consent is typed with the data it covers."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from core.duplicates import DuplicateWarningMixin, SameKey, SimilarName
from core.forms import VersionField, VersionForm, cleaned, limit_choices
from core.permissions import EDIT_ST_REGISTRIES
from core.scoping import scope_for
from experts import actions
from experts.models import Expert
from organisations.models import Organisation
from orgunits.models import OrgUnit

# Surnames and middle names most Vietnamese names share (folded): the search is narrowed by
# the given name instead.
COMMON_NAME_WORDS = frozenset(
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly van thi huu duc "
    "dinh trinh truong lam mai cao".split()
)


def phone_digits(phone: str) -> str:
    """A phone number as its digits, the country code as a leading 0 ("+84 263 3822 123" and
    "0263.3822.123" are one number)."""
    digits = "".join(c for c in phone if c.isdigit())
    return "0" + digits[2:] if digits.startswith("84") and len(digits) > 9 else digits


def _phone_q(data: dict[str, Any]) -> Q | None:
    digits = phone_digits(data.get("phone") or "")
    # The last three digits are typed together whatever the grouping: a narrow SQL filter,
    # the whole number is compared in Python (``_same_phone``).
    return Q(phone__endswith=digits[-3:]) if len(digits) >= 6 else None


def _email_q(data: dict[str, Any]) -> Q | None:
    # Lower-cased as the index is (``expert_email_lower``): no scan of the registry.
    email = str(data.get("email") or "").strip().lower()
    return Q(Exact(Lower("email"), email)) if email else None


def _same_phone(record: Expert, data: dict[str, Any]) -> bool:
    return phone_digits(record.phone) == phone_digits(data.get("phone") or "")


class ExpertForm(DuplicateWarningMixin, forms.ModelForm):
    """An expert; the same e-mail or phone, or a near-identical name with the same birth
    year, asks for confirmation. Matches are named only to those who see every field of the
    matching record (its contact may not be consented to); others hear only that the
    registry holds a similar record."""

    version = VersionField()
    duplicate_keys = (
        SameKey(("email",), _("cùng thư điện tử"), match=_email_q),
        SameKey(("phone",), _("cùng số điện thoại"), match=_phone_q, accept=_same_phone),
    )
    duplicate_name = SimilarName(
        field="full_name",
        reason=_("họ tên gần giống, cùng năm sinh"),
        same=("birth_year",),
        common=COMMON_NAME_WORDS,
    )
    duplicate_detail_url = "experts:detail"

    class Meta:
        model = Expert
        fields = [*Expert.EDITABLE_FIELDS, "projects"]
        widgets = {
            "consent_on": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "projects": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.add_confirm_field()
        if self.instance._state.adding:
            del self.fields["version"]
        units = OrgUnit.objects.visible_to(user).filter(
            scope_for(user).units_where_q(EDIT_ST_REGISTRIES)
        )
        limit_choices(self, "owner_unit", units.order_by("path"))
        limit_choices(self, "affiliation", Organisation.objects.visible_to(user).order_by("name"))
        # Projects are a sibling registry: reached through the relation, scoped like any page.
        projects = Expert._meta.get_field("projects").related_model
        limit_choices(
            self,
            "projects",
            projects._default_manager.visible_to(user).order_by("-created_at"),  # type: ignore[attr-defined, union-attr]
        )
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif not isinstance(widget, forms.HiddenInput):
                css = "form-select" if isinstance(widget, forms.Select) else "form-control"
                widget.attrs.setdefault("class", css)

    def duplicate_queryset(self) -> QuerySet:
        # An anonymised record has no name or contact left to match.
        return super().duplicate_queryset().filter(is_anonymised=False)

    def shown_reasons(self, record: Any, reasons: list[str]) -> list[str]:
        # Only those who see every field hear of a match: its contact may not be consented to.
        return reasons if actions.sees_all(self.user, record) else []

    def clean(self) -> dict[str, Any]:
        data = super().clean() or cleaned(self)
        self.check_duplicates(data)
        return data


class WithdrawForm(VersionForm):
    """The button that records a withdrawal of consent and anonymises the record."""

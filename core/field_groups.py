"""Field groups published per record (nhóm thông tin công khai), for the registries.

A registry record is published as a whole (``is_published``: the record exists for outsiders
and the public portal), and on top of that each *field group* beyond its identity is published
on its own. Identity (name, kind, place…) is always public when the record is; every other
group has a boolean model field (``publish_<group>``, default False, so that upgrading makes
nothing new public). Booleans, not a JSON list: the database checks them, forms show them as
plain checkboxes and the audit row names each change with the field's ``verbose_name``.

The experts registry models consent the same way (``Expert.shown_groups``); this module is the
shared shape for the registries without personal data. A model lists its groups in
``FIELD_GROUPS`` and everything that shows a record to someone who sees it only because it is
published asks ``shown_groups(full=False)`` or ``public_fields()`` — one place per model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from django.utils.functional import Promise

from core.text import fold

IDENTITY = "identity"


@dataclass(frozen=True)
class FieldGroup:
    """One group: its name (in templates: ``{% if "funds" in groups %}``), its label, the
    model fields (or related lists) it covers and the boolean field that publishes it (None:
    the identity, public with the record)."""

    name: str
    label: str | Promise
    fields: tuple[str, ...]
    flag: str | None = None


class PublishedGroupsMixin:
    """Mixed into a registry model that declares ``FIELD_GROUPS`` (identity first)."""

    FIELD_GROUPS: ClassVar[tuple[FieldGroup, ...]] = ()

    @classmethod
    def publish_flags(cls) -> tuple[str, ...]:
        """The boolean fields that publish a group (edited with the record)."""
        return tuple(g.flag for g in cls.FIELD_GROUPS if g.flag)

    @classmethod
    def group_names(cls) -> frozenset[str]:
        return frozenset(g.name for g in cls.FIELD_GROUPS)

    def published_groups(self) -> frozenset[str]:
        """The groups shown to whoever sees the record only because it is published."""
        return frozenset(
            g.name for g in self.FIELD_GROUPS if g.flag is None or bool(getattr(self, g.flag))
        )

    def shown_groups(self, full: bool) -> frozenset[str]:
        """Every group for the record's owners and managing office (``full``), else the
        published ones."""
        return self.group_names() if full else self.published_groups()

    def public_fields(self) -> tuple[str, ...]:
        """The fields of the published groups, in declaration order (open data, portal)."""
        shown = self.published_groups()
        return tuple(f for g in self.FIELD_GROUPS if g.name in shown for f in g.fields)

    def field_is_public(self, name: str) -> bool:
        return name in self.public_fields()

    def search_parts(self) -> list[tuple[str, str]]:
        """The searched words as ``(field name, text)``: the model says which field each
        comes from, so the public search column can leave out the unpublished groups."""
        raise NotImplementedError

    def build_search_text(self) -> str:
        """The folded ``search_text`` (every group: signed-in, scoped search)."""
        return fold(" ".join(text for _name, text in self.search_parts()))

    def build_public_search_text(self) -> str:
        """The folded ``public_search_text``: only the words of published groups, so that an
        anonymous search can never tell a hidden value (a certificate or application number)
        by which record it finds. save() stores it with the flags, so publishing a group or
        withdrawing it changes what the portal's search matches at once."""
        shown = set(self.public_fields())
        return fold(" ".join(text for name, text in self.search_parts() if name in shown))


def hide_unpublished(obj: Any, values: dict[str, Any], *, full: bool) -> dict[str, Any]:
    """``values`` (a serialised record) without the fields of the groups not shown; the
    fields no group names (id, version, the flags themselves) stay."""
    if full:
        return values
    hidden = {f for g in obj.FIELD_GROUPS if g.name not in obj.published_groups() for f in g.fields}
    return {k: v for k, v in values.items() if k not in hidden}


class PublishedGroupsSerializerMixin:
    """For a registry's read-only API serializer: the fields of the groups the requesting
    user may not see are left out (``hide_unpublished``). ``sees_all(user, obj)`` is the
    app's predicate for the record's owners (``staticmethod(actions.sees_all)``)."""

    sees_all: Any

    def to_representation(self, instance: Any) -> Any:
        data = super().to_representation(instance)  # type: ignore[misc]
        request = getattr(self, "context", {}).get("request")
        full = self.sees_all(getattr(request, "user", None), instance)
        return hide_unpublished(instance, data, full=full)

"""The typed shape of an import job's review draft (bản rà soát), stored as JSON in
``ImportJob.draft``.

The draft is the parsed document (``docparse``'s ``ParsedDocument.to_dict()``) plus what the
matching and the reviewer add: registry ids for units and cited documents, include flags, units
to create. Code reads and writes it through these dataclasses, never through bare keys.

``Draft.from_json`` is tolerant: drafts stored by older code may lack keys or hold ``null``
where a list is expected; missing values get the defaults below. Unknown keys are dropped.
``to_json`` always writes every key, so a stored draft is complete after its next save.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any


def _text(value: Any) -> str | None:
    """A string field: absent, null and empty all read as None (as the review form writes)."""
    if value is None or value == "":
        return None
    return str(value)


def _strings(value: Any) -> list[str]:
    if not isinstance(value, list | tuple):
        return []
    return [str(item) for item in value if item is not None]


def _mappings(value: Any) -> list[Mapping[str, Any]]:
    if not isinstance(value, list | tuple):
        return []
    return [item for item in value if isinstance(item, Mapping)]


def _flag(value: Any, default: bool = True) -> bool:
    return default if value is None else bool(value)


@dataclass
class Signer:
    """Who signed the document (người ký) and in what capacity."""

    title: str | None = None
    name: str | None = None

    @classmethod
    def from_json(cls, data: Any) -> Signer:
        data = data if isinstance(data, Mapping) else {}
        return cls(title=_text(data.get("title")), name=_text(data.get("name")))

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "name": self.name}


@dataclass
class DraftSection:
    """A numbered part of the document (mục) with its sub-parts."""

    label: str = ""
    heading: str = ""
    children: list[DraftSection] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DraftSection:
        return cls(
            label=str(data.get("label") or ""),
            heading=str(data.get("heading") or ""),
            children=[cls.from_json(c) for c in _mappings(data.get("children"))],
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "heading": self.heading,
            "children": [c.to_json() for c in self.children],
        }


@dataclass
class DraftReference:
    """A document cited by this one (văn bản căn cứ, dẫn chiếu) and its registry match."""

    number_symbol: str | None = None
    kind: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd
    issuer: str | None = None
    text: str | None = None
    target_id: str | None = None  # the registry document; None: a placeholder is created
    relation: str = "cites"  # "implements" | "cites"
    include: bool = True

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DraftReference:
        return cls(
            number_symbol=_text(data.get("number_symbol")),
            kind=_text(data.get("kind")),
            date=_text(data.get("date")),
            issuer=_text(data.get("issuer")),
            text=_text(data.get("text")),
            target_id=_text(data.get("target_id")),
            relation=str(data.get("relation") or "cites"),
            include=_flag(data.get("include")),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "number_symbol": self.number_symbol,
            "date": self.date,
            "issuer": self.issuer,
            "text": self.text,
            "target_id": self.target_id,
            "relation": self.relation,
            "include": self.include,
        }


@dataclass
class DraftTask:
    """A task as written (nhiệm vụ) with the units the reviewer assigns to it.

    ``lead``/``cooperating`` are the unit names as written; ``lead_ids``/``cooperating_ids``
    are registry unit ids or ``new:N`` tokens naming ``Draft.new_units[N]``.
    """

    path: str = ""  # the dotted label path ("II.3"), also the section it belongs to
    text: str = ""
    lead: list[str] = field(default_factory=list)
    cooperating: list[str] = field(default_factory=list)
    deadline: str | None = None  # as written: "31/12/2025", "2030", "Quý II/2025"…
    frequency: str | None = None  # a plans.Frequency value once matched
    lead_ids: list[str] = field(default_factory=list)
    cooperating_ids: list[str] = field(default_factory=list)
    include: bool = True
    milestones: dict[str, str] = field(default_factory=dict)  # year → target

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DraftTask:
        raw = data.get("milestones")
        return cls(
            path=str(data.get("path") or ""),
            text=str(data.get("text") or ""),
            lead=_strings(data.get("lead")),
            cooperating=_strings(data.get("cooperating")),
            deadline=_text(data.get("deadline")),
            frequency=_text(data.get("frequency")),
            lead_ids=_strings(data.get("lead_ids")),
            cooperating_ids=_strings(data.get("cooperating_ids")),
            include=_flag(data.get("include")),
            milestones=(
                {str(k): str(v) for k, v in raw.items() if v is not None}
                if isinstance(raw, Mapping)
                else {}
            ),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "text": self.text,
            "lead": list(self.lead),
            "cooperating": list(self.cooperating),
            "deadline": self.deadline,
            "frequency": self.frequency,
            "lead_ids": list(self.lead_ids),
            "cooperating_ids": list(self.cooperating_ids),
            "include": self.include,
            "milestones": dict(self.milestones),
        }


@dataclass
class Mention:
    """A unit named in the tasks (đơn vị được nhắc đến) and the registry units it matched."""

    mention: str = ""
    unit_ids: list[str] = field(default_factory=list)
    confidence: float = 0.0
    reason: str = ""
    group: bool = False  # "các ban, ngành thành phố": expands to several units
    # The units offered to the reviewer as checkboxes (a group's expansion, a guess); the
    # checked ones are ``unit_ids``.
    candidates: list[str] = field(default_factory=list)
    # A body outside the local registry (another province's, a ministry): never matched.
    external: bool = False
    chosen: bool = False  # the reviewer picked or created its unit: re-matching keeps it

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Mention:
        try:
            confidence = float(data.get("confidence") or 0.0)
        except (TypeError, ValueError):
            confidence = 0.0
        return cls(
            mention=str(data.get("mention") or ""),
            unit_ids=_strings(data.get("unit_ids")),
            confidence=confidence,
            reason=str(data.get("reason") or ""),
            group=bool(data.get("group")),
            candidates=_strings(data.get("candidates")),
            external=bool(data.get("external")),
            chosen=bool(data.get("chosen")),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "mention": self.mention,
            "unit_ids": list(self.unit_ids),
            "confidence": self.confidence,
            "reason": self.reason,
            "group": self.group,
            "candidates": list(self.candidates),
            "external": self.external,
            "chosen": self.chosen,
        }


@dataclass
class NewUnit:
    """A unit the reviewer adds to the registry on confirmation (đơn vị mới)."""

    name: str = ""
    parent_id: str | None = None
    kind: str = "other"
    mention: str | None = None  # the name as written, kept as an alias when it differs

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> NewUnit:
        return cls(
            name=str(data.get("name") or ""),
            parent_id=_text(data.get("parent_id")),
            kind=str(data.get("kind") or "other"),
            mention=_text(data.get("mention")),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "parent_id": self.parent_id,
            "kind": self.kind,
            "mention": self.mention,
        }


@dataclass
class Draft:
    """The whole review draft: the document's particulars, structure, tasks and matches."""

    kind: str | None = None  # as written: "Kế hoạch", "Nghị quyết"…
    number_symbol: str | None = None
    issuer: str | None = None  # as written
    place: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd
    title: str | None = None
    recipients: list[str] = field(default_factory=list)
    signer: Signer = field(default_factory=Signer)
    references: list[DraftReference] = field(default_factory=list)
    sections: list[DraftSection] = field(default_factory=list)
    tasks: list[DraftTask] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    issuer_id: str | None = None  # the registry unit that issued the document
    # "matched" | "external" (a body outside the local registry, kept by name) | "unmatched"
    issuer_status: str = ""
    issuer_note: str = ""  # where an external issuer belongs ("Trung ương", "địa phương khác")
    owner_id: str | None = None  # the unit that will own the plan
    new_units: list[NewUnit] = field(default_factory=list)
    plan_title: str | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> Draft:
        data = data if isinstance(data, Mapping) else {}
        return cls(
            kind=_text(data.get("kind")),
            number_symbol=_text(data.get("number_symbol")),
            issuer=_text(data.get("issuer")),
            place=_text(data.get("place")),
            date=_text(data.get("date")),
            title=_text(data.get("title")),
            recipients=_strings(data.get("recipients")),
            signer=Signer.from_json(data.get("signer")),
            references=[DraftReference.from_json(r) for r in _mappings(data.get("references"))],
            sections=[DraftSection.from_json(s) for s in _mappings(data.get("sections"))],
            tasks=[DraftTask.from_json(t) for t in _mappings(data.get("tasks"))],
            mentions=[Mention.from_json(m) for m in _mappings(data.get("mentions"))],
            issuer_id=_text(data.get("issuer_id")),
            issuer_status=str(data.get("issuer_status") or ""),
            issuer_note=str(data.get("issuer_note") or ""),
            owner_id=_text(data.get("owner_id")),
            new_units=[NewUnit.from_json(u) for u in _mappings(data.get("new_units"))],
            plan_title=_text(data.get("plan_title")),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "number_symbol": self.number_symbol,
            "issuer": self.issuer,
            "place": self.place,
            "date": self.date,
            "title": self.title,
            "recipients": list(self.recipients),
            "signer": self.signer.to_json(),
            "references": [r.to_json() for r in self.references],
            "sections": [s.to_json() for s in self.sections],
            "tasks": [t.to_json() for t in self.tasks],
            "mentions": [m.to_json() for m in self.mentions],
            "issuer_id": self.issuer_id,
            "issuer_status": self.issuer_status,
            "issuer_note": self.issuer_note,
            "owner_id": self.owner_id,
            "new_units": [u.to_json() for u in self.new_units],
            "plan_title": self.plan_title,
        }

    @property
    def issuer_external(self) -> bool:
        """The issuer is an external body: its document's names are not our units."""
        return self.issuer_status == "external" and not self.issuer_id

    def included_tasks(self) -> list[DraftTask]:
        return [t for t in self.tasks if t.include]

    def included_references(self) -> list[DraftReference]:
        return [r for r in self.references if r.include]

    def iter_sections(self) -> Iterator[tuple[DraftSection, int]]:
        """Every section with its depth, depth first (the review table's rows)."""
        stack = [(s, 0) for s in reversed(self.sections)]
        while stack:
            section, depth = stack.pop()
            yield section, depth
            stack.extend((c, depth + 1) for c in reversed(section.children))

    @staticmethod
    def new_unit_token(index: int) -> str:
        """How tasks and mentions name ``new_units[index]`` before it exists."""
        return f"new:{index}"

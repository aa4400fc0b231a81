"""Result dataclasses.  ``ParsedDocument.to_dict()`` is the stable JSON schema."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Reference:
    kind: str | None
    number_symbol: str
    date: str | None = None
    issuer: str | None = None
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "number_symbol": self.number_symbol,
            "date": self.date,
            "issuer": self.issuer,
            "text": self.text,
        }


@dataclass
class Section:
    label: str
    heading: str
    children: list[Section] = field(default_factory=list)
    # not serialised: full text of the numbered paragraph, rank, path
    text: str = ""
    rank: int = 0
    path: str = ""
    comp: str = ""  # path component when it differs from the label (restarted letter list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "heading": self.heading,
            "children": [c.to_dict() for c in self.children],
        }


@dataclass
class Task:
    path: str
    text: str
    lead: list[str] = field(default_factory=list)
    cooperating: list[str] = field(default_factory=list)
    deadline: str | None = None
    frequency: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "text": self.text,
            "lead": list(self.lead),
            "cooperating": list(self.cooperating),
            "deadline": self.deadline,
            "frequency": self.frequency,
        }


@dataclass
class Signer:
    title: str | None = None
    name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "name": self.name}


@dataclass
class ParsedDocument:
    kind: str | None = None
    number_symbol: str | None = None
    issuer: str | None = None
    place: str | None = None
    date: str | None = None
    title: str | None = None
    references: list[Reference] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer: Signer = field(default_factory=Signer)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "number_symbol": self.number_symbol,
            "issuer": self.issuer,
            "place": self.place,
            "date": self.date,
            "title": self.title,
            "references": [r.to_dict() for r in self.references],
            "sections": [s.to_dict() for s in self.sections],
            "tasks": [t.to_dict() for t in self.tasks],
            "recipients": list(self.recipients),
            "signer": self.signer.to_dict(),
        }

    def iter_sections(self) -> list[Section]:
        """All sections, depth first."""
        out: list[Section] = []
        stack = list(reversed(self.sections))
        while stack:
            s = stack.pop()
            out.append(s)
            stack.extend(reversed(s.children))
        return out


@dataclass
class ExtractedText:
    text: str
    warnings: list[str] = field(default_factory=list)

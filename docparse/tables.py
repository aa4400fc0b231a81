"""Assignment tables (bảng phân công nhiệm vụ): tasks laid out as table rows.

Many plans, and most of their appendices, assign work in a table rather than in numbered items:
a header row with the columns STT / Nội dung (nhiệm vụ, công việc) / Cơ quan chủ trì / Cơ quan
phối hợp / Thời gian (thời hạn, tiến độ) hoàn thành, then one row per task. The body's section
tree keeps table rows out of the structure, so this module reads them on their own: it finds a
pipe-table header row that names a "chủ trì" column, maps the columns by their headings, and
turns each data row into a ``Task`` whose path is "T<table number>.<STT>" (or "r<row>" when the
STT cell is not a number or letter). The lead and cooperating cells are split into units, the
time column gives the deadline (see ``tasks.deadline_of``).
"""

from __future__ import annotations

import re

from .layout import Line, row_cells
from .model import Task
from .tasks import deadline_of, frequency_of
from .text import collapse_ws, fold
from .units import split_units


def table_tasks(lines: list[Line]) -> list[Task]:
    """Tasks from every assignment table in the document, tables numbered from 1."""
    tasks: list[Task] = []
    k = 0
    i = 0
    n = len(lines)
    while i < n:
        t = lines[i].text
        if "|" in t and re.search(r"chu tri", fold(t)):
            markdown = t.strip().startswith("|")
            cells = [fold(c) for c in row_cells(t, markdown)]
            above = _header_above(lines, i, markdown, len(cells))
            if above:
                # a two-row header ("Đơn vị thực hiện" over "Chủ trì | Phối hợp"): each column
                # is named by both rows
                cells = [f"{a} {c}".strip() for a, c in zip(above, cells, strict=True)]
            col = _columns(cells)
            k += 1
            i = _read_rows(lines, i + 1, markdown, col, f"T{k}", tasks)
            continue
        i += 1
    return tasks


def _header_above(lines: list[Line], i: int, markdown: bool, width: int) -> list[str]:
    """Folded cells of the header row just above line ``i`` (a Markdown separator row between
    them is blank after layout), when it has as many cells and no numbers in its first cell."""
    k = i - 1
    while k >= 0 and not lines[k].text and i - k <= 2:
        k -= 1
    if k < 0 or "|" not in lines[k].text:
        return []
    cells = [fold(c) for c in row_cells(lines[k].text, markdown)]
    if len(cells) != width or re.fullmatch(r"\d+", cells[0].strip(" .")):
        return []
    return cells


def _columns(cells: list[str]) -> dict[str, int]:
    """Column index of each field, from the folded header cells (-1: no such column)."""
    col = {"lead": -1, "coop": -1, "time": -1, "content": -1, "stt": -1}
    for ci, c in enumerate(cells):
        if "chu tri" in c and col["lead"] < 0:
            col["lead"] = ci
        elif "phoi hop" in c and col["coop"] < 0:
            col["coop"] = ci
        elif re.search(r"thoi gian|thoi han|tien do|hoan thanh", c) and col["time"] < 0:
            col["time"] = ci
        elif re.search(r"noi dung|nhiem vu|cong viec|ten", c) and col["content"] < 0:
            col["content"] = ci
        elif c in ("tt", "stt", "so tt", "so thu tu") and col["stt"] < 0:
            col["stt"] = ci
    if col["content"] < 0:
        # no "Nội dung" heading: the first column that is neither STT nor a unit/time column
        used = {v for v in col.values() if v >= 0}
        col["content"] = next((i for i in range(len(cells)) if i not in used), 0)
    return col


_ROMAN_RE = re.compile(r"[IVX]{1,5}")
_STT_RE = re.compile(r"\d{1,3}(?:\.\d{1,3}){0,2}|[IVX]{1,5}|[a-zđ]")


def _read_rows(
    lines: list[Line], i: int, markdown: bool, col: dict[str, int], prefix: str, tasks: list[Task]
) -> int:
    """Append a task per data row from line ``i``; returns the first line after the table.

    A blank line inside the table is skipped when a row follows it; rows of column numbers
    ("(1) | (2) | (3)") and rows with fewer than three cells are not tasks. Paths follow the
    table's own numbering and stay unique: a group row (STT "I", "II" ...) prefixes the rows under
    it ("T1.II.5", the STT restarting in each group), a numbered parent row prefixes its sub-rows
    ("T1.2.a", "T1.2.1"); a group or parent row is itself a task only when it names a lead.
    A table without an STT column numbers its rows "r1", "r2" ...
    """
    n = len(lines)
    rows: list[tuple[str, list[str]]] = []  # (path, cells)
    kinds: list[str] = []  # "group" | "parent?" | "leaf"
    group = ""
    parent = ""
    row = 0
    while i < n and ("|" in lines[i].text or not lines[i].text):
        if not lines[i].text:
            if i + 1 < n and "|" in lines[i + 1].text:
                i += 1
                continue
            break
        cs = row_cells(lines[i].text, markdown)
        if len(cs) < 3 or all(re.fullmatch(r"\(?\d+\)?", c.strip()) or not c.strip() for c in cs):
            i += 1
            continue
        row += 1
        stt = _cell(cs, col, "stt").rstrip(".)") if col["stt"] >= 0 else ""
        if not _STT_RE.fullmatch(stt):
            label, kind = f"r{row}", "leaf"
            path = ".".join(x for x in (prefix, group, label) if x)
        elif _ROMAN_RE.fullmatch(stt):
            group, parent, kind = stt, "", "group"
            path = f"{prefix}.{stt}"
        elif stt.isdigit():
            parent, kind = stt, "parent?"
            path = ".".join(x for x in (prefix, group, stt) if x)
        else:
            # "a" or "2.1" under a numbered parent row
            last = stt.rsplit(".", 1)[-1]
            path = ".".join(x for x in (prefix, group, parent, last) if x)
            kind = "leaf"
            if kinds and kinds[-1] == "parent?" and parent:
                kinds[-1] = "parent"
        rows.append((path, cs))
        kinds.append(kind)
        i += 1
    for (path, cs), kind in zip(rows, kinds, strict=True):
        lead = split_units(_cell(cs, col, "lead"))
        if kind in ("group", "parent") and not lead:
            continue  # a heading row of the table, not a task
        content = _cell(cs, col, "content")
        time_s = _cell(cs, col, "time")
        tasks.append(
            Task(
                path=path,
                text=collapse_ws(content)[:1000],
                lead=lead,
                cooperating=split_units(_cell(cs, col, "coop")),
                deadline=deadline_of(time_s, column=True) if time_s else deadline_of(content),
                frequency=frequency_of(time_s + " " + content),
            )
        )
    return i


def _cell(cs: list[str], col: dict[str, int], key: str) -> str:
    ci = col[key]
    return cs[ci].strip() if 0 <= ci < len(cs) else ""

"""Text helpers shared by the report parts: dates, numbers, quoting and the prose templates.

Dates and numbers go through ``django.utils.formats`` (``khcn/formats``: dd/mm/yyyy, 1.234,5 in
both languages). Prose longer than a sentence lives in ``reviews/templates/reviews/drafting/``
and is rendered by ``render`` without HTML escaping: the result is plain paragraph text that
the DOCX/XLSX exports write as is.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any

from django.template import Context, Engine
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

QUOTE_LIMIT = 260
TEMPLATE_DIR = "reviews/drafting/"


def render(template_name: str, /, **values: Any) -> str:
    """One paragraph from a prose template; the project's template engine, no autoescaping.

    Templates keep their line breaks inside ``{% blocktranslate trimmed %}`` blocks, so the
    only whitespace left to strip is around the whole text."""
    template = Engine.get_default().get_template(TEMPLATE_DIR + template_name)
    return template.render(Context(values, autoescape=False)).strip()


def fmt_date(day: datetime.date | None) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else ""


def fmt_number(value: Any) -> str:
    """A figure as the active language writes it (1.234,5): at most two decimals, no trailing
    zeros, thousands always grouped (official documents group them, the UI setting aside)."""
    if value is None:
        return "—"
    number = Decimal(str(value))
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.quantize(Decimal("0.01")).normalize()
    return number_format(number, force_grouping=True)


def sentences(text: str) -> list[str]:
    """Split a free-text field into items: lines, then sentences; bullets stripped."""
    items = []
    for line in (text or "").splitlines():
        for piece in re.split(r"(?<=[.;!?])\s+", line):
            piece = piece.strip().lstrip("-+•*–· ").strip().rstrip(";.").strip()
            if len(piece) > 1:
                items.append(piece)
    return items


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """The key result: the first sentence(s) of a text, cut at a word boundary."""
    items = sentences(text)
    if not items:
        return ""
    result = items[0]
    for extra in items[1:]:
        if len(result) + len(extra) + 2 > limit:
            break
        result += "; " + extra
    if len(result) > limit:
        result = result[:limit].rsplit(" ", 1)[0] + "…"
    return result


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


# Words that open the name of a body (tên cơ quan, tổ chức): a heading that starts with one
# names that body, and a proper name keeps its capital inside a sentence ("Về Ủy ban MTTQ …",
# not "Về ủy ban MTTQ …"). Two-word heads always name a body; one-word heads only when the next
# word is capitalised too ("Ban Tuyên giáo", but "Ban hành chương trình" is a verb).
_BODY_HEADS_ALWAYS = (
    "Ủy ban",
    "Uỷ ban",
    "Mặt trận",
    "Hội đồng",
    "Đảng bộ",
    "Đảng ủy",
    "Đảng uỷ",
    "Thành ủy",
    "Tỉnh ủy",
    "Huyện ủy",
    "Thị ủy",
    "Quận ủy",
    "Chi bộ",
    "Liên đoàn",
    "Hiệp hội",
    "Trung tâm",
    "Văn phòng",
    "Công an",
    "Chính phủ",
    "Quốc hội",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Ban Chấp hành",
    "Ban Thường vụ",
    "Kho bạc",
)
_BODY_HEADS_NAMED = (
    "Ban",
    "Sở",
    "Phòng",
    "Hội",
    "Đoàn",
    "Trường",
    "Viện",
    "Bộ",
    "Cục",
    "Chi cục",
    "Tổng cục",
    "Quỹ",
    "Báo",
    "Đài",
)


def is_proper_name(text: str) -> bool:
    """Does ``text`` open with the name of a body (or an acronym such as UBND, TCCS)?"""
    words = text.split()
    if not words:
        return False
    first = words[0]
    if len(first) > 1 and first[1:2].isupper():  # an acronym: UBND, MTTQ, KH&CN
        return True
    if any(text == head or text.startswith(head + " ") for head in _BODY_HEADS_ALWAYS):
        return True
    for head in _BODY_HEADS_NAMED:
        if text.startswith(head + " "):
            rest = text[len(head) + 1 :]
            return rest[:1].isupper()
    return False


def lower_first(text: str) -> str:
    """Lower the first letter to continue a sentence ("Thực hiện kế hoạch …"), unless the text
    opens with a proper name or an acronym, which keep their capitals."""
    if not text or is_proper_name(text):
        return text
    return text[:1].lower() + text[1:]


def names(units: list[str], limit: int = 8) -> str:
    """Unit names, each once, in order; past ``limit`` the rest are counted."""
    unique = list(dict.fromkeys(units))
    if len(unique) <= limit:
        return ", ".join(unique)
    return _("%(names)s và %(count)s đơn vị khác") % {
        "names": ", ".join(unique[:limit]),
        "count": len(unique) - limit,
    }

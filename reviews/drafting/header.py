"""The header of the compiled report (thể thức): issuer, superior, number, signer, title.

The layout follows the issuer: Party bodies write "Số   -BC/TU" under "ĐẢNG CỘNG SẢN VIỆT NAM"
(Hướng dẫn 36-HD/VPTW), state bodies "Số:   /BC-UBND" under the national motto (Nghị định
30/2020/NĐ-CP). Unit names are matched on their Vietnamese forms ("Tỉnh ủy …"): they are data,
not prose, and stay untranslated.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _

from core.permissions import APPROVE_REVIEW
from orgunits.models import OrgUnit, UnitKind
from plans.models import Plan
from reporting.models import PeriodKind
from reviews.drafting.base import Period
from reviews.drafting.text import lower_first
from reviews.models import Layout

PARTY_KINDS = {UnitKind.PARTY_COMMITTEE, UnitKind.PARTY_AGENCY, UnitKind.PARTY_GRASSROOTS}


def _issuer(plan: Plan) -> OrgUnit:
    document = plan.document
    if document is not None and document.issuer is not None:
        return document.issuer
    return plan.owner


def layout_for(unit: OrgUnit) -> str:
    return Layout.PARTY if unit.kind in PARTY_KINDS else Layout.STATE


def _party_org_name(committee_name: str) -> str:
    """ "Tỉnh ủy Lâm Đồng" → "Đảng bộ tỉnh Lâm Đồng" (the Party organisation it leads)."""
    for prefix, level in (
        ("Tỉnh ủy ", "tỉnh "),
        ("Thành ủy ", "thành phố "),
        ("Huyện ủy ", "huyện "),
    ):
        if committee_name.startswith(prefix):
            return "Đảng bộ " + level + committee_name[len(prefix) :]
    if committee_name.startswith("Đảng ủy "):
        return "Đảng bộ " + committee_name[len("Đảng ủy ") :]
    return committee_name


def _initials(name: str) -> str:
    words = [w for w in re.findall(r"\w+", name) if w[:1].isupper()]
    return "".join(w[0] for w in words).upper() or "CQ"


def _place_from(name: str) -> str:
    for marker in ("thành phố ", "Thành ủy ", "tỉnh ", "Tỉnh ủy "):
        if marker in name:
            return name.split(marker, 1)[1].strip()
    return ""


def _party_fields(issuer: OrgUnit, chain: list[OrgUnit]) -> dict[str, str]:
    name = issuer.name
    committee = issuer
    if name.startswith("Ban Thường vụ ") and chain:
        # The standing committee issues in the name of its Party committee.
        committee = chain[-1]
        name = committee.name
    upper = [u for u in committee.ancestors() if u.kind == UnitKind.PARTY_COMMITTEE]
    suffix = "TU" if re.match(r"(Tỉnh|Thành) ủy", name) else _initials(name)
    on_behalf = committee.kind == UnitKind.PARTY_COMMITTEE
    return {
        "issuer_name": name,
        "superior_name": _party_org_name(upper[-1].name) if upper else "",
        # The blank is where the office writes the number by hand.
        "number_symbol": _("Số      -BC/%(suffix)s") % {"suffix": suffix},
        "signer_title": _("T/M BAN THƯỜNG VỤ") if on_behalf else "",
        "signer_role": _("PHÓ BÍ THƯ") if on_behalf else _("TRƯỞNG BAN"),
    }


def _state_fields(issuer: OrgUnit, chain: list[OrgUnit]) -> dict[str, str]:
    government = issuer.kind == UnitKind.GOVERNMENT
    if government:
        suffix = "UBND"
        signer_title, signer_role = _("TM. ỦY BAN NHÂN DÂN"), _("CHỦ TỊCH")
    else:
        suffix = _initials(issuer.short_name or issuer.name)
        signer_title = ""
        signer_role = _("GIÁM ĐỐC") if issuer.name.startswith("Sở") else _("THỦ TRƯỞNG CƠ QUAN")
    return {
        "issuer_name": issuer.name,
        "superior_name": chain[-1].name if chain and not government else "",
        "number_symbol": _("Số:      /BC-%(suffix)s") % {"suffix": suffix},
        "signer_title": signer_title,
        "signer_role": signer_role,
    }


def signer_name_for(issuer: OrgUnit) -> str:
    """The name on the signature line: a leader of the issuing body (who approves), if the
    registry knows one; else empty, and approval fills in the approver's name."""
    from accounts.models import Membership

    leader = (
        Membership.objects.filter(unit=issuer, role__in=APPROVE_REVIEW.roles, is_active=True)
        .select_related("user")
        .order_by("created_at")
        .first()
    )
    return leader.user.get_full_name() if leader is not None else ""


def header_for(plan: Plan, period: Period) -> dict[str, Any]:
    issuer = _issuer(plan)
    layout = layout_for(issuer)
    chain = issuer.ancestors()
    document = plan.document
    fields = (_party_fields if layout == Layout.PARTY else _state_fields)(issuer, chain)
    recipients = list(document.recipients) if document and document.recipients else []
    return {
        "layout": layout,
        **fields,
        "place": (document.place if document else "") or _place_from(issuer.name),
        "recipients": recipients or [_("Như trên"), _("Lưu: VT")],
        "signer_name": signer_name_for(issuer),
        "title": title_for(plan, period),
    }


def plan_reference(plan: Plan) -> str:
    """How the report names the plan inside a sentence: "kế hoạch số 05-KH/TU" when it has a
    registered document, else its title (its capitals kept when it opens with a name)."""
    document = plan.document
    if document is not None and document.number_symbol:
        return _("%(kind)s số %(number)s") % {
            "kind": document.get_kind_display().lower(),
            "number": document.number_symbol,
        }
    return lower_first(str(plan.title))


def title_for(plan: Plan, period: Period) -> str:
    ref = plan_reference(plan)
    if period.kind == PeriodKind.INTERIM_REVIEW:
        return _("Sơ kết giai đoạn %(start)s - %(end)s thực hiện %(plan)s") % {
            "start": period.start.year,
            "end": period.end.year,
            "plan": ref,
        }
    if period.kind == PeriodKind.FINAL_REVIEW:
        return _("Tổng kết thực hiện %(plan)s") % {"plan": ref}
    return _("Kết quả thực hiện %(plan)s (%(period)s)") % {
        "plan": ref,
        "period": lower_first(period.label),
    }

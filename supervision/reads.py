"""The audit of reads through a supervision grant (nhật ký xem tài liệu theo quyền giám sát).

``core.scoping.note_granted_read`` tells ``record_grant_read`` of every detail page a team
member opened that only the grant allowed (the base detail views call it; list pages do not).
One INSERT per read, after one query for the supervisions that grant it; nothing at all for
users without a grant.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from supervision.models import GrantRead, Supervision


def granting_supervisions(user_id: int, unit_path: str) -> list[Supervision]:
    """The supervisions whose grant opens ``unit_path`` to ``user_id`` today."""
    day = timezone.localdate()
    rows = Supervision.objects.filter(
        team__id=user_id, period_start__lte=day, period_end__gte=day
    ).values_list("pk", "supervised_units__path")
    ids = {pk for pk, path in rows if path and unit_path.startswith(path)}
    return list(Supervision.objects.filter(pk__in=ids).order_by("pk"))


@transaction.atomic
def record_grant_read(user: Any, obj: Any, unit: Any) -> list[GrantRead]:
    """Record that ``user`` read ``obj`` (of ``unit``) through a supervision's grant."""
    supervisions = granting_supervisions(user.pk, unit.path)
    if not supervisions:
        return []
    object_type = ContentType.objects.get_for_model(type(obj))
    now = timezone.now()
    return GrantRead.objects.bulk_create(
        [
            GrantRead(
                supervision=supervision,
                user_id=user.pk,
                unit_id=unit.pk,
                object_type=object_type,
                object_id=str(obj.pk),
                object_repr=str(obj)[:300],
                read_at=now,
            )
            for supervision in supervisions
        ]
    )

"""Copies of a record's name kept in other records' search columns (tên lưu kèm để tìm kiếm).

A registry's folded ``search_text`` may include the name of another record (a project's host
organisation, an IP title's holder) so that one ``LIKE`` on one table answers the search. Such
a copy goes stale when the other record is renamed. The owner of the renamed record does not
know who keeps copies (a lower app never names a higher one), so a higher app registers, in its
``AppConfig.ready()``, a listener for the model whose name it copies::

    register_rename_listener("organisations.Organisation", refresh_host_names)

and the owning action calls ``notify_renamed(org)`` after saving a changed name, inside its own
transaction: the copies change with the name or not at all. A listener refreshes its rows in
bounded batches (``refresh_in_batches``), never one ``save()`` per row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db.models import Model, QuerySet

RenameListener = Callable[[Any], int]

BATCH_SIZE = 1000

_listeners: dict[str, list[RenameListener]] = defaultdict(list)


def register_rename_listener(model_label: str, listener: RenameListener) -> None:
    """``listener(instance)`` refreshes the copies of ``instance``'s name and answers how many
    rows it rewrote. Registering the same listener twice keeps one."""
    if listener not in _listeners[model_label]:
        _listeners[model_label].append(listener)


def notify_renamed(instance: Model) -> int:
    """Run every listener for ``instance``'s model (inside the caller's transaction); the
    number of dependent rows rewritten."""
    return sum(listener(instance) for listener in _listeners.get(instance._meta.label, ()))


def listeners(model_label: str) -> tuple[RenameListener, ...]:
    return tuple(_listeners.get(model_label, ()))


def refresh_in_batches(
    queryset: QuerySet,
    fields: Sequence[str],
    build: Callable[[Any], dict[str, str]],
    *,
    related: Iterable[str] = (),
    batch_size: int = BATCH_SIZE,
) -> int:
    """Recompute ``fields`` of every row of ``queryset`` with ``build(row) -> {field: value}``
    and write them with one bulk UPDATE per ``batch_size`` rows (keys read in order, rows
    loaded one batch at a time, so memory stays bounded whatever the number of dependents)."""
    model = queryset.model
    done = 0
    last: Any = None
    while True:
        # Keyset pages: each batch is one bounded read and one bulk UPDATE.
        page = queryset.order_by("pk")
        if last is not None:
            page = page.filter(pk__gt=last)
        rows = list(page.select_related(*related)[:batch_size])
        if not rows:
            return done
        for row in rows:
            for name, value in build(row).items():
                setattr(row, name, value)
        model._default_manager.bulk_update(rows, list(fields), batch_size=batch_size)
        done += len(rows)
        last = rows[-1].pk

"""Start-up of a process that serves requests (khcn.wsgi, khcn.asgi; the benchmark does the
same before it times anything)."""

from __future__ import annotations

import gc


def settle() -> None:
    """Import every URLconf and view now, then take everything loaded so far out of the cyclic
    garbage collector's full passes (``gc.freeze``).

    Why: a served process holds about 110,000 long-lived objects (Django, our apps, the
    translation catalogues). CPython scans all of them in each full collection, which it starts
    about once every ten dashboard requests; on the 2-vCPU reference machine one such pass took
    75–95 ms and was most of the dashboard's p95 (bench/monitoring.py). These objects live as
    long as the process, so scanning them again never frees anything. Freezing them after
    start-up is what CPython's documentation recommends for servers; in a pre-forking server it
    also stops the collector from touching (and un-sharing) the parent's memory pages. Objects
    created later, per request, are still collected as usual."""
    from django.urls import get_resolver

    get_resolver().reverse_dict  # noqa: B018 - populating it imports every included URLconf
    gc.collect()
    gc.freeze()

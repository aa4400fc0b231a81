"""Keeps the host organisation's name in the projects' search column (tên tổ chức chủ trì).

``Project.search_text`` includes the host's name so that searching an institute finds the
projects it hosts; ``organisations`` calls ``core.renames.notify_renamed`` when an
organisation is renamed and this listener (registered in ``ProjectsConfig.ready``) rewrites
the hosted projects' column in bounded batches, in the same transaction as the rename.
"""

from __future__ import annotations

from typing import Any

from core.renames import refresh_in_batches
from projects.models import Project, project_search_text


def refresh_host_names(organisation: Any) -> int:
    return refresh_in_batches(
        Project.objects.filter(host=organisation),
        ["search_text"],
        lambda project: {"search_text": project_search_text(project)},
        related=["host"],
    )

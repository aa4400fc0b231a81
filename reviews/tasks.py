"""Background rendering of PDF exports (django-tasks). Takes the render id, never objects."""

from __future__ import annotations

from django_tasks import task

from reviews import rendering


@task()
def render_pdf_task(render_id: str) -> str:
    return rendering.run_render(render_id)

"""Deterministic drafting of a compiled report from accepted unit reports (no AI).

``draft(plan, period)`` reads the plan's sections and tasks, the period's unit reports and the
indicator values, and returns the header fields, a list of paragraphs (each with the ids of the
unit reports and task reports it came from) and the annex tables. ``reviews.actions`` stores it.

One module per part of the report, in the order of an official báo cáo sơ kết/tổng kết:
``header`` (thể thức), ``gather`` (the rows read once), ``results`` (I. kết quả thực hiện),
``indicators`` (I.3 chỉ tiêu), ``difficulties`` (II. hạn chế, nguyên nhân), ``directions``
(III. phương hướng), ``proposals`` (IV. đề xuất, kiến nghị), and ``assemble`` putting them in
order. Their prose is translatable: single sentences through ``gettext`` with named
placeholders, longer ones in ``reviews/templates/reviews/drafting/``.
"""

from reviews.drafting.assemble import draft
from reviews.drafting.base import Draft, Para, Period

__all__ = ["Draft", "Para", "Period", "draft"]

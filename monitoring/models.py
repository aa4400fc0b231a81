"""The monitoring app reads the reporting app's tables; its one table of its own is the data
version (phiên bản dữ liệu) its dashboard cache is keyed on (monitoring/dataversion.py)."""

from __future__ import annotations

from django.db import models


class DataVersion(models.Model):
    """One shard of the dashboard's data version: database triggers add one to a shard on
    every write to a table the dashboard reads; the version is the sum of the shards.

    Shards, not one row, so concurrent writers on PostgreSQL do not queue behind (or deadlock
    on) a single counter row: each takes a shard no other transaction holds."""

    shard = models.PositiveSmallIntegerField(primary_key=True)
    n = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.shard}: {self.n}"

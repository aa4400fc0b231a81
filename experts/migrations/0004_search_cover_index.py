"""Covering index for the experts' search pass on SQLite (chỉ mục phủ cho tìm kiếm; SQLite
only), as for the other registries (projects 0003, core.search_index.sqlite_cover_index): the
folded words, the visibility columns of ``ExpertQuerySet._visible_q`` (published, consented
profile, anonymised, managing unit) and the key, so the expert finder's first pass scans the
index rather than the wide table. Not on PostgreSQL, which searches by its trigram index."""

from django.db import migrations

from core.search_index import sqlite_cover_index


class Migration(migrations.Migration):
    dependencies = [("experts", "0003_email_lower_index")]
    operations = [
        sqlite_cover_index(
            "experts_expert",
            "expert_search_cover",
            (
                "search_text",
                "is_published",
                "consent_profile",
                "is_anonymised",
                "owner_unit_id",
                "id",
            ),
        )
    ]

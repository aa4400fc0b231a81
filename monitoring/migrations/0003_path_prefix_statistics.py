"""Once created PostgreSQL statistics on unit path prefixes on the orgunits table.

They now live with the table they describe: orgunits 0002 creates them (and drops the ones
this migration made). Kept, empty, so databases that applied it keep a consistent migration
history.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0002_section_value_indexes"),
        ("orgunits", "0001_initial"),
    ]

    operations: list = []

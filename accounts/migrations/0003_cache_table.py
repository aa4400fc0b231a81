"""The shared cache lives in a database table (settings.CACHES): create it with the schema, so
every instance - development, tests, benchmarks, production - has it after `migrate`."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_api_token")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]

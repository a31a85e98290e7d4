"""PostgreSQL: the full-text GIN indexes take each new entry into the index
at once instead of into a pending list.

With the pending list (GIN's ``fastupdate``, on by default) a re-index of a
big chat archive left tens of thousands of entries that every search then
read one by one, until autovacuum merged them: searches slowed several times
over while the worker indexed. Without it each insert costs a little more,
in the worker, where nobody waits for it.
"""

from django.db import migrations

INDEXES = ("search_entry_tokens_gin", "search_entry_chars_gin")


def fastupdate(value: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for index in INDEXES:
            schema_editor.execute(f"ALTER INDEX {index} SET (fastupdate = {value})")

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_unanswered_searches"),
    ]

    operations = [
        migrations.RunPython(fastupdate("off"), fastupdate("on")),
    ]

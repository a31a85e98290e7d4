"""Headings and single characters become findable; the year facet follows the
local day at search time, so the stored year goes.

The FTS5 table gains a ``chars`` column (its columns mirror the entry table's),
so it is dropped and made anew; PostgreSQL gets a GIN index on ``chars``.
Entries written before this have no characters until ``search_rebuild``.
"""

from django.db import migrations, models

SQLITE_TRIGGERS = ("search_entry_ai", "search_entry_ad", "search_entry_au")


def drop_fts(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for trigger in SQLITE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        schema_editor.execute("DROP TABLE IF EXISTS search_entry_fts")


def create_fts(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE search_entry_fts USING fts5("
            "tokens, chars, content='search_searchentry', content_rowid='id', "
            "tokenize=\"unicode61 remove_diacritics 0 categories 'L* M* N* P* S* Co Cf'\")"
        )
        new = "VALUES (new.id, new.tokens, new.chars)"
        old = "VALUES ('delete', old.id, old.tokens, old.chars)"
        into = "INSERT INTO search_entry_fts(rowid, tokens, chars)"
        out = "INSERT INTO search_entry_fts(search_entry_fts, rowid, tokens, chars)"
        schema_editor.execute(
            f"CREATE TRIGGER search_entry_ai AFTER INSERT ON search_searchentry "
            f"BEGIN {into} {new}; END"
        )
        schema_editor.execute(
            f"CREATE TRIGGER search_entry_ad AFTER DELETE ON search_searchentry "
            f"BEGIN {out} {old}; END"
        )
        schema_editor.execute(
            f"CREATE TRIGGER search_entry_au AFTER UPDATE ON search_searchentry "
            f"BEGIN {out} {old}; {into} {new}; END"
        )
        schema_editor.execute(
            "INSERT INTO search_entry_fts(search_entry_fts) VALUES ('rebuild')"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX search_entry_chars_gin ON search_searchentry "
            "USING gin (to_tsvector('simple', chars))"
        )


def drop_new_fts(apps, schema_editor):
    drop_fts(apps, schema_editor)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_chars_gin")


def recreate_old_fts(apps, schema_editor):
    from importlib import import_module

    import_module("search.migrations.0002_fts").create(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_entry_year")]

    operations = [
        migrations.RunPython(drop_fts, recreate_old_fts),
        migrations.RemoveField(model_name="searchentry", name="year"),
        migrations.AddField(
            model_name="searchentry",
            name="headings",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="chars",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="title_exact",
            field=models.CharField(blank=True, db_index=True, max_length=255),
        ),
        migrations.RunPython(create_fts, drop_new_fts),
    ]

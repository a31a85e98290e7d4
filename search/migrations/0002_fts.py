"""Full-text index over SearchEntry.tokens: FTS5 on SQLite, GIN on PostgreSQL."""

from django.db import migrations


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE search_entry_fts USING fts5("
            "tokens, content='search_searchentry', content_rowid='id', "
            "tokenize='unicode61 remove_diacritics 0')"
        )
        # Keep the index in step with the table.
        schema_editor.execute(
            "CREATE TRIGGER search_entry_ai AFTER INSERT ON search_searchentry BEGIN "
            "INSERT INTO search_entry_fts(rowid, tokens) VALUES (new.id, new.tokens); END"
        )
        schema_editor.execute(
            "CREATE TRIGGER search_entry_ad AFTER DELETE ON search_searchentry BEGIN "
            "INSERT INTO search_entry_fts(search_entry_fts, rowid, tokens) "
            "VALUES ('delete', old.id, old.tokens); END"
        )
        schema_editor.execute(
            "CREATE TRIGGER search_entry_au AFTER UPDATE ON search_searchentry BEGIN "
            "INSERT INTO search_entry_fts(search_entry_fts, rowid, tokens) "
            "VALUES ('delete', old.id, old.tokens); "
            "INSERT INTO search_entry_fts(rowid, tokens) VALUES (new.id, new.tokens); END"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX search_entry_tokens_gin ON search_searchentry "
            "USING gin (to_tsvector('simple', tokens))"
        )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for trigger in ("search_entry_ai", "search_entry_ad", "search_entry_au"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        schema_editor.execute("DROP TABLE IF EXISTS search_entry_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_tokens_gin")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]

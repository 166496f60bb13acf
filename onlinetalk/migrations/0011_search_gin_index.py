"""A GIN index on PostgreSQL for what the search filters: Wagtail's database backend matches
`(title || body) @@ query` on its index entries, and the single-column indexes that Wagtail
creates do not serve that expression, so without this one every search reads every row.
Built CONCURRENTLY (no lock on a live site), hence outside a transaction. Nothing on SQLite,
whose FTS5 table is its own index."""

from django.db import migrations

INDEX = "onlinetalk_search_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX} "
            "ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("onlinetalk", "0010_search_items"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]

"""Two live-server tests in one process (test_browser.py, test_accessibility.py) each restore,
with `serialized_rollback`, the rows that the migrations made. Restoring saves them raw, in app
order: wagtail-localize's LocaleSynchronization comes before the locales it points to, and its
post_save handler queues a tree sync that reads `sync_from`, which is not there yet. A raw save
(a restore or a fixture load) is not an edit, so the sync is skipped for it.

Imported by conftest.py: in effect from collection on, for the whole process.
"""

from django.db.models.signals import post_save
from wagtail_localize.models import LocaleSynchronization, sync_trees_on_locale_sync_save


def _sync_trees_unless_raw(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_trees_on_locale_sync_save(instance=instance, **kwargs)


if post_save.disconnect(sync_trees_on_locale_sync_save, sender=LocaleSynchronization):
    post_save.connect(
        _sync_trees_unless_raw,
        sender=LocaleSynchronization,
        weak=False,
        dispatch_uid="tests.sync_trees_unless_raw",
    )


def restore_what_the_migrations_made():
    """Put back the rows the migrations made (locales, the home page, groups) when a
    transactional test flushed them: under xdist's `--dist loadfile` a worker may run such a file
    (its teardown empties the database; Django restores the rows only at the start of the next
    serialized test) before a file whose tests share the database as the migrations left it.
    One query when nothing is missing."""
    from django.db import connection
    from wagtail.models import Locale

    contents = getattr(connection, "_test_serialized_contents", None)
    if contents and not Locale.objects.exists():
        connection.creation.deserialize_db_from_string(contents)

"""Restore a community export (website/community_archive.py) into an empty site.

"Empty" means freshly migrated: what the migrations made (the root page,
Wagtail's welcome page, the default site, collection, groups and workflow)
is replaced by the export's rows, with their primary keys. Members come back
without passwords: they set a new one with "forgot password".
"""

from __future__ import annotations

import json
import zipfile

from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils.translation import gettext as _

from .community_archive import CHUNK, FORMAT, VERSION, exported_models


class RestoreRefused(Exception):
    """The file or the site is not fit for a restore; str() says why."""


def read_manifest(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError) as error:
        raise RestoreRefused(_("This is not a community export file.")) from error
    if manifest.get("format") != FORMAT:
        raise RestoreRefused(_("This is not a community export file."))
    if manifest.get("version") != VERSION:
        raise RestoreRefused(
            _(
                "This export has format version %(version)s; this site reads version %(supported)s."
            )
            % {"version": manifest.get("version"), "supported": VERSION}
        )
    return manifest


def _refuse_unless_empty():
    if get_user_model().objects.exists():
        raise RestoreRefused(
            _("This site already has accounts: restore only into a new, empty site.")
        )


def community_import(*, path, stdout=None) -> dict:
    """Load the export at ``path``; return the row count per model label."""
    with zipfile.ZipFile(path) as archive:
        manifest = read_manifest(archive)
        _refuse_unless_empty()
        models = exported_models()
        counts = {}
        with transaction.atomic():
            # Foreign keys are checked at commit, so the order of files does not
            # matter; children first so that deleting never cascades into them.
            for model in reversed(models):
                model._base_manager.all().delete()
            for model in models:
                label = model._meta.label_lower
                if label in manifest["models"]:
                    counts[label] = _load(archive, f"data/{label}.jsonl")
            _forget_passwords()
            _reset_sequences(models)
            _drop_index_changes()
        _restore_media(archive)
    cache.clear()  # Wagtail caches site roots and settings
    if stdout:
        stdout.write(f"Restored {sum(counts.values())} rows of {len(counts)} models.")
    return counts


def _load(archive, name) -> int:
    count = 0
    with archive.open(name) as lines:
        batch = []
        for line in lines:
            batch.append(json.loads(line))
            if len(batch) >= CHUNK:
                count += _save(batch)
                batch = []
        count += _save(batch)
    return count


def _save(rows) -> int:
    # Plain keys are written as they are (the database checks them at commit);
    # natural keys (content types, groups, users, sites) name rows of models
    # loaded earlier in exported_models() order.
    for deserialized in serializers.deserialize("python", rows):
        deserialized.save()  # raw: only this class's table, signals see raw=True
    return len(rows)


def _forget_passwords():
    user_model = get_user_model()
    for user in user_model.objects.filter(password=""):
        user.set_unusable_password()
        user.save(update_fields=["password"])


def _reset_sequences(models):
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _drop_index_changes():
    """Saving rows queued index changes; search_rebuild indexes everything."""
    from search.models import OutboxEntry

    OutboxEntry.objects.all().delete()


def _restore_media(archive):
    for name in archive.namelist():
        if not name.startswith("media/") or name.endswith("/"):
            continue
        stored = name.removeprefix("media/")
        if not default_storage.exists(stored):
            default_storage.save(stored, ContentFile(archive.read(name)))

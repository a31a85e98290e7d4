"""Export everything a community deposited into one zip file (format v1).

The format (docs/export-format.md) is meant to be read without this product:
``manifest.json``, one JSON-lines file per model under ``data/`` and the media
files under ``media/``. Each line is Django's serialisation of one row
(``{"model": "app.model", "pk": …, "fields": {…}}``) with foreign keys to
content types, permissions and users' groups written by natural key.
Member accounts go without password hashes; API tokens, login sessions,
e-mail confirmations and caches (search index, renditions, task results)
are left out: they are secrets or can be rebuilt.
"""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime

from django.apps import apps
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

FORMAT = "chendian-community-export"
VERSION = 1
CHUNK = 2000

EXPORTED_APPS = [
    "auth",
    "account",
    "taggit",
    "wagtailcore",
    "wagtailusers",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "wagtailforms",
    "wagtailsearchpromotions",
    "website",
    "community_sessions",
    "knowledge",
    "search",
]
LEFT_OUT = {
    "auth.permission",  # made by migrations; referred to by natural key
    "account.emailconfirmation",  # one-time secrets
    "wagtailcore.apitoken",
    "wagtailcore.uploadedfile",
    "wagtailcore.referenceindex",  # rebuilt by Wagtail
    "wagtailcore.pagelogentry",  # audit trail of this installation
    "wagtailcore.modellogentry",
    "wagtailimages.rendition",  # made again on demand
    # Search statistics; the queries themselves stay (promotions refer to them).
    "wagtailsearchpromotions.querydailyhits",
    "knowledge.chatimportjob",  # uploads in flight
    "knowledge.stagedchatmessage",  # imports in flight, unpublished
    "search.searchentry",  # rebuilt by search_rebuild
    "search.outboxentry",
}


def exported_models() -> list[type[models.Model]]:
    """The exported models, each after those its natural keys refer to
    (content types, groups, users, sites, pages by URL path)."""
    chosen = []
    for label in EXPORTED_APPS:
        config = apps.get_app_config(label)
        kept = [
            model
            for model in config.get_models()
            if not model._meta.proxy
            and model._meta.managed
            and model._meta.label_lower not in LEFT_OUT
        ]
        chosen.append((config, kept))
    return serializers.sort_dependencies(chosen, allow_cycles=True)


def _rows(model):
    """The model's own rows (a parent class's rows are exported by the parent)."""
    return model._base_manager.order_by("pk").iterator(chunk_size=CHUNK)


def _lines(model, objects):
    for row in serializers.serialize(
        "python",
        objects,
        use_natural_foreign_keys=True,
        use_natural_primary_keys=False,
    ):
        if row["model"] == "auth.user":
            row["fields"].pop("password", None)  # never leaves the site
        yield json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False) + "\n"


def _file_names(model, obj) -> list[str]:
    return [
        getattr(obj, field.name).name
        for field in model._meta.local_concrete_fields
        if isinstance(field, models.FileField) and getattr(obj, field.name)
    ]


def community_export(*, path, stdout=None) -> dict:
    """Write the zip at ``path``; return the row count per model label."""
    counts, media = {}, set()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for model in exported_models():
            label = model._meta.label_lower
            count = 0
            with archive.open(f"data/{label}.jsonl", "w") as out:
                batch = []
                for obj in _rows(model):
                    batch.append(obj)
                    media.update(_file_names(model, obj))
                    if len(batch) >= CHUNK:
                        count += _write(out, model, batch)
                        batch = []
                count += _write(out, model, batch)
            counts[label] = count
        for name in sorted(media):
            if default_storage.exists(name):
                with default_storage.open(name, "rb") as source:
                    with archive.open(f"media/{name}", "w") as target:
                        while chunk := source.read(1 << 20):
                            target.write(chunk)
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created": datetime.now(UTC).isoformat(),
            "models": counts,
            "media_files": len(media),
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
    if stdout:
        stdout.write(
            f"Exported {sum(counts.values())} rows of {len(counts)} models "
            f"and {len(media)} media files to {path}."
        )
    return counts


def _write(out, model, objects) -> int:
    # Django writes a class's own fields only: a page's parent row (title,
    # path …) is in data/wagtailcore.page.jsonl, its own fields here.
    for line in _lines(model, objects):
        out.write(line.encode())
    return len(objects)

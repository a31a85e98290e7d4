"""The registry of indexable sources.

Apps describe what they contribute to search in a ``search_sources.py``
module, which this app imports at start-up (so the apps never import the
engines, and search never imports the apps' models)::

    from search.registry import IndexableSource, register

    @register
    class RecapSource(IndexableSource):
        name = "sessions.session"
        model = SharingSessionPage

        def get_queryset(self):
            return SharingSessionPage.objects.live()

        def documents_for(self, obj):
            ...  # yield SearchDocument(...); nothing if obj must not be found

Saving or deleting an instance of ``model`` queues the object in the search
outbox; draining the outbox replaces every document whose ``origin`` is
``source.origin(obj.pk)`` with what ``documents_for`` yields now.

The kinds of document an app yields are registered here too, once, with the
label searchers see; the kind filter, the facet labels and the ranking read
them from this registry only::

    RECAP = register_kind("recap", _("Recaps"))
    CHAT = register_kind("chat", _("Chat history"), conversational=True)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models

from .documents import SearchDocument


class IndexableSource:
    """Base class for what an app contributes to search."""

    #: Unique, stable name, "<app>.<thing>"; stored in the outbox and in documents.
    name: str = ""
    #: Changes to instances of this model (and its subclasses) are queued.
    model: type[models.Model] | None = None

    def get_queryset(self) -> models.QuerySet:
        """Every object that may produce documents, for a full rebuild."""
        return self.model._default_manager.all()

    def documents_for(self, obj) -> Iterable[SearchDocument]:
        """The documents for one object; nothing if it must not be found."""
        raise NotImplementedError

    def origin(self, pk) -> str:
        return f"{self.name}:{pk}"

    def get_object(self, pk):
        """The object to re-index, or None if it no longer exists."""
        return self.get_queryset().filter(pk=pk).first()


_sources: dict[str, IndexableSource] = {}


def register(source_class: type[IndexableSource]) -> type[IndexableSource]:
    """Class decorator: register one instance of an IndexableSource subclass."""
    source = source_class()
    if not source.name or source.model is None:
        raise ValueError(f"{source_class.__name__} needs a name and a model")
    _sources[source.name] = source
    return source_class


def get_source(name: str) -> IndexableSource | None:
    return _sources.get(name)


def all_sources() -> list[IndexableSource]:
    return list(_sources.values())


def sources_for_model(model: type[models.Model]) -> list[IndexableSource]:
    return [s for s in _sources.values() if issubclass(model, s.model)]


@dataclass(frozen=True)
class DocumentKind:
    """A kind of document (session, recap, chat …) and how searchers see it."""

    name: str
    label: str
    # Chat lines: ranked below other kinds that match the query as well.
    conversational: bool = False


_kinds: dict[str, DocumentKind] = {}


def register_kind(name: str, label, *, conversational: bool = False) -> str:
    """Make ``name`` a kind searchers can filter by; returns the name, for
    ``SearchDocument(kind=...)``."""
    _kinds[name] = DocumentKind(name, label, conversational)
    return name


def all_kinds() -> dict[str, DocumentKind]:
    return dict(_kinds)


def kind_labels() -> dict[str, str]:
    return {name: kind.label for name, kind in _kinds.items()}


def conversational_kinds() -> frozenset[str]:
    return frozenset(name for name, kind in _kinds.items() if kind.conversational)

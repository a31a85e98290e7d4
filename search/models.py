"""The database side of search: the document table, the outbox, synonyms."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One findable document, as the database engine stores and searches it.

    ``tokens`` holds the folded, segmented title, headings, body and tags (see
    search.text), ``chars`` their distinct CJK characters, for one-character
    queries; SQLite keeps an FTS5 index of both (migration 0004), PostgreSQL
    GIN indexes on their ``simple`` tsvectors.
    """

    key = models.CharField(max_length=255, unique=True)
    origin = models.CharField(max_length=255, db_index=True)
    kind = models.CharField(max_length=30, db_index=True)
    title = models.TextField()
    # The title folded, without spaces or punctuation (search.query.exact_form):
    # a broad query still finds the page titled exactly as the query.
    title_exact = models.CharField(max_length=255, blank=True, db_index=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    date = models.DateTimeField(null=True, blank=True, db_index=True)
    series = models.CharField(max_length=255, blank=True, db_index=True)
    series_title = models.CharField(max_length=255, blank=True)
    stage = models.CharField(max_length=30, blank=True)
    # "|a|b|" so that one tag or person can be matched with a plain LIKE on any database.
    tags_text = models.TextField(blank=True)
    people_text = models.TextField(blank=True)
    facets = models.JSONField(default=dict, blank=True)
    # Headings inside the body, one a line.
    headings = models.TextField(blank=True)
    tokens = models.TextField(blank=True)
    chars = models.TextField(blank=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self):
        return self.title

    @property
    def tags(self):
        return [t for t in self.tags_text.split("|") if t]

    @property
    def people(self):
        return [p for p in self.people_text.split("|") if p]


class OutboxEntry(models.Model):
    """A change waiting to reach the search engine.

    Written in the same transaction as the content change, so saving content
    never depends on the search cluster; ``search_sync`` drains what is left.
    """

    source = models.CharField(max_length=100)
    object_pk = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["source", "object_pk"])]

    def __str__(self):
        return f"{self.source}:{self.object_pk}"


class SynonymGroup(models.Model):
    """Words that should find each other, e.g. 社群, 社区, 群聊. Applied at search time."""

    words = models.CharField(
        _("words"),
        max_length=255,
        help_text=_("Two or more words separated by commas, e.g. 社群,社区"),
    )

    class Meta:
        verbose_name = _("synonyms")
        verbose_name_plural = _("synonyms")

    def __str__(self):
        return self.words

    def word_list(self):
        return synonym_words(self.words)


def synonym_words(words: str) -> list[str]:
    """``"社群，社区"`` → ``["社群", "社区"]`` (ASCII or full-width commas)."""
    return [w.strip() for w in words.replace("，", ",").split(",") if w.strip()]


def synonym_groups() -> list[list[str]]:
    """Every synonym group's words; read on each search, so edits apply at once.
    One plain statement: it runs on every search request."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT words FROM {SynonymGroup._meta.db_table}")  # noqa: S608
        return [synonym_words(words) for (words,) in cursor.fetchall()]


class UnansweredSearch(models.Model):
    """A search (normalised query text) that once found nothing.

    Written when it happens (``search.analytics``), so the admin report reads
    stored counts instead of running searches again.
    """

    query_string = models.CharField(_("search"), max_length=255, unique=True)

    class Meta:
        verbose_name = _("search that found nothing")
        verbose_name_plural = _("searches that found nothing")

    def __str__(self):
        return self.query_string


class UnansweredSearchDay(models.Model):
    """How often one unanswered search was made on one (local) day."""

    search = models.ForeignKey(
        UnansweredSearch, on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField(db_index=True)
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["search", "date"], name="search_unanswered_one_row_a_day"
            )
        ]

    def __str__(self):
        return f"{self.search} {self.date}: {self.hits}"

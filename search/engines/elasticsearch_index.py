"""What the cluster stores: the analyzers, the mappings and each document's source.

Text fields hold folded text (search.text.searchable), analysed by an analyzer
made only of built-in parts (standard tokenizer, cjk_width, lowercase,
cjk_bigram, plus the traditional → simplified ``mapping`` char filter for
queries sent by other tools); each has a ``chars`` sub-field without bigrams,
for one-character queries.
"""

from __future__ import annotations

from ..documents import SearchDocument
from ..query import exact_form
from ..text import T2S_FILE, fold, searchable

ANALYZER = "chendian_zh"
CHARS_ANALYZER = "chendian_zh_chars"


def index_settings() -> dict:
    mappings = []
    for line in T2S_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            traditional, simplified = line.split("\t")
            mappings.append(f"{traditional} => {simplified}")
    return {
        "analysis": {
            "char_filter": {"t2s": {"type": "mapping", "mappings": mappings}},
            "analyzer": {
                ANALYZER: {
                    "type": "custom",
                    "char_filter": ["t2s"],
                    "tokenizer": "standard",
                    "filter": ["cjk_width", "lowercase", "cjk_bigram"],
                },
                # The same without bigrams: every CJK character a term.
                CHARS_ANALYZER: {
                    "type": "custom",
                    "char_filter": ["t2s"],
                    "tokenizer": "standard",
                    "filter": ["cjk_width", "lowercase"],
                },
            },
        }
    }


CHARS = {"chars": {"type": "text", "analyzer": CHARS_ANALYZER}}
MAPPINGS = {
    "properties": {
        "key": {"type": "keyword"},
        "origin": {"type": "keyword"},
        "kind": {"type": "keyword"},
        "title": {"type": "keyword", "index": False},
        "body": {"type": "text", "index": False},
        "title_f": {"type": "text", "analyzer": ANALYZER, "fields": CHARS},
        "title_exact": {"type": "keyword"},
        "headings": {"type": "text", "index": False},
        "headings_f": {"type": "text", "analyzer": ANALYZER, "fields": CHARS},
        "body_f": {"type": "text", "analyzer": ANALYZER, "fields": CHARS},
        "url": {"type": "keyword", "index": False},
        "date": {"type": "date"},
        "tags": {"type": "keyword"},
        "series": {"type": "keyword"},
        "series_title": {"type": "keyword"},
        "people": {"type": "keyword"},
        "people_f": {"type": "text", "analyzer": ANALYZER},
        "tags_f": {"type": "text", "analyzer": ANALYZER, "fields": CHARS},
        "stage": {"type": "keyword"},
        "facets": {"type": "object", "dynamic": True},
        "suggest": {"type": "completion"},
    }
}


def document_source(document: SearchDocument) -> dict:
    return {
        "key": document.key,
        "origin": document.origin,
        "kind": document.kind,
        "title": document.title,
        "body": document.body,
        "title_f": searchable(document.title),
        "title_exact": exact_form(document.title),
        "headings": "\n".join(document.headings),
        "headings_f": searchable("\n".join(document.headings)),
        "body_f": searchable(document.body),
        "url": document.url,
        "date": document.date.isoformat() if document.date else None,
        "tags": document.tags,
        "series": document.series,
        "series_title": document.series_title,
        "people": document.people,
        "people_f": fold(" ".join(document.people)),
        "tags_f": searchable("\n".join(document.tags)),
        "stage": document.stage,
        "facets": document.facets,
        "suggest": {"input": [document.title]},
    }

"""Benchmark: search over a synthetic Chinese corpus, engine beside engine.

Builds N documents (default 100,000) of generated Chinese text with a known
set of 200 queries: each query's word is planted in 3-25 known documents
(half of them written in traditional characters, the query always
simplified), so recall is measured, not guessed. Recall follows every page
of results through the JSON API (not timed).

For our database engine (SQLite FTS5 here) it prints the build rate and,
side by side, p50/p95 latency over the queries with each line's ratio to the
floor. Each line runs all the queries in one go, and the lines take turns
for three rounds (load on a shared machine falls on every line alike), after
a few untimed warm-up queries:

- floor: the cheapest statement that returns what a results page needs from
  the same table: FTS5 MATCH ranked by bm25, the top 10 rows with their
  stored fields (key, kind, title, body, url, date, series title, tags,
  people), executed and fetched in-process through Django's database
  connection. No total, no facets, no highlights, no query parsing.
- engine in-process: what one search costs without HTTP: parsing the query
  box, reading the editors' synonyms, and ``DatabaseEngine.search`` (exact
  total, kind/series/year/tag facets, the ranked page of 10, highlighted
  snippets).
- request stack alone (printed once): ``GET /search/api/`` without ``q``
  (answered 400 before any search): Django's handler and the site's
  middleware (site and community time zone lookup, sessions, CSRF, ...).
  What every request pays.
- JSON API: ``GET /search/api/?q=...`` through Django's test client: the
  request stack, the search, JSON serialisation, and counting the query for
  Wagtail's search promotions (a database write that a real server runs after
  the response is sent; the test client waits for it). This is the issue's
  latency figure.

The same lines are printed for broad queries: common vocabulary words, each
in ~42% of the documents. There the floor itself ranks every match with bm25;
the engine counts the total exactly but estimates facet counts from a sample
of the matches (``facets_approximate``) and puts only the top of the ranking
in the shared order (ranking.WINDOW).

Query cost (issue 20): through the JSON API, a normal query (one planted
word) beside hostile ones: one common word repeated 200 times, and 200 common
words (all the vocabulary, repeated), which the query plan deduplicates and
caps (query.MAX_WORDS) before any engine sees them.

Then, on the same corpus: our Elasticsearch engine against osmem-server (an
in-memory OpenSearch-compatible engine; skipped if it cannot start), and
Wagtail's own database search backend (modelsearch) queried through its
Python API (it has no JSON API of ours); no floor ratios there, as they read
other stores.

Run: ``.venv/bin/python bench/search.py [--docs 100000] [--no-elasticsearch]
[--no-wagtail]``
"""

from __future__ import annotations

import argparse
import atexit
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VOCAB = (
    "社群 运营 分享 回顾 问题 工具 笔记 知识 学习 讨论 嘉宾 主持 直播 预热 征集 新人 "
    "活跃 留存 拉新 转化 内容 选题 排期 复盘 案例 数据 增长 活动 线下 线上 城市 分会 "
    "产品 用户 访谈 需求 简历 面试 职业 规划 效率 自动 表格 脚本 日历 提醒 模板 文档 "
    "资源 链接 推荐 书单 课程 作业 打卡 积分 奖励 规则 管理 志愿 合作 伙伴 付费 会员 "
    "门槛 邀请 审核 广告 沉默 潜水 互动 话题 总结 要点 金句 收获 反馈 建议 经验 方法"
).split()
ENGLISH = "wagtail django python excel notion sql api seo crm".split()


def planted_words(count: int) -> list[tuple[str, str]]:
    """(simplified, traditional) two-character words sharing no character with VOCAB."""
    from search.text import T2S_FILE

    used = set("".join(VOCAB))
    pairs = []
    for line in T2S_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            traditional, simplified = line.split("\t")
            if simplified not in used and "\u4e00" <= simplified <= "\u9fff":
                pairs.append((traditional, simplified))
    rng = random.Random(7)
    rng.shuffle(pairs)
    words = []
    for i in range(count):
        (t1, s1), (t2, s2) = pairs[2 * i], pairs[2 * i + 1]
        words.append((s1 + s2, t1 + t2))
    return words


def corpus(n: int, queries: int = 200):
    rng = random.Random(42)
    words = planted_words(queries)
    expected = {simplified: set() for simplified, _ in words}
    plants = {}
    for q, (simplified, traditional) in enumerate(words):
        for doc in rng.sample(range(n), rng.randint(3, 25)):
            plants.setdefault(doc, []).append(
                (simplified, traditional if q % 2 else simplified)
            )
            expected[simplified].add(doc)

    def text(length, extra=()):
        parts = [rng.choice(VOCAB) for _ in range(length)]
        if rng.random() < 0.1:
            parts.insert(rng.randrange(len(parts)), rng.choice(ENGLISH))
        for _, written in extra:
            parts.insert(rng.randrange(1, len(parts)), written)
        # Words run together, as Chinese is written; planted words stay between
        # vocabulary words, so no accidental bigram makes another planted word.
        return (
            "，".join("".join(parts[i : i + 6]) for i in range(0, len(parts), 6)) + "。"
        )

    documents = []
    for i in range(n):
        documents.append(
            {
                "key": f"bench:{i}",
                "title": text(4),
                "body": text(40, plants.get(i, ())),
                "kind": rng.choice(["recap", "post", "chat", "session"]),
                "series": rng.choice(["tools", "cases", "career-qa", ""]),
                "tags": rng.sample(VOCAB[:20], 2),
                "year": rng.choice([2024, 2025, 2026]),
            }
        )
    return documents, expected


def as_search_documents(documents):
    from datetime import UTC, datetime

    from search.documents import SearchDocument

    for d in documents:
        yield SearchDocument(
            key=d["key"],
            origin=d["key"],
            kind=d["kind"],
            title=d["title"],
            body=d["body"],
            url=f"/bench/{d['key']}/",
            date=datetime(d["year"], 6, 1, tzinfo=UTC),
            tags=d["tags"],
            series=d["series"],
            series_title=d["series"],
        )


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


# The floor: what a results page needs, as cheaply as the table gives it.
FLOOR_SQL = (
    "SELECT e.id, e.key, e.kind, e.title, e.body, e.url, e.date, e.series_title, "
    "e.tags_text, e.people_text FROM search_entry_fts "
    "JOIN search_searchentry e ON e.id = search_entry_fts.rowid "
    "WHERE search_entry_fts MATCH %s ORDER BY bm25(search_entry_fts) LIMIT 10"
)
WARM_UP = 10


def side_by_side(words, runs, *, rounds=3):
    """Milliseconds per query for each of ``runs``. Each run takes all the
    queries in one go (the same cache conditions for every line: one query
    never warms the next line's identical query), and the runs take turns for
    a few rounds, so load on a shared machine falls on every line alike."""
    for run in runs.values():
        for word in words[:WARM_UP]:
            run(word)
    latencies = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            for word in words:
                started = time.perf_counter()
                run(word)
                latencies[name].append((time.perf_counter() - started) * 1000)
    return latencies


def floor_run(words):
    from django.db import connection

    from search.text import tokens

    matches = {word: '"' + " ".join(tokens(word)) + '"' for word in words}

    def run(word):
        with connection.cursor() as cursor:
            cursor.execute(FLOOR_SQL, [matches[word]])
            cursor.fetchall()

    return run


def in_process(engine):
    from django.http import QueryDict

    from search.service import request_from_params

    def run(word):
        params = QueryDict(mutable=True)
        params["q"] = word
        return engine.search(request_from_params(params))

    return run


def through_api(client):
    def run(word):
        response = client.get("/search/api/", {"q": word})
        assert response.status_code == 200, response.content[:500]

    return run


def request_stack(client):
    import logging

    # Django logs every 400 as a warning; these are on purpose.
    logging.getLogger("django.request").setLevel(logging.ERROR)

    def run(_word):
        assert client.get("/search/api/").status_code == 400

    return run


def recall_via_api(client, expected, *, keys_of):
    recalls = []
    for word, wanted in expected.items():
        data = client.get("/search/api/", {"q": word}).json()
        found, page = keys_of(data), 1
        while len(found) < data["total"] and page < 10:
            page += 1
            found |= keys_of(
                client.get("/search/api/", {"q": word, "page": page}).json()
            )
        recalls.append(len(found & wanted) / len(wanted))
    return statistics.mean(recalls)


def heading(text, *, ratios=True):
    columns = f"{'p50':>10} {'p95':>10}"
    if ratios:
        columns += f"   {'p50/floor':>9} {'p95/floor':>9}"
    print(f"  {text:<52} {columns}")


def line(label, latencies, floor=None):
    p50, p95 = percentile(latencies, 50), percentile(latencies, 95)
    ratios = ""
    if floor:
        ratios = f"   {p50 / floor[0]:8.1f}× {p95 / floor[1]:8.1f}×"
    print(f"    {label:<50} {p50:7.2f} ms {p95:7.2f} ms{ratios}")
    return p50, p95


def report_engine(rate, recall, *, how="all pages, via the API"):
    print(f"  build {rate:,.0f} docs/s, recall {recall:.3f} ({how})")


LABELS = {
    "floor": "floor: FTS5 MATCH, bm25 top 10 + stored fields",
    "engine": "engine in-process (facets + highlights, no HTTP)",
    "stack": "request stack alone (API without q, 400)",
    "api": "JSON API /search/api/ (test client)",
}


def measure_lines(engine, client, words, *, with_floor, with_stack=False):
    runs = {}
    if with_floor:
        runs["floor"] = floor_run(words)
    runs["engine"] = in_process(engine)
    if with_stack:
        runs["stack"] = request_stack(client)
    runs["api"] = through_api(client)
    latencies = side_by_side(words, runs)
    floor = line(LABELS["floor"], latencies.pop("floor")) if with_floor else None
    for name, values in latencies.items():
        line(LABELS[name], values, floor)


def query_cost(client, words, broad):
    """The worst cases a searcher can type, beside a normal query."""
    rng = random.Random(3)
    common = VOCAB + ENGLISH
    hostile = {
        "normal: one planted word": lambda word: word,
        "worst: 200x one common word": lambda word: " ".join(
            [broad[hash(word) % len(broad)]] * 200
        ),
        f"worst: 200 common words ({len(common)} distinct)": lambda word: " ".join(
            rng.choice(common) for _ in range(200)
        ),
    }
    api = through_api(client)

    def run_of(make):
        return lambda word: api(make(word))

    runs = {label: run_of(make) for label, make in hostile.items()}
    latencies = side_by_side(words[:60], runs)
    heading("query cost via the JSON API (issue 20)", ratios=False)
    for label, values in latencies.items():
        line(label, values)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--broad", type=int, default=20, help="broad queries to time")
    parser.add_argument("--no-elasticsearch", action="store_true")
    parser.add_argument(
        "--no-wagtail",
        action="store_true",
        help="skip Wagtail's backend (slow at 100k)",
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="search-bench-"))
    # Hundreds of MB of export and database: gone when the run ends.
    atexit.register(shutil.rmtree, workdir, ignore_errors=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "website.settings.test"
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    from search.engines.database import DatabaseEngine

    print(
        f"Corpus: {args.docs:,} documents, 200 queries (half planted in traditional characters)"
    )
    documents, expected = corpus(args.docs)
    words = list(expected)
    broad = VOCAB[: args.broad]
    client = Client()

    def keys_from_urls(data):
        return {int(r["url"].rstrip("/").rsplit(":", 1)[1]) for r in data["results"]}

    # Our database engine, against the floor
    settings.ELASTICSEARCH_URL = ""
    print("database engine (SQLite FTS5)")
    engine = DatabaseEngine()
    started = time.perf_counter()
    engine.rebuild(as_search_documents(documents))
    rate = len(documents) / (time.perf_counter() - started)
    heading("narrow queries (200 planted words, 3-25 matches)")
    measure_lines(engine, client, words, with_floor=True, with_stack=True)
    heading(f"broad queries ({len(broad)} common words, ~42% of documents each)")
    measure_lines(engine, client, broad, with_floor=True)
    query_cost(client, words, broad)
    recall = recall_via_api(client, expected, keys_of=keys_from_urls)
    report_engine(rate, recall)

    # Our Elasticsearch engine against osmem-server
    if not args.no_elasticsearch:
        try:
            from osmem_server import OsmemServer

            server = OsmemServer.start()
        except Exception as error:  # noqa: BLE001
            print(f"elasticsearch engine: skipped ({error})")
        else:
            with server:
                settings.ELASTICSEARCH_URL = server.url
                from search.engines import get_engine

                engine = get_engine()
                print(f"{engine.name} engine (osmem-server)")
                started = time.perf_counter()
                engine.rebuild(as_search_documents(documents))
                rate = len(documents) / (time.perf_counter() - started)
                heading("narrow queries", ratios=False)
                measure_lines(engine, client, words, with_floor=False)
                heading("broad queries", ratios=False)
                measure_lines(engine, client, broad, with_floor=False)
                query_cost(client, words, broad)
                recall = recall_via_api(client, expected, keys_of=keys_from_urls)
                report_engine(rate, recall)
            settings.ELASTICSEARCH_URL = ""

    # Wagtail's own database backend on the same rows
    if not args.no_wagtail:
        wagtail_backend(documents, expected)


def wagtail_backend(documents, expected):
    from django.db import models
    from wagtail.search import index
    from wagtail.search.backends import get_search_backend

    from search.models import SearchEntry

    class BenchEntry(index.Indexed, SearchEntry):
        search_fields = [index.SearchField("title"), index.SearchField("body")]

        class Meta:
            proxy = True
            app_label = "search"

    backend = get_search_backend("default")
    backend.reset_index() if hasattr(backend, "reset_index") else None
    rows = list(BenchEntry.objects.order_by("pk"))
    by_key = {row.pk: int(row.key.split(":")[1]) for row in rows}
    started = time.perf_counter()
    for i in range(0, len(rows), 1000):
        backend.add_bulk(BenchEntry, rows[i : i + 1000])
    rate = len(rows) / (time.perf_counter() - started)
    latencies, recalls = [], []
    for word, wanted in expected.items():
        started = time.perf_counter()
        results = list(backend.search(word, BenchEntry.objects.all())[:10])
        latencies.append((time.perf_counter() - started) * 1000)
        found = {
            by_key[r.pk] for r in backend.search(word, BenchEntry.objects.all())[:1000]
        }
        recalls.append(len(found & wanted) / len(wanted))
        del results
    print("Wagtail database backend (Python API, top 10, no facets or highlights)")
    heading("narrow queries", ratios=False)
    line("backend.search(word)[:10]", latencies)
    # Its tokenizer keeps a run of Chinese characters whole, so a word inside
    # a sentence is rarely found: low recall here is the finding, not a bug.
    report_engine(rate, statistics.mean(recalls), how="top 1000, Python API")
    del models


if __name__ == "__main__":
    main()

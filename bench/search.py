"""Benchmark: search over a synthetic Chinese corpus, engine beside engine.

Builds N documents (default 100,000) of generated Chinese text with a known
set of 200 queries: each query's word is planted in a known set of documents
(half of them written in traditional characters, the query always simplified),
so recall is measured, not guessed. For each engine it prints the build rate
(docs/s), query latency p50/p95 through the JSON API (/search/api/, with
facets and highlights) and recall@all on the 200 queries:

- our database engine (SQLite FTS5 here),
- our Elasticsearch engine against osmem-server (an in-memory
  OpenSearch-compatible engine; skipped if it cannot start),
- Wagtail's own database search backend (modelsearch) on the same rows,
  queried through its Python API (it has no JSON API of ours),

and the floor: a bare FTS5 MATCH on the same table, no facets, no highlights.

Run: ``.venv/bin/python bench/search.py [--docs 100000] [--no-elasticsearch]``
"""

from __future__ import annotations

import argparse
import os
import random
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


def measure_api(client, expected, *, keys_of):
    latencies, recalls = [], []
    for word, wanted in expected.items():
        started = time.perf_counter()
        response = client.get("/search/api/", {"q": word})
        latencies.append((time.perf_counter() - started) * 1000)
        data = response.json()
        found = set()
        page = 1
        found |= keys_of(data)
        # Recall over all results: follow the pages (not timed).
        while len(found) < data["total"] and page < 10:
            page += 1
            found |= keys_of(
                client.get("/search/api/", {"q": word, "page": page}).json()
            )
        recalls.append(len(found & wanted) / len(wanted))
    return latencies, statistics.mean(recalls)


def report(name, rate, latencies, recall):
    print(
        f"{name:<34} build {rate:>9,.0f} docs/s   p50 {percentile(latencies, 50):7.1f} ms   "
        f"p95 {percentile(latencies, 95):7.1f} ms   recall {recall:.3f}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--no-elasticsearch", action="store_true")
    parser.add_argument(
        "--no-wagtail",
        action="store_true",
        help="skip Wagtail's backend (slow at 100k)",
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="search-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "website.settings.test"
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
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
    client = Client()

    def keys_from_urls(data):
        return {int(r["url"].rstrip("/").rsplit(":", 1)[1]) for r in data["results"]}

    # Our database engine
    settings.ELASTICSEARCH_URL = ""
    started = time.perf_counter()
    DatabaseEngine().rebuild(as_search_documents(documents))
    rate = len(documents) / (time.perf_counter() - started)
    latencies, recall = measure_api(client, expected, keys_of=keys_from_urls)
    report("database engine (FTS5) via API", rate, latencies, recall)

    # The floor: bare FTS on the same table
    from search.text import tokens

    floor = []
    with connection.cursor() as cursor:
        for word in expected:
            match = '"' + " ".join(tokens(word)) + '"'
            started = time.perf_counter()
            cursor.execute(
                "SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s LIMIT 10",
                [match],
            )
            cursor.fetchall()
            floor.append((time.perf_counter() - started) * 1000)
    print(
        f"{'floor: bare FTS5 MATCH':<34} {'':>22}   p50 {percentile(floor, 50):7.1f} ms   "
        f"p95 {percentile(floor, 95):7.1f} ms"
    )
    print(
        f"{'':<34} database p50 / floor p50 = "
        f"{percentile(latencies, 50) / max(percentile(floor, 50), 0.001):.1f}×"
    )

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
                started = time.perf_counter()
                engine.rebuild(as_search_documents(documents))
                rate = len(documents) / (time.perf_counter() - started)
                latencies, recall = measure_api(
                    client, expected, keys_of=keys_from_urls
                )
                report(f"{engine.name} engine (osmem) via API", rate, latencies, recall)
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
    report(
        "Wagtail database backend (Python)", rate, latencies, statistics.mean(recalls)
    )
    del models


if __name__ == "__main__":
    main()

"""Benchmark: Wagtail's own admin search on Chinese titles, before and after.

Builds N pages (default 1,000) whose titles are runs of two-character words
written together, as Chinese is written (e.g. 表格复盘工具直播). For every
word that occurs in some title, the expected answer is every page whose title
contains it. Recall = pages found / pages expected, over all (word, page)
pairs, for the two calls Wagtail's admin makes: ``autocomplete`` (page
explorer, choosers) and ``search``.

- before: modelsearch's database backend as Wagtail ships it
  (``wagtail.search.backends.database``, SQLite FTS5);
- after: ``search.wagtail_search`` (the same, with our folding and bigrams).

Both write the same index table, so the index is rebuilt (``update_index``)
for each line; the rebuild time is printed beside the recall, and the median
query time over all words.

Run: ``.venv/bin/python bench/admin_search.py [--pages 1000]``
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

WORDS = (
    "社群 运营 分享 回顾 问题 工具 笔记 知识 学习 讨论 嘉宾 主持 直播 预热 征集 新人 "
    "活跃 留存 拉新 转化 内容 选题 排期 复盘 案例 数据 增长 活动 线下 线上 城市 分会 "
    "产品 用户 访谈 需求 简历 面试 职业 规划 效率 自动 表格 脚本 日历 提醒 模板 文档 "
    "资源 链接 推荐 书单 课程 作业 打卡 积分 奖励 规则 管理 志愿 合作 伙伴 付费 会员"
).split()

BACKENDS = {
    "before": "wagtail.search.backends.database",
    "after": "search.wagtail_search",
}


def titles(count: int) -> list[str]:
    rng = random.Random(13)
    return ["".join(rng.sample(WORDS, rng.randint(3, 5))) for _ in range(count)]


def measure(name, expected, pages_by_title):
    from django.core.management import call_command
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    started = time.perf_counter()
    call_command("update_index", backend_name=name, verbosity=0)
    rebuild = time.perf_counter() - started
    backend = get_search_backend(name)
    found = {"autocomplete": 0, "search": 0}
    timings = []
    for word, wanted in expected.items():
        for call in found:
            started = time.perf_counter()
            results = getattr(backend, call)(word, Page)
            hits = {page.pk for page in results[: len(wanted) + 50]}
            timings.append(time.perf_counter() - started)
            found[call] += len(hits & wanted)
    total = sum(len(wanted) for wanted in expected.values())
    recall = {call: hits / total for call, hits in found.items()}
    print(
        f"{name:>6} ({BACKENDS[name]}): recall autocomplete {recall['autocomplete']:6.1%}"
        f"  search {recall['search']:6.1%}  ·  rebuild {rebuild:5.2f} s"
        f"  ·  query p50 {statistics.median(timings) * 1000:5.1f} ms"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="admin-search-bench-"))
    atexit.register(shutil.rmtree, workdir, ignore_errors=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "website.settings.test"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # Pages are created without indexing; each line rebuilds the index itself.
    settings.WAGTAILSEARCH_BACKENDS = {
        name: {"BACKEND": path, "AUTO_UPDATE": False} for name, path in BACKENDS.items()
    }
    call_command("migrate", verbosity=0)
    from sessions.models import TopicSeriesPage
    from website.models import HomePage

    home = HomePage.objects.first()
    pages_by_title = {}
    started = time.perf_counter()
    for i, title in enumerate(titles(args.pages)):
        page = home.add_child(instance=TopicSeriesPage(title=title, slug=f"p{i}"))
        pages_by_title[title] = page.pk
    print(
        f"{args.pages:,} pages with Chinese titles made in "
        f"{time.perf_counter() - started:.1f} s"
    )
    expected = {}
    for title, pk in pages_by_title.items():
        for word in WORDS:
            if word in title:
                expected.setdefault(word, set()).add(pk)
    pairs = sum(len(v) for v in expected.values())
    print(f"{len(expected)} two-character words, {pairs:,} (word, page) pairs expected")
    for name in BACKENDS:
        measure(name, expected, pages_by_title)


if __name__ == "__main__":
    main()

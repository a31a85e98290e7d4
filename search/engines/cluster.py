"""How to reach a search cluster: nodes, credentials, CA file, retries.

Settings (all optional but the URL):

- ``ELASTICSEARCH_URL``: one node or several, comma separated; credentials may
  sit in a URL (``https://user:pass@node:9200``).
- ``ELASTICSEARCH_API_KEY``: an API key (the encoded form), instead of a user.
- ``ELASTICSEARCH_CA_CERTS``: a CA bundle to verify the nodes' certificates.
- ``CHENDIAN_SEARCH_SHARDS`` / ``CHENDIAN_SEARCH_REPLICAS``: of new indices.
- ``CHENDIAN_SEARCH_BULK_TIMEOUT``: seconds a bulk request may take (default
  120; a busy cluster indexing a big archive needs far more than a search).
- ``CHENDIAN_SEARCH_BULK_CHUNK``: documents per bulk request (default 500).
- ``CHENDIAN_SEARCH_RETRIES``: how often a request or a bulk chunk is retried
  on timeouts, connection errors and 429/502/503/504, with exponential
  backoff; what still fails stays in the outbox for the next drain.
"""

from __future__ import annotations

import base64
import json
import ssl
import urllib.parse
import urllib.request

from django.conf import settings

RETRY_STATUSES = (429, 502, 503, 504)


def node_urls(url: str) -> list[str]:
    return [node.strip() for node in url.split(",") if node.strip()]


def retries() -> int:
    return int(getattr(settings, "CHENDIAN_SEARCH_RETRIES", 3))


def client_options(url: str) -> dict:
    """Keyword arguments for ``Elasticsearch(...)``."""
    options = {
        "hosts": node_urls(url),
        "request_timeout": 10,
        "max_retries": retries(),
        "retry_on_timeout": True,
        "retry_on_status": RETRY_STATUSES,
    }
    api_key = getattr(settings, "ELASTICSEARCH_API_KEY", "")
    if api_key:
        options["api_key"] = api_key
    ca_certs = getattr(settings, "ELASTICSEARCH_CA_CERTS", "")
    if ca_certs:
        options["ca_certs"] = ca_certs
    return options


def bulk_timeout() -> float:
    return float(getattr(settings, "CHENDIAN_SEARCH_BULK_TIMEOUT", 120))


def bulk_chunk() -> int:
    return int(getattr(settings, "CHENDIAN_SEARCH_BULK_CHUNK", 500))


def bulk_options() -> dict:
    """Keyword arguments for ``elasticsearch.helpers.bulk``: documents refused
    with 429 are sent again after 2, 4, 8 … seconds (at most 60)."""
    return {
        "chunk_size": bulk_chunk(),
        "max_retries": retries(),
        "initial_backoff": 2,
        "max_backoff": 60,
    }


def index_shape() -> dict:
    return {
        "number_of_shards": int(getattr(settings, "CHENDIAN_SEARCH_SHARDS", 1)),
        "number_of_replicas": int(getattr(settings, "CHENDIAN_SEARCH_REPLICAS", 1)),
    }


def cluster_info(url: str) -> dict:
    """The cluster's GET / answer, from the first node that gives one."""
    error = None
    for node in node_urls(url):
        request, context = _info_request(node)
        try:
            with urllib.request.urlopen(request, timeout=5, context=context) as answer:  # noqa: S310 - configured URL
                return json.loads(answer.read().decode())
        except OSError as failure:  # this node is down: ask the next one
            error = failure
    raise error or ValueError("ELASTICSEARCH_URL names no node")


def _info_request(node: str) -> tuple[urllib.request.Request, ssl.SSLContext | None]:
    parts = urllib.parse.urlsplit(node)
    headers = {}
    if parts.username:
        pair = f"{urllib.parse.unquote(parts.username)}:{urllib.parse.unquote(parts.password or '')}"
        headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()
    api_key = getattr(settings, "ELASTICSEARCH_API_KEY", "")
    if api_key:
        headers["Authorization"] = f"ApiKey {api_key}"
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    plain = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path or "/", "", ""))
    ca_certs = getattr(settings, "ELASTICSEARCH_CA_CERTS", "")
    context = ssl.create_default_context(cafile=ca_certs) if ca_certs else None
    return urllib.request.Request(plain, headers=headers), context  # noqa: S310

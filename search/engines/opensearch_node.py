"""The one-class shim that lets the Elasticsearch 8 client talk to OpenSearch.

OpenSearch rejects the client's ``application/vnd.elasticsearch+json;
compatible-with=8`` media type and does not send ``X-Elastic-Product``, which
the client checks. This node sends plain JSON and marks responses as coming
from a compatible product. Used only when the cluster says it is OpenSearch.
"""

from elastic_transport import HttpHeaders, Urllib3HttpNode


def plain_media_type(value: str) -> str:
    # "application/vnd.elasticsearch+x-ndjson; compatible-with=8" → "application/x-ndjson"
    return value.split(";")[0].replace("vnd.elasticsearch+", "").strip()


class OpenSearchNode(Urllib3HttpNode):
    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        plain = HttpHeaders(headers or {})
        for name in ("accept", "content-type"):
            if name in plain:
                plain[name] = plain_media_type(plain[name])
        response = super().perform_request(
            method, target, body=body, headers=plain, **kwargs
        )
        response.meta.headers["x-elastic-product"] = "Elasticsearch"
        return response

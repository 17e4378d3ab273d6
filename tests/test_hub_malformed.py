"""A hostile endpoint's malformed API answers end as one-line errors, not tracebacks."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from openaudit.errors import EvidenceUnavailable
from openaudit.sources.hub import fetch_hub_evidence

BODIES = {
    "/api/models/deep/nest": b'{"id": "deep/nest", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "/api/models/not/json": b"<html>not json</html>",
    "/api/models/no/id": b'{"sha": "0"}',
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = BODIES.get(self.path.split("?")[0], b"{}")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize("repo_id", ["deep/nest", "not/json", "no/id"])
def test_malformed_model_info_is_evidence_unavailable(repo_id: str, endpoint: str) -> None:
    with pytest.raises(EvidenceUnavailable) as caught:
        fetch_hub_evidence(repo_id, endpoint=endpoint)
    assert "\n" not in caught.value.one_line()

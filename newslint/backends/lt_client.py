"""A minimal HTTP client for LanguageTool's JSON API (``/v2/check``, ``/v2/languages``).

Why plain urllib and not language-tool-python's ``LanguageTool(remote_server=...)``: that client
has a fixed 300-second timeout, retries failed requests and, for a server it started, restarts it
(a dead server would be hidden, not reported), imports ``requests`` (start-up cost for pre-commit),
and rewrites offsets into its own ``Match`` objects, while newslint caches LanguageTool's raw
answer per paragraph. We also bypass proxy environment variables: the only host contacted is the
server the user configured or the loopback one newslint started.
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any


class LTServerError(Exception):
    """The server could not be reached, timed out, or answered something that is not LanguageTool."""


@dataclass
class LTStats:
    """What a run sent, so tests and benchmarks can see the cache working."""

    check_requests: int = 0
    paragraphs_sent: int = 0
    chars_sent: int = 0
    other_requests: int = 0
    cached_paragraphs: int = 0


@dataclass
class LTClient:
    url: str  # base URL, e.g. http://127.0.0.1:8081 (without /v2)
    timeout: float = 60.0
    stats: LTStats = field(default_factory=LTStats)

    def __post_init__(self) -> None:
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def _endpoint(self, path: str) -> str:
        base = self.url.rstrip("/")
        if base.endswith("/v2"):
            base = base[:-3]
        return f"{base}/v2/{path}"

    def _request(self, path: str, data: dict[str, str] | None = None) -> Any:
        url = self._endpoint(path)
        body = urllib.parse.urlencode(data).encode("utf-8") if data is not None else None
        req = urllib.request.Request(url, data=body, headers={"Accept": "application/json"})
        try:
            with self._opener.open(req, timeout=self.timeout) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:200].decode("utf-8", "replace").strip()
            raise LTServerError(f"HTTP {exc.code} from {url}: {detail or exc.reason}") from None
        except (socket.timeout, TimeoutError):
            raise LTServerError(f"no answer from {url} within {self.timeout:g} seconds (timeout)") from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise LTServerError(f"no answer from {url} within {self.timeout:g} seconds (timeout)") from None
            raise LTServerError(f"cannot reach {url}: {getattr(reason, 'strerror', None) or reason}") from None
        except (ConnectionError, OSError) as exc:
            raise LTServerError(f"connection to {url} failed: {exc.strerror or exc}") from None
        try:
            return json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            snippet = raw[:60].decode("utf-8", "replace")
            raise LTServerError(f"{url} did not answer with LanguageTool JSON (got {snippet!r})") from None

    def languages(self) -> list[dict[str, Any]]:
        self.stats.other_requests += 1
        answer = self._request("languages")
        if not isinstance(answer, list):
            raise LTServerError(f"{self._endpoint('languages')} did not answer with a list of languages")
        return answer

    def check(self, text: str, params: dict[str, str]) -> dict[str, Any]:
        """LanguageTool's answer for ``text``, structure verified (matches with offsets)."""
        answer = self._request("check", {**params, "text": text})
        if not isinstance(answer, dict) or not isinstance(answer.get("matches"), list):
            raise LTServerError(f"{self._endpoint('check')} answered JSON without 'matches'; is it a LanguageTool server?")
        for m in answer["matches"]:
            if not (isinstance(m, dict) and isinstance(m.get("offset"), int) and isinstance(m.get("length"), int)
                    and isinstance(m.get("rule"), dict)):
                raise LTServerError(f"{self._endpoint('check')} answered a match without offset/length/rule")
        return answer

    def version(self, language: str) -> str:
        """The server's LanguageTool version (part of the cache key): one tiny check request."""
        self.stats.other_requests += 1
        answer = self._request("check", {"language": language, "text": "."})
        software = answer.get("software") if isinstance(answer, dict) else None
        if not isinstance(software, dict) or not software.get("version"):
            raise LTServerError(f"{self._endpoint('check')} did not say which LanguageTool version it runs; is it a LanguageTool server?")
        return str(software["version"])

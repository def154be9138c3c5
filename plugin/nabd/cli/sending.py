"""HTTP for ``nabd notify``: requests with a bounded number of attempts and backoff, and logs
that never show a secret.

Every failure is tried again, a bounded number of times: no answer (a timeout, a refused
connection) and any status outside 2xx, 4xx included, as the services' own outages sometimes
answer 4xx (a 404 from a webhook front that lost its route, a 400 from a proxy) and a 4xx means
the message was not delivered, so trying again cannot post it twice. A 429 waits what it asks
for (Telegram's ``parameters.retry_after``, Discord's ``retry_after`` or a ``Retry-After``
header, capped); the others wait 2, then 4 seconds. A wrong token or a deleted webhook costs
those six seconds before its channel is reported failed.

``NABD_NOTIFY_TIME_SCALE`` (a number, 1 by default) multiplies every wait: the tests set it
small so that no test sleeps for seconds; the logs still say the wait asked for.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from nabd.core.model.characters import printable

TIMEOUT = 10.0
ATTEMPTS = 3
BACKOFF = 2.0
MAX_WAIT = 60.0
_SNIPPET = 200


@dataclass(frozen=True)
class Answer:
    """What a server answered; ``status`` 0 when it did not answer."""

    status: int
    body: bytes = b""
    reason: str = ""
    """Why there was no answer."""
    retry_header: str = ""
    """The ``Retry-After`` header, if any."""

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


@dataclass
class Client:
    """Sends requests, tries again as the module says, and logs with ``log``; every text in
    ``secrets`` is masked in what it logs."""

    log: Callable[[str], None]
    secrets: list[str] = field(default_factory=list)
    attempts: int = ATTEMPTS
    backoff: float = BACKOFF
    max_wait: float = MAX_WAIT
    scale: float = field(default_factory=lambda: _time_scale(os.environ))

    def request(
        self,
        label: str,
        url: str,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        sign: Callable[[bytes], Mapping[str, str]] | None = None,
    ) -> Answer:
        """``GET`` (no ``body``) or ``POST`` ``url`` until it succeeds, fails for good or the
        attempts are used up; ``sign`` adds headers to each attempt (a fresh timestamp)."""
        answer = Answer(0)
        for attempt in range(1, self.attempts + 1):
            extra = dict(sign(body)) if sign and body is not None else {}
            answer = _send(url, body, {**(headers or {}), **extra})
            if answer.ok or attempt == self.attempts:
                break
            asked = _retry_after(answer)
            wait = (
                min(asked, self.max_wait)
                if asked is not None
                else self.backoff * 2 ** (attempt - 1)
            )
            why = f" (asked to wait {asked:g} s)" if asked is not None else ""
            self.log(
                f"{label}: {self.describe(answer)}; attempt {attempt} of {self.attempts}, "
                f"trying again in {wait:g} s{why}"
            )
            time.sleep(wait * self.scale)
        return answer

    def describe(self, answer: Answer) -> str:
        """The answer in one printable line, secrets masked."""
        if answer.status == 0:
            text = f"no answer ({answer.reason})"
        else:
            body = answer.body[:_SNIPPET].decode("utf-8", "replace").strip()
            text = f"HTTP {answer.status}" + (f": {body}" if body else "")
        return printable(self.mask(text))

    def mask(self, text: str) -> str:
        # longest first, so that a token inside a URL is masked with the URL
        for secret in sorted(self.secrets, key=len, reverse=True):
            if secret:
                text = text.replace(secret, "***")
        return text


def _send(url: str, body: bytes | None, headers: Mapping[str, str]) -> Answer:
    request = urllib.request.Request(url, data=body, headers=dict(headers))
    if body is not None:
        request.add_header("Content-Type", "application/json; charset=utf-8")
    request.add_header("User-Agent", "nabd-notify")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return Answer(response.status, response.read())
    except urllib.error.HTTPError as error:
        retry = error.headers.get("Retry-After", "") if error.headers is not None else ""
        return Answer(error.code, _read(error), retry_header=retry)
    except urllib.error.URLError as error:
        return Answer(0, reason=str(error.reason))
    except (TimeoutError, OSError) as error:
        return Answer(0, reason=str(error) or type(error).__name__)


def _read(error: urllib.error.HTTPError) -> bytes:
    try:
        return error.read()
    except OSError:
        return b""


def _retry_after(answer: Answer) -> float | None:
    """The seconds a 429 asks to wait: Telegram's ``parameters.retry_after``, Discord's
    ``retry_after``, or the ``Retry-After`` header."""
    if answer.status != 429:
        return None
    try:
        document = json.loads(answer.body)
    except ValueError:
        document = None
    if isinstance(document, dict):
        parameters = document.get("parameters")
        for value in (
            parameters.get("retry_after") if isinstance(parameters, dict) else None,
            document.get("retry_after"),
        ):
            if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
                return float(value)
    header = answer.retry_header.strip()
    return float(header) if header.isdigit() else None


def _time_scale(environ: Mapping[str, str]) -> float:
    try:
        return max(0.0, float(environ.get("NABD_NOTIFY_TIME_SCALE", "1")))
    except ValueError:
        return 1.0

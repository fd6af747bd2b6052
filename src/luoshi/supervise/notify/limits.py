"""What a receiver accepts: how often (a sliding-window rate limit) and how much (bytes, characters).

:class:`RateLimiter` is the one throttle every channel uses: at most ``count`` sends in any
``window`` seconds. Its clock is injectable so tests can run a short window through the same logic.
The clipping helpers cut text to a limit without breaking a UTF-8 character, and
:func:`split_bytes` cuts a long post into parts at line breaks.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class Rate:
    """At most ``count`` messages in any ``per_seconds`` (``count`` 0: unlimited)."""

    count: int = 0
    per_seconds: float = 60.0


@dataclass
class RateLimiter:
    """A sliding window over the times of the last sends, plus a pause after a rate-limit answer."""

    rate: Rate
    monotonic: Callable[[], float] = time.monotonic
    sent: deque[float] = field(default_factory=deque)
    paused_until: float = 0.0

    def wait(self) -> float:
        """Seconds to wait before the next send may go (0: now)."""
        now = self.monotonic()
        while self.sent and self.sent[0] <= now - self.rate.per_seconds:
            self.sent.popleft()
        pause = max(self.paused_until - now, 0.0)
        if self.rate.count <= 0 or len(self.sent) < self.rate.count:
            return pause
        return max(pause, self.sent[0] + self.rate.per_seconds - now)

    def record(self) -> None:
        """A send finished (recorded after the answer, so the receiver saw it no later)."""
        self.sent.append(self.monotonic())

    def pause(self, seconds: float) -> None:
        """The receiver said "too fast": send nothing more for ``seconds``."""
        self.paused_until = max(self.paused_until, self.monotonic() + seconds)


def clip_chars(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, ending in … when cut."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + ELLIPSIS


def clip_bytes(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` UTF-8 bytes at a character boundary, ending in … when cut."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    room = max(limit - len(ELLIPSIS.encode("utf-8")), 0)
    return data[:room].decode("utf-8", errors="ignore") + ELLIPSIS


def split_bytes(text: str, limit: int) -> list[str]:
    """``text`` in parts of at most ``limit`` UTF-8 bytes, cut at line breaks where it can."""
    if limit < 16:
        raise ValueError(f"a part of {limit} bytes cannot hold a line")
    parts: list[str] = []
    current = ""
    for line in text.splitlines():
        while len(line.encode("utf-8")) > limit:  # a single overlong line: cut it hard
            head = clip_bytes(line, limit)[:-1]
            parts, current = _push(parts, current), ""
            parts.append(head)
            line = line[len(head) :]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate.encode("utf-8")) > limit:
            parts, current = _push(parts, current), line
        else:
            current = candidate
    return _push(parts, current) or [""]


def _push(parts: list[str], current: str) -> list[str]:
    return [*parts, current] if current else parts

"""What a running refresh reports about where it is (see :func:`reader.sync.refresh.refresh`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    """Where a refresh is: ``step`` is ``page`` (the listed pages), ``media``, ``linked``
    (the linked pages of one level), ``check``, ``index`` or ``commit``; ``done`` of
    ``total`` items of that step; bytes received so far."""

    step: str
    done: int
    total: int
    item: str
    bytes_received: int


ProgressCallback = Callable[[Progress], None]

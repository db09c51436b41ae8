"""Cancelling a long job (a refresh, a pack's export or import): a flag that also
interrupts a blocked read, kept apart from the HTTP stack so that holding one costs no
import of it."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable


class Cancelled(Exception):
    """The user cancelled the request."""


class CancelToken:
    """A cancel flag that also interrupts a blocked read (its socket is shut down)."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._callbacks: dict[int, Callable[[], None]] = {}
        self._next = 0

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        self._event.set()
        with self._lock:
            callbacks = list(self._callbacks.values())
        for callback in callbacks:
            with contextlib.suppress(OSError):
                callback()

    def check(self) -> None:
        """Raise :class:`Cancelled` when cancelled."""
        if self._event.is_set():
            raise Cancelled()

    def on_cancel(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Run ``callback`` on :meth:`cancel`; returns the function that unregisters it."""
        with self._lock:
            key = self._next
            self._next += 1
            self._callbacks[key] = callback

        def remove() -> None:
            with self._lock:
                self._callbacks.pop(key, None)

        return remove

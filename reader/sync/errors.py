"""How a refresh fails: :class:`RefreshError` and the French sentence it carries.

Every failure leaves the content as it was, and its message says so (:data:`KEPT`).
"""

from __future__ import annotations

KEPT = "Le contenu actuel est conservé."


class RefreshError(Exception):
    """A refresh that changed nothing. ``str()`` is one French sentence for the user."""

    def __init__(self, message: str, page_id: str = "", detail: str = "", reason: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.page_id = page_id
        self.detail = detail
        self.reason = reason or message  # the cause alone, without "Mise à jour impossible"


class RefreshCancelled(RefreshError):
    """The user cancelled; nothing changed."""


def failure(reason: str, page_id: str = "", what: str = "page", detail: str = "") -> RefreshError:
    """The error for ``reason`` (French, no final stop), naming the page when there is one."""
    where = f"{what} « {page_id} » : " if page_id else ""
    return RefreshError(
        f"Mise à jour impossible : {where}{reason}. {KEPT}", page_id, detail, reason
    )

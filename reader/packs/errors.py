"""How a pack operation fails: one French sentence, and nothing changed."""

from __future__ import annotations

import errno

from reader.sync.errors import KEPT

_OS_REASONS = {
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.EACCES: "accès refusé",
    errno.EPERM: "accès refusé",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.ENOSPC: "le disque est plein",
    errno.EROFS: "le support est en lecture seule",
    errno.EIO: "erreur de lecture ou d'écriture du support",
}


class PackError(Exception):
    """A pack refused, or an export or import that failed having changed nothing.

    ``reason`` is a French clause (no capital, no final stop) saying what is wrong;
    ``message`` is the whole sentence shown to the user.
    """

    def __init__(self, reason: str, message: str = "") -> None:
        self.reason = reason
        self.message = message or reason[:1].upper() + reason[1:] + "."
        super().__init__(self.message)


class PackTooOld(PackError):
    """The pack's content is older than the content held (importable with ``force``).

    ``pack_date`` and ``content_date`` are ISO 8601 UTC, for a window that asks.
    """

    def __init__(self, message: str, pack_date: str, content_date: str) -> None:
        super().__init__("paquet plus ancien que le contenu affiché", message)
        self.pack_date = pack_date
        self.content_date = content_date


class PackCancelled(PackError):
    """The user cancelled; nothing changed (no pack written, the content kept)."""

    def __init__(self, message: str = f"Import annulé. {KEPT}") -> None:
        super().__init__("annulé", message)


def import_failure(error: PackError) -> PackError:
    """``error`` as an import's failure: the sentence says the content is kept."""
    if type(error) is not PackError:  # too old, cancelled: their sentence is complete
        return error
    return PackError(error.reason, f"Import impossible : {error.reason}. {KEPT}")


def export_failure(error: PackError) -> PackError:
    """``error`` as an export's failure."""
    if type(error) is not PackError:
        return error
    return PackError(error.reason, f"Export impossible : {error.reason}.")


def os_reason(error: OSError) -> str:
    """Why a file operation failed, in French when it is a common case."""
    return _OS_REASONS.get(error.errno or 0) or error.strerror or str(error)

"""Which member names a pack may hold: paths that stay inside the data folder everywhere.

A name is refused, whatever the manifest says about it, when it could leave the folder it
is written under or name something else than it seems on one of the systems the reader
runs on (Linux, Windows, a FAT-formatted USB stick): ``..`` or empty segments, absolute
paths, drive letters and ``:``, backslashes, control and invisible characters (NUL, bidi
overrides, zero-width spaces), spaces, names that Unicode normalisation would change (NFC
or NFKC: fullwidth slashes and dots, ligatures…), characters Windows forbids, its device
names (``CON``, ``NUL``, ``COM1``…), segments ending with a dot. Two names that differ
only by case or normalisation are the same file on Windows and on a stick:
:func:`name_key` tells them apart so the caller can refuse the second.
"""

from __future__ import annotations

import unicodedata

MAX_NAME_BYTES = 400
MAX_PART_BYTES = 255
MAX_DEPTH = 32
# ASCII punctuation allowed besides letters and digits; none of <>:"|?*\/ and no space.
_PUNCTUATION = frozenset("-_.~+()[]!,'&=@$%#;")
_LETTER_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Nd"})
_DEVICES = frozenset(
    {"con", "prn", "aux", "nul", "conin$", "conout$"}
    | {f"com{n}" for n in "0123456789"}
    | {f"lpt{n}" for n in "0123456789"}
)


def _char_problem(char: str) -> str | None:
    if char.isascii():
        if char.isalnum() or char in _PUNCTUATION:
            return None
        if char == ":":
            return "deux-points (lecteur ou flux Windows)"
        if char == "\\":
            return "barre oblique inversée"
        if not char.isprintable():
            return f"caractère de contrôle (U+{ord(char):04X})"
        return f"caractère interdit « {char} »"
    if unicodedata.category(char) in _LETTER_CATEGORIES:
        return None
    return f"caractère Unicode refusé (U+{ord(char):04X})"


def name_problem(name: str) -> str | None:
    """Why ``name`` (a member's path, ``/``-separated) is refused, in French; None if safe."""
    if not name:
        return "nom vide"
    if name.startswith(("/", "\\")):
        return "chemin absolu"
    if len(name) >= 2 and name[1] == ":" and name[0].isascii() and name[0].isalpha():
        return "lettre de lecteur"
    if ".." in name.replace("\\", "/").split("/"):
        return "chemin qui sort du dossier (« .. »)"
    for char in name:
        if char != "/" and (problem := _char_problem(char)) is not None:
            return problem
    if unicodedata.normalize("NFC", name) != name:
        return "nom non normalisé (Unicode NFC)"
    if unicodedata.normalize("NFKC", name) != name:
        return "caractère Unicode trompeur"
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return "nom trop long"
    parts = name.split("/")
    if len(parts) > MAX_DEPTH:
        return "trop de dossiers imbriqués"
    for part in parts:
        if part in ("", "."):
            return "dossier vide ou « . » dans le chemin"
        if part.endswith("."):
            return "nom finissant par un point"
        if len(part.encode("utf-8")) > MAX_PART_BYTES:
            return "nom trop long"
        if part.split(".", 1)[0].lower() in _DEVICES:
            return "nom réservé par Windows"
    return None


def name_key(name: str) -> str:
    """What two names share when they would be one file on a case-insensitive system."""
    return unicodedata.normalize("NFKC", name).casefold()


def shown(name: str, limit: int = 80) -> str:
    """``name`` safe to print in a message: control and invisible characters (a bidi
    override would reorder the sentence) as ``\\uXXXX``, cut after ``limit`` characters."""
    text = "".join(
        c if c == " " or unicodedata.category(c)[0] not in "CZ" else f"\\u{ord(c):04x}"
        for c in name[:limit]
    )
    return text + ("…" if len(name) > limit else "")

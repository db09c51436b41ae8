"""A cache of built pages in the per-user cache folder, so unchanged pages skip the converter.

Converting a page costs tens of milliseconds (seconds for a big wiki); reading its built
form back costs well under one. Each entry is one JSON file named after the page id, the
SHA-256 of the page file and :func:`converter_key`, and holds those three again, checked
on reading: an entry that is corrupt, truncated, for another page or from another
converter is ignored (and replaced by the next write). Entries are written atomically.
A cache folder that cannot be read or written only makes loading slower: every problem
is a debug log line, never an error. Used entries are touched; the least recently used
ones beyond :data:`MAX_ENTRIES` are removed after a load (:meth:`PageCache.prune`).

The cache holds what :func:`reader.content.outline.build_page` returns, minus the
``source`` (where the file came from), which the caller supplies again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from reader import __version__
from reader.content.model import LINKED, LISTED, Page, PageSource, Question, Section
from reader.fsutil import atomic_write_text

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

log = logging.getLogger(__name__)

#: Bump when the converter or the outline changes what they build. Checkouts and wheels
#: also hash the converter's source files (:func:`converter_key`), so a forgotten bump
#: there cannot serve stale pages; a frozen app relies on this and the app's version.
CONVERTER_VERSION = 5  # 2: pages keep the media ids they use; 3: the converter in linear time;
# 4: links, linked pages; 5: closer to DokuWiki (smileys, quotes, footnotes over lines,
# tables, links, unclosed code)
FORMAT = 1
MAX_ENTRIES = 1000
_SUFFIX = ".json"
_CONTENT_DIR = Path(__file__).resolve().parent


@cache
def converter_key() -> str:
    """What the built pages depend on besides the page: converter version and code."""
    digest = hashlib.sha256(f"{CONVERTER_VERSION}\0{FORMAT}\0{__version__}".encode())
    try:
        sources = sorted(_CONTENT_DIR.rglob("*.py"))  # the converter's package included
        for path in sources:
            name = path.relative_to(_CONTENT_DIR).as_posix()
            digest.update(name.encode() + b"\0" + path.read_bytes())
    except OSError as error:  # a frozen app has no source files: the version decides
        log.debug("converter sources unreadable (%s): keyed by version only", error)
    return digest.hexdigest()[:32]


def page_to_json(page: Page) -> dict[str, Any]:
    """The built parts of ``page`` (everything but ``source``) as JSON-ready data."""
    return {
        "id": page.id,
        "title": page.title,
        "title_anchor": page.title_anchor,
        "intro": page.intro,
        "warnings": list(page.warnings),
        "media": list(page.media),
        "links": list(page.links),
        "role": page.role,
        "sections": [
            {
                "title": s.title,
                "anchor": s.anchor,
                "intro": s.intro,
                "questions": [_question_fields(q) for q in s.questions],
            }
            for s in page.sections
        ],
    }


def _text(value: object) -> str:
    if type(value) is not str:
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


def _list(value: object) -> list[Any]:
    if type(value) is not list:
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return value


def _question_fields(question: Question) -> list[str | bool]:
    fields: list[str | bool] = [
        question.id,
        question.title,
        question.answer,
        question.page_id,
        question.section_title,
    ]
    return [*fields, True] if question.linked else fields


def _question(raw: object) -> Question:
    fields = _list(raw)
    linked = len(fields) == 6 and fields[5] is True  # an entry of a linked page
    if len(fields) != 5 and not linked:
        raise ValueError("a question has five fields (six for a linked page's entry)")
    texts = [_text(f) for f in fields[:5]]
    return Question(texts[0], texts[1], texts[2], texts[3], texts[4], linked)


def page_from_json(data: object, source: PageSource | None = None) -> Page:
    """The Page that :func:`page_to_json` gave ``data`` for; raises on anything malformed."""
    if type(data) is not dict:
        raise TypeError("a page is an object")
    sections = []
    for raw in _list(data["sections"]):
        if type(raw) is not dict:
            raise TypeError("a section is an object")
        questions = tuple(_question(q) for q in _list(raw["questions"]))
        sections.append(
            Section(_text(raw["title"]), _text(raw["anchor"]), _text(raw["intro"]), questions)
        )
    return Page(
        id=_text(data["id"]),
        title=_text(data["title"]),
        intro=_text(data["intro"]),
        sections=tuple(sections),
        source=source or PageSource(),
        warnings=tuple(_text(w) for w in _list(data["warnings"])),
        title_anchor=_text(data["title_anchor"]),
        media=tuple(_text(m) for m in _list(data["media"])),
        links=tuple(_text(m) for m in _list(data["links"])),
        role=_text(data["role"]),
    )


class PageCache:
    """Built pages on disk, keyed by page id, page file SHA-256 and converter.

    ``folder`` None: no cache (every lookup misses, nothing is written). No method raises.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._writable = folder is not None
        self._used: set[str] = set()

    def _name(self, page_id: str, sha256: str, role: str = LISTED) -> str:
        key = f"{page_id}\0{sha256}\0{converter_key()}"
        if role != LISTED:  # the same file may be a FAQ page here, a linked page there
            key += f"\0{role}"
        return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:40] + _SUFFIX

    def get(
        self, page_id: str, sha256: str, source: PageSource | None = None, role: str = LISTED
    ) -> Page | None:
        """The cached page for this file (built as a ``role`` page), with ``source``
        attached; None on any miss."""
        if self.folder is None:
            return None
        name = self._name(page_id, sha256, role)
        path = self.folder / name
        try:
            raw = json.loads(path.read_bytes())
            if (
                type(raw) is not dict
                or raw.get("format") != FORMAT
                or raw.get("converter") != converter_key()
                or raw.get("page_id") != page_id
                or raw.get("sha256") != sha256
            ):
                log.debug("page cache entry %s is for something else: ignored", name)
                return None
            page = page_from_json(raw["page"], source)
            if page.id != page_id or page.role != role:
                return None
        except FileNotFoundError:
            return None
        except Exception as error:  # corrupt, truncated, unreadable: convert again
            log.debug("page cache entry %s unusable (%s): converting again", name, error)
            return None
        self._used.add(name)
        with contextlib.suppress(OSError):  # the LRU order; a read-only folder keeps its own
            os.utime(path)
        return page

    def put(self, page_id: str, sha256: str, page: Page) -> None:
        """Store ``page`` (built from the file with this SHA-256), atomically."""
        if self.folder is None or not self._writable:
            return
        name = self._name(page_id, sha256, page.role)
        entry = {
            "format": FORMAT,
            "converter": converter_key(),
            "page_id": page_id,
            "sha256": sha256,
            "page": page_to_json(page),
        }
        try:
            text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
            # Not flushed to the disk: an entry a power cut empties is converted again.
            atomic_write_text(self.folder / name, text, durable=False)
        except OSError as error:  # read-only or full: carry on without writing
            self._writable = False
            log.debug("page cache not writable (%s): pages are converted each time", error)
            return
        except Exception as error:  # e.g. text that cannot be encoded: just not cached
            log.debug("page %s not cached: %s", page_id, error)
            return
        self._used.add(name)

    def load(
        self,
        page_id: str,
        sha256: str,
        text: str,
        source: PageSource,
        *,
        check: Callable[[], None] | None = None,
        role: str = LISTED,
    ) -> Page:
        """The page for this file: from the cache, else built from ``text`` (as a FAQ
        page, or as a linked page when ``role`` is ``LINKED``) and stored.

        ``check`` goes to :func:`~reader.content.outline.build_page` (a refresh's cancel):
        what it raises stops the building, and nothing is stored. Raises only what
        ``build_page`` raises.
        """
        role = LINKED if role == LINKED else LISTED
        page = self.get(page_id, sha256, source, role)
        if page is None:
            # Imported on the first miss: a load from a warm cache never needs the converter.
            from reader.content import linked_outline

            page = linked_outline.build_any_page(page_id, text, source, role=role, check=check)
            self.put(page_id, sha256, page)
        return page

    def prune(self, limit: int = MAX_ENTRIES) -> None:
        """Remove the least recently used entries beyond ``limit`` (never one used here)."""
        if self.folder is None or not self._writable:
            return
        try:
            entries = [e for e in os.scandir(self.folder) if e.name.endswith(_SUFFIX)]
            limit = max(limit, len(self._used))
            if len(entries) <= limit:
                return
            entries.sort(key=lambda e: e.stat().st_mtime)
            excess = len(entries) - limit
            for entry in entries:
                if excess <= 0:
                    break
                if entry.name in self._used:
                    continue
                os.unlink(entry.path)
                excess -= 1
        except OSError as error:
            log.debug("page cache not pruned: %s", error)

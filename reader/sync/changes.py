"""What a refresh changed, page by page, and the "new / changed" marks shown until opened.

Questions are matched by id (``<page>#<anchor>``, the anchor coming from the heading's
text): a question whose heading was reworded therefore shows as one removed and one
added, which is also how the wiki's own links see it.

The marks live in ``marks.json`` in the user data folder, as ``{question id: "new" |
"changed"}``. A refresh adds its marks to those not yet opened; opening a question
clears its mark.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from reader.content.model import Page
from reader.fsutil import atomic_write_text, read_json_object
from reader.sync.budget import LeftOut

log = logging.getLogger(__name__)

MARKS_NAME = "marks.json"
NEW, CHANGED = "new", "changed"


@dataclass(frozen=True)
class PageChanges:
    """The questions of one page that were added, changed or removed (ids and titles)."""

    page_id: str
    title: str
    status: str  # "added", "changed", "unchanged" or "removed"
    added: tuple[tuple[str, str], ...] = ()
    changed: tuple[tuple[str, str], ...] = ()
    removed: tuple[tuple[str, str], ...] = ()

    @property
    def touched(self) -> bool:
        return bool(self.added or self.changed or self.removed) or self.status != "unchanged"


@dataclass(frozen=True)
class Summary:
    """The change summary of a whole refresh.

    ``pages`` are the listed (FAQ) pages, question by question; ``linked`` the linked
    pages (their entries are headings, counted apart); ``left_out`` what a budget (or the
    deadline) left out.
    """

    pages: tuple[PageChanges, ...] = ()
    committed: bool = False  # False when nothing changed (the content was not rewritten)
    warnings: tuple[str, ...] = field(default_factory=tuple)
    media_fetched: int = 0
    bytes_received: int = 0
    linked: tuple[PageChanges, ...] = ()
    left_out: tuple[LeftOut, ...] = ()

    def count(self, what: str) -> int:
        return sum(len(getattr(p, what)) for p in self.pages)

    def linked_count(self, status: str) -> int:
        """How many linked pages have ``status`` (``added``, ``changed``, ``removed``,
        ``unchanged``)."""
        return sum(1 for p in self.linked if p.status == status)

    def linked_lines(self) -> list[str]:
        """The linked pages and what was left out, in French (empty when none)."""
        out: list[str] = []
        if self.linked:
            counts = ", ".join(
                f"{self.linked_count(status)} {word}"
                for status, word in _LINKED_WORDS.items()
                if self.linked_count(status)
            )
            out.append(f"Pages liées : {counts}.")
            for page in self.linked:
                if page.status != "unchanged":
                    name = f"« {page.title} » ({page.page_id})" if page.title else page.page_id
                    out.append(f"  {name} : {_LINKED_STATUS[page.status]}")
        for item in self.left_out:
            noun = {"page": "page liée", "image": "image"}.get(item.what, "document")
            out.append(f"Laissé de côté : {noun} {item.name()} ({item.why}).")
        return out

    def lines(self) -> list[str]:
        """The summary in French, one line per page, then the totals and warnings."""
        out: list[str] = []
        for page in self.pages:
            label = {
                "added": "page ajoutée",
                "removed": "page retirée",
                "changed": "modifiée",
                "unchanged": "inchangée",
            }[page.status]
            counts = (
                f"{len(page.added)} ajoutée(s), {len(page.changed)} modifiée(s), "
                f"{len(page.removed)} retirée(s)"
            )
            if page.status == "unchanged":
                out.append(f"{page.page_id} : inchangée")
            else:
                out.append(f"{page.page_id} : {label} — questions : {counts}")
        if not self.committed:
            out.append("Rien n'a changé sur le wiki : le contenu est déjà à jour.")
        else:
            out.append(
                f"Total : {self.count('added')} question(s) ajoutée(s), "
                f"{self.count('changed')} modifiée(s), {self.count('removed')} retirée(s)."
            )
        out.extend(self.linked_lines())
        out.extend(f"Avertissement : {w}" for w in self.warnings)
        return out

    def text(self) -> str:
        return "\n".join(self.lines())


_LINKED_WORDS = {
    "added": "ajoutée(s)",
    "changed": "modifiée(s)",
    "removed": "retirée(s)",
    "unchanged": "inchangée(s)",
}
_LINKED_STATUS = {"added": "ajoutée", "changed": "modifiée", "removed": "retirée"}


def diff_page(old: Page | None, new: Page | None) -> PageChanges:
    """Compare two versions of a page (``None``: the page did not / no longer exist)."""
    page = new or old
    assert page is not None
    old_q = {q.id: q for q in old.questions()} if old else {}
    new_q = {q.id: q for q in new.questions()} if new else {}
    added = tuple((i, q.title) for i, q in new_q.items() if i not in old_q)
    removed = tuple((i, q.title) for i, q in old_q.items() if i not in new_q)
    changed = tuple(
        (i, q.title)
        for i, q in new_q.items()
        if i in old_q and (old_q[i].answer, old_q[i].title) != (q.answer, q.title)
    )
    if old is None:
        status = "added"
    elif new is None:
        status = "removed"
    elif added or removed or changed:
        status = "changed"
    else:
        status = "unchanged"
    return PageChanges(page.id, page.title, status, added, changed, removed)


# -- marks ---------------------------------------------------------------------------------
def load_marks(data_dir: Path) -> dict[str, str]:
    """The questions marked new or changed and not opened since."""
    raw = read_json_object(data_dir / MARKS_NAME, "marks", "starting afresh")
    return {str(k): v for k, v in raw.items() if v in (NEW, CHANGED)}


def _save_marks(data_dir: Path, marks: dict[str, str]) -> None:
    atomic_write_text(data_dir / MARKS_NAME, json.dumps(marks, ensure_ascii=False, indent=1))


def add_marks(data_dir: Path, changes: list[PageChanges] | tuple[PageChanges, ...]) -> None:
    """Mark what a refresh added or changed; forget marks of removed questions."""
    marks = load_marks(data_dir)
    for page in changes:
        for question_id, _ in page.removed:
            marks.pop(question_id, None)
        for question_id, _ in page.changed:
            marks[question_id] = marks.get(question_id) or CHANGED  # still "new" if unopened
        for question_id, _ in page.added:
            marks[question_id] = NEW
    _save_marks(data_dir, marks)


def clear_mark(data_dir: Path, question_id: str) -> bool:
    """The question was opened: drop its mark. True when there was one."""
    marks = load_marks(data_dir)
    if marks.pop(question_id, None) is None:
        return False
    _save_marks(data_dir, marks)
    return True

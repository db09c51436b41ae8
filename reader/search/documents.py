"""What gets indexed: a library's questions as rows, and the rows as index documents.

:func:`content_hash` covers everything the documents are made from: it names the index's
folder in the cache (:mod:`reader.search.cache`), so changed content names another folder.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator

from reader.content.model import Library
from reader.search.analysis import index_terms
from reader.search.snippets import index_text


def content_hash(library: Library) -> str:
    """SHA-256 of everything the index is made from, in order.

    The parts joined by ``\x1f``, hashed a page at a time: the same digest as hashing the
    whole joined text, without holding the GIL for one big join and encode (the window
    waits on those while a big library is opened on the search thread).
    """
    digest = hashlib.sha256()
    first = True
    for page in library.pages:
        parts: list[str] = ["\x1epage", page.id, page.title]
        for question in page.questions():
            parts += ("\x1eq", question.id, question.section_title, question.title, question.answer)
        digest.update(
            (("" if first else "\x1f") + "\x1f".join(parts)).encode("utf-8", "surrogatepass")
        )
        first = False
    return digest.hexdigest()


Row = tuple[str, str, str, str, str, bool]
"""One question as the index needs it: page id, page title, question id, section, title,
answer, answered. Plain strings, cheap to send to a build process."""


def rows(library: Library, page_ids: set[str] | None = None) -> Iterator[Row]:
    """The questions of the library (of some pages only, if given), in order, as rows."""
    for page in library.pages:
        if page_ids is not None and page.id not in page_ids:
            continue
        for question in page.questions():
            yield (
                page.id,
                page.title,
                question.id,
                question.section_title,
                question.title,
                question.answer,
                question.answered,
            )


def documents(
    library: Library, page_ids: set[str] | None = None, vocabulary: Counter[str] | None = None
) -> Iterator[dict[str, str]]:
    """The index documents of the library's questions (of some pages only, if given).

    ``vocabulary``, when given, counts the questions that use each folded word.
    """
    return documents_from_rows(rows(library, page_ids), vocabulary)


def documents_from_rows(
    questions: Iterable[Row], vocabulary: Counter[str] | None = None
) -> Iterator[dict[str, str]]:
    contexts: dict[tuple[str, str], str] = {}
    for page_id, page_title, question_id, section_title, title_text, answer, answered in questions:
        context = contexts.get((page_id, section_title))
        if context is None:
            context = index_terms(f"{section_title} {page_title}")[0]
            contexts[(page_id, section_title)] = context
        title = index_terms(title_text)
        body = index_terms(index_text(answer)) if answered else ("", "")
        if vocabulary is not None:
            vocabulary.update(set(title[1].split()) | set(body[1].split()))
        yield {
            "id": question_id,
            "page": page_id,
            "title": title[0],
            "title_folded": title[1],
            "body": body[0],
            "context": context,
        }


def question_count(library: Library) -> int:
    return sum(1 for _ in library.questions())

"""What gets indexed: a library's questions as rows, and the rows as index documents.

:func:`content_hash` covers everything the documents are made from: it names the index's
folder in the cache (:mod:`reader.search.cache`), so changed content names another folder.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from reader.content.model import Library
from reader.search.analysis import index_terms
from reader.search.engine import Document
from reader.search.snippets import index_text, plain_text
from reader.search.tables import Tables


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


Row = tuple[str, str, str, str, str, str, bool]
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


def documents(questions: Iterable[Row], tables: Tables) -> Iterator[Document]:
    """The index documents of ``questions``; their plain texts, words and vocabulary are
    added to ``tables``."""
    contexts: dict[tuple[str, str], str] = {}
    vocabulary = tables.vocabulary
    for page_id, page_title, question_id, section_title, title_text, answer, answered in questions:
        context = contexts.get((page_id, section_title))
        if context is None:
            context = index_terms(f"{section_title} {page_title}")[0]
            contexts[(page_id, section_title)] = context
        title = index_terms(title_text)
        tables.add_words(title_text)
        if answered:
            body = index_terms(index_text(answer))
            text = tables.texts[question_id] = plain_text(answer)
            tables.add_words(text)
        else:
            body = ("", "")
        vocabulary.update(set(title[1].split()) | set(body[1].split()))
        yield {
            "id": question_id,
            "page": page_id,
            "title": title[0],
            "title_folded": title[1],
            "body": body[0],
            "context": context,
        }


def removed(questions: Iterable[Row], tables: Tables) -> None:
    """Take ``questions`` (about to leave the index) out of ``tables``: their texts, and
    their words from the vocabulary's counts."""
    gone = Tables()
    for _ in documents(questions, gone):
        pass
    tables.forget(gone.texts)
    vocabulary = tables.vocabulary
    vocabulary.subtract(gone.vocabulary)
    for word in [w for w, n in vocabulary.items() if n <= 0]:
        del vocabulary[word]


def question_count(library: Library) -> int:
    return sum(1 for _ in library.questions())

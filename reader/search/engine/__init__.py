"""The one package that talks to Whoosh: index files opened, updated and read here, written
by its writing half (:mod:`reader.search.engine.writer`).

Whoosh keeps the postings (which questions hold a term, how often) and the field lengths;
everything else of the search (analysis, ranking, coverage, snippets) is the reader's own
Python and asks this module through a small interface:

- :func:`write_folder` and :func:`in_memory`: an index made of :data:`Document` s;
- :func:`open_files`: an index from files already read and checked (``storage``);
  :func:`open_folder`: from a folder's files as they are (to work out its score table);
- :func:`update_folder` and :meth:`Engine.update`: some pages' documents replaced;
- :class:`Engine`: one open index: its terms, postings, field lengths, the question id
  of a document;
- :func:`french_stem`: the Snowball French stemmer Whoosh ships.

Whoosh's postings and columns are read and written below its public API, so this module
is written for one release (:data:`WHOOSH_VERSION`) and refuses to load with another
(:class:`EngineError`), rather than give wrong results. It imports Whoosh without the
modules Whoosh imports but the reader never runs (:mod:`reader.search.lean_import`).
"""

from __future__ import annotations

import functools
import struct
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import accumulate
from pathlib import Path
from typing import Any

from reader.search.lean_import import import_lean, lazy
from reader.search.schema import FIELD_BOOSTS

WHOOSH_VERSION = (2, 7, 5)
WRITER_MB = 128  # the writer's posting pool; past it, sorted runs go to temporary files
# Postings in blocks of up to this many documents, each compressed at zlib level 1. Whoosh's
# default (128, level 3) suits skipping through a matcher; the reader reads whole lists, and
# decoding a block (unpickle, decompress) costs the same whatever its length: at 10,000
# questions a common term's list reads 10 times faster, and the files are smaller.
BLOCK_POSTINGS = 16384
BLOCK_COMPRESSION = 1


class EngineError(RuntimeError):
    """The installed Whoosh is not the one this module was written for."""


def _check_version() -> None:
    import whoosh

    found = tuple(getattr(whoosh, "__version__", ()))[:3]
    if found != WHOOSH_VERSION:
        wanted = ".".join(map(str, WHOOSH_VERSION))
        have = ".".join(map(str, found)) or "?"
        raise EngineError(
            f"la recherche demande Whoosh {wanted} (paquet whoosh-reloaded), "
            f"la version {have} est installée : réinstallez faq-reader"
        )


_check_version()
import_lean(
    ("whoosh.index", "whoosh.filedb.filestore", "whoosh.codec.whoosh3", "whoosh.writing"),
    {
        "urllib.request": {"urlretrieve": lazy("urllib.request", "urlretrieve")},
        # The package's cached_property, minus its asyncio support (Whoosh's readers
        # cache plain values): functools' does the same for plain methods.
        "cached_property": {"cached_property": functools.cached_property},
        "whoosh.lang.morph_en": {"variations": lazy("whoosh.lang.morph_en", "variations")},
    },
)

from whoosh.analysis import Token, Tokenizer  # noqa: E402
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield  # noqa: E402
from whoosh.columns import VarBytesColumn  # noqa: E402
from whoosh.fields import COLUMN, ID, TEXT, Schema  # noqa: E402
from whoosh.filedb.filestore import FileStorage, RamStorage  # noqa: E402
from whoosh.formats import Format  # noqa: E402
from whoosh.index import Index  # noqa: E402
from whoosh.reading import TermNotFound  # noqa: E402
from whoosh.util.numeric import byte_to_length  # noqa: E402

Document = Mapping[str, str]
"""One question in the index: ``id`` (the question id), ``page`` (its page id), and the
pre-analysed, space-separated terms of ``title``, ``title_folded``, ``body``, ``context``
(:mod:`reader.search.schema`)."""

_LENGTH_OF_BYTE = [byte_to_length(b) for b in range(256)]
_INFOS = 100_000  # term infos remembered, at most


class _TermsTokenizer(Tokenizer):  # type: ignore[misc]  # Whoosh is untyped: its bases are Any
    """Splits pre-analysed, space-separated terms: ``str.split`` and one reused token."""

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for n, word in enumerate(value.split()):
            token.text = word
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos + n
            yield token


class Counts(Format):  # type: ignore[misc]
    """Whoosh's ``Frequency`` format without the frequency written again as each posting's
    value: the weight beside it is already the frequency times the field's boost (a third
    of the postings file, before compression)."""

    posting_size = 0

    def word_values(self, value: str, analyzer: Any, **kwargs: Any) -> Iterator[Any]:
        counts = Counter(token.text for token in analyzer(value, **kwargs))
        return ((w, n, float(n) * self.field_boost, b"") for w, n in counts.items())


def _schema() -> Schema:
    """A fresh schema (Whoosh schemas are mutable; never share one). No positions (no
    phrase queries) and nothing stored: the id is a column, read without unpickling."""
    terms = {}
    for field, boost in FIELD_BOOSTS.items():
        terms[field] = TEXT(analyzer=_TermsTokenizer(), phrase=False)
        terms[field].format = Counts(boost)
    return Schema(id=COLUMN(VarBytesColumn()), page=ID(), **terms)


def field_lengths(perdoc: Any, field: str, count: int) -> list[int]:
    """The length of ``field`` in each of the ``count`` documents (as Whoosh rounds it)."""
    column = perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
    if column is None:
        return [0] * count
    raw = bytes(column._dbfile.get(column._basepos, column._count))
    return [_LENGTH_OF_BYTE[b] for b in raw] + [0] * (count - len(raw))  # trailing 0s


class _MemoryStorage(RamStorage):  # type: ignore[misc]  # an untyped Whoosh base
    """Whoosh's RamStorage with its temporary files in memory too (Whoosh's own go to
    the system's temporary folder: maybe the full or read-only disk that sent us here)."""

    def temp_storage(self, name: str | None = None) -> _MemoryStorage:
        return _MemoryStorage()


def _write(ix: Index, documents: Iterable[Document], pages: Iterable[str] = ()) -> None:
    from reader.search.engine.writer import write  # the writer's half of this module

    write(ix, documents, pages)


def write_folder(folder: Path, documents: Iterable[Document]) -> None:
    """Write a new index of ``documents`` in the (empty) folder ``folder``."""
    _write(FileStorage(str(folder)).create_index(_schema()), documents)


def update_folder(folder: Path, pages: Iterable[str], documents: Iterable[Document]) -> None:
    """Replace the documents of ``pages`` in the index files of ``folder``."""
    _write(FileStorage(str(folder)).open_index(), documents, pages)


def open_folder(folder: Path) -> Engine:
    """The index written in ``folder``, read from its files as they are (close it after)."""
    return Engine(FileStorage(str(folder)).open_index())


def in_memory(documents: Iterable[Document]) -> Engine:
    """A new index of ``documents`` kept in memory."""
    ix = _MemoryStorage().create_index(_schema())
    _write(ix, documents)
    return Engine(ix)


def open_files(files: Mapping[str, bytes]) -> Engine:
    """The index made of ``files`` (name → content, read and checked by the caller).

    Searching in memory: no memory-mapped file to be truncated under us, no open file to
    stop the folder from being renamed on Windows. Raises on files Whoosh cannot read.
    """
    storage = _MemoryStorage()
    storage.files.update(files)
    return Engine(storage.open_index())


@functools.cache
def _stemmer() -> Callable[[str], str]:
    from whoosh.lang.snowball.french import FrenchStemmer

    stem: Callable[[str], str] = FrenchStemmer().stem
    return stem


def french_stem(word: str) -> str:
    """The Snowball French stem of a lower-case word."""
    return _stemmer()(word)


class Engine:
    """One open index: a snapshot of its postings, field lengths and question ids.

    Document numbers are the index's own: they hold while this object does and change with
    an update (which gives another :class:`Engine`). Not thread-safe: one caller at a time
    (:class:`~reader.search.index.SearchIndex` serialises).
    """

    def __init__(self, ix: Index) -> None:
        self._ix = ix
        self._reader = ix.reader()
        self._leaves: list[tuple[Any, int]] = list(self._reader.leaf_readers())
        deleted: set[int] = set()
        for leaf, offset in self._leaves:
            if leaf.has_deletions():
                deleted.update(offset + d for d in leaf.deleted_docs_set)
        self.deleted: frozenset[int] = frozenset(deleted)
        self.doc_count_all: int = self._reader.doc_count_all()
        self.doc_count: int = self.doc_count_all - len(self.deleted)
        self._ids: dict[int, str] = {}
        self._id_column: Any = None
        # (leaf, field, term) → Whoosh's term info or None: one hash lookup per term (in
        # Python, tens of microseconds).
        self._infos: dict[tuple[int, str, str], Any] = {}

    def close(self) -> None:
        self._reader.close()

    def update(self, pages: Iterable[str], documents: Iterable[Document]) -> Engine:
        """The documents of ``pages`` replaced (an in-memory index; see :func:`update_folder`)."""
        _write(self._ix, documents, pages)
        return Engine(self._ix)

    def postings(self, field: str, term: str) -> tuple[array[int], array[float]]:
        """The live documents holding ``term`` in ``field``, in order, and its frequency in
        each (read block by block: whole blocks decoded in C, no matcher per document).

        Compact arrays (4 bytes a posting each, where lists of numbers take 36 or more):
        Whoosh writes weights as 4-byte floats, so nothing is lost.
        """
        ids: array[int] = array("I")
        weights: array[float] = array("f")
        for n, (leaf, offset) in enumerate(self._leaves):
            info = self._info(n, field, term)
            if info is None:
                continue
            terms = leaf._terms
            matcher = terms._codec.postings_reader(
                terms._postfile, info, leaf.schema[field].format, term=(field, term)
            )
            before = len(ids)
            _read_postings(matcher, ids, weights)
            if offset:
                ids[before:] = array("I", map(offset.__add__, ids[before:]))
        if self.deleted:
            deleted = self.deleted
            kept = [n for n, d in enumerate(ids) if d not in deleted]
            ids, weights = (
                array("I", map(ids.__getitem__, kept)),
                array("f", map(weights.__getitem__, kept)),
            )
        return ids, weights

    def terms(self, field: str) -> Iterator[str]:
        """The terms of ``field``, in order (some may be held by deleted documents only)."""
        for raw in self._reader.lexicon(field):
            yield raw.decode("utf-8")

    def _info(self, n: int, field: str, term: str) -> Any:
        key = (n, field, term)
        try:
            return self._infos[key]
        except KeyError:
            pass
        leaf = self._leaves[n][0]
        try:
            info = leaf._terms.term_info(field, leaf._text_to_bytes(field, term))
        except TermNotFound:
            info = None
        if len(self._infos) >= _INFOS:
            self._infos.clear()
        self._infos[key] = info
        return info

    def lengths(self, field: str) -> list[int]:
        """The length (in terms, as Whoosh rounds it) of ``field`` in each document."""
        lengths: list[int] = []
        for leaf, _ in self._leaves:
            lengths += field_lengths(leaf._perdoc, field, leaf.doc_count_all())
        return lengths

    def question_ids(self) -> list[str]:
        """The question id of every document, by document number (deleted ones too)."""
        column = self._reader.column_reader("id", translate=False)
        return [raw.decode("utf-8") for raw in column]

    def question_id(self, docnum: int) -> str:
        """The question id of document ``docnum`` (from the id column, remembered)."""
        found = self._ids.get(docnum)
        if found is None:
            if self._id_column is None:
                self._id_column = self._reader.column_reader("id", translate=False)
            found = self._ids[docnum] = self._id_column[docnum].decode("utf-8")
        return found


def _read_postings(matcher: Any, ids: array[int], weights: array[float]) -> None:
    """Append the postings of ``matcher`` to ``ids`` and ``weights``."""
    if not (hasattr(matcher, "_read_data") and hasattr(matcher, "_lastblock")):
        # Postings kept inline in the term's info (a rare term): a list matcher.
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
        return
    while matcher.is_active():
        matcher._read_data()
        raw_ids, raw_weights = matcher._data[0], matcher._data[1]
        if matcher._byteids:
            ids.extend(raw_ids)
        else:
            ids.fromlist(list(accumulate(raw_ids)))  # extend() would grow it item by item
        if raw_weights is None or isinstance(raw_weights, float):  # all 1.0, or all the same
            same = 1.0 if raw_weights is None else raw_weights
            weights.extend(array("f", (same,)) * len(raw_ids))
        else:
            # Packed in one call: filling an array item by item parses each float again.
            weights.frombytes(struct.pack(f"{len(raw_weights)}f", *raw_weights))
        if matcher._lastblock:
            break
        matcher._next_block()

"""The search index: where it lives, how it is built, opened, checked, updated and queried.

The index lives in the per-user cache, in a folder named after the content's hash and the
analyzer's and schema's versions, so a content change or an analyzer change simply names
another folder. It is built in a temporary folder beside it and renamed into place, with a
manifest (size and CRC-32 of every file) written last: a folder without a valid manifest, or
whose files do not match it (truncated, overwritten with garbage), is rebuilt. Opening reads
the checked files into memory and searches there (no memory-mapped file to be truncated
under us, no open file to pin the folder on Windows). Whoosh's write lock is an OS lock
(``fcntl``/``msvcrt``), so a lock file left by a killed process does not block. When the
cache cannot be written (read-only, disk full), the index is built in memory instead and a
warning says so: search always works.

Opening may take a while (building the bundled FAQ takes well under a second; a big wiki
takes seconds): call :meth:`SearchIndex.open` from a worker thread, never before the
window's first paint.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import logging
import os
import re
import shutil
import sys
import tempfile
import threading
import time
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.index import Index

from reader.content.model import Library, Question
from reader.fsutil import atomic_write_text
from reader.search import query as q
from reader.search.analysis import ANALYZER_VERSION, index_terms, tokens
from reader.search.postings import use_term_pool
from reader.search.schema import SCHEMA_VERSION, build_schema
from reader.search.scoring import Scorer
from reader.search.snippets import index_text, mark, matching_tokens, plain_text, snippet

log = logging.getLogger(__name__)

MANIFEST = "reader-index.json"
VOCABULARY = "vocabulary.json"
_TEMP_PREFIX = ".build-"
_TRASH_PREFIX = ".trash-"
_STALE_TEMP_SECONDS = 600
INDEX_FORMAT = f"a{ANALYZER_VERSION}s{SCHEMA_VERSION}"
_KEY = re.compile(r"[0-9a-f]{32}-a\d+s\d+")


@dataclass(frozen=True)
class Hit:
    """One question found, best first in :attr:`SearchResult.hits`."""

    id: str
    page: str
    section: str
    question: str
    score: float
    snippet: str  # safe HTML: text escaped, hit words wrapped in <mark>…</mark>
    terms: tuple[str, ...]  # the words of the document that matched
    answered: bool


@dataclass(frozen=True)
class SearchResult:
    """The hits for one query, and what the typo tolerance did."""

    query: str
    hits: tuple[Hit, ...]
    suggestion: str | None  # the corrected query for "Vouliez-vous dire …", or None
    fuzzy: bool  # True when the hits came from the typo-tolerant retry
    # "résultats pour « carte bancaire »" when the first hit came through a synonym, a
    # sound-alike or a correction rather than the words typed; None otherwise.
    explanation: str | None = None
    interpreted: str | None = None  # the query as it was understood ("carte bancaire")


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
    return _documents(rows(library, page_ids), vocabulary)


def _documents(
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


def _question_count(library: Library) -> int:
    return sum(1 for _ in library.questions())


def _file_digest(path: Path) -> list[int]:
    crc = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return [path.stat().st_size, crc]


def _index_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and p.name != MANIFEST
        and "LOCK" not in p.name
        and not p.name.startswith(".")  # an atomic write's temporary file
    )


def _write_manifest(folder: Path, key: str, count: int) -> None:
    manifest = {
        "key": key,
        "documents": count,
        "files": {p.name: _file_digest(p) for p in _index_files(folder)},
    }
    atomic_write_text(folder / MANIFEST, json.dumps(manifest))


class _MemoryStorage(RamStorage):
    """Whoosh's RamStorage, with its temporary files in memory too.

    Whoosh's own puts them in the system's temporary folder, which may well be on the
    same full or read-only disk that sent us to memory in the first place.
    """

    def temp_storage(self, name: str | None = None) -> _MemoryStorage:
        return _MemoryStorage()


def _read_checked(folder: Path, key: str, count: int) -> _MemoryStorage | None:
    """The index files of ``folder`` in memory, if the manifest vouches for every one.

    The searcher then reads from memory: no memory-mapped file that another process could
    truncate under us (a bus error, not an exception), and no open file to stop the
    folder from being renamed on Windows. The index is small (a few MB for 10,000 questions).
    """
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("key") != key or manifest.get("documents") != count:
            return None
        files = manifest["files"]
        if not files:
            return None
        storage = _MemoryStorage()
        for name, (size, crc) in files.items():
            data = (folder / name).read_bytes()
            if len(data) != size or zlib.crc32(data) != crc:
                return None
            if name != VOCABULARY:
                storage.files[name] = data
        return storage
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def _build(ix: Index, questions: Iterable[Row]) -> Counter[str]:
    """Add every question in one writer; returns the vocabulary (folded word → questions).

    One writer: Whoosh's multiprocessing writer was slower on two cores (pickling every
    document to the workers costs more than it saves) and is fragile in a frozen app. A big
    library is built by this function in a process of its own (:func:`_build_in_process`).
    """
    vocabulary: Counter[str] = Counter()
    writer = use_term_pool(ix.writer(limitmb=128), limitmb=128)
    try:
        for doc in _documents(questions, vocabulary):
            writer.add_document(**doc)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    return vocabulary


def _build_folder(folder: Path, questions: Iterable[Row], key: str, count: int) -> None:
    """Build the index files, the vocabulary and, last, the manifest in ``folder``."""
    vocabulary = _build(FileStorage(str(folder)).create_index(build_schema()), questions)
    _write_vocabulary(folder, vocabulary)
    _write_manifest(folder, key, count)


# Above this many questions the index is built in a process of its own. On a thread, the
# build holds the GIL for long stretches the window then waits on: Whoosh compresses
# every stored document with zlib, which releases and retakes the GIL so often that the
# UI thread's request to switch is never honoured (a "convoy"), and the collector's full
# passes over millions of young objects hold it too. Starting a process costs about half
# a second: not worth it for the bundled FAQ (a few hundred questions, built in a blink).
PROCESS_THRESHOLD = 2000
_CHUNK = 250  # questions per message to the build process (a millisecond to pickle)
_PROCESS_TIMEOUT = 900.0


def _build_in_process(library: Library, folder: Path, key: str, count: int) -> None:
    """:func:`_build_folder` in a spawned process, fed with the rows through a pipe.

    Raises OSError when the process fails; the caller then builds on its own thread.
    Frozen apps must call ``multiprocessing.freeze_support()`` first thing (the bundle's
    launcher does).
    """
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_process_main,
        args=(receiver, str(folder), key, count),
        name="faq-reader-index",
        daemon=True,
    )
    process.start()
    receiver.close()
    try:
        chunk: list[Row] = []
        for row in rows(library):
            chunk.append(row)
            if len(chunk) >= _CHUNK:
                sender.send(chunk)
                chunk = []
        sender.send(chunk)
        sender.send(None)
    except OSError:  # the process died early: its exit code says so below
        pass
    finally:
        sender.close()
    process.join(_PROCESS_TIMEOUT)
    if process.is_alive():
        process.terminate()
        process.join(5.0)
    code = process.exitcode
    process.close()
    if code != 0:
        raise OSError(errno.EIO, f"the index build process failed (exit code {code})")


def _process_main(receiver: Any, folder: str, key: str, count: int) -> None:
    """The build process: receive rows until None, build, exit 0 (1 on failure)."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(5)  # the window comes first on a small machine

    def received() -> Iterator[Row]:
        while (chunk := receiver.recv()) is not None:
            yield from chunk

    try:
        _build_folder(Path(folder), received(), key, count)
    except BaseException as error:
        print(f"faq-reader: index build failed: {error!r}", file=sys.stderr)
        sys.exit(1)
    finally:
        receiver.close()


def _write_vocabulary(folder: Path, vocabulary: Counter[str]) -> None:
    words = {w: n for w, n in vocabulary.items() if n > 0}
    (folder / VOCABULARY).write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")


def _read_vocabulary(folder: Path) -> dict[str, int]:
    try:
        words = json.loads((folder / VOCABULARY).read_text(encoding="utf-8"))
        return {str(w): int(n) for w, n in words.items()}
    except (OSError, ValueError, AttributeError, TypeError) as error:
        log.warning("search vocabulary unreadable: %s", error)
        return {}


class SearchIndex:
    """The full-text index of one library, on disk in the cache or, failing that, in memory.

    Thread-safe: searches and updates are serialised. ``warnings`` says, in plain words,
    when something went wrong with the cache (the search still works).
    """

    def __init__(
        self,
        library: Library,
        ix: Index,
        folder: Path | None,
        key: str,
        vocabulary: dict[str, int] | None = None,
    ) -> None:
        self.library = library
        self.warnings: list[str] = []
        self._ix = ix
        self._folder = folder  # None: the index is in memory
        self._key = key
        self._lock = threading.RLock()
        self._order_of: tuple[Library, dict[str, int]] | None = None
        self._searcher = ix.searcher()
        self._scorer = Scorer(self._searcher)
        self._known_terms: q.KnownTerms | None = None  # for the searcher's reader
        self._vocabulary = self._make_vocabulary(vocabulary)

    def _make_vocabulary(self, words: dict[str, int] | None) -> q.Vocabulary:
        if words is not None or self._folder is None:
            in_memory = words or {}
            return q.Vocabulary(lambda: in_memory)
        folder = self._folder
        return q.Vocabulary(lambda: _read_vocabulary(folder))

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, library: Library, cache_dir: Path | None = None) -> SearchIndex:
        """Open the cached index of ``library``, or build it; never raises for cache problems."""
        key = f"{content_hash(library)[:32]}-{INDEX_FORMAT}"
        count = _question_count(library)
        warnings: list[str] = []
        try:
            if cache_dir is None:
                from reader.paths import user_dirs

                cache_dir = user_dirs().cache / "index"
            folder = cache_dir / key
            ix = _open_checked(folder, key, count)
            if ix is None:
                if folder.exists():
                    log.warning("search index in %s is stale or damaged: rebuilding", folder)
                    warnings.append("index de recherche endommagé : reconstruit")
                ix = _build_on_disk(library, cache_dir, key, count)
            index = cls(library, ix, folder, key)
            _cleanup(cache_dir, keep=key)
        except Exception as error:  # any cache failure must leave search working
            log.warning("search index kept in memory: %s", error)
            index = cls._in_memory(library, key)
            warnings.append(f"index de recherche gardé en mémoire : {_reason(error)}")
        index.warnings.extend(warnings)
        return index

    @classmethod
    def _in_memory(cls, library: Library, key: str) -> SearchIndex:
        ix = _MemoryStorage().create_index(build_schema())
        vocabulary = _build(ix, rows(library))
        return cls(library, ix, None, key, dict(vocabulary))

    @property
    def in_memory(self) -> bool:
        """True when the index could not be kept in the cache folder."""
        return self._folder is None

    @property
    def folder(self) -> Path | None:
        """The index's folder in the cache, None when it is in memory."""
        return self._folder

    def close(self) -> None:
        """Release the index's files (the object must not be used afterwards)."""
        # Closing a damaged index must not fail.
        with self._lock, contextlib.suppress(Exception):
            self._searcher.close()

    # -- searching -----------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> SearchResult:
        """The questions matching ``query``, best first; never raises."""
        query = query if isinstance(query, str) else str(query)
        try:
            limit = max(1, min(int(limit), 1000))
        except (TypeError, ValueError):
            limit = 20
        with self._lock:
            for attempt in range(2):
                try:
                    return self._search(query, limit)
                except Exception as error:  # a damaged index must not crash the window
                    log.warning("search failed (%s): %s", type(error).__name__, error)
                    if attempt == 0:
                        self._recover()
        return SearchResult(query, (), None, False)

    def _search(self, text: str, limit: int) -> SearchResult:
        searcher = self._searcher
        known = self._known_terms
        if known is None or known.reader is not searcher.reader():
            known = self._known_terms = q.KnownTerms(searcher.reader())
        p = q.plan(text, known, self._vocabulary)
        clauses = p.usable
        # The words typed first: when every clause they can match finds questions, the
        # synonyms of those clauses would only add weaker ones (and cost most of the time).
        typed = [
            q.Clause(c.tokens, c.options[:1], c.weight, c.required) if c.exact else c
            for c in clauses
        ]
        top = self._scorer.rank(typed, limit, require_all=True)
        if not top:
            top = self._scorer.rank(clauses, limit, require_all=True)
        if not top and len(clauses) > 1:
            top = self._scorer.rank(clauses, limit, require_all=False)
        terms = p.term_texts()
        hits: list[Hit] = []
        docnums: dict[str, int] = {}
        for score, docnum in top:
            question = self.library.question(searcher.stored_fields(docnum)["id"])
            if question is not None:
                hits.append(self._hit(question, score, terms))
                docnums[question.id] = docnum
        # Equal scores: the FAQ's own order, whatever the document numbers (they change
        # with updates).
        order = self._order()
        hits.sort(key=lambda hit: (-hit.score, order.get(hit.id, 0)))
        replaced = self._replaced(p, docnums[hits[0].id] if hits else None)
        suggestion = self._suggestion(text, p, replaced, hits)
        explanation = rewritten = None
        if hits and replaced:
            rewritten = _rewrite(text, self._surfaces(replaced, hits))
            explanation = f"résultats pour « {rewritten} »"
        return SearchResult(
            text, tuple(hits), suggestion, p.fuzzy and bool(hits), explanation, rewritten
        )

    def _replaced(self, p: q.Plan, docnum: int | None) -> list[tuple[q.Clause, q.Option]]:
        """The clauses the first hit matched by another way than the words typed."""
        out = []
        for clause in p.usable:
            if docnum is None:
                if not clause.exact and clause.options[0].via != "synonym":
                    out.append((clause, clause.options[0]))
                continue
            option = self._scorer.matched_option(clause, docnum)
            if option is not None and option.via != "exact":
                out.append((clause, option))
        return out

    def _surfaces(
        self, replaced: list[tuple[q.Clause, q.Option]], hits: list[Hit]
    ) -> list[tuple[q.Clause, str]]:
        """Each replaced clause with its replacement as the hits write it."""
        surfaces: dict[str, str] = {}
        for hit in hits[:5]:
            question = self.library.question(hit.id)
            if question is None:
                continue
            for token in tokens(f"{question.title} {plain_text(question.answer)}"):
                surfaces.setdefault(token.folded, token.surface.lower())
        return [
            (
                clause,
                option.text if option.via == "synonym" else surfaces.get(option.text, option.text),
            )
            for clause, option in replaced
        ]

    def _order(self) -> dict[str, int]:
        if self._order_of is None or self._order_of[0] is not self.library:
            positions = {q.id: n for n, q in enumerate(self.library.questions())}
            self._order_of = (self.library, positions)
        return self._order_of[1]

    def _hit(self, question: Question, score: float, terms: set[str]) -> Hit:
        title_hits = matching_tokens(question.title, terms)
        if question.answered:
            html, body_hits = snippet(plain_text(question.answer), terms)
        else:
            html, body_hits = mark(question.title, title_hits), []
        words: dict[str, None] = {}
        for token in (*title_hits, *body_hits):
            words.setdefault(token.surface, None)
        return Hit(
            id=question.id,
            page=question.page_id,
            section=question.section_title,
            question=question.title,
            score=round(float(score), 4),
            snippet=html,
            terms=tuple(words),
            answered=question.answered,
        )

    def _suggestion(
        self,
        text: str,
        p: q.Plan,
        replaced: list[tuple[q.Clause, q.Option]],
        hits: list[Hit],
    ) -> str | None:
        """The query with its misspelt words corrected, for "Vouliez-vous dire …"."""
        spelt = [(c, o) for c, o in replaced if o.via in ("correction", "phonetic")]
        if not spelt:
            return None
        return _rewrite(text, self._surfaces(spelt, hits))

    # -- updating ------------------------------------------------------------------------

    def update_pages(self, library: Library, page_ids: Iterable[str]) -> None:
        """Reindex only the questions of ``page_ids`` (added, changed or removed pages)."""
        pages = set(page_ids)
        with self._lock:
            key = f"{content_hash(library)[:32]}-{INDEX_FORMAT}"
            try:
                self._update(library, pages, key)
            except Exception as error:  # whatever failed, a full in-memory index works
                log.warning("index update failed, rebuilding in memory: %s", error)
                self._replace(SearchIndex._in_memory(library, key))
                self.warnings.append(f"index de recherche gardé en mémoire : {_reason(error)}")
            self.library = library

    def _update(self, library: Library, pages: set[str], key: str) -> None:
        folder = self._folder
        if folder is not None:
            self._searcher.close()
            (folder / MANIFEST).unlink(missing_ok=True)  # mid-update: not trusted if we die
        vocabulary = Counter(self._vocabulary.words())
        removed: Counter[str] = Counter()
        for _ in documents(self.library, pages, vocabulary=removed):
            pass
        vocabulary.subtract(removed)
        ix = self._ix if folder is None else FileStorage(str(folder)).open_index()
        writer = use_term_pool(ix.writer(timeout=5.0, limitmb=64), limitmb=64)
        try:
            for page_id in pages:
                writer.delete_by_term("page", page_id)
            for doc in documents(library, pages, vocabulary=vocabulary):
                writer.add_document(**doc)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        words = {w: n for w, n in vocabulary.items() if n > 0}
        if folder is not None:
            target = folder.parent / key
            if target != folder:
                _remove_tree(target)
                os.replace(folder, target)
            _write_vocabulary(target, vocabulary)
            _write_manifest(target, key, _question_count(library))
            self._folder = target
            reread = _open_checked(target, key, _question_count(library))
            if reread is None:
                raise OSError(errno.EIO, "the updated index does not read back", str(target))
            self._ix = reread
        self._key = key
        self._searcher = self._ix.searcher()
        self._scorer = Scorer(self._searcher)
        self._vocabulary = self._make_vocabulary(words)

    def _replace(self, other: SearchIndex) -> None:
        self._ix, self._folder, self._key = other._ix, other._folder, other._key
        self._searcher, self._vocabulary = other._searcher, other._vocabulary
        self._scorer = other._scorer
        self.library = other.library

    def _recover(self) -> None:
        """After a failed search: throw the index away and open (rebuild) it again."""
        self.close()
        if self._folder is not None:
            _remove_tree(self._folder)
            fresh = SearchIndex.open(self.library, self._folder.parent)
        else:
            fresh = SearchIndex._in_memory(self.library, self._key)
        self.warnings.extend(fresh.warnings)
        self.warnings.append("index de recherche illisible : reconstruit")
        self._replace(fresh)


def _rewrite(text: str, replacements: list[tuple[q.Clause, str]]) -> str:
    """``text`` with each clause's words replaced, on one line."""
    out, pos = [], 0
    for clause, replacement in sorted(replacements, key=lambda pair: pair[0].start):
        out.append(text[pos : clause.start])
        out.append(replacement)
        pos = clause.end
    out.append(text[pos:])
    return " ".join("".join(out).split())


def _open_checked(folder: Path, key: str, count: int) -> Index | None:
    """The index in ``folder`` if it is complete and intact, else None."""
    storage = _read_checked(folder, key, count) if folder.is_dir() else None
    if storage is None:
        return None
    try:
        ix = storage.open_index()
        if ix.doc_count() != count:
            return None
        if count == 0:
            return ix
        with ix.searcher() as searcher:  # touch the stored fields and one postings list
            first = searcher.stored_fields(0)["id"]
            postings = searcher.reader().postings("id", first)
            if not postings.is_active():
                return None
        return ix
    except Exception as error:  # Whoosh raises many kinds on damaged files
        log.warning("search index in %s unreadable: %s", folder, error)
        return None


def _build_on_disk(library: Library, cache_dir: Path, key: str, count: int) -> Index:
    """Build in a temporary folder beside the final one, then rename it into place."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f"{_TEMP_PREFIX}{os.getpid()}-", dir=cache_dir))
    try:
        built = False
        if count > PROCESS_THRESHOLD:
            try:
                _build_in_process(library, temp, key, count)
                built = True
            except Exception as error:  # no process (frozen app, limits…): build here
                log.warning("index build process failed, building here: %s", error)
                _remove_tree(temp)
                temp.mkdir()
        if not built:
            _build_folder(temp, rows(library), key, count)
        final = cache_dir / key
        if final.exists():
            trash = cache_dir / f"{_TRASH_PREFIX}{key}-{os.getpid()}-{time.monotonic_ns()}"
            os.replace(final, trash)
            _remove_tree(trash)
        os.replace(temp, final)
    except BaseException:
        _remove_tree(temp)
        raise
    ix = _open_checked(final, key, count)
    if ix is None:
        raise OSError(errno.EIO, "the index just built does not read back", str(final))
    return ix


def _cleanup(cache_dir: Path, keep: str) -> None:
    """Remove other keys' indexes and temporary folders left by killed builds."""
    now = time.time()
    try:
        entries = list(cache_dir.iterdir())
    except OSError:
        return
    for entry in entries:
        if entry.name == keep or not entry.is_dir():
            continue
        try:
            if entry.name.startswith((_TEMP_PREFIX, _TRASH_PREFIX)):
                if now - entry.stat().st_mtime < _STALE_TEMP_SECONDS and _pid_alive(entry):
                    continue  # another process may be building there right now
            elif not _KEY.fullmatch(entry.name):
                continue  # not ours
            _remove_tree(entry)
        except OSError:
            continue


def _pid_alive(entry: Path) -> bool:
    try:
        pid = int(entry.name.split("-")[1])
    except (IndexError, ValueError):
        return False
    if os.name != "posix":
        return True  # rely on the age alone
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _reason(error: BaseException) -> str:
    code = getattr(error, "errno", None)
    if code in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "le dossier du cache est en lecture seule"
    if code == errno.ENOSPC:
        return "le disque est plein"
    return f"le cache est inutilisable ({type(error).__name__})"

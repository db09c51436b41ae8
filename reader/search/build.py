"""Building an index folder's files: on the calling thread, or in a process of its own.

One Whoosh writer either way (:mod:`reader.search.engine`). A big library (more than
:data:`PROCESS_THRESHOLD` questions) is built in a spawned process, so that the window is
not held up.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from reader.content.model import Library
from reader.search import engine
from reader.search.documents import Row, documents, rows
from reader.search.scores import ScoreTable
from reader.search.storage import write_manifest
from reader.search.tables import Tables


def build_in_memory(questions: Iterable[Row]) -> tuple[engine.Engine, Tables]:
    """An index of ``questions`` in memory, and its tables."""
    tables = Tables()
    return engine.in_memory(documents(questions, tables)), tables


def build_folder(folder: Path, questions: Iterable[Row], key: str, count: int) -> None:
    """Build the index files, the tables (the score table from the index just written)
    and, last, the manifest in ``folder``.

    One writer: Whoosh's multiprocessing writer was slower on two cores (pickling every
    document to the workers costs more than it saves) and is fragile in a frozen app.
    """
    tables = Tables()
    engine.write_folder(folder, documents(questions, tables))
    tables.scores = compute_scores(folder, tables)
    tables.write(folder)
    write_manifest(folder, key, count)


def compute_scores(folder: Path, tables: Tables) -> ScoreTable:
    """The score table of the index just written in ``folder`` (``tables``: its tables)."""
    opened = engine.open_folder(folder)
    try:
        return ScoreTable.compute(opened, tables.written())
    finally:
        opened.close()


# Above this many questions the index is built in a process of its own. On a thread, the
# build holds the GIL for long stretches the window then waits on, and the collector's
# full passes over millions of young objects hold it too. Starting a process costs about
# half a second: not worth it for the bundled FAQ (a few hundred questions).
PROCESS_THRESHOLD = 2000
_CHUNK = 250  # questions per message to the build process (a millisecond to pickle)
_PROCESS_TIMEOUT = 900.0


def build_in_process(library: Library, folder: Path, key: str, count: int) -> None:
    """:func:`build_folder` in a spawned process, fed with the rows through a pipe.

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
        build_folder(Path(folder), received(), key, count)
    except BaseException as error:
        print(f"faq-reader: index build failed: {error!r}", file=sys.stderr)
        sys.exit(1)
    finally:
        receiver.close()

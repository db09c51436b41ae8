"""What an export or an import does on its job's thread, and what it brings back.

Each function turns the packs layer's exceptions into the job's: a refusal or failure
(:class:`~reader.packs.errors.PackError`, one French sentence) into
:class:`~reader.ui.jobs.JobError`, a cancel into :class:`~reader.ui.jobs.JobCancelled`;
a pack older than the content is not a failure but a question to ask (:class:`Older`).
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from reader.ui.jobs import JobCancelled, JobContext, JobError

if TYPE_CHECKING:
    from reader.content.library import LoadedContent
    from reader.content.store import ContentSet
    from reader.packs.export import ExportResult
    from reader.packs.importer import ImportResult
    from reader.paths import Paths

log = logging.getLogger(__name__)

SUFFIX = ".faqpack"


@dataclass(frozen=True)
class Imported:
    """An import's outcome: what it did, and the content loaded afterwards (None when
    nothing changed)."""

    result: ImportResult
    loaded: LoadedContent | None


@dataclass(frozen=True)
class Older:
    """The pack is older than the content held: the dates to ask about, ISO 8601 UTC."""

    path: Path
    pack_date: str
    content_date: str


def default_name(loaded: LoadedContent) -> str:
    """``faq-cagette-<date of the content>.faqpack``: two exports of the same content get
    the same name, as they get the same bytes (today's date when the content has none)."""
    from reader.packs.dates import content_date

    day = content_date(loaded.content.manifest)[:10] or date.today().isoformat()
    return f"faq-cagette-{day}{SUFFIX}"


def export_work(
    context: JobContext, target: Path, paths: Paths, content: ContentSet
) -> ExportResult:
    """Write ``content`` into the pack ``target``."""
    from reader.packs.errors import PackCancelled, PackError
    from reader.packs.export import export_pack

    try:
        return export_pack(
            target, paths, content=content, progress=context.report, cancel=context.token
        )
    except PackCancelled as stop:
        raise JobCancelled(stop.message) from stop
    except PackError as error:
        raise JobError(error.message) from error


def import_work(
    context: JobContext, path: Path, paths: Paths, force: bool, current: LoadedContent | None
) -> Imported | Older:
    """Import the pack ``path`` (``force``: even an older one), then load the new content."""
    from reader.content.library import load_library
    from reader.packs.errors import PackCancelled, PackError, PackTooOld
    from reader.packs.importer import import_pack

    try:
        result = import_pack(
            path, paths, force=force, progress=context.report, cancel=context.token, current=current
        )
    except PackTooOld as old:
        return Older(path, old.pack_date, old.content_date)
    except PackCancelled as stop:
        raise JobCancelled(stop.message) from stop
    except PackError as error:
        raise JobError(error.message) from error
    except Exception as error:  # a bug: the user still learns that nothing changed
        log.exception("import failed unexpectedly")
        message = QCoreApplication.translate(
            "PackWork",
            "The import failed because of an unexpected error. The current content is kept.",
        )
        raise JobError(message, traceback.format_exc()) from error
    loaded = load_library(paths) if result.summary.committed else None
    return Imported(result, loaded)

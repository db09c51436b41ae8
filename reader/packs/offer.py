"""A pack newer than the content held, lying beside the program (portable mode).

On a USB stick passed from farm to farm, the connected machine exports a pack into the
stick's folder; the reader started from the stick finds it there at start and offers
it ("Contenu plus récent trouvé sur la clé : l'importer ?"). Only the packs' manifests
are read here (a few kilobytes each); the import verifies everything.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from reader.content.store import ContentSet
from reader.packs.dates import content_date, is_older, parse_date
from reader.packs.errors import PackError
from reader.packs.header import SUFFIX
from reader.packs.reading import read_header

log = logging.getLogger(__name__)

MAX_CANDIDATES = 20  # a folder full of packs is not worth a slow start


@dataclass(frozen=True)
class PackOffer:
    """A pack worth offering: its file, the date of its content and of the content held."""

    path: Path
    created: str  # ISO 8601 UTC
    held: str  # ISO 8601 UTC, "" when the content held is undated


def newer_pack_beside(folder: Path, content: ContentSet) -> PackOffer | None:
    """The newest ``*.faqpack`` directly in ``folder`` whose content is newer than
    ``content``, or None. Unreadable packs are skipped (logged); never raises."""
    held = content_date(content.manifest)
    try:
        names = sorted(p for p in folder.iterdir() if p.name.lower().endswith(SUFFIX))
    except OSError as error:
        log.info("no pack looked for in %s: %s", folder, error)
        return None
    best: PackOffer | None = None
    for path in names[:MAX_CANDIDATES]:
        try:
            created = read_header(path).created
        except PackError as error:
            log.info("pack %s skipped: %s", path, error.reason)
            continue
        newer = parse_date(created) is not None and (not held or is_older(held, created))
        if newer and (best is None or is_older(best.created, created)):
            best = PackOffer(path, created, held)
    return best

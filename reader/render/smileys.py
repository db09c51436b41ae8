"""The pictures of smileys (``<img src="smiley:<file>">`` from the converter) as ``data:`` URIs.

A content set may hold the wiki's own pictures, fetched by a refresh, in its ``smileys/``
folder; otherwise DokuWiki's default set bundled in ``resources/smileys/`` stands in (see
its README for the licence). The pictures are a few hundred bytes to 4 KB of SVG: inlined
as ``data:`` URIs, they show alike in the answer pane (which loads files from the media
folder only), in print and in the standalone HTML export.
"""

from __future__ import annotations

import base64
import mimetypes
from functools import lru_cache
from pathlib import Path

from reader.content.dokuwiki.smileys import SMILEY_FILES
from reader.paths import resources_dir

__all__ = ["MAX_SMILEY_BYTES", "SMILEY_FOLDER", "bundled_smiley_url", "smiley_data_url"]

#: The folder of a content set (and of ``resources/``) that holds smiley pictures.
SMILEY_FOLDER = "smileys"
#: A picture larger than this is not a smiley: it is not shown.
MAX_SMILEY_BYTES = 64 * 1024


@lru_cache(maxsize=64)
def smiley_data_url(path: Path) -> str | None:
    """The ``data:`` URI of the picture at ``path``, or None (missing, too big, no image)."""
    mime = mimetypes.guess_type(path.name)[0] or ""
    if not mime.startswith("image/"):
        return None
    try:
        if path.stat().st_size > MAX_SMILEY_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


@lru_cache(maxsize=64)
def bundled_smiley_url(file: str) -> str | None:
    """The bundled picture of a smiley of DokuWiki's default table, as a ``data:`` URI."""
    if file not in SMILEY_FILES:
        return None
    return smiley_data_url(resources_dir() / SMILEY_FOLDER / file)

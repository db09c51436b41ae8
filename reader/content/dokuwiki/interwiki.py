"""Interwiki shortcuts, ``[[wp>Name]]`` and ``{{wp>image.png}}``, as DokuWiki resolves them."""

from __future__ import annotations

import re
from urllib.parse import quote

from reader.content.dokuwiki.conf import INTERWIKI

#: A target that starts with an interwiki shortcut (``wp>``).
INTERWIKI_PREFIX = re.compile(r"^[a-zA-Z0-9.]+>")
_NAME_UNSAFE = re.compile(r"[\[\\\]^`{|}#%]")


def interwiki_url(shortcut: str, reference: str) -> str | None:
    """Build the URL of an interwiki link like DokuWiki's ``_resolveInterWiki``."""
    template = INTERWIKI.get(shortcut.lower())
    if template is None:
        return None
    reference, _, anchor = reference.partition("#")
    if "{URL}" in template or "{NAME}" in template:
        url = template.replace("{URL}", quote(reference, safe=""))
        url = url.replace("{NAME}", _NAME_UNSAFE.sub(lambda m: quote(m.group(0)), reference))
    else:
        url = template + quote(reference, safe="")
    if url.startswith(":"):
        return None
    return url + (f"#{anchor}" if anchor else "")

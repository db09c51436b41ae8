"""Code blocks offered as files: the block behind a ``download:`` link of a shown page.

DokuWiki offers a code or file block that has a file name (``<file csv export.csv>``) as
a download. The converter gives such a block a caption linking to
``download:<name>#<key>`` (:func:`reader.content.dokuwiki.literal.download_link`), the
key a hash of the block's text. :func:`code_file` finds the block again in the HTML
shown, for the answer pane's "Save as"; :func:`without_downloads` keeps the file names of a
standalone document as text (nothing there could save the block).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

__all__ = ["CodeFile", "code_file", "without_downloads"]

# A caption's link, then the code block right after it (python-markdown's and the
# dialect's form, after the sanitiser: the text escaped, no tag inside).
_LINK_AND_CODE = re.compile(
    r'<a [^>]*href="download:([^"#]*)#([0-9a-f]+)"[^>]*>([^<]*)</a>\s*</div>\s*'
    r"<pre><code[^>]*>([^<]*)</code></pre>"
)
_DOWNLOAD_LINK = re.compile(r'<a [^>]*href="download:[^"]*"[^>]*>([^<]*)</a>')


@dataclass(frozen=True)
class CodeFile:
    """A code block offered as a file: the name to suggest and the text to write."""

    name: str
    text: str


def code_file(fragment: str, key: str) -> CodeFile | None:
    """The code block whose caption links to ``download:…#key`` in ``fragment`` (the
    sanitised HTML shown), or None. The name suggested is the file name's last part
    (``conf/lang.php`` → ``lang.php``)."""
    for match in _LINK_AND_CODE.finditer(fragment):
        if match.group(2) == key:
            name = html.unescape(match.group(3)).replace("\\", "/").strip()
            last = PurePosixPath(name).name if name.strip("/") else ""
            return CodeFile(last or "code.txt", html.unescape(match.group(4)))
    return None


def without_downloads(fragment: str) -> str:
    """``fragment`` with the code blocks' download links as their text (the file name)."""
    return _DOWNLOAD_LINK.sub(lambda m: m.group(1), fragment)

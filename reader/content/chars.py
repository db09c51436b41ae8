"""Characters that must not reach titles, ids and anchors: controls and format characters.

Wiki text is untrusted. A NUL byte, a right-to-left override (U+202E) or a zero-width
space in a heading would reach the tree, the search results and the terminal of
``faq-reader list``, where a NUL garbles the line and an override reverses what follows
(an id could pass for another). Titles lose the C0 and C1 controls (but tab and newline)
and the format characters of Unicode category Cf (bidi embeddings, overrides and isolates,
zero-width characters, the soft hyphen, the byte-order mark …), and are put in NFC form.
Ids follow DokuWiki's ``cleanID``, which turns the controls and a few format characters
into the separator; they lose the other format characters (:func:`reader.content.ids.clean_id`).
"""

from __future__ import annotations

import re
import unicodedata

#: Unicode category Cf, as of the Unicode 14 of Python 3.11 (tests/test_ids.py checks it
#: against ``unicodedata``).
FORMAT_CHARACTERS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
)
#: Format characters, as a pattern.
FORMAT = re.compile(f"[{FORMAT_CHARACTERS}]")
_UNSEEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{FORMAT_CHARACTERS}]")


def clean_title(text: str) -> str:
    """``text`` fit for a title: no control (but tab and newline), no format character,
    in NFC form."""
    if _UNSEEN.search(text):
        text = _UNSEEN.sub("", text)
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)

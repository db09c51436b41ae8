"""A wiki page whose headings hide controls and bidi characters lists cleanly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.home import commit_faq_page as commit_page

REPO = Path(__file__).resolve().parent.parent
HOSTILE = (
    "====== Kit\x00 d'urgence ======\n"
    "===== Livrai\u200bson =====\n"
    "==== Qui paie \u202elevart\u202c ? ====\nLe producteur.\n"
    "==== Une fac\xadture\x1b[31m ? ====\nOui.\n"
)
UNSEEN = ["\x00", "\x1b", "\u200b", "\u202e", "\u202c", "\xad"]


def faq_list(home: Path, *args: str) -> str:
    env = {**os.environ, "FAQ_READER_HOME": str(home), "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-m", "reader", "list", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    return result.stdout


def test_list_shows_no_control_or_bidi_character_of_the_wiki(faq_home: Path) -> None:
    commit_page(faq_home, HOSTILE)
    rows = json.loads(faq_list(faq_home, "--json"))
    assert [(r["section"], r["question"]) for r in rows] == [
        ("Livraison", "Qui paie levart ?"),
        ("Livraison", "Une facture[31m ?"),
    ]
    assert [r["id"] for r in rows] == [
        "faq-kit-durgence#qui_paie_levart",
        "faq-kit-durgence#une_fac_ture_31m",
    ]
    plain = faq_list(faq_home)
    assert "Kit d'urgence" in plain and "Qui paie levart ?" in plain
    listed = plain + json.dumps(rows, ensure_ascii=False)
    assert [c for c in UNSEEN if c in listed] == []

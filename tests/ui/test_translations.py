"""Every interface string of the window has its French: no English left on a French screen.

The strings are read from the sources as Qt's ``lupdate`` should see them (``self.tr`` in a
class gives the class's name as context, ``QCoreApplication.translate`` names its own); each
must be in ``faq_reader_fr.ts`` under that context, translated.
"""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "resources" / "translations" / "faq_reader_fr.ts"


def source_strings() -> set[tuple[str, str, str]]:
    """(context, English text, where) of every ``tr`` / ``translate`` call in reader/ui."""
    found = set()
    for path in sorted((REPO / "reader" / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes: dict[ast.AST, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for inner in ast.walk(node):
                    classes.setdefault(inner, node.name)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            args = [a.value for a in node.args if isinstance(a, ast.Constant)]
            where = f"{path.relative_to(REPO)}:{node.lineno}"
            if node.func.attr == "tr" and args and isinstance(args[0], str):
                found.add((classes.get(node, "?"), args[0], where))
            elif node.func.attr == "translate" and len(args) >= 2:
                found.add((args[0], args[1], where))
    return found


def translated() -> dict[tuple[str, str], bool]:
    """(context, English text) → whether the .ts has a finished French translation."""
    out = {}
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            text = "".join(translation.itertext()).strip() if translation is not None else ""
            done = translation is not None and translation.get("type") is None and bool(text)
            out[(name, message.findtext("source"))] = done
    return out


def test_every_interface_string_has_its_french_translation():
    strings = source_strings()
    assert len(strings) > 150  # the scan does see the window's strings
    french = translated()
    missing = sorted(
        f"{where}: [{context}] {text!r}"
        for context, text, where in strings
        if not french.get((context, text))
    )
    assert not missing, "not translated (python tools/build_translations.py --update):\n" + (
        "\n".join(missing)
    )

"""The architecture map stays true: the paths it names exist, the layers import downwards."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "ARCHITECTURE.md"

# Each layer and what it may import of the reader (besides the helpers at reader/'s top).
LAYERS = {
    "content": set(),
    "render": {"content"},
    "search": {"content"},
    "sync": {"content", "search"},
    "packs": {"content", "sync", "search"},
}
TOP_HELPERS = {"fsutil", "paths", "logs"}


def _named_paths(text: str) -> set[str]:
    """Paths the document names in backquotes or in the layers block: ``reader/…``,
    ``tests/…``, ``bench/…``, ``docs/…``, ``resources/``."""
    found = set(re.findall(r"`((?:reader|tests|bench|docs|resources)/[^`\s]*)`", text))
    block = re.search(r"```\n(reader/.*?)```", text, re.S)
    assert block, "the layers block is gone"
    for line in block.group(1).splitlines():
        found.update(re.findall(r"(reader/[\w/]+(?:\.py|/))", line))
    return found


def test_every_path_the_architecture_map_names_exists() -> None:
    named = _named_paths(DOC.read_text(encoding="utf-8"))
    assert len(named) > 60, "the map names the modules it describes"
    missing = sorted(p for p in named if not (ROOT / p).exists())
    assert not missing, f"docs/ARCHITECTURE.md names paths that do not exist: {missing}"


def test_the_readme_points_to_the_architecture_map() -> None:
    assert "docs/ARCHITECTURE.md" in (ROOT / "README.md").read_text(encoding="utf-8")


def _reader_imports(path: Path) -> set[str]:
    """The reader packages or top modules a file imports, anywhere in it (deferred too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules = [node.module]
        elif isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        else:
            continue
        names.update(m.split(".")[1] for m in modules if m.startswith("reader.") and "." in m)
    return names


@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_a_layer_imports_only_the_layers_below_it(layer: str) -> None:
    allowed = LAYERS[layer] | TOP_HELPERS | {layer}
    wrong = {
        str(path.relative_to(ROOT)): sorted(_reader_imports(path) - allowed)
        for path in sorted((ROOT / "reader" / layer).rglob("*.py"))
        if _reader_imports(path) - allowed
    }
    assert not wrong, f"{layer} imports layers above it: {wrong}"


def test_nothing_below_the_window_imports_qt() -> None:
    offenders = []
    for path in sorted((ROOT / "reader").rglob("*.py")):
        if "ui" in path.relative_to(ROOT / "reader").parts[:1]:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            module = (
                node.module
                if isinstance(node, ast.ImportFrom)
                else (node.names[0].name if isinstance(node, ast.Import) else "")
            )
            if module and module.split(".")[0] == "PySide6":
                offenders.append(str(path.relative_to(ROOT)))
    # The CLI starts the window: only its entry point and the desktop install may name Qt.
    offenders = [p for p in offenders if not p.startswith("reader/cli/")]
    assert not offenders, f"Qt imported below reader/ui/: {offenders}"

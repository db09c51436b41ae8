"""Contenu → Préférences du wiki: how far links are followed, the budgets, and the pages
kept offline at the user's request, saved with the wiki and its pages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from reader.paths import resources_dir
from reader.sync.sources import MIB, Following, Sources, load_sources, save_sources
from tests.home import home_paths


def test_depth_and_budgets_are_set_in_the_preferences_and_kept(qtbot, faq_home: Path) -> None:
    from reader.ui.refresh.preferences import WikiPreferences

    config = faq_home / "config"
    save_sources(config, Sources("https://w/", ("faq:kit",), kept=("faq:a", "faq:b")))
    dialog = WikiPreferences(None, home_paths())
    qtbot.addWidget(dialog)
    assert dialog.depth_box.currentText() == "Les pages vers lesquelles elles renvoient"
    assert (dialog.max_pages_box.value(), dialog.document_box.value()) == (200, 20)
    assert dialog.total_box.text() == "100 Mo"
    assert dialog.kept() == ["faq:a", "faq:b"]

    dialog.depth_box.setCurrentIndex(2)  # "Jusqu'à deux liens"
    dialog.max_pages_box.setValue(50)
    dialog.document_box.setValue(5)
    dialog.kept_list.setCurrentRow(0)
    qtbot.mouseClick(dialog.remove_kept_button, Qt.MouseButton.LeftButton)
    dialog.accept()

    saved = load_sources(config, resources_dir())
    assert saved.following == Following(depth=2, max_pages=50, max_document_bytes=5 * MIB)
    assert (saved.pages, saved.kept) == (("faq:kit",), ("faq:b",))


def test_original_settings_bring_back_the_default_depth_and_budgets(qtbot, faq_home) -> None:
    from reader.ui.refresh.preferences import WikiPreferences

    save_sources(faq_home / "config", Sources("https://w/", ("faq:kit",), Following(depth=0)))
    dialog = WikiPreferences(None, home_paths())
    qtbot.addWidget(dialog)
    assert dialog.depth_box.currentIndex() == 0
    dialog.defaults_button.click()
    assert dialog.following() == Following()

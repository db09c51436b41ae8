"""Window state and preferences come back at the next start; a bad file never stops it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.ui import settings as keys
from reader.ui.places.tree_model import ID_ROLE
from reader.ui.settings import Settings, settings_path
from tests.bundled import bundled_faq
from tests.home import home_paths


def test_zoom_enlarges_the_whole_window_and_is_kept_across_a_restart(open_window, qtbot):
    from reader.ui.zoom import Zoom

    first = open_window(wait_index=False)
    tree = first.places.tree
    normal = tree.font().pointSizeF()
    row = tree.visualRect(first.places.model.index(0, 0)).height()
    first.activateWindow()
    qtbot.waitUntil(first.isActiveWindow, timeout=2000)
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    first.commands.actions.zoom_in.trigger()
    assert first.zoom.step == 2
    qtbot.waitUntil(lambda: tree.font().pointSizeF() > normal)  # fonts change by event
    bigger = tree.font().pointSizeF()
    for widget in (first.search.results.list, first.answer.view, first.status.source_label):
        assert widget.font().pointSizeF() == bigger, type(widget).__name__
    assert first.answer.view.document().defaultFont().pointSizeF() == bigger
    qtbot.waitUntil(lambda: tree.visualRect(first.places.model.index(0, 0)).height() > row)
    first.close()
    assert settings_path(home_paths().config).is_file()
    Zoom().set_step(0)  # what a new process starts with
    qtbot.waitUntil(lambda: tree.font().pointSizeF() == normal)

    second = open_window(wait_index=False)
    assert second.zoom.step == 2
    assert second.places.tree.font().pointSizeF() == bigger
    second.commands.actions.zoom_reset.trigger()
    assert second.zoom.step == 0
    qtbot.waitUntil(lambda: second.places.tree.font().pointSizeF() == normal)


def test_ctrl_and_the_wheel_zoom_the_window(window, qtbot):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    view = window.answer.view
    for _ in range(2):  # a touchpad: two half notches
        event = QWheelEvent(
            QPointF(10, 10),
            QPointF(view.mapToGlobal(QPoint(10, 10))),
            QPoint(0, 0),
            QPoint(0, 60),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.ControlModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(view.viewport(), event)
    assert window.zoom.step == 1


def test_last_question_and_splitter_come_back(open_window):
    first = open_window(wait_index=False)
    model = first.places.model
    section = model.index(0, 0, model.index(0, 0))
    question_id = model.index(1, 0, section).data(ID_ROLE)
    first.places.open_question(question_id)
    first.splitter.setSizes([300, 800])
    sizes = first.splitter.sizes()
    first.close()
    second = open_window(wait_index=False)
    assert second.places.current == f"q:{question_id}"
    restored = second.splitter.sizes()
    # the offscreen screen is small, so the window may shrink: the proportion is kept
    assert abs(restored[0] / sum(restored) - sizes[0] / sum(sizes)) < 0.02


def test_a_corrupted_settings_file_still_gives_a_window(open_window, faq_home):
    path = settings_path(home_paths().config)
    path.parent.mkdir(parents=True)
    path.write_bytes(
        b"\x00\xff\xfe[[[garbage\n[preferences]\nzoom=abc\ntheme=purple\n"
        b"[window]\ngeometry=@ByteArray(zzz\nsplitter=12\nlast_question=42\n"
    )
    window = open_window(wait_index=False)
    assert window.isVisible()
    assert window.zoom.step == 0
    assert window.commands.actions.themes["system"].isChecked()
    assert window.places.model.rowCount() == len(bundled_faq().page_ids)
    assert window.settings.problems  # and a line in the log


def test_an_unreadable_settings_path_still_gives_a_window(open_window):
    path = settings_path(home_paths().config)
    path.mkdir(parents=True)  # a folder where the file should be
    window = open_window(wait_index=False)
    assert window.isVisible()


def test_every_setting_reads_back_its_default_from_an_empty_file():
    settings = Settings(settings_path(home_paths().config))
    for setting in keys.ALL_SETTINGS:
        value = settings.get(setting)
        assert value == setting.default or setting is keys.VERSION
    assert settings.problems == []


def test_theme_choice_is_kept(open_window, qtbot):
    first = open_window(wait_index=False)
    first.commands.actions.themes["dark"].trigger()
    qtbot.waitUntil(lambda: first.palette().base().color().lightness() < 128)
    assert "#1f1f1f" not in first.answer.view.document().defaultStyleSheet()  # text stays readable
    first.close()
    assert Settings(settings_path(home_paths().config)).get(keys.THEME) == "dark"
    first.set_theme("system")

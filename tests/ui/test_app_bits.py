"""Translations, printing, history and the pure helpers of the window."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from reader.ui.language import install_translators, ui_language
from reader.ui.places.history import History
from tests.home import home_paths


def test_french_system_gets_french_with_qt_own_strings(qapp, window):
    assert window.commands.actions.print.text() == "&Imprimer…"
    assert [m.title() for m in window.menuBar().findChildren(type(window.menuBar().addMenu("x")))]
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"


def test_english_system_gets_english(qapp):
    english = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    try:
        assert install_translators(qapp, home_paths().resources, english) == "en"
        assert QCoreApplication.translate("Actions", "&Print…") == "&Print…"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    finally:
        install_translators(qapp, home_paths().resources, QLocale(QLocale.Language.French))
    assert QCoreApplication.translate("Actions", "&Print…") == "&Imprimer…"
    assert ui_language(QLocale(QLocale.Language.German)) == "fr"


def test_export_a_page_as_pdf(window, tmp_path):
    from reader.render.document import page_fragment
    from reader.ui.answer.printing import export_pdf, make_document
    from reader.ui.answer.view import style_sheet

    page = window.loaded.library.pages[0]
    target = tmp_path / "faq.pdf"
    export_pdf(make_document(page_fragment(window.loaded, page), style_sheet(False), "FAQ"), target)
    assert target.read_bytes().startswith(b"%PDF")
    answer = tmp_path / "answer.pdf"
    export_pdf(make_document(window.answer.view.toHtml(), style_sheet(False), "R"), answer)
    assert answer.stat().st_size > 500


def test_history_goes_back_and_forward_like_a_browser():
    history = History()
    for place in ("a", "b", "c"):
        history.visit(place)
    assert history.back() == "b"
    assert history.back() == "a"
    assert history.back() is None
    assert history.forward() == "b"
    history.visit("d")  # the forward part is dropped
    assert not history.can_go_forward()
    assert history.back() == "b"


def test_dates_follow_the_interface_language_on_a_c_locale_system(qapp):
    from reader.ui.text import format_date

    QLocale.setDefault(QLocale.c())  # LANG=C: no language of its own, the reader is French
    assert install_translators(qapp, home_paths().resources) == "fr"
    assert format_date("2020-04-08T09:04:32Z") == "8 avril 2020"


def test_first_window_fits_a_small_screen(window):
    available = window.screen().availableGeometry()
    assert window.width() <= available.width()
    assert window.height() <= available.height()

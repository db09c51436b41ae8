"""Themes and readable colours: the system's look, or Fusion with a light or a dark palette.

"system" (the default) follows the system: its style and palette, and its light or dark
setting (Qt 6.5's colour scheme), read once the window has painted and followed when it
changes. When the system asks for dark but its style paints light (Windows 10's style,
for one), the dark palette below is used with Fusion. "light" and "dark" are the user's
override: Fusion, which looks the same everywhere, with an explicit palette.

Every text meets WCAG AA contrast (4.5:1) against what it is drawn on, in every theme:
the palettes here are chosen so; a system palette that falls short (a pale selection
under white text, half-transparent placeholder text) has those colours darkened or
lightened (:func:`readable_palette`); the colours the window adds (unanswered questions,
warnings, the "new / changed" dots) are computed against the palette in use
(:func:`readable`); the search's marks carry their own background and text colours.
``tests/ui/test_contrast.py`` checks them all.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

TEXT_CONTRAST = 4.5  # WCAG AA, normal text
GRAPHIC_CONTRAST = 3.0  # WCAG AA, non-text marks (the tree's dots)

_original: dict[str, str] = {}  # the style Qt chose at start, once another was set


# -- contrast ---------------------------------------------------------------------------------
def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4


def luminance(colour: QColor) -> float:
    """WCAG relative luminance of an opaque colour."""
    return (
        0.2126 * _linear(colour.redF())
        + 0.7152 * _linear(colour.greenF())
        + 0.0722 * _linear(colour.blueF())
    )


def over(colour: QColor, background: QColor) -> QColor:
    """``colour`` as it shows over ``background`` (its transparency blended in)."""
    alpha = colour.alphaF()
    if alpha >= 1.0:
        return QColor(colour.rgb())
    return QColor.fromRgbF(
        colour.redF() * alpha + background.redF() * (1 - alpha),
        colour.greenF() * alpha + background.greenF() * (1 - alpha),
        colour.blueF() * alpha + background.blueF() * (1 - alpha),
    )


def contrast(foreground: QColor | str, background: QColor | str) -> float:
    """WCAG contrast ratio (1 to 21) of ``foreground`` drawn on ``background``."""
    back = QColor(background)
    back = QColor(back.rgb())
    fore = over(QColor(foreground), back)
    light, dark = sorted((luminance(fore), luminance(back)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@lru_cache(maxsize=256)
def _readable(foreground: int, background: int, minimum: float) -> int:
    back = QColor.fromRgba(background)
    colour = over(QColor.fromRgba(foreground), back)
    if contrast(colour, back) >= minimum:
        return colour.rgba()
    darker = luminance(back) > 0.18  # move away from the background's lightness
    hue, saturation, lightness = colour.hslHueF(), colour.hslSaturationF(), colour.lightnessF()
    while contrast(colour, back) < minimum and 0.0 < lightness < 1.0:
        lightness = max(0.0, lightness - 0.02) if darker else min(1.0, lightness + 0.02)
        colour = QColor.fromHslF(max(hue, 0.0), saturation, lightness)
    return colour.rgba()


def readable(
    foreground: QColor | str, background: QColor | str, minimum: float = TEXT_CONTRAST
) -> QColor:
    """``foreground``, darkened or lightened (its hue kept) until it reads on ``background``."""
    return QColor.fromRgba(_readable(QColor(foreground).rgba(), QColor(background).rgba(), minimum))


# -- palettes ---------------------------------------------------------------------------------
def dark_palette() -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    group = QPalette.ColorGroup
    colors = {
        role.Window: "#2b2b2b",
        role.WindowText: "#e6e6e6",
        role.Base: "#1f1f1f",
        role.AlternateBase: "#2a2a2a",
        role.ToolTipBase: "#3a3a3a",
        role.ToolTipText: "#f0f0f0",
        role.PlaceholderText: "#a6a6a6",
        role.Text: "#e6e6e6",
        role.Button: "#353535",
        role.ButtonText: "#e6e6e6",
        role.BrightText: "#ff6b6b",
        role.Link: "#8cc4ff",
        role.LinkVisited: "#c6a0ff",
        role.Highlight: "#4a7a1e",
        role.HighlightedText: "#ffffff",
        role.Light: "#4a4a4a",
        role.Midlight: "#3d3d3d",
        role.Mid: "#2f2f2f",
        role.Dark: "#1a1a1a",
        role.Shadow: "#000000",
    }
    for color_role, value in colors.items():
        palette.setColor(color_role, QColor(value))
    for color_role in (role.Text, role.WindowText, role.ButtonText):
        palette.setColor(group.Disabled, color_role, QColor("#7a7a7a"))
    return palette


def light_palette() -> QPalette:
    palette = QPalette(QColor("#efefef"), QColor("#efefef"))  # Fusion's own light palette
    role = QPalette.ColorRole
    for color_role, value in {
        role.Base: "#ffffff",
        role.Text: "#000000",
        role.Highlight: "#4a7a1e",
        role.HighlightedText: "#ffffff",
        role.PlaceholderText: "#666666",
        role.Link: "#1d5fa8",
        role.LinkVisited: "#6a3d9a",
    }.items():
        palette.setColor(color_role, QColor(value))
    return palette


# What each text role is drawn on; the selection is the one whose background gives way.
_PAIRS = (
    (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
    (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
    (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
    (QPalette.ColorRole.PlaceholderText, QPalette.ColorRole.Base),
    (QPalette.ColorRole.Link, QPalette.ColorRole.Base),
    (QPalette.ColorRole.LinkVisited, QPalette.ColorRole.Base),
    (QPalette.ColorRole.Link, QPalette.ColorRole.Window),  # links in labels
    (QPalette.ColorRole.LinkVisited, QPalette.ColorRole.Window),
    (QPalette.ColorRole.ToolTipText, QPalette.ColorRole.ToolTipBase),
)
TEXT_PAIRS = (*_PAIRS, (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight))


def readable_palette(palette: QPalette) -> QPalette:
    """``palette`` with every text colour readable on its background (in the active and
    inactive groups; disabled controls are exempt), the rest left as it was."""
    fixed = QPalette(palette)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for text, back in _PAIRS:
            colour = fixed.color(group, text)
            better = readable(colour, palette.color(group, back))
            if better.rgba() != colour.rgba():
                fixed.setColor(group, text, better)
        # Selected rows: the selection's colour gives way, the text stays white (or black).
        selection = palette.color(group, QPalette.ColorRole.Highlight)
        better = readable(selection, palette.color(group, QPalette.ColorRole.HighlightedText))
        if better.rgba() != selection.rgba():
            fixed.setColor(group, QPalette.ColorRole.Highlight, better)
    return fixed


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


# -- colours the window adds ------------------------------------------------------------------
def muted_text(palette: QPalette) -> QColor:
    """The text of unanswered questions: greyer than the rest, still readable."""
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    grey = QColor.fromRgbF(
        (text.redF() + base.redF()) / 2,
        (text.greenF() + base.greenF()) / 2,
        (text.blueF() + base.blueF()) / 2,
    )
    return readable(grey, base)


def warning_text(palette: QPalette) -> QColor:
    """The status bar's lasting warnings: amber, readable on the window's colour."""
    amber = "#f0b050" if is_dark(palette) else "#9a4d00"
    return readable(amber, palette.color(QPalette.ColorRole.Window))


MARK_COLOURS = {"new": "#2e9d3a", "changed": "#d98a00"}

# The search's marks on the words that matched, in the results and in the answer: the
# words typed (and their other forms) on yellow; a synonym, another word for one typed,
# on blue and underlined with dots, so that it is told apart without the colour too. The
# text on them is black in both themes.
MARK_TEXT = "#000000"
WORD_MARK = "#ffe066"
SYNONYM_MARK = "#c8ddff"


def mark_colour(mark: str, palette: QPalette) -> QColor:
    """The dot of a "new" or "changed" question, visible on the tree's background."""
    return readable(MARK_COLOURS[mark], palette.color(QPalette.ColorRole.Base), GRAPHIC_CONTRAST)


# -- applying a theme -------------------------------------------------------------------------
def system_scheme(app: QApplication) -> str:
    """The system's colour scheme: "dark", "light", or "" when it does not say."""
    from PySide6.QtCore import Qt

    scheme = app.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return "dark"
    if scheme == Qt.ColorScheme.Light:
        return "light"
    return ""


def _set_style(app: QApplication, name: str) -> None:
    if not _original:
        _original["style"] = app.style().name()
    if app.style().name().lower() != name.lower():
        app.setStyle(QStyleFactory.create(name))


def apply_theme(app: QApplication, theme: str, scheme: str = "") -> str:
    """Apply "system", "light" or "dark" to the whole application; ``scheme`` is the
    system's colour scheme (:func:`system_scheme`). Returns what shows: "light", "dark",
    or "system" (the system's own style and palette, made readable)."""
    if theme in ("light", "dark"):
        _set_style(app, "Fusion")
        app.setPalette(dark_palette() if theme == "dark" else light_palette())
        return theme
    if _original:
        _set_style(app, _original["style"])
    app.setPalette(QPalette())  # the system's palette again, followed when it changes
    if scheme == "dark" and not is_dark(app.palette()):
        _set_style(app, "Fusion")
        app.setPalette(dark_palette())
        return "dark"
    palette = app.palette()
    fixed = readable_palette(palette)
    if fixed != palette:
        app.setPalette(fixed)
    return "system"

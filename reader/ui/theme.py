"""Themes: the system's look, or Fusion with a light or a dark palette.

"system" keeps the style and palette Qt picked at start-up; "light" and "dark" use Fusion,
which looks the same on every platform, with an explicit palette so that the choice does
not depend on what the desktop says.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

_original: dict[str, object] = {}


def _remember(app: QApplication) -> None:
    if not _original:
        _original["style"] = app.style().name()
        _original["palette"] = QPalette(app.palette())


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
        role.PlaceholderText: "#9a9a9a",
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
    palette = QPalette(QColor("#efefef"), QColor("#ffffff"))  # Fusion's own light palette
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#5b8c2a"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Link, QColor("#1d5fa8"))
    return palette


def apply_theme(app: QApplication, theme: str) -> None:
    """Apply "system", "light" or "dark" to the whole application."""
    if not _original and theme not in ("dark", "light"):
        # The system's look is already in place. It is remembered when another theme is
        # first chosen: reading the style now would cost the first paint its enums.
        return
    _remember(app)
    if theme == "dark":
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(dark_palette())
    elif theme == "light":
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(light_palette())
    else:
        app.setStyle(QStyleFactory.create(str(_original["style"])))
        app.setPalette(_original["palette"])  # type: ignore[arg-type]


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128

"""The window's settings, each declared once with its type and default, kept with QSettings.

Preferences (zoom, theme) are kept apart from window state (geometry, splitter, last
question). The file is an INI file in the per-user config folder, so ``FAQ_READER_HOME``
governs it. A value that cannot be read (corrupted file, wrong type, out of range) gives
the default and a line in the log; the reader never fails to start because of its settings.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1
FILE_NAME = "faq-reader.ini"
THEMES = ("system", "light", "dark")
ZOOM_MIN, ZOOM_MAX = -5, 15


@dataclass(frozen=True)
class Setting:
    """One setting: its key in the file, its Python type, its default and a validity check."""

    key: str
    type: type
    default: Any
    valid: Callable[[Any], bool] | None = None


ZOOM = Setting("preferences/zoom", int, 0, lambda v: ZOOM_MIN <= v <= ZOOM_MAX)
THEME = Setting("preferences/theme", str, "system", lambda v: v in THEMES)
GEOMETRY = Setting("window/geometry", QByteArray, QByteArray())
SPLITTER = Setting("window/splitter", QByteArray, QByteArray())
LAST_QUESTION = Setting("window/last_question", str, "")
# "dark" when the system asked for dark and its style painted light (reader.ui.window.look).
SYSTEM_LOOK = Setting("window/system_look", str, "", lambda v: v in ("", "dark"))
# The pack beside the program the user said "no" to at start (reader.ui.packs.offer): its
# file name (a stick's drive letter changes from computer to computer) and its date.
DECLINED_PACK = Setting("packs/declined_name", str, "")
DECLINED_PACK_DATE = Setting("packs/declined_created", str, "")
VERSION = Setting("meta/version", int, SETTINGS_VERSION)

ALL_SETTINGS = (
    ZOOM,
    THEME,
    GEOMETRY,
    SPLITTER,
    LAST_QUESTION,
    SYSTEM_LOOK,
    DECLINED_PACK,
    DECLINED_PACK_DATE,
    VERSION,
)


def settings_path(config_dir: Path) -> Path:
    """The settings file in the per-user config folder."""
    return config_dir / FILE_NAME


def _convert(setting: Setting, raw: Any) -> Any:
    """Turn a raw QSettings value into the setting's type; raise ValueError if it cannot."""
    if setting.type is QByteArray:
        if isinstance(raw, QByteArray):
            return raw
        if isinstance(raw, bytes | bytearray):
            return QByteArray(bytes(raw))
        raise ValueError(f"not binary data: {type(raw).__name__}")
    if setting.type is int:
        if isinstance(raw, bool):
            raise ValueError("a boolean")
        return int(str(raw).strip())
    if setting.type is str:
        if not isinstance(raw, str):
            raise ValueError(f"not text: {type(raw).__name__}")
        return raw
    return setting.type(raw)


class Settings:
    """Typed access to the settings file. Never raises for a bad file or value.

    ``problems`` lists what was wrong with the file, for a note in the status bar.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[str] = []
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            log.warning("settings folder %s not writable: %s", self.path.parent, error)
        self._qsettings = QSettings(str(self.path), QSettings.Format.IniFormat)
        status = self._qsettings.status()
        if status != QSettings.Status.NoError:
            self._note(f"settings file {self.path} unreadable ({status.name}); defaults used")
            self._set_aside()
        self._migrate()

    def _note(self, message: str) -> None:
        log.warning("%s", message)
        self.problems.append(message)

    def _set_aside(self) -> None:
        """Move an unreadable file out of the way so the next save starts clean."""
        with contextlib.suppress(OSError):
            self.path.replace(self.path.with_suffix(".ini.corrupt"))
        self._qsettings = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _migrate(self) -> None:
        version = self.get(VERSION)
        if version > SETTINGS_VERSION:
            log.info("settings written by a newer version (%s); reading what we know", version)
        self._qsettings.setValue(VERSION.key, SETTINGS_VERSION)

    def get(self, setting: Setting) -> Any:
        raw = self._qsettings.value(setting.key)
        if raw is None:
            return setting.default
        try:
            value = _convert(setting, raw)
        except (ValueError, TypeError) as error:
            self._note(f"setting {setting.key} unreadable ({error}); default used")
            return setting.default
        if setting.valid is not None and not setting.valid(value):
            self._note(f"setting {setting.key} out of range ({value!r}); default used")
            return setting.default
        return value

    def set(self, setting: Setting, value: Any) -> None:
        self._qsettings.setValue(setting.key, value)

    def sync(self) -> None:
        self._qsettings.sync()
        if self._qsettings.status() != QSettings.Status.NoError:
            log.warning("settings could not be written to %s", self.path)

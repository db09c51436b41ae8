"""The Qt binding keeps Python's reference counts right where the window relies on it.

PySide6 6.12.0 released ``None`` once too often each time Qt handed Python an empty
QVariant (``index.data()`` of a role the model does not set, in every delegate paint): on
Python 3.11, where ``None`` is not immortal, the window aborted after a few minutes of use
with "deallocating None". pyproject.toml keeps that release out; this test says whether a
newer one may come back in.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel


def test_reading_an_unset_role_does_not_release_none(qapp):
    model = QStandardItemModel()
    model.appendRow(QStandardItem("question"))
    index = model.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(200):
        assert index.data(Qt.ItemDataRole.ToolTipRole) is None
    assert sys.getrefcount(None) >= before - 5

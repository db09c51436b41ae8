"""Loaded by a test's ``faq-reader`` process (this folder is put first on its PYTHONPATH)
when the test may not mount a small disk: makes writes under one folder fail as a
read-only or full disk would (``FAQ_READER_TEST_DISK_FAULT=erofs:DIR`` or ``enospc:DIR``).
"""

from __future__ import annotations

import os

_fault = os.environ.get("FAQ_READER_TEST_DISK_FAULT", "")
if _fault:
    from faulty_disk import install

    _kind, _, _root = _fault.partition(":")
    install(_kind, _root)

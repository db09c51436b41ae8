"""What every command of the CLI shares: its error, loading the content, JSON output.

Exit codes (DESIGN.md): 0 success (a search with no hit too), 1 a failure with one
clear line on stderr, 2 bad usage (argparse prints the usage line).
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

from reader import APP_NAME

if TYPE_CHECKING:
    from reader.content.library import LoadedContent
    from reader.paths import Paths


class CliError(Exception):
    """A failure to report as one line on stderr, exit code 1."""


def load(paths: Paths) -> LoadedContent:
    """The content to show, its warnings printed on stderr."""
    from reader.content.library import load_library

    loaded = load_library(paths)
    for warning in loaded.warnings:
        print(f"{APP_NAME}: avertissement : {warning}", file=sys.stderr)
    return loaded


def print_json(data: object) -> None:
    """``data`` as indented JSON on stdout, non-ASCII kept as is."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")

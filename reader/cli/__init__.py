"""The ``faq-reader`` command: the window by default, and subcommands for scripts.

Each family of subcommands is one module, registered explicitly by
:mod:`reader.cli.parser` (imported only when there are arguments: the window's start does
not pay for the command line); a module imports what its commands need only when they
run:

- :mod:`reader.cli.content`: ``list``, ``show``, ``export``, ``info``;
- :mod:`reader.cli.search`: ``search``;
- :mod:`reader.cli.sync`: ``refresh``, ``rollback``;
- :mod:`reader.cli.pack`: ``pack export``, ``pack import``, ``pack info``;
- :mod:`reader.cli.media`: ``media``;
- :mod:`reader.cli.desktop`: ``install-desktop``.

:func:`main` is the entry point: it resolves the folders once (:class:`reader.paths.Paths`:
``FAQ_READER_HOME``, ``--portable``, platformdirs) and hands them to the command.
Exit codes (DESIGN.md): 0 success (a search with no hit too), 1 a failure with one
clear line on stderr, 2 bad usage (argparse prints the usage line).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from reader import APP_NAME
from reader.cli.common import CliError

__all__ = ["CliError", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``faq-reader`` with ``argv`` (the process's arguments when None)."""
    from reader.paths import Paths

    argv = list(sys.argv[1:] if argv is None else argv)
    portable = "--portable" in argv
    argv = [a for a in argv if a != "--portable"]
    if not argv:
        from reader.logs import hold_early_records

        hold_early_records()  # the window opens the log file after its first paint
        from reader.ui.app import run

        return run([], Paths.from_environment(portable))
    from reader.cli.parser import build_parser

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_usage(sys.stderr)
        return 2
    paths = Paths.from_environment(portable)
    from reader.logs import setup_logging

    setup_logging(paths.log, console=False)
    # info reports it in its own words; refresh and rollback fail with their own line
    if not getattr(args, "reports_storage", args.command == "info"):
        from reader.paths import storage_problem

        if (problem := storage_problem(paths)) is not None:
            print(f"{APP_NAME}: {problem}", file=sys.stderr)
    try:
        return int(args.func(args, paths))
    except CliError as error:
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0

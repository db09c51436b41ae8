"""argparse in French: its own words too ("utilisation", "options", its error messages).

The command line speaks French (its help and messages are written in French), so the
words argparse adds itself are given in French as well, whatever the system's locale:
the usage prefix, the group titles, ``-h``'s help, and the error messages, which argparse
builds in English and :func:`translate` rewrites.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from typing import Any, NoReturn, TypeAlias

# argparse's messages (Python 3.11–3.13), in the order they are tried.
_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern + r"\Z", re.DOTALL), french)
    for pattern, french in (
        (r"the following arguments are required: (.*)", r"arguments obligatoires manquants : \1"),
        (r"unrecognized arguments: (.*)", r"arguments non reconnus : \1"),
        (r"expected one argument", "une valeur attendue"),
        (r"expected at most one argument", "au plus une valeur attendue"),
        (r"expected at least one argument", "au moins une valeur attendue"),
        (r"expected (\d+) arguments?", r"\1 valeurs attendues"),
        (r"invalid choice: (.*) \(choose from (.*)\)", r"choix invalide : \1 (au choix : \2)"),
        (r"invalid (\S+) value: (.*)", r"valeur invalide (\1) : \2"),
        (r"not allowed with argument (.*)", r"incompatible avec l'argument \1"),
        (r"one of the arguments (.*) is required", r"l'un des arguments \1 est obligatoire"),
        (r"ambiguous option: (.*) could match (.*)", r"option ambiguë : \1 peut désigner \2"),
        (r"ignored explicit argument (.*)", r"argument explicite ignoré : \1"),
    )
)
_ARGUMENT = re.compile(r"argument (.+?): (.*)\Z", re.DOTALL)


def translate(message: str) -> str:
    """argparse's English ``message`` in French (unknown messages are left as they are)."""
    if (match := _ARGUMENT.match(message)) is not None:
        return f"argument {match.group(1)} : {translate(match.group(2))}"
    for pattern, french in _MESSAGES:
        if pattern.match(message):
            return pattern.sub(french, message)
    return message


class FrenchHelpFormatter(argparse.HelpFormatter):
    """Help and usage with argparse's own words in French."""

    def start_section(self, heading: str | None) -> None:
        super().start_section(f"{heading} " if heading else heading)  # "options :"

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)


class FrenchArgumentParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` that speaks French; its subcommands' parsers are too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", FrenchHelpFormatter)
        kwargs["add_help"] = False  # its own "-h", with a French help, below
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS,
                help="afficher cette aide et quitter",
            )  # fmt: skip

    def error(self, message: str) -> NoReturn:
        """The usage line and one French line on stderr, exit code 2."""
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {translate(message)}\n")


# What ``add_subparsers`` returns, on which each command family registers its subcommands.
Subcommands: TypeAlias = "argparse._SubParsersAction[FrenchArgumentParser]"

"""Days written in French for people ("8 avril 2020"): the one table of month names."""

from __future__ import annotations

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def french_day(year: int, month: int, day: int) -> str:
    """``(2020, 4, 8)`` → ``8 avril 2020`` (``month`` from 1 to 12)."""
    return f"{day} {MONTHS[month - 1]} {year}"

"""The date of a content set, as packs compare them, and dates written in French.

A pack carries the date of its content, not of its export: the newest date of its pages
(the wiki's last modification, else when the page was fetched), or the set's own
``created`` when no page has a date. Two exports of the same content therefore carry
the same date, and an import can tell an older content from a newer one.
"""

from __future__ import annotations

from datetime import UTC, datetime

from reader.content.dates import french_day
from reader.content.manifest import Manifest, iso_utc


def parse_date(text: str) -> datetime | None:
    """An ISO 8601 date (``Z`` or an offset; UTC when it has neither), or None."""
    if not text or len(text) > 40:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def normal_date(text: str) -> str:
    """``text`` as the manifests write dates (``2026-03-03T10:00:00Z``), or "" if unreadable."""
    moment = parse_date(text)
    return iso_utc(moment.timestamp()) if moment else ""


def content_date(manifest: Manifest) -> str:
    """The date of a set's content (ISO 8601 UTC), "" when nothing in it is dated."""
    dates = [d for p in manifest.pages if (d := normal_date(p.last_modified or p.fetched))]
    return max(dates) if dates else normal_date(manifest.created)


def french_date(iso: str, with_time: bool = False) -> str:
    """``2026-03-03T10:05:00Z`` → ``3 mars 2026`` (``3 mars 2026 à 10 h 05 UTC``)."""
    moment = parse_date(iso)
    if moment is None:
        return "date inconnue"
    moment = moment.astimezone(UTC)
    text = french_day(moment.year, moment.month, moment.day)
    return f"{text} à {moment.hour} h {moment.minute:02d} UTC" if with_time else text


def two_dates(first: str, second: str) -> tuple[str, str]:
    """Both dates in French, with the time when the days alone would read the same."""
    a, b = french_date(first), french_date(second)
    if a == b:
        return french_date(first, True), french_date(second, True)
    return a, b


def is_older(pack_date: str, held_date: str) -> bool:
    """True when ``pack_date`` is strictly before ``held_date`` (an unknown date is never
    older, nor is anything older than an unknown date)."""
    pack, held = parse_date(pack_date), parse_date(held_date)
    return pack is not None and held is not None and pack < held

"""At start, in portable mode: a pack newer than the content, beside the program, offered.

On a USB stick passed from farm to farm, the connected machine writes a pack into the
stick's folder; the reader started from the stick finds it there, once its content is
shown, and asks "Newer content found on the stick: import it?" with both dates, in a box
that does not block the window. "Yes" imports it (with the import's progress and summary);
"No", Escape or the close button remember the refusal (the pack's file name and date in
the settings), so that the same pack is not offered at every start: a newer one is.

The folder is read off the UI thread (:func:`reader.packs.offer.newer_pack_beside`: the
packs' manifests only). Nothing is offered while a refresh or an import runs (it will be
at the next start).

Signals:
    accepted(object): the user said yes: the pack's path, to import.
    checked(object): the look is over: the :class:`~reader.packs.offer.PackOffer` asked
        about, or None when nothing was (none newer, refused before, busy).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from reader.ui import settings as keys

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from PySide6.QtWidgets import QMessageBox, QWidget

    from reader.content.library import LoadedContent
    from reader.packs.offer import PackOffer
    from reader.paths import Paths
    from reader.ui.jobs import JobRunner
    from reader.ui.settings import Settings

log = logging.getLogger(__name__)


class StartOffer(QObject):
    """Offers a newer pack beside the program, once, at start (see the module docstring).

    ``runner`` runs the look at the folder; ``window`` gives the window the question
    opens over; ``busy`` says whether the content is being changed (a refresh, an import).

    Signals:
        accepted(object): the path of the pack to import.
        checked(object): the offer made, or None.
    """

    accepted = Signal(object)
    checked = Signal(object)

    def __init__(
        self,
        paths: Paths,
        settings: Settings,
        runner: JobRunner,
        window: Callable[[], QWidget | None],
        busy: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.settings = settings
        self._runner = runner
        self._window = window
        self._busy = busy
        self._loaded: LoadedContent | None = None
        self._looked = False
        self.box: QMessageBox | None = None  # the question, once asked

    def set_content(self, loaded: LoadedContent) -> None:
        self._loaded = loaded

    def look(self, folder: Path) -> None:
        """Look once for a newer pack in ``folder`` (portable mode only), off the UI thread."""
        if self._looked or self.paths.mode != "portable" or self._loaded is None:
            return
        self._looked = True
        from reader.packs.offer import newer_pack_beside

        content = self._loaded.content
        job = self._runner.submit(lambda _context: newer_pack_beside(folder, content), "offer")
        job.finished.connect(self._found)
        job.failed.connect(lambda _message, _detail: self.checked.emit(None))

    def _refused_before(self, offer: PackOffer) -> bool:
        name: str = self.settings.get(keys.DECLINED_PACK)
        created: str = self.settings.get(keys.DECLINED_PACK_DATE)
        return (name, created) == (offer.path.name, offer.created)

    def _found(self, offer: PackOffer | None) -> None:
        if offer is not None and self._refused_before(offer):
            log.info("pack %s (%s) refused before: not offered", offer.path, offer.created)
            offer = None
        if offer is not None and self._busy():
            log.info("pack %s not offered: the content is being changed", offer.path)
            offer = None
        if offer is not None:
            self._ask(offer)
        self.checked.emit(offer)

    def _ask(self, offer: PackOffer) -> None:
        from reader.packs.dates import french_date, two_dates
        from reader.ui.message_box import ask

        if offer.held:
            pack_day, held_day = two_dates(offer.created, offer.held)
            detail = self.tr("The pack “%1” dates from %2; the content shown from %3.")
            detail = detail.replace("%3", held_day)
        else:
            pack_day = french_date(offer.created)
            detail = self.tr("The pack “%1” dates from %2; the content shown has no date.")
        detail = detail.replace("%2", pack_day).replace("%1", offer.path.name)
        box, yes, _no = ask(
            self._window(),
            self.tr("Newer content"),
            self.tr("Newer content found on the stick: import it?"),
            self.tr("&Yes"),
            self.tr("&No"),
            modal=False,
            default_accept=True,
        )
        box.setInformativeText(detail)
        box.setAccessibleName(self.tr("Newer content"))
        # "finished", not "buttonClicked": the close button answers too (as "No").
        box.finished.connect(lambda _result: self._answered(box.clickedButton() is yes, offer))
        self.box = box

    def _answered(self, accepted: bool, offer: PackOffer) -> None:
        if accepted:
            self.accepted.emit(offer.path)
            return
        self.settings.set(keys.DECLINED_PACK, offer.path.name)
        self.settings.set(keys.DECLINED_PACK_DATE, offer.created)
        self.settings.sync()
        log.info("pack %s (%s) refused: not offered again", offer.path, offer.created)

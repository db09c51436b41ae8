"""What a window needs from an export or an import that takes a while: where it is, a way
to cancel it that leaves everything as it was, and an older pack it can ask about."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.content.library import load_library
from reader.packs.errors import PackCancelled, PackTooOld
from reader.packs.export import export_pack
from reader.packs.importer import import_pack
from reader.paths import Paths
from reader.sync.cancel import CancelToken
from reader.sync.progress import Progress
from tests.packs.conftest import PAGES, install, village_pack
from tests.sync.conftest import snapshot


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    return village_pack(tmp_path, "contenu.faqpack")


@pytest.fixture
def farm(tmp_path: Path) -> Paths:
    paths = Paths.under(tmp_path / "farm")
    install(paths, {"faq:livraison": PAGES["faq:livraison"]}, date="2026-05-10T08:00:00Z")
    return paths


def test_an_import_reports_each_step_in_order(pack: Path, farm: Paths) -> None:
    seen: list[Progress] = []

    import_pack(pack, farm, progress=seen.append)

    steps = list(dict.fromkeys(p.step for p in seen))
    assert steps == ["verify", "write", "index", "commit"]
    verify = [p for p in seen if p.step == "verify"]
    assert [p.done for p in verify] == list(range(1, 6))
    assert {p.total for p in verify} == {5}
    read = [p.bytes_received for p in verify]
    assert read == sorted(read) and read[-1] < pack.stat().st_size  # the directory follows


@pytest.mark.parametrize("step", ["verify", "write", "index"])
def test_a_cancelled_import_changes_nothing(step: str, pack: Path, farm: Paths) -> None:
    token = CancelToken()
    before = snapshot(farm.data)

    def progress(p: Progress) -> None:
        if p.step == step:
            token.cancel()

    with pytest.raises(PackCancelled) as raised:
        import_pack(pack, farm, progress=progress, cancel=token)

    assert raised.value.message == "Import annulé. Le contenu actuel est conservé."
    assert snapshot(farm.data) == before


def test_an_older_pack_tells_the_window_both_dates(tmp_path: Path, farm: Paths) -> None:
    village = Paths.under(tmp_path / "old-village")
    install(village, PAGES, date="2026-03-03T10:00:00Z")
    older = export_pack(tmp_path / "ancien.faqpack", village).path

    with pytest.raises(PackTooOld) as raised:
        import_pack(older, farm)

    assert (raised.value.pack_date, raised.value.content_date) == (
        "2026-03-03T10:00:00Z",
        "2026-05-10T08:00:00Z",
    )
    import_pack(older, farm, force=True)
    assert len(load_library(farm).library.pages) == 3


def test_an_export_reports_its_files_and_a_cancelled_one_leaves_no_file(
    tmp_path: Path, farm: Paths
) -> None:
    seen: list[Progress] = []
    export_pack(tmp_path / "a.faqpack", farm, progress=seen.append)
    assert [(p.step, p.done, p.total) for p in seen] == [("export", 1, 1)]

    token = CancelToken()
    token.cancel()
    with pytest.raises(PackCancelled) as raised:
        export_pack(tmp_path / "b.faqpack", farm, cancel=token)
    assert raised.value.message == "Export annulé : aucun paquet n'a été écrit."
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".faqpack") == ["a.faqpack"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]

"""Render the app icon (``resources/icons/faq-reader.svg``) to PNG sizes and a Windows ``.ico``.

Run by ``build.spec`` at build time (the ``.ico`` is the Windows program's icon), so no
binary derived from the SVG is committed::

    python packaging/icons.py OUT_DIR [--svg FILE]

The ``.ico`` holds PNG-compressed images (16 to 256 px), which Windows Vista and later
read; it is written here directly because Qt's ICO writer keeps one size only.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256)
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SVG = ROOT / "resources" / "icons" / "faq-reader.svg"


def render_pngs(svg: Path, sizes: tuple[int, ...] = SIZES) -> dict[int, bytes]:
    """PNG bytes of the SVG at each size (needs a Qt GUI application, made offscreen here)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"not a valid SVG: {svg}")
    pngs = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        pngs[size] = bytes(data)
    return pngs


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file holding the given PNG images (ICONDIR, ICONDIRENTRYs, then the data)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = [], []
    for size in sizes:
        data = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset))
        blobs.append(data)
        offset += len(data)
    return header + b"".join(entries) + b"".join(blobs)


def write_icons(out_dir: Path, svg: Path = DEFAULT_SVG) -> Path:
    """Write ``faq-reader-<size>.png`` files and ``faq-reader.ico``; return the ``.ico``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pngs = render_pngs(svg)
    for size, data in pngs.items():
        (out_dir / f"faq-reader-{size}.png").write_bytes(data)
    ico = out_dir / "faq-reader.ico"
    ico.write_bytes(ico_bytes(pngs))
    return ico


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--svg", type=Path, default=DEFAULT_SVG)
    args = parser.parse_args(argv)
    print(write_icons(args.out_dir, args.svg))
    return 0


if __name__ == "__main__":
    sys.exit(main())

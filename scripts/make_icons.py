"""Make the application icons from resources/icons/reflect.svg (and reflect-small.svg for
16 and 24 px): PNGs at the sizes desktops ask
for, a multi-size Windows .ico and a macOS .icns. Run after changing the SVG:

    .venv/bin/pip install -e '.[build]'
    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_icons.py

Qt's SVG renderer draws each size from the vector source (so small sizes are drawn, not
shrunk from a large bitmap); Pillow, from the ``build`` extra, writes the .ico and .icns.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SOURCE = ICONS / "reflect.svg"
SMALL_SOURCE = ICONS / "reflect-small.svg"  # drawn on a 16 px grid for the smallest sizes
SMALL_UP_TO = 24
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(size: int) -> bytes:
    """The SVG drawn at ``size`` x ``size`` pixels, as PNG bytes with a transparent ground."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    source = SMALL_SOURCE if size <= SMALL_UP_TO else SOURCE
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"{source} is not a valid SVG file.")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    sizes = sorted(set(PNG_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES))
    images = {size: Image.open(io.BytesIO(render(size))).convert("RGBA") for size in sizes}
    for size in PNG_SIZES:
        images[size].save(ICONS / f"reflect-{size}.png", optimize=True)
    largest = images[max(ICO_SIZES)]
    largest.save(ICONS / "reflect.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)])
    images[max(ICNS_SIZES)].save(ICONS / "reflect.icns", format="ICNS",
                                 append_images=[images[s] for s in ICNS_SIZES[:-1]])
    del app
    written = sorted(p.name for p in ICONS.iterdir() if p.suffix in {".png", ".ico", ".icns"})
    print("wrote", ", ".join(written))
    return 0


if __name__ == "__main__":
    sys.exit(main())

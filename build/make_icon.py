"""Draw the program's icon: resources/icons/desk_app.png (256×256) and desk_app.ico (16…256 px).

A red rounded square with a yellow star above two speech bubbles facing each other (the heads and the
people in dialogue). Run once from the repository root when the drawing changes; the results are kept in
git, so a build never needs this script:

    python build/make_icon.py

Qt's "ico" image plugin writes one picture per file, so each small size is written by Qt and the pictures
are then joined into one multi-size .ico (the 256 px one stored as PNG, as Windows expects).
"""

from __future__ import annotations

import math
import os
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QImageReader, QPainter, QPainterPath, QPen, QPolygonF

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
RED = QColor("#c8102e")
RED_DARK = QColor("#8f0b20")
YELLOW = QColor("#ffd500")
PAPER = QColor("#fffaf0")
PAPER_WARM = QColor("#ffe9a8")


def _star(cx: float, cy: float, outer: float) -> QPolygonF:
    inner = outer * 0.382  # the regular five-pointed star
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(QPointF(cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return QPolygonF(points)


def _bubble(x: float, y: float, w: float, h: float, tail_left: bool) -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(QRectF(x, y, w, h), h * 0.32, h * 0.32)
    tail = QPainterPath()
    if tail_left:
        base = x + w * 0.22
        tail.moveTo(base, y + h - 1)
        tail.lineTo(base - w * 0.14, y + h + h * 0.42)
        tail.lineTo(base + w * 0.16, y + h - 1)
    else:
        base = x + w * 0.78
        tail.moveTo(base, y + h - 1)
        tail.lineTo(base + w * 0.14, y + h + h * 0.42)
        tail.lineTo(base - w * 0.16, y + h - 1)
    tail.closeSubpath()
    return path.united(tail)


def draw(size: int) -> QImage:
    """The icon at ``size`` px, drawn on a 256-unit canvas so every size is sharp (no rescaling)."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 256, size / 256)
    margin = 8 if size >= 32 else 2  # small sizes: use every pixel
    body = QRectF(margin, margin, 256 - 2 * margin, 256 - 2 * margin)
    painter.setPen(QPen(RED_DARK, 6) if size >= 48 else Qt.PenStyle.NoPen)
    painter.setBrush(RED)
    painter.drawRoundedRect(body.adjusted(3, 3, -3, -3), 44, 44)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(YELLOW)
    if size >= 32:
        painter.drawPolygon(_star(128, 72, 46))
        painter.setPen(QPen(RED_DARK, 5))
        painter.setBrush(PAPER)
        painter.drawPath(_bubble(30, 128, 112, 66, tail_left=True))
        painter.setBrush(PAPER_WARM)
        painter.drawPath(_bubble(114, 146, 112, 66, tail_left=False))
        # three dots in the front bubble: someone is speaking
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(RED)
        for dx in (-26, 0, 26):
            painter.drawEllipse(QPointF(170 + dx, 179), 8, 8)
    else:  # 16/24 px: the star and one bubble only, larger, or they blur into a smudge
        painter.drawPolygon(_star(128, 92, 70))
        painter.setBrush(PAPER)
        painter.drawPath(_bubble(60, 164, 136, 52, tail_left=True))
    painter.end()
    return image


def _qt_ico_entry(image: QImage) -> tuple[bytes, bytes]:
    """Qt's ico writer on one picture; returns that file's directory entry (16 bytes) and its data."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "ICO"):
        raise SystemExit("Qt's ico image plugin could not write the icon (imageformats/qico missing?)")
    buffer.close()
    raw = bytes(data)
    _reserved, kind, count = struct.unpack_from("<HHH", raw, 0)
    assert kind == 1 and count == 1, (kind, count)
    entry = raw[6:22]
    size, offset = struct.unpack_from("<II", entry, 8)
    return entry[:8], raw[offset:offset + size]


def _png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def write_ico(path: Path) -> None:
    parts: list[tuple[bytes, bytes]] = []
    for size in ICO_SIZES:
        image = draw(size)
        if size == 256:  # 256 px entries are PNG-compressed (width/height bytes 0 mean 256)
            parts.append((struct.pack("<BBBBHH", 0, 0, 0, 0, 1, 32), _png_bytes(image)))
        else:
            parts.append(_qt_ico_entry(image))
    header = struct.pack("<HHH", 0, 1, len(parts))
    offset = len(header) + 16 * len(parts)
    directory, blobs = b"", b""
    for head, blob in parts:
        directory += head + struct.pack("<II", len(blob), offset)
        offset += len(blob)
        blobs += blob
    path.write_bytes(header + directory + blobs)


def verify_ico(path: Path) -> list[int]:
    """Read the .ico back with Qt: every size there, every picture readable."""
    reader = QImageReader(str(path), b"ico")
    sizes = []
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        image = reader.read()
        if image.isNull():
            raise SystemExit(f"{path}: picture {index} unreadable: {reader.errorString()}")
        sizes.append(image.width())
    if sorted(sizes) != sorted(ICO_SIZES):
        raise SystemExit(f"{path}: sizes {sizes}, expected {list(ICO_SIZES)}")
    return sizes


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window: works on a server too
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 — the image plugins need it
    ICONS.mkdir(parents=True, exist_ok=True)
    png = ICONS / "desk_app.png"
    if not draw(256).save(str(png), "PNG"):
        raise SystemExit(f"cannot write {png}")
    ico = ICONS / "desk_app.ico"
    partial = ico.with_name(ico.name + ".part")  # checked before it replaces the old one
    try:
        write_ico(partial)
        sizes = verify_ico(partial)
        partial.replace(ico)
    finally:
        partial.unlink(missing_ok=True)
    print(f"{png.relative_to(ROOT)} (256x256), {ico.relative_to(ROOT)} ({', '.join(map(str, sizes))} px)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

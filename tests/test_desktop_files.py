"""The desktop side of the package: the icon at every size a desktop asks for, the Linux
.desktop entry and the AppStream metainfo that software centres read."""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / "reflect.desktop"
METAINFO = LINUX / "io.github.reflect.Reflect.metainfo.xml"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("size", PNG_SIZES)
def test_png_icons_have_their_size_and_a_drawn_mark(qapp, size):
    from PySide6.QtGui import QImage

    path = ICONS / f"reflect-{size}.png"
    assert png_size(path) == (size, size)
    image = QImage(str(path))
    centre = image.pixelColor(size // 2 - max(1, size // 8), size // 2)
    corner = image.pixelColor(0, 0)
    edge = image.pixelColor(size // 2, max(1, size // 12))
    assert corner.alpha() < 128, "the tile has rounded corners"
    assert edge.alpha() == 255 and edge.blue() > edge.red(), "a teal tile"
    assert centre.lightness() > 200, "a light page in the middle"


def test_ico_and_icns_hold_the_sizes_windows_and_macos_use():
    ico = (ICONS / "reflect.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1)
    sizes = {ico[6 + 16 * i] or 256 for i in range(count)}
    assert {16, 24, 32, 48, 256} <= sizes
    icns = (ICONS / "reflect.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    kinds, offset = set(), 8
    while offset < len(icns):
        kinds.add(icns[offset:offset + 4])
        offset += struct.unpack(">I", icns[offset + 4:offset + 8])[0]
    assert {b"ic07", b"ic08", b"ic09", b"ic10"} <= kinds  # 128, 256, 512, 512@2x


def test_svg_sources_are_valid(qapp):
    from PySide6.QtSvg import QSvgRenderer

    for name in ("reflect.svg", "reflect-small.svg"):
        assert QSvgRenderer(str(ICONS / name)).isValid(), name


def test_desktop_entry_starts_the_gui_script_with_the_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(DESKTOP, encoding="utf-8")
    group = entry["Desktop Entry"]
    assert group["Type"] == "Application" and group["Name"] == "Reflect"
    assert group["Exec"] == "reflect-app" and group["Icon"] == "reflect"
    assert group["Terminal"] == "false"
    assert "Office" in group["Categories"].split(";")
    assert group["Categories"].endswith(";") and group["Keywords"].endswith(";")


def test_metainfo_names_the_desktop_entry_licence_and_icon():
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    for tag in ("id", "name", "summary", "metadata_license", "project_license",
                "description", "launchable", "icon", "content_rating", "releases"):
        assert root.find(tag) is not None, f"<{tag}> is missing"
    assert root.findtext("id") == METAINFO.name.removesuffix(".metainfo.xml")
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("project_license") == "MIT"
    assert root.findtext("icon") == "reflect"
    assert len(root.findtext("summary", "")) <= 80
    assert root.find("description/p") is not None


@pytest.mark.parametrize("tool, args, path", [
    ("appstreamcli", ["validate", "--no-net"], METAINFO),
    ("desktop-file-validate", [], DESKTOP),
])
def test_the_desktop_tools_accept_the_files(tool, args, path):
    """Debian's own validators (packages appstream and desktop-file-utils), where installed."""
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")
    result = subprocess.run([tool, *args, str(path)], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr

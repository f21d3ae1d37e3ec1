"""Build the frozen Reflect app with PyInstaller, and optionally its archive or installer.

    python scripts/build_app.py                 # dist/reflect/ (macOS: dist/Reflect.app too)
    python scripts/build_app.py --archive       # + portable zip (Windows) or tar.gz (Linux)
    python scripts/build_app.py --installer     # + Inno Setup installer (Windows) or DMG (macOS)
    python scripts/build_app.py --full          # keep every Qt part (to measure the excludes)

Needs the project and PyInstaller in the running Python (``pip install -e '.[freeze]'``).
Prints the build time and the frozen size; on Linux it also checks that every bundled library
finds its Qt libraries (the spec drops some), and lists the system libraries the app expects
the user's machine to have. See docs/distribution.md.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "reflect.spec"
ISS = ROOT / "packaging" / "windows" / "reflect.iss"
BUNDLED_PREFIXES = ("libqt6", "libpyside6", "libshiboken6", "libpython")


def version() -> str:
    text = (ROOT / "reflect" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__ = "([^"]+)"', text)
    if match is None:
        raise SystemExit("build_app: no __version__ in reflect/__init__.py")
    return match.group(1)


def platform_tag() -> str:
    import platform

    machine = platform.machine().lower().replace("amd64", "x86_64")
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, "linux")
    return f"{system}-{machine}"


def size_of(path: Path) -> int:
    """Bytes on disk of the files under ``path``, symlinks not followed (as du counts)."""
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            file = Path(root) / name
            if not file.is_symlink():
                total += file.stat().st_size
    return total


def mib(n: int) -> str:
    return f"{n / 2**20:.0f} MiB"


def freeze(dist: Path, work: Path, full: bool) -> float:
    env = dict(os.environ)
    if full:
        env["REFLECT_FREEZE_FULL"] = "1"
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work), str(SPEC)],
        check=True, cwd=ROOT, env=env,
    )
    return time.monotonic() - started


def check_linux_libraries(folder: Path) -> None:
    """Every bundled ELF file must find the Qt/Python libraries the bundle ships; the system
    libraries it does not ship are listed (the README names the packages)."""
    internal = folder / "_internal"
    env = {**os.environ,
           "LD_LIBRARY_PATH": f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}"}
    broken: list[str] = []
    system: set[str] = set()
    for file in sorted(internal.rglob("*.so*")):
        if file.is_symlink() or not file.is_file():
            continue
        out = subprocess.run(["ldd", str(file)], capture_output=True, text=True, env=env)
        for line in out.stdout.splitlines():
            if "not found" not in line:
                continue
            name = line.split("=>")[0].strip()
            if name.lower().startswith(BUNDLED_PREFIXES):
                broken.append(f"{file.relative_to(folder)} needs {name}")
            else:
                system.add(name)
    if system:
        print("build_app: libraries this machine lacks, which the app takes from the "
              f"user's system: {', '.join(sorted(system))}")
    if broken:
        raise SystemExit("build_app: the excludes removed a library still in use:\n  "
                         + "\n  ".join(broken))


def archive(dist: Path, folder: Path) -> Path:
    """The portable build: a zip on Windows (unpack anywhere, run reflect-app.exe), a tar.gz
    on Linux (keeps the executable bits)."""
    base = dist / f"Reflect-{version()}-{platform_tag()}-portable"
    fmt = "zip" if sys.platform == "win32" else "gztar"
    return Path(shutil.make_archive(str(base), fmt, root_dir=dist, base_dir=folder.name))


def windows_installer(dist: Path, folder: Path) -> Path:
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    for candidate in (r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe",
                      r"C:\Program Files\Inno Setup 6\ISCC.exe"):
        if iscc is None and Path(candidate).is_file():
            iscc = candidate
    if iscc is None:
        raise SystemExit("build_app: Inno Setup's ISCC.exe was not found; install Inno Setup 6 "
                         "(choco install innosetup) and run again.")
    subprocess.run([iscc, f"/DAppVersion={version()}", f"/DSourceDir={folder}",
                    f"/DOutputDir={dist}", f"/DRepoRoot={ROOT}", str(ISS)], check=True)
    return dist / f"Reflect-{version()}-setup.exe"


def macos_dmg(dist: Path) -> Path:
    app = dist / "Reflect.app"
    staging = dist / "dmg"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    subprocess.run(["ditto", str(app), str(staging / "Reflect.app")], check=True)
    (staging / "Applications").symlink_to("/Applications")  # drag-to-install
    dmg = dist / f"Reflect-{version()}-{platform_tag()}.dmg"
    dmg.unlink(missing_ok=True)
    subprocess.run(["hdiutil", "create", "-volname", "Reflect", "-srcfolder", str(staging),
                    "-fs", "HFS+", "-format", "UDZO", "-ov", str(dmg)], check=True)
    shutil.rmtree(staging)
    return dmg


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--full", action="store_true", help="keep every Qt part")
    parser.add_argument("--archive", action="store_true", help="portable zip / tar.gz")
    parser.add_argument("--installer", action="store_true", help="setup.exe or DMG")
    args = parser.parse_args(argv)
    dist: Path = args.dist.resolve()

    seconds = freeze(dist, args.work.resolve(), args.full)
    folder = dist / "reflect"
    built = dist / "Reflect.app" if sys.platform == "darwin" else folder
    print(f"build_app: built {built} in {seconds:.0f} s; frozen size {mib(size_of(built))}"
          f"{' (no Qt excludes)' if args.full else ''}")
    if sys.platform.startswith("linux") and shutil.which("ldd"):
        check_linux_libraries(folder)
    outputs: list[Path] = []
    if args.archive and sys.platform != "darwin":
        outputs.append(archive(dist, folder))
    if args.installer:
        if sys.platform == "win32":
            outputs.append(windows_installer(dist, folder))
        elif sys.platform == "darwin":
            outputs.append(macos_dmg(dist))
        else:
            print("build_app: no installer on Linux; use the one-folder app or --archive.")
    for output in outputs:
        print(f"build_app: wrote {output} ({mib(output.stat().st_size)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

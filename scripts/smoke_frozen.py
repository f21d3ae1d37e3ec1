"""Smoke-test a frozen Reflect build: run the program as a user would, in a throwaway folder.

    python scripts/smoke_frozen.py [PROGRAM]

PROGRAM defaults to $REFLECT_FROZEN, else the build's own place (dist/reflect/reflect,
dist/reflect/reflect.exe, dist/Reflect.app/Contents/MacOS/reflect). Run it with a Python that
has the project's dependencies (pypdf reads the PDF back, Qt reads the screenshot back); the
program under test uses only what it bundles. It checks ``--version``, ``init``, ``add``,
``search``, ``check``, ``backup``, a password-protected PDF export, a 360 round's rater form,
``spell`` (the bundled dictionary), and ``--demo`` started offscreen with a screenshot that
must not be blank. The journal uses the real key-derivation
cost: the CLI has no cheap mode, and one derivation per command is quick enough.

Exit 0 when every check passes; the last line reads "smoke_frozen: N passed, N failed".
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSPHRASE = "frozen lantern carries seven quiet harbours"
PDF_PASSWORD = "mentor-copy-Harbour-91"
MARKER = "kingfisher"


def find_program(given: str | None) -> Path:
    candidates = [given, os.environ.get("REFLECT_FROZEN")]
    if not any(candidates):
        dist = ROOT / "dist"
        candidates = [str(dist / "Reflect.app" / "Contents" / "MacOS" / "reflect"),
                      str(dist / "reflect" / "reflect.exe"), str(dist / "reflect" / "reflect")]
    for candidate in filter(None, candidates):
        if Path(candidate).is_file():
            return Path(candidate).resolve()
    raise SystemExit(f"smoke_frozen: no frozen program at {', '.join(filter(None, candidates))}; "
                     "build it with scripts/build_app.py.")


def expected_version() -> str | None:
    init = ROOT / "reflect" / "__init__.py"
    if not init.is_file():
        return None
    match = re.search(r'__version__ = "([^"]+)"', init.read_text(encoding="utf-8"))
    return match.group(1) if match else None


class Smoke:
    """Runs the checks in order against one journal; a failed check is reported, and the
    checks after it still run where they can."""

    def __init__(self, program: Path, tmp: Path) -> None:
        self.program = program
        self.tmp = tmp
        self.journal = tmp / "journal"
        gui = program.with_name("reflect-app.exe")  # Windows: the windowed twin
        self.gui = gui if gui.is_file() else program
        self.env = {
            **os.environ,
            "REFLECT_PASSPHRASE": PASSPHRASE,
            "REFLECT_PDF_PASSWORD": PDF_PASSWORD,
            # Settings, logs and caches of the run stay in the throwaway folder (Linux).
            "XDG_CONFIG_HOME": str(tmp / "config"),
            "XDG_DATA_HOME": str(tmp / "data"),
            "XDG_STATE_HOME": str(tmp / "state"),
            "XDG_CACHE_HOME": str(tmp / "cache"),
            "QT_QPA_PLATFORM": "offscreen",
        }
        self.env.pop("REFLECT_JOURNAL", None)
        self.results: list[tuple[str, bool, str]] = []

    def run(self, *args: str, stdin: str = "", program: Path | None = None,
            timeout: float = 120, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(program or self.program), "--journal", str(self.journal), *args],
            input=stdin, capture_output=True, text=True, timeout=timeout,
            env={**self.env, **env}, cwd=self.tmp)

    def check(self, name: str, test: Callable[[], str]) -> None:
        started = time.monotonic()
        try:
            detail = test()
            ok = True
        except Exception as exc:  # every failure is reported, then the next check runs
            detail, ok = f"{type(exc).__name__}: {exc}", False
        seconds = time.monotonic() - started
        self.results.append((name, ok, detail))
        note = f": {detail}" if detail else ""
        print(f"{'ok  ' if ok else 'FAIL'} {name} ({seconds:.1f} s){note}", flush=True)

    @staticmethod
    def expect(result: subprocess.CompletedProcess[str], code: int = 0) -> None:
        if result.returncode != code:
            raise AssertionError(f"exit {result.returncode}, wanted {code}; stderr: "
                                 f"{result.stderr.strip()[-600:]}")
        if "Traceback" in result.stderr:
            raise AssertionError(f"a traceback on stderr: {result.stderr[-600:]}")

    # -- the checks -------------------------------------------------------------------------

    def version(self) -> str:
        result = subprocess.run([str(self.program), "--version"], capture_output=True,
                                text=True, timeout=60, env=self.env)
        self.expect(result)
        wanted = expected_version()
        text = result.stdout.strip()
        if not re.fullmatch(r"reflect \S+", text) or (wanted and text != f"reflect {wanted}"):
            raise AssertionError(f"printed {text!r}, wanted 'reflect {wanted}'")
        return text

    def init(self) -> str:
        result = self.run("init")
        self.expect(result)
        key = result.stdout.strip()
        if len(key) < 20:
            raise AssertionError(f"no recovery key on stdout: {result.stdout!r}")
        missing = [n for n in ("journal.db", "journal.keys") if not (self.journal / n).is_file()]
        if missing:
            raise AssertionError(f"missing after init: {', '.join(missing)}")
        return "journal created, recovery key printed"

    def add(self) -> str:
        body = f"Supervision went well today.\n\nA {MARKER} by the canal on the way in.\n"
        self.expect(self.run("add", "--title", "Frozen smoke", "--tag", "smoke", stdin=body))
        return ""

    def search(self) -> str:
        result = self.run("search", MARKER)
        self.expect(result)
        if "Frozen smoke" not in result.stdout:
            raise AssertionError(f"the entry was not found: {result.stdout!r}")
        return "found the entry"

    def check_journal(self) -> str:
        result = self.run("check")
        self.expect(result)
        return result.stdout.strip()

    def backup(self) -> str:
        target = self.tmp / "backups"
        result = self.run("backup", str(target))
        self.expect(result)
        made = Path(result.stdout.strip().splitlines()[-1])
        if not (made / "journal.db").is_file() or not (made / "journal.keys").is_file():
            raise AssertionError(f"no journal.db and journal.keys in {made}")
        return f"copy in {made.name}"

    def pdf(self) -> str:
        from pypdf import PdfReader

        out = self.tmp / "mentor-pack.pdf"
        result = self.run("export", "--format", "pdf", "--output", str(out),
                          "--password-env", "REFLECT_PDF_PASSWORD", "--name", "Sam Smoke")
        self.expect(result)
        reader = PdfReader(out)
        if not reader.is_encrypted:
            raise AssertionError(f"{out.name} is not encrypted")
        if PdfReader(out).decrypt("not-the-password") != 0:
            raise AssertionError("a wrong password opened the PDF")
        if reader.decrypt(PDF_PASSWORD) == 0:
            raise AssertionError("the password did not open the PDF")
        text = reader.pages[0].extract_text() or ""
        if "Sam Smoke" not in text:
            raise AssertionError(f"the cover does not name the leader: {text[:200]!r}")
        algorithm = reader.trailer["/Encrypt"].get_object().get("/V")
        if algorithm != 5:  # V5 is AES-256
            raise AssertionError(f"encrypted with /V {algorithm}, not AES-256 (/V 5)")
        return f"{len(reader.pages)} pages, AES-256, opens with the password only"

    def feedback(self) -> str:
        """A 360 round's form: the rater wording (resources/rater_wording.toml) and the
        fillable form's fields must be in the bundle."""
        from pypdf import PdfReader

        self.expect(self.run("feedback", "round", "new", "Smoke 360", "--invite", "peer=1"))
        out = self.tmp / "rater-form.pdf"
        self.expect(self.run("feedback", "form", "--round", "Smoke 360", "--output", str(out)))
        reader = PdfReader(out)
        fields = reader.get_fields() or {}
        if "rater_group" not in fields or not any(n.startswith("score_") for n in fields):
            raise AssertionError(f"the form has no rating fields: {sorted(fields)[:8]}")
        text = " ".join((page.extract_text() or "") for page in reader.pages)
        if "Adapted from SFPC Workbook 1" not in text:
            raise AssertionError(f"the rater wording is missing: {text[:200]!r}")
        return f"{len(fields)} fields, {len(reader.pages)} pages"

    def spell(self) -> str:
        """The bundled en_GB dictionary loads in the frozen app (PyInstaller must carry it)."""
        result = self.run("spell", "We recieve the colour chart and organise the programme",
                          timeout=180)
        self.expect(result, 12)
        if not result.stdout.startswith("recieve (line 1, column 4): try receive"):
            raise AssertionError(f"unexpected answer: {result.stdout!r}")
        if any(w in result.stdout for w in ("colour", "organise", "programme")):
            raise AssertionError(f"British spellings were flagged: {result.stdout!r}")
        return "British English dictionary loaded; 'recieve' flagged, 'colour' accepted"

    def demo(self) -> str:
        shot = self.tmp / "demo.png"
        result = self.run("--demo", program=self.gui, timeout=180,
                          REFLECT_SCREENSHOT=str(shot))
        self.expect(result)
        if not shot.is_file():
            raise AssertionError("no screenshot was written")
        return describe_screenshot(shot)


def describe_screenshot(path: Path) -> str:
    """Not blank: a real window has text, frames and a status bar, so many colours; a blank
    or failed render is one or two."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QImage

    _app = QGuiApplication.instance() or QGuiApplication([])
    image = QImage(str(path))
    if image.isNull():
        raise AssertionError(f"{path.name} is not a readable image")
    if image.width() < 400 or image.height() < 300:
        raise AssertionError(f"the window is only {image.width()}x{image.height()}")
    colours = set()
    step = 4
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            colours.add(image.pixel(x, y))
    if len(colours) < 16:
        raise AssertionError(f"the screenshot looks blank: {len(colours)} colours")
    return f"{image.width()}x{image.height()}, {len(colours)} colours"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    program = find_program(args[0] if args else None)
    print(f"smoke_frozen: testing {program}", flush=True)
    with tempfile.TemporaryDirectory(prefix="reflect-smoke-") as tmp:
        smoke = Smoke(program, Path(tmp))
        smoke.check("--version", smoke.version)
        smoke.check("init", smoke.init)
        if smoke.results[-1][1]:  # the rest needs the journal
            smoke.check("add", smoke.add)
            smoke.check("search", smoke.search)
            smoke.check("check", smoke.check_journal)
            smoke.check("backup", smoke.backup)
            smoke.check("export --format pdf --password-env", smoke.pdf)
            smoke.check("feedback round and form (360)", smoke.feedback)
        smoke.check("spell (the bundled dictionary)", smoke.spell)
        smoke.check("--demo offscreen screenshot", smoke.demo)
    failed = sum(1 for _name, ok, _detail in smoke.results if not ok)
    print(f"smoke_frozen: {len(smoke.results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Hostile entries through the real program (issue 10, cases 6 and 7): no entry blocks the
mentor pack or the Markdown export, and an import line with 200,000 tags is reported, not
ground through for minutes."""

from __future__ import annotations

import json

from pypdf import PdfReader

from reflect.journal.journal import Journal
from reflect.store.envelope import KdfParams
from tests.common.test_markdown_nesting import HOSTILE
from tests.conftest import PASSPHRASE
from tests.e2e.conftest import run


def _journal_with(folder, lines, tmp_path) -> None:
    Journal.create(folder, PASSPHRASE, KdfParams.cheap())[0].close()
    source = tmp_path / "in.jsonl"
    source.write_text("".join(line + "\n" for line in lines))
    result = run(folder, "import", str(source))
    assert result.returncode in (0, 10), result.stderr


def test_the_mentor_pack_takes_every_hostile_shared_entry(journal_dir, tmp_path):
    lines = [json.dumps({"title": f"Hostile {name}", "body": body, "share_with_mentor": True})
             for name, body in HOSTILE.items()]
    _journal_with(journal_dir, lines, tmp_path)
    out = tmp_path / "pack.pdf"
    result = run(journal_dir, "export", "--format", "pdf", "--include-shared", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(out)).pages).split())
    for name in HOSTILE:
        assert f"Hostile {name}" in text
    assert "item399" in text and "v299" in text


def test_the_markdown_export_takes_deeply_nested_sections(journal_dir, tmp_path):
    deep = '{"a": ' * 400 + '"leaf words"' + "}" * 400
    nested_list = "[" * 800 + '"list leaf"' + "]" * 800
    lines = ['{"title": "Deep", "body": "x", "sections": {"notes": ' + deep + ', "list": '
             + nested_list + "}}"]
    _journal_with(journal_dir, lines, tmp_path)
    out = tmp_path / "journal.md"
    result = run(journal_dir, "export", "--format", "md", "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text()
    assert "### Notes\n\n- a: a: a:" in text and "leaf words" in text and "list leaf" in text


def test_an_import_line_with_200000_tags_is_reported_and_the_rest_imported(journal_dir,
                                                                          tmp_path):
    Journal.create(journal_dir, PASSPHRASE, KdfParams.cheap())[0].close()
    source = tmp_path / "in.jsonl"
    tags = [f"tag{i}" for i in range(200_000)]
    source.write_text(json.dumps({"title": "Fine", "tags": ["ok"]}) + "\n"
                      + json.dumps({"title": "Tag storm", "tags": tags}) + "\n")
    result = run(journal_dir, "import", str(source))
    assert result.returncode == 10, result.stderr
    assert "line 2: too many tags (200,000; at most 50 per entry)" in result.stderr
    listed = run(journal_dir, "list").stdout
    assert "Fine" in listed and "Tag storm" not in listed

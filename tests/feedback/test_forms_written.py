"""A round's forms written to files: one fillable form per form sent, each with its own id
and the round's uid, named so the leader can tell them apart; or all on paper in one file.
An existing file is never replaced, and a read-only folder or a disk that fills part-way
leaves no form behind."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from reflect.common.errors import WriteFailed
from reflect.feedback import form_fields as ff
from reflect.feedback import forms, rounds
from reflect.feedback.rounds import FeedbackError, FormsExist, create_round
from reflect.profile import ratings as profile
from tests.e2e.test_cli_media import _mount, tmpfs  # noqa: F401 - the fixture


def _fields(path: Path) -> dict[str, str]:
    found = PdfReader(io.BytesIO(path.read_bytes())).get_fields() or {}
    return {name: str(f.get("/V", "")) for name, f in found.items()}


def _text(path: Path) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(path).pages)


@pytest.fixture
def out(tmp_path) -> Path:
    folder = tmp_path / "forms"  # beside the journal's folder, not holding it
    folder.mkdir()
    return folder


@pytest.fixture
def autumn(new_journal):
    return create_round(new_journal, "Autumn 360", {"peer": 2, "team member": 1},
                        opened_on=date(2026, 11, 3))


def test_one_fillable_form_per_form_sent_each_with_its_own_id(new_journal, autumn, out):
    profile.set_leader_name(new_journal, "Sam Okafor")
    seen: list[tuple[int, int]] = []
    written = forms.write_forms(new_journal, autumn, out,
                                progress=lambda done, total: seen.append((done, total)))
    assert [p.name for p in written] == [f"Autumn 360 - form 0{i} of 3.pdf" for i in (1, 2, 3)]
    assert sorted(out.iterdir()) == written
    assert seen == [(1, 3), (2, 3), (3, 3)]
    fields = [_fields(p) for p in written]
    assert {f[ff.ROUND_FIELD] for f in fields} == {autumn.uid}
    assert len({f[ff.FORM_ID_FIELD] for f in fields}) == 3
    assert all(ff.score_field("values_driven") in f for f in fields)
    assert "Sam Okafor" in _text(written[0])  # the stored name


def test_a_name_given_wins_and_none_stored_reads_this_leader(new_journal, autumn, out):
    one = forms.write_form(new_journal, autumn, out / "for Jo.pdf", leader_name="Jo Bloggs")
    assert "Jo Bloggs" in _text(one)
    plain = forms.write_form(new_journal, autumn, out / "plain.pdf")
    assert "this leader" in _text(plain).lower()
    assert _fields(one)[ff.FORM_ID_FIELD] != _fields(plain)[ff.FORM_ID_FIELD]


def test_paper_puts_every_form_in_one_printable_file(new_journal, autumn, out):
    written = forms.write_forms(new_journal, autumn, out, paper=True)
    assert [p.name for p in written] == ["Autumn 360 - 3 forms to print.pdf"]
    reader = PdfReader(written[0])
    assert not reader.get_fields()  # boxes to tick, not fields
    assert reader.metadata[ff.ROUND_PROPERTY] == autumn.uid
    assert len(reader.metadata[ff.FORM_ID_PROPERTY].split()) == 3


def test_an_existing_file_is_never_replaced_and_nothing_is_written(new_journal, autumn, out):
    there = out / "Autumn 360 - form 02 of 3.pdf"
    there.write_bytes(b"the form already sent to a peer")
    with pytest.raises(FormsExist) as caught:
        forms.write_forms(new_journal, autumn, out)
    assert str(there) in str(caught.value) and caught.value.exit_code == 8
    assert list(out.iterdir()) == [there]
    assert there.read_bytes() == b"the form already sent to a peer"
    with pytest.raises(FormsExist):
        forms.write_form(new_journal, autumn, there)
    assert there.read_bytes() == b"the form already sent to a peer"


@pytest.mark.parametrize("name, stem", [
    ('Q3: "peers/team" <360>?', "Q3 peers team 360"),
    ("CON", "Round CON"),
    ("Autumn 360...", "Autumn 360"),
    ("x" * 80, "x" * 60),
])
def test_file_names_are_safe_on_windows_too(new_journal, out, name, stem):
    made = create_round(new_journal, name, {"peer": 1})
    assert forms.form_file_names(made) == [f"{stem} - form 01 of 1.pdf"]
    assert forms.write_forms(new_journal, made, out)[0].parent == out


def test_a_closed_round_or_a_missing_folder_writes_nothing(new_journal, autumn, out):
    with pytest.raises(FeedbackError, match="does not exist"):
        forms.write_forms(new_journal, autumn, out / "gone")
    assert not (out / "gone").exists()
    closed = rounds.close_round(new_journal, "Autumn 360", date(2026, 12, 1))
    with pytest.raises(FeedbackError, match="reopen it"):
        forms.write_forms(new_journal, closed, out)
    assert list(out.iterdir()) == []


def test_a_read_only_folder_is_named_and_no_form_is_left(new_journal, autumn, tmpfs):  # noqa: F811
    media = tmpfs()
    if not _mount("-o", "remount,ro", str(media)):
        pytest.skip("remounting read-only is not permitted here")
    with pytest.raises(WriteFailed) as caught:
        forms.write_forms(new_journal, autumn, media)
    assert str(media) in str(caught.value) and "read-only" in str(caught.value)
    assert list(media.iterdir()) == []


def test_a_disk_full_part_way_leaves_no_form_behind(new_journal, autumn, tmpfs):  # noqa: F811
    drive = tmpfs("150k")  # room for one form, not three
    with pytest.raises(WriteFailed) as caught:
        forms.write_forms(new_journal, autumn, drive)
    assert "disk is full" in str(caught.value)
    assert list(drive.iterdir()) == []

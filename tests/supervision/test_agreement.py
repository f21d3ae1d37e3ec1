"""Agreeing a record, without a window: the supervisee's fillable PDF read back with pypdf
(no sensitive or supervisor-only words, the fields there), filled in as the supervisee would
and taken in; another record's PDF, a damaged, empty, encrypted or foreign one refused with
nothing changed; the records Home lists as not agreed after the set days; ``audience`` in
the template loader."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen.canvas import Canvas

from reflect.content.templates import load_templates, parse_template, to_toml
from reflect.content.toml_source import ContentError
from reflect.supervision.agreement import (
    AGREEMENT_KEY,
    Agreement,
    Comment,
    agreement_of,
    awaiting_in,
    store,
)
from reflect.supervision.record_export import COMMENTS_HEADING
from reflect.supervision.records import Supervision
from reflect.supervision.supervisee_copy import (
    AGREED_FIELD,
    COMMENTS_FIELD,
    DATE_FIELD,
    NAME_FIELD,
    RECORD_FIELD,
    ReturnedPdfError,
    apply_returned,
    export_supervisee_pdf,
    read_returned,
    supervisee_print_markdown,
)

MARCH = date(2026, 3, 3)
WELLBEING = "Sleeping badly since the court hearing."
OWN_NOTES = "Watch for burnout; raise the caseload with my manager."
CHALLENGE = "Wren felt the threshold was met; I was not sure. We agreed to ask the IRO."


def _text(path: Path) -> str:
    reader = PdfReader(str(path))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def fill(path: Path, out: Path, **values: str) -> Path:
    """As the supervisee does in their PDF reader: type into the fields, tick, save."""
    writer = PdfWriter(clone_from=PdfReader(str(path)))
    for page in writer.pages:
        if "/Annots" in page:
            writer.update_page_form_field_values(page, values, auto_regenerate=False)
    with open(out, "wb") as handle:
        writer.write(handle)
    return out


@pytest.fixture
def sup(new_journal):
    return Supervision(new_journal)


def _record(sup: Supervision, name: str = "Wren", on: date = MARCH):
    person = sup.add_supervisee(name, role="Social worker")
    start = sup.start_record(person.id, "one_to_one", happened_on=on)
    start.entry.sections.update(challenge=CHALLENGE, wellbeing=WELLBEING,
                                supervisor_notes=OWN_NOTES)
    return sup.save_record(start.entry, [])


def test_the_supervisees_pdf_leaves_out_sensitive_and_own_notes_and_has_the_fields(
        sup, tmp_path):
    record = sup.record(_record(sup).entry.id)
    path = export_supervisee_pdf(record, tmp_path / "copy.pdf")
    text = _text(path)
    assert CHALLENGE in text and "Your comments and agreement" in text
    assert "I agree this is an accurate record" in text
    assert WELLBEING not in text and "Wellbeing" not in text
    assert OWN_NOTES not in text and "Supervisor's own notes" not in text
    reader = PdfReader(str(path))
    fields = reader.get_fields()
    assert {COMMENTS_FIELD, AGREED_FIELD, NAME_FIELD, DATE_FIELD} <= set(fields)
    assert fields[RECORD_FIELD]["/V"] == record.entry.uid
    assert reader.metadata["/ReflectRecord"] == record.entry.uid
    # The supervisor's own copy still has their notes.
    assert OWN_NOTES in sup.record_markdown(record.entry.id)


def test_the_printout_has_the_same_words_and_lines_to_write_on(sup):
    entry_id = _record(sup).entry.id
    text = supervisee_print_markdown(sup, entry_id)
    assert CHALLENGE in text and "☐ I agree this is an accurate record" in text
    assert WELLBEING not in text and OWN_NOTES not in text


def test_a_filled_pdf_is_read_back_and_taken_in_dated(sup, tmp_path):
    record = sup.record(_record(sup).entry.id)
    copy = export_supervisee_pdf(record, tmp_path / "copy.pdf")
    filled = fill(copy, tmp_path / "returned.pdf", **{
        COMMENTS_FIELD: "The IRO point is right, but I'd add the school's view.",
        AGREED_FIELD: "/Yes", NAME_FIELD: "WR", DATE_FIELD: "6/3/2026"})
    returned = read_returned(filled, record.entry.uid, today=date(2026, 3, 9))
    assert (returned.agreed, returned.on, returned.dated, returned.name) == (
        True, date(2026, 3, 6), True, "WR")
    saved = apply_returned(sup, record.entry.id, returned)
    agreement = agreement_of(sup.record(saved.entry.id).entry)
    assert agreement.agreed_on == date(2026, 3, 6) and agreement.shared_on == date(2026, 3, 6)
    assert [(c.on, c.text, c.via) for c in agreement.comments] == [
        (date(2026, 3, 6), "The IRO point is right, but I'd add the school's view.", "pdf")]
    # Read twice, it counts once; the export shows the comments, dated.
    apply_returned(sup, record.entry.id, returned)
    assert len(agreement_of(sup.record(record.entry.id).entry).comments) == 1
    markdown = sup.record_markdown(record.entry.id)
    assert COMMENTS_HEADING in markdown and "6 March 2026, from the returned PDF" in markdown
    assert "Agreed on 6 March 2026" in markdown and "{" not in markdown


def test_comments_without_agreement_are_kept_and_the_record_stays_unagreed(sup, tmp_path):
    record = sup.record(_record(sup).entry.id)
    copy = export_supervisee_pdf(record, tmp_path / "copy.pdf")
    filled = fill(copy, tmp_path / "returned.pdf",
                  **{COMMENTS_FIELD: "I don't agree the visit was late.", DATE_FIELD: "soon"})
    returned = read_returned(filled, record.entry.uid, today=date(2026, 3, 9))
    assert (returned.agreed, returned.on, returned.dated) == (False, date(2026, 3, 9), False)
    apply_returned(sup, record.entry.id, returned)
    agreement = agreement_of(sup.record(record.entry.id).entry)
    assert agreement.agreed_on is None and len(agreement.comments) == 1


def test_the_pdf_of_another_record_is_refused_and_nothing_changes(sup, tmp_path):
    ours = sup.record(_record(sup).entry.id)
    theirs = sup.record(_record(sup, "Kestrel").entry.id)
    copy = export_supervisee_pdf(theirs, tmp_path / "kestrel.pdf")
    filled = fill(copy, tmp_path / "kestrel-returned.pdf",
                  **{COMMENTS_FIELD: "Fine by me.", AGREED_FIELD: "/Yes"})
    with pytest.raises(ReturnedPdfError) as refused:
        read_returned(filled, ours.entry.uid, "One-to-one reflective supervision — Wren")
    assert str(refused.value).startswith("kestrel-returned.pdf is the comments form of "
                                         "another record (“One-to-one reflective supervision "
                                         "— Kestrel”)")
    assert AGREEMENT_KEY not in (sup.record(ours.entry.id).entry.sections or {})


def _foreign_pdf(path: Path) -> Path:
    canvas = Canvas(str(path))
    canvas.drawString(72, 720, "A council leaflet, not a Reflect form.")
    canvas.acroForm.textfield(name="comments", value="Looks like ours", x=72, y=600)
    canvas.save()
    return path


def _encrypted_pdf(sup, path: Path) -> Path:
    record = sup.record(_record(sup, "Heron").entry.id)
    copy = export_supervisee_pdf(record, path.with_suffix(".plain.pdf"))
    writer = PdfWriter(clone_from=PdfReader(str(copy)))
    writer.encrypt("secret", algorithm="AES-256")
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


@pytest.mark.parametrize(("kind", "says"), [
    ("empty", "returned.pdf is empty"),
    ("damaged", "returned.pdf is damaged or not a PDF"),
    ("truncated", "returned.pdf is"),
    ("foreign", "returned.pdf is not a comments form exported by Reflect"),
    ("encrypted", "returned.pdf is password-protected"),
    ("blank", "returned.pdf has no comments and the agreement box is not ticked"),
    ("missing", "returned.pdf could not be read"),
])
def test_a_bad_pdf_is_refused_naming_the_file(sup, tmp_path, kind, says):
    record = sup.record(_record(sup).entry.id)
    path = tmp_path / "returned.pdf"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "damaged":
        path.write_bytes(b"%PDF-1.7\n\x00\xff garbage " * 50)
    elif kind == "truncated":
        good = export_supervisee_pdf(record, tmp_path / "copy.pdf").read_bytes()
        path.write_bytes(good[: len(good) // 3])
    elif kind == "foreign":
        _foreign_pdf(path)
    elif kind == "encrypted":
        _encrypted_pdf(sup, path)
    elif kind == "blank":
        export_supervisee_pdf(record, path)
    before = dict(sup.record(record.entry.id).entry.sections or {})
    with pytest.raises(ReturnedPdfError) as refused:
        read_returned(path, record.entry.uid)
    assert str(refused.value).startswith(says), str(refused.value)
    assert str(refused.value).count(".") >= 1 and "\n" not in str(refused.value)
    assert dict(sup.record(record.entry.id).entry.sections or {}) == before


def test_records_not_agreed_after_the_set_days(sup):
    today = date(2026, 3, 20)
    old = _record(sup, "Wren", today - timedelta(days=12)).entry
    recent = _record(sup, "Kestrel", today - timedelta(days=3)).entry
    agreed = _record(sup, "Heron", today - timedelta(days=30)).entry
    sup.save_record(store(sup.record(agreed.id).entry,
                          Agreement(agreed_on=today - timedelta(days=25))), [])
    shared = store(sup.record(old.id).entry, Agreement(
        shared_on=today - timedelta(days=10), comments=(Comment(today, "Later."),)))
    sup.save_record(shared, [])
    own = sup.start_record(None, "my_supervision", today - timedelta(days=40))
    sup.save_record(own.entry, [])  # the leader's own supervision has no supervisee
    listed = awaiting_in(sup.journal, today, 7)
    assert [(a.entry_id, a.days) for a in listed] == [(old.id, 12)]
    assert listed[0].agreement.shared_on == today - timedelta(days=10)
    assert [a.entry_id for a in awaiting_in(sup.journal, today, 2)] == [old.id, recent.id]
    assert awaiting_in(sup.journal, today, 14) == []


def test_a_cancelled_or_moved_session_has_nothing_to_agree(sup):
    """Logged from the supervisee's page, it is a light record of its own: Home once listed
    it among the records not agreed, for ever."""
    from reflect.supervision.sessions import CANCELLED, MOVED, log_session

    today = date(2026, 3, 20)
    held = _record(sup, "Wren", today - timedelta(days=20)).entry
    log_session(sup, held.person_id, CANCELLED, today - timedelta(days=12), "Wren was ill.")
    log_session(sup, held.person_id, MOVED, today - timedelta(days=10), "Court day.",
                moved_to=today - timedelta(days=9))
    assert [a.entry_id for a in awaiting_in(sup.journal, today, 7)] == [held.id]


def test_audience_is_validated_and_written_back(tmp_path):
    one_to_one = load_templates().by_id("one_to_one")
    assert one_to_one is not None
    assert one_to_one.section("supervisor_notes").audience == "supervisor"
    text = to_toml(one_to_one)
    assert 'audience = "supervisor"' in text
    assert parse_template(tomllib.loads(text), text, tmp_path / "x.toml", False).section(
        "supervisor_notes").audience == "supervisor"
    base = 'id = "t"\nname = "T"\nkind = "supervision"\n\n[[sections]]\nid = "a"\n' \
           'title = "A"\ntype = "{type}"\naudience = "{audience}"\n'
    for kind, audience, message in (
            ("text", "mentor", "section 'a': unknown audience 'mentor'"),
            ("actions", "supervisor", "a 'actions' section is shared with the supervisee")):
        raw = base.format(type=kind, audience=audience)
        with pytest.raises(ContentError) as bad:
            parse_template(tomllib.loads(raw), raw, tmp_path / "t.toml", False)
        assert str(bad.value).startswith("t.toml, line 9: ") and message in str(bad.value)


def test_odd_stored_values_read_as_nothing(sup):
    entry = _record(sup).entry
    entry.sections = {**entry.sections, AGREEMENT_KEY: {"shared_on": "soon", "comments": [
        "x", {"on": "2026-03-04", "text": ""}, {"on": "2026-03-05", "text": "Kept."}]}}
    agreement = agreement_of(entry)
    assert agreement.shared_on is None and [c.text for c in agreement.comments] == ["Kept."]

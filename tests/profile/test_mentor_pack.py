"""The mentor pack from a real encrypted journal, read back from the PDF with pypdf."""

import io
import os
import re
import stat
import zlib
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

from reflect.profile import mentor_pack
from reflect.profile import ratings as profile
from reflect.profile.mentor_pack import PackOptions
from reflect.store.entries import utc_now
from reflect.store.models import Action, Person

TODAY = date.today()
IDS = [a.id for a in profile.attributes()]


def pdf_text(path, password=None) -> str:
    reader = PdfReader(str(path))
    if password is not None:
        reader.decrypt(password)
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def journal(new_journal):
    j = new_journal
    profile.set_leader_name(j, "Alex Morgan")
    profile.rate(j, {"values_driven": 3, "child_centred_decisions": 3, "changing_practice": 2,
                     "partnerships": 1, "corporate_buy_in": 2},
                 rated_on=TODAY - timedelta(days=200))
    profile.rate(j, {"values_driven": 5, "child_centred_decisions": 4, "changing_practice": 3,
                     "partnerships": 2, "corporate_buy_in": 1}, rated_on=TODAY - timedelta(days=10),
                 notes={"partnerships": "Joint panel with health is helping"})
    profile.rate(j, dict.fromkeys(IDS, 5), kind="target", rated_on=TODAY - timedelta(days=10))
    for group in ("peer", "line manager"):
        profile.rate(j, {"values_driven": 3, "partnerships": 4}, kind="other", rater_group=group,
                     rated_on=TODAY - timedelta(days=20))
    j.ids = {
        "shared": j.add_entry("Quiet voices in the team meeting",
                              "## What I noticed\n\nI asked the *quietest* person first.\n\n"
                              "- agenda of three items\n- **check back** in a month\n",
                              share_with_mentor=True, happened_on=TODAY - timedelta(days=5),
                              attributes=["changing_practice"]).id,
        "private": j.add_entry("Unshared musing about budgets", "Nobody else sees this.",
                               happened_on=TODAY - timedelta(days=4)).id,
        "sensitive": j.add_entry("Grief after the inquest", "Sensitive words stay home.",
                                 share_with_mentor=True, sensitive=True,
                                 happened_on=TODAY - timedelta(days=3)).id,
        "supervision": j.add_entry("Supervision with Kestrel", "Case detail about a child.",
                                   kind="supervision", share_with_mentor=True,
                                   happened_on=TODAY - timedelta(days=2)).id,
        "coaching": j.add_entry(
            "Coaching session preparation", "", kind="coaching", template_id="coaching_prep",
            sections={"goals": "Leave with a way to reach the lead member",
                      "accomplished": "Ran the first joint panel", "confidence": 6},
            happened_on=TODAY - timedelta(days=1)).id,
        "old": j.add_entry("Shared long ago", "Ancient history.", share_with_mentor=True,
                           happened_on=TODAY - timedelta(days=800)).id,
    }
    return j


def options(j, **changes) -> PackOptions:
    base = dict(date_from=TODAY - timedelta(days=365), date_to=TODAY, leader_name="Alex Morgan",
                entry_ids=mentor_pack.default_selection(
                    mentor_pack.candidates(j, TODAY - timedelta(days=365), TODAY)))
    base.update(changes)
    return PackOptions(**base)


def test_shared_and_coaching_entries_are_pre_ticked_but_never_sensitive_or_supervision(journal):
    found = {c.entry_id: c for c in
             mentor_pack.candidates(journal, TODAY - timedelta(days=365), TODAY)}
    ids = journal.ids
    assert ids["old"] not in found  # outside the period
    assert set(mentor_pack.default_selection(found.values())) == {ids["shared"], ids["coaching"]}
    assert found[ids["sensitive"]].caution == "Marked sensitive"
    assert found[ids["supervision"]].caution.startswith("Supervision record")
    assert found[ids["private"]].caution == ""
    assert mentor_pack.selection_for(found.values(), include_shared=False) == ()


def test_pack_holds_profile_and_ticked_reflections_only(journal, tmp_path):
    out = tmp_path / "pack.pdf"
    result = mentor_pack.export(journal, options(journal), out)
    text = pdf_text(out)
    words = flat(text)
    for attribute in profile.attributes():
        assert attribute.short_name in text
        assert flat(attribute.name) in words
    # Scores: the table row for Values reads self 5, previous 3, change +1 ... others 3.
    assert re.search(r"Values\s.*?\s5\s+3\s+\+2\s+5\s+0\s+3\s", words)
    assert "Blind spot" in text and "Hidden strength" in text
    assert "Quiet voices in the team meeting" in text
    assert "I asked the quietest person first." in words
    assert "agenda of three items" in text and "check back in a month" in words
    assert "Leave with a way to reach the lead member" in words  # coaching goals
    assert "6 out of 10" in text
    assert "Joint panel with health is helping" in words  # attribute note
    for absent in ("Unshared musing", "Nobody else sees", "Grief after", "Sensitive words",
                   "Kestrel", "Case detail", "Shared long ago"):
        assert absent not in text
    assert "Alex Morgan" in text and "Page 1 of" in text
    assert result.pages == len(PdfReader(str(out)).pages) >= 4
    assert not result.encrypted


def test_sensitive_entries_and_records_go_in_only_when_ticked_one_by_one(journal, tmp_path):
    ids = journal.ids
    out = tmp_path / "pack.pdf"
    mentor_pack.export(journal, options(journal, entry_ids=(ids["sensitive"],
                                                            ids["supervision"])), out)
    text = pdf_text(out)
    assert "Sensitive words stay home." in text and "Case detail about a child." in text
    assert "Quiet voices" not in text  # not ticked this time
    plan = mentor_pack.plan(journal, options(journal, entry_ids=(ids["sensitive"],
                                                                 ids["supervision"])))
    warnings = [item.warning for item in plan.items if item.warning]
    assert any("sensitive entry" in w for w in warnings)
    assert any("supervision record" in w for w in warnings)


def test_sensitive_template_sections_need_their_own_tick(journal, tmp_path):
    entry = journal.add_entry("A Gibbs reflection", "", template_id="gibbs",
                              share_with_mentor=True, happened_on=TODAY,
                              sections={"description": "The review meeting overran",
                                        "feelings": "I felt ashamed and exposed",
                                        "conclusion": "Prepare the chair beforehand"})
    chosen = options(journal, entry_ids=(entry.id,))
    out = tmp_path / "pack.pdf"
    mentor_pack.export(journal, chosen, out)
    text = pdf_text(out)
    assert "The review meeting overran" in text and "Prepare the chair beforehand" in text
    assert "ashamed" not in text
    item = next(i for i in mentor_pack.plan(journal, chosen).items if "Gibbs" in i.text)
    assert "left out as sensitive" in item.warning
    mentor_pack.export(journal, options(journal, entry_ids=(entry.id,),
                                        sensitive_sections_for=(entry.id,)), out)
    assert "I felt ashamed and exposed" in pdf_text(out)


def test_plan_lists_everything_before_anything_is_written(journal, tmp_path):
    before = set(tmp_path.iterdir())
    plan = mentor_pack.plan(journal, options(journal))
    assert set(tmp_path.iterdir()) == before
    lines = plan.lines()
    assert lines[0].startswith("Brief (page 1): Leadership development: mentor pack for Alex "
                               "Morgan")
    assert "Leadership profile: radar and scores table (5 of 5 attributes self-rated)" in lines
    assert any("Quiet voices in the team meeting" in line for line in lines)
    assert any(line.startswith("Coaching preparation:") for line in lines)
    assert not any("Unshared" in line or "Grief" in line for line in lines)
    assert "Open development actions: 0 open" in lines
    assert lines[-1] == "Notes from the session: a ruled last page to write on"


def test_open_development_actions_are_the_leaders_own(journal, tmp_path):
    now = utc_now()
    with journal.vault.session() as session:
        person = Person(code_name="Kestrel", created_at=now)
        session.add(person)
        session.flush()
        session.add_all([
            Action(description="Shadow the partnership manager", owner="me",
                   due_on=TODAY - timedelta(days=2), entry_id=journal.ids["coaching"],
                   created_at=now),
            Action(description="Read the practice framework", owner="me", created_at=now),
            Action(description="Kestrel to visit the family", person_id=person.id,
                   entry_id=journal.ids["supervision"], created_at=now),
            Action(description="Already finished this", status="done", created_at=now),
            Action(description="From a sensitive entry", entry_id=journal.ids["sensitive"],
                   created_at=now),
        ])
    found = mentor_pack.action_candidates(journal)
    assert [a.description for a in found] == ["Shadow the partnership manager",
                                              "Read the practice framework"]
    out = tmp_path / "pack.pdf"
    mentor_pack.export(journal, options(journal), out)
    text = flat(pdf_text(out))
    assert "Shadow the partnership manager" in text and "overdue" in text
    assert "Read the practice framework" in text
    for absent in ("visit the family", "Already finished", "From a sensitive"):
        assert absent not in text
    mentor_pack.export(journal, options(journal, action_ids=(found[1].action_id,)), out)
    text = flat(pdf_text(out))
    assert "Shadow the partnership" not in text and "Read the practice framework" in text


def test_password_protected_pack_is_aes_256_and_leaks_nothing(journal, tmp_path):
    out = tmp_path / "secret.pdf"
    result = mentor_pack.export(journal, options(journal), out, password="mentor-only 42")
    assert result.encrypted
    reader = PdfReader(str(out))
    assert reader.is_encrypted
    with pytest.raises(FileNotDecryptedError):
        reader.pages[0].extract_text()
    assert PdfReader(str(out)).decrypt("wrong password") == 0
    opened = PdfReader(str(out))
    assert opened.decrypt("mentor-only 42") != 0
    encrypt = opened.trailer["/Encrypt"]
    assert (encrypt["/V"], encrypt["/R"]) == (5, 6)
    assert encrypt["/CF"]["/StdCF"]["/CFM"] == "/AESV3"  # AES-256
    assert "Quiet voices in the team meeting" in pdf_text(out, "mentor-only 42")

    raw = out.read_bytes()
    secrets = ["Quiet voices", "quietest", "Alex Morgan", "Leadership development",
               "Joint panel", "Values", "lead member"]
    for secret in secrets:
        for encoding in ("utf-8", "utf-16-be"):
            assert secret.encode(encoding) not in raw, secret
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", raw, re.S):
        try:
            inflated = zlib.decompress(stream)
        except zlib.error:
            continue  # encrypted: not even deflate data
        assert not any(s.encode() in inflated for s in secrets)


def test_saved_for_the_owner_only_and_replaced_atomically(journal, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "pack.pdf"
    out.write_bytes(b"an older pack")
    mentor_pack.export(journal, options(journal), out)
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert out.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in folder.iterdir()) == ["pack.pdf"]  # no temp file left


@pytest.mark.parametrize("title", ["Zażółć gęślą jaźń", "Příliš žluťoučký kůň úpěl ďábelské ódy",
                                   "Größe Straße, Übermut", "Où est l'été, Noël"])
def test_european_titles_come_out_right(journal, tmp_path, title):
    entry = journal.add_entry(title, f"{title} — body text.", happened_on=TODAY)
    out = tmp_path / "pack.pdf"
    mentor_pack.export(journal, options(journal, title=title, entry_ids=(entry.id,)), out)
    text = pdf_text(out)
    assert text.count(title) >= 3  # cover, running header, the reflection
    fonts = {}
    for page in PdfReader(str(out)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            fonts[str(font["/BaseFont"])] = embedded
    assert fonts and all(fonts.values()), fonts  # every font embedded, none by reference


def test_progress_is_reported_and_a_deleted_tick_is_noted(journal, tmp_path):
    calls = []
    journal.delete_entry(journal.ids["shared"])
    chosen = options(journal, entry_ids=(journal.ids["shared"], journal.ids["coaching"]))
    mentor_pack.export(journal, chosen, tmp_path / "pack.pdf",
                       progress=lambda done, total, message: calls.append((done, total)))
    assert calls and calls[-1][0] == calls[-1][1]
    assert [c[0] for c in calls] == sorted({c[0] for c in calls})  # forward only
    assert any("Not found" in line for line in mentor_pack.plan(journal, chosen).lines())
    assert "Quiet voices" not in pdf_text(tmp_path / "pack.pdf")


def test_an_empty_journal_still_makes_a_pack(new_journal, tmp_path):
    out = tmp_path / "pack.pdf"
    result = mentor_pack.export(new_journal, PackOptions(), out)
    text = pdf_text(out)
    assert "No ratings yet" in text and "all dates" in text
    assert "no self-rating yet" in " ".join(result.plan.lines())


def test_render_needs_no_journal(journal):
    content = mentor_pack.collect(journal, options(journal))
    journal.close()  # rendering runs on a worker from a snapshot
    pdf = mentor_pack.render(content)
    assert any("Quiet voices" in p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_user_text_cannot_smuggle_markup_into_the_pdf(journal, tmp_path):
    nasty = '<img src="/dev/zero"/> <font size="90">big</font> & <b>bold</b>'
    entry = journal.add_entry(nasty, nasty, happened_on=TODAY,
                              sections={"notes": nasty})
    out = tmp_path / "pack.pdf"
    mentor_pack.export(journal, options(journal, title=nasty, leader_name=nasty,
                                        entry_ids=(entry.id,)), out)
    text = pdf_text(out)
    assert text.count('<img src="/dev/zero"/>') >= 4  # cover, name, title, body, section
    assert '<font size="90">big</font> & <b>bold</b>' in text

"""``reviews_own_actions``: set on the leader's own templates, read from the file (not a list
in code), kept by copies, and each mistake named with its line while the rest still load."""

from __future__ import annotations

from pathlib import Path

import pytest

from reflect.content.templates import (
    builtin_templates_dir,
    duplicate_template,
    load_templates,
)

TEXT = '[[sections]]\nid = "notes"\ntitle = "Notes"\nguidance = ""\ntype = "text"\n'
ACTIONS = '[[sections]]\nid = "agreed"\ntitle = "Agreed"\nguidance = ""\ntype = "actions"\n'
WHO = '[[sections]]\nid = "who"\ntitle = "Who"\nguidance = ""\ntype = "supervisee"\n'


def _head(flag: str) -> str:  # lines 1-5, the flag on line 5
    return f'id = "mine"\nname = "Mine"\npurpose = ""\nkind = "coaching"\n{flag}\n\n'


def test_the_leaders_own_templates_review_own_actions_and_no_others():
    result = load_templates([builtin_templates_dir()])
    assert result.errors == ()
    assert {t.id for t in result.templates if t.reviews_own_actions} == {
        "my_supervision", "coaching_prep", "action_learning"}


def test_the_flag_is_read_from_the_file_and_kept_by_a_copy(tmp_path):
    (tmp_path / "mine.toml").write_text(_head("reviews_own_actions = true") + TEXT + "\n"
                                        + ACTIONS, encoding="utf-8")
    (tmp_path / "plain.toml").write_text(_head("").replace('"mine"', '"plain"', 1) + TEXT,
                                         encoding="utf-8")
    result = load_templates([tmp_path])
    assert result.errors == ()
    assert {t.id: t.reviews_own_actions for t in result.templates} == {"mine": True,
                                                                       "plain": False}
    shipped = load_templates([builtin_templates_dir()]).by_id("my_supervision")
    copy = duplicate_template(shipped, "My own supervision", tmp_path / "copies")
    assert "reviews_own_actions = true" in copy.read_text(encoding="utf-8")
    again = load_templates([tmp_path / "copies"])
    assert [t.reviews_own_actions for t in again.templates] == [True]


MISTAKES = [
    ("not_bool", _head('reviews_own_actions = "yes"') + TEXT + "\n" + ACTIONS,
     "must be true or false"),
    ("with_a_supervisee", _head("reviews_own_actions = true") + WHO + "\n" + ACTIONS,
     "for the leader's own records"),
    ("without_actions", _head("reviews_own_actions = true") + TEXT,
     "needs an actions section"),
    ("misspelt", _head("review_own_actions = true") + TEXT + "\n" + ACTIONS,
     "unknown field 'review_own_actions'"),
]


@pytest.mark.parametrize(("case", "text", "words"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_mistake_is_named_with_its_line_and_the_rest_load(tmp_path: Path, case, text,
                                                               words):
    (tmp_path / f"{case}.toml").write_text(text, encoding="utf-8")
    (tmp_path / "z_good.toml").write_text(_head("").replace('"mine"', '"good"', 1) + TEXT,
                                          encoding="utf-8")
    result = load_templates([tmp_path])
    assert [t.id for t in result.templates] == ["good"]
    (error,) = result.errors
    assert str(error).startswith(f"{case}.toml, line 5: "), str(error)
    assert words in error.message

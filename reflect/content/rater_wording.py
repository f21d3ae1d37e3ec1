"""The attribute questions as a rater answers them (``resources/rater_wording.toml``).

Workbook 1 suggests using its self-rating questions "as a 360 degree feedback tool, by slightly
adapting each question". The adapted wording is content, so it lives in a resource beside the
source wording it came from; the loader checks that the source wording is still exactly
``attributes.toml``'s, so the two files cannot drift apart unnoticed. A broken file raises
:class:`ContentError` naming the file and line: the rater form cannot be made without it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reflect.common import paths
from reflect.content.guidance import Quote
from reflect.content.library import Attribute, _Checker, _read, load_attributes
from reflect.content.toml_source import ContentError

__all__ = ["LEADER_FALLBACK", "ContentError", "RaterQuestion", "RaterWording",
           "load_rater_wording", "wording_for"]

RATER_WORDING_FILE = "rater_wording.toml"
LEADER_FALLBACK = "this leader"  # when the form is made without the leader's name

_TOP_KEYS = ("notes", "adapted_from", "source", "five_label", "workbook", "questions")
_QUESTION_KEYS = ("attribute", "question", "five_sounds_like", "source_question",
                  "source_five_sounds_like")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_ALLOWED = {"name", "Name"}


def _fill(template: str, leader_name: str) -> str:
    name = " ".join(leader_name.split()) or LEADER_FALLBACK
    return template.replace("{Name}", name[:1].upper() + name[1:]).replace("{name}", name)


@dataclass(frozen=True)
class RaterQuestion:
    """One attribute's question for raters, with the self-rating wording it was adapted from."""

    attribute_id: str
    question: str  # with {name} / {Name}
    five_sounds_like: tuple[str, ...]
    source_question: str
    source_five_sounds_like: tuple[str, ...]

    def question_for(self, leader_name: str) -> str:
        """The question about this leader ("this leader" when no name is given)."""
        return _fill(self.question, leader_name)

    def five_for(self, leader_name: str) -> tuple[str, ...]:
        return tuple(_fill(text, leader_name) for text in self.five_sounds_like)


@dataclass(frozen=True)
class RaterWording:
    """The whole file: how to credit it, the workbook's own sentence, one question per
    attribute in the attributes' order."""

    adapted_from: str
    source: str
    five_label: str
    workbook: Quote
    questions: tuple[RaterQuestion, ...]
    notes: str = ""

    def question(self, attribute_id: str) -> RaterQuestion:
        return next(q for q in self.questions if q.attribute_id == attribute_id)


def _check_placeholders(check: _Checker, span: tuple[int, int], key: str, texts: Sequence[str],
                        what: str) -> None:
    for text in texts:
        names = _PLACEHOLDER.findall(text)
        stray = [n for n in names if n not in _ALLOWED]
        leftover = _PLACEHOLDER.sub("", text)
        if stray or "{" in leftover or "}" in leftover:
            found = f"{{{stray[0]}}}" if stray else "a stray brace"
            check.fail(check.layout.key_line(span, key),
                       f'{what}: "{key}" has {found}; only {{name}} and {{Name}} may be used')


def load_rater_wording(path: Path | None = None,
                       attributes: Sequence[Attribute] | None = None) -> RaterWording:
    """The rater wording, checked against the attributes (``attributes.toml`` by default)."""
    path = Path(path) if path is not None else paths.resources_dir() / RATER_WORDING_FILE
    known = tuple(attributes) if attributes is not None else load_attributes()
    by_id = {a.id: a for a in known}
    data, text = _read(path)
    check = _Checker(path, text)
    top = check.layout.top()
    for key in data:
        if key not in _TOP_KEYS:  # a misspelt table is named by its header's line
            line = check.layout.table(f"[{key}]")[0] or check.layout.table(f"[[{key}]]")[0]
            check.fail(line or check.layout.key_line(top, key),
                       f'the file has an unknown key "{key}"')
    texts = {key: check.text(data, key, top, "the file") or ""
             for key in ("adapted_from", "source", "five_label")}
    workbook = data.get("workbook")
    workbook_span = check.layout.table("[workbook]")
    if not isinstance(workbook, dict):
        check.fail(workbook_span[0] or check.layout.key_line(top, "workbook"),
                   "needs a [workbook] table with the workbook's own sentence and its source")
    check.no_unknown_keys(workbook, ("text", "source"), workbook_span, "[workbook]")
    quote = Quote(check.text(workbook, "text", workbook_span, "[workbook]") or "",
                  check.text(workbook, "source", workbook_span, "[workbook]") or "")

    entries = check.table_list(data, "questions", "[[questions]]")
    found: dict[str, RaterQuestion] = {}
    first_line: dict[str, int] = {}
    for index, entry in enumerate(entries):
        span = check.layout.table("[[questions]]", index)
        if not span[0]:
            line = check.layout.key_line(top, "questions")
            span = (line, line)
        what = f"question {index + 1}"
        check.no_unknown_keys(entry, _QUESTION_KEYS, span, what)
        attribute_id = check.text(entry, "attribute", span, what) or ""
        id_line = check.layout.value_line(span, "attribute", attribute_id)
        if attribute_id not in by_id:
            check.fail(id_line, f'{what} names an unknown attribute "{attribute_id}" '
                                f"(known: {', '.join(by_id)})")
        if attribute_id in found:
            check.fail(id_line, f'attribute "{attribute_id}" has a second question '
                                f"(first at line {first_line[attribute_id]})")
        first_line[attribute_id] = id_line
        what = f'the question on "{attribute_id}"'
        found[attribute_id] = _question(check, entry, span, what, by_id[attribute_id])

    missing = [a.id for a in known if a.id not in found]
    if missing:
        check.fail(0, f'has no question on "{missing[0]}": every attribute needs one')
    return RaterWording(
        adapted_from=texts["adapted_from"], source=texts["source"],
        five_label=texts["five_label"], workbook=quote,
        questions=tuple(found[a.id] for a in known),
        notes=check.text(data, "notes", top, "the file", required=False, empty_ok=True) or "",
    )


def _question(check: _Checker, entry: dict[str, Any], span: tuple[int, int], what: str,
              attribute: Attribute) -> RaterQuestion:
    question = check.text(entry, "question", span, what) or ""
    five = check.text_list(entry, "five_sounds_like", span, what, non_empty=True)
    source_question = check.text(entry, "source_question", span, what) or ""
    source_five = check.text_list(entry, "source_five_sounds_like", span, what, non_empty=True)
    _check_placeholders(check, span, "question", [question], what)
    _check_placeholders(check, span, "five_sounds_like", five, what)
    if "{name}" not in question and "{Name}" not in question:
        check.fail(check.layout.key_line(span, "question"),
                   f'{what}: "question" must name the leader as {{name}}')
    if source_question != attribute.question:
        check.fail(check.layout.key_line(span, "source_question"),
                   f'{what}: "source_question" is not the question in attributes.toml')
    if source_five != attribute.five_sounds_like:
        check.fail(check.layout.key_line(span, "source_five_sounds_like"),
                   f'{what}: "source_five_sounds_like" is not the guidance in attributes.toml')
    if len(five) != len(source_five):
        check.fail(check.layout.key_line(span, "five_sounds_like"),
                   f'{what}: "five_sounds_like" needs one reading per source example '
                   f"({len(source_five)})")
    return RaterQuestion(attribute.id, question, five, source_question, source_five)


def wording_for(wording: RaterWording, leader_name: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """(attribute id, question, readings of 5) about one leader, in the attributes' order."""
    return [(q.attribute_id, q.question_for(leader_name), q.five_for(leader_name))
            for q in wording.questions]

"""The rater form's contract: field names, values and limits, shared by the form that is
written (:mod:`.form_pdf`) and the form read back (:mod:`.form_read`), so the two cannot
disagree about what a field is called or what it may hold."""

from __future__ import annotations

import re
import secrets

FORM_KIND = "Reflect 360 rater form 1"  # changes when the fields do
PAPER_KIND = "Reflect 360 rater form 1 (paper)"

KIND_FIELD = "reflect_form"
ROUND_FIELD = "reflect_round"
FORM_ID_FIELD = "reflect_form_id"
GROUP_FIELD = "rater_group"

# The same three, as document properties.
KIND_PROPERTY, ROUND_PROPERTY, FORM_ID_PROPERTY = "/ReflectForm", "/ReflectRound", "/ReflectFormId"

NOT_OBSERVED = "not_observed"
SCORES = ("1", "2", "3", "4", "5")
SCORE_CHOICES: tuple[tuple[str, str], ...] = (
    *((score, score) for score in SCORES), (NOT_OBSERVED, "Not observed"))

COMMENT_MAX = 1000  # characters; a few paragraphs, and short enough to stay one person's view
MAX_BYTES = 10 * 1024 * 1024  # a returned form is well under 1 MB; beyond this it is not one
MAX_PAGES = 12

# A form id is printed on paper and may be typed back in: no 0/O or 1/I/L to confuse.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
FORM_ID = re.compile(rf"[{_ALPHABET}]{{4}}-[{_ALPHABET}]{{4}}")
_UNSAFE = re.compile(r"[^A-Za-z0-9_]")


def new_form_id() -> str:
    """A fresh id for one copy of the form (about 40 bits: unique within any round)."""
    chars = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"{chars[:4]}-{chars[4:]}"


def _key(attribute_id: str) -> str:
    # A "." in a field name means a child field in AcroForm: attribute ids may hold one.
    return _UNSAFE.sub("_", attribute_id)


def score_field(attribute_id: str) -> str:
    return f"score_{_key(attribute_id)}"


def comment_field(attribute_id: str) -> str:
    return f"comment_{_key(attribute_id)}"

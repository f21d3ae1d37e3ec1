"""One supervision record as printed from the window: the Markdown export's words, then the
agreement and signature lines of the PDF (the same wording, from
:mod:`~reflect.supervision.record_export`), so the paper copy can be read and signed.

Qt-free; the window lays the Markdown out for the printer. It is built from the same
:func:`~reflect.supervision.record_export.record_outline` as the exports, so a printed record
never says something the exported one does not.
"""

from __future__ import annotations

from reflect.supervision.record_export import (
    AGREEMENT,
    CONFIDENTIAL,
    outline_markdown,
    record_outline,
    record_title,
    sensitive_titles,
)
from reflect.supervision.records import Supervision, SupervisionError

_SPECIALS = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})
_LINE = "." * 44
_DATE = "." * 20


def record_print_markdown(supervision: Supervision, entry_id: int, *,
                          include_sensitive: bool = False) -> str:
    """The record, its sensitive sections marked as in the PDF, then "Agreement" with a
    signature line for each side."""
    rec = supervision.record(entry_id)
    if rec.template is None:
        raise SupervisionError(f"The template '{rec.entry.template_id}' is missing.")
    outline = record_outline(rec.entry, rec.template, rec.person, rec.actions,
                             include_sensitive=include_sensitive, reviewed=rec.reviewed)
    text = outline_markdown(record_title(rec.entry, rec.template), outline,
                            sensitive_titles(rec.template))
    supervisee = " ".join(rec.person.code_name.split()).translate(_SPECIALS) if rec.person \
        else ""
    who = f"Supervisee ({supervisee})" if supervisee else "Supervisee"
    signatures = [f"**{side}**  \nSigned {_LINE}  Date {_DATE}" for side in ("Supervisor", who)]
    return "\n".join([text.rstrip(), "", "## Agreement", "", AGREEMENT, "",
                      *(f"{line}\n" for line in signatures), f"_{CONFIDENTIAL}_", ""])

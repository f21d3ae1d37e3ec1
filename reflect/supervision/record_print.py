"""One supervision record as printed from the window: the Markdown export's words, then the
agreement and signature lines of the PDF, so the paper copy can be read and signed.

Qt-free; the window lays the Markdown out for the printer. It is built from the same
:func:`~reflect.supervision.record_export.record_outline` as the exports, so a printed record
never says something the exported one does not.
"""

from __future__ import annotations

from reflect.supervision.record_export import record_markdown
from reflect.supervision.records import Supervision, SupervisionError

AGREEMENT = ("We have read this record. The supervisee's comments above say where they see "
             "anything differently.")
CONFIDENTIAL = ("Confidential supervision record. Children are referred to by initials or case "
                "numbers only.")
_SPECIALS = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})
_LINE = "." * 44
_DATE = "." * 20


def record_print_markdown(supervision: Supervision, entry_id: int, *,
                          include_sensitive: bool = False) -> str:
    """The record, then "Agreement" with a signature line for each side."""
    rec = supervision.record(entry_id)
    if rec.template is None:
        raise SupervisionError(f"The template '{rec.entry.template_id}' is missing.")
    text = record_markdown(rec.entry, rec.template, rec.person, rec.actions,
                           include_sensitive=include_sensitive)
    supervisee = " ".join(rec.person.code_name.split()).translate(_SPECIALS) if rec.person \
        else ""
    who = f"Supervisee ({supervisee})" if supervisee else "Supervisee"
    signatures = [f"**{side}**  \nSigned {_LINE}  Date {_DATE}" for side in ("Supervisor", who)]
    return "\n".join([text.rstrip(), "", "## Agreement", "", AGREEMENT, "",
                      *(f"{line}\n" for line in signatures), f"_{CONFIDENTIAL}_", ""])

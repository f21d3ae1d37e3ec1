"""The subject-access export as one JSON file, what its cover says, and how it is written.

The JSON shape (``format`` "reflect-subject-access", ``version`` 1; UTF-8, one file) is
documented in docs/subject-access.md and kept stable: new keys may be added, none renamed.
Both formats are written the same way: atomically, owner-only (0600), and never over an
existing file (:class:`ExportExists`, exit 8), so nobody's earlier export is lost by a slip.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from reflect.common.atomic import fsync_dir
from reflect.common.errors import ReflectError
from reflect.privacy.redaction import OTHER
from reflect.privacy.subject_access import HeldRecord, SubjectAccess

FORMAT, VERSION = "reflect-subject-access", 1
TITLE = "Subject access export"


class ExportExists(ReflectError):
    """The chosen file is there already; nothing was written."""

    exit_code = 8


def contains(found: SubjectAccess) -> list[str]:
    """What the export holds, one sentence each (the PDF's cover and the JSON's ``about``)."""
    name, n = found.code_name, len(found.records)
    out = [f"{name}'s details as held: code name, role, supervision schedule, dates and the "
           "supervision agreement note.",
           f"Every supervision record with {name} as supervisee ({n}), in date order, records "
           "in the trash included (they are held until the trash is emptied), with every "
           "section: sensitive sections such as wellbeing and the supervisor's own notes are "
           "included, because a subject access request covers everything held.",
           "From those records, for reading at a glance: the sessions held, moved or "
           "cancelled; the actions agreed and how each was followed up; differences of "
           "opinion and how they were resolved; the cases discussed, by the case references "
           f"written in the records; {name}'s comments on records."]
    if found.drafts:
        out.append(f"Unsaved drafts of records about {name} ({len(found.drafts)}).")
    if found.group_records:
        out.append(f"Group supervision presented by someone else where {name} is named "
                   f"({len(found.group_records)}): only the sections that name {name}.")
    if found.mentions_included:
        out.append(f"For the leader to review before sending: other entries that name {name} "
                   f"({len(found.mentions)}), only the paragraphs that name them.")
    return out


def leaves_out(found: SubjectAccess) -> list[str]:
    """What the export does not hold, and why."""
    name = found.code_name
    out = [f"Anything about other supervisees: their own records are not included, and their "
           f"code names are replaced by “{OTHER}” wherever they appear."]
    if not found.mentions_included:
        out.append(f"The leader's own entries (reflections, their own supervision) and other "
                   f"supervisees' records that mention the word “{name}”: a code name written "
                   "in free text is not reliably this person, so the leader reviews those "
                   "separately.")
    out.append(f"The leader's own development plan, profile and 360 feedback: they are about "
               f"the leader, not {name}.")
    return out


CHECK = ("Children are referred to by the initials or case numbers written in the records, "
         "kept as written. Before sending, read it through for anything that identifies "
         "someone else.")


def not_encrypted_warning(path: Path) -> str:
    return (f"{path} is NOT encrypted: anyone who can read the file can read everything "
            "Reflect holds about this supervisee. Send it securely, or use a password (PDF).")


def _record(record: HeldRecord) -> dict[str, Any]:
    return {"uid": record.uid, "date": record.happened_on.isoformat(), "title": record.title,
            "record_type": record.record_type, "in_trash": record.in_trash,
            "only_where_named": record.named_only, "details": dict(record.meta),
            "sections": [{"heading": p.heading, "kind": p.kind, "sensitive": p.sensitive,
                          "supervisor_only": p.supervisor_only, "text": p.text,
                          "rows": [list(r) for r in p.rows]} for p in record.parts]}


def _rows(keys: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> list[dict[str, str]]:
    return [dict(zip(keys, row, strict=True)) for row in rows]


def as_json(found: SubjectAccess) -> dict[str, Any]:
    """The export as a JSON-ready dict, in the documented shape."""
    return {
        "format": FORMAT, "version": VERSION, "made_at": found.made_at.isoformat(),
        "supervisee": found.code_name,
        "about": {"contains": contains(found), "leaves_out": leaves_out(found),
                  "check_before_sending": CHECK},
        "details": dict(found.details),
        "records": [_record(r) for r in found.records],
        "group_records": [_record(r) for r in found.group_records],
        "sessions": _rows(("date", "session", "record"), found.sessions),
        "actions": _rows(("record_date", "action", "owner", "due", "status", "outcome"),
                         found.actions),
        "disagreements": _rows(("date", "where_it_stands", "what", "resolution"),
                               found.disagreements),
        "case_discussions": _rows(("date", "case_reference", "record"), found.cases),
        "comments": _rows(("date", "record", "how", "text"), found.comments),
        "drafts": _rows(("date", "title", "text"), found.drafts),
        "mentions": {"included": found.mentions_included, "count": found.mention_count,
                     "entries": [{"date": m.happened_on.isoformat(), "title": m.title,
                                  "kind": m.kind, "paragraphs": list(m.paragraphs)}
                                 for m in found.mentions]},
    }


def json_bytes(found: SubjectAccess) -> bytes:
    return (json.dumps(as_json(found), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def refuse_existing(path: Path) -> None:
    """Before any work: an existing file is never replaced."""
    if Path(path).exists():
        raise ExportExists(f"{path} already exists; nothing was written. Choose another "
                           "file name, or move the old export away first.")


def write_new(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new file at ``path``: all of it or nothing, owner-only, and never
    over a file that is there (the final step is a hard link, which fails if it is)."""
    path = Path(path)
    refuse_existing(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        try:
            os.link(tmp, path)
        except FileExistsError:
            refuse_existing(path)
            raise
        except OSError:  # no hard links here (FAT, exFAT, some shares; Windows says so in
            # its own words, not one errno): check, then rename
            refuse_existing(path)
            os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    fsync_dir(path.parent)
    return path


def write_json(found: SubjectAccess, path: Path) -> Path:
    return write_new(path, json_bytes(found))

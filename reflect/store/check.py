"""Integrity checks of an open journal, reported in plain words."""

from __future__ import annotations

from sqlalchemy import text

from reflect.store.vault import Vault


def run_checks(vault: Vault) -> list[str]:
    """Return problems found (empty when the journal is sound)."""
    problems: list[str] = []
    with vault.session() as session:
        for pragma, label in (("PRAGMA cipher_integrity_check", "page authentication"),
                              ("PRAGMA integrity_check", "database structure")):
            rows = [r[0] for r in session.execute(text(pragma)).all()]
            bad = [r for r in rows if r and r != "ok"]
            if bad:
                problems.append(f"The {label} check failed: {'; '.join(bad[:5])}.")
        try:
            session.execute(text("INSERT INTO entry_fts(entry_fts) VALUES ('integrity-check')"))
        except Exception as exc:  # the FTS check reports through an error
            problems.append(f"The search index is damaged ({exc}).")
        indexed = session.execute(text("SELECT count(*) FROM entry_fts")).scalar_one()
        live = session.execute(
            text("SELECT count(*) FROM entry WHERE deleted_at IS NULL")
        ).scalar_one()
        if indexed != live:
            problems.append(
                f"The search index holds {indexed} entries but the journal has {live}."
            )
    return problems

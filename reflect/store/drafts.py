"""Editor drafts, kept in the encrypted store (never a plaintext temp file)."""

from __future__ import annotations

from sqlmodel import Session, select

from reflect.store.entries import utc_now
from reflect.store.models import Draft


def put(session: Session, key: str, payload: dict) -> None:
    draft = session.get(Draft, key)
    if draft is None:
        session.add(Draft(key=key, payload=dict(payload), updated_at=utc_now()))
    else:
        draft.payload = dict(payload)
        draft.updated_at = utc_now()


def all_drafts(session: Session) -> dict[str, dict]:
    return {d.key: dict(d.payload) for d in session.exec(select(Draft)).all()}


def delete(session: Session, key: str) -> None:
    draft = session.get(Draft, key)
    if draft is not None:
        session.delete(draft)

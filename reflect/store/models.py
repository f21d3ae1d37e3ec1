"""Tables of the journal database (SQLModel). Lists and template answers are JSON columns:
they are read whole with their entry, and filtering on them stays fast at 10,000 entries."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

RATING_KINDS = ("self", "target", "other")


class Entry(SQLModel, table=True):
    """A reflection or a record. ``sections`` holds template answers keyed by section id."""

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(index=True, unique=True, max_length=36)
    kind: str = Field(default="reflection", index=True)
    title: str = ""
    body: str = ""
    template_id: str | None = None
    sections: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    happened_on: date = Field(index=True)
    created_at: datetime
    updated_at: datetime
    tags: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    attributes: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    prompt_id: str | None = Field(default=None, index=True)
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    share_with_mentor: bool = False
    sensitive: bool = False
    deleted_at: datetime | None = Field(default=None, index=True)


class Person(SQLModel, table=True):
    """A supervisee, known only by a code name."""

    id: int | None = Field(default=None, primary_key=True)
    code_name: str = Field(unique=True)
    role: str = ""
    schedule: str = "monthly"
    started_on: date | None = None
    #: The last supervision before they were added (none recorded in Reflect yet).
    last_supervised_on: date | None = None
    #: The supervision agreement (contract): agreed on, to be reviewed by, a note or its text.
    contract_agreed_on: date | None = None
    contract_review_on: date | None = None
    contract_note: str = ""
    active: bool = True
    created_at: datetime


class Action(SQLModel, table=True):
    """An agreed action, followed up until its effect on practice is written down."""

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int | None = Field(default=None, foreign_key="entry.id", index=True)
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    description: str
    owner: str = ""
    due_on: date | None = Field(default=None, index=True)
    status: str = Field(default="open", index=True)  # open, done, dropped or carried
    outcome: str = ""
    reason: str = ""
    closed_on: date | None = None
    carried_from_id: int | None = Field(default=None, foreign_key="action.id")
    created_at: datetime


class Rating(SQLModel, table=True):
    """One dated 1–5 rating of one attribute; ``score`` None means 'not observed'."""

    id: int | None = Field(default=None, primary_key=True)
    attribute_id: str = Field(index=True)
    kind: str = Field(default="self", index=True)
    rater_group: str | None = None
    score: int | None = None
    rated_on: date = Field(index=True)
    target_by: date | None = None
    note: str = ""
    created_at: datetime


class Draft(SQLModel, table=True):
    """Unsaved editor state, kept inside the encrypted store so a crash or lock loses nothing."""

    key: str = Field(primary_key=True)
    payload: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    updated_at: datetime


class Meta(SQLModel, table=True):
    """Small per-journal values (the leader's name for the mentor pack, for instance)."""

    key: str = Field(primary_key=True)
    value: str = ""

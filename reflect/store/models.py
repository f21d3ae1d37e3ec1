"""Tables of the journal database (SQLModel). Lists and template answers are JSON columns:
they are read whole with their entry, and filtering on them stays fast at 10,000 entries."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Column, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

RATING_KINDS = ("self", "target", "other")


class Entry(SQLModel, table=True):
    """A reflection or a record. ``sections`` holds template answers keyed by section id."""

    # The list's order, per kind, per supervisee, and records: see migration 0008.
    __table_args__ = (
        Index("ix_entry_live_order", "deleted_at", "happened_on"),
        Index("ix_entry_live_kind", "kind", "deleted_at", "happened_on"),
        Index("ix_entry_supervisee", "kind", "deleted_at", "person_id", "happened_on"),
        Index("ix_entry_own_records", "person_id", "deleted_at", "happened_on",
              sqlite_where=text("template_id IS NOT NULL")),
        Index("ix_entry_disagreement", "kind", "deleted_at",
              text("json_extract(sections, '$.challenge_outcome')")),
    )

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
    #: Data protection: the day they left (supervision ended), when their notes are due for
    #: a retention review (default six years after leaving, settable), and a legal hold that
    #: blocks deletion while a claim, complaint or inquiry needs the notes kept.
    left_on: date | None = None
    retention_review_on: date | None = None
    legal_hold: bool = False
    legal_hold_note: str = ""


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
    #: The one rater's return it came in (an imported form, or a rater's ratings typed in
    #: together); None for ratings typed before rounds existed, and for self and targets.
    return_id: int | None = Field(default=None, foreign_key="feedback_return.id", index=True)


class Draft(SQLModel, table=True):
    """Unsaved editor state, kept inside the encrypted store so a crash or lock loses nothing."""

    key: str = Field(primary_key=True)
    payload: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    updated_at: datetime


class Meta(SQLModel, table=True):
    """Small per-journal values (the leader's name for the mentor pack, for instance)."""

    key: str = Field(primary_key=True)
    value: str = ""


class Goal(SQLModel, table=True):
    """A development-plan goal: what the leader wants to grow in, linked to attributes and,
    where it fits, the profile score (1–5) it aims at."""

    id: int | None = Field(default=None, primary_key=True)
    title: str
    description: str = ""
    attributes: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    target_score: int | None = None
    status: str = Field(default="active", index=True)  # active or closed
    created_at: datetime
    closed_on: date | None = None


class Milestone(SQLModel, table=True):
    """A step towards a goal with a due date. Its state (open, met, moved, missed) is kept
    here for quick reading; how it got there is in ``plan_event``."""

    id: int | None = Field(default=None, primary_key=True)
    goal_id: int = Field(foreign_key="goal.id", index=True)
    text: str
    due_on: date | None = None
    status: str = "open"  # open, met, moved or missed
    decided_on: date | None = None
    moved_from: date | None = None
    why: str = ""
    created_at: datetime


class PlanEvent(SQLModel, table=True):
    """One change to the plan, kept for its history: a goal created, edited, closed or
    reopened (``milestone_id`` None), a milestone added, edited, met, moved, missed or
    reopened (the last decision undone), evidence linked or unlinked."""

    __tablename__ = "plan_event"

    id: int | None = Field(default=None, primary_key=True)
    goal_id: int = Field(foreign_key="goal.id", index=True)
    milestone_id: int | None = Field(default=None, foreign_key="milestone.id", index=True)
    happened_on: date
    change: str
    from_due: date | None = None
    to_due: date | None = None
    why: str = ""
    created_at: datetime


class PlanEvidence(SQLModel, table=True):
    """An entry or an action linked to a goal as evidence. Emptying the trash deletes the
    link with the entry or action (ON DELETE CASCADE); while in the trash it is not listed."""

    __tablename__ = "plan_evidence"
    __table_args__ = (UniqueConstraint("goal_id", "entry_id"),
                      UniqueConstraint("goal_id", "action_id"))

    id: int | None = Field(default=None, primary_key=True)
    goal_id: int = Field(foreign_key="goal.id", index=True)
    entry_id: int | None = Field(default=None, foreign_key="entry.id", ondelete="CASCADE")
    action_id: int | None = Field(default=None, foreign_key="action.id", ondelete="CASCADE")
    created_at: datetime


class FeedbackRound(SQLModel, table=True):
    """A 360 round: named and dated, with how many forms went to each rater group. No rater
    names are stored anywhere. ``uid`` is printed into every form of the round."""

    __tablename__ = "feedback_round"

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(unique=True, max_length=64)
    name: str = Field(unique=True)
    opened_on: date
    closed_on: date | None = None
    invited: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime


class FeedbackReturn(SQLModel, table=True):
    """One rater's answers: a returned form (``form_id``: the printed copy's id, so the same
    form is counted once) or a rater's ratings typed in together (``form_id`` None). Its
    ratings point at it; small groups are counted in returns, not ratings."""

    __tablename__ = "feedback_return"

    id: int | None = Field(default=None, primary_key=True)
    round_id: int | None = Field(default=None, foreign_key="feedback_round.id", index=True)
    form_id: str | None = Field(default=None, unique=True, max_length=64)
    rater_group: str
    returned_on: date
    source: str = "form"  # "form" (read from a returned PDF) or "typed"
    created_at: datetime


class ClimateCheckIn(SQLModel, table=True):
    """A team climate check-in: the leader's own now and ideal per dimension, for the climate
    they create for their team ("create") or experience from their manager ("experience")."""

    __tablename__ = "climate_checkin"

    id: int | None = Field(default=None, primary_key=True)
    checked_on: date = Field(index=True)
    perspective: str = Field(default="create", index=True)  # "create" or "experience"
    note: str = ""
    created_at: datetime


class ClimateResponse(SQLModel, table=True):
    """One team member's paper response, grouped under a check-in. No name is stored; its
    ratings point at it."""

    __tablename__ = "climate_response"

    id: int | None = Field(default=None, primary_key=True)
    checkin_id: int = Field(foreign_key="climate_checkin.id", index=True, ondelete="CASCADE")
    created_at: datetime


class ClimateRating(SQLModel, table=True):
    """Now and ideal (1–5) on one dimension: the leader's own (``response_id`` None) or a team
    member's response."""

    __tablename__ = "climate_rating"

    id: int | None = Field(default=None, primary_key=True)
    checkin_id: int = Field(foreign_key="climate_checkin.id", index=True, ondelete="CASCADE")
    response_id: int | None = Field(default=None, foreign_key="climate_response.id",
                                    index=True, ondelete="CASCADE")
    dimension: str
    now: int
    ideal: int

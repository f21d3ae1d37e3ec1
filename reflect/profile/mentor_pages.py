"""The mentor pack's coaching pages: the brief on page 1, "Since last session", the
development plan as a table, and a last ruled page for notes from the session.

The brief must stay one page, so its lists are capped (:func:`mentor_brief.capped`) and the
whole page is shrunk to fit should a leader write very long goals.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepInFrame,
    PageBreak,
    Paragraph,
    Spacer,
)

from reflect.common.dates import uk_date
from reflect.pdf.base import (
    CONTENT_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    PAGE_SIZE,
    RULE,
    Bookmark,
    Styles,
)
from reflect.pdf.richtext import escape
from reflect.profile.mentor_brief import (
    NO_PLAN,
    capped,
    gaps,
    goal_lines,
    goal_status,
    goal_text,
    milestone_text,
    overdue,
    since_blocks,
    since_title,
    targets,
    who_and_when,
)
from reflect.profile.mentor_content import PackContent, contents_list
from reflect.profile.mentor_entries import cell, ruled_table

FRAME_HEIGHT = PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM
#: Where the session's notes are written: (heading, height of its ruled space).
NOTES_SPACES = (("What we talked about", 78 * mm), ("What we agreed: actions and by when",
                                                    62 * mm), ("What I am taking away", 46 * mm))
LINE_GAP = 8 * mm


def _bullets(lines: list[str], s: Styles) -> list[Flowable]:
    return [Paragraph(f"•&nbsp;&nbsp;{escape(line)}", s.body) for line in lines]


def _part(title: str, lines: list[str], empty: str, s: Styles) -> list[Flowable]:
    return [Paragraph(escape(title), s.h3),
            *(_bullets(lines, s) if lines else [Paragraph(escape(empty), s.body)])]


def brief(content: PackContent, s: Styles) -> list[Flowable]:
    """Page 1: who and when, this session's goals, targets, gaps, what is overdue, contents."""
    o = content.options
    page: list[Flowable] = [Paragraph(escape(o.title), s.title)]
    if o.leader_name:
        page.append(Paragraph(escape(o.leader_name), s.subtitle))
    facts = [[cell(f"<b>{escape(label)}</b>", s), cell(escape(value), s)]
             for label, value in who_and_when(content)]
    page += [Spacer(1, 2 * mm), ruled_table(facts, [110, CONTENT_WIDTH - 110], header_rows=0),
             Spacer(1, 2 * mm)]
    page += _part("This session’s goals", goal_lines(content.session_goals),
                  "No goals written: no coaching preparation with goals is in this pack.", s)
    if content.profile is not None and o.include_profile:
        page += _part("Current targets", capped(targets(content.profile), "the profile"),
                      "No targets set.", s)
        page += _part("Largest gaps", capped(gaps(content.profile), "the profile"),
                      "No blind spots or hidden strengths, and no distance to a target.", s)
    page += _part("Overdue", capped(overdue(content), "the actions and the plan"),
                  "Nothing overdue.", s)
    page += [Spacer(1, 3 * mm), HRFlowable(width="100%", thickness=0.6, color=RULE,
                                           spaceAfter=4),
             Paragraph("In this pack", s.h3), *_bullets(contents_list(content), s)]
    who = escape(o.leader_name) if o.leader_name else "the leader"
    page += [Spacer(1, 3 * mm), Paragraph(
        f"Prepared by {who} for a mentor or coach. It holds personal reflections: please "
        "keep it confidential and do not copy it into other records.", s.small)]
    return [Bookmark("Coaching brief"),
            KeepInFrame(CONTENT_WIDTH, FRAME_HEIGHT - 2, page, mode="shrink"), PageBreak()]


def since_last(content: PackContent, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [Bookmark("Since last session"),
                             Paragraph("Since last session", s.h1),
                             Paragraph(escape(since_title(content)) + ".", s.meta)]
    for block in since_blocks(content):
        story += _part(block.heading, list(block.lines), block.empty, s)
    return story


_PLAN_WIDTHS = (128, 82, CONTENT_WIDTH - 128 - 82 - 76, 76)


def plan(content: PackContent, s: Styles) -> list[Flowable]:
    # The heading keeps with the table's first rows only (the break above sees to that):
    # kept with the whole table, a plan longer than what is left of the page jumps a page.
    heading = ParagraphStyle("PlanHeading", parent=s.h1, keepWithNext=0)
    story: list[Flowable] = [CondPageBreak(45 * mm), Spacer(1, 5 * mm),
                             Bookmark("Development plan"), Paragraph("Development plan", heading)]
    if not content.plan:
        return [*story, Paragraph(NO_PLAN, s.body)]
    rows: list[list] = [[cell(h, s, head=True) for h in
                         ("Goal", "Attributes", "Milestones", "Status")]]
    for goal in content.plan:
        title, extra = goal_text(goal)
        under = f"<br/><font size='7' color='#5A5A5A'>{escape(extra)}</font>" if extra else ""
        milestones = "<br/>".join(f"•&nbsp;{escape(milestone_text(m))}"
                                  for m in goal.milestones) or "–"
        rows.append([cell(f"<b>{escape(title)}</b>{under}", s),
                     cell(escape(", ".join(goal.attributes)) or "–", s), cell(milestones, s),
                     cell(escape(goal_status(goal, content.prepared_on)), s)])
    return [*story, ruled_table(rows, list(_PLAN_WIDTHS))]


class RuledSpace(Flowable):
    """Lines to write on, ``gap`` apart, filling ``height``."""

    def __init__(self, height: float, gap: float = LINE_GAP) -> None:
        super().__init__()
        self.width, self.height, self.gap = CONTENT_WIDTH, height, gap

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.5)
        y = self.height - self.gap
        while y >= 0:
            self.canv.line(0, y, self.width, y)
            y -= self.gap
        self.canv.restoreState()


def session_notes(content: PackContent, s: Styles) -> list[Flowable]:
    """The last page: ruled space for the coach and the leader to write on in the session."""
    o = content.options
    when = uk_date(o.session_on) if o.session_on else "____ / ____ / ________"
    who = escape(" ".join(o.coach.split())) or "________________________"
    story: list[Flowable] = [PageBreak(), Bookmark("Notes from the session"),
                             Paragraph("Notes from the session", s.h1),
                             Paragraph(f"Session on {when}, with {who}", s.meta)]
    for heading, height in NOTES_SPACES:
        story += [Paragraph(escape(heading), s.h3), RuledSpace(height)]
    return story

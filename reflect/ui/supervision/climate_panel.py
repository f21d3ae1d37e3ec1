"""The leader's own supervision ("My supervision") starts with the latest team climate: for
each perspective checked in, the widest gap and the question it raises. The climate they
experience from their manager is the one to bring to this session; the climate they create
is what their manager may ask about. Read-only and out of the Tab order: it informs, and
nothing of it is saved with the record.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from reflect.climate import checkins
from reflect.climate.views import PERSPECTIVES, format_gap, gaps, prompt_for, widest
from reflect.common.dates import uk_date
from reflect.common.errors import ReflectError
from reflect.content.climate import climate_content
from reflect.content.templates import Template
from reflect.journal.journal import Journal
from reflect.supervision.mediation import is_own_supervision
from reflect.ui.widgets.card import heading
from reflect.ui.widgets.feedback import hint_label, plain_label


def climate_lines(journal: Journal) -> list[str]:
    """One line per perspective with a check-in: its day, widest gap and prompt."""
    content = climate_content()
    lines = []
    for perspective in PERSPECTIVES:
        latest = checkins.latest_checkin(journal, perspective)
        if latest is None:
            continue
        top = widest(gaps(latest))
        label = content.perspective(perspective).label
        if top is None:
            lines.append(f"{label} ({uk_date(latest.checked_on)}): no gaps, now meets the "
                         "ideal on every dimension rated.")
        else:
            lines.append(f"{label} ({uk_date(latest.checked_on)}): the widest gap is "
                         f"{top.name}, now {top.now:g} and ideal {top.ideal:g} "
                         f"({format_gap(top.gap)}). {prompt_for(top)}")
    return lines


class ClimatePanel(QFrame):
    """See the module docstring."""

    def __init__(self, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("climatePanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Team climate, latest check-in")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(4)
        layout.addWidget(heading("Team climate, latest check-in", scale=1.0))
        self.lines = [plain_label(line) for line in lines]
        for label in self.lines:
            layout.addWidget(label)
        layout.addWidget(hint_label("From your climate check-ins on the Profile page; not "
                                    "saved with this record."))

    def texts(self) -> list[str]:
        return [label.text() for label in self.lines]


def add_to(layout: QVBoxLayout, journal: Journal, template: Template) -> ClimatePanel | None:
    """Put the panel at the start of an own-supervision record's body (none for other
    records, or with no check-in yet, or when the check-ins cannot be read)."""
    if not is_own_supervision(template):
        return None
    try:
        lines = climate_lines(journal)
    except (ReflectError, ValueError):
        return None
    if not lines:
        return None
    panel = ClimatePanel(lines)
    layout.addWidget(panel)
    return panel

"""A UK-format date box that can also say "no date" (an action without a due date, a record
section not filled in): it stays empty, showing ``empty_text``, until a date is typed, picked
in the calendar (Alt+Down) or stepped to with the arrows; emptying the line clears it."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from reflect.ui.widgets.date_box import NO_DATE, UK_DATE, DateBox

__all__ = ["NO_DATE", "UK_DATE", "OptionalDateEdit"]


class OptionalDateEdit(DateBox):
    """``value()`` is a date or None; ``empty_text`` is what the box shows for None."""

    def __init__(self, accessible_name: str, empty_text: str = "No date",
                 parent: QWidget | None = None) -> None:
        super().__init__(accessible_name, empty_text=empty_text, parent=parent)

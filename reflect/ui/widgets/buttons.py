"""Enter presses the focused button, as Space does.

Qt gives Return/Enter to a button only inside a dialog (auto-default); on a plain page a
focused button ignores it, and keyboard users press Enter first. :func:`press_on_enter`
installs one small event filter per button; :func:`press_on_enter_inside` one filter on a
container (the shell's pages), which catches the Enter a focused button let pass up to its
parents, so buttons added later (action rows, review panels) behave alike too.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QPushButton, QToolButton, QWidget

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _EnterPresses(QObject):
    """Clicks the watched button on Return/Enter when it has the focus and is enabled."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and isinstance(watched, QAbstractButton)
                and event.key() in _ENTER_KEYS
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            if watched.isEnabled():
                watched.animateClick()
            return True
        return False


class _EnterInside(QObject):
    """On a container: Return/Enter that the focused push or tool button ignored (as it does
    outside a dialog) reaches the container on its way up; press that button."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and isinstance(watched, QWidget)
                and event.key() in _ENTER_KEYS
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            button = QApplication.focusWidget()
            if isinstance(button, QPushButton | QToolButton) and watched.isAncestorOf(button):
                if button.isEnabled():
                    button.animateClick()
                return True
        return False


def press_on_enter_inside(container: QWidget) -> None:
    """Let Return/Enter press whichever push or tool button inside ``container`` has the
    focus, now or added later. Dialogs are windows of their own: Qt's default button rules
    apply there."""
    container.installEventFilter(_EnterInside(container))


def press_on_enter(*buttons: QAbstractButton) -> None:
    """Let Return/Enter press each of ``buttons`` when it has the keyboard focus."""
    for button in buttons:
        helper = _EnterPresses(button)
        button.installEventFilter(helper)

"""Idle auto-lock: a timer that any key, mouse or wheel activity in the app restarts.

An application-wide event filter sees every input event before its widget does, so activity
anywhere (including dialogs) counts; the filter only restarts the timer and never consumes
an event.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

ACTIVITY_EVENTS = frozenset({
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TabletPress,
    QEvent.Type.ShortcutOverride,
})


class IdleWatcher(QObject):
    """Emits ``idle`` after ``timeout_ms`` without user input, while started.

    A timeout of 0 means never. Start it when the journal opens, stop it when it locks.
    """

    idle = Signal()

    def __init__(self, timeout_ms: int = 0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._timeout_ms = max(0, timeout_ms)
        self._active = False
        self._installed_on: QCoreApplication | None = None

    @staticmethod
    def minutes_to_ms(minutes: int) -> int:
        return max(0, minutes) * 60_000

    @property
    def timeout_ms(self) -> int:
        return self._timeout_ms

    def set_timeout_ms(self, ms: int) -> None:
        """Change the delay; a running watch restarts with it (0 stops it)."""
        self._timeout_ms = max(0, ms)
        if self._active:
            self._restart()

    def set_timeout_minutes(self, minutes: int) -> None:
        self.set_timeout_ms(self.minutes_to_ms(minutes))

    @property
    def is_running(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and self._installed_on is None:
            app.installEventFilter(self)
            self._installed_on = app
        self._active = True
        self._restart()

    def stop(self) -> None:
        self._active = False
        self._timer.stop()
        if self._installed_on is not None:
            self._installed_on.removeEventFilter(self)
            self._installed_on = None

    def _restart(self) -> None:
        if self._active and self._timeout_ms > 0:
            self._timer.start(self._timeout_ms)
        else:
            self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._active and event.type() in ACTIVITY_EVENTS:
            self._restart()
        return False

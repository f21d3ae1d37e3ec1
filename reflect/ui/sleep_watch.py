"""Lock when the computer goes to sleep or its screen locks, where the system tells us.

Qt reports a suspended application on some platforms; on Linux, logind announces sleep
(PrepareForSleep) and screen locking (the session's Lock signal) on D-Bus. Where neither
exists nothing happens, and the idle timer still locks the journal.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication

log = logging.getLogger(__name__)

_LOGIN1 = "org.freedesktop.login1"


class SleepWatcher(QObject):
    """Emits ``sleeping`` when the machine sleeps or the screen locks."""

    sleeping = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):  # instance() is typed (and may be) QCoreApplication
            app.applicationStateChanged.connect(self._state_changed)
        self.listening_on_dbus = self._listen_to_logind()

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended:
            self.sleeping.emit()

    def _listen_to_logind(self) -> bool:
        try:
            from PySide6.QtCore import SLOT
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # a Qt build without D-Bus
            return False
        system = QDBusConnection.systemBus()
        if not system.isConnected():
            return False
        sleep = system.connect(_LOGIN1, "/org/freedesktop/login1", f"{_LOGIN1}.Manager",
                               "PrepareForSleep", self,
                               SLOT("prepare_for_sleep(bool)"))  # type: ignore[call-overload]
        locked = system.connect(_LOGIN1, "/org/freedesktop/login1/session/auto",
                                f"{_LOGIN1}.Session", "Lock", self,
                                SLOT("screen_locked()"))  # type: ignore[call-overload]
        log.debug("logind signals: sleep %s, lock %s", sleep, locked)
        return bool(sleep or locked)

    @Slot(bool)
    def prepare_for_sleep(self, going_to_sleep: bool) -> None:
        if going_to_sleep:
            self.sleeping.emit()

    @Slot()
    def screen_locked(self) -> None:
        self.sleeping.emit()

"""Keep the window on the screen it opens on, and scroll rather than clip when it is small.

At 150 % or 200 % scaling a laptop screen is only 911×512 or 683×384 logical pixels, so a
fixed opening size (or one saved on a bigger monitor) would put the title bar or the buttons
off the screen. :func:`place` chooses a size within ``QScreen.availableGeometry`` (a saved
one only if it still fits) and a minimum that fits too; :func:`scrolling` puts a stack of
pages in a scroll area whose content is never squeezed below the current page's
``minimumSizeHint``, so buttons and date boxes keep their whole text and scroll bars appear
instead. The last geometry is kept in ``window.json`` beside the settings: four numbers and a
flag, no content.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QStackedWidget, QWidget

from reflect.common.atomic import atomic_write_text
from reflect.common.paths import config_dir

log = logging.getLogger(__name__)

GEOMETRY_NAME = "window.json"
#: What a window manager usually adds around a window before it has said (title bar, border).
GUESSED_FRAME = QMargins(8, 36, 8, 8)


@dataclass(frozen=True)
class Placement:
    """Where the window was: its normal geometry (logical pixels) and whether maximised."""

    x: int
    y: int
    width: int
    height: int
    maximised: bool = False

    @property
    def rect(self) -> QRect:
        return QRect(self.x, self.y, self.width, self.height)


def _room(available: QRect, frame: QMargins) -> QSize:
    return QSize(max(1, available.width() - frame.left() - frame.right()),
                 max(1, available.height() - frame.top() - frame.bottom()))


def fitting_minimum(available: QRect, minimum: QSize, frame: QMargins = GUESSED_FRAME) -> QSize:
    """The wanted minimum, but never more than the screen has room for."""
    return minimum.boundedTo(_room(available, frame))


def choose_geometry(available: QRect, preferred: QSize, saved: QRect | None = None,
                    frame: QMargins = GUESSED_FRAME) -> QRect:
    """The window's client geometry: ``saved`` if its frame lies within ``available``,
    otherwise ``preferred`` (cut down to the room there is) centred on ``available``."""
    room = _room(available, frame)
    if saved is not None and saved.isValid() and available.contains(
            saved.marginsAdded(frame)):
        return QRect(saved)
    size = preferred.boundedTo(room)
    left = available.x() + frame.left() + (room.width() - size.width()) // 2
    top = available.y() + frame.top() + (room.height() - size.height()) // 2
    return QRect(QPoint(left, top), size)


def _frame_of(window: QWidget) -> QMargins:
    handle = window.windowHandle()
    if handle is not None and window.isVisible():
        margins = handle.frameMargins()
        if margins.left() or margins.top() or margins.right() or margins.bottom():
            return margins
    return GUESSED_FRAME


def _screen_of(window: QWidget):
    return window.screen() or QGuiApplication.primaryScreen()


def place(window: QWidget, preferred: QSize, minimum: QSize,
          saved: Placement | None = None) -> None:
    """Size and centre ``window`` (before it is shown) on the screen it will open on."""
    screen = _screen_of(window)
    if screen is None:  # no screen at all: Qt will say so when the window shows
        window.resize(preferred)
        window.setMinimumSize(minimum)
        return
    available = screen.availableGeometry()
    window.setMinimumSize(fitting_minimum(available, minimum))
    window.setGeometry(choose_geometry(available, preferred,
                                       saved.rect if saved is not None else None))
    if saved is not None and saved.maximised:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def keep_on_screen(window: QWidget) -> None:
    """Once shown, with the real frame known: pull the window back within the screen."""
    screen = _screen_of(window)
    if screen is None or window.isMaximized() or window.isFullScreen():
        return
    available = screen.availableGeometry()
    frame = _frame_of(window)
    window.setMinimumSize(fitting_minimum(available, window.minimumSize(), frame))
    if not available.contains(window.frameGeometry()):
        window.setGeometry(choose_geometry(available, window.size(), None, frame))


# -- remembering the geometry -----------------------------------------------------------------
def load_placement() -> Placement | None:
    """The last window geometry, or None (never saved, unreadable, or not four numbers)."""
    try:
        data = json.loads((config_dir() / GEOMETRY_NAME).read_text(encoding="utf-8"))
        x, y, width, height = (data[key] for key in ("x", "y", "width", "height"))
        if not all(type(n) is int for n in (x, y, width, height)) or min(width, height) <= 0:
            return None
        return Placement(x, y, width, height, maximised=data.get("maximised") is True)
    except (OSError, ValueError, TypeError, KeyError):
        return None


def save_placement(window: QWidget) -> None:
    """Keep the window's normal geometry for next time; a failure only goes to the log."""
    normal = window.normalGeometry() if window.isMaximized() else window.geometry()
    data = {"x": normal.x(), "y": normal.y(), "width": normal.width(),
            "height": normal.height(), "maximised": window.isMaximized()}
    try:
        path = config_dir() / GEOMETRY_NAME
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, json.dumps(data) + "\n")
    except OSError as exc:
        log.warning("the window geometry could not be saved: %s", type(exc).__name__)


# -- scrolling instead of clipping ----------------------------------------------------------------
class CurrentPageStack(QStackedWidget):
    """A stack that asks for the room of the page on show only, not of its largest page,
    so a small page does not scroll because a large one is hidden behind it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        if page is None:
            return super().minimumSizeHint()
        return page.minimumSizeHint().expandedTo(page.minimumSize())

    def heightForWidth(self, width: int) -> int:
        """The page on show only: Qt's stack answers for its tallest page, and a scroll area
        around it would scroll a short page (two scroll bars around a record)."""
        page = self.currentWidget()
        if page is None:
            return super().heightForWidth(width)
        if page.hasHeightForWidth():
            return page.heightForWidth(width)
        return max(page.minimumSizeHint().height(), page.minimumHeight())


def scrolling(content: QWidget, name: str) -> QScrollArea:
    """``content`` filling a frameless scroll area: it grows with the area and, below its
    minimum size, scroll bars appear instead of its widgets being squeezed and cut."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the page, not to the area
    area.setWidget(content)
    return area

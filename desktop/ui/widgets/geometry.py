"""Windows that remember their geometry and never open larger than the screen.

At 150 % or 200 % UI scale a 1920-pixel screen is 1280 or 960 logical pixels wide:
a window's default size is a wish, clipped to the screen's available area."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resizes `window` to width × height, or to the screen's available area (less a
    margin for the frame) if that is smaller, and centres it there."""
    screen = window.screen() or _primary_screen()
    if screen is None:
        window.resize(width, height)
        return
    area: QRect = screen.availableGeometry()
    margin = 40  # title bar and frame, which resize() does not count
    width = min(width, area.width() - margin)
    height = min(height, area.height() - margin)
    window.resize(width, height)
    window.move(area.center().x() - width // 2, area.center().y() - height // 2)


def clip_to_screen(window: QWidget) -> None:
    """After restoring a saved geometry (from a larger screen, or before a change of
    scale): shrink and move the window back inside the available area."""
    screen = window.screen() or _primary_screen()
    if screen is None:
        return
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    if area.contains(frame):
        return
    fit_to_screen(window, min(window.width(), area.width()), min(window.height(), area.height()))


def _primary_screen():
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.primaryScreen()

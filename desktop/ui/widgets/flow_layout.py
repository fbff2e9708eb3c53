"""A row of widgets that wraps onto more rows when the width runs out.

A bar of filters (a search box and four choices) needs about 950 pixels in one
row; at 200 % scale a 1920-pixel screen is 960 wide, a 1366-pixel one at 150 % only
910. Wrapping keeps every filter whole and the window within the screen. Leftover
width in a row goes to the items by their stretch, as in a QHBoxLayout.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QStyle, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretch: list[int] = []

    # --- filling ---

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self._stretch.append(0)

    def add(self, widget: QWidget, stretch: int = 0) -> None:
        """Adds `widget`, with a share of a row's leftover width."""
        self.addWidget(widget)
        self._stretch[-1] = stretch

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        self._stretch.pop(index)
        return self._items.pop(index)

    # --- sizes ---

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def sizeHint(self) -> QSize:
        """Everything on one row."""
        visible = [item for item in self._items if not item.isEmpty()]
        width = sum(item.sizeHint().width() for item in visible)
        width += self._gap(Qt.Orientation.Horizontal) * max(len(visible) - 1, 0)
        height = max((item.sizeHint().height() for item in visible), default=0)
        margins = self.contentsMargins()
        return QSize(
            width + margins.left() + margins.right(), height + margins.top() + margins.bottom()
        )

    def minimumSize(self) -> QSize:
        """The widest single item: narrower than that, nothing fits."""
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    # --- placing ---

    def _gap(self, orientation: Qt.Orientation) -> int:
        if self.spacing() >= 0:
            return self.spacing()
        parent = self.parentWidget()
        style = parent.style() if parent is not None else None
        if style is None:
            return 6
        metric = (
            QStyle.PixelMetric.PM_LayoutHorizontalSpacing
            if orientation == Qt.Orientation.Horizontal
            else QStyle.PixelMetric.PM_LayoutVerticalSpacing
        )
        gap = style.pixelMetric(metric, None, parent)
        return gap if gap >= 0 else 6

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Places the items (or only measures, `move=False`); returns the height used."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        across, down = self._gap(Qt.Orientation.Horizontal), self._gap(Qt.Orientation.Vertical)
        rows: list[list[tuple[QLayoutItem, int, int]]] = [[]]
        used = 0
        for item, stretch in zip(self._items, self._stretch, strict=True):
            if item.isEmpty():
                continue
            width = min(item.sizeHint().width(), area.width())
            width = max(width, min(item.minimumSize().width(), area.width()))
            if rows[-1] and used + across + width > area.width():
                rows.append([])
                used = 0
            used += (across if rows[-1] else 0) + width
            rows[-1].append((item, width, stretch))
        y = area.y()
        for row in rows:
            if not row:
                continue
            height = max(item.sizeHint().height() for item, _, _ in row)
            taken = sum(width for _, width, _ in row) + across * (len(row) - 1)
            free = max(area.width() - taken, 0)
            shares = sum(stretch for _, _, stretch in row)
            x = area.x()
            for item, width, stretch in row:
                extra = free * stretch // shares if shares else 0
                if move:
                    item.setGeometry(QRect(QPoint(x, y), QSize(width + extra, height)))
                x += width + extra + across
            y += height + down
        return y - down - rect.y() + margins.bottom() if y > area.y() else 0

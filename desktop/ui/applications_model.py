"""The applications table: a QAbstractTableModel over plain Python rows.

Sorting and filtering happen here, on Python lists of row indexes, not in a
QSortFilterProxyModel: the proxy calls data() millions of times and took 16 s to
sort 100,000 rows on this project's machines; a list sort takes milliseconds.

- `_rows`: every application, as loaded (browse.ApplicationRow).
- `_order`: indexes into `_rows` in the current sort order (all of them).
- `_visible`: the indexes that pass the filter, in sort order (the table's rows).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from desktop.domain.eligibility import Outcome
from desktop.domain.formatting import money as format_eur
from desktop.domain.vocabulary import application_outcome_label
from desktop.services.browse import OUTCOME_RANK, ApplicationRow, search_key

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value a column sorts by
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the whole ApplicationRow

_TOP = QModelIndex()  # a table's rows have no parent

ANY = None  # a filter left on "all"
NO_DISTRICT = 0  # district filter: applications without a Municipio


class Column(IntEnum):
    CODE = 0
    TITLE = 1
    LEAD = 2
    DISTRICT = 3
    COST = 4
    GRANT = 5
    ELIGIBILITY = 6
    SESSION = 7


MONEY_COLUMNS = (Column.COST, Column.GRANT)

# Colours only repeat what the text says ("eligible", "to check", ...).
OUTCOME_COLOURS = {Outcome.PASS: "#2e7d32", Outcome.CHECK: "#b26a00", Outcome.FAIL: "#c62828"}


_icons: dict[Outcome, QIcon] = {}


def outcome_icon(outcome: Outcome) -> QIcon:
    """A coloured dot beside the outcome's text (made once; needs a QGuiApplication)."""
    icon = _icons.get(outcome)
    if icon is None:
        pixmap = QPixmap(12, 12)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(OUTCOME_COLOURS[outcome]))
        painter.drawEllipse(1, 1, 10, 10)
        painter.end()
        icon = _icons[outcome] = QIcon(pixmap)
    return icon


@dataclass(frozen=True)
class RowFilter:
    """What the filter bar asks for; ANY (None) leaves a criterion out."""

    text: str = ""
    session: str | None = ANY  # a session code, or "" for outside every session
    district: int | None = ANY  # 1..9, or NO_DISTRICT
    eligibility: Outcome | None = ANY
    objective: int | None = ANY


def _sort_key(column: Column):
    """How a column sorts: one comparable value per row (all ints or all strs)."""
    if column is Column.CODE:
        return lambda row: row.code
    # casefold, not search_key: five times cheaper on accented titles; an accented
    # first letter sorts after z, which Italian titles and names rarely have.
    if column is Column.TITLE:
        return lambda row: row.title.casefold()
    if column is Column.LEAD:
        return lambda row: row.lead_name.casefold()
    if column is Column.DISTRICT:
        return lambda row: row.district if row.district is not None else 99  # unknown last
    if column is Column.COST:
        return lambda row: row.cost_cents if row.cost_cents is not None else -1
    if column is Column.GRANT:
        return lambda row: row.grant_cents if row.grant_cents is not None else -1
    if column is Column.ELIGIBILITY:
        return lambda row: OUTCOME_RANK[row.eligibility]
    return lambda row: row.session_rank


class ApplicationsModel(QAbstractTableModel):
    def __init__(self, language: str = "it", parent: QObject | None = None):
        super().__init__(parent)
        self.language = language
        self._rows: list[ApplicationRow] = []
        self._index_of_code: dict[str, int] = {}
        self._order: list[int] = []
        self._visible: list[int] = self._order
        self._filter = RowFilter()
        self._sorted_by: tuple[Column, Qt.SortOrder] | None = None
        # Sort keys per column, computed on the first sort by that column.
        self._sort_keys: dict[Column, list] = {}
        self._headers = {
            Column.CODE: self.tr("Code"),
            Column.TITLE: self.tr("Title"),
            Column.LEAD: self.tr("Lead partner"),
            Column.DISTRICT: self.tr("District"),
            Column.COST: self.tr("Cost"),
            Column.GRANT: self.tr("Grant"),
            Column.ELIGIBILITY: self.tr("Eligibility"),
            Column.SESSION: self.tr("Session"),
        }
        self._outside_session = self.tr("outside")

    # --- what the window asks ---

    def set_rows(self, rows: list[ApplicationRow]) -> None:
        """New rows (a load or a refresh); the current sort and filter still apply."""
        self.beginResetModel()
        self._rows = rows
        self._index_of_code = {row.code: i for i, row in enumerate(rows)}
        self._sort_keys.clear()
        self._order = list(range(len(rows)))
        if self._sorted_by is not None:
            self._sort_order(*self._sorted_by)
        self._visible = self._matching()
        self.endResetModel()

    def update_rows(self, rows: list[ApplicationRow]) -> None:
        """Rows changed in place (after an override, say). They keep their place even
        if they no longer match the filter or sort: nothing moves under the user's
        eyes; the next filter or sort puts them where they belong."""
        for row in rows:
            index = self._index_of_code.get(row.code)
            if index is None:
                continue
            self._rows[index] = row
            self._sort_keys.clear()
            position = self.position_of(row.code)
            if position is not None:
                self.dataChanged.emit(
                    self.index(position, 0), self.index(position, len(Column) - 1)
                )

    def set_filter(self, row_filter: RowFilter) -> None:
        if row_filter == self._filter:
            return
        self.beginResetModel()
        self._filter = row_filter
        self._visible = self._matching()
        self.endResetModel()

    def row(self, position: int) -> ApplicationRow:
        return self._rows[self._visible[position]]

    def has_code(self, code: str) -> bool:
        return code in self._index_of_code

    def position_of(self, code: str) -> int | None:
        """The table row showing this application, None when filtered out or unknown."""
        index = self._index_of_code.get(code)
        if index is None:
            return None
        try:
            return self._visible.index(index)
        except ValueError:
            return None

    @property
    def total_count(self) -> int:
        return len(self._rows)

    @property
    def visible_codes(self) -> list[str]:
        return [self._rows[i].code for i in self._visible]

    # --- filtering and sorting on Python lists ---

    def _matching(self) -> list[int]:
        """Indexes in sort order that pass the filter; `_order` itself when nothing
        is asked, so one sort serves both.

        Each criterion is one list comprehension over what the previous one kept, in
        storage order: reading the rows in memory order is several times faster than
        in sort order at 100,000 rows. The survivors are then taken from `_order`."""
        wanted = self._filter
        rows = self._rows
        kept: range | list[int] = range(len(rows))
        # Every word must appear; the longest first, as it usually keeps fewest rows
        # for the others to look at.
        for word in sorted(search_key(wanted.text).split(), key=len, reverse=True):
            kept = [i for i in kept if word in rows[i].search_key]
        if wanted.session is not ANY:
            kept = [i for i in kept if rows[i].session_code == wanted.session]
        if wanted.district is not ANY:
            district = None if wanted.district == NO_DISTRICT else wanted.district
            kept = [i for i in kept if rows[i].district == district]
        if wanted.eligibility is not ANY:
            kept = [i for i in kept if rows[i].eligibility == wanted.eligibility]
        if wanted.objective is not ANY:
            bit = 1 << wanted.objective
            kept = [i for i in kept if rows[i].objectives_mask & bit]
        if len(kept) == len(rows):
            return self._order
        selected = [False] * len(rows)
        for i in kept:
            selected[i] = True
        return [i for i in self._order if selected[i]]

    def _keys(self, column: Column) -> list:
        keys = self._sort_keys.get(column)
        if keys is None:
            keys = self._sort_keys[column] = list(map(_sort_key(column), self._rows))
        return keys

    def _sort_order(self, column: Column, order: Qt.SortOrder) -> None:
        # list.sort is stable, also with reverse=True: equal keys keep the previous
        # order, so sorting by district then by eligibility groups as expected.
        keys = self._keys(column).__getitem__
        descending = order == Qt.SortOrder.DescendingOrder
        self._order.sort(key=keys, reverse=descending)
        if self._visible is not self._order:
            # The visible rows are a subsequence of _order; the same stable sort keeps them so.
            self._visible.sort(key=keys, reverse=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        column = Column(column)
        self._sorted_by = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        before = [(self._visible[index.row()], index.column()) for index in persistent]
        self._sort_order(column, order)
        if persistent:
            # Selection and current row follow their application, not their row number.
            wanted = {i for i, _ in before}
            position = {i: p for p, i in enumerate(self._visible) if i in wanted}
            self.changePersistentIndexList(
                persistent, [self.index(position[i], c) for i, c in before]
            )
        self.layoutChanged.emit()

    # --- QAbstractTableModel ---

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _TOP) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _TOP) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[Column(section)]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in MONEY_COLUMNS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[self._visible[index.row()]]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._raw(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in MONEY_COLUMNS:
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            if column in (Column.DISTRICT, Column.SESSION):
                return Qt.AlignmentFlag.AlignCenter
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == Column.ELIGIBILITY:
            return outcome_icon(row.eligibility)
        if role == Qt.ItemDataRole.ToolTipRole and column in (Column.TITLE, Column.LEAD):
            return row.title if column == Column.TITLE else row.lead_name
        if role == ROW_ROLE:
            return row
        return None

    def _display(self, row: ApplicationRow, column: int) -> str:
        if column == Column.CODE:
            return row.code
        if column == Column.TITLE:
            return row.title
        if column == Column.LEAD:
            return row.lead_name
        if column == Column.DISTRICT:
            return str(row.district) if row.district is not None else ""
        if column == Column.COST:
            return format_eur(row.cost_cents) if row.cost_cents is not None else ""
        if column == Column.GRANT:
            return format_eur(row.grant_cents) if row.grant_cents is not None else ""
        if column == Column.ELIGIBILITY:
            return application_outcome_label(row.eligibility, self.language)
        return row.session_code or self._outside_session

    @staticmethod
    def _raw(row: ApplicationRow, column: int):
        return (
            row.code,
            row.title,
            row.lead_name,
            row.district,
            row.cost_cents,
            row.grant_cents,
            OUTCOME_RANK[row.eligibility],
            row.session_rank,
        )[column]

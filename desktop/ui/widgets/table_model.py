"""A table model over plain Python rows that sorts and filters inside itself.

Sorting and filtering happen here, on Python lists of row indexes, not in a
QSortFilterProxyModel: the proxy calls data() millions of times and took 16 s to
sort 100,000 rows on this project's machines; a list sort takes milliseconds
(tests/benchmarks/bench_table.py: under 50 ms per keystroke and per sort).

- `_rows`: every row, as loaded (named tuples or frozen dataclasses: plain values).
- `_order`: indexes into `_rows` in the current sort order (all of them).
- `_visible`: the indexes that pass the filter, in sort order (the table's rows);
  `_order` itself when nothing is filtered out, so one sort serves both.

A model for another table derives from `RowTableModel` and says, per column:
`raw(row, column)` (the value it sorts by and `SORT_ROLE` gives: cents, dates,
ranks), `display(row, column)` (the formatted text the cell shows), and optionally
`sort_key(column)` (a faster or different key than `raw`), `cell(row, column, role)`
(alignment, icons, tooltips), `header_data(section, role)`; `key_of(row)` (what
identifies a row across reloads: `update_rows` and `position_of` use it) and
`matching(rows, wanted)` (which rows pass a filter; `wanted` is whatever the view
hands to `set_filter`, compared with == to skip a filter that did not change).
Set `self.headers` to the column titles.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value a column sorts by
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the whole row

_TOP = QModelIndex()  # a table's rows have no parent

R = TypeVar("R")


class RowTableModel(QAbstractTableModel, Generic[R]):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.headers: Sequence[str] = ()
        self._rows: list[R] = []
        self._index_of_key: dict[Hashable, int] = {}
        self._order: list[int] = []
        self._visible: list[int] = self._order
        self._filter: Any = None
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None
        # Sort keys per column, computed on the first sort by that column.
        self._sort_keys: dict[int, list] = {}

    # --- what a derived model says ---

    def key_of(self, row: R) -> Hashable:
        """What identifies a row across reloads (an application's code). Called once
        per row by set_rows: `key_of = staticmethod(operator.attrgetter("code"))` is
        the fastest way to say it (a third of set_rows' time at 100,000 rows)."""
        return row

    def raw(self, row: R, column: int) -> Any:
        """The value a cell sorts by (cents, not "1.000,00 €")."""
        raise NotImplementedError

    def display(self, row: R, column: int) -> str:
        """The text a cell shows (and reads out to a screen reader)."""
        value = self.raw(row, column)
        return "" if value is None else str(value)

    def sort_key(self, column: int) -> Callable[[R], Any]:
        """One comparable value per row (all ints or all strs: None does not compare)."""
        return lambda row: self.raw(row, column)

    def matching(self, rows: list[R], wanted: Any) -> Iterable[int] | None:
        """Indexes of the rows that pass the filter `wanted`, in storage order
        (reading rows in memory order is several times faster than in sort order
        at 100,000 rows); None when every row passes."""
        return None

    def cell(self, row: R, column: int, role: int) -> Any:
        """Any other role of a cell: alignment, decoration, tooltip."""
        return None

    def header_data(self, section: int, role: int) -> Any:
        """Any role of a header but its text."""
        return None

    # --- what the view asks ---

    def set_rows(self, rows: list[R]) -> None:
        """New rows (a load or a refresh); the current sort and filter still apply."""
        self.beginResetModel()
        self._rows = rows
        key_of = self.key_of
        self._index_of_key = {key_of(row): i for i, row in enumerate(rows)}
        self._sort_keys.clear()
        self._order = list(range(len(rows)))
        if self._sorted_by is not None:
            self._sort_order(*self._sorted_by)
        self._visible = self._matching()
        self.endResetModel()

    def update_rows(self, rows: Iterable[R]) -> None:
        """Rows changed in place (after an override, say). They keep their place even
        if they no longer match the filter or sort: nothing moves under the user's
        eyes; the next filter or sort puts them where they belong. Rows not loaded
        are ignored (a reload brings new ones)."""
        for row in rows:
            index = self._index_of_key.get(self.key_of(row))
            if index is None:
                continue
            self._rows[index] = row
            self._sort_keys.clear()
            position = self._position_of_index(index)
            if position is not None:
                self.dataChanged.emit(
                    self.index(position, 0), self.index(position, self.columnCount() - 1)
                )

    def set_filter(self, wanted: Any) -> None:
        if wanted == self._filter:
            return
        self.beginResetModel()
        self._filter = wanted
        self._visible = self._matching()
        self.endResetModel()

    def row(self, position: int) -> R:
        return self._rows[self._visible[position]]

    def has_key(self, key: Hashable) -> bool:
        return key in self._index_of_key

    def position_of(self, key: Hashable) -> int | None:
        """The table row showing this row's key, None when filtered out or unknown."""
        index = self._index_of_key.get(key)
        return None if index is None else self._position_of_index(index)

    @property
    def total_count(self) -> int:
        return len(self._rows)

    @property
    def visible_keys(self) -> list:
        return [self.key_of(self._rows[i]) for i in self._visible]

    # --- filtering and sorting on Python lists ---

    def _position_of_index(self, index: int) -> int | None:
        try:
            return self._visible.index(index)
        except ValueError:  # list.index's "not there": filtered out
            return None

    def _matching(self) -> list[int]:
        """Indexes in sort order that pass the filter; `_order` itself when all do."""
        kept = self.matching(self._rows, self._filter)
        if kept is None:
            return self._order
        kept = list(kept)
        if len(kept) == len(self._rows):
            return self._order
        selected = [False] * len(self._rows)
        for i in kept:
            selected[i] = True
        return [i for i in self._order if selected[i]]

    def _keys(self, column: int) -> list:
        keys = self._sort_keys.get(column)
        if keys is None:
            keys = self._sort_keys[column] = list(map(self.sort_key(column), self._rows))
        return keys

    def _sort_order(self, column: int, order: Qt.SortOrder) -> None:
        # list.sort is stable, also with reverse=True: equal keys keep the previous
        # order, so sorting by district then by eligibility groups as expected.
        keys = self._keys(column).__getitem__
        descending = order == Qt.SortOrder.DescendingOrder
        self._order.sort(key=keys, reverse=descending)
        if self._visible is not self._order:
            # The visible rows are a subsequence of _order; the same stable sort keeps them so.
            self._visible.sort(key=keys, reverse=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self.columnCount():
            return
        self._sorted_by = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        before = [(self._visible[index.row()], index.column()) for index in persistent]
        self._sort_order(column, order)
        if persistent:
            # Selection and current row follow their row, not their row number.
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
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return self.header_data(section, role)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[self._visible[index.row()]]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.AccessibleTextRole:
            return self.display(row, column)
        if role == SORT_ROLE:
            return self.raw(row, column)
        if role == ROW_ROLE:
            return row
        return self.cell(row, column, role)

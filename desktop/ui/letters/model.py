"""The letters table: one plain `LetterRow` per letter, sorted and filtered inside
the model (desktop/ui/widgets/table_model.py), filtered by session, kind and state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import QObject, Qt

from desktop.domain import letters as rules
from desktop.domain.formatting import date as format_date
from desktop.domain.vocabulary import letter_kind_label, letter_state_label
from desktop.letters.service import LetterRow
from desktop.ui.widgets.table_model import RowTableModel


class Column(IntEnum):
    CODE = 0
    TITLE = 1
    KIND = 2
    STATE = 3
    ADDRESSEE = 4
    PEC = 5
    PROTOCOL = 6
    GENERATED = 7
    FAILURE = 8


STATE_RANK = {state: rank for rank, state in enumerate(rules.STATES)}
KIND_RANK = {kind: rank for rank, kind in enumerate(rules.KINDS)}


@dataclass(frozen=True)
class LetterFilter:
    """ "" means any."""

    session: str = ""
    kind: str = ""
    state: str = ""

    def keeps(self, row: LetterRow, *, state: bool = True) -> bool:
        return (
            (not self.session or row.session_code == self.session)
            and (not self.kind or row.kind == self.kind)
            and (not state or not self.state or row.state == self.state)
        )


def letter_key(row: LetterRow) -> tuple[str, str]:
    return row.code, row.kind


def protocol_text(row: LetterRow) -> str:
    if not row.protocol_number:
        return ""
    if row.protocol_date is None:
        return row.protocol_number
    return f"{row.protocol_number} / {format_date(row.protocol_date)}"


def generated_text(row: LetterRow) -> str:
    moment = row.generated_at
    return f"{format_date(moment.date())} {moment:%H:%M}" if moment else ""


class LettersModel(RowTableModel[LetterRow]):
    key_of = staticmethod(letter_key)

    def __init__(self, parent: QObject | None = None, language: str = "it"):
        super().__init__(parent)
        self.language = language
        self.headers = (
            self.tr("Code"),
            self.tr("Title"),
            self.tr("Kind"),
            self.tr("State"),
            self.tr("Addressee"),
            self.tr("PEC"),
            self.tr("Protocol no. / date"),
            self.tr("Generated"),
            self.tr("Not delivered because"),
        )

    def raw(self, row: LetterRow, column: int):
        column = Column(column)
        if column is Column.CODE:
            return row.code
        if column is Column.TITLE:
            return row.title
        if column is Column.KIND:
            return row.kind
        if column is Column.STATE:
            return row.state
        if column is Column.ADDRESSEE:
            return row.addressee
        if column is Column.PEC:
            return row.pec
        if column is Column.PROTOCOL:
            return (row.protocol_date or dt.date.min, row.protocol_number)
        if column is Column.GENERATED:
            return row.generated_at
        return row.failure

    def sort_key(self, column: int):
        column = Column(column)
        if column is Column.KIND:
            return lambda row: KIND_RANK.get(row.kind, 99)
        if column is Column.STATE:
            return lambda row: STATE_RANK.get(row.state, 99)
        if column in (Column.TITLE, Column.ADDRESSEE, Column.PEC, Column.FAILURE):
            return lambda row: (self.raw(row, column) or "").casefold()
        if column is Column.GENERATED:
            return lambda row: row.generated_at or dt.datetime.min
        return lambda row: self.raw(row, column)

    def display(self, row: LetterRow, column: int) -> str:
        column = Column(column)
        if column is Column.KIND:
            return letter_kind_label(row.kind, self.language)
        if column is Column.STATE:
            return letter_state_label(row.state, self.language)
        if column is Column.PROTOCOL:
            return protocol_text(row)
        if column is Column.GENERATED:
            return generated_text(row)
        value = self.raw(row, column)
        return "" if value is None else str(value)

    def cell(self, row: LetterRow, column: int, role: int):
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in (Column.TITLE, Column.FAILURE, Column.ADDRESSEE):
                return self.display(row, column) or None
            if column == Column.CODE:
                return row.subject
        return None

    def matching(self, rows: list[LetterRow], wanted) -> Iterable[int] | None:
        if not isinstance(wanted, LetterFilter) or wanted == LetterFilter():
            return None
        return (i for i, row in enumerate(rows) if wanted.keeps(row))

    def rows(self) -> list[LetterRow]:
        return list(self._rows)

"""The applications table: a `RowTableModel` (desktop/ui/widgets/table_model.py)
over the window's light rows (browse.ApplicationRow), sorted and filtered inside the
model, with the applications' columns, labels and filter bar criteria.

`desktop.services.browse` (and SQLAlchemy behind it) is imported when a search or a
sort by eligibility first needs it, not with the window: start-up paints sooner.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from operator import attrgetter
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from desktop.domain.eligibility import Outcome
from desktop.domain.formatting import money as format_eur
from desktop.domain.vocabulary import application_outcome_label
from desktop.ui.widgets.table_model import ROW_ROLE, SORT_ROLE, RowTableModel

if TYPE_CHECKING:
    from desktop.services.browse import ApplicationRow

__all__ = ["ROW_ROLE", "SORT_ROLE", "ApplicationsModel", "Column", "RowFilter"]

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


def _outcome_rank():
    from desktop.services.browse import OUTCOME_RANK

    return OUTCOME_RANK


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
        rank = _outcome_rank()
        return lambda row: rank[row.eligibility]
    return lambda row: row.session_rank


class ApplicationsModel(RowTableModel["ApplicationRow"]):
    def __init__(self, language: str = "it", parent: QObject | None = None):
        super().__init__(parent)
        self.language = language
        self._filter = RowFilter()
        self.headers = [
            self.tr("Code"),
            self.tr("Title"),
            self.tr("Lead partner"),
            self.tr("District"),
            self.tr("Cost"),
            self.tr("Grant"),
            self.tr("Eligibility"),
            self.tr("Session"),
        ]
        self._outside_session = self.tr("outside")

    # --- by application code ---

    key_of = staticmethod(attrgetter("code"))

    def has_code(self, code: str) -> bool:
        return self.has_key(code)

    @property
    def visible_codes(self) -> list[str]:
        return self.visible_keys

    # --- filtering: the filter bar's RowFilter ---

    def matching(self, rows: list[ApplicationRow], wanted: RowFilter) -> list[int] | None:
        """Each criterion is one list comprehension over what the previous one kept,
        in storage order; None when nothing is asked."""
        kept: range | list[int] = range(len(rows))
        if wanted.text.strip():
            from desktop.services.browse import search_key

            # Every word must appear; the longest first, as it usually keeps fewest
            # rows for the others to look at.
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
        return None if isinstance(kept, range) else kept

    # --- cells ---

    def sort_key(self, column: int):
        return _sort_key(Column(column))

    def header_data(self, section: int, role: int):
        if role == Qt.ItemDataRole.TextAlignmentRole and section in MONEY_COLUMNS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def cell(self, row: ApplicationRow, column: int, role: int):
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
        return None

    def display(self, row: ApplicationRow, column: int) -> str:
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
    def raw(row: ApplicationRow, column: int):
        return (
            row.code,
            row.title,
            row.lead_name,
            row.district,
            row.cost_cents,
            row.grant_cents,
            _outcome_rank()[row.eligibility],
            row.session_rank,
        )[column]

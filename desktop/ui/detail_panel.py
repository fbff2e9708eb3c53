"""The selected application in full: its eligibility rules (with reasons and any
override), every field, the partners of the aggregation and the field history.

The panel only shows an ApplicationDetail (services.browse.load_detail) that the
window loaded in a query (and loads again when a change touches it); asking for an
override is a signal the window answers with a change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.eligibility import Outcome
from desktop.domain.formatting import date as format_date_it
from desktop.domain.formatting import date_time as format_datetime_it
from desktop.domain.formatting import money as format_eur
from desktop.domain.vocabulary import application_outcome_label, rule_label, rule_outcome_label
from desktop.ui.applications_model import outcome_icon

if TYPE_CHECKING:  # the services bring SQLAlchemy, which loads after the first paint
    from desktop.services.applications import RuleView
    from desktop.services.browse import ApplicationDetail


def _money(cents: int | None) -> str:
    return format_eur(cents) if cents is not None else ""


def _read_only_table(columns: list[str], accessible_name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setAccessibleName(accessible_name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(True)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setDefaultAlignment(
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    )
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    # Wrapped text needs other row heights whenever a column's width changes; once
    # the header has settled all its sections, not on each one's signal.
    settle = QTimer(table)
    settle.setSingleShot(True)
    settle.setInterval(0)
    settle.timeout.connect(table.resizeRowsToContents)
    table.horizontalHeader().sectionResized.connect(lambda *_: settle.start())
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            table.setItem(r, c, item)
    table.resizeRowsToContents()


class DetailPanel(QWidget):
    override_requested = Signal(str, str)  # application code, rule id

    def __init__(self, language: str = "it", parent: QWidget | None = None):
        super().__init__(parent)
        self.language = language
        self.detail: ApplicationDetail | None = None
        self.setAccessibleName(self.tr("Application detail"))

        self.code_label = QLabel()
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        title_font = QFont(self.title_label.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        title_font.setBold(True)
        self.title_label.setFont(title_font)
        self.outcome_icon = QLabel()
        self.outcome_text = QLabel()
        for label in (self.code_label, self.title_label, self.outcome_text):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outcome_row = QHBoxLayout()
        outcome_row.addWidget(self.code_label)
        outcome_row.addSpacing(12)
        outcome_row.addWidget(self.outcome_icon)
        outcome_row.addWidget(self.outcome_text)
        outcome_row.addStretch()

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Application detail"))
        self.tabs.addTab(self._rules_page(), self.tr("Eligibility"))
        # Beside the tabs rather than below the rules: one row more for the rules.
        self.tabs.setCornerWidget(self.override_button)
        self.tabs.currentChanged.connect(lambda _index: self._update_override_button())
        self.tabs.addTab(self._fields_page(), self.tr("Application"))
        self.partners = _read_only_table(
            [
                self.tr("Role"),
                self.tr("Name"),
                self.tr("Tax code"),
                self.tr("Category"),
                self.tr("R.E.A."),
                self.tr("Legal form"),
                self.tr("PEC"),
                self.tr("Email"),
            ],
            self.tr("Partners of the aggregation"),
        )
        self.partners.horizontalHeader().setStretchLastSection(True)
        self.tabs.addTab(self.partners, self.tr("Partners"))
        self.tabs.addTab(self._history_page(), self.tr("History"))

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.title_label)
        content_layout.addLayout(outcome_row)
        content_layout.addWidget(self.tabs, 1)

        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.stack)
        self.setFocusProxy(self.tabs)
        self.clear()

    # --- pages ---

    def _rules_page(self) -> QWidget:
        self.rules = _read_only_table(
            [self.tr("Rule"), self.tr("Outcome"), self.tr("Reason"), self.tr("Override")],
            self.tr("Eligibility rules"),
        )
        header = self.rules.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        # Enter or a double click on a rule asks to override it.
        self.rules.activated.connect(lambda _index: self.request_override())
        self.rules.currentCellChanged.connect(lambda *_: self._update_override_button())

        self.override_button = QPushButton(self.tr("&Override…"))
        self.override_button.setToolTip(
            self.tr("Replace the selected rule's outcome, with a note saying why")
        )
        self.override_button.clicked.connect(self.request_override)
        return self.rules

    def _fields_page(self) -> QWidget:
        self.field_labels: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label in (
            ("code", self.tr("Code")),
            ("title", self.tr("Title")),
            ("submitted", self.tr("Submitted")),
            ("session", self.tr("Session")),
            ("summary", self.tr("Summary")),
            ("lead", self.tr("Lead partner")),
            ("contact", self.tr("Contact person")),
            ("address", self.tr("Operating address")),
            ("district", self.tr("District")),
            ("neighbourhood", self.tr("Neighbourhood")),
            ("objectives", self.tr("Objectives")),
            ("cost", self.tr("Total cost")),
            ("grant", self.tr("Grant")),
            ("target", self.tr("Crowdfunding target")),
            ("declared_target", self.tr("Declared target")),
            ("duration", self.tr("Duration (months)")),
            ("start", self.tr("Start date")),
            ("updated", self.tr("Last updated")),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            value.setAccessibleName(label)
            self.field_labels[key] = value
            form.addRow(label, value)
        page = QWidget()
        page.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        scroll.setAccessibleName(self.tr("Application fields"))
        return scroll

    def _history_page(self) -> QWidget:
        self.history = _read_only_table(
            [
                self.tr("When"),
                self.tr("Field"),
                self.tr("Old value"),
                self.tr("New value"),
                self.tr("Who"),
            ],
            self.tr("Field history"),
        )
        self.history.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.history.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.history.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.no_history = QLabel(self.tr("No field has changed since the first import."))
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.no_history)
        layout.addWidget(self.history)
        return page

    # --- what the window calls ---

    @property
    def shown_code(self) -> str | None:
        return self.detail.code if self.detail else None

    def clear(self) -> None:
        self.show_message(self.tr("Select an application to see its details."))

    def show_message(self, text: str) -> None:
        """No application shown: a hint, or why not."""
        self.detail = None
        self.placeholder.setText(text)
        self.stack.setCurrentWidget(self.placeholder)

    def show_detail(self, detail: ApplicationDetail) -> None:
        same_application = self.shown_code == detail.code
        current_rule = self.rules.currentRow()
        self.detail = detail
        app = detail.application
        self.title_label.setText(app.title)
        self.code_label.setText(app.code)
        self.outcome_icon.setPixmap(outcome_icon(detail.eligibility).pixmap(12, 12))
        self.outcome_text.setText(application_outcome_label(detail.eligibility, self.language))
        self._show_rules(detail)
        self._show_fields(detail)
        _fill(
            self.partners,
            [
                [
                    self.tr("lead partner") if m.is_lead else self.tr("partner"),
                    m.name,
                    m.tax_code,
                    m.category,
                    m.rea,
                    m.legal_form,
                    m.pec,
                    m.email,
                ]
                for m in detail.members
            ],
        )
        self.partners.resizeColumnsToContents()
        self.tabs.setTabText(2, self.tr("Partners ({n})").format(n=len(detail.members)))
        _fill(
            self.history,
            [
                [format_datetime_it(c.changed_at), c.field, c.old_value, c.new_value, c.changed_by]
                for c in detail.history
            ],
        )
        self.history.setVisible(bool(detail.history))
        self.no_history.setVisible(not detail.history)
        self.tabs.setTabText(3, self.tr("History ({n})").format(n=len(detail.history)))
        # After an override the officer stays on the rule just changed; otherwise the
        # first rule that did not pass is ready to look at (and to override).
        if not (same_application and 0 <= current_rule < self.rules.rowCount()):
            current_rule = next(
                (r for r, view in enumerate(detail.rules) if view.outcome is not Outcome.PASS), 0
            )
        if detail.rules:
            self.rules.setCurrentCell(current_rule, 0)
        self._update_override_button()
        self.stack.setCurrentIndex(1)

    def _show_rules(self, detail: ApplicationDetail) -> None:
        rows = []
        for view in detail.rules:
            outcome = rule_outcome_label(view.outcome, self.language)
            override = ""
            if view.override is not None:
                outcome = self.tr("{outcome} (override)").format(outcome=outcome)
                override = self.tr("{note} — {officer}, {date}").format(
                    note=view.override.note,
                    officer=view.override.officer,
                    date=format_date_it(view.override.created_at),
                )
            rows.append(
                [
                    rule_label(view.result.rule, self.language),
                    outcome,
                    view.result.reason(self.language),
                    override,
                ]
            )
        _fill(self.rules, rows)
        for r, view in enumerate(detail.rules):
            self.rules.item(r, 1).setIcon(outcome_icon(view.outcome))
            if view.override is not None:
                self.rules.item(r, 1).setToolTip(
                    self.tr("Computed: {outcome}").format(
                        outcome=rule_outcome_label(view.result.outcome, self.language)
                    )
                )
        # The override column only takes room when some rule was overridden.
        self.rules.setColumnHidden(3, all(view.override is None for view in detail.rules))
        self.rules.resizeRowsToContents()

    def _show_fields(self, detail: ApplicationDetail) -> None:
        app = detail.application
        lead = next((m for m in detail.members if m.is_lead), None)
        values = {
            "code": app.code,
            "title": app.title,
            "submitted": format_datetime_it(app.submitted_on, app.submitted_time)
            if app.submitted_on
            else "",
            "session": detail.session_name or self.tr("outside every session"),
            "summary": app.summary,
            "lead": f"{lead.name} ({lead.tax_code})" if lead else "",
            "contact": app.contact_person,
            "address": app.operating_address,
            "district": str(app.district) if app.district is not None else "",
            "neighbourhood": app.neighbourhood,
            "objectives": "\n".join(f"{n}. {name}" for n, name in detail.objectives),
            "cost": _money(app.cost_cents),
            "grant": _money(detail.grant_cents),
            "target": _money(detail.target_cents),
            "declared_target": _money(app.declared_target_cents),
            "duration": str(app.duration_months) if app.duration_months is not None else "",
            "start": format_date_it(app.start_on) if app.start_on else "",
            "updated": format_datetime_it(detail.updated_at) if detail.updated_at else "",
        }
        for key, value in values.items():
            self.field_labels[key].setText(value or "—")

    # --- overriding ---

    def current_rule(self) -> RuleView | None:
        row = self.rules.currentRow()
        if self.detail is None or not 0 <= row < len(self.detail.rules):
            return None
        return self.detail.rules[row]

    def _update_override_button(self) -> None:
        self.override_button.setEnabled(
            self.tabs.currentIndex() == 0 and self.current_rule() is not None
        )

    def request_override(self) -> None:
        rule = self.current_rule()
        if rule is not None and self.detail is not None:
            self.override_requested.emit(self.detail.code, rule.result.rule)

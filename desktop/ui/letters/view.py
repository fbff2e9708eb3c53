"""The *Lettere* view: the call's decision letters by session, kind and state, the
selected letter's page (rendered from the stored PDF/A) and its history, and the
steps of its path — generate a batch, approve, record the protocol (typed or from
the protocol office's CSV), send by PEC, read the provider's receipts (chosen, .eml
files dropped on the tab, or from the mailbox over IMAP), print, open the file. The
PEC mailbox itself is set in its dialog (desktop/ui/letters/pec_dialog.py), which a
problem about it in the banner opens too.

Nothing here reads the database or renders on the GUI thread: the list, the page
and the history are queries the view owns (the latest wins, closing the view drops
them); generating, approving and recording protocols are changes, which broadcast
`Kind.LETTERS` so that every open letters view reloads. A batch (generating,
sending, reading receipts) shows its progress with Cancel in the tab and ends with a
report there: what was done, and what was not and why. A step the letter's state
does not allow is disabled (desktop.domain.letters.TRANSITIONS); a step refused all
the same (another window moved the letter meanwhile) is said in the view's banner.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import letters as rules
from desktop.domain.calls import CallDefinition
from desktop.domain.formatting import date as format_date
from desktop.domain.problems import Problem
from desktop.domain.vocabulary import letter_kind_label, letter_state_label
from desktop.services.changes import NOTHING, Changed, Changes, Kind
from desktop.ui.letters.model import Column, LetterFilter, LettersModel, letter_key
from desktop.ui.operations import Operation, Operations
from desktop.ui.widgets.flow_layout import FlowLayout
from desktop.ui.widgets.view import View

# The view lists every letter of the call and filters in the model: a call has a few
# hundred applications, a handful of letters each.


def allowed(action: str, state: str) -> bool:
    """Whether a letter in `state` may take the step `action` now."""
    return state in rules.TRANSITIONS[action][0]


class PagePreview(QWidget):
    """A page image scaled to the pane, keeping its proportions, on a grey desk."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("letterPage")
        self.setMinimumSize(160, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._pixmap = QPixmap()
        self._scaled: QPixmap | None = None
        self.message = ""

    def set_image(self, image: QImage | None) -> None:
        self._pixmap = QPixmap.fromImage(image) if image is not None else QPixmap()
        self._scaled = None
        self.message = ""
        self.update()

    def set_message(self, text: str) -> None:
        self._pixmap = QPixmap()
        self._scaled = None
        self.message = text
        self.update()

    def pixmap(self) -> QPixmap:
        return self._pixmap

    def sizeHint(self) -> QSize:
        return QSize(420, 594)

    def resizeEvent(self, event) -> None:
        self._scaled = None
        super().resizeEvent(event)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window().color().darker(112))
        if self._pixmap.isNull():
            if self.message:
                painter.drawText(
                    self.rect().adjusted(12, 12, -12, -12),
                    Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                    self.message,
                )
            return
        area = self.rect().adjusted(8, 8, -8, -8)
        ratio = self.devicePixelRatioF()
        if self._scaled is None:
            self._scaled = self._pixmap.scaled(
                area.size() * ratio,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            self._scaled.setDevicePixelRatio(ratio)
        size = self._scaled.deviceIndependentSize().toSize()
        x = area.x() + (area.width() - size.width()) // 2
        y = area.y() + (area.height() - size.height()) // 2
        painter.fillRect(x + 3, y + 3, size.width(), size.height(), Qt.GlobalColor.darkGray)
        painter.drawPixmap(x, y, self._scaled)


class LettersView(View):
    def __init__(
        self,
        ops: Operations,
        database,
        call: CallDefinition,
        language: str = "it",
        parent: QWidget | None = None,
        *,
        settings=None,
    ):
        super().__init__(ops, parent)
        self.database = database
        self.call = call
        self.language = language
        self.settings = settings
        self.setObjectName("lettersView")
        self.wanted: tuple[str, str] | None = None  # the selected letter's (code, kind)
        self.pdf: bytes | None = None  # the shown letter's stored PDF
        self.pdf_key: tuple[str, str, str] | None = None  # (code, kind, sha256) of `pdf`
        self.page = 0
        self.pages = 0
        self.batch: Operation | None = None
        self.last_batch = None
        self.loaded = False

        self.model = LettersModel(self, language)
        self._build_filters()
        self._build_actions()
        self._build_progress()
        self._build_report()
        self._build_table()
        self._build_preview()

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("lettersSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.side)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        # The table a little wider than the page: code, title, kind and state in view.
        self.splitter.setSizes([560, 440])

        content = QVBoxLayout()
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutLeftMargin)
        content.setContentsMargins(margin, margin, margin, margin)
        content.addLayout(self.filters_layout)
        content.addLayout(self.actions_layout)
        content.addWidget(self.progress_frame)
        content.addWidget(self.report_frame)
        content.addWidget(self.splitter, 1)
        self.page_layout.addLayout(content, 1)
        self.setAcceptDrops(True)  # PEC receipts (.eml files or a folder of them)
        self.refresh_pec_account()

    # --- building ---

    def _combo(self, name: str, accessible: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        for text, value in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(lambda _index: self._filter_changed())
        return combo

    def _build_filters(self) -> None:
        language = self.language
        self.session_filter = self._combo(
            "lettersSession",
            self.tr("Session"),
            [(self.tr("All sessions"), "")]
            + [(self.tr("Session {code}").format(code=s.code), s.code) for s in self.call.sessions],
        )
        self.kind_filter = self._combo(
            "lettersKind",
            self.tr("Kind"),
            [(self.tr("All kinds"), "")]
            + [(letter_kind_label(k, language), k) for k in rules.KINDS],
        )
        self.state_filter = self._combo(
            "lettersState",
            self.tr("State"),
            [(self.tr("All states"), "")]
            + [(letter_state_label(s, language), s) for s in rules.STATES],
        )
        self.counts = QLabel(self.tr("Loading the letters…"))
        self.counts.setObjectName("letterCounts")
        self.counts.setAccessibleName(self.tr("Letters per state"))
        self.counts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.filters_layout = FlowLayout()
        for label, combo in (
            (self.tr("&Session:"), self.session_filter),
            (self.tr("&Kind:"), self.kind_filter),
            (self.tr("S&tate:"), self.state_filter),
        ):
            box = QWidget()
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            caption = QLabel(label)
            caption.setBuddy(combo)
            row.addWidget(caption)
            row.addWidget(combo)
            self.filters_layout.addWidget(box)
        self.filters_layout.addWidget(self.counts)

    def _button(self, name: str, text: str, slot, tip: str = "", icon=None) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        if tip:
            button.setToolTip(tip)
        if icon is not None:
            button.setIcon(self.style().standardIcon(icon))
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _build_actions(self) -> None:
        pixmaps = QStyle.StandardPixmap
        self.generate_button = self._button(
            "generateLetters",
            self.tr("&Generate Letters…"),
            self.ask_generate,
            self.tr("Write the letters of a session as drafts, with the files of the batch"),
            pixmaps.SP_FileDialogNewFolder,
        )
        self.approve_button = self._button(
            "approveLetter",
            self.tr("&Approve"),
            self.approve_selected,
            self.tr("The responsible officer approves the letter as written (only a draft)"),
            pixmaps.SP_DialogApplyButton,
        )
        self.reopen_button = self._button(
            "reopenLetter",
            self.tr("&Withdraw Approval…"),
            self.ask_reopen,
            self.tr("Take back an approval, with the reason: the letter is a draft again"),
        )
        self.protocol_button = self._button(
            "recordProtocol",
            self.tr("Record &Protocol…"),
            self.ask_protocol,
            self.tr("The protocol number and date, stamped on the letter (once approved)"),
        )
        self.protocol_csv_button = self._button(
            "importProtocols",
            self.tr("&Import Protocols from CSV…"),
            self.ask_protocol_csv,
            self.tr("The protocol office's list: codice, tipo, numero_protocollo, data_protocollo"),
        )
        self.print_button = self._button(
            "printLetter",
            self.tr("P&rint…"),
            self.print_selected,
            self.tr("Print the letter as stored (Ctrl+P)"),
        )
        self.open_button = self._button(
            "openLetter",
            self.tr("&Open the File"),
            self.open_selected,
            self.tr("Open the letter's PDF with the system's viewer"),
            pixmaps.SP_DialogOpenButton,
        )
        self.send_button = self._button(
            "sendLetters",
            self.tr("Send by P&EC…"),
            self.ask_send,
            self.tr(
                "Send the protocolled letters shown (or not delivered before) by PEC, "
                "one message each with its PDF, never twice"
            ),
        )
        self.receipts_button = self._button(
            "readReceipts",
            self.tr("Read Re&ceipts…"),
            self.ask_receipts,
            self.tr(
                "Record the PEC provider's receipts (.eml files; you can also drop them "
                "on this tab)"
            ),
        )
        self.mailbox_button = self._button(
            "readMailbox",
            self.tr("Read Receipts from the &Mailbox"),
            self.read_mailbox,
            self.tr(
                "Read the PEC provider's receipts in the mailbox's inbox over IMAP (read-only: "
                "nothing is marked or deleted); set the IMAP server in Letters › PEC Mailbox…"
            ),
        )
        self.actions_layout = FlowLayout()
        for button in (
            self.generate_button,
            self.approve_button,
            self.reopen_button,
            self.protocol_button,
            self.protocol_csv_button,
            self.send_button,
            self.receipts_button,
            self.mailbox_button,
            self.print_button,
            self.open_button,
        ):
            self.actions_layout.addWidget(button)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        shortcut.setContext(context)
        shortcut.activated.connect(self.print_selected)

    def _build_progress(self) -> None:
        self.progress_frame = QFrame()
        self.progress_frame.setObjectName("generateProgress")
        self.progress_label = QLabel(self.tr("Generating the letters…"))
        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName(self.tr("Letters generated"))
        self.cancel_button = self._button("cancelGenerate", self.tr("Cancel"), self.cancel_generate)
        row = QHBoxLayout(self.progress_frame)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress_label)
        row.addWidget(self.progress_bar, 1)
        row.addWidget(self.cancel_button)
        self.progress_frame.hide()

    def _build_report(self) -> None:
        """What the last batch wrote and skipped, with the folder to open: in the
        page, not a dialog, so it stays while the user looks at the letters."""
        self.report_frame = QFrame()
        self.report_frame.setObjectName("batchReport")
        self.report_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.report_text = QLabel()
        self.report_text.setObjectName("batchSummary")
        self.report_text.setWordWrap(True)
        self.report_text.setTextFormat(Qt.TextFormat.PlainText)
        self.report_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_folder_button = self._button(
            "openBatchFolder", self.tr("Open the &Folder"), self.open_batch_folder
        )
        close = self._button("closeBatchReport", self.tr("Close"), self.report_frame.hide)
        row = QHBoxLayout(self.report_frame)
        row.setContentsMargins(8, 6, 8, 6)
        row.addWidget(self.report_text, 1)
        row.addWidget(self.report_folder_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.report_frame.hide()

    def _build_table(self) -> None:
        self.table = QTableView()
        self.table.setObjectName("letters")
        self.table.setAccessibleName(self.tr("Letters"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        metrics = self.table.fontMetrics()
        samples = {
            Column.CODE: "CC24-0000",
            Column.TITLE: "x" * 22,
            Column.KIND: "Ammissione alla campagna",
            Column.STATE: "non consegnata",
            Column.ADDRESSEE: "x" * 20,
            Column.PEC: "x" * 22,
            Column.PROTOCOL: "PG 000000/2025 / 00/00/2025",
            Column.GENERATED: "00/00/2025 00:00",
            Column.FAILURE: "x" * 20,
        }
        for column, sample in samples.items():
            heading = self.model.headerData(column, Qt.Orientation.Horizontal)
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(heading))
            header.resizeSection(column, width + 20)
        header.setStretchLastSection(True)
        header.setSortIndicator(Column.CODE, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())

    def _build_preview(self) -> None:
        self.side = QWidget()
        self.side.setObjectName("letterSide")
        self.subject = QLabel()
        self.subject.setObjectName("letterSubject")
        self.subject.setWordWrap(True)
        self.subject.setTextFormat(Qt.TextFormat.PlainText)
        self.subject.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A long subject wraps; it never widens the pane.
        self.subject.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.preview = PagePreview()
        self.preview.setAccessibleName(self.tr("The letter's page"))
        self.preview.set_message(self.tr("Select a letter to see its page."))
        self.previous_page = self._button(
            "previousPage", "◀", lambda: self.show_page(self.page - 1)
        )
        self.previous_page.setToolTip(self.tr("Previous page"))
        self.previous_page.setAccessibleName(self.tr("Previous page"))
        self.next_page = self._button("nextPage", "▶", lambda: self.show_page(self.page + 1))
        self.next_page.setToolTip(self.tr("Next page"))
        self.next_page.setAccessibleName(self.tr("Next page"))
        self.page_label = QLabel()
        self.page_label.setObjectName("pageNumber")
        self.page_nav = QWidget()
        nav = QHBoxLayout(self.page_nav)
        nav.setContentsMargins(0, 0, 0, 0)
        nav.addStretch(1)
        nav.addWidget(self.previous_page)
        nav.addWidget(self.page_label)
        nav.addWidget(self.next_page)
        nav.addStretch(1)
        self.page_nav.hide()

        self.history = QTableWidget(0, 4)
        self.history.setObjectName("letterHistory")
        self.history.setAccessibleName(self.tr("The letter's history"))
        self.history.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("State after")]
        )
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setWordWrap(False)
        self.history.setTabKeyNavigation(False)
        self.history.horizontalHeader().setStretchLastSection(False)
        self.history.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # A few events fit; the page keeps the rest of the pane.
        self.history.setMaximumHeight(self.history.fontMetrics().height() * 8)
        history_title = QLabel(self.tr("History"))
        history_title.setBuddy(self.history)
        font = history_title.font()
        font.setBold(True)
        history_title.setFont(font)

        layout = QVBoxLayout(self.side)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.subject)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.page_nav)
        layout.addWidget(history_title)
        layout.addWidget(self.history)

    # --- loading ---

    def refresh(self) -> None:
        database, call = self.database, self.call

        def work(_task):
            from desktop.letters.service import list_letters

            return list_letters(database, call)

        def failed(problem: Problem) -> bool:
            self._load_failed = True
            return self._problem(self.tr("The letters could not be loaded."), self.refresh)(problem)

        self.query(work, self._loaded, key="letters", on_problem=failed)

    def refresh_for(self, changes: Changes) -> None:
        # Letters generated, approved, protocolled, sent; the applications' titles.
        if changes.touches(Kind.LETTERS, Kind.APPLICATIONS):
            self.refresh()

    def _loaded(self, rows) -> None:
        self.loaded = True
        if self._load_failed and self.banner.kind == "problem":
            self.banner.clear()  # loaded after all: that problem is over
        self._load_failed = False
        self.model.set_rows(rows)
        self._show_counts()
        if self.wanted is not None and self.model.has_key(self.wanted):
            self.select(*self.wanted)
            self.load_preview()  # its state, file or history may have changed
        elif self.wanted is not None:
            self._clear_selection()
        self._update_actions()

    _load_failed = False

    def _filter(self) -> LetterFilter:
        return LetterFilter(
            self.session_filter.currentData() or "",
            self.kind_filter.currentData() or "",
            self.state_filter.currentData() or "",
        )

    def _filter_changed(self) -> None:
        self.model.set_filter(self._filter())
        self._show_counts()
        if self.wanted is not None:
            position = self.model.position_of(self.wanted)
            if position is not None:
                self.select(*self.wanted)
        self._update_actions()

    def set_filters(self, session: str = "", kind: str = "", state: str = "") -> None:
        for combo, value in (
            (self.session_filter, session),
            (self.kind_filter, kind),
            (self.state_filter, state),
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self._filter_changed()

    def _show_counts(self) -> None:
        wanted = self._filter()
        rows = [row for row in self.model.rows() if wanted.keeps(row, state=False)]
        if not self.model.total_count:
            self.counts.setText(self.tr("No letters yet: Generate Letters… writes them as drafts."))
            return
        per_state = {state: 0 for state in rules.STATES}
        for row in rows:
            per_state[row.state] = per_state.get(row.state, 0) + 1
        parts = [
            f"{letter_state_label(state, self.language)}: {count}"
            for state, count in per_state.items()
            if count
        ]
        total = self.tr("{count} letters").format(count=len(rows))
        self.counts.setText(total + (" — " + " · ".join(parts) if parts else ""))

    # --- selection, page and history ---

    def select(self, code: str, kind: str) -> bool:
        position = self.model.position_of((code, kind))
        if position is None:
            return False
        index = self.model.index(position, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def selected_row(self):
        current = self.table.currentIndex()
        if not current.isValid():
            return None
        row = self.model.row(current.row())
        return row if letter_key(row) == self.wanted else None

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        row = self.model.row(current.row())
        key = letter_key(row)
        if key != self.wanted:
            self.wanted = key
            self.page = 0
            self.load_preview()
        self._update_actions()

    def _clear_selection(self) -> None:
        self.wanted = None
        self.pdf = self.pdf_key = None
        self.pages = 0
        self.subject.clear()
        self.preview.set_message(self.tr("Select a letter to see its page."))
        self.page_nav.hide()
        self.history.setRowCount(0)

    def load_preview(self) -> None:
        if self.wanted is None:
            return
        code, kind = self.wanted
        database, call = self.database, self.call
        wanted_page = self.page

        def work(_task):
            from desktop.letters.service import letter_history, letter_pdf
            from desktop.ui.letters.pages import page_count, render_page

            pdf = letter_pdf(database, call, code, kind)
            events = letter_history(database, call, code, kind)
            count = page_count(pdf)
            page = min(wanted_page, count - 1)
            return code, kind, pdf, count, page, render_page(pdf, page), events

        if self.pdf_key is None or self.pdf_key[:2] != self.wanted:
            self.preview.set_message(self.tr("Rendering the page…"))
        self.query(
            work,
            self._preview_loaded,
            key="preview",
            on_problem=self._problem(self.tr("The letter's page could not be shown.")),
        )

    def _preview_loaded(self, loaded) -> None:
        code, kind, pdf, count, page, image, events = loaded
        if (code, kind) != self.wanted:
            return
        import hashlib

        self.pdf = pdf
        self.pdf_key = (code, kind, hashlib.sha256(pdf).hexdigest())
        self.pages, self.page = count, page
        self.preview.set_image(image)
        row = self.selected_row()
        self.subject.setText(row.subject if row is not None else "")
        self._show_page_nav()
        self._show_history(events)
        self._update_actions()

    def show_page(self, page: int) -> None:
        if self.pdf is None or not 0 <= page < self.pages:
            return
        pdf, key = self.pdf, self.pdf_key

        def work(_task):
            from desktop.ui.letters.pages import render_page

            return key, page, render_page(pdf, page)

        def shown(result) -> None:
            shown_key, shown_page, image = result
            if shown_key != self.pdf_key:
                return
            self.page = shown_page
            self.preview.set_image(image)
            self._show_page_nav()

        self.query(work, shown, key="page")

    def _show_page_nav(self) -> None:
        self.page_nav.setVisible(self.pages > 1)
        self.page_label.setText(
            self.tr("Page {page} of {pages}").format(page=self.page + 1, pages=self.pages)
        )
        self.previous_page.setEnabled(self.page > 0)
        self.next_page.setEnabled(self.page + 1 < self.pages)

    def event_label(self, action: str) -> str:
        labels = {
            "generated": self.tr("generated"),
            "regenerated": self.tr("generated again"),
            "approve": self.tr("approved"),
            "reopen": self.tr("approval withdrawn"),
            "protocol": self.tr("protocol recorded"),
            "send": self.tr("sent by PEC"),
            "send_started": self.tr("sending started"),
            "send_failed": self.tr("sending failed"),
            "send_uncertain": self.tr("sending outcome unknown"),
            "accepted": self.tr("accepted by the PEC provider"),
            "delivered": self.tr("delivered"),
            "not_delivered": self.tr("not delivered"),
        }
        return labels.get(action, action)

    def _show_history(self, events) -> None:
        self.history.setRowCount(len(events))
        for line, event in enumerate(events):
            what = self.event_label(event.action)
            if event.detail:
                what = f"{what}: {event.detail}"
            cells = (
                f"{format_date(event.at.date())} {event.at:%H:%M}",
                event.actor,
                what,
                letter_state_label(event.state, self.language),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.history.setItem(line, column, item)
        self.history.resizeColumnToContents(0)
        self.history.resizeColumnToContents(1)
        self.history.resizeColumnToContents(3)

    def _update_actions(self) -> None:
        row = self.selected_row()
        state = row.state if row is not None else ""
        self.approve_button.setEnabled(row is not None and allowed("approve", state))
        self.reopen_button.setEnabled(row is not None and allowed("reopen", state))
        self.protocol_button.setEnabled(row is not None and allowed("protocol", state))
        shown = row is not None and self.pdf_key is not None and self.pdf_key[:2] == letter_key(row)
        self.print_button.setEnabled(shown)
        self.open_button.setEnabled(row is not None)
        self.generate_button.setEnabled(self.batch is None)
        self.send_button.setEnabled(self.batch is None and bool(self.sendable()))
        self.receipts_button.setEnabled(self.batch is None)
        self.mailbox_button.setEnabled(self.batch is None and self.imap_ready)

    # --- the steps of a letter's path ---

    def confirm(self, title: str, text: str) -> bool:
        """Asks before a step that cannot be undone (tests replace it)."""
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def approve_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        kind_label = letter_kind_label(row.kind, self.language)
        if not self.confirm(
            self.tr("Approve the Letter"),
            self.tr(
                "Approve the letter “{kind}” to {code}?\n\nApproving means the responsible "
                "officer has read it and it may be registered in the protocol and sent as "
                "it is: its data are frozen, and generating the letters again no longer "
                "rewrites it. Your name and the time are recorded in its history and in "
                "the audit log."
            ).format(kind=kind_label, code=row.code),
        ):
            return
        database, call, code, kind = self.database, self.call, row.code, row.kind

        def work(_task):
            from desktop.letters.service import approve

            return Changed(
                approve(database, call, code, kind), Changes.of(Kind.LETTERS, applications=[code])
            )

        self.change(
            work,
            lambda _row: self._say(
                self.tr("Letter “{kind}” to {code} approved.").format(kind=kind_label, code=code)
            ),
            on_problem=self._problem(self.tr("The letter was not approved.")),
        )

    def ask_reason(self, title: str, label: str) -> str | None:
        """A reason typed by the user, or None when cancelled (tests replace it)."""
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getText(self, title, label)
        return text if ok else None

    def ask_reopen(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        kind_label = letter_kind_label(row.kind, self.language)
        reason = self.ask_reason(
            self.tr("Withdraw the Approval"),
            self.tr(
                "Why is the approval of the letter “{kind}” to {code} withdrawn? It becomes "
                "a draft again, and the next generation writes it from the current data."
            ).format(kind=kind_label, code=row.code),
        )
        if reason is None:
            return
        database, call, code, kind = self.database, self.call, row.code, row.kind

        def work(_task):
            from desktop.letters.service import reopen

            return Changed(
                reopen(database, call, code, kind, reason),
                Changes.of(Kind.LETTERS, applications=[code]),
            )

        self.change(
            work,
            lambda _row: self._say(
                self.tr("Approval of the letter “{kind}” to {code} withdrawn.").format(
                    kind=kind_label, code=code
                )
            ),
            on_problem=self._problem(self.tr("The approval was not withdrawn.")),
        )

    def ask_protocol(self) -> None:
        from desktop.ui.letters.dialogs import ProtocolDialog

        row = self.selected_row()
        if row is None:
            return
        what = self.tr("The protocol number and date of the letter “{kind}” to {code}.").format(
            kind=letter_kind_label(row.kind, self.language), code=row.code
        )
        dialog = ProtocolDialog(what, self)
        try:
            if dialog.exec():
                values = dialog.values()
                if values is not None:
                    self.record_protocol(row.code, row.kind, *values)
        finally:
            dialog.deleteLater()

    def record_protocol(self, code: str, kind: str, number: str, day: dt.date) -> None:
        database, call = self.database, self.call

        def work(_task):
            from desktop.letters.service import record_protocol

            row = record_protocol(database, call, code, kind, number, day)
            return Changed(row, Changes.of(Kind.LETTERS, applications=[code]))

        self.change(
            work,
            lambda _row: self._say(
                self.tr("Protocol {number} of {date} recorded for {code}.").format(
                    number=number, date=format_date(day), code=code
                )
            ),
            on_problem=self._problem(self.tr("The protocol was not recorded.")),
        )

    def ask_protocol_csv(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Protocol Numbers from the Protocol Office"),
            self._folder(),
            self.tr("CSV files") + " (*.csv *.txt)",
        )
        if chosen:
            self.import_protocols(Path(chosen))

    def import_protocols(self, path: Path) -> None:
        database, call = self.database, self.call

        def work(_task):
            from desktop.letters.service import read_protocol_csv, record_protocols

            entries = read_protocol_csv(path)
            if not entries:
                return Changed([], NOTHING)
            rows = record_protocols(database, call, entries)
            return Changed(rows, Changes.of(Kind.LETTERS, applications=[row.code for row in rows]))

        def done(rows) -> None:
            if rows:
                self._say(
                    self.tr("Protocol recorded for {count} letters from {name}.").format(
                        count=len(rows), name=path.name
                    )
                )
            else:
                self._say(
                    self.tr("{name} holds no protocol number yet: nothing recorded.").format(
                        name=path.name
                    )
                )

        self.change(
            work, done, on_problem=self._problem(self.tr("No protocol number was recorded."))
        )

    # --- generating a batch ---

    def _folder(self) -> str:
        if self.settings is not None:
            saved = self.settings.text("letters/folder")
            if saved:
                return saved
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return str(Path(documents or Path.home()) / "Lettere")

    def ask_generate(self) -> None:
        from desktop.ui.letters.dialogs import GenerateDialog

        dialog = GenerateDialog(
            self.call,
            self,
            language=self.language,
            session_code=self.session_filter.currentData() or None,
            folder=Path(self._folder()),
        )
        try:
            if dialog.exec():
                request = dialog.request()
                if self.settings is not None:
                    self.settings.set_text("letters/folder", str(request.out_dir))
                self.generate(request.session_code, request.kind, request.format, request.out_dir)
        finally:
            dialog.deleteLater()

    def generate(
        self,
        session_code: str | None,
        kind: str,
        format: str,
        out_dir: Path,
        *,
        today: dt.date | None = None,
    ) -> Operation | None:
        if self.batch is not None:
            return None
        database, call = self.database, self.call
        stop = self._new_stop()

        def work(task):
            from desktop.letters.service import Cancelled, generate

            try:
                result = generate(
                    database,
                    call,
                    kind=kind,
                    session_code=session_code,
                    out_dir=out_dir,
                    format=format,
                    today=today,
                    progress=task.progress,
                    cancelled=lambda: task.is_cancelled() or stop.is_set(),
                )
            except Cancelled:
                return Changed(None, NOTHING)
            except OSError as error:  # the chosen folder cannot be written
                why = error.strerror or str(error)
                raise Problem(
                    f"Lettere non scritte: {why} ({out_dir}). Scegliere un'altra cartella.",
                    f"Letters not written: {why} ({out_dir}). Choose another folder.",
                ) from error
            changes = (
                Changes.of(Kind.LETTERS, applications=[row.code for row in result.written])
                if result.written
                else NOTHING
            )
            return Changed(result, changes)

        self._start_batch(self.tr("Generating the letters…"))
        self._batch_running = True
        operation = self.change(
            work,
            self._generated,
            on_progress=self._generate_progress,
            on_problem=self._problem(self.tr("No letter was written.")),
            on_finished=self._generate_finished,
        )
        # Inline operations (tests) finish before change() returns.
        self.batch = operation if self._batch_running else None
        self._update_actions()
        return self.batch

    def _generate_progress(self, done: int, total: int | None) -> None:
        if total:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(done)
            self.progress_label.setText(
                self.tr("Letter {done} of {total}…").format(done=done, total=total)
            )

    def _start_batch(self, text: str) -> None:
        self.progress_bar.setRange(0, 0)  # busy until the first step is done
        self.progress_label.setText(text)
        self.cancel_button.setEnabled(True)
        self.progress_frame.show()
        self.report_frame.hide()

    def _new_stop(self) -> threading.Event:
        """What Cancel sets: the batch's work asks it between letters (with the
        task's own cancellation, which ends only with the view)."""
        self._stop = threading.Event()
        return self._stop

    _stop: threading.Event | None = None

    def cancel_generate(self) -> None:
        """Cancel: the batch stops before its next letter (generating writes nothing
        at all; sending keeps what already went, and says so)."""
        if not self._batch_running or self._stop is None:
            return
        self._stop.set()
        self.cancel_button.setEnabled(False)
        self.progress_label.setText(self.tr("Cancelling…"))

    _batch_running = False

    def _generate_finished(self) -> None:
        self._batch_running = False
        self.batch = None
        self.progress_frame.hide()
        self._update_actions()

    def _generated(self, result) -> None:
        self.last_batch = result
        if result is None:
            self._report([self.tr("Generation cancelled: no letter and no file was written.")])
            return
        lines = []
        folder = result.merged.parent if result.merged else None
        if folder is None and result.files:
            folder = result.files[0].parent
        if result.written:
            lines.append(
                self.tr("{count} letters written as drafts in {folder}.").format(
                    count=len(result.written), folder=folder or ""
                )
            )
            if result.merged is not None:
                lines.append(
                    self.tr("To print them all: {name}; for the protocol office: {index}.").format(
                        name=result.merged.name,
                        index=", ".join(path.name for path in result.index),
                    )
                )
        else:
            lines.append(self.tr("No letter written."))
        if result.skipped:
            lines.append(self.tr("Not written ({count}):").format(count=len(result.skipped)))
            lines += self._reasons(
                [(s.code, s.kind, s.reason(self.language)) for s in result.skipped]
            )
        self._report(lines, folder)

    batch_folder: Path | None = None

    def _report(self, lines: list[str], folder: Path | None = None) -> None:
        self.report_text.setText("\n".join(lines))
        self.batch_folder = folder
        self.report_folder_button.setVisible(folder is not None)
        self.report_frame.show()

    def _reasons(self, items, limit: int = 12) -> list[str]:
        """One line per letter or file (code — kind: why), at most `limit`."""
        lines = []
        for code, kind, why in items[:limit]:
            label = letter_kind_label(kind, self.language) if kind else ""
            lines.append(f"  • {code}{' — ' + label if label else ''}: {why}")
        if len(items) > limit:
            lines.append(self.tr("  … and {count} more.").format(count=len(items) - limit))
        return lines

    # --- PEC: sending and receipts ---

    def sendable(self) -> list[str]:
        """The letters shown that may be sent now, as ``CODE/kind``."""
        keys = []
        for position in range(self.model.rowCount()):
            row = self.model.row(position)
            if allowed("send", row.state):
                keys.append(f"{row.code}/{row.kind}")
        return keys

    def ask_password(self, account) -> str | None:
        """The PEC mailbox's password when none is stored (tests replace it)."""
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        text, ok = QInputDialog.getText(
            self,
            self.tr("PEC Password"),
            self.tr(
                "Password of the PEC mailbox {user} on {host} (kept in the system's keyring):"
            ).format(user=account.user, host=account.host),
            QLineEdit.EchoMode.Password,
        )
        return text if ok and text else None

    def ask_send(self) -> None:
        """Plans the sending (a dry run: which letters would go, which not and why),
        then asks, then sends."""
        keys = self.sendable()
        if not keys:
            return
        database, call = self.database, self.call

        def work(_task):
            from desktop.letters import pec

            account = pec.load_account()
            if account is None:
                raise pec.NoPecAccount()
            has_password = pec.get_password(account) is not None
            plan = pec.send_letters(database, call, account, None, codes=keys, dry_run=True)
            return account, has_password, plan

        self.query(
            work,
            self._send_planned,
            key="send-plan",
            on_problem=self._mailbox_problem(self.tr("Nothing was sent.")),
        )

    def _send_planned(self, planned) -> None:
        account, has_password, plan = planned
        if not plan.planned:
            skipped = [(o.code, o.kind, o.reason(self.language)) for o in plan.skipped]
            self._report([self.tr("No letter to send."), *self._reasons(skipped)])
            return
        password = None
        if not has_password and account.user:
            password = self.ask_password(account)
            if password is None:
                return
        count = len(plan.planned)
        if not self.confirm(
            self.tr("Send by PEC"),
            self.tr(
                "Send {count} letters by PEC from {sender}?\n\nEach goes once, as one "
                "message with its PDF attached, to the addressee's PEC address. The "
                "provider's receipts (acceptance, delivery) arrive in the mailbox: read "
                "them with Read Receipts… or drop the .eml files on this tab."
            ).format(count=count, sender=account.sender),
        ):
            return
        self.send([f"{o.code}/{o.kind}" for o in plan.planned], account, password)

    def send(self, keys: list[str], account, password: str | None = None) -> Operation | None:
        if self.batch is not None:
            return None
        database, call = self.database, self.call
        stop = self._new_stop()

        def work(task):
            from desktop.letters import pec

            if password:
                pec.set_password(account, password)
            secret = pec.get_password(account)
            report = pec.send_letters(
                database,
                call,
                account,
                secret,
                codes=keys,
                progress=lambda done, total, _code: task.progress(done, total),
                cancel=lambda: task.is_cancelled() or stop.is_set(),
            )
            touched = [o.code for o in report.outcomes if o.outcome != "skipped"]
            return Changed(
                report,
                Changes.of(Kind.LETTERS, applications=touched) if touched else NOTHING,
            )

        self._start_batch(self.tr("Sending by PEC…"))
        self._batch_running = True
        operation = self.change(
            work,
            self._sent,
            on_progress=self._generate_progress,
            on_problem=self._problem(self.tr("Nothing was sent.")),
            on_finished=self._generate_finished,
        )
        # Inline operations (tests) finish before change() returns.
        self.batch = operation if self._batch_running else None
        self._update_actions()
        return self.batch

    def _sent(self, report) -> None:
        self.last_batch = report
        language = self.language
        lines = [
            self.tr(
                "Sent: {sent}; not sent: {failed}; outcome unknown: {uncertain}; "
                "skipped: {skipped}."
            ).format(
                sent=len(report.sent),
                failed=len(report.failed),
                uncertain=len(report.uncertain),
                skipped=len(report.skipped),
            )
        ]
        if report.cancelled:
            lines.append(self.tr("Cancelled: the letters not reached yet were not sent."))
        trouble = report.failed + report.uncertain + report.skipped
        lines += self._reasons([(o.code, o.kind, o.reason(language)) for o in trouble])
        self._report(lines)

    def ask_receipts(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("PEC Receipts"),
            "",
            self.tr("PEC receipts") + " (*.eml)",
        )
        if chosen:
            self.read_receipts([Path(path) for path in chosen])

    def read_receipts(self, paths: list[Path]) -> Operation | None:
        if self.batch is not None or not paths:
            return None
        database = self.database
        stop = self._new_stop()

        def work(task):
            from desktop.letters.receipts import read_receipts

            report = read_receipts(
                database,
                paths,
                progress=lambda done, total, _name: task.progress(done, total),
                cancel=lambda: task.is_cancelled() or stop.is_set(),
            )
            codes = [fate.code for fate in report.recorded if fate.code]
            return Changed(
                report, Changes.of(Kind.LETTERS, applications=codes) if codes else NOTHING
            )

        self._start_batch(self.tr("Reading the receipts…"))
        self._batch_running = True
        operation = self.change(
            work,
            self._receipts_read,
            on_progress=self._receipt_progress,
            on_problem=self._problem(self.tr("No receipt was recorded.")),
            on_finished=self._generate_finished,
        )
        # Inline operations (tests) finish before change() returns.
        self.batch = operation if self._batch_running else None
        self._update_actions()
        return self.batch

    # --- the PEC mailbox: its dialog, and the receipts over IMAP ---

    imap_ready = False  # the mailbox has an IMAP server: the receipts can be read there

    def refresh_pec_account(self) -> None:
        """Reads the mailbox's settings (a small INI file) for the buttons."""
        from desktop.letters import pec

        try:
            account = pec.load_account()
        except Problem:
            account = None
        self.imap_ready = account is not None and bool(account.imap_host)
        self._update_actions()

    def ask_pec_account(self):
        """Lettere › Casella PEC…, opened from the tab (the banner's button)."""
        from desktop.ui.letters.pec_dialog import open_pec_dialog

        return open_pec_dialog(self.ops, self, self.pec_account_saved)

    def pec_account_saved(self, dialog) -> None:
        self.refresh_pec_account()
        if self.banner.kind == "problem":
            self.banner.clear()
        self._say(dialog.outcome())

    def _mailbox_problem(self, what: str):
        """A problem with the mailbox's settings or password offers the dialog that
        mends it; one where trying again may help offers Retry."""
        from desktop.letters import imap, pec

        def on_problem(problem: Problem) -> bool:
            if isinstance(problem, pec.PecProblem | imap.ImapProblem) and not problem.temporary:
                self.banner.show_problem(
                    problem,
                    self.ask_pec_account,
                    what=what,
                    retry_text=self.tr("Set &Up the PEC Mailbox…"),
                )
            else:
                self.banner.show_problem(problem, None, what=what)
            return True

        return on_problem

    def read_mailbox(self) -> Operation | None:
        """The receipts in the mailbox's inbox over IMAP, since the day before the
        oldest sending still awaiting them; recorded and reported as the files are."""
        if self.batch is not None:
            return None
        database = self.database
        stop = self._new_stop()

        def work(task):
            from desktop.letters import imap, pec

            account = pec.load_account()
            if account is None:
                raise pec.NoPecAccount()
            report = imap.fetch_receipts_imap(
                database,
                account,
                pec.get_password(account),
                since=imap.receipts_since(database),
                progress=lambda done, total, _label: task.progress(done, total),
                cancel=lambda: task.is_cancelled() or stop.is_set(),
            )
            codes = [fate.code for fate in report.recorded if fate.code]
            return Changed(
                report, Changes.of(Kind.LETTERS, applications=codes) if codes else NOTHING
            )

        self._start_batch(self.tr("Reading the receipts in the PEC mailbox…"))
        self._batch_running = True
        operation = self.change(
            work,
            self._receipts_read,
            on_progress=self._receipt_progress,
            on_problem=self._mailbox_problem(self.tr("No receipt was recorded.")),
            on_finished=self._generate_finished,
        )
        # Inline operations (tests) finish before change() returns.
        self.batch = operation if self._batch_running else None
        self._update_actions()
        return self.batch

    def _receipt_progress(self, done: int, total: int | None) -> None:
        if total:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(done)
            self.progress_label.setText(
                self.tr("Receipt {done} of {total}…").format(done=done, total=total)
            )

    def _receipts_read(self, report) -> None:
        self.last_batch = report
        lines = [
            self.tr(
                "Receipts recorded: {recorded}; already recorded: {already}; read, nothing "
                "to record: {noted}; not matched: {unmatched}; unreadable: {unreadable}."
            ).format(
                recorded=len(report.recorded),
                already=len(report.already),
                noted=len(report.noted),
                unmatched=len(report.unmatched),
                unreadable=len(report.unreadable),
            )
        ]
        if report.too_many:
            lines.append(
                self.tr("{count} more files were not read: read them in a second go.").format(
                    count=report.too_many
                )
            )
        if report.cancelled:
            lines.append(self.tr("Cancelled: the receipts not reached yet were not read."))
        trouble = report.unmatched + report.unreadable
        lines += self._reasons([(Path(f.file).name, "", f.reason(self.language)) for f in trouble])
        self._report(lines)

    @staticmethod
    def _dropped_receipts(mime) -> list[Path]:
        paths = []
        for url in mime.urls() if mime.hasUrls() else []:
            if not url.isLocalFile():
                continue
            path = Path(url.toLocalFile())
            if path.suffix.lower() == ".eml" or path.is_dir():
                paths.append(path)
        return paths

    def dragEnterEvent(self, event) -> None:
        if self.batch is None and self._dropped_receipts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        paths = self._dropped_receipts(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.read_receipts(paths)
        else:
            event.ignore()

    def open_batch_folder(self) -> None:
        if self.batch_folder is not None:
            self._open_url(self.batch_folder, self.tr("No program to show folders was found."))

    # --- print and open ---

    def print_selected(self, printer=None) -> int:
        """Prints the shown letter: through Qt's print dialog, or on `printer` as given
        (a PDF file in tests). Returns the pages printed."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from desktop.ui.letters.pages import print_pdf

        row = self.selected_row()
        if row is None or self.pdf is None or self.pdf_key[:2] != letter_key(row):
            return 0
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(row.file_name)
            dialog = QPrintDialog(printer, self)
            dialog.setWindowTitle(self.tr("Print the Letter"))
            dialog.setMinMax(1, max(1, self.pages))
            try:
                if not dialog.exec():
                    return 0
            finally:
                dialog.deleteLater()
        try:
            pages = print_pdf(self.pdf, printer)
        except OSError as error:
            self.show_problem(
                Problem(
                    f"La stampante non ha accettato il lavoro ({error}). Controllarla e riprovare.",
                    f"The printer did not take the job ({error}). Check it and try again.",
                ),
                what=self.tr("Not printed."),
            )
            return 0
        self._say(self.tr("{name} sent to the printer.").format(name=row.file_name))
        return pages

    def open_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        database, call, code, kind, version = (
            self.database,
            self.call,
            row.code,
            row.kind,
            row.version,
        )

        def work(_task):
            from desktop.letters.service import letter_pdf
            from desktop.paths import user_data_dir

            folder = user_data_dir() / "lettere-aperte"
            folder.mkdir(parents=True, exist_ok=True)
            # The version in the name: a viewer holding an older copy open (Windows
            # locks it) never stops the new one from being written.
            path = folder / f"{code}-{kind}-v{version}.pdf"
            try:
                path.write_bytes(letter_pdf(database, call, code, kind))
            except OSError as error:
                why = error.strerror or str(error)
                raise Problem(
                    f"Il file non si può scrivere: {why} ({path}).",
                    f"The file cannot be written: {why} ({path}).",
                ) from error
            return path

        self.query(
            work,
            lambda path: self._open_url(
                path, self.tr("No program to open PDF files was found. Use Print… instead.")
            ),
            key="open",
            on_problem=self._problem(self.tr("The letter could not be opened.")),
        )

    opened: Path | None = None

    def _open_url(self, path: Path, failure: str) -> None:
        self.opened = path
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.banner.show_problem(f"{failure} ({path})")

    # --- messages ---

    def _say(self, text: str) -> None:
        self.banner.show_info(text)

    def _problem(self, what: str, retry: Callable[[], object] | None = None):
        def on_problem(problem: Problem) -> bool:
            self.banner.show_problem(problem, retry if problem.temporary else None, what=what)
            return True

        return on_problem

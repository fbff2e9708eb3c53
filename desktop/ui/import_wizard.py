"""The import wizard: choose a file, check its columns, import it, read the summary.

Every piece of work goes through the operations layer (desktop/ui/operations.py):
reading the file's first rows is a query (a newer path read replaces an older one),
the import is a change that says it touched the applications and their eligibility
(every open view reloads them), copying the report a change too. The pages only
show what the work hands back. Expected problems (an unusable file, an unreadable
mapping file, a busy database) are shown on the page in plain words; anything else
reaches sys.excepthook.
"""

from __future__ import annotations

import itertools
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QStandardPaths,
    Qt,
    QTimer,
    QUrl,
)
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from db.problems import DatabaseBusy, DatabaseUnreachable
from desktop.domain.problems import Problem
from desktop.importing.columns import (
    CANONICAL,
    HEADER_INDEX,
    IGNORE,
    REQUIRED,
    MappingProblem,
    header_key,
    load_mapping,
    match_columns,
)
from desktop.importing.readers import UnusableFile, open_workbook
from desktop.importing.rows import RowProblem, cell_text
from desktop.importing.service import ImportCancelled, ImportResult, import_applications
from desktop.services.changes import Changed, Changes, Kind
from desktop.ui.widgets.banner import Banner
from desktop.ui.widgets.geometry import clip_to_screen, fit_to_screen

PREVIEW_ROWS = 10
IGNORED_TARGET = IGNORE
FILE_PATTERNS = "*.csv *.tsv *.txt *.xlsx *.xlsm *.xls *.ods"


def interface_language() -> str:
    """The application sets QLocale's default to the interface language at start."""
    return "en" if QLocale().language() == QLocale.Language.English else "it"


# --- work that runs off the GUI thread --------------------------------------------------


@dataclass(frozen=True)
class FilePreview:
    path: Path
    sheet: str
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number as the user sees it, cell texts)
    total_rows: int | None
    partner_sheet: str | None


def read_preview(path: Path) -> FilePreview:
    """The file's header and first rows, each cell as the importer will read it."""
    workbook = open_workbook(path, chunk_rows=PREVIEW_ROWS)
    table = workbook.applications
    if not any(table.headers):
        raise UnusableFile(
            f"{path.name}: manca la riga di intestazione con i nomi delle colonne",
            f"{path.name}: the header row with the column names is missing",
        )
    rows: list[tuple[int, list[str]]] = []
    for chunk in table.chunks():
        rows = [(number, [cell_text(v) for v in cells]) for number, cells in chunk]
        break
    return FilePreview(
        path=path,
        sheet=table.name,
        headers=list(table.headers),
        rows=rows[:PREVIEW_ROWS],
        total_rows=table.total_rows,
        partner_sheet=workbook.partners.name if workbook.partners else None,
    )


# What a file's OSError means, by what was being done with it (Italian, English).
_FILE_MESSAGES = {
    "open": (
        "Impossibile aprire il file ({reason}). Controlla che esista e che non sia "
        "aperto in un altro programma.",
        "The file cannot be opened ({reason}). Check that it exists and that it is "
        "not open in another program.",
    ),
    "read": (
        "Impossibile leggere il file ({reason}). Non è stato importato nulla.",
        "The file cannot be read ({reason}). Nothing was imported.",
    ),
    "save": (
        "Impossibile salvare il rapporto come {path} ({reason}). Scegli un'altra cartella.",
        "The report could not be saved as {path} ({reason}). Choose another folder.",
    ),
}


class FileProblem(Problem):
    """A file the user chose that cannot be opened, read or written (an OSError met
    inside the work), in both languages; the pages say it in the interface's words."""

    def __init__(self, action: str, path: Path, error: OSError):
        reason = error.strerror or type(error).__name__
        it, en = _FILE_MESSAGES[action]
        super().__init__(it.format(path=path, reason=reason), en.format(path=path, reason=reason))
        self.action, self.path, self.reason = action, path, reason


def _file_problem(error: UnusableFile | OSError, action: str, path: Path) -> Problem:
    """Only a Problem is expected in the window: a file's problems become one."""
    if isinstance(error, UnusableFile):
        return Problem(error.it, error.en)
    return FileProblem(action, path, error)


def preview_or_problem(path: Path) -> FilePreview:
    try:
        return read_preview(path)
    except (UnusableFile, OSError) as error:
        raise _file_problem(error, "open", path) from error


# --- the rejected rows ---------------------------------------------------------------------


class ProblemsModel(QAbstractTableModel):
    """The rejected rows; a model, so 100,000 problems still show at once."""

    def __init__(self, problems: list[RowProblem], language: str, headers: list[str], parent=None):
        super().__init__(parent)
        self.problems = sorted(problems, key=lambda p: (p.sheet, p.row))
        self.language = language
        self.headers = headers

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (QModelIndex() is an immutable default)
        return 0 if parent.isValid() else len(self.problems)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        problem = self.problems[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return problem.sheet
            if column == 1:
                return problem.row or ""
            if column == 2:
                return problem.column
            if column == 3:
                return problem.value
            return problem.reason(self.language)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


# --- page 1: the file ---------------------------------------------------------------------


class ImportFilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard)
        self._wizard = wizard
        self._reading = None  # the query reading the file's first rows
        self._reading_path: Path | None = None
        self.setTitle(self.tr("Choose the file"))
        self.setSubTitle(
            self.tr(
                "The applications to import into “{call}”: a CSV, TSV, XLSX or ODS file "
                "exported from the portal, or the template filled in."
            ).format(call=wizard.call.title)
        )

        self.path_edit = QLineEdit(self)
        self.path_edit.setAccessibleName(self.tr("File to import"))
        self.path_edit.setPlaceholderText(self.tr("Type the path or choose Browse…"))
        self.path_edit.setClearButtonEnabled(True)
        self.browse_button = QPushButton(self.tr("&Browse…"), self)
        self.browse_button.setAccessibleName(self.tr("Browse for the file to import"))
        label = QLabel(self.tr("&File:"), self)
        label.setBuddy(self.path_edit)

        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)

        self.reading_bar = QProgressBar(self)
        self.reading_bar.setRange(0, 0)  # busy: reading has no steps to count
        self.reading_bar.setMaximumWidth(160)
        self.reading_bar.setTextVisible(False)
        self.reading_bar.setAccessibleName(self.tr("Reading the file"))
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        status_row = QHBoxLayout()
        status_row.addWidget(self.reading_bar)
        status_row.addWidget(self.status_label, 1)
        self.reading_bar.hide()

        self.banner = Banner(self)

        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(status_row)
        layout.addWidget(self.banner)
        layout.addStretch(1)
        QWidget.setTabOrder(self.path_edit, self.browse_button)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(600)
        self._debounce.timeout.connect(self.read_current_path)
        self.path_edit.textEdited.connect(self._path_typed)
        self.path_edit.editingFinished.connect(self.read_current_path)
        self.browse_button.clicked.connect(self.browse)

    # --- choosing ---

    def browse(self) -> None:
        start = self.path_edit.text().strip()
        folder = str(Path(start).parent) if start else ""
        if not folder or not Path(folder).is_dir():
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the applications file"),
            folder,
            self.tr("Spreadsheets (CSV, TSV, XLSX, ODS)")
            + f" ({FILE_PATTERNS});;"
            + self.tr("All files")
            + " (*)",
        )
        if chosen:
            self._wizard.keep_file_page()
            self.set_path(chosen)

    def set_path(self, path: str | Path) -> None:
        self.path_edit.setText(str(path))
        self.read_current_path()

    def _path_typed(self, _text: str) -> None:
        self._wizard.keep_file_page()
        self._forget()
        self._debounce.start()

    def current_path(self) -> Path | None:
        text = self.path_edit.text().strip().strip('"')
        return Path(text).expanduser() if text else None

    def _forget(self) -> None:
        """The text changed: what was read belongs to another file."""
        if self._reading is not None:
            self._reading.cancel()  # its rows never arrive
            self._reading = None
        self._reading_path = None
        self.reading_bar.hide()
        self.status_label.clear()
        self.banner.clear()
        if self._wizard.preview is not None:
            self._wizard.preview = None
            self.completeChanged.emit()

    # --- reading (a query of the wizard's) ---

    def read_current_path(self) -> None:
        self._debounce.stop()
        path = self.current_path()
        preview = self._wizard.preview
        if path is None:
            self._forget()
            return
        if (preview is not None and preview.path == path) or self._reading_path == path:
            return  # already read, or being read
        self._forget()
        self._reading_path = path
        self.reading_bar.show()
        self.status_label.setText(self.tr("Reading the file…"))
        self._reading = self._wizard.ops.query(
            self,
            lambda _task, path=path: preview_or_problem(path),
            self._read,
            key="preview",
            on_problem=self._read_failed,
            on_finished=self._read_finished,
        )

    def _read(self, preview: FilePreview) -> None:
        self._reading_path = None
        self.reading_bar.hide()
        self._wizard.preview = preview
        rows = preview.total_rows
        self.status_label.setText(
            self.tr("Sheet “{sheet}”: {columns} columns, {rows} rows.").format(
                sheet=preview.sheet,
                columns=len([h for h in preview.headers if h]),
                rows=QLocale().toString(rows) if rows is not None else "?",
            )
        )
        self.completeChanged.emit()
        self._wizard.file_read()

    def _read_failed(self, problem: Problem) -> bool:
        self._reading_path = None
        self.reading_bar.hide()
        self.status_label.clear()
        self._wizard.keep_file_page()
        if isinstance(problem, FileProblem):
            self.banner.show_problem(
                self.tr(
                    "The file cannot be opened ({reason}). Check that it exists and that it is not open in another program."
                ).format(reason=problem.reason)
            )
        else:
            self.banner.show_problem(problem.text(self._wizard.language))
        return True

    def _read_finished(self) -> None:
        if self._reading_path is None:
            return  # read, or its problem said
        # Neither: an unexpected error, which sys.excepthook has shown and logged.
        self._reading_path = None
        self.reading_bar.hide()
        self.status_label.clear()
        self._wizard.keep_file_page()
        self.banner.show_problem(
            self.tr("The file could not be read because of an unexpected error.")
        )

    def isComplete(self) -> bool:
        preview = self._wizard.preview
        return preview is not None and preview.path == self.current_path()


# --- page 2: the columns ------------------------------------------------------------------


class ImportColumnsPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard)
        self._wizard = wizard
        self.headers: list[str] = []
        self.positions: list[int] = []  # the file positions listed, one per table row
        self.auto: dict[int, str] = {}  # position → column found by name or synonym
        self.choices: dict[int, str | None] = {}  # position → column chosen (None: ignore)
        self.bumped: dict[int, tuple[int, str]] = {}  # position → (who took its column, column)
        self.combos: dict[int, QComboBox] = {}
        self._built_for: tuple[Path, tuple[str, ...]] | None = None
        self._updating = False
        self.setTitle(self.tr("Check the columns"))
        self.setSubTitle(
            self.tr(
                "Each column of the file and the column it fills in Commissione. "
                "Change any that is wrong; columns set to “(ignore)” are not imported."
            )
        )
        self.setCommitPage(True)

        self.file_label = QLabel(self)
        self.file_label.setWordWrap(True)
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)

        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("Imported as"), self.tr("How")]
        )
        self.table.setAccessibleName(self.tr("Columns of the file"))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setTabKeyNavigation(False)
        # Tab goes from combo box to combo box; the table itself needs no stop.
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(0, 240)
        self.table.setColumnWidth(1, 290)

        self.missing_banner = Banner(self)
        self.banner = Banner(self)  # a mapping file that cannot be used

        self.load_button = QPushButton(self.tr("&Load a mapping file…"), self)
        self.load_button.setAccessibleName(self.tr("Load a mapping file"))
        self.load_button.setToolTip(
            self.tr('A TOML file with a [colonne] table: "header in the file" = "column".')
        )
        self.reset_button = QPushButton(self.tr("&Undo my changes"), self)
        self.reset_button.setAccessibleName(self.tr("Undo my changes to the columns"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)

        self.preview_label = QLabel(self)
        self.preview_label.setTextFormat(Qt.TextFormat.PlainText)
        self.preview = QTableWidget(0, 0, self)
        self.preview.setAccessibleName(self.tr("First rows of the file"))
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setWordWrap(False)
        self.preview.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.preview_label.setBuddy(self.preview)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table, 1)
        top_layout.addWidget(self.missing_banner)
        top_layout.addWidget(self.banner)
        top_layout.addLayout(buttons)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.preview_label)
        bottom_layout.addWidget(self.preview, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addWidget(splitter, 1)

        self.load_button.clicked.connect(self.choose_mapping_file)
        self.reset_button.clicked.connect(self.undo_changes)

    # --- building from the file read on page 1 ---

    def initializePage(self) -> None:
        preview = self._wizard.preview
        if preview is None:
            return
        key = (preview.path, tuple(preview.headers))
        if key != self._built_for:  # another file: start over; same file: keep the choices
            self._built_for = key
            self._build(preview)
        self._refresh()
        if self.positions:
            self.combos[self.positions[0]].setFocus()

    def cleanupPage(self) -> None:
        """Going back keeps the choices made here (QWizard would reset them)."""

    def _build(self, preview: FilePreview) -> None:
        self.headers = preview.headers
        self.positions = [p for p, h in enumerate(self.headers) if header_key(h)]
        found = match_columns(self.headers)
        self.auto = {position: column for column, position in found.positions.items()}
        self.choices = dict(self.auto)
        self.bumped = {}
        self.banner.clear()
        rows = preview.total_rows
        parts = [
            self.tr("File “{file}”, sheet “{sheet}”, {rows} rows.").format(
                file=preview.path.name,
                sheet=preview.sheet,
                rows=QLocale().toString(rows) if rows is not None else "?",
            )
        ]
        if preview.partner_sheet:
            parts.append(
                self.tr("The partners in the sheet “{sheet}” are read too.").format(
                    sheet=preview.partner_sheet
                )
            )
        self.file_label.setText(" ".join(parts))

        self.table.clearContents()
        self.combos = {}
        self.table.setRowCount(len(self.positions))
        for row, position in enumerate(self.positions):
            name = QTableWidgetItem(self.headers[position])
            name.setToolTip(self.headers[position])
            self.table.setItem(row, 0, name)
            combo = QComboBox(self.table)
            combo.addItem(self.tr("(ignore)"), None)
            for column in CANONICAL:
                text = (
                    self.tr("{column} (required)").format(column=column)
                    if column in REQUIRED
                    else column
                )
                combo.addItem(text, column)
            combo.setMaxVisibleItems(len(CANONICAL) + 1)
            combo.setAccessibleName(
                self.tr("Column for “{header}”").format(header=self.headers[position])
            )
            combo.currentIndexChanged.connect(
                lambda _index, position=position: self._chosen(position)
            )
            combo.installEventFilter(self)
            self.combos[position] = combo
            self.table.setCellWidget(row, 1, combo)
            self.table.setItem(row, 2, QTableWidgetItem())
        self.table.resizeRowsToContents()
        # Tab walks the combo boxes from top to bottom, then the buttons, then the preview.
        chain = [self.combos[p] for p in self.positions]
        chain += [self.load_button, self.reset_button, self.preview]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)
        self._fill_preview(preview)

    def _fill_preview(self, preview: FilePreview) -> None:
        self.preview_label.setText(
            self.tr("&Preview: the first %n row(s) as they will be read", "", len(preview.rows))
        )
        self.preview.clear()
        width = max([len(self.headers), *(len(cells) for _, cells in preview.rows)])
        self.preview.setColumnCount(width)
        self.preview.setRowCount(len(preview.rows))
        self.preview.setVerticalHeaderLabels([str(number) for number, _ in preview.rows])
        for row, (_number, cells) in enumerate(preview.rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if len(text) > 40:
                    item.setToolTip(text)
                self.preview.setItem(row, column, item)
        self._label_preview()
        self.preview.resizeColumnsToContents()
        for column in range(width):
            self.preview.setColumnWidth(column, min(self.preview.columnWidth(column), 260))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            for row, position in enumerate(self.positions):
                if self.combos.get(position) is watched:
                    self.table.scrollToItem(self.table.item(row, 0))
                    break
        return super().eventFilter(watched, event)

    # --- the user's choices ---

    def _chosen(self, position: int) -> None:
        if self._updating:
            return
        self.choose(position, self.combos[position].currentData())

    def choose(self, position: int, column: str | None) -> None:
        """`column` for the file's column at `position`; a column feeds from one header only."""
        if column is not None:
            for other, chosen in list(self.choices.items()):
                if other != position and chosen == column:
                    self.choices[other] = None
                    self.bumped[other] = (position, column)
        self.choices[position] = column
        self.bumped.pop(position, None)
        self.banner.clear()
        self._refresh()

    def choose_header(self, header: str, column: str | None) -> None:
        self.choose(self.headers.index(header), column)

    def undo_changes(self) -> None:
        self.choices = dict(self.auto)
        self.bumped = {}
        self.banner.clear()
        self._refresh()

    def choose_mapping_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a mapping file"),
            str(self._wizard.preview.path.parent) if self._wizard.preview else "",
            self.tr("Mapping files") + " (*.toml);;" + self.tr("All files") + " (*)",
        )
        if chosen:
            self.apply_mapping_file(Path(chosen))

    def apply_mapping_file(self, path: Path) -> None:
        # A few lines of TOML: read here, like a settings file.
        try:
            mapping = load_mapping(path)
        except MappingProblem as problem:
            self.banner.show_problem(
                self.tr("This mapping file cannot be used: {problem}").format(problem=problem)
            )
            return
        by_key = {header_key(source): column for source, column in mapping.items()}
        applied = 0
        for position in self.positions:
            column = by_key.get(header_key(self.headers[position]))
            if column is not None:
                self.choose(position, column)
                applied += 1
        if applied:
            self.banner.show_info(
                self.tr("Mapping file “{file}” applied to %n column(s).", "", applied).format(
                    file=path.name
                )
            )
        else:
            self.banner.show_problem(
                self.tr("The mapping file “{file}” names none of this file's columns.").format(
                    file=path.name
                )
            )

    # --- what the importer gets ---

    def mapping(self) -> dict[str, str]:
        """The choices that differ from what the importer finds by itself."""
        mapping: dict[str, str] = {}
        for position in self.positions:
            choice = self.choices.get(position)
            if choice != self.auto.get(position):
                mapping[self.headers[position]] = choice or IGNORED_TARGET
        # A header the user ignored may leave its column to a later duplicate the
        # importer would then pick up: say explicitly what every such header feeds.
        effective = self._effective(mapping)
        for position in self.positions:
            if effective.get(position) != self.choices.get(position):
                mapping[self.headers[position]] = self.choices.get(position) or IGNORED_TARGET
        return mapping

    def _effective(self, mapping: dict[str, str]) -> dict[int, str]:
        found = match_columns(self.headers, mapping)
        return {
            position: column
            for column, position in found.positions.items()
            if column != IGNORED_TARGET
        }

    def missing(self) -> list[str]:
        return match_columns(self.headers, self.mapping()).missing_required

    def ignored_headers(self) -> list[str]:
        return [self.headers[p] for p in self.positions if self.choices.get(p) is None]

    def isComplete(self) -> bool:
        return self._built_for is not None and not self.missing()

    # --- showing the choices ---

    def _refresh(self) -> None:
        self._updating = True
        try:
            for row, position in enumerate(self.positions):
                choice = self.choices.get(position)
                combo = self.combos[position]
                combo.setCurrentIndex(combo.findData(choice) if choice is not None else 0)
                status = self._status(position)
                item = self.table.item(row, 2)
                item.setText(status)
                item.setToolTip(status)
                combo.setAccessibleDescription(status)
                font = QFont(self.table.item(row, 0).font())
                font.setItalic(choice is None)
                self.table.item(row, 0).setFont(font)
        finally:
            self._updating = False
        missing = self.missing()
        if missing:
            self.missing_banner.show_problem(
                self.tr(
                    "Missing required columns: {columns}. Choose, for each, the column of the "
                    "file that holds it; the import cannot start without them."
                ).format(columns=", ".join(missing))
            )
        else:
            self.missing_banner.clear()
        self._label_preview()
        self.completeChanged.emit()

    def _status(self, position: int) -> str:
        choice, auto = self.choices.get(position), self.auto.get(position)
        header = self.headers[position]
        if choice is not None and choice == auto:
            if header_key(header) == header_key(choice):
                return self.tr("recognised: same name")
            return self.tr("recognised: known synonym")
        if choice is not None:
            return self.tr("chosen by you")
        if position in self.bumped:
            taker, column = self.bumped[position]
            return self.tr("ignored: “{header}” now fills {column}").format(
                header=self.headers[taker], column=column
            )
        if auto is not None:
            return self.tr("ignored by you (recognised as {column})").format(column=auto)
        known = HEADER_INDEX.get(header_key(header))
        if known is not None:
            return self.tr("ignored: {column} already comes from “{header}”").format(
                column=known, header=self.headers[self.auto_position(known)]
            )
        return self.tr("ignored: not a known column")

    def auto_position(self, column: str) -> int:
        return next(p for p, c in self.auto.items() if c == column)

    def _label_preview(self) -> None:
        labels = []
        for position in range(self.preview.columnCount()):
            header = self.headers[position] if position < len(self.headers) else ""
            choice = self.choices.get(position)
            target = choice if choice is not None else self.tr("(ignored)")
            labels.append(f"{header}\n→ {target}" if header else target)
        self.preview.setHorizontalHeaderLabels(labels)


# --- page 3: the import -------------------------------------------------------------------


class ImportProgressPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard)
        self._wizard = wizard
        self._cancelled = threading.Event()  # the user's Cancel, seen by the import
        self.running = False
        self.setTitle(self.tr("Import"))
        self.setSubTitle(
            self.tr(
                "The applications are saved all together at the end: if you cancel, "
                "nothing is imported."
            )
        )
        self.what_label = QLabel(self)
        self.what_label.setWordWrap(True)
        self.what_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setAccessibleName(self.tr("Import progress"))
        self.progress_bar.setFormat("%p%")
        self.count_label = QLabel(self)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.cancel_button = QPushButton(self.tr("&Cancel the import"), self)
        self.cancel_button.setAccessibleName(self.tr("Cancel the import"))
        self.retry_button = QPushButton(self.tr("&Try again"), self)
        self.retry_button.setAccessibleName(self.tr("Try the import again"))
        self.retry_button.hide()
        self.banner = Banner(self)

        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.what_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.count_label)
        layout.addLayout(buttons)
        layout.addWidget(self.banner)
        layout.addStretch(1)

        self.cancel_button.clicked.connect(self.cancel)
        self.retry_button.clicked.connect(self.start)

    def initializePage(self) -> None:
        # Started from the event loop, not from inside QWizard's page switch.
        self.cancel_button.setEnabled(False)
        self.retry_button.hide()
        self.banner.clear()
        QTimer.singleShot(0, self.start)

    def isComplete(self) -> bool:
        return self._wizard.import_result is not None

    def start(self) -> None:
        wizard = self._wizard
        preview = wizard.preview
        if self.running or preview is None or wizard.import_result is not None:
            return
        mapping = wizard.columns_page.mapping()
        database, call, path = wizard.database, wizard.call, preview.path
        cancelled = self._cancelled = threading.Event()
        self.running = True
        self.banner.clear()
        self.retry_button.hide()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self.cancel_button.setFocus()
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setValue(0)
        self.what_label.setText(
            self.tr("Importing “{file}” into “{call}”…").format(file=path.name, call=call.title)
        )
        self.count_label.setText(self.tr("Starting…"))

        def work(task) -> Changed[ImportResult | None]:
            try:
                result = import_applications(
                    database,
                    path,
                    call,
                    mapping=mapping or None,
                    progress=task.progress,
                    is_cancelled=lambda: cancelled.is_set() or task.is_cancelled(),
                )
            except ImportCancelled:
                return Changed(None)  # rolled back: nothing changed
            except (UnusableFile, OSError) as error:
                raise _file_problem(error, "read", path) from error
            # Every open view showing applications or their eligibility reloads them.
            return Changed(result, Changes.of(Kind.APPLICATIONS, Kind.ELIGIBILITY))

        wizard.ops.change(
            self,
            work,
            self._done,
            on_problem=self._failed,
            on_progress=self._progressed,
            on_finished=self._finished,
        )

    def cancel(self) -> None:
        if not self.running or self._cancelled.is_set():
            return
        self._cancelled.set()
        self.cancel_button.setEnabled(False)
        self.count_label.setText(self.tr("Cancelling…"))

    def _progressed(self, done: int, total: int | None) -> None:
        if not self.running:
            return
        if total:
            self.progress_bar.setRange(0, max(total, done))
            self.progress_bar.setValue(done)
            self.count_label.setText(
                self.tr("{done} of {total} rows read").format(
                    done=QLocale().toString(done), total=QLocale().toString(total)
                )
            )
        else:
            self.count_label.setText(
                self.tr("{done} rows read").format(done=QLocale().toString(done))
            )

    def _stopped(self) -> None:
        self.running = False
        self.cancel_button.setEnabled(False)
        self.cancel_button.hide()

    def _done(self, result: ImportResult | None) -> None:
        if result is None:
            self._not_imported(
                self.tr(
                    "Import cancelled: nothing was imported. The database is as it was before."
                ),
                info=True,
            )
            return
        self._stopped()
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(1)
        self.count_label.setText(
            self.tr("{rows} rows read.").format(rows=QLocale().toString(result.rows_read))
        )
        self._wizard.import_result = result
        self.completeChanged.emit()
        self._wizard.import_finished()

    def _failed(self, problem: Problem) -> bool:
        if isinstance(problem, DatabaseBusy):
            text = self.tr(
                "The database is busy: someone else is saving to it. Nothing was imported. "
                "Wait a moment and choose Try again."
            )
        elif isinstance(problem, DatabaseUnreachable):
            text = self.tr(
                "The database cannot be reached (network or server down). Nothing was "
                "imported. Check the connection and choose Try again."
            )
        elif isinstance(problem, FileProblem):
            text = self.tr("The file cannot be read ({reason}). Nothing was imported.").format(
                reason=problem.reason
            )
        else:
            text = problem.text(self._wizard.language) + "\n" + self.tr("Nothing was imported.")
        self._not_imported(text)
        return True

    def _finished(self) -> None:
        if not self.running:
            return  # done, or its problem said
        # Neither: an unexpected error, which sys.excepthook has shown and logged.
        self._not_imported(
            self.tr("The import stopped because of an unexpected error: nothing was imported."),
            retry=False,
        )

    def _not_imported(self, text: str, *, info: bool = False, retry: bool = True) -> None:
        self._stopped()
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.count_label.clear()
        preview = self._wizard.preview
        self.what_label.setText(
            self.tr("The import of “{file}” stopped.").format(
                file=preview.path.name if preview else ""
            )
        )
        if info:
            self.banner.show_info(text)
        else:
            self.banner.show_problem(text)
        if retry:
            self.retry_button.show()
            self.retry_button.setFocus()
        self._wizard.import_stopped()


# --- page 4: the summary ------------------------------------------------------------------


class ImportSummaryPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Summary"))
        self.counts: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        for key, text in (
            ("created", self.tr("New applications:")),
            ("updated", self.tr("Updated applications:")),
            ("unchanged", self.tr("Unchanged applications:")),
            ("rejected", self.tr("Rejected rows:")),
        ):
            value = QLabel(self)
            value.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByKeyboard
                | Qt.TextInteractionFlag.TextSelectableByMouse
            )
            value.setAccessibleName(text.rstrip(":"))
            form.addRow(text, value)
            self.counts[key] = value

        self.rejected_label = QLabel(self)
        self.rejected_label.setWordWrap(True)
        self.rejected_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problems_view = QTableView(self)
        self.problems_view.setAccessibleName(self.tr("Rejected rows and their reasons"))
        self.problems_view.setWordWrap(False)
        self.problems_view.verticalHeader().hide()
        self.problems_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems_view.horizontalHeader().setStretchLastSection(True)
        self.rejected_label.setBuddy(self.problems_view)

        self.ignored_label = QLabel(self)
        self.ignored_label.setWordWrap(True)
        self.ignored_label.setTextFormat(Qt.TextFormat.PlainText)
        self.report_label = QLabel(self)
        self.report_label.setWordWrap(True)
        self.report_label.setTextFormat(Qt.TextFormat.PlainText)
        self.report_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(self.tr("&Open report"), self)
        self.open_button.setAccessibleName(self.tr("Open the report of rejected rows"))
        self.save_button = QPushButton(self.tr("&Save report as…"), self)
        self.save_button.setAccessibleName(self.tr("Save a copy of the report"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        self.banner = Banner(self)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(self.rejected_label)
        layout.addWidget(self.problems_view, 1)
        layout.addWidget(self.ignored_label)
        layout.addWidget(self.report_label)
        layout.addLayout(buttons)
        layout.addWidget(self.banner)
        QWidget.setTabOrder(self.problems_view, self.open_button)
        QWidget.setTabOrder(self.open_button, self.save_button)

        self.open_button.clicked.connect(self.open_report)
        self.save_button.clicked.connect(self.choose_copy)

    def initializePage(self) -> None:
        result = self._wizard.import_result
        if result is None:
            return
        number = QLocale().toString
        self.setSubTitle(
            self.tr("The import of “{file}” is finished: {rows} rows read.").format(
                file=result.file.name, rows=number(result.rows_read)
            )
        )
        self.counts["created"].setText(number(result.created))
        self.counts["updated"].setText(number(result.updated))
        self.counts["unchanged"].setText(number(result.unchanged))
        self.counts["rejected"].setText(number(result.rejected_rows))
        model = ProblemsModel(
            result.problems,
            self._wizard.language,
            [
                self.tr("Sheet"),
                self.tr("Row"),
                self.tr("Column"),
                self.tr("Value"),
                self.tr("Reason"),
            ],
            self,
        )
        self.problems_view.setModel(model)
        for column, width in enumerate((130, 50, 170, 160)):
            self.problems_view.setColumnWidth(column, width)
        # Long reasons wrap; measuring every row costs too much past a few hundred.
        few = len(result.problems) <= 500
        self.problems_view.setWordWrap(few)
        self.problems_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents if few else QHeaderView.ResizeMode.Interactive
        )
        if result.problems:
            self.rejected_label.setText(
                self.tr(
                    "These rows were not imported. Correct them in the file and import it "
                    "again: the applications already imported are recognised and kept."
                )
            )
            self.problems_view.show()
        else:
            self.rejected_label.setText(self.tr("Every row was imported."))
            self.problems_view.hide()
        ignored = self._wizard.ignored_columns()
        self.ignored_label.setText(
            self.tr("Ignored columns: {columns}").format(columns=", ".join(ignored))
            if ignored
            else self.tr("Ignored columns: none.")
        )
        has_report = self.report_path() is not None
        self.open_button.setEnabled(has_report)
        self.save_button.setEnabled(has_report)
        self.report_label.setText(
            self.tr("Report of the rejected rows: {path}").format(path=result.report_path)
            if has_report
            else self.tr("No report was written: no row was rejected.")
        )
        self.banner.clear()

    def report_path(self) -> Path | None:
        result = self._wizard.import_result
        return result.report_path if result is not None else None

    def open_report(self) -> None:
        path = self.report_path()
        if path is None:
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.banner.show_problem(
                self.tr(
                    "No program to open XLSX files was found. Use Save report as… and open "
                    "the copy with a spreadsheet program."
                )
            )

    def choose_copy(self) -> None:
        path = self.report_path()
        if path is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the report as"),
            str(Path(folder) / path.name) if folder else path.name,
            self.tr("Excel workbooks") + " (*.xlsx)",
        )
        if chosen:
            target = Path(chosen)
            if target.suffix.lower() != ".xlsx":
                target = target.with_name(target.name + ".xlsx")
            self.save_copy(target)

    def save_copy(self, target: Path) -> None:
        source = self.report_path()
        if source is None:
            return
        self.save_button.setEnabled(False)

        def work(_task) -> Path:
            try:
                shutil.copyfile(source, target)
            except OSError as error:
                raise FileProblem("save", target, error) from error
            return target

        self._wizard.ops.change(
            self,
            work,
            self._saved,
            on_problem=self._not_saved,
            on_finished=lambda: self.save_button.setEnabled(True),
        )

    def _saved(self, target: Path) -> None:
        self.banner.show_info(self.tr("Report saved as {path}").format(path=target))

    def _not_saved(self, problem: Problem) -> bool:
        if isinstance(problem, FileProblem):
            self.banner.show_problem(
                self.tr(
                    "The report could not be saved as {path} ({reason}). Choose another folder."
                ).format(path=problem.path, reason=problem.reason)
            )
        else:
            self.banner.show_problem(problem.text(self._wizard.language))
        return True


# --- the wizard -----------------------------------------------------------------------------


class ImportWizard(QWizard):
    """`exec()` returns Accepted when the database changed (an import finished)."""

    FILE_PAGE, COLUMNS_PAGE, IMPORT_PAGE, SUMMARY_PAGE = range(4)

    def __init__(
        self,
        parent: QWidget | None,
        database,
        call,
        ops,
        path: str | Path | None = None,
        *,
        language: str | None = None,
        settings=None,
    ):
        """`ops`: the window's operations (desktop/ui/operations.py); `settings`, when
        given, remembers the wizard's size."""
        super().__init__(parent)
        self.database = database
        self.call = call
        self.ops = ops
        self.settings = settings
        self.language = language or interface_language()
        self.preview: FilePreview | None = None
        self.import_result: ImportResult | None = None
        self._skip_file_page = path is not None
        self._close_when_stopped = False

        self.setWindowTitle(self.tr("Import applications"))
        self.setAccessibleName(self.tr("Import applications"))
        if self.wizardStyle() == QWizard.WizardStyle.ClassicStyle:
            self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        self.file_page = ImportFilePage(self)
        self.columns_page = ImportColumnsPage(self)
        self.import_page = ImportProgressPage(self)
        self.summary_page = ImportSummaryPage(self)
        self.setPage(self.FILE_PAGE, self.file_page)
        self.setPage(self.COLUMNS_PAGE, self.columns_page)
        self.setPage(self.IMPORT_PAGE, self.import_page)
        self.setPage(self.SUMMARY_PAGE, self.summary_page)
        self.setStartId(self.FILE_PAGE)
        saved = settings.state("import/geometry") if settings is not None else None
        if saved is None or not self.restoreGeometry(saved):
            fit_to_screen(self, 1000, 720)
        else:
            clip_to_screen(self)
        if path is not None:
            self.file_page.set_path(path)

    # --- called by the pages ---

    def file_read(self) -> None:
        """The file given to the constructor was read: its page needs no visit."""
        if not self._skip_file_page:
            return
        self._skip_file_page = False
        if self.currentId() == -1:
            self.restart()  # so Back still leads to the file page
        if self.currentId() == self.FILE_PAGE:
            self.next()

    def keep_file_page(self) -> None:
        """The user works on the file page (or its file failed): no jumping off it."""
        self._skip_file_page = False

    def import_finished(self) -> None:
        if self._close_when_stopped:
            self.accept()
        elif self.currentId() == self.IMPORT_PAGE:
            self.next()

    def import_stopped(self) -> None:
        if self._close_when_stopped:
            self._close_when_stopped = False
            super().reject()

    def ignored_columns(self) -> list[str]:
        return self.columns_page.ignored_headers()

    # --- closing ---

    def done(self, result: int) -> None:
        if self.settings is not None:
            self.settings.set_state("import/geometry", self.saveGeometry())
        super().done(result)

    def reject(self) -> None:
        if self.import_page.running:
            # Closing waits for the import to stop: a window must not vanish under it.
            self._close_when_stopped = True
            self.import_page.cancel()
            return
        if self.import_result is not None:
            self.accept()  # the database changed: the caller refreshes on Accepted
            return
        super().reject()

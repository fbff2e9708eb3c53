"""The import wizard, driven like a user would: real files, a real SQLite file, the
real operations layer (inline here, threaded in two tests)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QWizard
from sqlalchemy import create_engine, func, select

from db.models import Application, ImportBatch
from desktop.importing.columns import CANONICAL
from desktop.services.changes import Kind
from desktop.ui import import_wizard as wizard_module
from desktop.ui.import_wizard import IGNORED_TARGET, ImportWizard
from desktop.ui.operations import Operations
from tests.conftest import DATA, RESOURCES
from tests.ui.conftest import PATIENCE_MS

DEMO_XLSX = RESOURCES / "demo" / "domande-demo.xlsx"
PORTAL_XLSX = DATA / "portale-export.xlsx"
FILE, COLUMNS, IMPORT, SUMMARY = range(4)


# --- fixtures (named to stay clear of tests/ui/conftest.py) ----------------------------


@pytest.fixture
def wizard_db_path(tmp_path) -> Path:
    return tmp_path / "wizard.sqlite"


@pytest.fixture
def wizard_db(wizard_db_path):
    from db.engine import open_database

    database = open_database(wizard_db_path)
    yield database
    database.close()


@pytest.fixture
def wizard_runner(qapp):
    return Operations(synchronous=True)


@pytest.fixture
def make_wizard(qtbot, wizard_db, call_2024, wizard_runner):
    def make(path=None, *, runner=None, language="it", database=None) -> ImportWizard:
        wizard = ImportWizard(
            None,
            database or wizard_db,
            call_2024,
            runner or wizard_runner,
            path,
            language=language,
        )
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        return wizard

    return make


def count(database, model) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def click(qtbot, wizard: ImportWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), which
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def status_of(wizard: ImportWizard, header: str) -> tuple[str | None, str]:
    """(column chosen in the combo box, the 'How' text) for a header of the file."""
    page = wizard.columns_page
    position = page.headers.index(header)
    row = page.positions.index(position)
    return page.combos[position].currentData(), page.table.item(row, 2).text()


def write_csv(path: Path, count_rows: int) -> Path:
    base = {
        "data_presentazione": "15/01/2025",
        "titolo": "Titolo",
        "sintesi": "Sintesi",
        "capofila_denominazione": "Bottega Rossi S.r.l.",
        "capofila_codice_fiscale": "01199250158",
        "capofila_categoria": "micro impresa",
        "capofila_rea": "MI-1",
        "municipio": "2",
        "obiettivi": "1",
        "costo_totale": "85.000,00",
        "durata_mesi": "10",
    }
    lines = [";".join(CANONICAL)]
    for number in range(count_rows):
        values = dict(base, codice_domanda=f"W-{number:05d}")
        lines.append(";".join(values.get(column, "") for column in CANONICAL))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def import_and_wait(qtbot, wizard: ImportWizard, timeout: int = PATIENCE_MS) -> None:
    assert wizard.currentId() == COLUMNS
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentId() == SUMMARY, timeout=timeout)


# --- the whole way through ------------------------------------------------------------------


def test_demo_workbook_through_every_page(qtbot, make_wizard, wizard_db, call_2024, monkeypatch):
    wizard = make_wizard()
    assert wizard.currentId() == FILE
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    chosen = []

    def choose_file(*args, **kwargs):
        chosen.append(args)
        return str(DEMO_XLSX), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose_file)
    qtbot.mouseClick(wizard.file_page.browse_button, Qt.MouseButton.LeftButton)
    assert "*.xlsx" in chosen[0][3] and "*.csv" in chosen[0][3] and "*.ods" in chosen[0][3]
    assert wizard.file_page.path_edit.text() == str(DEMO_XLSX)
    assert "domande" in wizard.file_page.status_label.text()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)

    assert wizard.currentId() == COLUMNS
    page = wizard.columns_page
    assert page.missing() == [] and not page.missing_banner.isVisible()
    assert status_of(wizard, "titolo") == ("titolo", "recognised: same name")
    assert page.mapping() == {}
    assert page.preview.rowCount() == 10
    assert page.preview.item(0, 0).text() == "CC24-001"
    assert page.preview.verticalHeaderItem(0).text() == "2"  # rows numbered as in the sheet
    assert "partner" in page.file_label.text()  # the partner sheet is read too
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.isEnabled()

    import_and_wait(qtbot, wizard)
    result = wizard.import_result
    assert result.created >= 38 and result.problems == []
    assert count(wizard_db, Application) == result.created
    summary = wizard.summary_page
    assert summary.counts["created"].text() == str(result.created)
    assert summary.counts["rejected"].text() == "0"
    assert not summary.open_button.isEnabled() and not summary.save_button.isEnabled()
    assert "no row was rejected" in summary.report_label.text()
    assert summary.ignored_label.text() == "Ignored columns: none."
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible()

    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert wizard.result() == QWizard.DialogCode.Accepted


def test_portal_export_shows_matches_and_explains_every_rejected_row(
    qtbot, make_wizard, wizard_db, tmp_path, monkeypatch
):
    wizard = make_wizard(PORTAL_XLSX)
    # Given a file, the wizard opens on its columns; Back still leads to the file.
    assert wizard.currentId() == COLUMNS
    assert wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    assert status_of(wizard, "Codice pratica") == ("codice_domanda", "recognised: known synonym")
    assert status_of(wizard, "Costo complessivo (€)")[0] == "costo_totale"
    assert status_of(wizard, "NIL")[0] == "quartiere"
    assert status_of(wizard, "Note istruttore") == (None, "ignored: not a known column")
    assert wizard.columns_page.missing() == []
    assert wizard.columns_page.preview.horizontalHeaderItem(0).text() == (
        "Codice pratica\n→ codice_domanda"
    )

    import_and_wait(qtbot, wizard)
    result = wizard.import_result
    assert result.rejected_rows == 6 and result.created == 19
    summary = wizard.summary_page
    assert summary.counts["rejected"].text() == "6"
    assert summary.counts["created"].text() == "19"
    model = summary.problems_view.model()
    shown = [
        tuple(model.index(row, column).data() for column in range(5))
        for row in range(model.rowCount())
    ]
    assert [(row, column) for _, row, column, _, _ in shown] == [
        (9, "Costo complessivo (€)"),
        (12, "Data invio"),
        (15, "Durata (mesi)"),
        (18, "Municipio"),
        (21, "Codice pratica"),
        (24, "Codice pratica"),
    ]
    assert shown[0][0] == "Export domande" and shown[0][3] == "ottantamila"
    reasons = " | ".join(reason for *_, reason in shown)
    for words in ("importo non leggibile", "non esiste", "Municipio 12", "già presente alla riga"):
        assert words in reasons
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Sheet",
        "Row",
        "Column",
        "Value",
        "Reason",
    ]
    assert summary.ignored_label.text() == "Ignored columns: Note istruttore"

    # Open report: the XLSX the import wrote, handed to the desktop.
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    assert summary.open_button.isEnabled()
    qtbot.mouseClick(summary.open_button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(result.report_path))]
    assert result.report_path.is_file()

    # Save report as…: a copy where the user says.
    target = tmp_path / "scelta" / "scarti-copia"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(summary.save_button, Qt.MouseButton.LeftButton)
    saved = target.with_name("scarti-copia.xlsx")
    assert saved.read_bytes() == result.report_path.read_bytes()
    assert summary.banner.kind == "info" and str(saved) in summary.banner.message.text()

    # A folder that does not exist: said on the page, nothing raised.
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "no" / "x.xlsx"), "")
    )
    qtbot.mouseClick(summary.save_button, Qt.MouseButton.LeftButton)
    assert (
        summary.banner.kind == "problem" and "could not be saved" in summary.banner.message.text()
    )


def test_reasons_follow_the_interface_language(qtbot, make_wizard):
    wizard = make_wizard(PORTAL_XLSX, language="en")
    import_and_wait(qtbot, wizard)
    model = wizard.summary_page.problems_view.model()
    reasons = [model.index(row, 4).data() for row in range(model.rowCount())]
    assert any("application code missing" in reason for reason in reasons)
    assert not any("mancante" in reason for reason in reasons)


# --- columns ----------------------------------------------------------------------------------


def test_missing_columns_block_the_import_until_mapped_by_hand(
    qtbot, make_wizard, wizard_db, call_2024
):
    wizard = make_wizard(DATA / "colonne-mancanti.csv")
    page = wizard.columns_page
    assert wizard.currentId() == COLUMNS
    assert page.missing() == ["titolo", "costo_totale"]
    banner = page.missing_banner
    assert banner.isVisible() and banner.kind == "problem"
    # Said in words, not only in red.
    assert "Missing required columns: titolo, costo_totale" in banner.message.text()
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert not commit.isEnabled() and not page.isComplete()

    # The user picks the columns with the combo boxes.
    sintesi = page.combos[page.headers.index("sintesi")]
    sintesi.setCurrentIndex(sintesi.findData("titolo"))
    assert page.missing() == ["costo_totale"]
    assert "costo_totale" in banner.message.text() and "titolo," not in banner.message.text()
    assert not commit.isEnabled()
    target = page.combos[page.headers.index("obiettivo_raccolta")]
    target.setCurrentIndex(target.findData("costo_totale"))
    assert page.missing() == [] and not banner.isVisible()
    assert commit.isEnabled()
    assert status_of(wizard, "sintesi") == ("titolo", "chosen by you")
    assert page.mapping() == {"sintesi": "titolo", "obiettivo_raccolta": "costo_totale"}

    import_and_wait(qtbot, wizard)
    assert wizard.import_result.created == 3
    assert count(wizard_db, Application) == 3
    ignored = wizard.summary_page.ignored_label.text()
    assert ignored == "Ignored columns: none."


def test_a_column_feeds_from_one_header_and_ignore_wins_over_synonyms(qtbot, make_wizard):
    wizard = make_wizard(PORTAL_XLSX)
    page = wizard.columns_page
    # "Descrizione" is a synonym of sintesi; giving sintesi to "Note istruttore" frees it.
    page.choose_header("Note istruttore", "sintesi")
    assert status_of(wizard, "Descrizione") == (
        None,
        "ignored: “Note istruttore” now fills sintesi",
    )
    # Ignoring a recognised header must reach the importer, whose synonyms would take it.
    page.choose_header("NIL", None)
    assert status_of(wizard, "NIL") == (None, "ignored by you (recognised as quartiere)")
    assert page.mapping() == {
        "Descrizione": IGNORED_TARGET,
        "NIL": IGNORED_TARGET,
        "Note istruttore": "sintesi",
    }
    # Ignoring a required column blocks the import again.
    page.choose_header("Codice pratica", None)
    assert page.missing() == ["codice_domanda"]
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    page.undo_changes()
    assert page.mapping() == {} and page.missing() == []

    page.choose_header("NIL", None)
    import_and_wait(qtbot, wizard)
    assert wizard.summary_page.ignored_label.text() == "Ignored columns: NIL, Note istruttore"
    with wizard.database.session() as session:
        quarters = session.scalars(select(Application.neighbourhood)).all()
    assert quarters and set(quarters) == {""}


def test_a_mapping_file_applies_and_a_broken_one_is_explained(qtbot, make_wizard, tmp_path):
    wizard = make_wizard(PORTAL_XLSX)
    page = wizard.columns_page
    page.apply_mapping_file(DATA / "portale-export-mappa.toml")
    assert page.banner.kind == "info" and "applied to 2 column" in page.banner.message.text()
    assert page.missing() == []

    broken = tmp_path / "rotta.toml"
    broken.write_text("[colonne\n", encoding="utf-8")
    page.apply_mapping_file(broken)
    assert page.banner.isVisible() and page.banner.kind == "problem"
    assert "cannot be used" in page.banner.message.text()
    assert "rotta.toml" in page.banner.message.text()
    assert wizard.button(QWizard.WizardButton.CommitButton).isEnabled()  # the file is still fine


def test_going_back_keeps_the_choices_for_the_same_file(qtbot, make_wizard):
    wizard = make_wizard(PORTAL_XLSX)
    wizard.columns_page.choose_header("NIL", None)
    click(qtbot, wizard, QWizard.WizardButton.BackButton)
    assert wizard.currentId() == FILE
    assert wizard.file_page.path_edit.text() == str(PORTAL_XLSX)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.columns_page.mapping() == {"NIL": IGNORED_TARGET}


def test_the_columns_page_works_from_the_keyboard(qtbot, make_wizard):
    wizard = make_wizard(PORTAL_XLSX)
    page = wizard.columns_page
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    first = page.combos[0]
    qtbot.waitUntil(first.hasFocus)  # the page opens on its first choice
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.combos[1]
    # Top to bottom through every choice, then the buttons under the table.
    last = page.combos[page.positions[-1]]
    last.setFocus()
    qtbot.waitUntil(last.hasFocus)
    qtbot.keyClick(last, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.load_button
    qtbot.keyClick(page.load_button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.reset_button
    page.combos[1].setFocus()
    qtbot.waitUntil(page.combos[1].hasFocus)
    assert page.combos[1].accessibleName() == "Column for “Data invio”"
    assert page.combos[1].accessibleDescription() == "recognised: known synonym"
    # Arrow keys change the choice.
    qtbot.keyClick(page.combos[1], Qt.Key.Key_Down)
    assert page.combos[1].currentData() == "titolo"
    assert "data_presentazione" in page.missing()


# --- expected problems, inline --------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("it", "non è un foglio di calcolo XLSX valido"),
        ("en", "not a valid XLSX spreadsheet"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_is_explained_on_the_page(
    qtbot, make_wizard, language, words
):
    wizard = make_wizard(DATA / "non-un-foglio.xlsx", language=language)
    page = wizard.file_page
    assert wizard.currentId() == FILE  # not skipped: there is nothing to show
    assert page.banner.isVisible() and page.banner.kind == "problem"
    assert words in page.banner.message.text()
    assert not page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    # Choosing a good file clears it.
    page.set_path(DATA / "domande-tab.tsv")
    assert not page.banner.isVisible() and page.isComplete()


def test_a_missing_file_and_an_empty_file_are_explained(qtbot, make_wizard, tmp_path):
    wizard = make_wizard()
    page = wizard.file_page
    page.set_path(tmp_path / "nessuno.csv")
    assert "file non trovato" in page.banner.message.text()
    page.set_path(DATA / "vuoto.csv")
    assert "il file è vuoto" in page.banner.message.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_typing_a_path_reads_it(qtbot, make_wizard):
    wizard = make_wizard()
    page = wizard.file_page
    qtbot.keyClicks(page.path_edit, str(DATA / "domande-virgola.csv"))
    qtbot.waitUntil(page.isComplete, timeout=PATIENCE_MS)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.path_edit.setFocus()
    qtbot.keyClick(page.path_edit, Qt.Key.Key_Backspace)  # another path: read again
    assert not page.isComplete()


def test_a_busy_database_is_explained_and_the_import_can_be_retried(
    qtbot, make_wizard, wizard_db, wizard_db_path
):
    from db.engine import Database

    # The same file through an engine that gives up quickly, while another program
    # holds the write lock.
    impatient = Database(create_engine(wizard_db.url, connect_args={"timeout": 0.2}), wizard_db.url)
    holder = sqlite3.connect(wizard_db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        wizard = make_wizard(DATA / "domande-tab.tsv", database=impatient)
        click(qtbot, wizard, QWizard.WizardButton.CommitButton)
        page = wizard.import_page
        qtbot.waitUntil(lambda: page.banner.isVisible(), timeout=PATIENCE_MS)
        assert page.banner.kind == "problem"
        assert "The database is busy" in page.banner.message.text()
        assert "Nothing was imported" in page.banner.message.text()
        assert page.retry_button.isVisible() and wizard.currentId() == IMPORT
    finally:
        holder.rollback()
        holder.close()
    qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == SUMMARY, timeout=PATIENCE_MS)
    assert count(wizard_db, Application) == 5
    impatient.close()


def test_an_unexpected_error_reaches_the_excepthook(qtbot, make_wizard, wizard_db, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(wizard_module, "import_applications", broken)
    wizard = make_wizard(DEMO_XLSX)
    with qtbot.captureExceptions() as exceptions:
        click(qtbot, wizard, QWizard.WizardButton.CommitButton)
        qtbot.waitUntil(
            lambda: not wizard.import_page.running and bool(exceptions), timeout=PATIENCE_MS
        )
    assert [type(value) for _, value, _ in exceptions] == [RuntimeError]
    assert "unexpected error" in wizard.import_page.banner.message.text()
    assert count(wizard_db, Application) == 0


# --- cancelling ---------------------------------------------------------------------------------


class ClickingRunner(Operations):
    """Inline, and runs `after_first_progress` (a user's click) inside the first
    progress report of a change, as a user clicking Cancel while the import runs."""

    def __init__(self):
        super().__init__(synchronous=True)
        self.after_first_progress = None

    def change(self, owner, work, on_done=None, *, on_progress=None, **options):
        reports = []

        def progress(done, total):
            reports.append(done)
            on_progress(done, total)
            if len(reports) == 1 and self.after_first_progress:
                self.after_first_progress()

        return super().change(
            owner, work, on_done, on_progress=progress if on_progress else None, **options
        )


def test_cancel_during_the_import_imports_nothing(
    qtbot, make_wizard, wizard_db, call_2024, tmp_path
):
    source = write_csv(tmp_path / "dodicimila.csv", 12_000)
    runner = ClickingRunner()
    wizard = make_wizard(source, runner=runner)
    page = wizard.import_page
    seen = []

    def click_cancel():
        assert page.cancel_button.isEnabled()
        seen.append(page.count_label.text())
        qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)

    runner.after_first_progress = click_cancel
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: page.banner.isVisible(), timeout=PATIENCE_MS)
    assert seen == [f"0 of {QLocale().toString(12_000)} rows read"]
    assert "nothing was imported" in page.banner.message.text()
    assert wizard.currentId() == IMPORT and wizard.import_result is None
    assert not page.cancel_button.isVisible() and page.retry_button.isVisible()
    assert "stopped" in page.what_label.text()
    assert count(wizard_db, Application) == 0
    assert count(wizard_db, ImportBatch) == 0

    # Try again, this time to the end.
    runner.after_first_progress = None
    qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == SUMMARY, timeout=60_000)
    assert count(wizard_db, Application) == 12_000
    assert page.progress_bar.value() == page.progress_bar.maximum()


def test_closing_after_a_cancelled_import_is_a_rejection(qtbot, make_wizard, tmp_path):
    runner = ClickingRunner()
    wizard = make_wizard(write_csv(tmp_path / "poche.csv", 10), runner=runner)
    runner.after_first_progress = wizard.import_page.cancel
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.import_page.banner.isVisible(), timeout=PATIENCE_MS)
    wizard.reject()
    assert wizard.result() == QWizard.DialogCode.Rejected


def test_closing_after_an_import_still_reports_a_change(qtbot, make_wizard):
    wizard = make_wizard(DATA / "domande-tab.tsv")
    import_and_wait(qtbot, wizard)
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.result() == QWizard.DialogCode.Accepted


# --- a real worker thread --------------------------------------------------------------------


def test_threaded_import_keeps_the_window_responsive(
    qtbot, make_wizard, wizard_db, call_2024, monkeypatch
):
    runner = Operations()
    threads = []
    real_import = wizard_module.import_applications

    def recording_import(*args, **kwargs):
        threads.append(threading.get_ident())
        return real_import(*args, **kwargs)

    monkeypatch.setattr(wizard_module, "import_applications", recording_import)
    try:
        wizard = make_wizard(DEMO_XLSX, runner=runner)
        # The file is read on the worker too; the page moves on when it arrives.
        qtbot.waitUntil(lambda: wizard.currentId() == COLUMNS, timeout=PATIENCE_MS)
        page = wizard.import_page
        ticks_while_importing = []
        timer = QTimer()
        timer.setInterval(2)
        timer.timeout.connect(lambda: page.running and ticks_while_importing.append(1))
        timer.start()
        click(qtbot, wizard, QWizard.WizardButton.CommitButton)
        qtbot.waitUntil(lambda: page.running, timeout=PATIENCE_MS)
        qtbot.waitUntil(lambda: wizard.currentId() == SUMMARY, timeout=PATIENCE_MS)
        timer.stop()
    finally:
        assert runner.wait(PATIENCE_MS)
    assert threads and threads[0] != threading.get_ident()
    assert ticks_while_importing, "the GUI thread never ran while the import worked"
    created = wizard.import_result.created
    assert created >= 38 and count(wizard_db, Application) == created
    assert wizard.summary_page.counts["created"].text() == str(created)


def test_closing_during_the_import_cancels_it_first(qtbot, make_wizard, wizard_db, tmp_path):
    runner = ClickingRunner()
    wizard = make_wizard(write_csv(tmp_path / "molte.csv", 12_000), runner=runner)
    closed_while_running = []

    def press_escape():
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)
        closed_while_running.append(wizard.isVisible())  # still open: waits for the stop

    runner.after_first_progress = press_escape
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=PATIENCE_MS)
    assert closed_while_running == [True]
    assert wizard.result() == QWizard.DialogCode.Rejected
    assert count(wizard_db, Application) == 0


# --- what the import tells the open views ------------------------------------------------------


def test_an_import_broadcasts_what_it_changed_and_a_cancelled_one_nothing(
    qtbot, make_wizard, tmp_path
):
    runner = ClickingRunner()
    broadcast = []
    runner.changed.connect(broadcast.append)
    wizard = make_wizard(write_csv(tmp_path / "poche.csv", 10), runner=runner)
    runner.after_first_progress = wizard.import_page.cancel
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.import_page.banner.isVisible(), timeout=PATIENCE_MS)
    assert broadcast == []  # rolled back: no view needs to reload

    runner.after_first_progress = None
    qtbot.mouseClick(wizard.import_page.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == SUMMARY, timeout=PATIENCE_MS)
    [changes] = broadcast
    assert changes.touches(Kind.APPLICATIONS) and changes.touches(Kind.ELIGIBILITY)
    assert changes.applications is None  # any of them: the views reload every row

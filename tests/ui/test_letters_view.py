"""The Lettere view (its strings in English, the source language: the tests install
no translator; the domain's labels are Italian) on a real database (SQLite and PostgreSQL) with the demo
applications and letters holding real PDFs: the list and its filters, the page
rendered from the stored PDF, the history, the steps allowed by a letter's state,
approval reaching every open view, a refused step said in the banner, printing to a
PDF file through QPrinter, opening the stored file, sending by PEC to a loopback
server and the receipts dropped on the tab, and the menu's shortcut."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from sqlalchemy import select

from db.models import Application, Letter, LetterEvent
from desktop.domain.problems import Problem
from desktop.ui.letters.model import Column
from desktop.ui.letters.view import LettersView
from tests import test_letters_pec as pec_tests
from tests.conftest import RESOURCES, _empty_postgres, _postgres_url
from tests.test_letters_pec import PASSWORD as PEC_PASSWORD
from tests.test_letters_pec import SENDER as PEC_SENDER
from tests.test_letters_pec import USER as PEC_USER
from tests.test_letters_pec import daticert, receipt_eml

# The loopback PEC server (aiosmtpd, implicit TLS) of the PEC tests, and their short
# SMTP timeout.
certificates = pec_tests.certificates
smtp_server = pec_tests.smtp_server
_short_timeout = pec_tests._short_timeout

GENERATED = dt.datetime(2025, 6, 3, 10, 30)

# (code, kind, state, pages)
LETTERS = [
    ("CC24-001", "ammissione", "draft", 2),
    ("CC24-002", "non-idoneo", "approved", 1),
    ("CC24-003", "idoneo-non-finanziato", "protocolled", 1),
    ("CC24-004", "esclusione", "sent", 1),
    ("CC24-005", "esclusione", "failed", 1),
]


@pytest.fixture(params=["sqlite", "postgresql"])
def letters_database(request, tmp_path, demo_database_file, call):
    """The demo applications on each backend."""
    from db.engine import open_database
    from desktop.importing.service import import_applications

    if request.param == "sqlite":
        path = tmp_path / "lettere.sqlite"
        shutil.copy(demo_database_file, path)
        database = open_database(path)
    else:
        database = open_database(_empty_postgres(_postgres_url()))
        import_applications(database, RESOURCES / "demo" / "domande-demo.xlsx", call)
    yield database
    database.close()


def letter_pdf(tmp_path, code: str, kind: str, pages: int) -> bytes:
    """A real PDF with the project's embedded font: a heading and a body per page."""
    from reportlab.platypus import PageBreak

    from desktop.exporting.pdf import paragraph, write_pdf

    story = []
    for page in range(pages):
        if page:
            story.append(PageBreak())
        story.append(paragraph(f"Lettera {kind} — domanda {code}", "title"))
        story.extend(paragraph("Oggetto: comunicazione dell'esito. " * 8) for _ in range(12))
    path = write_pdf(tmp_path / f"{code}-{kind}.pdf", story, title=f"{code} {kind}")
    return path.read_bytes()


def add_letters(database, call, tmp_path, letters=LETTERS) -> None:
    import hashlib

    with database.session() as session, session.begin():
        ids = dict(session.execute(select(Application.code, Application.id)).all())
        for code, kind, state, pages in letters:
            pdf = letter_pdf(tmp_path, code, kind, pages)
            letter = Letter(
                call_id=call.id,
                application_id=ids[code],
                kind=kind,
                state=state,
                subject=f"Oggetto della lettera {kind} per {code}",
                addressee=f"Capofila di {code}",
                pec=f"{code.lower()}@pec.example.it",
                data=json.dumps({}),
                pdf=pdf,
                sha256=hashlib.sha256(pdf).hexdigest(),
                generated_at=GENERATED,
                generated_by="segreteria",
                version=1,
                approved_by="",
                protocol_number="PG 4411/2025"
                if state in ("protocolled", "sent", "failed")
                else "",
                protocol_date=dt.date(2025, 6, 5)
                if state != "draft" and state != "approved"
                else None,
                message_id="",
                failure="casella piena" if state == "failed" else "",
            )
            session.add(letter)
            session.flush()
            session.add(
                LetterEvent(
                    letter_id=letter.id,
                    at=GENERATED,
                    actor="segreteria",
                    action="generated",
                    state="draft",
                    detail="",
                    sha256=letter.sha256,
                )
            )


@pytest.fixture
def letters(letters_database, call, tmp_path):
    add_letters(letters_database, call, tmp_path)
    return letters_database


def open_view(qtbot, ops, database, call) -> LettersView:
    view = LettersView(ops, database, call, "it")
    qtbot.addWidget(view)
    view.resize(1300, 800)
    view.show()
    view.refresh()  # synchronous operations: loaded on return
    return view


def shown(view, column: Column) -> list[str]:
    return [view.model.index(row, column).data() for row in range(view.model.rowCount())]


def test_the_view_lists_the_letters_and_filters_them(qtbot, ops, letters, call):
    view = open_view(qtbot, ops, letters, call)

    assert shown(view, Column.CODE) == [code for code, *_ in LETTERS]
    assert shown(view, Column.STATE) == [
        "bozza",
        "approvata",
        "protocollata",
        "inviata",
        "non consegnata",
    ]
    assert shown(view, Column.KIND)[0] == "Ammissione alla campagna"
    assert shown(view, Column.PROTOCOL)[2] == "PG 4411/2025 / 05/06/2025"
    assert shown(view, Column.GENERATED)[0] == "03/06/2025 10:30"
    assert shown(view, Column.FAILURE)[4] == "casella piena"
    assert shown(view, Column.PEC)[0] == "cc24-001@pec.example.it"
    assert "5" in view.counts.text() and "bozza: 1" in view.counts.text()

    view.set_filters(kind="esclusione")
    assert shown(view, Column.CODE) == ["CC24-004", "CC24-005"]
    assert view.counts.text().startswith("2 letters")
    view.set_filters(kind="esclusione", state="failed")
    assert shown(view, Column.CODE) == ["CC24-005"]
    # The counts are per state among the letters of the session and kind chosen.
    assert "inviata: 1" in view.counts.text() and "non consegnata: 1" in view.counts.text()

    view.set_filters()
    view.table.sortByColumn(Column.CODE, Qt.SortOrder.DescendingOrder)
    assert shown(view, Column.CODE) == [code for code, *_ in reversed(LETTERS)]


def test_no_letters_says_how_to_write_them(qtbot, ops, letters_database, call):
    view = open_view(qtbot, ops, letters_database, call)
    assert view.model.rowCount() == 0
    assert "Generate Letters" in view.counts.text()
    assert not view.approve_button.isEnabled() and view.generate_button.isEnabled()


def dark_pixels(image) -> int:
    """Pixels clearly darker than paper, on a coarse grid."""
    dark = 0
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            if QColor(image.pixel(x, y)).lightness() < 128:
                dark += 1
    return dark


def test_the_preview_is_the_stored_page_and_the_history_is_below(qtbot, ops, letters, call):
    view = open_view(qtbot, ops, letters, call)
    assert view.select("CC24-001", "ammissione")

    pixmap = view.preview.pixmap()
    assert not pixmap.isNull()
    image = pixmap.toImage()
    assert image.width() > 1000  # rendered sharp, scaled down to the pane
    assert dark_pixels(image) > 200  # text on it, not a blank page
    assert image.height() / image.width() == pytest.approx(297 / 210, rel=0.01)  # A4
    # What the window paints is that page, scaled to the pane.
    grabbed = view.preview.grab().toImage()
    assert dark_pixels(grabbed) > 20

    # Two pages: the navigation shows and walks them.
    assert view.page_nav.isVisibleTo(view)
    assert view.page_label.text() == "Page 1 of 2"
    first = image
    view.next_page.click()
    assert view.page_label.text() == "Page 2 of 2"
    assert not view.next_page.isEnabled() and view.previous_page.isEnabled()
    assert view.preview.pixmap().toImage() != first

    assert view.history.rowCount() == 1
    assert view.history.item(0, 1).text() == "segreteria"
    assert view.history.item(0, 2).text() == "generated"
    assert view.subject.text() == "Oggetto della lettera ammissione per CC24-001"

    # One page: no navigation.
    view.select("CC24-002", "non-idoneo")
    assert not view.page_nav.isVisibleTo(view)


@pytest.mark.parametrize(
    ("code", "kind", "approve", "protocol"),
    [
        ("CC24-001", "ammissione", True, False),
        ("CC24-002", "non-idoneo", False, True),
        ("CC24-003", "idoneo-non-finanziato", False, True),  # a protocol may be corrected
        ("CC24-004", "esclusione", False, False),
        ("CC24-005", "esclusione", False, False),
    ],
)
def test_each_step_is_enabled_only_where_the_state_allows_it(
    qtbot, ops, letters, call, code, kind, approve, protocol
):
    view = open_view(qtbot, ops, letters, call)
    assert not view.approve_button.isEnabled()  # nothing selected yet
    assert not view.print_button.isEnabled() and not view.open_button.isEnabled()
    view.select(code, kind)
    assert view.approve_button.isEnabled() is approve
    assert view.protocol_button.isEnabled() is protocol
    assert view.print_button.isEnabled() and view.open_button.isEnabled()


def test_approval_moves_the_letter_in_every_open_view(qtbot, ops, letters, call, monkeypatch):
    first = open_view(qtbot, ops, letters, call)
    second = open_view(qtbot, ops, letters, call)
    first.select("CC24-001", "ammissione")
    asked = []
    monkeypatch.setattr(
        first, "confirm", lambda title, text: asked.append(text) or True, raising=False
    )

    first.approve_selected()

    assert "responsible officer" in asked[0] and "CC24-001" in asked[0]  # says what approval means
    for view in (first, second):
        assert shown(view, Column.STATE)[0] == "approvata"
    with letters.session() as session:
        letter = session.scalars(select(Letter).order_by(Letter.id)).first()
        assert letter.state == "approved" and letter.approved_by
    # The first view's selection stays; its history and actions follow the new state.
    assert first.selected_row().state == "approved"
    assert first.history.rowCount() == 2
    assert first.history.item(1, 2).text() == "approved"
    assert not first.approve_button.isEnabled() and first.protocol_button.isEnabled()
    assert first.banner.kind == "info" and "approved" in first.banner.message.text()

    # Withdrawn with a reason: a draft again, in both views, with the reason in its history.
    assert first.reopen_button.isEnabled()
    monkeypatch.setattr(first, "ask_reason", lambda title, label: "importo da rivedere")
    first.ask_reopen()
    for view in (first, second):
        assert shown(view, Column.STATE)[0] == "bozza"
    assert first.history.item(2, 2).text() == "approval withdrawn: importo da rivedere"
    assert first.approve_button.isEnabled() and not first.reopen_button.isEnabled()


def test_a_cancelled_confirmation_changes_nothing(qtbot, ops, letters, call, monkeypatch):
    view = open_view(qtbot, ops, letters, call)
    view.select("CC24-001", "ammissione")
    monkeypatch.setattr(view, "confirm", lambda title, text: False, raising=False)
    view.approve_selected()
    assert shown(view, Column.STATE)[0] == "bozza"


def test_a_refused_step_is_said_in_the_banner(qtbot, ops, letters, call, monkeypatch):
    """Another window approved the letter meanwhile (no broadcast reached this one):
    the view still offers Approve, the service refuses, the banner says why."""
    from desktop.letters.service import approve

    view = open_view(qtbot, ops, letters, call)
    view.select("CC24-001", "ammissione")
    approve(letters, call, "CC24-001", "ammissione", actor="altra finestra")
    monkeypatch.setattr(view, "confirm", lambda title, text: True, raising=False)
    crashes = []
    monkeypatch.setattr("sys.excepthook", lambda *args: crashes.append(args))

    view.approve_selected()

    assert not crashes
    assert view.banner.kind == "problem"
    text = view.banner.message.text()
    assert text.startswith("The letter was not approved.")
    assert "CC24-001 is approved: this step needs it draft" in text


def test_printing_paints_every_page_on_the_printer(qtbot, ops, letters, call, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    view = open_view(qtbot, ops, letters, call)
    view.select("CC24-001", "ammissione")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(150)
    out = tmp_path / "stampa.pdf"
    printer.setOutputFileName(str(out))

    assert view.print_selected(printer) == 2

    assert out.stat().st_size > 10_000
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
        assert "Pages:           2" in info
        assert "A4" in info or "595" in info


def test_open_the_file_writes_the_stored_pdf_and_opens_it(qtbot, ops, letters, call, monkeypatch):
    from desktop.letters.service import letter_pdf
    from desktop.ui.letters import view as view_module

    opened = []
    monkeypatch.setattr(
        view_module.QDesktopServices, "openUrl", lambda url: opened.append(url) or True
    )
    view = open_view(qtbot, ops, letters, call)
    view.select("CC24-003", "idoneo-non-finanziato")
    view.open_button.click()

    [url] = opened
    assert url.toLocalFile().endswith("CC24-003-idoneo-non-finanziato-v1.pdf")
    assert view.opened.read_bytes() == letter_pdf(
        letters, call, "CC24-003", "idoneo-non-finanziato"
    )


def test_a_problem_loading_the_page_is_said_inline(qtbot, ops, letters, call, monkeypatch):
    view = open_view(qtbot, ops, letters, call)

    def broken(*_args, **_kwargs):
        raise Problem("PDF illeggibile.", "Unreadable PDF.")

    monkeypatch.setattr("desktop.ui.letters.pages.render_page", broken)
    view.select("CC24-002", "non-idoneo")
    assert view.banner.kind == "problem"
    assert view.banner.message.text() == "The letter's page could not be shown. Unreadable PDF."


def test_the_letters_menu_opens_the_view_with_its_own_shortcut(qtbot, window):
    qtbot.waitUntil(lambda: window.part("letters") is not None, timeout=60_000)
    letters = window.part("letters")
    titles = [action.text() for action in window.menuBar().actions()]
    assert "&Letters" in titles
    assert titles.index("&Letters") < titles.index("&Tools")
    shortcut = QKeySequence("Ctrl+Shift+L")
    assert letters.open_action.shortcut() == shortcut
    # No other action of the window answers the same keys (Qt would call it ambiguous).
    from PySide6.QtGui import QAction

    others = [
        action
        for action in window.findChildren(QAction)
        if action is not letters.open_action and shortcut in action.shortcuts()
    ]
    assert not others

    letters.open_action.trigger()
    view = window.view("letters")
    assert view is not None and window.views.currentWidget() is view
    assert window.views.tabText(window.views.indexOf(view)) == "Letters"


# --------------------------------------------------------------------------- PEC


@pytest.fixture
def pec_account(smtp_server, certificates):
    """The office's mailbox on the loopback server, saved as the Preferences keep it,
    its password in the (in-memory) keyring."""
    from desktop.letters import pec

    account = pec.make_account(
        "127.0.0.1",
        port=smtp_server.port,
        security="ssl",
        user=PEC_USER,
        sender=PEC_SENDER,
        ca_bundle=certificates["good"][0],
    )
    pec.save_account(account)
    return account


def test_send_by_pec_then_the_receipts_dropped_on_the_tab(
    qtbot,
    ops,
    letters,
    call,
    smtp_server,
    pec_account,
    monkeypatch,
    tmp_path,
):
    """The protocolled letter and the one not delivered before go, one message each;
    the provider's receipts, dropped as .eml files, make them delivered; a second
    open view follows every step."""
    from desktop.letters import pec

    view = open_view(qtbot, ops, letters, call)
    other = open_view(qtbot, ops, letters, call)
    asked = []
    monkeypatch.setattr(view, "confirm", lambda title, text: asked.append(text) or True)
    monkeypatch.setattr(view, "ask_password", lambda account: PEC_PASSWORD)
    assert view.send_button.isEnabled()
    assert view.sendable() == ["CC24-003/idoneo-non-finanziato", "CC24-005/esclusione"]

    view.send_button.click()

    assert "Send 2 letters by PEC from economiaurbana@pec.example.it?" in asked[0]
    assert [to for _from, to, _data in smtp_server.messages] == [
        ["cc24-003@pec.example.it"],
        ["cc24-005@pec.example.it"],
    ]
    assert view.last_batch.sent and len(view.last_batch.sent) == 2
    assert "Sent: 2; not sent: 0" in view.report_text.text()
    for shown_in in (view, other):
        states = dict(zip(shown(shown_in, Column.CODE), shown(shown_in, Column.STATE), strict=True))
        assert states["CC24-003"] == states["CC24-005"] == "inviata"
    assert pec.get_password(pec_account).reveal() == PEC_PASSWORD  # kept in the keyring
    assert not view.send_button.isEnabled()  # nothing left to send among those shown

    # The provider's receipts, dropped on the tab.
    with letters.session() as session:
        ids = dict(
            session.execute(
                select(Application.code, Letter.message_id).join(
                    Application, Application.id == Letter.application_id
                )
            ).all()
        )
    files = []
    for number, code in enumerate(("CC24-003", "CC24-005")):
        xml = daticert("avvenuta-consegna", ids[code], identificativo=f"opec-{number}")
        path = tmp_path / f"consegna-{code}.eml"
        path.write_bytes(receipt_eml("avvenuta-consegna", ids[code], xml))
        files.append(path)
    (tmp_path / "nota.txt").write_text("non una ricevuta")
    drop(view, [*files, tmp_path / "nota.txt"])

    assert "Receipts recorded: 2" in view.report_text.text()
    for shown_in in (view, other):
        states = dict(zip(shown(shown_in, Column.CODE), shown(shown_in, Column.STATE), strict=True))
        assert states["CC24-003"] == states["CC24-005"] == "consegnata"
        assert shown(shown_in, Column.FAILURE)[4] == ""  # delivered after all
    view.select("CC24-003", "idoneo-non-finanziato")
    events = [view.history.item(i, 2).text() for i in range(view.history.rowCount())]
    assert any(text.startswith("sent by PEC") for text in events)
    assert any(text.startswith("delivered") for text in events)


def drop(view, paths) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.dropEvent(event)


def test_sending_without_a_mailbox_says_how_to_set_one(qtbot, ops, letters, call):
    view = open_view(qtbot, ops, letters, call)
    view.send_button.click()
    assert view.banner.kind == "problem"
    assert "No PEC mailbox is set" in view.banner.message.text()
    assert "letters pec-account" in view.banner.message.text()


def test_the_protocol_dialog_reads_an_italian_date(qtbot):
    from desktop.ui.letters.dialogs import ProtocolDialog

    dialog = ProtocolDialog("CC24-002", today=dt.date(2025, 6, 5))
    qtbot.addWidget(dialog)
    assert dialog.date.text() == "05/06/2025"
    assert dialog.values() is None
    assert dialog.message.text() == "⚠ Type the protocol number."
    dialog.number.setText(" PG 4412/2025 ")
    dialog.date.setText("31/02/2025")
    assert dialog.values() is None and "dd/mm/yyyy" in dialog.message.text()
    dialog.date.setText("7/6/25")
    assert dialog.values() == ("PG 4412/2025", dt.date(2025, 6, 7))


def test_the_generate_dialog_asks_for_a_folder(qtbot, call, tmp_path):
    from desktop.ui.letters.dialogs import GenerateDialog

    dialog = GenerateDialog(call, session_code="I")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.folder.setText(str(tmp_path))
    assert ok.isEnabled()
    dialog.format.setCurrentIndex(dialog.format.findData("both"))
    request = dialog.request()
    assert request.session_code == "I" and request.kind == "auto"
    assert request.format == "both" and request.out_dir == tmp_path


# --------------------------------------------------------------------------- generating


def test_generate_writes_the_files_and_the_rows_with_progress(
    qtbot, ops, letters_database, call, tmp_path, monkeypatch
):
    view = open_view(qtbot, ops, letters_database, call)
    other = open_view(qtbot, ops, letters_database, call)
    steps = []
    shown_progress = view._generate_progress
    monkeypatch.setattr(
        view,
        "_generate_progress",
        lambda done, total: steps.append((done, total)) or shown_progress(done, total),
    )
    out = tmp_path / "lettere"

    view.generate("I", "auto", "pdf", out)

    result = view.last_batch
    written = len(result.written)
    assert written > 0
    assert steps[-1] == (written, written) and len(steps) == written
    assert view.progress_bar.value() == written
    assert not view.progress_frame.isVisibleTo(view) and view.generate_button.isEnabled()
    for row in result.written:
        assert (out / row.file_name).read_bytes()[:5] == b"%PDF-"
    assert (out / "lettere-da-stampare.pdf").is_file()
    assert (out / "indice-lettere.csv").is_file() and (out / "indice-lettere.xlsx").is_file()
    report = view.report_text.text()
    assert f"{written} letters written as drafts in {out}." in report
    if result.skipped:
        assert f"Not written ({len(result.skipped)}):" in report
    assert view.report_folder_button.isVisibleTo(view)
    with letters_database.session() as session:
        assert len(session.scalars(select(Letter)).all()) == written
    for shown_in in (view, other):
        assert shown_in.model.rowCount() == written
        assert set(shown(shown_in, Column.STATE)) == {"bozza"}
    # The page shown is the letter as generated.
    first = result.written[0]
    view.select(first.code, first.kind)
    assert dark_pixels(view.preview.pixmap().toImage()) > 200


def test_a_cancelled_generation_writes_nothing(
    qtbot, ops, letters_database, call, tmp_path, monkeypatch
):
    view = open_view(qtbot, ops, letters_database, call)
    monkeypatch.setattr(view, "_generate_progress", lambda done, total: view.cancel_generate())
    out = tmp_path / "lettere"

    view.generate("I", "auto", "pdf", out)

    assert view.last_batch is None
    assert view.report_text.text() == "Generation cancelled: no letter and no file was written."
    assert not out.exists() or not any(out.iterdir())
    assert view.model.rowCount() == 0
    assert view.generate_button.isEnabled()


def test_protocol_typed_and_from_the_protocol_office_csv(
    qtbot, ops, letters_database, call, tmp_path
):
    from desktop.letters.service import approve, generate, letter_pdf

    batch = generate(letters_database, call, session_code="I")
    first, second = batch.written[:2]
    for row in (first, second):
        approve(letters_database, call, row.code, row.kind, actor="Dirigente")
    view = open_view(qtbot, ops, letters_database, call)
    view.select(first.code, first.kind)
    assert view.protocol_button.isEnabled()

    view.record_protocol(first.code, first.kind, "PG 5001/2025", dt.date(2025, 6, 9))

    row = view.selected_row()
    assert row.state == "protocolled"
    assert (
        view.model.index(view.model.position_of((first.code, first.kind)), Column.PROTOCOL).data()
        == "PG 5001/2025 / 09/06/2025"
    )
    assert "Protocol PG 5001/2025 of 09/06/2025 recorded" in view.banner.message.text()
    stored = tmp_path / "stored.pdf"
    stored.write_bytes(letter_pdf(letters_database, call, first.code, first.kind))
    text = subprocess.run(["pdftotext", str(stored), "-"], capture_output=True, text=True).stdout
    assert "5001/2025" in text  # the letter was written again with its protocol

    csv_file = tmp_path / "protocolli.csv"
    csv_file.write_text(
        "codice;tipo;numero_protocollo;data_protocollo\n"
        f"{second.code};{second.kind};PG 5002/2025;10/06/2025\n",
        encoding="utf-8",
    )
    view.import_protocols(csv_file)
    position = view.model.position_of((second.code, second.kind))
    assert view.model.index(position, Column.STATE).data() == "protocollata"
    assert "Protocol recorded for 1 letters from protocolli.csv." in view.banner.message.text()

    # A CSV naming a draft: refused whole, said in the banner.
    third = batch.written[2] if len(batch.written) > 2 else None
    if third is not None:
        csv_file.write_text(
            "codice;tipo;numero_protocollo;data_protocollo\n"
            f"{third.code};{third.kind};PG 5003/2025;10/06/2025\n",
            encoding="utf-8",
        )
        view.import_protocols(csv_file)
        assert view.banner.kind == "problem"
        assert view.banner.message.text().startswith("No protocol number was recorded.")

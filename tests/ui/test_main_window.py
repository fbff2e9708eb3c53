"""The real main window on a real SQLite file with the demo's 40 applications,
driven as a user would: typing, choosing filters, clicking, shortcuts, dialogs."""

from __future__ import annotations

import sqlite3
import sys
import types
from typing import ClassVar

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from sqlalchemy.exc import OperationalError

from desktop.domain.eligibility import Outcome
from desktop.services import browse
from desktop.services.browse import load_rows
from desktop.services.changes import Changes, Kind
from desktop.ui.applications_model import SORT_ROLE, Column
from tests.ui.conftest import PATIENCE_MS, make_settings

LEFT = Qt.MouseButton.LeftButton


def shown_codes(window) -> list[str]:
    return window.model.visible_codes


def select(window, qtbot, code: str) -> None:
    """Clicks the application's row, as a user would."""
    position = window.model.position_of(code)
    assert position is not None, f"{code} is not listed"
    index = window.model.index(position, Column.TITLE)
    window.table.scrollTo(index)
    qtbot.mouseClick(window.table.viewport(), LEFT, pos=window.table.visualRect(index).center())
    assert window.detail.shown_code == code


def rule_texts(window) -> list[list[str]]:
    rules = window.detail.rules
    return [
        [rules.item(r, c).text() for c in range(rules.columnCount())]
        for r in range(rules.rowCount())
    ]


def answer_modal(qtbot, handler) -> dict:
    """Runs `handler(dialog)` once the next modal dialog is open (exec() blocks the
    test until it closes). A failing handler rejects the dialog, so nothing hangs."""
    outcome = {}

    def attempt():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, attempt)
            return
        try:
            handler(dialog)
            outcome["done"] = True
        except BaseException as error:
            outcome["error"] = error
            dialog.reject()

    QTimer.singleShot(0, attempt)
    return outcome


def check_answered(outcome: dict) -> None:
    if "error" in outcome:
        raise outcome["error"]
    assert outcome.get("done"), "no dialog was opened"


def test_shows_the_applications_of_the_call(window):
    assert window.model.rowCount() == 40
    assert shown_codes(window)[:3] == ["CC24-001", "CC24-002", "CC24-003"]
    assert window.count_label.text() == "40 of 40 applications"
    first = [window.model.index(0, c).data() for c in range(window.model.columnCount())]
    assert first == [
        "CC24-001",
        "La filiera del grano antico",
        "Osteria Crippa di Samira Crippa",
        "5",
        "72.440,40 €",
        "36.220,20 €",
        "ammissibile",
        "I",
    ]
    assert window.demo_label is None
    assert not window.banner.isVisible()


def test_typing_in_the_search_box_filters_as_you_type(window, qtbot):
    qtbot.keyClicks(window.search, "baggio")
    assert shown_codes(window) == ["CC24-028"]
    assert window.count_label.text() == "1 of 40 applications"
    window.search.clear()
    qtbot.keyClicks(window.search, "citta")  # no accent typed, "Città" found
    assert shown_codes(window) == ["CC24-007", "CC24-032"]
    window.search.clear()
    qtbot.keyClicks(window.search, "00712600964")  # the lead partner's tax code
    assert shown_codes(window) == ["CC24-001"]
    window.search.clear()
    qtbot.keyClicks(window.search, "niguarda")  # a neighbourhood
    assert "CC24-002" in shown_codes(window)
    window.search.clear()
    assert window.model.rowCount() == 40


def test_each_filter_narrows(window):
    def choose(combo, data):
        combo.setCurrentIndex(combo.findData(data))
        return shown_codes(window)

    assert len(choose(window.session_filter, "II")) == 15
    assert choose(window.district_filter, 2) == ["CC24-026", "CC24-029", "CC24-030", "CC24-038"]
    assert choose(window.eligibility_filter, Outcome.PASS) == ["CC24-026", "CC24-030", "CC24-038"]
    assert choose(window.objective_filter, 5) == ["CC24-026", "CC24-030"]
    assert window.count_label.text() == "2 of 40 applications"
    assert choose(window.session_filter, "") == []  # no out-of-session application there
    window.clear_filters_action.trigger()
    assert window.model.rowCount() == 40
    assert choose(window.session_filter, "") == ["CC24-024", "CC24-040"]


def test_clicking_the_cost_header_sorts_by_amount_not_text(window, qtbot):
    header = window.table.horizontalHeader()
    x = header.sectionViewportPosition(Column.COST) + header.sectionSize(Column.COST) // 2
    qtbot.mouseClick(header.viewport(), LEFT, pos=QPoint(x, header.height() // 2))
    assert header.sortIndicatorSection() == Column.COST
    model = window.model
    cents = [model.index(r, Column.COST).data(SORT_ROLE) for r in range(model.rowCount())]
    texts = [model.index(r, Column.COST).data() for r in range(model.rowCount())]
    assert cents == sorted(cents)
    assert texts[:2] == ["15.000,00 €", "20.000,00 €"]
    assert texts != sorted(texts)  # as text "100.000,00 €" would come first
    qtbot.mouseClick(header.viewport(), LEFT, pos=QPoint(x, header.height() // 2))
    assert model.index(0, Column.CODE).data() == "CC24-004"  # 120.000,00 €, the dearest


def test_selecting_a_row_shows_rules_and_reasons_in_italian(window, qtbot):
    select(window, qtbot, "CC24-004")
    rows = rule_texts(window)
    assert len(rows) == 11
    # A rule is met or not; the application is eligible or not.
    assert ["Costo massimo", "non rispettata", "costo 120.000,00 € > 100.000,00 €", ""] in rows
    assert window.detail.title_label.text() == "Via Ventura, bottega comune"
    assert window.detail.outcome_text.text() == "non ammissibile"
    # The rule that failed is the one ready to override.
    assert window.detail.current_rule().result.rule == "costo_massimo"
    fields = window.detail.field_labels
    assert fields["cost"].text() == "120.000,00 €"
    assert fields["grant"].text() == "50.000,00 €"
    assert fields["submitted"].text().startswith("14/12/2024")
    partners = window.detail.partners
    assert partners.rowCount() == 3
    assert partners.item(0, 0).text() == "lead partner"
    assert [partners.item(0, c).text() for c in (1, 2, 3, 4)] == [
        "La Spiga d'Oro Servizi S.r.l.",
        "04075660151",
        "media impresa",
        "MI-1607083",
    ]
    assert window.detail.tabs.tabText(2) == "Partners (3)"


def test_opening_an_application_by_code_selects_its_row_and_shows_it(window):
    """What a link from elsewhere (a report, the ranking) does."""
    window.select_application("CC24-004")
    assert window.detail.shown_code == "CC24-004"
    current = window.table.selectionModel().currentIndex()
    assert window.model.row(current.row()).code == "CC24-004"


def test_menus_beyond_the_applications_arrive_after_the_first_paint(
    qtbot, database, call, ops, settings
):
    """As `commissione` starts: the window paints first, then Evaluation and
    Campaigns join the menu bar."""
    from desktop.ui.main_window import MainWindow

    window = MainWindow(database, call, ops, settings, extras_after_paint=True)
    qtbot.addWidget(window)
    assert not hasattr(window, "evaluation")
    window.show()
    qtbot.waitUntil(lambda: window.part("campaigns") is not None, timeout=PATIENCE_MS)
    titles = [action.text() for action in window.menuBar().actions()]
    assert "E&valuation" in titles and "Ca&mpaigns" in titles


def test_views_open_as_tabs_built_once(window):
    built = []

    def factory():
        built.append(QLabel("ranking"))
        return built[-1]

    first = window.open_view("ranking", "Graduatoria", factory)
    window.views.setCurrentIndex(0)
    again = window.open_view("ranking", "Graduatoria", factory)
    assert first is again and len(built) == 1
    assert window.views.currentWidget() is first
    assert [window.views.tabText(i) for i in range(window.views.count())] == [
        "Applications",
        "Graduatoria",
    ]
    window.close_view_action.trigger()  # Ctrl+W: the current view's tab
    assert window.view("ranking") is None and window.views.count() == 1
    window.close_view_action.trigger()  # the applications stay
    assert window.views.count() == 1


def test_reasons_follow_the_interface_language(open_window, settings_path, qtbot):
    window = open_window(make_settings(settings_path, language="en"))
    select(window, qtbot, "CC24-004")
    assert ["Maximum cost", "not met", "cost 120.000,00 € > 100.000,00 €", ""] in (
        rule_texts(window)
    )
    assert window.model.index(3, Column.ELIGIBILITY).data() == "not eligible"


def test_override_a_rule_through_the_dialog(window, qtbot, database, call):
    select(window, qtbot, "CC24-004")
    seen = {}

    def answer(dialog):
        seen["empty"] = dialog.ok_button.isEnabled()
        qtbot.keyClicks(dialog.note_box, "   ")
        seen["blank"] = dialog.ok_button.isEnabled()
        dialog.outcome_box.setCurrentIndex(dialog.outcome_box.findData(Outcome.PASS))
        qtbot.keyClicks(dialog.note_box, "Preventivo ridotto a 100.000 euro (nota del 3/2)")
        seen["note"] = dialog.ok_button.isEnabled()
        qtbot.mouseClick(dialog.ok_button, LEFT)

    answered = answer_modal(qtbot, answer)
    qtbot.mouseClick(window.detail.override_button, LEFT)
    check_answered(answered)
    assert seen == {"empty": False, "blank": False, "note": True}

    position = window.model.position_of("CC24-004")
    assert window.model.index(position, Column.ELIGIBILITY).data() == "ammissibile"
    rule = next(r for r in rule_texts(window) if r[0] == "Costo massimo")
    assert rule[1] == "rispettata (override)"
    assert rule[3].startswith("Preventivo ridotto a 100.000 euro (nota del 3/2) — ")
    assert window.detail.outcome_text.text() == "ammissibile"
    assert window.detail.current_rule().result.rule == "costo_massimo"  # still on it
    [stored] = [r for r in load_rows(database, call) if r.code == "CC24-004"]
    assert stored.eligibility is Outcome.PASS


def test_cancelled_override_changes_nothing(window, qtbot):
    select(window, qtbot, "CC24-004")
    answered = answer_modal(qtbot, lambda dialog: dialog.reject())
    window.override_action.trigger()
    check_answered(answered)
    position = window.model.position_of("CC24-004")
    assert window.model.index(position, Column.ELIGIBILITY).data() == "non ammissibile"


def test_window_state_persists_across_two_windows(open_window, settings_path, qtbot):
    first = open_window(make_settings(settings_path))
    first.resize(700, 500)  # within the offscreen screen (800 × 600): kept as it is
    first.set_detail_beside(True)
    qtbot.keyClicks(first.search, "via")
    first.session_filter.setCurrentIndex(first.session_filter.findData("II"))
    first.eligibility_filter.setCurrentIndex(first.eligibility_filter.findData(Outcome.PASS))
    header = first.table.horizontalHeader()
    header.resizeSection(Column.LEAD, 333)
    header.moveSection(header.visualIndex(Column.COST), 1)
    first.table.sortByColumn(Column.COST, Qt.SortOrder.DescendingOrder)
    listed = shown_codes(first)
    select(first, qtbot, listed[1])
    first.close()

    second = open_window(make_settings(settings_path))
    assert (second.width(), second.height()) == (700, 500)
    assert second.search.text() == "via"
    assert second.session_filter.currentData() == "II"
    assert second.current_filter().eligibility is Outcome.PASS
    assert second.district_filter.currentIndex() == 0
    header = second.table.horizontalHeader()
    assert header.sectionSize(Column.LEAD) == 333
    assert header.visualIndex(Column.COST) == 1
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        Column.COST,
        Qt.SortOrder.DescendingOrder,
    )
    assert second.splitter.orientation() == Qt.Orientation.Horizontal
    assert second.detail_beside_action.isChecked()
    assert shown_codes(second) == listed
    assert second.detail.shown_code == listed[1]
    assert second.table.selectionModel().currentIndex().row() == 1


@pytest.fixture
def fake_wizard(monkeypatch):
    """desktop.ui.import_wizard replaced by a fake that records how it was opened."""

    class FakeWizard:
        opened: ClassVar[list[dict]] = []
        result = QDialog.DialogCode.Accepted

        def __init__(self, parent, database, call, ops, path=None, **_options):
            self.parent, self.ops = parent, ops
            FakeWizard.opened.append(
                {"parent": parent, "database": database, "call": call, "ops": ops, "path": path}
            )

        def exec(self):
            if FakeWizard.result == QDialog.DialogCode.Accepted:
                # What the real import does: a change touching the applications.
                self.ops.change(
                    self.parent, lambda _task: Changes.of(Kind.APPLICATIONS, Kind.ELIGIBILITY)
                )
            return FakeWizard.result

        def deleteLater(self):
            pass

    module = types.ModuleType("desktop.ui.import_wizard")
    module.ImportWizard = FakeWizard
    monkeypatch.setitem(sys.modules, "desktop.ui.import_wizard", module)
    return FakeWizard


def drop_event(kind, path):
    """A drag-enter or drop event carrying a file's URL, as a file manager sends it."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = kind(
        QPointF(20, 20) if kind is QDropEvent else QPoint(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    event.keep_mime_alive = mime  # the event does not own its QMimeData
    return event


def test_dropping_a_file_opens_the_import_wizard_with_it(
    window, qtbot, tmp_path, fake_wizard, monkeypatch, database, call, ops
):
    refreshed = []
    monkeypatch.setattr(window, "refresh", lambda: refreshed.append(True))
    path = tmp_path / "domande.xlsx"
    path.write_bytes(b"")
    entering = drop_event(QDragEnterEvent, path)
    window.dragEnterEvent(entering)
    assert entering.isAccepted()
    refused = drop_event(QDragEnterEvent, tmp_path / "lettera.pdf")
    window.dragEnterEvent(refused)
    assert not refused.isAccepted()

    window.dropEvent(drop_event(QDropEvent, path))
    qtbot.waitUntil(lambda: bool(fake_wizard.opened), timeout=PATIENCE_MS)
    assert fake_wizard.opened == [
        {"parent": window, "database": database, "call": call, "ops": ops, "path": path}
    ]
    assert refreshed == [True]  # imported: the list reloads (from the broadcast)


def test_import_action_opens_the_wizard_without_a_file(window, fake_wizard, monkeypatch):
    refreshed = []
    monkeypatch.setattr(window, "refresh", lambda: refreshed.append(True))
    fake_wizard.result = QDialog.DialogCode.Rejected
    window.import_action.trigger()
    assert [opened["path"] for opened in fake_wizard.opened] == [None]
    assert refreshed == []  # cancelled: nothing to reload


def test_shortcuts(window):
    shortcuts = {
        action.text(): action.shortcut().toString()
        for action in (
            window.import_action,
            window.quit_action,
            window.find_action,
            window.refresh_action,
            window.preferences_action,
        )
    }
    assert shortcuts == {
        "&Import…": "Ctrl+I",
        "&Quit": "Ctrl+Q",
        "&Find": "Ctrl+F",
        "&Refresh": "F5",
        "&Preferences…": "Ctrl+,",
    }
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == [
        "&File",
        "&Edit",
        "&View",
        "E&valuation",
        "Ca&mpaigns",
        "&Letters",
        "&Meeting",
        "&Tools",
        "&Help",
    ]
    # No two actions of the window answer the same keys ("Ambiguous shortcut").
    seen = {}
    for action in window.findChildren(QAction):
        for keys in action.shortcuts():
            if action.shortcutContext() != Qt.ShortcutContext.WindowShortcut:
                continue
            assert keys.toString() not in seen, (action.text(), seen.get(keys.toString()))
            seen[keys.toString()] = action.text()
    assert seen["Ctrl+Shift+L"] == "&Letters"


def test_find_shortcut_focuses_the_search_box(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus)
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()


def test_tab_order_and_accessible_names(window, qtbot):
    for widget in (
        window.table,
        window.search,
        window.session_filter,
        window.district_filter,
        window.eligibility_filter,
        window.objective_filter,
        window.detail,
    ):
        assert widget.accessibleName()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.search.setFocus()
    qtbot.waitUntil(window.search.hasFocus)
    visited = []
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    assert visited[:5] == [
        window.session_filter,
        window.district_filter,
        window.eligibility_filter,
        window.objective_filter,
        window.table,
    ]
    assert window.detail.isAncestorOf(visited[5]), visited[5]


def test_unreachable_database_shows_a_banner_with_retry(window, qtbot, monkeypatch):
    def unreachable(database, call, codes=None):
        # What SQLite says when the file went away (SQLITE_CANTOPEN).
        original = sqlite3.OperationalError("unable to open database file")
        original.sqlite_errorcode = 14
        raise OperationalError("SELECT", {}, original)

    monkeypatch.setattr(browse, "load_rows", unreachable)
    window.refresh_action.trigger()
    assert window.banner.isVisible()
    assert window.banner.message.text().startswith("The applications could not be loaded.")
    assert "database does not answer" in window.banner.message.text()
    assert window.banner.retry_button.isVisible()
    assert QApplication.activeModalWidget() is None  # inline, never a modal dialog
    assert window.model.rowCount() == 40  # what was loaded stays

    monkeypatch.setattr(browse, "load_rows", load_rows)
    qtbot.mouseClick(window.banner.retry_button, LEFT)
    assert not window.banner.isVisible()
    assert window.model.rowCount() == 40


def test_unexpected_errors_reach_the_excepthook(window, qtbot, monkeypatch):
    def broken(database, call, codes=None):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(browse, "load_rows", broken)
    with qtbot.captureExceptions() as caught:
        window.refresh()
    assert [type(value) for _kind, value, _tb in caught] == [ZeroDivisionError]
    assert not window.banner.isVisible()


def test_demo_mode_says_so(open_window, settings):
    window = open_window(settings, demo=True)
    assert window.demo_label.isVisible()
    assert window.demo_label.text() == "Demo data"
    assert window.windowTitle().endswith("Demo data")


def test_preferences_dialog_saves_and_says_when_it_applies(window, qtbot, settings, tmp_path):
    target = tmp_path / "commissione-ufficio.sqlite"

    def answer(dialog):
        assert "next time Commissione starts" in " ".join(
            label.text() for label in dialog.findChildren(QLabel)
        )
        dialog.database_edit.setText(str(target))
        dialog.language_box.setCurrentIndex(dialog.language_box.findData("en"))
        dialog.scale_box.setCurrentIndex(dialog.scale_box.findData(1.5))
        dialog.accept()

    answered = answer_modal(qtbot, answer)
    window.preferences_action.trigger()
    check_answered(answered)
    assert (settings.database, settings.language, settings.ui_scale) == (str(target), "en", 1.5)
    assert "restarts" in window.statusBar().currentMessage()


def test_about_box(window, qtbot):
    seen = {}

    def answer(dialog):
        seen["text"] = dialog.text()
        dialog.accept()

    answered = answer_modal(qtbot, answer)
    window.about_action.trigger()
    check_answered(answered)
    assert "Crowdfunding civico 2024-2025" in seen["text"]

"""The Evaluation menu of the main window.

`install_evaluation(window)` adds the menu and opens the evaluation views as
windows of their own (each once: asking again brings it to the front):

- Score Sheets… (Ctrl+Shift+E): the form, for a member chosen from the committee,
  or straight away for the kit's evaluator in a kit workspace;
- Committee and Assignment…, Ranking… (central database only);
- Export Kit… / Import Kit Return… / Import Scores from CSV… (central database);
- Open a Kit… (an evaluator's laptop: prepares the workspace and opens it in a
  new window) and Export Return File… (in a kit workspace).

Everything that reads or writes goes through the window's TaskRunner; expected
problems go to the window's banner, in plain words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.evaluation import DATABASE_PROBLEMS, problem_text

KIT_FILTER = "(*.zip *.commissione-kit)"


class ViewWindow(QWidget):
    """A top-level window holding one evaluation view; closing it saves what the
    view has pending (a draft being typed)."""

    closed = Signal()

    def __init__(self, view: QWidget, title: str, parent: QWidget):
        super().__init__(parent, Qt.WindowType.Window)
        self.view = view
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(view)
        self.resize(1280, 820)

    def closeEvent(self, event: QCloseEvent) -> None:
        save_now = getattr(self.view, "save_now", None)
        if save_now is not None:
            save_now()
        super().closeEvent(event)
        self.closed.emit()


class EvaluationActions(QObject):
    """The menu's actions and the views they opened, owned by the main window."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.database = window.database
        self.call = window.call
        self.tasks = window.tasks
        self.language = getattr(window, "language", "it")
        self.views: dict[str, ViewWindow] = {}
        self.workspace_member: str | None = None
        self.extra_windows: list[QMainWindow] = []

        self.score_sheets_action = self._action(
            self.tr("&Score Sheets…"), self.open_score_sheets, "Ctrl+Shift+E"
        )
        self.committee_action = self._action(
            self.tr("&Committee and Assignment…"), self.open_committee
        )
        self.ranking_action = self._action(self.tr("&Ranking…"), self.open_ranking)
        self.export_kit_action = self._action(self.tr("Export &Kit…"), self.export_kit)
        self.import_return_action = self._action(
            self.tr("Import Kit Re&turn…"), self.import_kit_return
        )
        self.import_scores_action = self._action(
            self.tr("Import Scores from &CSV…"), self.import_scores
        )
        self.open_kit_action = self._action(self.tr("&Open a Kit…"), self.open_kit)
        self.export_return_action = self._action(
            self.tr("Export Return &File…"), self.export_return
        )
        self.export_return_action.setVisible(False)  # only in a kit workspace

        self.menu = QMenu(self.tr("E&valuation"), window)
        self.menu.setObjectName("evaluationMenu")
        self.menu.addAction(self.score_sheets_action)
        self.menu.addAction(self.committee_action)
        self.menu.addAction(self.ranking_action)
        self.menu.addSeparator()
        self.menu.addAction(self.export_kit_action)
        self.menu.addAction(self.import_return_action)
        self.menu.addAction(self.import_scores_action)
        self.menu.addSeparator()
        self.menu.addAction(self.open_kit_action)
        self.menu.addAction(self.export_return_action)
        self._insert_menu()
        # Closing the main window closes these windows without their closeEvent:
        # a draft being typed is saved first.
        window.installEventFilter(self)
        self.detect_workspace()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            for holder in list(self.views.values()):
                save_now = getattr(holder.view, "save_now", None)
                if save_now is not None:
                    save_now()
        return False

    def _action(self, text: str, slot, shortcut: str | None = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _insert_menu(self) -> None:
        """Before the Tools menu (the one holding Preferences), else before the last."""
        bar = self.window.menuBar()
        actions = bar.actions()
        preferences = getattr(self.window, "preferences_action", None)
        before = next(
            (a for a in actions if a.menu() is not None and preferences in a.menu().actions()),
            actions[-1] if actions else None,
        )
        if before is None:
            bar.addMenu(self.menu)
        else:
            bar.insertMenu(before, self.menu)

    # --- a kit workspace or the secretariat's database ---

    def detect_workspace(self) -> None:
        database = self.database

        def work(_task):
            # Imported here, on the worker: the services are not needed to show the window.
            from desktop.services.sheets import workspace_member

            return workspace_member(database)

        self.tasks.run(
            work,
            self._workspace_detected,
            self._problem(self.tr("The evaluation menu could not read the database.")),
        )

    def _workspace_detected(self, member: str | None) -> None:
        self.workspace_member = member
        central = member is None
        for action in (
            self.committee_action,
            self.ranking_action,
            self.export_kit_action,
            self.import_return_action,
            self.import_scores_action,
        ):
            action.setVisible(central)
        self.export_return_action.setVisible(not central)
        if not central:
            self.window.setWindowTitle(
                self.window.windowTitle() + " — " + self.tr("kit of {name}").format(name=member)
            )

    # --- opening views ---

    def _show(self, key: str, title: str, factory) -> ViewWindow:
        existing = self.views.get(key)
        if existing is not None:
            existing.showNormal()
            existing.raise_()
            existing.activateWindow()
            return existing
        holder = ViewWindow(factory(), title, self.window)
        holder.closed.connect(lambda key=key: self.views.pop(key, None))
        self.views[key] = holder
        holder.show()
        return holder

    def _with_member(self, title: str, label: str, then) -> None:
        """Asks which member (from the committee, read on a worker), then `then(name)`."""
        database, call = self.database, self.call

        def chosen(members) -> None:
            names = [m.name for m in members if m.active]
            if not names:
                self._say(self.tr("No committee member yet: add them in Committee and Assignment."))
                return
            name = self._choose(title, label, names)
            if name is not None:
                then(name)

        def work(_task):
            from desktop.services.committee import list_members

            return list_members(database, call)

        self.tasks.run(
            work,
            chosen,
            self._problem(self.tr("The committee could not be read.")),
        )

    def _choose(self, title: str, label: str, names: list[str]) -> str | None:
        name, accepted = QInputDialog.getItem(self.window, title, label, names, 0, False)
        return name if accepted and name else None

    def open_score_sheets(self, member: str | None = None) -> None:
        """The score sheets of `member`; the kit's evaluator in a workspace; else the
        member chosen from the committee."""
        member = member or self.workspace_member
        if member is None:
            self._with_member(
                self.tr("Score Sheets"), self.tr("Whose sheets?"), self.open_score_sheets
            )
            return
        from desktop.ui.evaluation.score_sheet import ScoreSheetView

        database, call, tasks = self.database, self.call, self.tasks
        workspace = self.workspace_member

        def make():
            return ScoreSheetView(database, call, tasks, member, workspace_member=workspace)

        self._show(f"sheets:{member}", self.tr("Score Sheets — {name}").format(name=member), make)

    def open_committee(self) -> ViewWindow:
        from desktop.ui.evaluation.committee_view import CommitteeView

        return self._show(
            "committee",
            self.tr("Committee and Assignment"),
            lambda: CommitteeView(self.database, self.call, self.tasks),
        )

    def open_ranking(self) -> ViewWindow:
        from desktop.ui.evaluation.ranking_view import RankingView

        def make():
            view = RankingView(self.database, self.call, self.tasks, self.language)
            view.application_chosen.connect(self._show_application)
            return view

        return self._show("ranking", self.tr("Ranking"), make)

    def _show_application(self, code: str) -> None:
        select = getattr(self.window, "select_application", None)
        if select is not None:
            select(code)
            self.window.raise_()
            self.window.activateWindow()

    # --- files ---

    def _open_path(self, title: str, file_filter: str) -> Path | None:
        chosen, _ = QFileDialog.getOpenFileName(self.window, title, "", file_filter)
        return Path(chosen) if chosen else None

    def _save_path(self, title: str, suggested: str, file_filter: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(self.window, title, suggested, file_filter)
        return Path(chosen) if chosen else None

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 15000)

    def export_kit(self, member: str | None = None) -> None:
        if member is None:
            self._with_member(
                self.tr("Export a Kit"), self.tr("Kit for which evaluator?"), self.export_kit
            )
            return
        today = dt.date.today().strftime("%Y%m%d")
        suggested = f"kit-{member.replace(' ', '-').lower()}-{today}.zip"
        path = self._save_path(
            self.tr("Save the Kit as"), suggested, self.tr("Commissione kits") + " " + KIT_FILTER
        )
        if path is None:
            return
        from desktop.kits import export_kit

        database, call = self.database, self.call

        def done(summary) -> None:
            self._say(
                self.tr(
                    "Kit for {name} written to {path}: {applications} applications, "
                    "{sheets} sheets. Send it to the evaluator."
                ).format(
                    name=summary.member,
                    path=summary.path,
                    applications=summary.applications,
                    sheets=summary.sheets,
                )
            )

        self.tasks.run(
            lambda _task: export_kit(database, call, member, path),
            done,
            self._problem(self.tr("The kit was not exported.")),
        )

    def import_kit_return(self, path: Path | None = None) -> None:
        path = path or self._open_path(
            self.tr("Import a Kit Return"), self.tr("Kit returns") + " " + KIT_FILTER
        )
        if path is None:
            return
        from desktop.kits import import_return

        database, call = self.database, self.call
        self.tasks.run(
            lambda _task: import_return(database, call, path),
            lambda result: self._return_read(path, result),
            self._problem(self.tr("The return was not imported.")),
        )

    def _ask_choices(self, result) -> dict[str, str] | None:
        from desktop.ui.evaluation.kit_conflicts_dialog import KitConflictsDialog

        dialog = KitConflictsDialog(
            result.conflicts,
            self.call,
            self.window,
            blocked=result.blocked,
            member_name=result.member,
            language=self.language,
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        choices = dialog.choices()
        dialog.deleteLater()
        return choices if accepted else None

    def _return_read(self, path: Path, result) -> None:
        if result.already_applied:
            self._say(
                self.tr("This return of {name} was already imported: nothing changed.").format(
                    name=result.member
                )
            )
            return
        if result.needs_choices:
            choices = self._ask_choices(result)
            if choices is None:
                self._say(self.tr("Return not imported: nothing was changed."))
                return
            from desktop.kits import import_return

            database, call = self.database, self.call
            self.tasks.run(
                lambda _task: import_return(database, call, path, choices=choices),
                lambda again: self._return_read(path, again),
                self._problem(self.tr("The return was not imported.")),
            )
            return
        self._say(
            self.tr(
                "Return of {name} imported: {updated} sheets updated, {unchanged} unchanged, "
                "{kept} kept as they were here."
            ).format(
                name=result.member,
                updated=len(result.updated),
                unchanged=len(result.unchanged),
                kept=len(result.kept_central),
            )
        )
        self._refresh_views()

    def import_scores(self, path: Path | None = None) -> None:
        path = path or self._open_path(
            self.tr("Import Scores Given on Paper"),
            self.tr("Spreadsheets (CSV, XLSX, ODS)") + " (*.csv *.xlsx *.ods)",
        )
        if path is None:
            return
        from desktop.importing.scores import import_scores

        database, call = self.database, self.call
        self.tasks.run(
            lambda _task: import_scores(database, call, path),
            self._scores_imported,
            self._problem(self.tr("The scores were not imported.")),
        )

    def _show_problems(self, summary: str, details: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Scores Not Imported"), summary, parent=self.window
        )
        box.setDetailedText(details)
        box.exec()
        box.deleteLater()

    def _scores_imported(self, result) -> None:
        if result.problems:
            english = self.language == "en"
            lines = [
                self.tr("row {row}, {column} «{value}»: {reason}").format(
                    row=p.row,
                    column=p.column,
                    value=p.value,
                    reason=p.reason_en if english else p.reason_it,
                )
                for p in result.problems
            ]
            self._show_problems(
                self.tr(
                    "{n} problems in {file}: nothing was imported. Correct the file and "
                    "import it again."
                ).format(n=len(result.problems), file=result.file.name),
                "\n".join(lines),
            )
            return
        self._say(
            self.tr(
                "Scores imported from {file}: {created} sheets created, {updated} updated, "
                "{unchanged} unchanged; {submitted} submitted, {drafts} left as drafts."
            ).format(
                file=result.file.name,
                created=result.sheets_created,
                updated=result.sheets_updated,
                unchanged=result.sheets_unchanged,
                submitted=result.sheets_submitted,
                drafts=result.sheets_draft,
            )
        )
        self._refresh_views()

    def export_return(self) -> None:
        member = self.workspace_member or "valutatore"
        today = dt.date.today().strftime("%Y%m%d")
        path = self._save_path(
            self.tr("Save the Return File as"),
            f"ritorno-{member.replace(' ', '-').lower()}-{today}.zip",
            self.tr("Kit returns") + " " + KIT_FILTER,
        )
        if path is None:
            return
        from desktop.kits import export_return

        sheets = self.views.get(f"sheets:{member}")
        if sheets is not None:
            sheets.view.save_now()  # what is being typed goes in the return too
        database = self.database
        self.tasks.run(
            lambda _task: export_return(database, path),
            lambda summary: self._say(
                self.tr(
                    "Return file written to {path}: {sheets} sheets ({submitted} submitted). "
                    "Send it to the secretariat."
                ).format(path=summary.path, sheets=summary.sheets, submitted=summary.submitted)
            ),
            self._problem(self.tr("The return file was not written.")),
        )

    def open_kit(self, path: Path | None = None) -> None:
        """An evaluator's laptop: the kit becomes a workspace database, opened in a new
        window with the score sheets; nothing to set up first."""
        path = path or self._open_path(
            self.tr("Open a Kit"), self.tr("Commissione kits") + " " + KIT_FILTER
        )
        if path is None:
            return
        from desktop.kits import open_kit

        def work(_task):
            from desktop.domain.calls import find_call
            from desktop.kits.workspace import workspace_info

            database = open_kit(path)
            info = workspace_info(database)
            return database, info, find_call(info.call_id if info else None)

        self.tasks.run(
            work, self._kit_opened, self._problem(self.tr("The kit could not be opened."))
        )

    def _kit_opened(self, opened) -> None:
        database, info, call = opened
        window = type(self.window)(database, call, self.tasks, self.window.settings)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda _object=None: database.close())
        actions = install_evaluation(window)
        self.extra_windows.append(window)
        window.destroyed.connect(
            lambda _object=None: (
                self.extra_windows.remove(window) if window in self.extra_windows else None
            )
        )
        window.show()
        if info is not None:
            QTimer.singleShot(0, lambda: actions.open_score_sheets(info.member))

    def _refresh_views(self) -> None:
        for holder in list(self.views.values()):
            view = holder.view
            for name in ("refresh", "reload", "refresh_list"):
                method = getattr(view, name, None)
                if method is not None:
                    method()
                    break

    # --- problems ---

    def _problem(self, what: str):
        def on_error(error: BaseException) -> None:
            banner = getattr(self.window, "banner", None)
            if isinstance(error, DATABASE_PROBLEMS):
                text = self.tr(
                    "The database does not answer: check that the file or the server can be "
                    "reached, then retry."
                )
            elif isinstance(error, expected_problems()):
                text = problem_text(error)
            else:
                raise error
            if banner is not None:
                banner.show_problem(f"{what} {text}", None, details=str(error))
            else:
                self._say(f"{what} {text}")

        return on_error


def expected_problems() -> tuple[type[BaseException], ...]:
    """What the banner explains in words (imported when a problem happens: the kits
    and readers are not needed to start the window)."""
    from desktop.importing.readers import UnusableFile
    from desktop.kits import KitProblem
    from desktop.services.committee import CommitteeProblem
    from desktop.services.sheets import SheetProblem

    return (KitProblem, SheetProblem, CommitteeProblem, UnusableFile, LookupError, OSError)


def install_evaluation(window: QMainWindow) -> EvaluationActions:
    """Adds the Evaluation menu to the main window; returns what it installed (kept
    alive as a child of the window)."""
    actions = EvaluationActions(window)
    window.evaluation = actions
    return actions

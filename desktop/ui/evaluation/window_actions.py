"""The Evaluation menu of the main window (the evaluation part, see part.py).

`EvaluationActions(host)` adds the menu through the Host (desktop/ui/parts.py)
and opens the evaluation views as tabs of the main window (each once: asking again
shows its tab; closing the tab saves what it has pending):

- Score Sheets… (Ctrl+Shift+E): the form, for a member chosen from the committee,
  or straight away for the kit's evaluator in a kit workspace;
- Committee and Assignment…, Ranking… (central database only);
- Export Kit… / Import Kit Return… / Import Scores from CSV… (central database);
- Open a Kit… (an evaluator's laptop: prepares the workspace and opens it in a
  new window) and Export Return File… (in a kit workspace).

Everything that reads or writes goes through the host's operations (`host.ops`),
owned by this object: reads as queries, writes as changes naming what they touched
(a kit return, a scores import: the sheets), so the open views follow by
themselves. Expected problems go to the window's banner, in plain words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMenu, QMessageBox

from desktop.domain.problems import Problem
from desktop.services.changes import Changed, Changes, Kind

KIT_FILTER = "(*.zip *.commissione-kit)"


def sheets_key(member: str) -> str:
    """The key of a member's score-sheet tab (`host.view(sheets_key(name))`)."""
    return f"sheets:{member}"


class EvaluationActions(QObject):
    """The menu's actions, owned by the main window (the host)."""

    def __init__(self, host):
        super().__init__(host)
        self.host = host
        self.database = host.database
        self.call = host.call
        self.ops = host.ops
        self.language = host.language
        self.workspace_member: str | None = None
        self.extra_windows: list = []

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

        self.menu = QMenu(self.tr("E&valuation"), host)
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
        host.add_menu(self.menu)
        self.detect_workspace()

    def _action(self, text: str, slot, shortcut: str | None = None) -> QAction:
        # Parented to the window, so its shortcut works wherever the focus is in it.
        action = QAction(text, self.host)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # --- a kit workspace or the secretariat's database ---

    def detect_workspace(self) -> None:
        database = self.database

        def work(_task):
            # Imported here, on the worker: the services are not needed to show the window.
            from desktop.services.sheets import workspace_member

            return workspace_member(database)

        self.ops.query(
            self,
            work,
            self._workspace_detected,
            key="workspace",
            on_problem=self._problem(
                self.tr("The evaluation menu could not read the database."), self.detect_workspace
            ),
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
            self.host.setWindowTitle(
                self.host.windowTitle() + " — " + self.tr("kit of {name}").format(name=member)
            )

    # --- opening views (tabs of the main window) ---

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

        self.ops.query(
            self,
            work,
            chosen,
            key="members",
            on_problem=self._problem(self.tr("The committee could not be read.")),
        )

    def _choose(self, title: str, label: str, names: list[str]) -> str | None:
        name, accepted = QInputDialog.getItem(self.host, title, label, names, 0, False)
        return name if accepted and name else None

    def open_score_sheets(self, member: str | None = None):
        """The score sheets of `member`; the kit's evaluator in a workspace; else the
        member chosen from the committee."""
        member = member or self.workspace_member
        if member is None:
            self._with_member(
                self.tr("Score Sheets"), self.tr("Whose sheets?"), self.open_score_sheets
            )
            return None
        from desktop.ui.evaluation.score_sheet import ScoreSheetView

        database, call, ops = self.database, self.call, self.ops
        workspace = self.workspace_member

        def make():
            return ScoreSheetView(database, call, ops, member, workspace_member=workspace)

        return self.host.open_view(
            sheets_key(member), self.tr("Score Sheets — {name}").format(name=member), make
        )

    def open_committee(self):
        from desktop.ui.evaluation.committee_view import CommitteeView

        database, call, ops = self.database, self.call, self.ops
        return self.host.open_view(
            "committee",
            self.tr("Committee and Assignment"),
            lambda: CommitteeView(database, call, ops),
        )

    def open_ranking(self):
        from desktop.ui.evaluation.ranking_view import RankingView

        def make():
            view = RankingView(self.database, self.call, self.ops, self.language)
            view.application_chosen.connect(self.host.select_application)
            return view

        return self.host.open_view("ranking", self.tr("Ranking"), make)

    # --- files ---

    def _open_path(self, title: str, file_filter: str) -> Path | None:
        chosen, _ = QFileDialog.getOpenFileName(self.host, title, "", file_filter)
        return Path(chosen) if chosen else None

    def _save_path(self, title: str, suggested: str, file_filter: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(self.host, title, suggested, file_filter)
        return Path(chosen) if chosen else None

    def _say(self, text: str) -> None:
        self.host.say(text, 15000)

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
        database, call = self.database, self.call

        def work(_task):
            from desktop.kits import export_kit

            with _unwritable(path):
                # Records the kit (an audit entry): nothing an open view shows.
                return export_kit(database, call, member, path)

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

        self.ops.change(
            self,
            work,
            done,
            on_problem=self._problem(self.tr("The kit was not exported.")),
        )

    def import_kit_return(self, path: Path | None = None, choices=None) -> None:
        path = path or self._open_path(
            self.tr("Import a Kit Return"), self.tr("Kit returns") + " " + KIT_FILTER
        )
        if path is None:
            return
        database, call = self.database, self.call

        def work(_task):
            from desktop.kits import import_return

            with _unreadable(path):
                result = import_return(database, call, path, choices=choices)
            if not result.applied:
                return result  # choices to make, or already imported: nothing written
            return Changed(result, Changes.of(Kind.SHEETS, applications=result.updated))

        self.ops.change(
            self,
            work,
            lambda result: self._return_read(path, result),
            on_problem=self._problem(self.tr("The return was not imported.")),
        )

    def _ask_choices(self, result) -> dict[str, str] | None:
        from desktop.ui.evaluation.kit_conflicts_dialog import KitConflictsDialog

        dialog = KitConflictsDialog(
            result.conflicts,
            self.call,
            self.host,
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
            self.import_kit_return(path, choices)
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

    def import_scores(self, path: Path | None = None) -> None:
        path = path or self._open_path(
            self.tr("Import Scores Given on Paper"),
            self.tr("Spreadsheets (CSV, XLSX, ODS)") + " (*.csv *.xlsx *.ods)",
        )
        if path is None:
            return
        database, call = self.database, self.call

        def work(_task):
            from desktop.importing.scores import import_scores

            with _unreadable(path):
                result = import_scores(database, call, path)
            if not result.applied:
                return result  # problems in the file: nothing written
            return Changed(result, Changes.of(Kind.SHEETS))  # any application's sheets

        self.ops.change(
            self,
            work,
            self._scores_imported,
            on_problem=self._problem(self.tr("The scores were not imported.")),
        )

    def _show_problems(self, summary: str, details: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Scores Not Imported"), summary, parent=self.host
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
        sheets = self.host.view(sheets_key(member))
        if sheets is not None:
            # What is being typed goes in the return too: its save is a change asked
            # for before this one, and changes run in the order asked.
            sheets.save_now()
        database = self.database

        def work(_task):
            from desktop.kits import export_return

            with _unwritable(path):
                return export_return(database, path)

        self.ops.change(
            self,
            work,
            lambda summary: self._say(
                self.tr(
                    "Return file written to {path}: {sheets} sheets ({submitted} submitted). "
                    "Send it to the secretariat."
                ).format(path=summary.path, sheets=summary.sheets, submitted=summary.submitted)
            ),
            on_problem=self._problem(self.tr("The return file was not written.")),
        )

    def open_kit(self, path: Path | None = None) -> None:
        """An evaluator's laptop: the kit becomes a workspace database, opened in a new
        window with the score sheets; nothing to set up first."""
        path = path or self._open_path(
            self.tr("Open a Kit"), self.tr("Commissione kits") + " " + KIT_FILTER
        )
        if path is None:
            return

        def work(_task):
            from desktop.domain.calls import find_call
            from desktop.kits import open_kit
            from desktop.kits.workspace import workspace_info

            with _unreadable(path):
                database = open_kit(path)
            info = workspace_info(database)
            return database, info, find_call(info.call_id if info else None)

        # Touches another database (the workspace), not this one: a query.
        self.ops.query(
            self,
            work,
            self._kit_opened,
            key="kit",
            on_problem=self._problem(self.tr("The kit could not be opened.")),
        )

    def _kit_opened(self, opened) -> None:
        database, info, call = opened
        window = self._new_window(database, call)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda _object=None: database.close())
        self.extra_windows.append(window)
        window.destroyed.connect(
            lambda _object=None: (
                self.extra_windows.remove(window) if window in self.extra_windows else None
            )
        )
        window.show()
        if info is not None:
            member = info.member
            QTimer.singleShot(0, lambda: _open_sheets_of(window, member))

    def _new_window(self, database, call):
        """A main window of its own for a kit workspace; it installs its parts (this
        one included) as every main window does."""
        return self.host.open_window(database, call)

    # --- problems ---

    def _problem(self, what: str, retry=None):
        """An on_problem handler: the problem in the window's banner after what did
        not happen; *Riprova* (`retry`) when trying again may help."""

        def on_problem(problem: Problem) -> bool:
            self._show_problem(problem, retry if problem.temporary else None, what)
            return True

        return on_problem

    def _show_problem(self, problem: Problem, retry, what: str) -> None:
        self.host.show_problem(problem, retry, what=what)


def _open_sheets_of(window, member: str) -> None:
    """In a new kit window: its evaluator's sheets (once its parts are installed)."""
    actions = window.part("evaluation")
    if actions is not None:
        actions.open_score_sheets(member)


class _FileProblem:
    """A file the user picked that cannot be read or written becomes a `Problem`
    that says which and why (an `OSError` inside the work, never a traceback)."""

    def __init__(self, path: Path, writing: bool):
        self.path = path
        self.writing = writing

    def __enter__(self):
        return self

    def __exit__(self, kind, error, _traceback) -> bool:
        if error is None or not isinstance(error, OSError):
            return False
        why = error.strerror or str(error)
        if self.writing:
            raise Problem(
                f"Il file {self.path} non può essere scritto: {why}. Scegliere un'altra "
                "cartella o un altro nome.",
                f"The file {self.path} cannot be written: {why}. Choose another folder or name.",
            ) from error
        raise Problem(
            f"Il file {self.path} non può essere letto: {why}. Controllare che esista e "
            "che si possa aprire.",
            f"The file {self.path} cannot be read: {why}. Check that it exists and can be opened.",
        ) from error


def _unwritable(path: Path) -> _FileProblem:
    return _FileProblem(path, writing=True)


def _unreadable(path: Path) -> _FileProblem:
    return _FileProblem(path, writing=False)

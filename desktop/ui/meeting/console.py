"""The secretary's console (a tab): opening a sitting (session, date, place, who is
present and in which role), the declarations, the agenda (reordered by Alt+Up/Down or
by dragging; *Optimise the Order* shows the exits it saves), moving through the items
(the members who must leave and may come back; the item shown only once the
secretary confirms they left), the timer, the notes, the decision (reasons required,
the vote unanimous or in favour / against / abstained; a departure from the proposal
asks for confirmation with its effect on the funding line), closing, the minutes and
the letters of the decided applications.

Every read is a query the console owns, every write a change broadcasting
`Kind.MEETING` (the room view and the kiosk reload on it). Every control has a key:
a mnemonic, or a function key written on it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.calls import CallDefinition
from desktop.domain.formatting import date as format_date
from desktop.domain.formatting import money
from desktop.domain.problems import Problem
from desktop.services.changes import Changed, Changes, Kind
from desktop.ui.meeting.room import clock
from desktop.ui.operations import Operations
from desktop.ui.widgets.banner import interface_language
from desktop.ui.widgets.flow_layout import FlowLayout
from desktop.ui.widgets.view import View

ROLES = ("chair", "member", "secretary")
CODE_ROLE = Qt.ItemDataRole.UserRole


def meeting_changes(*codes: str) -> Changes:
    return Changes.of(Kind.MEETING, applications=codes or None)


class MeetingConsole(View):
    def __init__(
        self,
        ops: Operations,
        database,
        call: CallDefinition,
        parent: QWidget | None = None,
        *,
        actions=None,
    ):
        super().__init__(ops, parent)
        self.database = database
        self.call = call
        self.actions = actions  # the part: the room view and the kiosk
        self.setObjectName("meetingConsole")
        self.sitting = None
        self.last_sitting = None  # the latest closed sitting, while none is open
        self.agenda = None
        self.state = None
        self.members: list = []
        self.item = None  # the last ItemView the service returned (notes)
        self.proposed = None  # an optimised order waiting to be applied
        self.last_code: str | None = None  # the item last started
        # Called back in when the current item started (the service records them
        # returned at once; the console keeps saying so for this item).
        self.returning: tuple[str, ...] = ()
        self.loaded = False
        self._filling = False

        self.sitting_label = QLabel(self.tr("Loading the sitting…"))
        self.sitting_label.setObjectName("sittingSummary")
        self.sitting_label.setWordWrap(True)
        self.sitting_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sittings: list = []  # every sitting of the call, the earliest first
        self._build_opening()
        self._build_sitting()
        self._build_sittings()
        content = QVBoxLayout()
        content.setContentsMargins(8, 8, 8, 8)
        content.addWidget(self.sitting_label)
        content.addWidget(self.sittings_box)
        content.addWidget(self.opening)
        content.addWidget(self.running, 1)
        self.page_layout.addLayout(content, 1)
        self.opening.hide()
        self.running.hide()
        self.sittings_box.hide()
        self._build_shortcuts()

    # --- building ---

    def _button(self, name: str, text: str, slot, tip: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        if tip:
            button.setToolTip(tip)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _build_opening(self) -> None:
        """The form to open a sitting: shown while none is open."""
        self.opening = QGroupBox(self.tr("Open a Sitting"))
        self.opening.setObjectName("openSitting")
        self.session_combo = QComboBox()
        self.session_combo.setObjectName("sittingSession")
        for session in self.call.sessions:
            self.session_combo.addItem(
                self.tr("Session {code}").format(code=session.code), session.code
            )
        self.date_edit = QLineEdit(format_date(dt.date.today()))
        self.date_edit.setObjectName("sittingDate")
        self.date_edit.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.place_edit = QLineEdit()
        self.place_edit.setObjectName("sittingPlace")
        self.place_edit.setPlaceholderText(self.tr("Room, address or video call"))
        self.attendance = QTableWidget(0, 3)
        self.attendance.setObjectName("attendance")
        self.attendance.setHorizontalHeaderLabels(
            [self.tr("Member"), self.tr("Present"), self.tr("Role")]
        )
        self.attendance.horizontalHeader().setStretchLastSection(True)
        self.attendance.verticalHeader().hide()
        self.attendance.setAccessibleName(self.tr("Attendance"))
        self.open_button = self._button(
            "openSittingButton", self.tr("&Open the Sitting"), self.open_from_form
        )
        form = QFormLayout()
        for text, field in (
            (self.tr("&Session:"), self.session_combo),
            (self.tr("&Date:"), self.date_edit),
            (self.tr("&Place:"), self.place_edit),
            (self.tr("&Attendance:"), self.attendance),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        layout = QVBoxLayout(self.opening)
        layout.addLayout(form)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)

    def _build_sittings(self) -> None:
        """The sittings of the call: the open one and the earlier (closed) ones, for
        their minutes (a closed sitting is never reopened)."""
        self.sittings_box = QGroupBox(self.tr("Sittings of the Call"))
        self.sittings_box.setObjectName("sittingsBox")
        self.sittings_list = QListWidget()
        self.sittings_list.setObjectName("sittings")
        self.sittings_list.setAccessibleName(self.tr("Sittings of the call"))
        self.minutes_button = self._button(
            "minutes",
            self.tr("M&inutes…"),
            self.ask_minutes,
            self.tr(
                "The minutes of the selected sitting: a draft while it is open, final once closed"
            ),
        )
        layout = QHBoxLayout(self.sittings_box)
        layout.addWidget(self.sittings_list, 1)
        layout.addWidget(self.minutes_button, 0, Qt.AlignmentFlag.AlignTop)

    def _build_sitting(self) -> None:
        self.running = QWidget()
        self.running.setObjectName("sittingRunning")
        # Attendance after opening: a member arriving late or leaving the sitting
        # (not for a conflict of interest: that is the item's F7).
        self.presence_list = QListWidget()
        self.presence_list.setObjectName("presence")
        self.presence_list.setAccessibleName(self.tr("Attendance"))
        self.presence_list.setToolTip(
            self.tr("Space marks the selected member present or absent (arrived late, left)")
        )
        self.presence_list.setFlow(QListWidget.Flow.LeftToRight)
        self.presence_list.setWrapping(True)
        self.presence_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.presence_list.setSpacing(2)
        self.presence_list.itemChanged.connect(self._presence_toggled)
        presence_caption = QLabel(self.tr("&Present or Absent:"))
        presence_caption.setBuddy(self.presence_list)
        presence = QHBoxLayout()
        presence.addWidget(presence_caption, 0, Qt.AlignmentFlag.AlignTop)
        presence.addWidget(self.presence_list, 1)
        # Declarations: one member at a time, "no conflict" or conflicts on codes.
        self.declare_member = QComboBox()
        self.declare_member.setObjectName("declareMember")
        self.declare_codes = QLineEdit()
        self.declare_codes.setObjectName("declareCodes")
        self.declare_codes.setPlaceholderText(self.tr("codes, separated by commas"))
        self.declare_reason = QLineEdit()
        self.declare_reason.setObjectName("declareReason")
        self.declare_reason.setPlaceholderText(self.tr("reason of the conflict"))
        self.no_conflict_button = self._button(
            "declareNone", self.tr("No &Conflict"), self.declare_none
        )
        self.conflict_button = self._button(
            "declareConflict", self.tr("Declare Con&flict"), self.declare_conflict
        )
        self.declarations_label = QLabel()
        self.declarations_label.setObjectName("declarations")
        self.declarations_label.setWordWrap(True)
        declarations = QGroupBox(self.tr("Declarations"))
        row = FlowLayout()
        for text, field in (
            (self.tr("&Member:"), self.declare_member),
            (self.tr("Cod&es:"), self.declare_codes),
            (self.tr("Rea&son:"), self.declare_reason),
        ):
            box = QWidget()
            line = QHBoxLayout(box)
            line.setContentsMargins(0, 0, 0, 0)
            label = QLabel(text)
            label.setBuddy(field)
            line.addWidget(label)
            line.addWidget(field)
            row.addWidget(box)
        row.addWidget(self.no_conflict_button)
        row.addWidget(self.conflict_button)
        column = QVBoxLayout(declarations)
        column.addLayout(row)
        column.addWidget(self.declarations_label)

        # The agenda.
        self.agenda_list = QListWidget()
        self.agenda_list.setObjectName("agenda")
        self.agenda_list.setAccessibleName(self.tr("Agenda"))
        self.agenda_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.agenda_list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.agenda_list.model().rowsMoved.connect(lambda *_args: self._dropped())
        self.up_button = self._button("itemUp", self.tr("Move Up (Alt+Up)"), self.move_up)
        self.down_button = self._button("itemDown", self.tr("Move Down (Alt+Down)"), self.move_down)
        self.optimise_button = self._button(
            "optimiseOrder",
            self.tr("Op&timise the Order"),
            self.optimise,
            self.tr("Group the items so that fewer members have to leave and come back"),
        )
        self.apply_button = self._button(
            "applyOrder", self.tr("Appl&y the Proposed Order"), self.apply_proposed
        )
        self.apply_button.hide()
        self.exits_label = QLabel()
        self.exits_label.setObjectName("exits")
        self.exits_label.setWordWrap(True)
        agenda = QWidget()
        agenda_layout = QVBoxLayout(agenda)
        agenda_layout.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(self.tr("A&genda:"))
        caption.setBuddy(self.agenda_list)
        agenda_layout.addWidget(caption)
        agenda_layout.addWidget(self.agenda_list, 1)
        buttons = FlowLayout()
        for button in (self.up_button, self.down_button, self.optimise_button, self.apply_button):
            buttons.addWidget(button)
        agenda_layout.addLayout(buttons)
        agenda_layout.addWidget(self.exits_label)

        # The item under discussion.
        self.start_button = self._button(
            "startItem", self.tr("Start the Selected Item (F6)"), self.start_selected
        )
        self.previous_button = self._button(
            "previousItem", self.tr("Previous Item (Shift+F8)"), self.previous_item
        )
        self.next_button = self._button("nextItem", self.tr("Next Item (F8)"), self.next_item)
        self.timer_button = self._button(
            "timerButton", self.tr("Start/Pause the Timer (F9)"), self.toggle_timer
        )
        self.time_label = QLabel()
        self.time_label.setObjectName("itemTime")
        self.movement_label = QLabel()
        self.movement_label.setObjectName("movement")
        self.movement_label.setWordWrap(True)
        self.confirm_button = self._button(
            "confirmLeft", self.tr("Confirmed: They Have Left (F7)"), self.confirm_left
        )
        self.item_label = QLabel()
        self.item_label.setObjectName("itemDetails")
        self.item_label.setWordWrap(True)
        self.item_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setObjectName("itemNotes")
        self.notes_edit.setPlaceholderText(self.tr("Summary of the discussion, for the minutes"))
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMaximumHeight(120)
        self.notes_button = self._button(
            "saveNotes", self.tr("Save the Notes (Ctrl+S)"), self.save_notes
        )
        self.outcome_group = QButtonGroup(self)
        self.admitted_radio = QRadioButton(self.tr("&Admitted"))
        self.not_admitted_radio = QRadioButton(self.tr("N&ot admitted"))
        self.deferred_radio = QRadioButton(self.tr("&Deferred"))
        for value, radio in (
            ("admitted", self.admitted_radio),
            ("not_admitted", self.not_admitted_radio),
            ("deferred", self.deferred_radio),
        ):
            radio.setObjectName(f"outcome_{value}")
            radio.setProperty("outcome", value)
            self.outcome_group.addButton(radio)
        self.reasons_edit = QPlainTextEdit()
        self.reasons_edit.setObjectName("decisionReasons")
        self.reasons_edit.setPlaceholderText(self.tr("Reasons (required)"))
        self.reasons_edit.setTabChangesFocus(True)
        self.reasons_edit.setMaximumHeight(90)
        self.unanimous_check = QCheckBox(self.tr("&Unanimous"))
        self.unanimous_check.setObjectName("unanimous")
        self.unanimous_check.setChecked(True)
        self.votes = {}
        for key, text in (
            ("for", self.tr("In fa&vour:")),
            ("against", self.tr("Agai&nst:")),
            ("abstained", self.tr("A&bstained:")),
        ):
            spin = QSpinBox()
            spin.setObjectName(f"votes_{key}")
            spin.setRange(0, 99)
            spin.setEnabled(False)
            label = QLabel(text)
            label.setBuddy(spin)
            self.votes[key] = (label, spin)
        self.unanimous_check.toggled.connect(self._unanimous_toggled)
        self.decide_button = self._button(
            "decideButton", self.tr("Decide (Ctrl+D)"), self.decide_from_form
        )
        decision = QGroupBox(self.tr("Decision"))
        decision.setObjectName("decisionBox")
        outcomes = QHBoxLayout()
        for radio in (self.admitted_radio, self.not_admitted_radio, self.deferred_radio):
            outcomes.addWidget(radio)
        outcomes.addStretch(1)
        votes = QHBoxLayout()
        votes.addWidget(self.unanimous_check)
        for label, spin in self.votes.values():
            votes.addWidget(label)
            votes.addWidget(spin)
        votes.addStretch(1)
        reasons_label = QLabel(self.tr("&Reasons:"))
        reasons_label.setBuddy(self.reasons_edit)
        box = QVBoxLayout(decision)
        box.addLayout(outcomes)
        box.addWidget(reasons_label)
        box.addWidget(self.reasons_edit)
        box.addLayout(votes)
        # Who may vote on this item and whether the quorum holds, before Decide.
        self.vote_label = QLabel()
        self.vote_label.setObjectName("whoVotes")
        self.vote_label.setWordWrap(True)
        box.addWidget(self.vote_label)
        box.addWidget(self.decide_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.item_panel = QWidget()
        self.item_panel.setObjectName("itemPanel")
        moves = FlowLayout()
        for widget in (
            self.start_button,
            self.previous_button,
            self.next_button,
            self.timer_button,
            self.time_label,
        ):
            moves.addWidget(widget)
        movement = QFrame()
        movement.setObjectName("movementFrame")
        movement.setFrameShape(QFrame.Shape.StyledPanel)
        movement_layout = QHBoxLayout(movement)
        movement_layout.addWidget(self.movement_label, 1)
        movement_layout.addWidget(self.confirm_button)
        self.movement_frame = movement
        notes_label = QLabel(self.tr("Notes of the discussion:"))
        notes_label.setBuddy(self.notes_edit)
        item_layout = QVBoxLayout(self.item_panel)
        item_layout.addLayout(moves)
        item_layout.addWidget(movement)
        item_layout.addWidget(self.item_label)
        item_layout.addWidget(notes_label)
        item_layout.addWidget(self.notes_edit)
        item_layout.addWidget(self.notes_button, 0, Qt.AlignmentFlag.AlignLeft)
        item_layout.addWidget(decision)
        item_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.item_panel)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(agenda)
        splitter.addWidget(scroll)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([420, 620])

        self.close_button = self._button(
            "closeSitting", self.tr("Close t&he Sitting…"), self.ask_close
        )
        self.letters_button = self._button(
            "generateLetters", self.tr("Generate &Letters…"), self.ask_letters
        )
        self.room_button = self._button(
            "roomView", self.tr("Room View (Ctrl+Shift+R)"), self.show_room
        )
        self.kiosk_button = self._button("kiosk", self.tr("Kiosk (Ctrl+Shift+K)"), self.show_kiosk)
        footer = FlowLayout()
        for button in (
            self.room_button,
            self.kiosk_button,
            self.letters_button,
            self.close_button,
        ):
            footer.addWidget(button)
        layout = QVBoxLayout(self.running)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(presence)
        layout.addWidget(declarations)
        layout.addWidget(splitter, 1)
        layout.addLayout(footer)

    def _build_shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            ("F6", self.start_selected),
            ("F7", self.confirm_left),
            ("F8", self.next_item),
            ("Shift+F8", self.previous_item),
            ("F9", self.toggle_timer),
            ("Ctrl+S", self.save_notes),
            ("Ctrl+D", self.decide_from_form),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
        for keys, slot in (("Alt+Up", self.move_up), ("Alt+Down", self.move_down)):
            shortcut = QShortcut(QKeySequence(keys), self.agenda_list)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

    # --- loading ---

    def refresh(self) -> None:
        database, call = self.database, self.call

        def work(_task):
            from desktop.services import meeting
            from desktop.services.committee import list_members

            members = list_members(database, call)
            sittings = meeting.list_sittings(database, call)
            sitting = meeting.current_sitting(database, call)
            if sitting is None:
                return members, sittings, None, None, None
            return (
                members,
                sittings,
                sitting,
                meeting.agenda(database, call),
                meeting.room_state(database, call),
            )

        self.query(work, self._loaded, key="sitting")

    def refresh_for(self, changes: Changes) -> None:
        if changes.touches(Kind.MEETING, Kind.DECISIONS, Kind.COMMITTEE, Kind.CONFLICTS):
            self.refresh()

    def _loaded(self, result) -> None:
        self.members, self.sittings, self.sitting, agenda, self.state = result
        self.loaded = True
        self._show_sittings()
        if self.sitting is None:
            # The last sitting (closed): its minutes can still be written.
            self.last_sitting = (
                max(self.sittings, key=lambda s: (s.opened_at, s.id)) if self.sittings else None
            )
            self.sitting_label.setText(
                self.tr("No sitting is open. Open one: session, date, place and who is present.")
            )
            self._fill_attendance()
            self.opening.show()
            self.running.hide()
            return
        self.opening.hide()
        self.running.show()
        self._show_sitting()
        if self.proposed is None:
            self._show_agenda(agenda)
        self._show_item()

    def _fill_attendance(self) -> None:
        from desktop.domain.vocabulary import role_label

        self.attendance.setRowCount(len(self.members))
        for row, member in enumerate(self.members):
            name = QTableWidgetItem(member.name)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.attendance.setItem(row, 0, name)
            present = QTableWidgetItem()
            present.setFlags(
                Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
            )
            present.setCheckState(Qt.CheckState.Checked)
            present.setText(self.tr("present"))
            self.attendance.setItem(row, 1, present)
            role = QComboBox()
            for value in ROLES:
                role.addItem(role_label(value, interface_language()), value)
            role.setCurrentIndex(max(0, role.findData(member.role)))
            self.attendance.setCellWidget(row, 2, role)
        self.attendance.resizeColumnsToContents()

    def _show_sittings(self) -> None:
        """The call's sittings, the open one (or else the latest) selected."""
        selected = self.selected_sitting_id()
        self.sittings_list.clear()
        for sitting in self.sittings:
            text = self.tr("No. {number}, session {session}, {date}, {place}").format(
                number=sitting.number,
                session=sitting.session_code,
                date=format_date(sitting.date),
                place=sitting.place or "—",
            )
            if sitting.state == "open":
                text += " · " + self.tr("open")
            else:
                closed = sitting.closed_at.strftime("%H:%M") if sitting.closed_at else ""
                text += " · " + self.tr("closed {time}").format(time=closed).rstrip()
            entry = QListWidgetItem(text)
            entry.setData(CODE_ROLE, sitting.id)
            self.sittings_list.addItem(entry)
        rows = [self.sittings_list.item(r).data(CODE_ROLE) for r in range(len(self.sittings))]
        if selected in rows:
            self.sittings_list.setCurrentRow(rows.index(selected))
        elif self.sittings:
            current = next((s.id for s in self.sittings if s.state == "open"), None)
            self.sittings_list.setCurrentRow(
                rows.index(current) if current in rows else len(rows) - 1
            )
        self._fit(self.sittings_list, min(3, len(self.sittings)))
        self.sittings_box.setVisible(bool(self.sittings))

    @staticmethod
    def _fit(widget: QListWidget, rows: int) -> None:
        """As tall as `rows` rows (the console keeps its room for the item)."""
        row = widget.sizeHintForRow(0) if widget.count() else widget.fontMetrics().height()
        widget.setFixedHeight(
            max(1, rows) * (row + 2 * widget.spacing()) + 2 * widget.frameWidth() + 2
        )

    def selected_sitting_id(self) -> int | None:
        entry = self.sittings_list.currentItem()
        return entry.data(CODE_ROLE) if entry is not None else None

    def _show_presence(self) -> None:
        from desktop.domain.vocabulary import role_label

        attendance = {a.member: a for a in self.sitting.attendance}
        names = [a.member for a in self.sitting.attendance]
        # A member added to the committee after the opening may arrive too.
        names += [m.name for m in self.members if m.name not in attendance]
        current = self.presence_list.currentItem()
        current = current.data(CODE_ROLE) if current is not None else None
        self._filling = True
        try:
            self.presence_list.clear()
            for name in names:
                row = attendance.get(name)
                role = row.role if row else next(m.role for m in self.members if m.name == name)
                present = bool(row and row.present)
                entry = QListWidgetItem(
                    self.tr("{member} ({role}): {state}").format(
                        member=name,
                        role=role_label(role, interface_language()),
                        state=self.tr("present") if present else self.tr("absent"),
                    )
                )
                entry.setData(CODE_ROLE, name)
                entry.setFlags(
                    Qt.ItemFlag.ItemIsUserCheckable
                    | Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                )
                entry.setCheckState(Qt.CheckState.Checked if present else Qt.CheckState.Unchecked)
                self.presence_list.addItem(entry)
                if name == current:
                    self.presence_list.setCurrentItem(entry)
        finally:
            self._filling = False
        self.presence_list.setEnabled(self.sitting.state == "open")
        self._fit(self.presence_list, 1 if len(names) <= 6 else 2)

    def _presence_toggled(self, entry: QListWidgetItem) -> None:
        if self._filling:
            return
        self.set_attendance(entry.data(CODE_ROLE), entry.checkState() == Qt.CheckState.Checked)

    def set_attendance(self, member: str, present: bool):
        """A member arrives late or leaves the sitting (not for a conflict)."""
        database, call = self.database, self.call

        def work(_task):
            from desktop.services.meeting import set_attendance

            return Changed(set_attendance(database, call, member, present), meeting_changes())

        text = (
            self.tr("{member} is present from now.")
            if present
            else self.tr("{member} has left the sitting.")
        )

        def problem(_found: Problem) -> bool:
            self.refresh()  # the list shows what is recorded, not the click refused
            return False

        return self.change(work, self._said(text.format(member=member)), on_problem=problem)

    def who_votes(self) -> tuple[int, int, int, str | None] | None:
        """For the item under discussion: (may vote, voting members of the committee,
        voting members present, why there is no quorum or None) — the domain's rule on
        the attendance and the item's conflicted members the service returned."""
        from desktop.domain.meeting import quorum_problem
        from desktop.services.meeting import VOTING_ROLES

        state, sitting = self.state, self.sitting
        if state is None or state.current is None or sitting is None:
            return None
        code = state.current.code
        item = next((i for i in self.agenda.items if i.code == code), None) if self.agenda else None
        conflicted = set(item.conflicted) if item is not None else set(state.must_leave)
        voting = [a for a in sitting.attendance if a.role in VOTING_ROLES]
        present = {a.member for a in voting if a.present}
        left = present & conflicted
        problem = quorum_problem(len(present), len(voting), self.call.meeting.quorum, len(left))
        return len(present - left), len(voting), len(present), problem

    def _vote_text(self) -> str:
        from desktop.domain.meeting import quorum_needed

        found = self.who_votes()
        if found is None:
            return ""
        voters, members, present, problem = found
        text = self.tr("{voters} of {members} members may vote").format(
            voters=voters, members=members
        )
        if present - voters:
            text += " " + self.tr("({n} out for a conflict of interest)").format(n=present - voters)
        if problem is None:
            return text + " · " + self.tr("quorum reached")
        missing = quorum_needed(self.call.meeting.quorum, members) - present
        if missing > 0:
            return (
                text
                + " · "
                + self.tr(
                    "no quorum: {present} present of {members}, {missing} missing; "
                    "record them present or defer the item"
                ).format(present=present, members=members, missing=missing)
            )
        return (
            text + " · " + self.tr("nobody may decide: every member present is out for a conflict")
        )

    def _show_sitting(self) -> None:
        from desktop.domain.vocabulary import role_label

        sitting = self.sitting
        present = ", ".join(
            f"{a.member} ({role_label(a.role, interface_language())})"
            for a in sitting.attendance
            if a.present
        )
        absent = ", ".join(a.member for a in sitting.attendance if not a.present)
        text = self.tr("Sitting no. {number} of session {session}, {date}, {place}.").format(
            number=sitting.number,
            session=sitting.session_code,
            date=format_date(sitting.date),
            place=sitting.place or "—",
        )
        text += " " + self.tr("Present: {names}.").format(names=present or "—")
        if absent:
            text += " " + self.tr("Absent: {names}.").format(names=absent)
        if sitting.state != "open":
            text += " " + self.tr("Closed.")
        self.sitting_label.setText(text)
        self._show_presence()
        current = self.declare_member.currentText()
        self.declare_member.clear()
        self.declare_member.addItems(list(sitting.present))
        if current:
            self.declare_member.setCurrentIndex(max(0, self.declare_member.findText(current)))
        lines = []
        for declaration in sitting.declarations:
            if declaration.code is None:
                lines.append(
                    self.tr("{member}: no conflict of interest").format(member=declaration.member)
                )
            else:
                lines.append(
                    self.tr("{member}: conflict on {code} ({reason})").format(
                        member=declaration.member, code=declaration.code, reason=declaration.reason
                    )
                )
        undeclared = [
            name for name in sitting.present if name not in {d.member for d in sitting.declarations}
        ]
        if undeclared:
            lines.append(self.tr("Not declared yet: {names}").format(names=", ".join(undeclared)))
        self.declarations_label.setText("\n".join(lines))

    def _agenda_text(self, item) -> str:
        from desktop.domain.vocabulary import decision_label

        state = {
            "pending": "",
            "current": self.tr("▶ under discussion"),
            "done": self.tr("✓ decided"),
            "deferred": self.tr("⏸ deferred"),
        }.get(item.state, item.state)
        if item.decision:
            state = f"{state}: {decision_label(item.decision, interface_language())}"
        parts = [f"{item.position}. {item.code} — {item.title}"]
        if item.conflicted:
            parts.append(self.tr("out: {names}").format(names=", ".join(item.conflicted)))
        if item.disagreement:
            parts.append(self.tr("⚠ disagreement"))
        if state:
            parts.append(state)
        return " · ".join(parts)

    def _show_agenda(self, agenda) -> None:
        self.agenda = agenda
        selected = self.selected_code()
        self._filling = True
        try:
            self.agenda_list.clear()
            for item in agenda.items if agenda else ():
                entry = QListWidgetItem(self._agenda_text(item))
                entry.setData(CODE_ROLE, item.code)
                self.agenda_list.addItem(entry)
                if item.code == selected or (selected is None and item.state == "current"):
                    self.agenda_list.setCurrentItem(entry)
        finally:
            self._filling = False
        if agenda is not None and not agenda.optimised:
            self.exits_label.setText(
                self.tr("Members leave the room {n} times along this order.").format(
                    n=agenda.exits_current
                )
            )

    def _show_item(self) -> None:
        state = self.state
        current = state.current if state else None
        self.item_panel.setEnabled(self.sitting is not None and self.sitting.state == "open")
        self.vote_label.setText(self._vote_text())
        if current is None:
            self.movement_frame.hide()
            self.item_label.setText(self.tr("No item under discussion: select one and start it."))
            self.time_label.setText("")
            return
        self.time_label.setText(
            self.tr("{code}: {time} of {target}{paused}").format(
                code=current.code,
                time=clock(state.item_seconds),
                target=clock(state.item_target_seconds),
                paused="" if state.timer_running else " " + self.tr("(paused)"),
            )
        )
        moving = []
        if state.must_leave and not state.cleared:
            moving.append(self.tr("Must leave: {names}").format(names=", ".join(state.must_leave)))
        back = state.may_return or (self.returning if current.code == self.last_code else ())
        if back:
            moving.append(self.tr("May come back in: {names}").format(names=", ".join(back)))
        self.movement_label.setText("\n".join(moving))
        self.movement_frame.setVisible(bool(moving))
        self.confirm_button.setVisible(not state.cleared)
        if not state.cleared:
            # The item stays hidden until the conflicted members are out.
            self.item_label.setText(
                self.tr("{code}: the item is shown once the members above have left.").format(
                    code=current.code
                )
            )
            return
        proposal = current.proposal
        where = (
            self.tr("above the funding line")
            if proposal.above_line
            else self.tr("below the funding line")
        )
        lines = [
            f"{current.code} — {current.title}",
            self.tr("Lead partner: {name}").format(name=current.lead_partner),
            self.tr("Proposal: position {position}, {where}; budget left {money}").format(
                position=proposal.position if proposal.position is not None else "—",
                where=where,
                money=money(proposal.budget_left_cents),
            ),
        ]
        if current.grant_cents is not None:
            lines.append(self.tr("Grant asked: {money}").format(money=money(current.grant_cents)))
        if current.decision:
            from desktop.domain.vocabulary import decision_label

            lines.append(
                self.tr("Decided: {outcome}").format(
                    outcome=decision_label(current.decision, interface_language())
                )
            )
        self.item_label.setText("\n".join(lines))
        same = self.item is not None and self.item.code == current.code
        if same and not self.notes_edit.toPlainText():
            self.notes_edit.setPlainText(self.item.notes)

    # --- the sitting ---

    def open_from_form(self) -> None:
        from desktop.domain.italian import ValueProblem, parse_date

        try:
            day, _time = parse_date(self.date_edit.text())
        except ValueProblem as problem:
            self.banner.show_problem(str(problem), what=self.tr("The date is not valid."))
            return
        present, absent, secretary = [], [], None
        for row in range(self.attendance.rowCount()):
            name = self.attendance.item(row, 0).text()
            checked = self.attendance.item(row, 1).checkState() == Qt.CheckState.Checked
            role = self.attendance.cellWidget(row, 2).currentData()
            (present if checked else absent).append(name)
            if role == "secretary" and checked:
                secretary = name
        self.open_sitting(
            self.session_combo.currentData(),
            date=day,
            place=self.place_edit.text().strip(),
            present=present,
            absent=absent,
            secretary=secretary,
        )

    def open_sitting(self, session_code, *, date, place, present, absent, secretary=None):
        database, call = self.database, self.call

        def work(_task):
            from desktop.services.meeting import open_sitting

            sitting = open_sitting(
                database,
                call,
                session_code,
                date=date,
                place=place,
                present=list(present),
                absent=list(absent),
                secretary=secretary,
            )
            return Changed(sitting, meeting_changes())

        return self.change(work, self._said(self.tr("The sitting is open.")))

    def _said(self, text: str):
        def done(_value) -> None:
            self.banner.show_info(text)

        return done

    def declare_none(self) -> None:
        self.declare(self.declare_member.currentText(), [])

    def declare_conflict(self) -> None:
        codes = [c.strip() for c in self.declare_codes.text().replace(";", ",").split(",")]
        codes = [c for c in codes if c]
        reason = self.declare_reason.text().strip()
        if not codes or not reason:
            self.banner.show_problem(
                self.tr("Write the codes of the applications and the reason."),
                what=self.tr("The conflict was not declared."),
            )
            return
        self.declare(self.declare_member.currentText(), [(code, reason) for code in codes])

    def declare(self, member: str, conflicts: list[tuple[str, str]]):
        database, call = self.database, self.call

        def work(_task):
            from desktop.services.meeting import declare

            return Changed(
                declare(database, call, member, list(conflicts)),
                meeting_changes(*(code for code, _reason in conflicts)),
            )

        def done(_value) -> None:
            self.declare_codes.clear()
            self.declare_reason.clear()
            self.banner.show_info(
                self.tr("Declaration of {member} recorded.").format(member=member)
            )

        return self.change(work, done)

    def ask_close(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Close the Sitting"),
            self.tr("Close the sitting now? A closed sitting cannot be reopened."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.close_sitting()

    def close_sitting(self):
        database, call = self.database, self.call

        def work(_task):
            from desktop.services.meeting import close_sitting

            return Changed(close_sitting(database, call), meeting_changes())

        return self.change(work, self._said(self.tr("The sitting is closed.")))

    # --- the agenda ---

    def selected_code(self) -> str | None:
        entry = self.agenda_list.currentItem()
        return entry.data(CODE_ROLE) if entry is not None else None

    def codes(self) -> list[str]:
        return [
            self.agenda_list.item(row).data(CODE_ROLE) for row in range(self.agenda_list.count())
        ]

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(1)

    def _move(self, step: int) -> None:
        row = self.agenda_list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.agenda_list.count():
            return
        self._filling = True
        try:
            entry = self.agenda_list.takeItem(row)
            self.agenda_list.insertItem(target, entry)
            self.agenda_list.setCurrentRow(target)
        finally:
            self._filling = False
        self.apply_order(self.codes())

    def _dropped(self) -> None:
        if not self._filling:
            self.apply_order(self.codes())

    def apply_order(self, codes: list[str]):
        database, call = self.database, self.call

        def work(_task):
            from desktop.services.meeting import apply_order

            return Changed(apply_order(database, call, list(codes)), meeting_changes())

        self.proposed = None
        self.apply_button.hide()
        return self.change(work)

    def optimise(self) -> None:
        database, call = self.database, self.call

        def work(_task):
            from desktop.services.meeting import agenda

            return agenda(database, call, optimise=True)

        self.query(work, self._optimised, key="optimise")

    def _optimised(self, proposal) -> None:
        self.proposed = proposal
        self._show_agenda(proposal)
        self.exits_label.setText(
            self.tr(
                "Proposed order: members leave {after} times instead of {before} "
                "({saving} exits saved). Apply it to keep it."
            ).format(
                after=proposal.exits_after,
                before=proposal.exits_before,
                saving=proposal.saving,
            )
        )
        self.apply_button.show()

    def apply_proposed(self) -> None:
        if self.proposed is not None:
            self.apply_order([item.code for item in self.proposed.items])

    # --- the items ---

    def _item_change(self, function: str, *args, done=None):
        database, call = self.database, self.call

        def work(_task):
            from desktop.services import meeting

            item = getattr(meeting, function)(database, call, *args)
            return Changed(item, meeting_changes())

        def finished(item) -> None:
            self.item = item
            if done is not None:
                done(item)

        return self.change(work, finished)

    def start_selected(self) -> None:
        code = self.selected_code()
        if code is not None:
            self.start(code)

    def start(self, code: str):
        # Who was out for the item before: those not conflicted on this one come back.
        was_out = set(self.item.out) if self.item is not None else set()
        if self.state is not None and self.state.current is not None and self.item is None:
            was_out = set(self.state.must_leave)
        self.last_code = code
        self.notes_edit.clear()
        self.reasons_edit.clear()

        def started(item) -> None:
            conflicted = set(item.must_leave) | set(item.out)
            self.returning = tuple(sorted(was_out - conflicted))
            self._show_item()

        return self._item_change("start_item", code, done=started)

    def _neighbour(self, step: int) -> str | None:
        codes = self.codes() if self.proposed is None else []
        current = self.state.current.code if self.state and self.state.current else None
        current = current or self.last_code  # the item just decided
        if not codes:
            return None
        if current not in codes:
            return codes[0]
        index = codes.index(current) + step
        return codes[index] if 0 <= index < len(codes) else None

    def next_item(self) -> None:
        code = self._neighbour(1)
        if code is not None:
            self.start(code)

    def previous_item(self) -> None:
        code = self._neighbour(-1)
        if code is not None:
            self.start(code)

    def confirm_left(self):
        state = self.state
        if state is None or state.current is None:
            return None
        return self._item_change("confirm_left", state.current.code, list(state.must_leave))

    def toggle_timer(self):
        state = self.state
        if state is None or state.current is None:
            return None
        return self._item_change("pause_timer" if state.timer_running else "resume_timer")

    def save_notes(self):
        state = self.state
        if state is None or state.current is None:
            return None
        return self._item_change(
            "note",
            state.current.code,
            self.notes_edit.toPlainText(),
            done=lambda _item: self.banner.show_info(self.tr("Notes saved.")),
        )

    # --- deciding ---

    def _unanimous_toggled(self, unanimous: bool) -> None:
        for _label, spin in self.votes.values():
            spin.setEnabled(not unanimous)

    def decide_from_form(self):
        state = self.state
        if state is None or state.current is None:
            return None
        button = self.outcome_group.checkedButton()
        if button is None:
            self.banner.show_problem(
                self.tr("Choose admitted, not admitted or deferred."),
                what=self.tr("Nothing was decided."),
            )
            return None
        reasons = self.reasons_edit.toPlainText().strip()
        if not reasons:
            self.banner.show_problem(
                self.tr(
                    "Write the reasons of the decision: the minutes and the letters need them."
                ),
                what=self.tr("Nothing was decided."),
            )
            self.reasons_edit.setFocus()
            return None
        votes = None
        if not self.unanimous_check.isChecked():
            votes = tuple(spin.value() for _label, spin in self.votes.values())
        return self.decide(state.current.code, button.property("outcome"), reasons, votes)

    def confirm_departure(self, text: str) -> bool:
        """Asks whether to decide against the proposal; `text` says what it does to
        the funding line."""
        answer = QMessageBox.question(
            self,
            self.tr("Decide Against the Proposal"),
            text + "\n\n" + self.tr("Decide all the same?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def decide(self, code, outcome, reasons, votes=None, confirm_departure=False):
        database, call = self.database, self.call

        def work(_task):
            from desktop.services.meeting import decide

            decision = decide(
                database,
                call,
                code,
                outcome,
                reasons,
                votes,
                confirm_departure=confirm_departure,
            )
            return Changed(decision, Changes.of(Kind.MEETING, Kind.DECISIONS, applications=[code]))

        def problem(found: Problem) -> bool:
            if confirm_departure or not is_departure(found):
                return False
            if self.confirm_departure(departure_text(found)):
                self.decide(code, outcome, reasons, votes, confirm_departure=True)
            else:
                self.banner.show_info(self.tr("Nothing was decided: the proposal stands."))
            return True

        def done(decision) -> None:
            from desktop.domain.vocabulary import decision_label

            self.reasons_edit.clear()
            self.banner.show_info(
                self.tr("{code}: {outcome}. Admitted so far {admitted} of {budget}.").format(
                    code=code,
                    outcome=decision_label(outcome, interface_language())
                    if outcome != "deferred"
                    else self.tr("deferred"),
                    admitted=money(decision.admitted_total_cents),
                    budget=money(decision.budget_cents),
                )
            )

        return self.change(work, done, on_problem=problem)

    # --- minutes, letters, the room ---

    def ask_minutes(self, path: Path | str | None = None, sitting_id: int | None = None):
        """The minutes of the sitting chosen in the list (an earlier, closed one gives
        its final minutes), else of the open or last sitting."""
        sitting_id = sitting_id or self.selected_sitting_id()
        sitting = next((s for s in self.sittings if s.id == sitting_id), None)
        sitting = sitting or self.sitting or self.last_sitting
        if sitting is None:
            self.banner.show_problem(
                self.tr("Open or resume a sitting first."), what=self.tr("No minutes written.")
            )
            return None
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(
                self,
                self.tr("Minutes"),
                f"verbale-seduta-{sitting.number}.pdf",
                self.tr("PDF/A (*.pdf);;Word (*.docx)"),
            )
            if not path:
                return None
        database, call, sitting_id, target = self.database, self.call, sitting.id, Path(path)

        def work(_task):
            try:
                from desktop.exporting.minutes import write_minutes
            except ImportError:  # where MEETING.md allowed it too
                from desktop.meeting.minutes import write_minutes

            return write_minutes(database, call, sitting_id, target)

        return self.change(
            work,
            self._said(self.tr("Minutes written: {path}").format(path=target)),
        )

    def decided_codes(self) -> list[str]:
        if self.agenda is None:
            return []
        return [
            item.code for item in self.agenda.items if item.decision in ("admitted", "not_admitted")
        ]

    def ask_letters(self, folder: Path | str | None = None):
        codes = self.decided_codes()
        if not codes:
            self.banner.show_problem(
                self.tr("No application has been decided in this sitting yet."),
                what=self.tr("No letters written."),
            )
            return None
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the Letters"))
            if not folder:
                return None
        database, call, target = self.database, self.call, Path(folder)

        def work(task):
            from desktop.letters.service import generate

            result = generate(
                database,
                call,
                codes=codes,
                out_dir=target,
                format="pdf",
                progress=task.progress,
                cancelled=task.is_cancelled,
            )
            return Changed(result, Changes.of(Kind.LETTERS, applications=codes))

        def done(result) -> None:
            self.banner.show_info(
                self.tr("{written} letters written in {folder}; {skipped} skipped.").format(
                    written=len(result.written), folder=target, skipped=len(result.skipped)
                )
            )

        return self.change(work, done)

    def show_room(self):
        return self.actions.show_room() if self.actions is not None else None

    def show_kiosk(self):
        return self.actions.show_kiosk() if self.actions is not None else None


DEPARTURE_PREFIX = "decisione difforme dalla proposta"


def is_departure(problem: Problem) -> bool:
    """Whether the service refused a decision only because it departs from the
    proposal (confirming it decides). The service says so in its text; a flag on the
    problem is taken too, once it has one."""
    return bool(getattr(problem, "departure", False)) or problem.it.startswith(DEPARTURE_PREFIX)


def departure_text(problem: Problem) -> str:
    """The refusal's words for the window: the command line's "(--confirm)" dropped."""
    from desktop.ui.widgets.banner import problem_text

    return problem_text(problem).replace(" (--confirm)", "")

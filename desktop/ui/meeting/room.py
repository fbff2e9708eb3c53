"""The room view (the projector) and the kiosk (a screen outside the room), both drawn
from one `RoomState` (desktop/services/meeting.py) and never reading the database:
the meeting part's feed hands them the latest state; their one-second timer only
moves the clocks on from it.

Legible from 3 m on a 1080p projector: body text at least 32 device pixels,
headings at least 48 (pixel sizes, not points, divided by the screen's device pixel
ratio: the UI scale of the console does not shrink or grow them), dark text on a
light ground with a contrast ratio of at least 4.5:1 (WCAG 2.2 AA; `contrast_ratio`
computes it and the tests check every pair in `COLOURS`), every state said in words
with a symbol, never by colour alone. Nothing scrolls: what does not fit is
summarised (fewer motivations, shorter lists, titles cut with "…") until the page
fits the window."""

from __future__ import annotations

import math
import time
from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.formatting import date as format_date
from desktop.domain.formatting import money
from desktop.domain.formatting import score as format_score

# Device pixels on a 1080-line screen; more on a taller one, in proportion.
BODY_PX = 32
HEADING_PX = 48
KIOSK_PX = 96
REFERENCE_HEIGHT = 1080
MINIMUM_CONTRAST = 4.5  # WCAG 2.2 AA, normal text

# (text, ground) of every kind of text on the room view and the kiosk.
COLOURS = {
    "page": ("#111111", "#fafaf7"),
    "muted": ("#3a3a3a", "#fafaf7"),
    "band": ("#0b2a47", "#e3edf7"),  # Current / Next / Then
    "leave": ("#ffffff", "#1f2a36"),  # who must leave: light on dark, the one inverse
    "signal": ("#3b2f00", "#fff1c2"),  # past the target: a word and a symbol
    "proposal": ("#10301a", "#e6f3ea"),
}

SPACING = 12  # between the texts of the page, in logical pixels
MOTIVATIONS = 3  # quoted at most, each on at most two lines
ELLIPSIS = "…"


# --- colour -----------------------------------------------------------------------


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.2's relative luminance of an sRGB colour written "#rrggbb"."""
    text = colour.lstrip("#")
    red, green, blue = (int(text[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _linear(red) + 0.7152 * _linear(green) + 0.0722 * _linear(blue)


def contrast_ratio(text: str, ground: str) -> float:
    """(L1 + 0.05) / (L2 + 0.05), the lighter over the darker: 1 to 21."""
    first, second = relative_luminance(text), relative_luminance(ground)
    lighter, darker = max(first, second), min(first, second)
    return (lighter + 0.05) / (darker + 0.05)


def style(kind: str) -> str:
    text, ground = COLOURS[kind]
    return f"color: {text}; background: {ground};"


# --- sizes and screens --------------------------------------------------------------


def pixel_sizes(device_height: int, ratio: float) -> tuple[int, int]:
    """(body, heading) font sizes in logical pixels for a screen `device_height`
    device pixels tall with this device pixel ratio: at least 32 and 48 device
    pixels, more on a taller screen."""
    grow = max(1.0, device_height / REFERENCE_HEIGHT)
    ratio = ratio or 1.0
    return (
        math.ceil(BODY_PX * grow / ratio),
        math.ceil(HEADING_PX * grow / ratio),
    )


def presentation_screen(screens: Sequence, primary=None):
    """The screen for the room: the second one when there are several (the first
    that is not the primary, where the console is), else the only one."""
    if not screens:
        return primary
    if len(screens) > 1:
        for screen in screens:
            if screen is not primary and (primary is None or screen != primary):
                return screen
    return primary if primary is not None else screens[0]


def font(pixels: int, bold: bool = False) -> QFont:
    result = QFont(QGuiApplication.font())
    result.setPixelSize(pixels)
    result.setBold(bold)
    return result


def fit_lines(text: str, metrics: QFontMetrics, width: int, lines: int) -> str:
    """`text` wrapped at `width` pixels on at most `lines` lines, the last one cut
    with "…" when the text is longer."""
    words = text.split()
    if not words or width <= 0 or lines <= 0:
        return ""
    result: list[str] = []
    line = ""
    for index, word in enumerate(words):
        candidate = f"{line} {word}" if line else word
        if metrics.horizontalAdvance(candidate) <= width:
            line = candidate
            continue
        if len(result) == lines - 1:  # the last line: the rest, cut with "…"
            rest = " ".join([line, *words[index:]]).strip()
            result.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
            return "\n".join(result)
        if line:
            result.append(line)
        line = word
    if metrics.horizontalAdvance(line) > width:
        line = metrics.elidedText(line, Qt.TextElideMode.ElideRight, width)
    result.append(line)
    return "\n".join(result)


def clock(seconds: int) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


class Clocks:
    """The elapsed times of the last state, moved on by the wall clock: the timer
    repaints from this, never asking the database."""

    def __init__(self, now=time.monotonic):
        self.now = now
        self.state = None
        self.received = now()

    def set_state(self, state) -> None:
        self.state = state
        self.received = self.now()

    def since(self) -> int:
        return int(self.now() - self.received)

    def sitting_seconds(self) -> int:
        if self.state is None or self.state.sitting is None:
            return 0
        if self.state.sitting.state != "open":
            return self.state.elapsed_seconds
        return self.state.elapsed_seconds + self.since()

    def item_seconds(self) -> int:
        if self.state is None:
            return 0
        running = self.state.timer_running and self.state.current is not None
        return self.state.item_seconds + (self.since() if running else 0)

    def past_target(self) -> bool:
        state = self.state
        return (
            state is not None
            and state.current is not None
            and state.item_target_seconds > 0
            and self.item_seconds() > state.item_target_seconds
        )


class _Presentation(QWidget):
    """A top-level window for a screen in the room or outside: full screen on its
    screen (F11 toggles, Esc leaves presentation for a normal window)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.clocks = Clocks()
        self.setAutoFillBackground(True)
        full = QShortcut(QKeySequence(Qt.Key.Key_F11), self)
        full.activated.connect(self.toggle_full_screen)
        leave = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        leave.activated.connect(self.leave_presentation)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.body_px, self.heading_px = BODY_PX, HEADING_PX
        self.sitting_text = ""

    def _sizes_for_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        ratio = self.devicePixelRatioF() if screen is None else screen.devicePixelRatio()
        height = REFERENCE_HEIGHT if screen is None else round(screen.geometry().height() * ratio)
        self.body_px, self.heading_px = pixel_sizes(height, ratio)

    def present(self, screens: Sequence | None = None, primary=None) -> None:
        """Full screen on the room's screen (the second one when there are two)."""
        screens = QGuiApplication.screens() if screens is None else screens
        primary = QGuiApplication.primaryScreen() if primary is None else primary
        screen = presentation_screen(screens, primary)
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
            self.move(screen.geometry().topLeft())
        self._sizes_for_screen()
        self.render_state()
        self.showFullScreen()
        self.raise_()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.leave_presentation()
        else:
            self.showFullScreen()

    def leave_presentation(self) -> None:
        if self.isFullScreen():
            self.showNormal()
            screen = self.screen()
            if screen is not None:
                area: QRect = screen.availableGeometry()
                self.setGeometry(area.adjusted(40, 40, -40, -40))

    def set_state(self, state) -> None:
        self.clocks.set_state(state)
        self.render_state()

    def tick(self) -> None:
        self.render_clocks()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.render_state()

    def render_state(self) -> None:  # overridden
        pass

    def render_clocks(self) -> None:  # overridden
        pass


def _invalidate(layout) -> None:
    """Forget the sizes a layout and those inside it measured (texts changed)."""
    layout.invalidate()
    for index in range(layout.count()):
        inner = layout.itemAt(index).layout()
        if inner is not None:
            _invalidate(inner)
        widget = layout.itemAt(index).widget()
        if widget is not None and widget.layout() is not None:
            _invalidate(widget.layout())


def _label(kind: str = "page", *, name: str = "") -> QLabel:
    label = QLabel()
    if name:
        label.setObjectName(name)
    label.setStyleSheet(style(kind))
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(False)
    # The texts are fitted to the width by the view (cut with "…"), so a long one
    # never widens the window.
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Maximum)
    return label


class RoomView(_Presentation):
    """What the committee reads on the projector."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("roomView")
        self.setWindowTitle(self.tr("Commissione — Room View"))
        self.setStyleSheet(f"QWidget#roomView {{ {style('page')} }}")
        self.sitting_label = _label(name="roomSitting")
        self.clock_label = _label(name="roomClock")
        self.signal_label = _label("signal", name="roomSignal")
        self.current_label = _label("band", name="roomCurrent")
        self.next_label = _label("band", name="roomNext")
        self.then_label = _label("band", name="roomThen")
        self.leave_label = _label("leave", name="roomLeave")
        self.return_label = _label("leave", name="roomReturn")
        self.waiting_label = _label("leave", name="roomWaiting")
        self.title_label = _label(name="roomTitle")
        self.facts_label = _label(name="roomFacts")
        self.proposal_label = _label("proposal", name="roomProposal")
        self.scores_heading = _label(name="roomScoresHeading")
        self.scores_grid = QGridLayout()
        self.scores_grid.setHorizontalSpacing(24)
        self.scores_grid.setVerticalSpacing(2)
        self.score_labels: list[QLabel] = []
        self.total_label = _label(name="roomTotal")
        self.motivations_label = _label("muted", name="roomMotivations")
        self.budget_label = _label("band", name="roomBudget")
        self.empty_label = _label(name="roomEmpty")

        top = QHBoxLayout()
        top.setSpacing(SPACING)
        top.addWidget(self.sitting_label, 1)
        top.addWidget(self.signal_label)
        top.addWidget(self.clock_label)
        order = QHBoxLayout()
        order.setSpacing(0)
        for label in (self.current_label, self.next_label, self.then_label):
            order.addWidget(label, 1)
        self.movement = QFrame()
        self.movement.setObjectName("roomMovement")
        self.movement.setStyleSheet(f"QFrame#roomMovement {{ {style('leave')} }}")
        moving = QVBoxLayout(self.movement)
        moving.setContentsMargins(24, 12, 24, 12)
        moving.setSpacing(SPACING)
        moving.addWidget(self.leave_label)
        moving.addWidget(self.return_label)
        moving.addWidget(self.waiting_label)

        self.details = QWidget()
        left = QVBoxLayout()
        left.setSpacing(SPACING)
        left.addWidget(self.facts_label)
        left.addWidget(self.proposal_label)
        left.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(SPACING)
        right.addLayout(self.scores_grid)
        right.addWidget(self.total_label)
        right.addWidget(self.motivations_label)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(48)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.setSpacing(SPACING)
        details.addWidget(self.title_label)
        details.addLayout(columns, 1)

        page = QVBoxLayout(self)
        # The page fits the window: the texts are summarised, the window never grows.
        page.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        page.setContentsMargins(48, 24, 48, 24)
        page.setSpacing(SPACING)
        page.addLayout(top)
        page.addLayout(order)
        page.addWidget(self.movement)
        page.addWidget(self.empty_label)
        page.addWidget(self.details, 100)
        page.addStretch(1)  # while the item is hidden, the rest stays at the top
        page.addWidget(self.budget_label)
        self.resize(1920, 1080)
        self.render_state()

    # --- texts ---

    def _fonts(self) -> None:
        body, heading = self.body_px, self.heading_px
        for label in (
            self.sitting_label,
            self.clock_label,
            self.signal_label,
            self.current_label,
            self.next_label,
            self.then_label,
            self.facts_label,
            self.proposal_label,
            self.total_label,
            self.motivations_label,
            self.budget_label,
            self.empty_label,
            *self.score_labels,
        ):
            label.setFont(font(body))
        for label in (self.current_label, self.total_label, self.scores_heading):
            label.setFont(font(body, bold=True))
        for label in (self.title_label, self.leave_label, self.return_label, self.waiting_label):
            label.setFont(font(heading, bold=True))
        for label in (self.current_label, self.next_label, self.then_label, self.budget_label):
            label.setContentsMargins(16, 6, 16, 6)
        self.proposal_label.setContentsMargins(16, 8, 16, 8)
        self.signal_label.setContentsMargins(16, 0, 16, 0)

    def _column_widths(self) -> tuple[int, int, int]:
        width = max(640, self.width()) - 96
        left = (width - 48) // 2
        right = width - 48 - left
        return width, left - 32, right

    def render_state(self) -> None:
        state = self.clocks.state
        self._fonts()
        self.render_clocks()
        if state is None or state.sitting is None:
            self.sitting_text = self.tr("No sitting is open")
            self._fit_top()
            for label in (self.current_label, self.next_label, self.then_label):
                label.setText("")
            self.movement.hide()
            self.details.hide()
            self.budget_label.hide()
            self.empty_label.setText(
                self.tr("The room view shows the sitting once the secretary opens it.")
            )
            self.empty_label.show()
            return
        sitting = state.sitting
        self.sitting_text = (
            self.tr("Sitting no. {number} · {date} · {place}")
            .format(number=sitting.number, date=format_date(sitting.date), place=sitting.place)
            .rstrip(" ·")
        )
        self._fit_top()
        self.current_label.setText(
            self.tr("▶ Current: {code}").format(code=state.current.code if state.current else "—")
        )
        self.next_label.setText(
            self.tr("Next: {code}").format(code=state.next.code if state.next else "—")
        )
        self.then_label.setText(
            self.tr("Then: {code}").format(code=state.then.code if state.then else "—")
        )
        self.budget_label.setText(
            self.tr(
                "Admitted so far: {admitted} of {budget} · left {left} · decided {done}, to go {remaining}"
            ).format(
                admitted=money(state.admitted_total_cents),
                budget=money(state.budget_cents),
                left=money(state.budget_cents - state.admitted_total_cents),
                done=state.done,
                remaining=state.remaining,
            )
        )
        self.budget_label.show()
        self.empty_label.hide()
        # Summarise more and more until the page fits the window, never scrolls.
        for level in range(6):
            self._render_item(state, level)
            if self._fits():
                break

    def _fits(self) -> bool:
        """Whether the page as written fits the window's height, added up from the
        size every visible text asks for (the layout settles only later)."""
        spacing = SPACING

        def high(*widgets) -> int:
            shown = [
                w for w in widgets if not w.isHidden() and (not isinstance(w, QLabel) or w.text())
            ]
            return sum(w.sizeHint().height() for w in shown) + spacing * max(0, len(shown) - 1)

        height = 24 + 24 + high(self.sitting_label) + spacing + high(self.current_label)
        height += spacing + high(self.budget_label)
        if not self.movement.isHidden():
            height += spacing + 24 + high(self.leave_label, self.return_label, self.waiting_label)
        if not self.details.isHidden():
            left = high(self.facts_label, self.proposal_label)
            criteria = (
                sum(label.sizeHint().height() + 2 for label in self.score_labels[::2])
                + self.scores_heading.sizeHint().height()
            )
            right = criteria + spacing + high(self.total_label, self.motivations_label)
            height += spacing + high(self.title_label) + spacing + max(left, right)
        return height <= max(self.height(), 1)

    def _render_item(self, state, level: int) -> None:
        width, left, right = self._column_widths()
        heading = QFontMetrics(font(self.heading_px, bold=True))
        body = QFontMetrics(font(self.body_px))
        moving = bool(state.must_leave) or bool(state.may_return)
        if moving:
            leave = ", ".join(state.must_leave)
            back = ", ".join(state.may_return)
            self.leave_label.setText(
                fit_lines(
                    self.tr("⬅ Must leave: {names}").format(names=leave), heading, width - 48, 2
                )
                if leave and not state.cleared
                else ""
            )
            self.leave_label.setVisible(bool(leave) and not state.cleared)
            self.return_label.setText(
                fit_lines(
                    self.tr("➡ May come back in: {names}").format(names=back),
                    heading,
                    width - 48,
                    2,
                )
                if back
                else ""
            )
            self.return_label.setVisible(bool(back))
            self.waiting_label.setText(
                self.tr("The item is shown once they have left.") if not state.cleared else ""
            )
            self.waiting_label.setFont(font(self.body_px))
            self.waiting_label.setVisible(not state.cleared)
        self.movement.setVisible(moving and (not state.cleared or bool(state.may_return)))
        item = state.current
        if item is None or not state.cleared:
            self.details.hide()
            if item is None:
                self.empty_label.setText(self.tr("No item under discussion."))
                self.empty_label.show()
            return
        self.details.show()
        title_lines = 2 if level < 3 else 1
        self.title_label.setText(
            fit_lines(f"{item.code} — {item.title}", heading, width, title_lines)
        )
        long_lines = 2 if level < 2 else 1
        facts = [
            fit_lines(
                self.tr("Lead partner: {name}").format(name=item.lead_partner),
                body,
                left,
                long_lines,
            )
        ]
        if item.partners:
            facts.append(
                fit_lines(
                    self.tr("Partners: {names}").format(names=", ".join(item.partners)),
                    body,
                    left,
                    long_lines,
                )
            )
        place = self.tr("Municipio {number}").format(number=item.district) if item.district else ""
        if place:
            facts.append(place)
        if item.cost_cents is not None:
            facts.append(self.tr("Cost: {money}").format(money=money(item.cost_cents)))
        if item.grant_cents is not None:
            facts.append(self.tr("Grant asked: {money}").format(money=money(item.grant_cents)))
        if item.objectives and level < 5:
            facts.append(
                fit_lines(
                    self.tr("Objectives: {list}").format(list=", ".join(item.objectives)),
                    body,
                    left,
                    long_lines,
                )
            )
        self.facts_label.setText("\n".join(facts))
        proposal = item.proposal
        if proposal.position is None:
            where = self.tr("not in the ranking")
        elif proposal.above_line:
            where = self.tr("▲ above the funding line")
        else:
            where = self.tr("▼ below the funding line")
        position = (
            self.tr("position {n}").format(n=proposal.position)
            if proposal.position is not None
            else ""
        )
        self.proposal_label.setText(
            fit_lines(
                self.tr("Proposal: {position} {where}").format(position=position, where=where),
                body,
                left - 32,
                2,
            )
            + "\n"
            + self.tr("Budget left: {money}").format(money=money(proposal.budget_left_cents))
        )
        self._render_scores(item, body, right)
        self._render_motivations(item, body, right, level)

    def _render_scores(self, item, body: QFontMetrics, width: int) -> None:
        for label in self.score_labels:
            self.scores_grid.removeWidget(label)
            label.hide()
            label.deleteLater()
        self.score_labels = []
        self.scores_heading.setText(self.tr("Scores: mean (range)"))
        self.scores_heading.setFont(font(self.body_px, bold=True))
        figures_width = (
            max([body.horizontalAdvance(self._figures(line)) for line in item.criteria] + [0]) + 24
        )
        self.scores_grid.setColumnStretch(0, 1)
        self.scores_grid.addWidget(self.scores_heading, 0, 0, 1, 2)
        for row, line in enumerate(item.criteria):
            name = _label(name="roomCriterion")
            name.setText(
                body.elidedText(line.label, Qt.TextElideMode.ElideRight, width - figures_width)
            )
            figures = _label(name="roomCriterionScore")
            figures.setText(self._figures(line))
            figures.setAlignment(Qt.AlignmentFlag.AlignRight)
            figures.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
            figures.setFixedWidth(figures_width)
            for label in (name, figures):
                label.setFont(font(self.body_px))
                self.score_labels.append(label)
            self.scores_grid.addWidget(name, row + 1, 0)
            self.scores_grid.addWidget(figures, row + 1, 1)
            name.show()
            figures.show()
        total = format_score(item.total, 2) if item.total is not None else "—"
        text = self.tr("Total: {total}").format(total=total)
        if item.disagreement:
            text += "   " + self.tr("⚠ Evaluators disagree")
            if item.spread is not None:
                text += " " + self.tr("(gap {gap})").format(gap=format_score(item.spread, 1))
        bold = QFontMetrics(font(self.body_px, bold=True))
        self.total_label.setText(bold.elidedText(text, Qt.TextElideMode.ElideRight, width))

    def _figures(self, line) -> str:
        if line.mean is None:
            return self.tr("no scores")
        spread = (
            f" ({format_score(line.low)}–{format_score(line.high)})"
            if line.low is not None and line.high is not None
            else ""
        )
        return f"{format_score(line.mean, 2)}{spread}"

    def _render_motivations(self, item, body: QFontMetrics, width: int, level: int) -> None:
        keep = max(0, MOTIVATIONS - level)
        quoted = [m for m in item.motivations if m.strip()]
        if not quoted or keep == 0:
            self.motivations_label.setText("")
            self.motivations_label.setVisible(False)
            return
        lines = [self.tr("Motivations:")]
        for motivation in quoted[:keep]:
            lines.append(fit_lines(f"“{motivation.strip()}”", body, width, 2))
        hidden = len(quoted) - keep
        if hidden > 0:
            lines.append(self.tr("… and {n} more").format(n=hidden))
        self.motivations_label.setText("\n".join(lines))
        self.motivations_label.setVisible(True)

    def render_clocks(self) -> None:
        state = self.clocks.state
        if state is None or state.sitting is None:
            self.clock_label.setText("")
            self.signal_label.hide()
            return
        total = clock(self.clocks.sitting_seconds())
        if state.current is None:
            self.clock_label.setText(self.tr("Sitting {total}").format(total=total))
        else:
            target = clock(state.item_target_seconds)
            paused = "" if state.timer_running else " " + self.tr("(paused)")
            self.clock_label.setText(
                self.tr("Item {item} of {target}{paused} · Sitting {total}").format(
                    item=clock(self.clocks.item_seconds()),
                    target=target,
                    paused=paused,
                    total=total,
                )
            )
        past = self.clocks.past_target()
        self.signal_label.setText(self.tr("⏱ Past the target time") if past else "")
        self.signal_label.setVisible(past)
        self._fit_top()

    def _fit_top(self) -> None:
        """The clocks and the signal in full, the sitting's line in what is left."""
        metrics = QFontMetrics(font(self.body_px))
        taken = 0
        for label in (self.clock_label, self.signal_label):
            needed = metrics.horizontalAdvance(label.text()) + 40 if label.text() else 0
            label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
            label.setFixedWidth(needed)
            taken += needed
        width = max(640, self.width()) - 96 - taken - 24
        self.sitting_label.setText(
            metrics.elidedText(self.sitting_text, Qt.TextElideMode.ElideRight, width)
        )


class KioskView(_Presentation):
    """For a screen outside the room: the current and next codes and who is called
    back in. Never a title."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("kioskView")
        self.setWindowTitle(self.tr("Commissione — Kiosk"))
        self.setStyleSheet(f"QWidget#kioskView {{ {style('page')} }}")
        self.current_label = _label(name="kioskCurrent")
        self.next_label = _label(name="kioskNext")
        self.back_label = _label("leave", name="kioskBack")
        self.back_label.setContentsMargins(32, 16, 32, 16)
        page = QVBoxLayout(self)
        page.setContentsMargins(64, 64, 64, 64)
        page.setSpacing(32)
        page.addStretch(1)
        page.addWidget(self.current_label)
        page.addWidget(self.next_label)
        page.addWidget(self.back_label)
        page.addStretch(1)
        self.resize(1920, 1080)
        self.render_state()

    def render_state(self) -> None:
        big = math.ceil(KIOSK_PX * self.heading_px / HEADING_PX)
        self.current_label.setFont(font(big, bold=True))
        self.next_label.setFont(font(self.heading_px))
        self.back_label.setFont(font(self.heading_px, bold=True))
        state = self.clocks.state
        if state is None or state.sitting is None:
            self.current_label.setText(self.tr("No sitting is open"))
            self.next_label.setText("")
            self.back_label.hide()
            return
        self.current_label.setText(
            self.tr("Now: {code}").format(code=state.current.code if state.current else "—")
        )
        self.next_label.setText(
            self.tr("Next: {code}").format(code=state.next.code if state.next else "—")
        )
        called = tuple(state.calls_back) or tuple(state.may_return)
        metrics = QFontMetrics(font(self.heading_px, bold=True))
        self.back_label.setText(
            fit_lines(
                self.tr("➡ Please come back in: {names}").format(names=", ".join(called)),
                metrics,
                max(640, self.width()) - 192,
                3,
            )
        )
        self.back_label.setVisible(bool(called))

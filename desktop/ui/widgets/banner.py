"""A problem inside the page, in plain words, never a modal dialog: an icon and
words (never colour alone), *Riprova* when trying again may help (or another action
that mends it, with its own words), and *Chiudi*."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStyle, QWidget

from desktop.domain.problems import Problem

# Dark text on a pale amber (problems) or pale blue (information), in light and dark
# themes alike.
PROBLEM_STYLE = (
    "#banner { background: #fff4ce; border: 1px solid #e0c36a; border-radius: 3px; }"
    "#banner QLabel { color: #3b2f00; }"
)
INFO_STYLE = (
    "#banner { background: #e5f1fb; border: 1px solid #8cb8e0; border-radius: 3px; }"
    "#banner QLabel { color: #0b2a47; }"
)


def interface_language() -> str:
    """'it' or 'en', as the window speaks (QLocale's default is set at start-up)."""
    return "it" if QLocale().language() == QLocale.Language.Italian else "en"


def problem_text(problem: Problem) -> str:
    return problem.text(interface_language())


class Banner(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = QPushButton(self.tr("&Retry"))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.hide)
        self.retry_button.clicked.connect(self._retry)
        self._retry_action: Callable[[], object] | None = None
        self.kind = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.icon)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.retry_button)
        layout.addWidget(self.close_button)
        self.setAccessibleName(self.tr("Problem"))
        self.hide()

    def show_problem(
        self,
        problem: Problem | str,
        retry: Callable[[], object] | None = None,
        *,
        what: str = "",
        details: str = "",
        retry_text: str = "",
    ) -> None:
        """`what` says what did not happen ("The ranking could not be loaded.");
        the problem says why and what to do. `retry_text` names the button when
        `retry` is not trying again but a way to mend it ("Set Up the PEC
        Mailbox…")."""
        if isinstance(problem, Problem):
            details = details or problem.details
            problem = problem_text(problem)
        text = f"{what} {problem}".strip()
        self._show(text, "problem", QStyle.StandardPixmap.SP_MessageBoxWarning, PROBLEM_STYLE)
        self.message.setToolTip(details)
        self._retry_action = retry
        self.retry_button.setText(retry_text or self.tr("&Retry"))
        self.retry_button.setVisible(retry is not None)

    def show_info(self, text: str) -> None:
        self._show(text, "info", QStyle.StandardPixmap.SP_MessageBoxInformation, INFO_STYLE)
        self._retry_action = None
        self.retry_button.hide()

    def _show(self, text: str, kind: str, pixmap: QStyle.StandardPixmap, style: str) -> None:
        self.kind = kind
        self.setStyleSheet(style)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.icon.setPixmap(self.style().standardIcon(pixmap).pixmap(size, size))
        self.message.setText(text)
        self.setAccessibleDescription(text)
        self.show()

    def clear(self) -> None:
        self.kind = ""
        self.message.clear()
        self._retry_action = None
        self.hide()

    def _retry(self) -> None:
        action = self._retry_action
        self.clear()
        if action is not None:
            action()

"""The evaluation views: the evaluator's score sheet, the committee's assignment
matrix and conflicts, the ranking with its funding line, and the kit-return
conflict dialog. `part.install(host)` adds the Evaluation menu to the main window
(desktop/ui/parts.py); the views open as its tabs.

Views share the UI toolkit (desktop/ui/widgets: the banner, the View base, the
interface's language) and the domain's vocabulary and formatting (scores, money,
dates); nothing is defined again here."""

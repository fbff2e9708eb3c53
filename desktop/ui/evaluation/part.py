"""The evaluation part (desktop/ui/parts.py): the Evaluation menu, whose views
(score sheets, committee and assignment, ranking) open as tabs of the host.

`install(host)` returns the `EvaluationActions` (window_actions.py); others reach
it as `host.part("evaluation")`."""

from __future__ import annotations


def install(host):
    # Imported when the parts are installed (after the first paint), not at start-up.
    from desktop.ui.evaluation.window_actions import EvaluationActions

    return EvaluationActions(host)

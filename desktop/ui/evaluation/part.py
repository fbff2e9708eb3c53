"""The evaluation part (desktop/ui/parts.py)."""

from __future__ import annotations


def install(host):
    from desktop.ui.evaluation.window_actions import install_evaluation

    return install_evaluation(host)

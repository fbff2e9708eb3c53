"""Command line: tracking commands (see desktop/cli.py for the conventions)."""

from __future__ import annotations


def add_commands(commands) -> dict:
    return {}

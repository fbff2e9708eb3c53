"""The command line: `commissione [options] COMMAND …`; without a command, the window.

One module per command, named after it (`import_` for the Python keyword,
`platform_simulator` for `platform-simulator`); a command with actions (`kit
export|open|return|import`) is one module. Each module has:

- `declare(commands, say)`: adds its parser to argparse's sub-parsers, every help
  text in the interface language (`say(it, en)`), and sets `handler=run`;
- `run(args, say) -> int`: does the work and returns an exit code.

`COMMANDS` (registry.py) lists the modules, in the order `--help` shows them. Shared
helpers are in `common.py`, the exit codes in `exits.py`, the language (Italian by
default, English with --lang en or COMMISSIONE_LANG=en, argparse's own words
included) in `language.py`, the parser and the error handling in `program.py`.

Exit codes: 0 done; 1 done in part (rows rejected, choices needed); 2 nothing done
(a Problem, bad arguments, a file that cannot be written); 3 unexpected error (the
details are in the log file, whose path is printed; never a traceback).
"""

from desktop.cli.common import CommandProblem
from desktop.cli.exits import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_REJECTED,
    EXIT_UNEXPECTED,
    EXIT_UNUSABLE,
)
from desktop.cli.language import Messages
from desktop.cli.program import build_parser, main
from desktop.cli.registry import COMMANDS

__all__ = [
    "COMMANDS",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_REJECTED",
    "EXIT_UNEXPECTED",
    "EXIT_UNUSABLE",
    "CommandProblem",
    "Messages",
    "build_parser",
    "main",
]

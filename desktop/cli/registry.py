"""The commands of the command line, in the order `--help` shows them: one module
of this package each (a Python keyword gets a trailing underscore, a hyphen becomes
an underscore). Nothing is imported here: `program.build_parser` loads them."""

COMMANDS = (
    "init",
    "import_",
    "applications",
    "check",
    "calls",
    "override",
    "rules",
    "evaluators",
    "conflicts",
    "assign",
    "audit",
    "kit",
    "scores",
    "sheets",
    "rank",
    "export",
    "decide",
    "letters",
    "publication",
    "meeting",
    "minutes",
    "sync",
    "link",
    "credentials",
    "campaigns",
    "platform_simulator",
)

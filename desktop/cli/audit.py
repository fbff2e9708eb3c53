"""`commissione audit verify`: checks the hash chain of the audit log.

Exit 1 names the first broken entry (removed, moved or changed)."""

from __future__ import annotations

import sys

from desktop.cli import common
from desktop.cli.exits import EXIT_OK, EXIT_REJECTED

# The service reports in English; the Italian words for the two ways a chain breaks.
AUDIT_PROBLEMS = {
    "previous_hash does not match the entry before it": (
        "il collegamento con la voce precedente non corrisponde (voce tolta o spostata)"
    ),
    "the entry's content does not match its hash": (
        "il contenuto della voce non corrisponde alla sua impronta (voce modificata)"
    ),
}


def declare(commands, say) -> None:
    auditing = commands.add_parser(
        "audit", help=say("registro delle modifiche (audit log)", "the audit log")
    )
    actions = auditing.add_subparsers(
        dest="audit_command", metavar=say("AZIONE", "ACTION"), required=True
    )
    actions.add_parser(
        "verify",
        help=say("verifica la catena di impronte del registro", "check the log's hash chain"),
    )
    auditing.set_defaults(handler=run)


def run(args, say) -> int:
    from desktop.services.committee import verify_audit

    with common.database(args) as database:
        count, broken = verify_audit(database)
    if broken is None:
        print(
            say(
                f"Registro delle modifiche: {count} voci verificate, ok.",
                f"Audit log: {count} entries checked, ok.",
            )
        )
        return EXIT_OK
    problem = say(AUDIT_PROBLEMS.get(broken.problem, broken.problem), broken.problem)
    print(
        say(
            f"Registro delle modifiche ALTERATO: la voce {broken.entry_id} non è valida ({problem}); "
            f"voci lette: {count}. Conservare il database così com'è e avvisare il responsabile.",
            f"Audit log TAMPERED WITH: entry {broken.entry_id} is not valid ({problem}); "
            f"entries read: {count}. Keep the database as it is and tell the person in charge.",
        ),
        file=sys.stderr,
    )
    return EXIT_REJECTED

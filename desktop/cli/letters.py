"""`commissione letters …`: the decision letters, from generating them to their
delivery receipts.

    commissione letters generate --kind KIND|auto [--session I|II] [--code CODE ...]
                                 [--format pdf|docx|both] --out DIR
    commissione letters list [--state S] [--format table|csv|json]
    commissione letters approve CODE --kind KIND
    commissione letters protocol CODE --kind KIND --number N --date DD/MM/YYYY
    commissione letters protocol --file CSV
    commissione letters send [--dry-run]
    commissione letters receipts PATH

The subcommands live in two modules: ``letters_documents`` (generate, list, approve,
protocol) and ``letters_pec`` (send, receipts).
"""

from __future__ import annotations

from desktop.cli import letters_documents, letters_pec


def declare(commands, say) -> None:
    letters = commands.add_parser(
        "letters",
        help=say(
            "lettere di esito: generazione, approvazione, protocollo, invio PEC, ricevute",
            "decision letters: generate, approve, protocol, send by PEC, receipts",
        ),
    )
    subcommands = letters.add_subparsers(dest="letters_command", metavar="COMANDO", required=True)
    letters_documents.declare(subcommands, say)
    letters_pec.declare(subcommands, say)
    letters.set_defaults(handler=run)


def run(args, say) -> int:
    """Each subcommand names its own function (``subcommand``)."""
    return args.subcommand(args, say)

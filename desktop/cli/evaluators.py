"""`commissione evaluators add|list|link|links|enable|disable|demo`: the committee
and the entities its members are linked to (the basis of conflict detection).

Exit 2 when the committee service refuses (the message says why)."""

from __future__ import annotations

from desktop.cli import common
from desktop.cli.exits import EXIT_OK
from desktop.domain.vocabulary import ROLES


def declare(commands, say) -> None:
    evaluators = commands.add_parser(
        "evaluators",
        help=say(
            "componenti della commissione e loro legami con enti",
            "the committee's members and their links with entities",
        ),
    )
    actions = evaluators.add_subparsers(
        dest="evaluators_command", metavar=say("AZIONE", "ACTION"), required=True
    )
    name = say("NOME", "NAME")
    add = actions.add_parser(
        "add", help=say("aggiunge un componente della commissione", "add a committee member")
    )
    add.add_argument("name", metavar=name)
    add.add_argument("--role", choices=("chair", "member", "secretary"), default="member")
    add.add_argument("--email", metavar="EMAIL", default="")
    common.add_call(add, say)
    listing = actions.add_parser(
        "list",
        help=say(
            "elenca i componenti con carico e avanzamento",
            "list the members with their load and progress",
        ),
    )
    listing.add_argument("--format", choices=("table", "csv", "json"), default="table")
    common.add_call(listing, say)
    link = actions.add_parser(
        "link",
        help=say(
            "registra un ente a cui il componente è legato (base dei conflitti)",
            "record an entity the member is linked to (the basis of conflicts)",
        ),
    )
    link.add_argument("name", metavar=name)
    link.add_argument(
        "--entity",
        metavar=say("ENTE", "ENTITY"),
        default="",
        help=say("denominazione dell'ente", "entity's name"),
    )
    link.add_argument(
        "--tax-code",
        metavar="CF",
        default="",
        help=say("codice fiscale o partita IVA dell'ente", "the entity's tax code or VAT number"),
    )
    link.add_argument(
        "--kind", choices=("employment", "board", "family", "business", "other"), required=True
    )
    link.add_argument("--note", metavar=say("NOTA", "NOTE"), default="")
    common.add_call(link, say)
    links = actions.add_parser(
        "links", help=say("elenca i legami dei componenti", "list the members' links")
    )
    links.add_argument("name", metavar=name, nargs="?")
    common.add_call(links, say)
    for verb, it, en in (
        ("enable", "riattiva un componente", "enable a member again"),
        ("disable", "disattiva un componente", "disable a member"),
    ):
        toggle = actions.add_parser(
            verb,
            help=say(f"{it} (le assegnazioni restano)", f"{en} (assignments stay)"),
        )
        toggle.add_argument("name", metavar=name)
        common.add_call(toggle, say)
    demo = actions.add_parser(
        "demo",
        help=say(
            "carica la commissione dimostrativa (resources/demo/committee-demo.toml)",
            "load the demo committee (resources/demo/committee-demo.toml)",
        ),
    )
    common.add_call(demo, say)
    evaluators.set_defaults(handler=run)


def run(args, say) -> int:
    from desktop.services import committee

    call = common.find_call(args)
    command = args.evaluators_command
    with common.database(args) as database:
        if command == "add":
            member_id = committee.add_member(database, call, args.name, args.role, args.email)
            role = say(*ROLES[args.role])
            print(
                say(
                    f"Aggiunto {args.name.strip()} ({role}) alla commissione del bando {call.id} [id {member_id}].",
                    f"Added {args.name.strip()} ({role}) to the committee of call {call.id} [id {member_id}].",
                )
            )
        elif command == "list":
            _list_members(committee.list_members(database, call), args.format, say)
        elif command == "link":
            link_id = committee.add_link(
                database, call, args.name, args.entity, args.tax_code, args.kind, args.note
            )
            print(
                say(
                    f"Legame registrato [id {link_id}]. Per cercare i conflitti: commissione conflicts --detect",
                    f"Link recorded [id {link_id}]. To look for conflicts: commissione conflicts --detect",
                )
            )
        elif command == "links":
            _list_links(committee.list_links(database, call, args.name), say)
        elif command in ("enable", "disable"):
            changed = committee.set_member_active(database, call, args.name, command == "enable")
            state = say(
                *(("attivo", "active") if command == "enable" else ("non attivo", "inactive"))
            )
            print(
                say(f"{args.name}: {state}.", f"{args.name}: {state}.")
                if changed
                else say(f"{args.name} era già {state}.", f"{args.name} was already {state}.")
            )
        elif command == "demo":
            loaded = committee.load_demo_committee(database, call)
            print(
                say(
                    f"Commissione dimostrativa: {loaded.members_added} componenti e {loaded.links_added} legami aggiunti.",
                    f"Demo committee: {loaded.members_added} members and {loaded.links_added} links added.",
                )
            )
    return EXIT_OK


def _list_members(rows, form: str, say) -> None:
    if form != "table":
        common.write_records(
            [
                {
                    "id": r.id,
                    "nome": r.name,
                    "ruolo": r.role,
                    "email": r.email,
                    "attivo": r.active,
                    "assegnate": r.load,
                    "inviate": r.submitted,
                    "bozze": r.drafts,
                    "avanzamento": r.progress,
                    "legami": r.links,
                }
                for r in rows
            ],
            form,
        )
        return
    common.print_table(
        [
            ("id", 4),
            (say("nome", "name"), 28),
            (say("ruolo", "role"), 11),
            (say("attivo", "active"), 6),
            (say("assegnate", "assigned"), 9),
            (say("bozze", "drafts"), 6),
            (say("avanzamento", "progress"), 12),
            (say("legami", "links"), 6),
            ("email", 0),
        ],
        [
            [
                r.id,
                r.name,
                say(*ROLES.get(r.role, (r.role, r.role))),
                say("sì", "yes") if r.active else "no",
                r.load,
                r.drafts,
                say(r.progress, f"{r.submitted} of {r.load}"),
                r.links,
                r.email,
            ]
            for r in rows
        ],
    )
    print(say(f"{len(rows)} componenti", f"{len(rows)} members"))


def _list_links(rows, say) -> None:
    from desktop.domain.conflicts import LINK_KINDS

    common.print_table(
        [
            ("id", 4),
            (say("componente", "member"), 24),
            (say("ente", "entity"), 40),
            (say("codice fiscale", "tax code"), 16),
            (say("legame", "link"), 18),
            (say("nota", "note"), 0),
        ],
        [
            [r.id, r.member, r.entity_name, r.tax_code, say(*LINK_KINDS[r.kind]), r.note]
            for r in rows
        ],
    )
    print(say(f"{len(rows)} legami", f"{len(rows)} links"))

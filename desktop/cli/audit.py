"""`commissione audit verify [--anchor COUNT:HASH]` and `commissione audit anchor`.

The log is a hash chain: `verify` names the first broken entry (removed, moved or
changed) and every malformed one (an unreadable time, bad JSON, an empty field),
exit 1. Nothing inside a database file someone can write stops them from removing
the last entries or rewriting the log and computing the chain again: `anchor` prints
the head (COUNT:HASH), to keep outside the database (the exported documents print it
too), and `verify --anchor COUNT:HASH` exits 1 when the log no longer holds that
entry at that position."""

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
# Hash digits shown when comparing with an anchor: enough to tell them apart.
SHOWN_DIGITS = 16


def declare(commands, say) -> None:
    auditing = commands.add_parser(
        "audit", help=say("registro delle modifiche (audit log)", "the audit log")
    )
    actions = auditing.add_subparsers(
        dest="audit_command", metavar=say("AZIONE", "ACTION"), required=True
    )
    verify = actions.add_parser(
        "verify",
        help=say("verifica la catena di impronte del registro", "check the log's hash chain"),
    )
    verify.add_argument(
        "--anchor",
        metavar=say("NUMERO:IMPRONTA", "COUNT:HASH"),
        help=say(
            "l'ancora presa prima (da `audit anchor` o da un documento esportato): "
            "esito 1 se il registro non contiene più quella voce in quella posizione",
            "an anchor taken before (from `audit anchor` or an exported document): exit 1 "
            "when the log no longer holds that entry at that position",
        ),
    )
    actions.add_parser(
        "anchor",
        help=say(
            "stampa l'ancora del registro (NUMERO:IMPRONTA della voce più recente), "
            "da conservare fuori dal database",
            "print the log's anchor (COUNT:HASH of the latest entry), to keep outside the database",
        ),
    )
    auditing.set_defaults(handler=run)


def run(args, say) -> int:
    if args.audit_command == "anchor":
        return _anchor(args)
    return _verify(args, say)


def _anchor(args) -> int:
    from desktop.services.committee import audit_anchor

    with common.database(args) as database:
        anchor = audit_anchor(database)
    print(anchor.text())
    return EXIT_OK


def _verify(args, say) -> int:
    from desktop.domain.audit import parse_anchor
    from desktop.services.committee import check_audit

    anchor = None if args.anchor is None else parse_anchor(args.anchor)
    with common.database(args) as database:
        result = check_audit(database, anchor)
    if result.ok:
        _say_ok(result, say)
        return EXIT_OK
    lines = [
        say(
            f"Registro delle modifiche ALTERATO ({result.count} voci lette):",
            f"Audit log TAMPERED WITH ({result.count} entries read):",
        )
    ]
    lines += _anchor_lines(result, say)
    if result.broken is not None:
        broken = result.broken
        problem = say(AUDIT_PROBLEMS.get(broken.problem, broken.problem), broken.problem)
        lines.append(
            say(
                f"- la voce {broken.entry_id} non è valida ({problem});",
                f"- entry {broken.entry_id} is not valid ({problem});",
            )
        )
    lines += _malformed_lines(result, say)
    lines.append(
        say(
            "Conservare il database così com'è e avvisare il responsabile.",
            "Keep the database as it is and tell the person in charge.",
        )
    )
    print("\n".join(lines), file=sys.stderr)
    return EXIT_REJECTED


def _say_ok(result, say) -> None:
    anchor = result.anchor
    if anchor is None:
        print(
            say(
                f"Registro delle modifiche: {result.count} voci verificate, ok. "
                f"Ancora attuale: {result.head.text()}",
                f"Audit log: {result.count} entries checked, ok. "
                f"Current anchor: {result.head.text()}",
            )
        )
        print(
            say(
                "Senza --anchor la verifica non vede voci tolte dalla fine né un registro "
                "riscritto con la catena ricalcolata: confrontarlo con un'ancora conservata "
                "fuori dal database (stampata sui documenti esportati), "
                "`commissione audit verify --anchor NUMERO:IMPRONTA`.",
                "Without --anchor the check cannot see entries removed from the end or a "
                "log rewritten with its chain computed again: compare it with an anchor kept "
                "outside the database (printed on the exported documents), "
                "`commissione audit verify --anchor COUNT:HASH`.",
            )
        )
        return
    print(
        say(
            f"Registro delle modifiche: {result.count} voci verificate, ok; la voce "
            f"{anchor.count} è quella dell'ancora {anchor.text(SHOWN_DIGITS)}.",
            f"Audit log: {result.count} entries checked, ok; entry {anchor.count} is the "
            f"anchor's {anchor.text(SHOWN_DIGITS)}.",
        )
    )
    if result.added:
        print(
            say(
                f"{result.added} voci aggiunte dopo l'ancora: l'ancora non le garantisce, "
                "controllare che siano attese.",
                f"{result.added} entries added after the anchor: the anchor does not vouch "
                "for them; check that they are expected.",
            )
        )
        for added in result.added_shown:
            print(
                f"  {added.entry_id}  {added.at}  {added.actor}  {added.entity} "
                f"{added.entity_key}  {added.action}"
            )
        if result.added > len(result.added_shown):
            rest = result.added - len(result.added_shown)
            print(say(f"  … e altre {rest}", f"  … and {rest} more"))


def _anchor_lines(result, say) -> list[str]:
    anchor = result.anchor
    if anchor is None or result.anchor_problem is None:
        return []
    given = anchor.text(SHOWN_DIGITS)
    if result.anchor_problem == "missing":
        return [
            say(
                f"- il registro ha {result.count} voci, meno delle {anchor.count} dell'ancora "
                f"{given}: sono state tolte voci (le ultime, o tutte e poi riscritte);",
                f"- the log holds {result.count} entries, fewer than the anchor {given} "
                f"counts ({anchor.count}): entries were removed (the last ones, or all of "
                "them and the log written again);",
            )
        ]
    found = result.anchor_found[:SHOWN_DIGITS]
    where = (
        say("all'inizio", "at the start")
        if anchor.count == 0
        else say(
            f"in posizione {anchor.count} (voce {result.anchor_entry_id})",
            f"at position {anchor.count} (entry {result.anchor_entry_id})",
        )
    )
    return [
        say(
            f"- l'impronta {where} è {found}…, l'ancora dice {anchor.hash[:SHOWN_DIGITS]}…: "
            "il registro è stato riscritto fino a quella voce (o l'ancora è di un altro "
            "database);",
            f"- the hash {where} is {found}…, the anchor says {anchor.hash[:SHOWN_DIGITS]}…: "
            "the log was rewritten up to that entry (or the anchor is another database's);",
        )
    ]


def _malformed_lines(result, say) -> list[str]:
    lines = [
        f"- {say('voce', 'entry')} {item.entry_id}: {_describe(item, say)};"
        for item in result.malformed
    ]
    more = result.malformed_more
    if more.count:
        ids = ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in more.ranges)
        if more.left_out:
            ids += say(
                f" e altre {more.left_out} fino alla {more.last}",
                f" and {more.left_out} more up to {more.last}",
            )
        lines.append(
            say(
                f"- altre {more.count} voci con campi malformati: {ids};",
                f"- {more.count} more entries with malformed fields: {ids};",
            )
        )
    return lines


def _describe(item, say) -> str:
    name = item.field
    value = item.value
    return {
        "missing": say(f"il campo «{name}» è vuoto", f"field “{name}” is empty"),
        "not_text": say(
            f"il campo «{name}» non è testo ({value})", f"field “{name}” is not text ({value})"
        ),
        "timestamp": say(
            f"data e ora illeggibili («{value}»)", f"date and time unreadable (“{value}”)"
        ),
        "json": say(
            f"il campo «{name}» non è JSON valido («{value}»)",
            f"field “{name}” is not valid JSON (“{value}”)",
        ),
        "hash_format": say(
            f"il campo «{name}» non è un'impronta SHA-256 di 64 cifre esadecimali («{value}»)",
            f"field “{name}” is not a SHA-256 hash of 64 hex digits (“{value}”)",
        ),
    }.get(item.kind, item.kind)

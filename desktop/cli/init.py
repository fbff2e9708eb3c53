"""`commissione --db FILE init`: creates a new database (or brings an existing one
to the current schema), so that a mistyped --db never creates one by accident."""

from __future__ import annotations

from desktop.cli.exits import EXIT_OK


def declare(commands, say) -> None:
    parser = commands.add_parser(
        "init",
        help=say(
            "crea il database indicato (o lo aggiorna allo schema attuale)",
            "create the database given (or bring it to the current schema)",
        ),
    )
    parser.set_defaults(handler=run)


def run(args, say) -> int:
    from db.migrations import HEAD
    from desktop.database_choice import choose_database, open_chosen

    choice = choose_database(args.db)
    existed = choice.exists
    opened = open_chosen(choice, create=True)
    try:
        shown = opened.engine.url.render_as_string(hide_password=True)
        if opened.is_sqlite:
            shown = str(choice.sqlite_path)
    finally:
        opened.close()
    if existed and not choice.is_url:
        print(
            say(
                f"Il database {shown} esiste già; schema aggiornato ({HEAD}).",
                f"The database {shown} already exists; schema up to date ({HEAD}).",
            )
        )
    else:
        print(
            say(
                f"Database pronto: {shown} (schema {HEAD}).",
                f"Database ready: {shown} (schema {HEAD}).",
            )
        )
    return EXIT_OK

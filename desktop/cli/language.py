"""The command line's language: Italian by default, English with `--lang en` or
COMMISSIONE_LANG=en. One language per message, argparse's own words included.

The language is decided before argparse runs (a scan of argv), because the parser's
help texts, usage line and errors are written in it.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

LANGUAGES = ("it", "en")
VARIABLE = "COMMISSIONE_LANG"


class Messages:
    """`say(it, en)`: the text in the interface language."""

    def __init__(self, language: str):
        self.language = language if language in LANGUAGES else "it"

    def __call__(self, it: str, en: str) -> str:
        return en if self.language == "en" else it


def chosen_language(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> str | None:
    """`--lang X` (or `--lang=X`) in argv, else COMMISSIONE_LANG; None when neither
    names a known language (the window then follows its Preferences). The last
    `--lang` wins, as in argparse; nothing after `--` is an option."""
    found = None
    for position, token in enumerate(argv):
        if token == "--":
            break
        if token == "--lang" and position + 1 < len(argv):
            found = argv[position + 1]
        elif token.startswith("--lang="):
            found = token.partition("=")[2]
    if found in LANGUAGES:
        return found
    environ = os.environ if environ is None else environ
    value = (environ.get(VARIABLE) or "").strip().lower()
    return value if value in LANGUAGES else None


# argparse's own messages (Python 3.11 to 3.14), in Italian. A message missing here
# (a newer Python) stays in English: never a mixed line.
ITALIAN = {
    "usage: ": "uso: ",
    "positional arguments": "argomenti",
    "options": "opzioni",
    "optional arguments": "opzioni",
    "show this help message and exit": "mostra questo aiuto ed esce",
    "show program's version number and exit": "mostra la versione ed esce",
    "%(prog)s: error: %(message)s\n": "%(prog)s: errore: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argomento %(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "argomenti non riconosciuti: %s",
    "the following arguments are required: %s": "mancano gli argomenti obbligatori: %s",
    "one of the arguments %s is required": "serve uno degli argomenti %s",
    "not allowed with argument %s": "non ammesso insieme all'argomento %s",
    "ignored explicit argument %r": "valore ignorato: %r",
    "expected one argument": "serve un valore",
    "expected at most one argument": "al massimo un valore",
    "expected at least one argument": "serve almeno un valore",
    "invalid %(type)s value: %(value)r": "valore non valido (%(type)s): %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "scelta non valida: %(value)r (scegliere tra %(choices)s)"
    ),
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)": (
        "scelta non valida: %(value)r, forse %(closest)r? (scegliere tra %(choices)s)"
    ),
    "ambiguous option: %(option)s could match %(matches)s": (
        "opzione ambigua: %(option)s può essere %(matches)s"
    ),
    "unexpected option string: %s": "opzione inattesa: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "comando sconosciuto %(parser_name)r (scelte: %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "impossibile aprire «%(filename)s»: %(error)s",
    "option '%(option)s' is deprecated": "l'opzione «%(option)s» è deprecata",
    "argument '%(argument_name)s' is deprecated": "l'argomento «%(argument_name)s» è deprecato",
    "command '%(parser_name)s' is deprecated": "il comando «%(parser_name)s» è deprecato",
}
ITALIAN_PLURAL = {
    ("expected %s argument", "expected %s arguments"): ("serve %s valore", "servono %s valori"),
}


@contextmanager
def argparse_language(language: str) -> Iterator[None]:
    """argparse's messages in `language` while the parser is built and used.

    argparse looks its texts up through the module's `_` and `ngettext` at each call,
    so swapping those two names is enough; they are put back afterwards (the process
    may be a test runner that has its own parsers)."""
    if language != "it":
        yield
        return
    saved = argparse._, argparse.ngettext

    def translate(message: str) -> str:
        return ITALIAN.get(message, message)

    def translate_plural(singular: str, plural: str, count: int) -> str:
        forms = ITALIAN_PLURAL.get((singular, plural), (singular, plural))
        return forms[0] if count == 1 else forms[1]

    argparse._, argparse.ngettext = translate, translate_plural
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved

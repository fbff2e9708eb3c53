"""The letter templates in ``resources/letters/``: loaded, checked against the data a
letter may use (`desktop.domain.letters.SCHEMA` and `LISTS`), and rendered into a
`LetterText`: a subject and a list of blocks that the PDF and the DOCX writers lay out.

A template is Jinja2 text (run in a sandbox, every placeholder strict) followed by a
small line markup; ``resources/letters/README.md`` describes both for the office that
edits them. The check on load walks each template's syntax tree: a placeholder that
is not in the schema, a field that a name does not have, a missing template or
include, a syntax error, an unknown ``[[directive]]`` — each is a `LetterTemplateError`
naming the file and the line, so a typo never reaches an applicant as a blank.

Values from the data cannot turn into markup: a title that starts with "- " stays a
title, an asterisk stays an asterisk, a line break inside a motivation stays inside
its paragraph (each value passes through `_protect` on its way into the text).

    templates = load_templates()
    text = templates.render("esclusione", data)
    text.subject, [block.kind for block in text.blocks]
"""

from __future__ import annotations

import difflib
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain import letters as rules
from desktop.domain.problems import Problem

SUFFIX = ".txt"
SUBJECT_PREFIX = "Oggetto:"
# Directives: a line that is only [[name]].
CRITERIA_TABLE = "tabella criteri"
SIGNATURE = "firma"
DIRECTIVES = (CRITERIA_TABLE, SIGNATURE)

HEADING, PARAGRAPH, BULLET, QUOTE, CRITERIA, SIGNATURE_BLOCK = (
    "heading",
    "paragraph",
    "bullet",
    "quote",
    "criteria",
    "signature",
)

# Sentinels that carry a value's text through the line markup untouched. Control
# characters: removed from the values first, so data can never forge them.
_VALUE_START = "\x1d"  # before each value: a line that starts with a value is plain text
_VALUE_BREAK = "\x1e"  # a line break inside a value
_VALUE_STAR = "\x1a"  # an asterisk inside a value (never bold markup)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_DIRECTIVE = re.compile(r"^\s*\[\[\s*(.*?)\s*\]\]\s*$")


class LetterTemplateError(Problem):
    """A letter template that cannot be used: names the file and the line."""

    def __init__(self, file: str, line: int | None, it: str, en: str):
        self.file = file
        self.line = line
        where_it = f"{file}, riga {line}" if line else file
        where_en = f"{file}, line {line}" if line else file
        super().__init__(f"{where_it}: {it}", f"{where_en}: {en}")


@dataclass(frozen=True)
class Block:
    """One block of a letter's body.

    - heading, paragraph, bullet, quote: `spans`, the text as (text, bold) runs; a
      "\\n" inside a span is a line break within the block;
    - criteria: `rows` (criterion, score, maximum) and `totals` (label, score,
      maximum): the total and the threshold;
    - signature: `lines`, one per line (qualification, name, signature line)."""

    kind: str
    spans: tuple[tuple[str, bool], ...] = ()
    rows: tuple[tuple[str, str, str], ...] = ()
    totals: tuple[tuple[str, str, str], ...] = ()
    lines: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        if self.kind == SIGNATURE_BLOCK:
            return "\n".join(self.lines)
        if self.kind == CRITERIA:
            return "\n".join(" ".join(row) for row in (*self.rows, *self.totals))
        return "".join(text for text, _ in self.spans)


@dataclass(frozen=True)
class LetterText:
    kind: str
    subject: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    @property
    def plain(self) -> str:
        """The whole text, one block a paragraph (for tests, previews, logs)."""
        return "\n\n".join([f"{SUBJECT_PREFIX} {self.subject}", *(b.text for b in self.blocks)])


# ------------------------------------------------------------------------- loading


def letters_dir() -> Path:
    from desktop.paths import resources_dir

    return resources_dir() / "letters"


_cache: dict[tuple, Templates] = {}
_cache_lock = threading.Lock()


def load_templates(directory: Path | str | None = None) -> Templates:
    """The templates of `directory` (default ``resources/letters/``), checked. Kept
    while no template file there changes (name, size, modification time)."""
    folder = Path(directory) if directory is not None else letters_dir()
    try:
        stamp = tuple(
            sorted(
                (p.name, p.stat().st_mtime_ns, p.stat().st_size)
                for p in folder.iterdir()
                if p.suffix == SUFFIX
            )
        )
    except OSError as error:
        raise LetterTemplateError(
            str(folder),
            None,
            f"la cartella dei modelli non si può leggere: {error.strerror}",
            f"the templates' folder cannot be read: {error.strerror}",
        ) from None
    key = (str(folder.resolve()), stamp)
    with _cache_lock:
        found = _cache.get(key)
        if found is None:
            found = Templates(folder)
            for old in [k for k in _cache if k[0] == key[0]]:
                del _cache[old]
            _cache[key] = found
        return found


def _protect(value) -> str:
    """Every {{ value }} on its way into the text: plain text, never markup."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return _VALUE_START + text.replace("\n", _VALUE_BREAK).replace("*", _VALUE_STAR)


class Templates:
    """Every kind's template and the includes, parsed and checked once."""

    def __init__(self, directory: Path):
        from jinja2 import FileSystemLoader, StrictUndefined
        from jinja2.sandbox import SandboxedEnvironment

        self.directory = directory
        self.environment = SandboxedEnvironment(
            loader=FileSystemLoader(str(directory), encoding="utf-8"),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            autoescape=False,
            finalize=_protect,
            auto_reload=False,
        )
        checked: set[str] = set()
        for kind in rules.KINDS:
            self._check(f"{kind}{SUFFIX}", checked, required=True)
        for path in sorted(directory.glob(f"_*{SUFFIX}")):
            self._check(path.name, checked, required=True)
        self._compiled = {
            kind: self.environment.get_template(f"{kind}{SUFFIX}") for kind in rules.KINDS
        }

    # -------------------------------------------------------------- the check
    def _check(
        self,
        name: str,
        checked: set[str],
        *,
        required: bool,
        line: int | None = None,
        by: str | None = None,
    ) -> None:
        if name in checked:
            return
        checked.add(name)
        from jinja2 import TemplateSyntaxError

        path = self.directory / name
        try:
            source = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            if by:
                raise LetterTemplateError(
                    by,
                    line,
                    f"il modello incluso «{name}» non esiste in {self.directory}",
                    f"the included template “{name}” does not exist in {self.directory}",
                ) from None
            raise LetterTemplateError(
                name,
                None,
                f"manca il modello della lettera (atteso in {self.directory})",
                f"the letter's template is missing (expected in {self.directory})",
            ) from None
        except (OSError, UnicodeDecodeError) as error:
            raise LetterTemplateError(
                name,
                None,
                f"il file non si può leggere come testo UTF-8: {error}",
                f"the file cannot be read as UTF-8 text: {error}",
            ) from None
        try:
            tree = self.environment.parse(source, name=name, filename=name)
            # Compiling finds what parsing does not: an unknown filter or test.
            self.environment.compile(source, name=name, filename=name)
        except TemplateSyntaxError as error:
            raise LetterTemplateError(
                name,
                error.lineno,
                f"errore di sintassi: {error.message}",
                f"syntax error: {error.message}",
            ) from None
        for number, text in enumerate(source.splitlines(), start=1):
            match = _DIRECTIVE.match(text)
            if match and match.group(1) not in DIRECTIVES:
                raise LetterTemplateError(
                    name,
                    number,
                    f"direttiva sconosciuta «[[{match.group(1)}]]»; quelle possibili: "
                    + ", ".join(f"[[{d}]]" for d in DIRECTIVES),
                    f"unknown directive “[[{match.group(1)}]]”; the possible ones: "
                    + ", ".join(f"[[{d}]]" for d in DIRECTIVES),
                )
        includes: list[tuple[str, int]] = []
        _Checker(name, includes).body(tree.body, {})
        for included, at in includes:
            self._check(included, checked, required=True, line=at, by=name)

    # -------------------------------------------------------------- rendering
    def render(self, kind: str, data: Mapping) -> LetterText:
        """The letter of `kind` for `data` (every SCHEMA name a mapping of its fields,
        every LISTS name a list of such mappings)."""
        from jinja2 import TemplateError, UndefinedError

        template = self._compiled.get(kind)
        if template is None:
            raise LetterTemplateError(
                f"{kind}{SUFFIX}",
                None,
                f"tipo di lettera sconosciuto; quelli possibili: {', '.join(rules.KINDS)}",
                f"unknown kind of letter; the possible ones: {', '.join(rules.KINDS)}",
            )
        try:
            output = template.render(data)
        except UndefinedError as error:
            raise LetterTemplateError(
                f"{kind}{SUFFIX}",
                _template_line(error),
                f"mancano dati per la lettera: {error.message}",
                f"the letter's data is incomplete: {error.message}",
            ) from None
        except TemplateError as error:
            raise LetterTemplateError(
                f"{kind}{SUFFIX}",
                _template_line(error),
                f"la lettera non si può comporre: {error}",
                f"the letter cannot be composed: {error}",
            ) from None
        return parse_markup(kind, output, data)


def _template_line(error: Exception) -> int | None:
    """The template line of a render error, from its traceback."""
    tb = error.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(SUFFIX):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


class _Checker:
    """Walks a parsed template: every name a schema name, a list name, a loop
    variable or a variable the template set; every field one the name has."""

    def __init__(self, file: str, includes: list[tuple[str, int]]):
        self.file = file
        self.includes = includes

    # scope: name → the fields it has (None: anything, e.g. `loop` or a set variable)
    def body(self, nodes, scope: dict) -> None:
        from jinja2 import nodes as n

        scope = dict(scope)
        for node in nodes:
            if isinstance(node, n.For):
                self.expression(node.iter, scope)
                inner = dict(scope)
                fields = None
                if isinstance(node.iter, n.Name) and node.iter.name in rules.LISTS:
                    fields = tuple(rules.LISTS[node.iter.name])
                for target in self.targets(node.target):
                    inner[target] = fields if isinstance(node.target, n.Name) else None
                inner["loop"] = None
                if node.test is not None:
                    self.expression(node.test, inner)
                self.body(node.body, inner)
                self.body(node.else_, scope)
            elif isinstance(node, n.If):
                self.expression(node.test, scope)
                self.body(node.body, scope)
                for elif_ in node.elif_:
                    self.expression(elif_.test, scope)
                    self.body(elif_.body, scope)
                self.body(node.else_, scope)
            elif isinstance(node, n.Assign):
                self.expression(node.node, scope)
                for target in self.targets(node.target):
                    scope[target] = None
            elif isinstance(node, n.AssignBlock):
                self.body(node.body, scope)
                for target in self.targets(node.target):
                    scope[target] = None
            elif isinstance(node, n.Macro):
                scope[node.name] = None
                inner = dict(scope)
                for argument in node.args:
                    inner[argument.name] = None
                inner.update(varargs=None, kwargs=None, caller=None)
                for default in node.defaults:
                    self.expression(default, scope)
                self.body(node.body, inner)
            elif isinstance(node, n.With):
                inner = dict(scope)
                for target, value in zip(node.targets, node.values, strict=False):
                    self.expression(value, scope)
                    for name in self.targets(target):
                        inner[name] = None
                self.body(node.body, inner)
            elif isinstance(node, n.Include):
                if not isinstance(node.template, n.Const) or not isinstance(
                    node.template.value, str
                ):
                    self.fail(
                        node.lineno,
                        "include ammesso solo con il nome del file tra virgolette",
                        "an include takes only a quoted file name",
                    )
                self.includes.append((node.template.value, node.lineno))
            elif isinstance(node, n.Output):
                for child in node.nodes:
                    if not isinstance(child, n.TemplateData):
                        self.expression(child, scope)
            elif isinstance(node, n.Stmt):
                for child in node.iter_child_nodes():
                    if isinstance(child, n.Expr):
                        self.expression(child, scope)
                    else:
                        self.body([child], scope)
            elif isinstance(node, n.Expr):
                self.expression(node, scope)

    def targets(self, target) -> list[str]:
        from jinja2 import nodes as n

        if isinstance(target, n.Name):
            return [target.name]
        if isinstance(target, n.Tuple):
            return [name for item in target.items for name in self.targets(item)]
        return []

    def expression(self, node, scope: dict) -> None:
        from jinja2 import nodes as n

        if isinstance(node, n.Getattr | n.Getitem) and isinstance(node.node, n.Name):
            name = node.node.name
            attribute = node.attr if isinstance(node, n.Getattr) else None
            if isinstance(node, n.Getitem):
                if isinstance(node.arg, n.Const) and isinstance(node.arg.value, str):
                    attribute = node.arg.value
                else:
                    self.expression(node.arg, scope)
            self.name(node.node, scope)
            fields = self.fields_of(name, scope)
            if attribute is not None and fields is not None and attribute not in fields:
                self.unknown(node.lineno, f"{name}.{attribute}", [f"{name}.{f}" for f in fields])
            return
        if isinstance(node, n.Name):
            self.name(node, scope)
            return
        for child in node.iter_child_nodes():
            self.expression(child, scope)

    def fields_of(self, name: str, scope: dict):
        if name in scope:
            return scope[name]
        if name in rules.SCHEMA:
            return tuple(rules.SCHEMA[name])
        return None

    def name(self, node, scope: dict) -> None:
        if node.ctx != "load" or node.name in scope or node.name in rules.NAMES:
            return
        known = sorted(rules.NAMES) + sorted(k for k in scope if k != "loop")
        self.unknown(node.lineno, node.name, known)

    def unknown(self, line: int, what: str, known: list[str]) -> None:
        close = difflib.get_close_matches(what, known, n=1)
        hint_it = f" (forse «{close[0]}»?)" if close else ""
        hint_en = f" (perhaps “{close[0]}”?)" if close else ""
        self.fail(
            line,
            f"segnaposto sconosciuto «{what}»{hint_it}; quelli possibili: {', '.join(known)}",
            f"unknown placeholder “{what}”{hint_en}; the possible ones: {', '.join(known)}",
        )

    def fail(self, line: int, it: str, en: str):
        raise LetterTemplateError(self.file, line, it, en)


# -------------------------------------------------------------------- the markup


def _spans(text: str) -> tuple[tuple[str, bool], ...]:
    """Inline markup: "**" switches bold on and off (only the template's own)."""
    spans = []
    bold = False
    for index, part in enumerate(text.split("**")):
        if index:
            bold = not bold
        part = _plain(part)
        if part:
            if spans and spans[-1][1] == bold:
                spans[-1] = (spans[-1][0] + part, bold)
            else:
                spans.append((part, bold))
    return tuple(spans)


def _plain(text: str) -> str:
    return text.replace(_VALUE_START, "").replace(_VALUE_BREAK, "\n").replace(_VALUE_STAR, "*")


def _criteria_block(data: Mapping) -> Block:
    evaluation = data.get("valutazione") or {}
    rows = tuple(
        (str(c.get("nome", "")), str(c.get("punteggio", "")), str(c.get("massimo", "")))
        for c in data.get("criteri") or ()
    )
    totals = (
        (
            "Punteggio complessivo",
            str(evaluation.get("punteggio", "")),
            str(evaluation.get("massimo", "")),
        ),
        ("Soglia minima per l'idoneità", str(evaluation.get("soglia", "")), ""),
    )
    return Block(CRITERIA, rows=rows, totals=totals)


def parse_markup(kind: str, output: str, data: Mapping) -> LetterText:
    """The rendered text of a template into its subject and blocks (the markup is
    described in resources/letters/README.md)."""
    subject = ""
    blocks: list[Block] = []
    current: list[str] = []  # the lines of the paragraph being read
    current_kind = PARAGRAPH
    signature: list[str] | None = None

    def flush():
        nonlocal current, current_kind
        if current:
            text = " ".join(line.strip() for line in current)
            text = re.sub(r"[ \t]+", " ", text).strip()
            if _plain(text).strip():
                blocks.append(Block(current_kind, spans=_spans(text)))
        current = []
        current_kind = PARAGRAPH

    def end_signature():
        nonlocal signature
        if signature is not None:
            lines = tuple(line for line in signature if line)
            blocks.append(Block(SIGNATURE_BLOCK, lines=lines))
            signature = None

    for raw in output.split("\n"):
        line = raw.rstrip()
        stripped = line.strip()
        if signature is not None:
            if stripped:
                signature.append(_plain(stripped).replace("**", ""))
                continue
            end_signature()
            continue
        if not stripped:
            flush()
            continue
        if not subject and not blocks and not current and stripped.startswith(SUBJECT_PREFIX):
            subject = _plain(stripped[len(SUBJECT_PREFIX) :]).strip()
            continue
        match = _DIRECTIVE.match(stripped)
        if match:
            flush()
            if match.group(1) == CRITERIA_TABLE:
                blocks.append(_criteria_block(data))
            elif match.group(1) == SIGNATURE:
                signature = []
            else:
                raise LetterTemplateError(
                    f"{kind}{SUFFIX}",
                    None,
                    f"direttiva sconosciuta «[[{match.group(1)}]]»",
                    f"unknown directive “[[{match.group(1)}]]”",
                )
            continue
        starts = {"# ": HEADING, "- ": BULLET, "> ": QUOTE}
        marker = stripped[:2]
        if marker in starts or stripped in ("#", "-", ">"):
            flush()
            current_kind = starts.get(marker, starts.get(stripped + " "))
            current.append(stripped[2:])
            if current_kind == HEADING:
                flush()
            continue
        if current_kind in (BULLET, QUOTE) and current:
            # a plain line right after a bullet or a quote continues it
            current.append(stripped)
            continue
        current.append(stripped)
    flush()
    end_signature()
    if not subject:
        subject = str((data.get("lettera") or {}).get("oggetto") or "")
    if not subject:
        subject = rules.subject_line(
            kind,
            str((data.get("bando") or {}).get("titolo", "")),
            str((data.get("domanda") or {}).get("codice", "")),
        )
    return LetterText(kind=kind, subject=subject, blocks=tuple(blocks))

"""Call definitions: one TOML file per edition of a call, validated on load.

Every number of a call (money, dates, durations, categories, objectives, grid,
the campaigns' at-risk rules) lives in the file, never in code, so a new edition
is a new file. The whole file is read here, the [campaigns] table included: the
campaigns module holds the rules themselves and knows nothing of files.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from desktop.domain import money
from desktop.domain.campaigns import RISK_RULES, RiskRules
from desktop.domain.italian import normalise_key
from desktop.domain.problems import Problem


class CallConfigError(Problem):
    """A call file is unusable; the message names the file and the key, then says
    what is wrong in Italian (`problem_it`) and English (`problem`)."""

    def __init__(self, path: Path | str, key: str, problem_it: str, problem_en: str):
        self.path = Path(path)
        self.key = key
        self.problem = problem_en
        self.problem_it = problem_it
        where = f"{self.path.name}: {key}"
        super().__init__(f"{where}: {problem_it}", f"{where}: {problem_en}")


class UnknownCall(CallConfigError):
    """No call file has the id asked for (`--call`, a kit's call)."""

    def __init__(self, call_id: str, directory: Path, known: str):
        super().__init__(
            directory,
            "call.id",
            f"bando sconosciuto {call_id!r}; bandi disponibili: {known}",
            f"unknown call {call_id!r}; known calls: {known}",
        )
        self.call_id = call_id


@dataclass(frozen=True)
class Session:
    code: str
    name: str
    opens: dt.date | None
    closes: dt.date | None
    # The session's own budget, when the notice splits the call's budget; None:
    # what is left of the call's budget after earlier sessions' admitted grants.
    budget_cents: int | None = None

    def contains(self, day: dt.date) -> bool:
        return (self.opens is None or day >= self.opens) and (
            self.closes is None or day <= self.closes
        )


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    admitted: bool
    synonyms: tuple[str, ...]


@dataclass(frozen=True)
class Objective:
    number: int
    name: str
    description: str


@dataclass(frozen=True)
class Criterion:
    id: str
    name: str
    max: Decimal
    step: Decimal
    weight: Decimal
    in_total: bool
    objectives: tuple[int, ...]
    description: str


@dataclass(frozen=True)
class Grid:
    name: str
    is_default: bool
    notice: str
    minimum_total: Decimal
    evaluators_per_application: int
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class Evaluation:
    """How the committee's scores become a ranking ([evaluation] in the call file)."""

    aggregation: str  # mean / median of the evaluators' totals
    blind: bool  # an evaluator sees others' scores only after submitting
    disagreement_limit: Decimal  # spread (max − min) of totals that flags an application
    normalisation_min_sheets: int  # evaluators with fewer sheets are not normalised
    # Criterion ids compared in order when scores tie, then "submission" (earlier first).
    tie_breakers: tuple[str, ...]


@dataclass(frozen=True)
class LetterOptions:
    """What the call says about its letters ([letters] in the call file)."""

    # The act approving the call, quoted in every letter's premises.
    call_act: str
    # The act approving each session's ranking, by session code (may be empty).
    ranking_acts: Mapping[str, str]
    # Notice of the grounds for rejection (art. 10-bis L. 241/1990): off by default,
    # since case law reads a call with a comparative selection as a "procedura
    # concorsuale", which the article excludes.
    preavviso: bool
    observation_days: int  # days for written observations after a preavviso
    soccorso_days: int  # days to complete an application (soccorso istruttorio)
    agreement_days: int  # days to sign the grant agreement (convenzione)
    court: str  # the administrative court for the appeal clause
    office: str  # the office file in resources/letters/ (without .toml)
    selection_method: str  # how beneficiaries are chosen, for the publication


@dataclass(frozen=True)
class MeetingOptions:
    """How the committee's sittings run ([meeting] in the call file)."""

    # Voting members present needed for an evaluative decision: "all" (a technical
    # committee decides as a full college, the default) or a number.
    quorum: str | int = "all"
    item_target_minutes: int = 10  # time per item before the room view's calm signal


@dataclass(frozen=True)
class CallDefinition:
    id: str
    title: str
    authority: str
    city: str
    sessions: tuple[Session, ...]
    min_cost_cents: int
    max_cost_cents: int
    crowdfunding_share: Decimal
    grant_share: Decimal
    grant_cap_cents: int
    budget_cents: int
    max_duration_months: int
    campaign_days: int
    rea_required: bool
    lead_partners: int
    operating_site_city: str
    districts: int
    categories: tuple[Category, ...]
    objectives: tuple[Objective, ...]
    grid: Grid
    evaluation: Evaluation
    # When a running campaign is flagged "at risk" ([campaigns] in the call file).
    risk_rules: RiskRules
    source: Path
    letters: LetterOptions = None  # type: ignore[assignment]  # always set by load_call
    meeting: MeetingOptions = MeetingOptions()

    def session_for(self, day: dt.date) -> Session | None:
        for session in self.sessions:
            if session.contains(day):
                return session
        return None

    def grant_cents(self, cost_cents: int) -> int:
        """The city's grant for a project of this cost, if its campaign succeeds."""
        return min(self._grant_of(cost_cents), self.grant_cap_cents)

    @functools.cached_property
    def _grant_of(self):
        # Memoised: an import asks for every cost several times (rules, stored values).
        return functools.lru_cache(maxsize=4096)(
            lambda cents: money.share_cents(cents, self.grant_share)
        )

    def crowdfunding_target_cents(self, cost_cents: int) -> int:
        """What the campaign must raise: the part of the cost the grant does not cover."""
        return cost_cents - self.grant_cents(cost_cents)

    def category(self, text: str) -> Category | None:
        """The category a free-text value names (name, id or synonym), if any."""
        return self._category_index().get(normalise_key(text))

    def objective(self, text: str) -> Objective | None:
        """The objective a cell names: its number or its name."""
        key = normalise_key(text)
        for objective in self.objectives:
            if key in (str(objective.number), normalise_key(objective.name)):
                return objective
        return None

    def _category_index(self) -> dict[str, Category]:
        index = self.__dict__.get("_categories_by_key")
        if index is None:
            index = {}
            for category in self.categories:
                for text in (category.name, category.id, *category.synonyms):
                    index.setdefault(normalise_key(text), category)
            object.__setattr__(self, "_categories_by_key", index)
        return index


class _Reader:
    """Reads typed values out of a parsed TOML table, naming the key on error."""

    def __init__(self, path: Path, table: dict, prefix: str):
        self.path, self.table, self.prefix = path, table, prefix

    def fail(self, key: str, it: str, en: str) -> CallConfigError:
        return CallConfigError(self.path, f"{self.prefix}{key}", it, en)

    def _get(self, key: str, default: object):
        if key not in self.table:
            if default is _REQUIRED:
                raise self.fail(key, "manca: aggiungere questa chiave", "missing: add this key")
            return default
        return self.table[key]

    def text(self, key: str, default: object = None) -> str:
        value = self._get(key, _REQUIRED if default is None else default)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(
                key,
                f"serve un testo non vuoto, trovato {value!r}",
                f"expected a non-empty text, got {value!r}",
            )
        return value.strip()

    def optional_text(self, key: str) -> str:
        """A text that may be absent or empty (then "")."""
        value = self.table.get(key, "")
        if not isinstance(value, str):
            raise self.fail(
                key, f"serve un testo, trovato {value!r}", f"expected a text, got {value!r}"
            )
        return value.strip()

    def integer(self, key: str, low: int, high: int, default: object = None) -> int:
        value = self._get(key, _REQUIRED if default is None else default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(
                key,
                f"serve un numero intero da {low} a {high}, trovato {value!r}",
                f"expected a whole number from {low} to {high}, got {value!r}",
            )
        return value

    def boolean(self, key: str, default: object = None) -> bool:
        value = self._get(key, _REQUIRED if default is None else default)
        if not isinstance(value, bool):
            raise self.fail(
                key,
                f"serve true oppure false, trovato {value!r}",
                f"expected true or false, got {value!r}",
            )
        return value

    def decimal(self, key: str, low: Decimal, high: Decimal, default: object = None) -> Decimal:
        value = self._get(key, _REQUIRED if default is None else default)
        if isinstance(value, bool) or not isinstance(value, str | int):
            # Floats are refused so that money never passes through binary fractions.
            raise self.fail(
                key,
                f'serve un numero scritto come testo, ad esempio "0.50", trovato {value!r}',
                f'expected a number written as text, like "0.50", got {value!r}',
            )
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            raise self.fail(
                key,
                f'serve un numero come "0.50", trovato {value!r}',
                f'expected a number like "0.50", got {value!r}',
            ) from None
        if not number.is_finite() or not low <= number <= high:
            raise self.fail(
                key,
                f"serve un valore da {low} a {high}, trovato {value!r}",
                f"expected a value from {low} to {high}, got {value!r}",
            )
        return number

    def cents(self, key: str) -> int:
        amount = self.decimal(key, Decimal(0), Decimal("1000000000"))
        if amount != amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP):
            raise self.fail(
                key,
                f"un importo ha al massimo due decimali, trovato {amount}",
                f"an amount has at most two decimals, got {amount}",
            )
        return money.to_cents(amount)

    def date(self, key: str) -> dt.date | None:
        value = self.table.get(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise self.fail(
                key,
                f"serve una data come 2025-01-31 (senza virgolette), trovato {value!r}",
                f"expected a date like 2025-01-31 (no quotes), got {value!r}",
            )
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(
                key,
                f"serve un elenco di testi, trovato {value!r}",
                f"expected a list of texts, got {value!r}",
            )
        return tuple(value)

    def table_list(self, key: str) -> list[_Reader]:
        value = self._get(key, _REQUIRED)
        if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
            raise self.fail(
                key,
                f"servono una o più tabelle [[{self.prefix}{key}]]",
                f"expected one or more [[{self.prefix}{key}]] tables",
            )
        return [
            _Reader(self.path, item, f"{self.prefix}{key}[{i}].") for i, item in enumerate(value)
        ]

    def optional_sub(self, key: str) -> _Reader:
        """A table whose keys all have defaults: absent means an empty table."""
        if key not in self.table:
            return _Reader(self.path, {}, f"{self.prefix}{key}.")
        return self.sub(key)

    def sub(self, key: str) -> _Reader:
        value = self._get(key, _REQUIRED)
        if not isinstance(value, dict):
            raise self.fail(
                key,
                f"serve una tabella [{self.prefix}{key}]",
                f"expected a [{self.prefix}{key}] table",
            )
        return _Reader(self.path, value, f"{self.prefix}{key}.")


_REQUIRED = object()


def load_call(path: Path | str) -> CallDefinition:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CallConfigError(
            path,
            "(file)",
            f"non si può leggere: {error.strerror}",
            f"cannot be read: {error.strerror}",
        ) from None
    except UnicodeDecodeError:
        raise CallConfigError(
            path,
            "(file)",
            "non è testo UTF-8: salvarlo come UTF-8",
            "is not UTF-8 text: save it as UTF-8",
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise CallConfigError(
            path, "(file)", f"non è TOML valido: {error}", f"is not valid TOML: {error}"
        ) from None

    root = _Reader(path, data, "")
    call = root.sub("call")
    money_ = root.sub("money")
    project = root.sub("project")
    applicants = root.sub("applicants")

    sessions = tuple(_session(reader) for reader in root.table_list("sessions"))
    _check_unique(path, "sessions", [s.code for s in sessions], "code")
    _check_sessions_do_not_overlap(path, sessions)

    min_cost = money_.cents("min_cost")
    max_cost = money_.cents("max_cost")
    if min_cost > max_cost:
        raise money_.fail("min_cost", "è maggiore di max_cost", "is greater than max_cost")
    crowd = money_.decimal("crowdfunding_share", Decimal(0), Decimal(1))
    grant = money_.decimal("grant_share", Decimal(0), Decimal(1))
    if crowd + grant != 1:
        raise money_.fail(
            "grant_share",
            f"crowdfunding_share + grant_share deve fare 1, fa {crowd + grant}",
            f"crowdfunding_share + grant_share must be 1, is {crowd + grant}",
        )

    categories = tuple(
        Category(
            id=r.text("id"),
            name=r.text("name"),
            admitted=r.boolean("admitted"),
            synonyms=r.strings("synonyms"),
        )
        for r in root.table_list("categories")
    )
    _check_unique(path, "categories", [c.id for c in categories], "id")
    if not any(c.admitted for c in categories):
        raise CallConfigError(
            path, "categories", "nessuna categoria è ammessa", "no category is admitted"
        )

    objectives = tuple(
        Objective(
            number=r.integer("number", 1, 99),
            name=r.text("name"),
            description=r.text("description"),
        )
        for r in root.table_list("objectives")
    )
    _check_unique(path, "objectives", [o.number for o in objectives], "number")

    grid = _grid(root.sub("grid"), {o.number for o in objectives})
    return CallDefinition(
        id=call.text("id"),
        title=call.text("title"),
        authority=call.text("authority"),
        city=call.text("city"),
        sessions=sessions,
        min_cost_cents=min_cost,
        max_cost_cents=max_cost,
        crowdfunding_share=crowd,
        grant_share=grant,
        grant_cap_cents=money_.cents("grant_cap"),
        budget_cents=money_.cents("budget"),
        max_duration_months=project.integer("max_duration_months", 1, 120),
        campaign_days=project.integer("campaign_days", 1, 365),
        rea_required=applicants.boolean("rea_required"),
        lead_partners=applicants.integer("lead_partners", 1, 1),
        operating_site_city=applicants.text("operating_site_city"),
        districts=applicants.integer("districts", 1, 99),
        categories=categories,
        objectives=objectives,
        grid=grid,
        evaluation=_evaluation(root.optional_sub("evaluation"), grid),
        risk_rules=_risk_rules(root.optional_sub("campaigns")),
        source=path,
        letters=_letter_options(root.optional_sub("letters"), sessions),
        meeting=_meeting_options(root.optional_sub("meeting")),
    )


_MEETING_KEYS = ("quorum", "item_target_minutes")


def _meeting_options(r: _Reader) -> MeetingOptions:
    for key in r.table:
        if key not in _MEETING_KEYS:
            raise r.fail(
                key,
                f"chiave sconosciuta: usare una di {', '.join(_MEETING_KEYS)}",
                f"unknown key: expected one of {', '.join(_MEETING_KEYS)}",
            )
    quorum = r.table.get("quorum", "all")
    if isinstance(quorum, str) and quorum != "all":
        raise r.fail(
            "quorum",
            f'serve "all" (tutti i componenti) oppure un numero intero, trovato {quorum!r}',
            f'expected "all" (every member) or a whole number, got {quorum!r}',
        )
    if quorum != "all":
        quorum = r.integer("quorum", 1, 99)
    return MeetingOptions(
        quorum=quorum, item_target_minutes=r.integer("item_target_minutes", 1, 240, 10)
    )


def _letter_options(r: _Reader, sessions: tuple[Session, ...]) -> LetterOptions:
    acts = r.optional_sub("ranking_acts")
    known = {s.code for s in sessions}
    for code in acts.table:
        if code not in known:
            raise acts.fail(
                code,
                f"la sessione «{code}» non è tra le [[sessions]] del bando",
                f"session “{code}” is not among the call's [[sessions]]",
            )
    return LetterOptions(
        call_act=r.optional_text("call_act"),
        ranking_acts={code: acts.text(code) for code in acts.table},
        preavviso=r.boolean("preavviso", False),
        observation_days=r.integer("observation_days", 1, 90, 10),
        soccorso_days=r.integer("soccorso_days", 1, 90, 10),
        agreement_days=r.integer("agreement_days", 1, 180, 30),
        court=r.text("court", "Tribunale Amministrativo Regionale competente"),
        office=r.text("office", "ufficio"),
        selection_method=r.text(
            "selection_method",
            "Avviso pubblico con valutazione comparativa da parte di una commissione "
            "tecnica e cofinanziamento tramite campagna di crowdfunding civico",
        ),
    )


def _session(r: _Reader) -> Session:
    session = Session(
        code=r.text("code"),
        name=r.text("name"),
        opens=r.date("opens"),
        closes=r.date("closes"),
        budget_cents=r.cents("budget") if "budget" in r.table else None,
    )
    if session.opens and session.closes and session.opens > session.closes:
        raise r.fail(
            "opens",
            f"{session.opens} è dopo la chiusura {session.closes}",
            f"{session.opens} is after closes {session.closes}",
        )
    return session


def _grid(r: _Reader, objective_numbers: set[int]) -> Grid:
    criteria = []
    for c in r.table_list("criteria"):
        maximum = c.decimal("max", Decimal(0), Decimal(1000))
        objectives = c.table.get("objectives", [])
        if not isinstance(objectives, list) or not set(objectives) <= objective_numbers:
            raise c.fail(
                "objectives",
                f"servono numeri di obiettivo tra {sorted(objective_numbers)}, "
                f"trovato {objectives!r}",
                f"expected objective numbers among {sorted(objective_numbers)}, got {objectives!r}",
            )
        criteria.append(
            Criterion(
                id=c.text("id"),
                name=c.text("name"),
                max=maximum,
                step=c.decimal("step", Decimal("0.01"), maximum or Decimal(1), default=1),
                weight=c.decimal("weight", Decimal(0), Decimal(100), default=1),
                in_total=c.boolean("in_total", default=True),
                objectives=tuple(objectives),
                description=c.text("description", default=c.table.get("name", "-")),
            )
        )
    _check_unique(r.path, "grid.criteria", [c.id for c in criteria], "id")
    total = sum((c.max * c.weight for c in criteria if c.in_total), Decimal(0))
    minimum = r.decimal("minimum_total", Decimal(0), Decimal(10000))
    if minimum > total:
        raise r.fail(
            "minimum_total",
            f"{minimum} supera il totale massimo della griglia {total}",
            f"{minimum} is above the grid's maximum total {total}",
        )
    return Grid(
        name=r.text("name"),
        is_default=r.boolean("is_default"),
        notice=r.text("notice", default="-"),
        minimum_total=minimum,
        evaluators_per_application=r.integer("evaluators_per_application", 1, 20, default=3),
        criteria=tuple(criteria),
    )


def _evaluation(r: _Reader, grid: Grid) -> Evaluation:
    aggregation = r.text("aggregation", default="mean")
    if aggregation not in ("mean", "median"):
        raise r.fail(
            "aggregation",
            f'serve "mean" oppure "median", trovato {aggregation!r}',
            f'expected "mean" or "median", got {aggregation!r}',
        )
    criteria = {c.id for c in grid.criteria}
    tie_breakers = r.strings("tie_breakers") or ("submission",)
    for i, breaker in enumerate(tie_breakers):
        if breaker != "submission" and breaker not in criteria:
            listed = ", ".join(sorted(criteria))
            raise r.fail(
                f"tie_breakers[{i}]",
                f'{breaker!r} non è né un criterio della griglia ({listed}) né "submission"',
                f'{breaker!r} is neither a criterion id of the grid ({listed}) nor "submission"',
            )
    return Evaluation(
        aggregation=aggregation,
        blind=r.boolean("blind", default=True),
        disagreement_limit=r.decimal("disagreement_limit", Decimal(0), Decimal(10000), default=20),
        normalisation_min_sheets=r.integer("normalisation_min_sheets", 1, 10000, default=5),
        tie_breakers=tie_breakers,
    )


def risk_rules(table: dict, where: Path | str) -> RiskRules:
    """The [campaigns] table of a call file (keys in desktop.domain.campaigns'
    docstring); an error names the file `where` and the key."""
    return _risk_rules(_Reader(Path(where), {"campaigns": table}, "").optional_sub("campaigns"))


def _risk_rules(r: _Reader) -> RiskRules:
    defaults = RiskRules()
    known = sorted(RiskRules.__dataclass_fields__)
    for key in r.table:
        if key not in known:
            raise r.fail(
                key,
                f"chiave sconosciuta: usare una di {', '.join(known)}",
                f"unknown key: expected one of {', '.join(known)}",
            )

    def share(key: str, low: Decimal = Decimal(0), high: Decimal = Decimal(1)) -> Decimal:
        return r.decimal(key, low, high, default=str(getattr(defaults, key)))

    def whole(key: str, low: int, high: int) -> int:
        return r.integer(key, low, high, default=getattr(defaults, key))

    rules = r.table.get("rules", list(defaults.rules))
    if not isinstance(rules, list | tuple) or not all(isinstance(rule, str) for rule in rules):
        raise r.fail(
            "rules",
            f"serve un elenco di nomi di regole, trovato {rules!r}",
            f"expected a list of rule names, got {rules!r}",
        )
    for i, rule in enumerate(rules):
        if rule not in RISK_RULES:
            raise r.fail(
                f"rules[{i}]",
                f"regola sconosciuta {rule!r}: usare una di {', '.join(RISK_RULES)}",
                f"unknown rule {rule!r}: expected one of {', '.join(RISK_RULES)}",
            )
    first = share("first_week_share")
    last = share("last_week_share")
    if first + last > 1:
        raise r.fail(
            "last_week_share",
            f"first_week_share + last_week_share deve essere al massimo 1, è {first + last}",
            f"first_week_share + last_week_share must be at most 1, is {first + last}",
        )
    spread = share("forecast_spread")
    if spread > min(first, last):
        raise r.fail(
            "forecast_spread",
            f"non deve superare first_week_share e last_week_share ({min(first, last)}), "
            f"trovato {spread}",
            f"must not exceed first_week_share and last_week_share ({min(first, last)}), "
            f"got {spread}",
        )
    return RiskRules(
        rules=tuple(dict.fromkeys(rules)),
        slow_start_after=share("slow_start_after"),
        slow_start_below=share("slow_start_below"),
        required_rate_factor=share("required_rate_factor", Decimal(1), Decimal(1000)),
        closing_days=whole("closing_days", 1, 365),
        closing_below=share("closing_below"),
        first_week_share=first,
        last_week_share=last,
        forecast_spread=spread,
        forecast_after_days=whole("forecast_after_days", 0, 365),
    )


def _check_unique(path: Path, key: str, values: list, field: str) -> None:
    seen = set()
    for i, value in enumerate(values):
        if value in seen:
            raise CallConfigError(
                path,
                f"{key}[{i}].{field}",
                f"{value!r} è usato due volte",
                f"{value!r} is used twice",
            )
        seen.add(value)


def _check_sessions_do_not_overlap(path: Path, sessions: tuple[Session, ...]) -> None:
    low, high = dt.date.min, dt.date.max
    ordered = sorted(sessions, key=lambda s: s.opens or low)
    for earlier, later in itertools.pairwise(ordered):
        if (earlier.closes or high) >= (later.opens or low):
            raise CallConfigError(
                path,
                "sessions",
                f"le sessioni {earlier.code} e {later.code} si sovrappongono: una data deve "
                "cadere in una sola sessione",
                f"sessions {earlier.code} and {later.code} overlap: a date must fall in one session",
            )


def calls_directory() -> Path:
    from desktop.paths import resources_dir

    return resources_dir() / "calls"


def available_calls(directory: Path | None = None) -> list[CallDefinition]:
    """Every call file in the directory, loaded and validated, newest edition first."""
    directory = directory or calls_directory()
    calls = [load_call(path) for path in sorted(directory.glob("*.toml"))]
    _check_unique(directory, "call.id", [c.id for c in calls], "id")
    return sorted(calls, key=_last_closing, reverse=True)


def _last_closing(call: CallDefinition) -> dt.date:
    return max((s.closes or dt.date.max) for s in call.sessions)


def find_call(call_id: str | None, directory: Path | None = None) -> CallDefinition:
    """The call with this id, or the newest edition when no id is given."""
    calls = available_calls(directory)
    if call_id is None:
        return calls[0]
    for call in calls:
        if call.id == call_id:
            return call
    raise UnknownCall(call_id, directory or calls_directory(), ", ".join(c.id for c in calls))

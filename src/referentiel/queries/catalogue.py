"""The catalogue of named research queries: one ``.rq`` file each, with a comment header.

Header syntax (leading ``#`` lines of the file; docs/store.md has the full description)::

    # title@fr: Centralisation des situations par service
    # title@en: Centralisation of situations per service
    # description@fr: Part des situations suivies détenue par les professionnel·les les plus
    #   sollicité·es ...            (a line starting with "#" and 2+ spaces continues the previous key)
    # description@en: ...
    # param: min_share xsd:decimal = 0.2 — share of the service's situations from which ...
    # param: from xsd:date — a required parameter (no default)
    # count: families                (the column(s) counting families, for disclosure control)
    # disclosure: not-applicable — why no family count exists (instead of "count")
    # concept: risk-centralisation   (the framework's risk or characteristic concept it measures)

Parameter types: ``xsd:integer``, ``xsd:decimal``, ``xsd:double``, ``xsd:boolean``, ``xsd:date``,
``xsd:dateTime``, ``xsd:gYear``, ``xsd:string``, ``iri``. A parameter ``lang`` is bound to the
``--lang`` of the command when not given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from referentiel.errors import ConfigError, InputError
from referentiel.store.terms import PARAM_TYPES, Term, param_term


@dataclass
class Param:
    """A declared query parameter."""

    name: str
    type: str
    default: str | None
    description: str = ""

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass
class CatalogueQuery:
    """A research query with its header."""

    name: str
    text: str
    titles: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    params: list[Param] = field(default_factory=list)
    count_columns: list[str] = field(default_factory=list)
    disclosure: str | None = None  # "not-applicable — reason", when the rows do not count families
    concept: str | None = (
        None  # local name of the framework concept measured (refc:risk-..., characteristic-...)
    )
    source: str = "catalogue"  # "catalogue", a file path, or "<stdin>"

    @property
    def ad_hoc(self) -> bool:
        """True for a researcher's own query (not from the bundled catalogue)."""
        return self.source != "catalogue"

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.titles.get("en") or self.titles.get("fr") or self.name

    def description(self, lang: str) -> str:
        return self.descriptions.get(lang) or self.descriptions.get("en") or self.descriptions.get("fr") or ""

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def bindings(self, values: dict[str, str], lang: str = "fr") -> dict[str, Term]:
        """RDF terms for every declared parameter: given values, else defaults; errors are exit 2."""
        known = {p.name for p in self.params}
        for name in values:
            if name not in known:
                raise ConfigError.of(
                    "the query {query!r} has no parameter {param!r}",
                    hint="its parameters are: {known}" if known else "this query takes no parameter",
                    query=self.name,
                    param=name,
                    known=", ".join(sorted(known)),
                )
        out: dict[str, Term] = {}
        for p in self.params:
            text = values.get(p.name)
            if text is None and p.name == "lang":
                text = lang
            if text is None:
                text = p.default
            if text is None:
                raise ConfigError.of(
                    "the query {query!r} needs the parameter {param!r} ({type})",
                    hint="give --param {param}=VALUE ({description})",
                    query=self.name,
                    param=p.name,
                    type=p.type,
                    description=p.description,
                )
            out[p.name] = param_term(p.name, p.type, text)
        return out


_KEY = re.compile(r"^#\s?([A-Za-z][\w-]*)(@[a-z]{2})?\s*:\s?(.*)$")
_PARAM = re.compile(r"^([A-Za-z_]\w*)\s+(\S+)(?:\s*=\s*(\S+))?\s*(?:(?:—|--|-)\s*(.*))?$")


def parse_query(text: str, name: str, source: str = "catalogue") -> CatalogueQuery:
    """A query and its header; header errors are :class:`ConfigError` with the line number."""
    query = CatalogueQuery(name=name, text=text, source=source)
    last: tuple[dict[str, str], str] | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if not line.strip():
            continue
        if not line.startswith("#"):
            break
        if re.match(r"^#\s{2,}\S", line) and last is not None:
            target, key = last
            target[key] = (target[key] + " " + line[1:].strip()).strip()
            continue
        match = _KEY.match(line)
        if not match:
            last = None
            continue
        key, lang, value = match.group(1).lower(), (match.group(2) or "")[1:], match.group(3).strip()
        if key in ("title", "description"):
            target = query.titles if key == "title" else query.descriptions
            target[lang or "en"] = value
            last = (target, lang or "en")
        elif key == "param":
            pm = _PARAM.match(value)
            if not pm or pm.group(2) not in PARAM_TYPES:
                raise ConfigError.of(
                    "malformed parameter declaration",
                    file=source if source != "catalogue" else f"{name}.rq",
                    line=number,
                    hint="write `# param: NAME TYPE [= DEFAULT] — description` with TYPE one of {types}",
                    types=", ".join(PARAM_TYPES),
                )
            param = Param(pm.group(1), pm.group(2), pm.group(3), (pm.group(4) or "").strip())
            if param.default is not None:
                param_term(param.name, param.type, param.default)  # a bad default is the author's error
            query.params.append(param)
            last = None
        elif key == "count":
            query.count_columns = [c.strip().lstrip("?") for c in value.split(",") if c.strip()]
            last = None
        elif key == "disclosure":
            query.disclosure = value
            last = None
        elif key == "concept":
            query.concept = value
            last = None
        else:
            last = None
    return query


def _folder() -> resources.abc.Traversable:
    return resources.files("referentiel.queries").joinpath("catalogue")


def catalogue() -> list[CatalogueQuery]:
    """Every bundled research query, sorted by name."""
    out = []
    for node in sorted(_folder().iterdir(), key=lambda n: n.name):
        if node.name.endswith(".rq"):
            out.append(parse_query(node.read_text(encoding="utf-8"), node.name[:-3]))
    return out


def get_query(ref: str, stdin_text: str | None = None) -> CatalogueQuery:
    """A catalogue query by name, a ``.rq`` file, or ``-`` (the text from standard input)."""
    if ref == "-":
        if not stdin_text or not stdin_text.strip():
            raise InputError.of("no query on standard input", file="<stdin>")
        return parse_query(stdin_text, "stdin", source="<stdin>")
    node = _folder().joinpath(f"{ref}.rq")
    if "/" not in ref and not ref.endswith(".rq") and node.is_file():
        return parse_query(node.read_text(encoding="utf-8"), ref)
    path = Path(ref)
    if path.suffix == ".rq" or path.exists():
        if path.is_dir():
            raise InputError.of("this is a folder, not a query file", file=ref, hint="give a .rq file")
        if not path.is_file():
            raise InputError.of("query file not found", file=ref, hint="check the path")
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise InputError.of(
                "the query file is not UTF-8 text (byte {byte})",
                byte=exc.start,
                file=ref,
                hint="a query file is SPARQL text saved as UTF-8",
            ) from None
        except OSError as exc:
            raise InputError.of(
                "cannot read the query file ({why})",
                why=exc.strerror or type(exc).__name__,
                file=ref,
                hint="check the file's permissions",
            ) from None
        return parse_query(text, path.stem, source=str(path))
    names = ", ".join(q.name for q in catalogue())
    raise ConfigError.of(
        "no catalogue query named {name!r}", hint="see `referentiel queries`; names: {names}",
        name=ref, names=names,
    )

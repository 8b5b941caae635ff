"""Loading a profile: the YAML file checked key by key against the model and the framework's
entities and properties, every problem located (file, line, key) in the user's language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from referentiel.error_messages import phrase
from referentiel.errors import ConfigError
from referentiel.translation.model import (
    COMPOSITIONS,
    CONCEPT,
    ENTITIES,
    ENTITY_PROPERTIES,
    PROPERTIES,
    REFERENCE,
)
from referentiel.translation.profile_model import (
    DATATYPES,
    ENCODINGS,
    PROFILE_VERSION,
    SLUG,
    ColumnSpec,
    Profile,
    TableSpec,
    _norm_title,
    date_format,
)
from referentiel.translation.profile_yaml import _build, _Node, _Reader

_TOP_KEYS = {"profile", "organisation", "mappings", "dialect", "dates", "null", "organisations", "tables"}
_ORG_KEYS = {"slug", "name", "commune", "sector", "serviceType"}
_DIALECT_KEYS = {"delimiter", "encoding", "quoteChar", "header"}
_TABLE_KEYS = {"url", "sheet", "entity", "primaryKey", "columns", "dialect", "dates", "null", "path"}
_COLUMN_KEYS = {
    "titles",
    "propertyUrl",
    "property",
    "datatype",
    "format",
    "separator",
    "null",
    "required",
    "personal",
    "references",
    "composition",
    "suppressOutput",
    "description",
}


def load_profile(path: str | Path) -> Profile:
    """Read and validate an organisation profile (YAML); raises ConfigError naming file, line and key."""
    path = Path(path)
    file = str(path)
    if not path.exists():
        raise ConfigError.of("profile not found", file=file, hint="check the path given to --profile")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError.of("the profile is not UTF-8 text", file=file, hint="save it as UTF-8") from None
    except OSError as exc:
        raise ConfigError.of("the profile cannot be read ({why})", file=file, why=exc.strerror) from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "malformed YAML"
        # The YAML parser's diagnosis stays in its words; the frame around it is translated.
        raise ConfigError.of(
            "malformed YAML ({problem})",
            problem=problem,
            file=file,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            hint="check the indentation and the quoting at that place",
        ) from None
    if root is None:
        raise ConfigError.of("the profile is empty", file=file)
    top = _Reader(file, _build(root), "profile", _TOP_KEYS)
    version = top.str("profile", required=True)
    if version != str(PROFILE_VERSION):
        raise top.error(
            "profile", "unsupported profile version {version!r}", hint="write profile: {supported}",
            version=version, supported=PROFILE_VERSION,
        )

    org_node = top.node("organisation")
    if org_node is None:
        raise ConfigError.of(
            "{where}: the key {key!r} is required", file=file, line=top.line,
            where="profile", key="organisation",
        )
    org = _Reader(file, org_node, "organisation", _ORG_KEYS)
    slug = org.str("slug", required=True) or ""
    if not SLUG.match(slug):
        raise org.error(
            "slug",
            "{slug!r} is not a slug",
            hint="lower-case letters, digits and hyphens, e.g. cpas-ixelles",
            slug=slug,
        )
    name = org.str("name", required=True) or ""
    sector, service_type = org.str("sector"), org.str("serviceType")
    for key, value, prefix in (("sector", sector, "sector-"), ("serviceType", service_type, "service-type-")):
        if value is not None and not value.removeprefix("refc:").startswith(prefix):
            raise org.error(
                key, "{value!r} is not a concept of the scheme ({prefix}...)", value=value, prefix=prefix
            )

    mappings = None
    mapping_name = top.str("mappings")
    if mapping_name is not None:
        mappings = (path.parent / mapping_name).resolve()
        if not mappings.exists():
            raise top.error(
                "mappings",
                "mapping set {name!r} not found next to the profile",
                hint="give the SSSOM file's path relative to the profile, or create an empty one",
                name=mapping_name,
            )

    dialect = _dialect(file, top.node("dialect"), {"delimiter": None, "encoding": "auto", "quoteChar": '"'})
    dates = _dates(top, "dates", ["dd/MM/yyyy", "yyyy-MM-dd"])
    nulls = top.strings("null") or [""]

    organisations: dict[str, str] = {}
    organisation_info: dict[str, dict[str, str]] = {}
    orgs_node = top.node("organisations")
    if orgs_node is not None:
        if not isinstance(orgs_node.value, dict):
            raise top.error("organisations", "expected a mapping: local name or id -> organisation slug")
        for local, (value, line) in orgs_node.value.items():
            # either `Local name: slug`, or `Local name: {slug: ..., sector: ..., serviceType: ...}`
            if isinstance(value.value, dict):
                entry = _Reader(
                    file, value, phrase("organisations, key {local!r}", local=local),
                    {"slug", "sector", "serviceType"},
                )
                target = entry.str("slug", required=True) or ""
                info = organisation_info.setdefault(target, {})
                for key, prefix in (("sector", "sector-"), ("serviceType", "service-type-")):
                    concept = entry.str(key)
                    if concept is not None:
                        concept = concept.removeprefix("refc:")
                        if not concept.startswith(prefix):
                            raise entry.error(
                                key, "{value!r} is not a concept of the scheme ({prefix}...)",
                                value=concept, prefix=prefix,
                            )
                        info[key] = concept
            else:
                target = value.value
            if not isinstance(target, str) or not SLUG.match(target):
                raise ConfigError.of(
                    "organisations, key {local!r}: {target!r} is not an organisation slug",
                    file=file,
                    line=line,
                    local=local,
                    target=target,
                )
            organisations[_norm_title(local)] = target
    organisations.setdefault(_norm_title(slug), slug)
    organisations.setdefault(_norm_title(name), slug)

    tables_node = top.node("tables")
    if tables_node is None or not isinstance(tables_node.value, list) or not tables_node.value:
        raise ConfigError.of(
            "profile: 'tables' must list at least one table",
            file=file,
            line=tables_node.line if tables_node else top.line,
        )
    tables = [_table(file, t, i, dialect, dates, nulls) for i, t in enumerate(tables_node.value, 1)]
    if any(c.vocabulary for t in tables for c in t.columns) and mappings is None:
        raise ConfigError.of(
            "profile: some columns carry vocabulary (concept properties) but no mapping set is given",
            file=file,
            line=top.line,
            hint="add `mappings: mappings.sssom.tsv` (SSSOM/TSV, next to the profile)",
        )
    _check_references(file, tables)
    commune = org.str("commune")
    if commune is not None:
        from referentiel.privacy import screen

        if screen(commune):
            # the organisation's commune goes into every export's RDF: a street there is an address
            raise org.error(
                "commune",
                "the commune is not a commune's name alone: it looks like personal data (an address, a name)",
                hint="give the commune's name only (e.g. Ixelles), without street, number or postcode",
            )
    return Profile(
        path=path,
        slug=slug,
        name=name,
        tables=tables,
        commune=commune,
        sector=sector.removeprefix("refc:") if sector else None,
        service_type=service_type.removeprefix("refc:") if service_type else None,
        mappings=mappings,
        organisations=organisations,
        organisation_info=organisation_info,
    )


def _dialect(file: str, node: _Node | None, base: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    if node is None:
        return out
    reader = _Reader(file, node, "dialect", _DIALECT_KEYS)
    delimiter = reader.str("delimiter")
    if delimiter is not None:
        delimiter = {"\\t": "\t", "tab": "\t", "TAB": "\t"}.get(delimiter, delimiter)
        if len(delimiter) != 1:
            raise reader.error(
                "delimiter", "{delimiter!r} is not a single character", hint='e.g. ";" "," or "\\t"',
                delimiter=delimiter,
            )
        out["delimiter"] = delimiter
    encoding = reader.str("encoding")
    if encoding is not None:
        if encoding.lower() not in ENCODINGS:
            raise reader.error(
                "encoding", "unsupported encoding {encoding!r}", hint="one of: {known}",
                encoding=encoding, known=", ".join(ENCODINGS),
            )
        out["encoding"] = encoding.lower()
    quote = reader.str("quoteChar")
    if quote is not None:
        out["quoteChar"] = quote
    return out


def _dates(reader: _Reader, key: str, default: list[str]) -> list[str]:
    patterns = reader.strings(key)
    if patterns is None:
        return [date_format(p) for p in default]
    out = []
    for pattern in patterns:
        try:
            out.append(date_format(pattern))
        except ValueError as exc:
            raise reader.error(
                key, "{why}", hint="use dd, MM, yyyy and separators, e.g. dd/MM/yyyy, or excel", why=str(exc)
            ) from None
    return out


def _table(
    file: str, node: _Node, index: int, dialect: dict[str, Any], dates: list[str], nulls: list[str]
) -> TableSpec:
    reader = _Reader(file, node, phrase("table {index}", index=index), _TABLE_KEYS)
    url = reader.str("url", required=True) or ""
    reader.where = f"table {url}"
    entity = reader.str("entity", required=True) or ""
    if entity not in ENTITIES:
        raise reader.error(
            "entity", "unknown entity {entity!r}", hint="one of: {known}",
            entity=entity, known=", ".join(ENTITIES),
        )
    sheet = reader.str("sheet")
    if sheet is not None and not url.lower().endswith((".xlsx", ".xlsm")):
        raise reader.error("sheet", "a sheet is only meaningful for an .xlsx workbook")
    table_dialect = _dialect(file, reader.node("dialect"), dialect)
    table_dates = _dates(reader, "dates", []) if reader.node("dates") else dates
    table_nulls = reader.strings("null") or nulls
    table = TableSpec(
        url=url,
        entity=entity,
        line=reader.line,
        sheet=sheet,
        delimiter=table_dialect["delimiter"],
        encoding=table_dialect["encoding"],
        quotechar=table_dialect["quoteChar"],
        json_path=reader.str("path"),
    )
    columns_node = reader.node("columns")
    if columns_node is None or not isinstance(columns_node.value, list) or not columns_node.value:
        raise reader.error("columns", "list the columns of the table")
    allowed = ENTITY_PROPERTIES[entity]
    for col_node in columns_node.value:
        table.columns.append(_column(file, col_node, table, allowed, table_dates, table_nulls))
    seen: dict[str, int] = {}
    for col in table.columns:
        for title in col.titles:
            key = _norm_title(title)
            if key in seen:
                raise ConfigError.of(
                    "table {url}: the column {title!r} is described twice (first at line {first})",
                    file=file,
                    line=col.line,
                    url=url,
                    title=title,
                    first=seen[key],
                )
            seen[key] = col.line
    keys = reader.strings("primaryKey") or []
    for key in keys:
        col = table.column(key)
        if col is None:
            raise reader.error(
                "primaryKey",
                "{title!r} is not one of the table's columns",
                hint="name a column listed under `columns`",
                title=key,
            )
        col.is_key = True
    table.primary_key = keys
    return table


def _column(
    file: str, node: _Node, table: TableSpec, allowed: frozenset[str], dates: list[str], nulls: list[str]
) -> ColumnSpec:
    reader = _Reader(file, node, phrase("table {url}, column", url=table.url), _COLUMN_KEYS)
    titles = reader.strings("titles")
    if not titles:
        raise ConfigError.of(
            "table {url}: a column needs `titles` (its header in the export)",
            file=file,
            line=node.line,
            url=table.url,
        )
    reader.where = phrase("table {url}, column {title!r}", url=table.url, title=titles[0])
    col = ColumnSpec(titles=titles, line=node.line)
    col.suppress = reader.bool("suppressOutput")
    col.personal = reader.bool("personal")
    col.required = reader.bool("required")
    col.null = reader.strings("null") or nulls
    col.separator = reader.str("separator")
    if col.separator == "":
        raise reader.error("separator", "the separator cannot be empty")
    prop_name = reader.str("propertyUrl") or reader.str("property")
    key = "propertyUrl" if reader.node("propertyUrl") else "property"
    col.composition = reader.str("composition")
    if col.suppress:
        if prop_name or col.composition:
            raise reader.error("suppressOutput", "a suppressed column cannot feed a property")
        return col
    if col.composition is not None:
        if col.composition not in COMPOSITIONS:
            raise reader.error(
                "composition",
                "unknown composition {composition!r}",
                hint="one of: {known}",
                composition=col.composition,
                known=", ".join(COMPOSITIONS),
            )
        if table.entity != "situation":
            raise reader.error("composition", "family composition columns belong to a situation table")
        if prop_name:
            raise reader.error("composition", "a composition column does not take a property")
        if col.composition == "childrenBirthYears" and col.separator is None:
            col.separator = ","
        return col
    if prop_name is None:
        raise ConfigError.of(
            "{where}: say what the column feeds",
            where=reader.where,
            file=file,
            line=node.line,
            hint="add `property: <name>` (see docs/translation.md), or `suppressOutput: true` to drop it",
        )
    local = prop_name
    for prefix in ("ref:", "https://w3id.org/referentiel/ontology#"):
        local = local.removeprefix(prefix)
    spec = PROPERTIES.get(local)
    if spec is None:
        close = [
            p for p in PROPERTIES if p.lower() == local.lower() or p.lower().startswith(local.lower()[:4])
        ]
        raise reader.error(
            key,
            "unknown property {name!r} (not in the data contract)",
            hint="did you mean {close!r}?" if close else "see the properties in docs/architecture.md",
            name=prop_name,
            close=close[0] if close else "",
        )
    if local not in allowed:
        raise reader.error(
            key,
            "the property {name!r} does not apply to a {entity}",
            hint="a {entity} takes: {allowed}",
            name=local,
            entity=table.entity,
            allowed=", ".join(sorted(allowed)),
        )
    col.property = spec
    if col.separator is not None and not spec.multi:
        raise reader.error(
            "separator", "{name!r} takes a single value; a list separator makes no sense here", name=local
        )
    datatype_node = reader.node("datatype")
    if datatype_node is not None and spec.kind != "literal":
        raise reader.error(
            "datatype", "{name!r} takes a {kind}, not a literal: a datatype makes no sense here",
            name=local, kind=spec.kind,
        )
    if datatype_node is not None:
        if isinstance(datatype_node.value, dict):
            where = phrase("{where}, datatype", where=reader.where)
            dt = _Reader(file, datatype_node, where, {"base", "format"})
            col.datatype = dt.str("base", required=True) or "string"
            fmts = dt.strings("format")
        else:
            col.datatype = reader.str("datatype") or "string"
            fmts = None
        if col.datatype not in DATATYPES:
            raise reader.error(
                "datatype", "unknown datatype {datatype!r}", hint="one of: {known}",
                datatype=col.datatype, known=", ".join(DATATYPES),
            )
    else:
        col.datatype = spec.datatype or "string"
        fmts = None
    fmts = fmts or reader.strings("format")
    if spec.kind == "literal" and spec.datatype == "date":
        col.datatype = "date"
        try:
            col.formats = [date_format(f) for f in fmts] if fmts else list(dates)
        except ValueError as exc:
            raise reader.error("format", "{why}", why=str(exc)) from None
    references = reader.str("references")
    if references is not None:
        if spec.kind != REFERENCE:
            raise reader.error("references", "{name!r} is not a reference to another entity", name=local)
        if references not in ENTITIES:
            raise reader.error(
                "references", "unknown entity {entity!r}", hint="one of: {known}",
                entity=references, known=", ".join(ENTITIES),
            )
        col.references = references
    elif spec.kind == REFERENCE:
        col.references = spec.target
    if spec.target == "family":
        col.personal = True  # family ids are always pseudonymised (refd:family/{pseudonym})
    if col.personal and spec.kind == CONCEPT:
        raise reader.error("personal", "a vocabulary column cannot be personal")
    return col


def _check_references(file: str, tables: list[TableSpec]) -> None:
    """A reference and the id it points to must both be pseudonymised, or both not: else they never meet."""
    personal_ids: dict[str, bool] = {}
    for table in tables:
        keys = [c for c in table.columns if c.is_key]
        if keys:
            personal_ids.setdefault(table.entity, any(c.personal for c in keys))
    for table in tables:
        for col in table.columns:
            target = col.references
            if target in (None, "family", "organisation") or target not in personal_ids:
                continue
            if personal_ids[target] != col.personal:
                raise ConfigError.of(
                    "table {url}, column {title!r}: it refers to {target} ids, which are pseudonymised "
                    "in the table that defines them, while this column is not declared personal: the "
                    "references would not link"
                    if personal_ids[target]
                    else "table {url}, column {title!r}: it refers to {target} ids, which are not "
                    "pseudonymised in the table that defines them, while this column is declared personal: "
                    "the references would not link",
                    url=table.url,
                    title=col.title,
                    target=target,
                    file=file,
                    line=col.line,
                    hint="declare both with the same `personal:` value",
                )

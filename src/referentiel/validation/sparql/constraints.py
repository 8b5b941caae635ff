"""SHACL-SPARQL constraints (``sh:sparql``) as queries over a focus pattern (SHACL 5.3).

Split from :mod:`referentiel.validation.sparql.compiler` (the Core components): the query text of
a constraint is the user's, checked for what SHACL forbids, with ``$this``, ``$PATH`` and
``$currentShape`` substituted, and joined with the focus pattern where that equals pre-binding.
"""

from __future__ import annotations

import re

from rdflib import URIRef

from referentiel.errors import InputError
from referentiel.validation.sparql.compiler import prologue, term
from referentiel.validation.sparql.model import Shape, ShapesModel, SparqlConstraint

_FORBIDDEN = re.compile(r"\b(MINUS|SERVICE|VALUES)\b|\bAS\s+[?$]this\b", re.IGNORECASE)
_STRINGS = re.compile(
    r'"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*'
)


def sparql_query(
    model: ShapesModel,
    shape: Shape,
    constraint: SparqlConstraint,
    focus: str,
    shape_path: str | None,
    target_prefixes: dict[str, str],
) -> tuple[str, bool]:
    """A SPARQL-based constraint with $this pre-bound (SHACL 5.3.1), and whether it is set-based.

    When ``$this`` is only used where a join gives the same answers as pre-binding (the WHERE
    clause's own group, and EXISTS, which sees the solution it filters), the focus pattern is
    joined in: one query for all focus nodes (True). Otherwise (UNION, OPTIONAL, nested groups,
    sub-SELECTs, where a join would leave ``?this`` unbound) the query is returned without it, to
    be run once per focus node with ``?this`` substituted (False).
    """
    select = constraint.select
    code = _STRINGS.sub(lambda m: " " * len(m.group(0)), select)
    if _FORBIDDEN.search(code):
        raise InputError.of(
            "the SPARQL constraint {constraint} uses MINUS, SERVICE, VALUES or "
            "AS $this, which SHACL forbids (5.3.1.2)",
            constraint=constraint.node.n3(),
            hint="rewrite the query without them",
        )
    substitutions = {"this": "?this"}
    if shape_path is not None:
        substitutions["PATH"] = shape_path
    if isinstance(shape.node, URIRef):
        substitutions["currentShape"] = term(shape.node)
    out, last = [], 0
    for match in re.finditer(r"\$(this|PATH|currentShape)\b", code):
        out.append(select[last : match.start()])
        out.append(substitutions.get(match.group(1), match.group(0)))
        last = match.end()
    out.append(select[last:])
    text = "".join(out)
    code = _STRINGS.sub(lambda m: " " * len(m.group(0)), text)
    where = code.find("{")
    if where < 0:
        raise InputError.of(
            "the SPARQL constraint {constraint} has no WHERE clause",
            constraint=constraint.node.n3(),
            hint="give sh:select a SELECT query",
        )
    for sub in re.finditer(r"\bSELECT\b(.*?)\bWHERE\b", code[where + 1 :], re.IGNORECASE | re.DOTALL):
        if not re.search(r"\?this\b", sub.group(1)):
            raise InputError.of(
                "the SPARQL constraint {constraint} has a sub-SELECT that does not "
                "project $this, which SHACL forbids (5.3.1.2)",
                constraint=constraint.node.n3(),
                hint="add $this to its SELECT",
            )
    head = prologue({**target_prefixes, **constraint.prefixes})
    if _nested_groups(code[where + 1 :]):
        return head + text, False
    return head + text[: where + 1] + " " + focus + " " + text[where + 1 :], True


# ?this in a triple pattern: as subject (followed by a predicate) or as object (after one)
_BOUND_BY_TRIPLE = re.compile(
    r"\?this\s+(?:<[^>]*>|[A-Za-z_][\w.-]*:[\w.-]*|:[\w.-]*|\?\w+|a\b|\^|\()"
    r"|(?:<[^>]*>|[A-Za-z_][\w.-]*:[\w.-]*|\?\w+|\*|\+|\))\s+\?this\s*[.;,}\]]"
)


def _nested_groups(body: str) -> bool:
    """Whether joining the focus pattern could differ from pre-binding ``?this`` in a WHERE body.

    The WHERE clause's own group is joined with the focus pattern, and EXISTS sees the solution it
    filters: both are safe. A nested group (UNION branch, OPTIONAL, sub-SELECT, plain group) is
    safe when it binds ``?this`` by a triple pattern itself; one that only reads it (a FILTER, a
    BIND) would see it unbound when joined, where pre-binding gives it the focus node.
    """
    stack: list[list[str]] = [[]]
    position = 0
    while position < len(body):
        char = body[position]
        if char == "{" and re.search(r"EXISTS\s*$", "".join(stack[-1]), re.IGNORECASE):
            depth = 0
            while position < len(body):
                depth += {"{": 1, "}": -1}.get(body[position], 0)
                position += 1
                if depth == 0:
                    break
            stack[-1].append(" ")
            continue
        if char == "{":
            stack.append([])
        elif char == "}" and len(stack) > 1:
            group = "".join(stack.pop())
            if re.search(r"\?this\b", group) and not _BOUND_BY_TRIPLE.search(group):
                return True
            stack[-1].append(" ")
        else:
            stack[-1].append(char)
        position += 1
    return False

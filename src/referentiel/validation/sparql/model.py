"""The shapes graph read into plain Python objects, and the SHACL features the SPARQL engine cannot run.

Reading is strict where SHACL is: a malformed parameter (``sh:minCount "two"``, a path that is not
a SHACL path) is an :class:`~referentiel.errors.InputError`, as pySHACL makes it. A feature the
engine does not compile is not an error: :func:`unsupported_features` names it, and the caller
uses the reference engine instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node

from referentiel.errors import InputError

# Parameters of SHACL Core constraint components the compiler handles (list-valued ones included).
CORE_PARAMETERS = frozenset(
    SH[n]
    for n in (
        "class",
        "datatype",
        "nodeKind",
        "minCount",
        "maxCount",
        "minExclusive",
        "minInclusive",
        "maxExclusive",
        "maxInclusive",
        "minLength",
        "maxLength",
        "pattern",
        "flags",
        "languageIn",
        "uniqueLang",
        "equals",
        "disjoint",
        "lessThan",
        "lessThanOrEquals",
        "not",
        "and",
        "or",
        "xone",
        "node",
        "property",
        "qualifiedValueShape",
        "qualifiedMinCount",
        "qualifiedMaxCount",
        "qualifiedValueShapesDisjoint",
        "closed",
        "ignoredProperties",
        "hasValue",
        "in",
        "sparql",
    )
)
# Other shape vocabulary the engine reads or may ignore (documentation, targets, messages).
SHAPE_VOCABULARY = frozenset(
    SH[n]
    for n in (
        "path",
        "targetClass",
        "targetNode",
        "targetObjectsOf",
        "targetSubjectsOf",
        "target",
        "severity",
        "message",
        "deactivated",
        "name",
        "description",
        "order",
        "group",
        "defaultValue",
        "declare",
        "prefixes",
        "prefix",
        "namespace",
        "select",
        "entailment",
        "shapesGraph",
        "suggestedShapesGraph",
        "inversePath",
        "alternativePath",
        "zeroOrMorePath",
        "oneOrMorePath",
        "zeroOrOnePath",
        "conforms",
        "result",
        "focusNode",
        "resultPath",
        "value",
        "sourceShape",
        "sourceConstraint",
        "sourceConstraintComponent",
        "resultSeverity",
        "resultMessage",
        "detail",
        "labelTemplate",
        "optional",
        "parameter",
    )
)
PATH_PREDICATES = (SH.inversePath, SH.alternativePath, SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath)
# SHACL-AF, SHACL-JS and custom constraint components: named, not run (the reference engine runs them)
ADVANCED_TYPES = {
    SH.ConstraintComponent: "sh:ConstraintComponent (custom constraint components)",
    SH.SPARQLAskValidator: "sh:SPARQLAskValidator",
    SH.SPARQLSelectValidator: "sh:SPARQLSelectValidator",
    SH.SPARQLTargetType: "sh:SPARQLTargetType",
    SH.SPARQLRule: "sh:SPARQLRule",
    SH.TripleRule: "sh:TripleRule",
    SH.SPARQLFunction: "sh:SPARQLFunction",
    SH.JSConstraint: "sh:JSConstraint",
}


@dataclass
class SparqlConstraint:
    """One ``sh:sparql`` constraint: its node, query (prefixes resolved) and messages."""

    node: Node
    select: str
    prefixes: dict[str, str]
    messages: list[Literal]
    deactivated: bool = False


@dataclass
class Shape:
    """A node or property shape: where it applies, what it checks, how it reports."""

    node: Node
    path: Node | None = None
    targets: list[tuple[URIRef, Node]] = field(default_factory=list)
    implicit_class: bool = False
    severity: URIRef = SH.Violation
    messages: list[Literal] = field(default_factory=list)
    deactivated: bool = False
    params: dict[URIRef, list[Node]] = field(default_factory=dict)
    properties: list[Node] = field(default_factory=list)
    sparql: list[SparqlConstraint] = field(default_factory=list)
    target_selects: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def one(self, name: str) -> Node | None:
        """The single value of parameter ``sh:name``, or None."""
        values = self.params.get(SH[name])
        return values[0] if values else None


@dataclass
class ShapesModel:
    """Every shape of a shapes graph by node, and the graph itself (for paths and lists)."""

    graph: Graph
    shapes: dict[Node, Shape]
    # the data hold literals the store would rewrite under lexical datatypes (sparql/lexical.py)
    lexical: bool = False

    def shape(self, node: Node) -> Shape:
        """The shape read from ``node`` (a node referenced by sh:node etc. is a shape even untyped)."""
        found = self.shapes.get(node)
        if found is None:
            found = self.shapes[node] = read_shape(self.graph, node)
        return found

    def list_of(self, node: Node) -> list[Node]:
        """The members of an RDF list of the shapes graph."""
        return list(Collection(self.graph, node))


def _shape_nodes(graph: Graph) -> set[Node]:
    nodes: set[Node] = set()
    for kind in (SH.NodeShape, SH.PropertyShape):
        nodes.update(graph.subjects(RDF.type, kind))
    for predicate in (
        SH.targetClass,
        SH.targetNode,
        SH.targetObjectsOf,
        SH.targetSubjectsOf,
        SH.target,
        SH.path,
    ):
        nodes.update(graph.subjects(predicate, None))
    for predicate in (SH.node, SH.property, SH.qualifiedValueShape, SH["not"]):
        nodes.update(graph.objects(None, predicate))
    for predicate in (SH["and"], SH["or"], SH.xone):
        for head in graph.objects(None, predicate):
            nodes.update(Collection(graph, head))
    return nodes


def read_shapes(graph: Graph) -> ShapesModel:
    """Every shape of ``graph`` (SHACL 2.1: typed, targeted, or a value of a shape-expecting parameter)."""
    return ShapesModel(graph, {node: read_shape(graph, node) for node in _shape_nodes(graph)})


def _integer(graph: Graph, shape: Node, name: str, value: Node) -> int:
    if (
        isinstance(value, Literal)
        and isinstance(value.toPython(), int)
        and not isinstance(value.toPython(), bool)
    ):
        return int(value.toPython())
    raise InputError.of(
        "the shapes graph is not usable SHACL (sh:{name} of {shape} is not an integer)",
        name=name,
        shape=shape.n3(),
        hint="give sh:{name} an xsd:integer value",
    )


def read_shape(graph: Graph, node: Node) -> Shape:
    """One shape from the shapes graph; malformed parameters raise InputError."""
    shape = Shape(node=node)
    shape.path = graph.value(node, SH.path)
    if shape.path is not None:
        check_path(graph, shape.path)
    for predicate in (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf):
        shape.targets.extend((predicate, o) for o in graph.objects(node, predicate))
    types = set(graph.objects(node, RDF.type))
    shape.implicit_class = bool(types & {RDFS.Class, OWL.Class}) and bool(
        types & {SH.NodeShape, SH.PropertyShape}
    )
    severity = graph.value(node, SH.severity)
    if isinstance(severity, URIRef):
        shape.severity = severity
    shape.messages = [m for m in graph.objects(node, SH.message) if isinstance(m, Literal)]
    shape.deactivated = _true(graph.value(node, SH.deactivated))
    for predicate in CORE_PARAMETERS:
        values = list(graph.objects(node, predicate))
        if values:
            shape.params[predicate] = values
    for name in ("minCount", "maxCount", "minLength", "maxLength", "qualifiedMinCount", "qualifiedMaxCount"):
        for value in shape.params.get(SH[name], []):
            _integer(graph, node, name, value)
    shape.properties = list(shape.params.pop(SH.property, []))
    for constraint in shape.params.pop(SH.sparql, []):
        select = graph.value(constraint, SH.select)
        if select is None:
            raise InputError.of(
                "the shapes graph is not usable SHACL (sh:sparql {constraint} has no sh:select)",
                constraint=constraint.n3(),
                hint="give the constraint a SELECT query in sh:select",
            )
        shape.sparql.append(
            SparqlConstraint(
                node=constraint,
                select=str(select),
                prefixes=prefixes(graph, constraint),
                messages=[m for m in graph.objects(constraint, SH.message) if isinstance(m, Literal)],
                deactivated=_true(graph.value(constraint, SH.deactivated)),
            )
        )
    for target in graph.objects(node, SH.target):
        select = graph.value(target, SH.select)
        if select is not None and (target, RDF.type, SH.SPARQLTarget) in graph:
            shape.target_selects.append((str(select), prefixes(graph, target)))
    return shape


def _true(value: Node | None) -> bool:
    # SHACL activates boolean parameters only for the literal true (engine.spec_booleans)
    return isinstance(value, Literal) and value.datatype == XSD.boolean and str(value) == "true"


def prefixes(graph: Graph, node: Node) -> dict[str, str]:
    """The prefix declarations of a SPARQL-based constraint or target (sh:prefixes / sh:declare)."""
    found: dict[str, str] = {}
    owners = list(graph.objects(node, SH.prefixes))
    seen: set[Node] = set()
    while owners:  # an ontology's declarations include those of the ontologies it imports
        owner = owners.pop()
        if owner in seen:
            continue
        seen.add(owner)
        owners.extend(graph.objects(owner, OWL.imports))
        for declaration in graph.objects(owner, SH.declare):
            prefix, namespace = graph.value(declaration, SH.prefix), graph.value(declaration, SH.namespace)
            if prefix is not None and namespace is not None:
                found[str(prefix)] = str(namespace)
    return found


def check_path(graph: Graph, path: Node) -> None:
    """Raise InputError unless ``path`` is a well-formed SHACL property path."""
    if isinstance(path, URIRef):
        return
    if isinstance(path, BNode):
        if (path, RDF.first, None) in graph:
            members = list(Collection(graph, path))
            if len(members) < 2:
                raise InputError.of(
                    "the shapes graph is not usable SHACL (a sequence path needs 2 members)",
                    hint="write a single-step path as the property itself",
                )
            for member in members:
                check_path(graph, member)
            return
        for predicate in PATH_PREDICATES:
            inner = graph.value(path, predicate)
            if inner is not None:
                if predicate == SH.alternativePath:
                    members = list(Collection(graph, inner))
                    if len(members) < 2:
                        raise InputError.of(
                            "the shapes graph is not usable SHACL (an alternative path needs 2 members)",
                            hint="list at least two paths in sh:alternativePath",
                        )
                    for member in members:
                        check_path(graph, member)
                else:
                    check_path(graph, inner)
                return
    raise InputError.of(
        "the shapes graph is not usable SHACL ({path} is not a SHACL property path)",
        path=path.n3(),
        hint="see SHACL 2.3.1, property paths",
    )


_SHAPES_GRAPH_VARIABLE = re.compile(r"[$?]shapesGraph\b")


def unsupported_features(model: ShapesModel) -> list[str]:
    """The SHACL features of the shapes graph the SPARQL engine does not run (empty: it runs them all)."""
    graph = model.graph
    found: set[str] = set()
    for kind, label in ADVANCED_TYPES.items():
        if (None, RDF.type, kind) in graph:
            found.add(label)
    for predicate in (
        SH.rule,
        SH.js,
        SH.jsFunctionName,
        SH.ask,
        SH.construct,
        SH.update,
        SH.validator,
        SH.nodeValidator,
        SH.propertyValidator,
        SH.parameter,
        SH.filterShape,
        SH.condition,
    ):
        if (None, predicate, None) in graph:
            found.add(f"sh:{predicate.split('#')[-1]}")
    for shape in model.shapes.values():
        for value in (
            *shape.params.get(SH.hasValue, []),
            *(t for p, t in shape.targets if p == SH.targetNode),
        ):
            if isinstance(value, BNode):
                found.add("a blank node as sh:hasValue or sh:targetNode")
        for head in shape.params.get(SH["in"], []):
            if any(isinstance(member, BNode) for member in Collection(graph, head)):
                found.add("a blank node in sh:in")
        for target in graph.objects(shape.node, SH.target):
            if (target, RDF.type, SH.SPARQLTarget) not in graph or graph.value(target, SH.select) is None:
                found.add("sh:target other than a sh:SPARQLTarget with sh:select")
        for constraint in shape.sparql:
            found.update(sparql_limitations(constraint.select))
        for select, _ in shape.target_selects:
            if _SHAPES_GRAPH_VARIABLE.search(select):
                found.add("$shapesGraph in a SPARQL query")
    return sorted(found)


def sparql_limitations(select: str) -> list[str]:
    """What in a constraint's SELECT the engine cannot pre-bind by joining (SHACL 5.3.1 rewrites)."""
    found = []
    if _SHAPES_GRAPH_VARIABLE.search(select):
        found.append("$shapesGraph in a SPARQL query")
    return found

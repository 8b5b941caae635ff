"""The framework's concepts as seen by the translation layer: labels, schemes, hierarchy, deprecation.

Mapping checks, term translation and the suggester all need the same few facts about the framework's
SKOS concepts; this module reads them once from the ontology (the bundled one by default) into plain
Python objects, so that those modules never touch RDF themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from referentiel.errors import ConfigError
from referentiel.namespaces import PREFIXES, REFC

LANGS = ("fr", "nl", "en")


@dataclass
class Grouping:
    """A concept scheme or a concept class of the framework: its labels and definition per language."""

    iri: str
    curie: str
    labels: dict[str, str] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)

    def label(self, lang: str = "fr") -> str:
        """The label in ``lang`` (else fr, en, nl), else the CURIE."""
        for candidate in (lang, "fr", "en", "nl", ""):
            if self.labels.get(candidate):
                return self.labels[candidate]
        return self.curie


@dataclass
class Concept:
    """One SKOS concept of the framework."""

    iri: str
    curie: str
    schemes: tuple[str, ...] = ()
    pref_labels: dict[str, str] = field(default_factory=dict)
    alt_labels: dict[str, list[str]] = field(default_factory=dict)
    hidden_labels: list[str] = field(default_factory=list)
    notations: list[str] = field(default_factory=list)
    broader: tuple[str, ...] = ()
    deprecated: bool = False
    replaced_by: tuple[str, ...] = ()
    definitions: dict[str, str] = field(default_factory=dict)
    classes: tuple[str, ...] = ()  # rdf:type other than skos:Concept (ref:ProfessionalRole...)

    def label(self, lang: str = "fr") -> str:
        """The prefLabel in ``lang`` (else fr, en, nl, any), else the CURIE."""
        for candidate in (lang, "fr", "en", "nl", ""):
            if self.pref_labels.get(candidate):
                return self.pref_labels[candidate]
        return next(iter(self.pref_labels.values()), self.curie)

    def all_labels(self) -> list[tuple[str, str, str]]:
        """Every label as ``(text, lang, kind)`` with kind ``pref``, ``alt``, ``hidden`` or ``notation``."""
        out = [(text, lang, "pref") for lang, text in self.pref_labels.items()]
        out += [(text, lang, "alt") for lang, texts in self.alt_labels.items() for text in texts]
        out += [(text, "", "hidden") for text in self.hidden_labels]
        out += [(text, "", "notation") for text in self.notations]
        return out


class Framework:
    """The framework's concepts, indexed by IRI and CURIE, with the ``skos:broader`` hierarchy."""

    def __init__(
        self,
        concepts: Iterable[Concept],
        source: str | None = None,
        schemes: Iterable[Grouping] = (),
        classes: Iterable[Grouping] = (),
    ) -> None:
        self.source = source
        self.concepts: dict[str, Concept] = {c.iri: c for c in concepts}
        self.schemes: dict[str, Grouping] = {g.iri: g for g in schemes}
        self.classes: dict[str, Grouping] = {g.iri: g for g in classes}
        self._narrower: dict[str, set[str]] = {}
        for concept in self.concepts.values():
            for parent in concept.broader:
                self._narrower.setdefault(parent, set()).add(concept.iri)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts.values())

    def __len__(self) -> int:
        return len(self.concepts)

    def __contains__(self, ref: str) -> bool:
        return self.get(ref) is not None

    def iri(self, ref: str) -> str:
        """The IRI of ``ref`` (an IRI, a ``refc:`` CURIE or a bare local name like ``role-nurse``)."""
        ref = ref.strip()
        if "://" in ref:
            return ref
        if ":" in ref:
            prefix, local = ref.split(":", 1)
            if prefix in PREFIXES:
                return PREFIXES[prefix] + local
            return ref
        return str(REFC) + ref

    def get(self, ref: str) -> Concept | None:
        """The concept ``ref`` names (IRI, CURIE or local name), or ``None``."""
        return self.concepts.get(self.iri(ref))

    def require(self, ref: str) -> Concept:
        """Like :meth:`get` but raises :class:`ConfigError` with close names as a hint."""
        concept = self.get(ref)
        if concept is None:
            import difflib

            local = self.iri(ref).rsplit("/", 1)[-1]
            close = difflib.get_close_matches(local, [c.iri.rsplit("/", 1)[-1] for c in self], n=3)
            raise ConfigError.of(
                "{ref!r} is not a concept of the framework",
                ref=ref,
                close=", ".join(f"refc:{c}" for c in close),
                hint="did you mean {close}?"
                if close
                else "the concepts are listed in the term table that "
                "`referentiel ontology docs -o DIR` writes (DIR/terms.html)",
            )
        return concept

    def ancestors(self, iri: str) -> set[str]:
        """Every concept above ``iri`` along ``skos:broader`` (transitively, excluding itself)."""
        seen: set[str] = set()
        stack = list(self.concepts[iri].broader) if iri in self.concepts else []
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            if node in self.concepts:
                stack.extend(self.concepts[node].broader)
        return seen

    def descendants(self, iri: str) -> set[str]:
        """Every concept below ``iri`` (transitively, excluding itself)."""
        seen: set[str] = set()
        stack = list(self._narrower.get(iri, ()))
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            stack.extend(self._narrower.get(node, ()))
        return seen

    def on_hierarchy_path(self, a: str, b: str) -> bool:
        """True when ``a`` and ``b`` are distinct and one is above the other."""
        return a != b and (b in self.ancestors(a) or a in self.ancestors(b))


def _curie(iri: str) -> str:
    best = ("", "")
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(best[1]):
            best = (prefix, namespace)
    return f"{best[0]}:{iri[len(best[1]) :]}" if best[0] else iri


def framework_from_graph(graph: object, source: str | None = None) -> Framework:
    """Build a :class:`Framework` from an rdflib graph holding the ontology."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

    g = graph  # rdflib.Graph
    iris: set[URIRef] = set(g.subjects(RDF.type, SKOS.Concept))  # type: ignore[attr-defined]
    # Individuals of the concept classes are concepts even if the ontology forgot the explicit type.
    iris |= {s for s in g.subjects(SKOS.inScheme, None) if isinstance(s, URIRef)}  # type: ignore[attr-defined]
    # Only the framework's own concepts: the ontology also declares the external concepts it aligns
    # with (EuroVoc...), which are not mapping targets.
    iris = {i for i in iris if str(i).startswith(str(REFC)) and not str(i).startswith(str(REFC) + "scheme-")}
    concepts = []
    for iri in iris:
        pref: dict[str, str] = {}
        alt: dict[str, list[str]] = {}
        hidden: list[str] = []
        for label in g.objects(iri, SKOS.prefLabel):  # type: ignore[attr-defined]
            if isinstance(label, Literal):
                pref.setdefault(label.language or "", str(label))
        for prop in (SKOS.altLabel, RDFS.label):
            for label in g.objects(iri, prop):  # type: ignore[attr-defined]
                if isinstance(label, Literal) and str(label) not in pref.values():
                    alt.setdefault(label.language or "", [])
                    if str(label) not in alt[label.language or ""]:
                        alt[label.language or ""].append(str(label))
        for label in g.objects(iri, SKOS.hiddenLabel):  # type: ignore[attr-defined]
            hidden.append(str(label))
        notations = [str(n) for n in g.objects(iri, SKOS.notation)]  # type: ignore[attr-defined]
        definitions = _by_lang(g, iri, SKOS.definition)
        classes = tuple(
            sorted(str(t) for t in g.objects(iri, RDF.type) if t != SKOS.Concept)  # type: ignore[attr-defined]
        )
        deprecated = any(str(v).lower() in ("true", "1") for v in g.objects(iri, OWL.deprecated))  # type: ignore[attr-defined]
        concepts.append(
            Concept(
                iri=str(iri),
                curie=_curie(str(iri)),
                schemes=tuple(sorted(str(s) for s in g.objects(iri, SKOS.inScheme))),  # type: ignore[attr-defined]
                pref_labels=pref,
                alt_labels={k: sorted(v) for k, v in alt.items()},
                hidden_labels=sorted(hidden),
                notations=sorted(notations),
                broader=tuple(sorted(str(b) for b in g.objects(iri, SKOS.broader))),  # type: ignore[attr-defined]
                deprecated=deprecated,
                replaced_by=tuple(sorted(str(r) for r in g.objects(iri, DCTERMS.isReplacedBy))),  # type: ignore[attr-defined]
                definitions=definitions,
                classes=classes,
            )
        )
    used_schemes = {s for c in concepts for s in c.schemes}
    used_classes = {t for c in concepts for t in c.classes}
    schemes = [
        Grouping(
            s, _curie(s), _by_lang(g, URIRef(s), SKOS.prefLabel), _by_lang(g, URIRef(s), SKOS.definition)
        )
        for s in sorted(used_schemes)
    ]
    classes = [
        Grouping(
            t,
            _curie(t),
            _by_lang(g, URIRef(t), SKOS.prefLabel) or _by_lang(g, URIRef(t), RDFS.label),
            _by_lang(g, URIRef(t), SKOS.definition),
        )
        for t in sorted(used_classes)
    ]
    return Framework(sorted(concepts, key=lambda c: c.iri), source=source, schemes=schemes, classes=classes)


def _by_lang(g: object, subject: object, prop: object) -> dict[str, str]:
    """The first literal of ``prop`` per language tag."""
    from rdflib import Literal

    out: dict[str, str] = {}
    for value in g.objects(subject, prop):  # type: ignore[attr-defined]
        if isinstance(value, Literal):
            out.setdefault(value.language or "", str(value))
    return out


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime: float) -> Framework:
    from referentiel.rdfio import load_graph

    return framework_from_graph(load_graph(path), source=path)


def load_framework(ontology: str | Path | None = None) -> Framework:
    """The framework's concepts, from ``ontology`` or from the bundled ``ontology/referentiel.ttl``.

    Results are cached per file and modification time (the suggester and the checks call this often).
    Raises :class:`referentiel.errors.InputError` when the file is missing or malformed.
    """
    if ontology is None:
        from referentiel.resources import as_path, ontology_file

        with as_path(ontology_file()) as path:
            if not path.exists():
                raise ConfigError.of(
                    "the bundled ontology (ontology/referentiel.ttl) is missing",
                    hint="reinstall referentiel, or pass --ontology FILE",
                )
            return _load_cached(str(path), path.stat().st_mtime)
    path = Path(ontology)
    mtime = path.stat().st_mtime if path.exists() else 0.0
    return _load_cached(str(path), mtime)

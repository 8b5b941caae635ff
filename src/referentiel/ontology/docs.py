"""HTML documentation of the ontology: pyLODE's page plus a multilingual term table.

pyLODE (``OntPub``) documents the OWL side (classes, properties, metadata) well but shows one label per
term (several labels are run together in headings) and treats every ``skos:ConceptScheme`` as if it
were the ontology. So pyLODE gets a copy of the graph without the SKOS concept schemes, with each
term's labels joined into one "fr · en · nl" label; and ``terms.html`` lists every term and every
concept scheme with its labels in fr, en and nl and its definitions in fr and en. See docs/ontology.md
for why pyLODE rather than Widoco or ontospy.
"""

from __future__ import annotations

import contextlib
import html
import io
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from referentiel import __version__
from referentiel.errors import InputError
from referentiel.namespaces import PREFIXES
from referentiel.ontology.load import LABEL_LANGS, LoadedOntology, load_ontology, own_namespaces

DEFINITION_LANGS = ("fr", "en")
_LABEL_PROPS = (SKOS.prefLabel, RDFS.label)
_JOINED_PROPS = (SKOS.prefLabel, RDFS.label, DCTERMS.title)  # pyLODE runs several values together
_SKOS_TYPES = (SKOS.Concept, SKOS.ConceptScheme)
_CSS = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 90em; padding: 0 1em; color: #222; }
table { border-collapse: collapse; width: 100%; margin-bottom: 2em; font-size: 0.92em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.5em; vertical-align: top; text-align: left; }
th { background: #eef2f7; }
code { font-size: 0.95em; }
.missing { color: #b00; font-style: italic; }
nav a { margin-right: 1em; }
h2 { border-bottom: 2px solid #446; padding-bottom: 0.2em; margin-top: 2em; }
"""


@dataclass
class DocsResult:
    """What :func:`generate_docs` wrote."""

    output_dir: Path
    files: list[Path] = field(default_factory=list)
    generator: str = ""
    terms: int = 0
    concept_schemes: int = 0
    concepts: int = 0
    seconds: float = 0.0


def generate_docs(output_dir: str | Path, ontology: str | Path | None = None,
                  input_format: str | None = None) -> DocsResult:
    """Write ``index.html`` (pyLODE) and ``terms.html`` (multilingual table) into ``output_dir``.

    ``ontology``: an ontology file, or None for the bundled one. Raises
    :class:`referentiel.errors.InputError` for an unreadable ontology or an unusable output folder.
    """
    start = time.perf_counter()
    out = Path(output_dir)
    if out.exists() and not out.is_dir():
        raise InputError.of("the output path exists and is not a folder", file=str(out),
                            hint="give a folder with -o (it is created when missing)")
    loaded = load_ontology(ontology, input_format)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError.of(
            "cannot create the output folder ({why})", why=exc.strerror, file=str(out)
        ) from None

    result = DocsResult(output_dir=out)
    index_html, generator = _pylode_html(loaded)
    result.generator = generator
    own = own_namespaces(loaded)
    terms_html, counts = terms_page(loaded, own, generator)
    result.terms, result.concept_schemes, result.concepts = counts
    index_html = _link_terms_page(index_html)
    for name, text in (("index.html", index_html), ("terms.html", terms_html)):
        target = out / name
        part = target.with_name(name + ".part")
        part.write_text(text, encoding="utf-8")
        part.replace(target)
        result.files.append(target)
    result.seconds = time.perf_counter() - start
    return result


def _import_ontpub():  # noqa: ANN202 - returns pyLODE's class
    """Import pyLODE without letting it reconfigure this process's logging (it calls basicConfig)."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        import pylode
        from pylode import OntPub
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    return OntPub, getattr(pylode, "__version__", None)


def _pylode_html(loaded: LoadedOntology) -> tuple[str, str]:
    try:
        OntPub, version = _import_ontpub()
    except Exception as exc:  # noqa: BLE001 - a broken pyLODE install must not end in a traceback
        raise InputError.of(
            "pyLODE cannot be imported ({why})",
            why=f"{type(exc).__name__}: {exc}",
            hint="install a working pyLODE: pip install 'pylode>=3.2,!=3.4.1'",
        ) from None
    if version is None:
        from importlib.metadata import version as dist_version

        version = dist_version("pylode")
    graph = pylode_graph(loaded.graph)
    captured = io.StringIO()
    logger = logging.getLogger()
    level = logger.level
    try:
        logger.setLevel(logging.WARNING)
        with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
            page = OntPub(ontology=graph, sort_subjects=True).make_html()
    except Exception as exc:  # noqa: BLE001 - pyLODE raises bare exceptions for what it cannot document
        raise InputError.of(
            "pyLODE could not document this ontology ({why})",
            why=f"{type(exc).__name__}: {str(exc)[:200]}",
            file=loaded.source,
            hint="run `referentiel ontology check` on it first; pyLODE needs an owl:Ontology header",
        ) from None
    finally:
        logger.setLevel(level)
    return page, f"pyLODE {version}"


def pylode_graph(graph: Graph) -> Graph:
    """The copy of ``graph`` given to pyLODE: no SKOS schemes/concepts, one "fr · en · nl" label per term."""
    skos_nodes = {s for t in _SKOS_TYPES for s in graph.subjects(RDF.type, t)}
    copy = Graph()
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace, override=True)
    for s, p, o in graph:
        if s in skos_nodes or p in _JOINED_PROPS:
            continue
        copy.add((s, p, o))
    for subject in set(graph.subjects(None, None)) - skos_nodes:
        titled = (subject, RDF.type, OWL.Ontology) in graph and (subject, DCTERMS.title, None) in graph
        for prop in _JOINED_PROPS:
            if titled and prop != DCTERMS.title:
                continue  # pyLODE would run the ontology's title and label together
            labels = [o for o in graph.objects(subject, prop) if isinstance(o, Literal)]
            if not labels:
                continue
            if len({(label.language or "") for label in labels}) <= 1 and len(labels) == 1:
                copy.add((subject, prop, labels[0]))
                continue
            ordered = sorted(labels, key=lambda lit: (_lang_rank(lit.language), lit.language or "", str(lit)))
            copy.add((subject, prop, Literal(" · ".join(str(lit) for lit in ordered))))
    return _stable(copy)


def _stable(graph: Graph) -> Graph:
    """The same graph with blank nodes named from their content and triples added in sorted order.

    pyLODE prints blank node ids and follows the store's insertion order, so without this the committed
    documentation would change on every run even when the ontology did not.
    """
    from rdflib.compare import to_canonical_graph

    canonical = to_canonical_graph(graph)
    stable = Graph()
    for prefix, namespace in graph.namespaces():
        stable.bind(prefix, namespace, override=True)
    for triple in sorted(canonical):
        stable.add(triple)
    return stable


def _lang_rank(lang: str | None) -> int:
    lang = (lang or "").lower()
    for i, wanted in enumerate(LABEL_LANGS):
        if lang.startswith(wanted):
            return i
    return len(LABEL_LANGS)


def _link_terms_page(page: str) -> str:
    note = ('<div class="section" id="referentiel-terms-link"><p><strong>Labels in French, English and '
            'Dutch, and the concept schemes (controlled lists):</strong> see the '
            '<a href="terms.html">multilingual term table</a>. Headings below join the labels as '
            '"fr · en · nl".</p></div>')
    marker = '<div id="content">'
    if marker in page:
        return page.replace(marker, marker + "\n      " + note, 1)
    return page.replace("<body>", "<body>\n" + note, 1)


# ---------------------------------------------------------------------------------------------------
# terms.html


class _Namer:
    """CURIEs for IRIs, from the framework's prefixes and the ontology's own bindings."""

    def __init__(self, graph: Graph) -> None:
        pairs = {**{str(ns): p for p, ns in graph.namespaces() if p}, **{ns: p for p, ns in PREFIXES.items()}}
        self.pairs = sorted(pairs.items(), key=lambda item: -len(item[0]))

    def __call__(self, iri: str) -> str:
        for namespace, prefix in self.pairs:
            if iri.startswith(namespace) and len(iri) > len(namespace):
                return f"{prefix}:{iri[len(namespace):]}"
        return f"<{iri}>"


def _texts(graph: Graph, node: URIRef, props: tuple[URIRef, ...], lang: str) -> list[str]:
    return sorted({
        str(o) for p in props for o in graph.objects(node, p)
        if isinstance(o, Literal) and (o.language or "").lower().startswith(lang)
    })


def _cell(values: list[str], *, optional: bool = False) -> str:
    if not values:
        return "<td></td>" if optional else '<td class="missing">—</td>'
    return "<td>" + "<br>".join(html.escape(v) for v in values) + "</td>"


def _term_cell(namer: _Namer, iri: str) -> str:
    anchor = html.escape(namer(iri).replace(":", "-").strip("<>"), quote=True)
    link = html.escape(iri, quote=True)
    return f'<td id="{anchor}"><a href="{link}"><code>{html.escape(namer(iri))}</code></a></td>'


def _refs(namer: _Namer, graph: Graph, node: URIRef, prop: URIRef) -> str:
    values = sorted(namer(str(o)) for o in graph.objects(node, prop) if isinstance(o, URIRef))
    return "<td>" + ", ".join(f"<code>{html.escape(v)}</code>" for v in values) + "</td>"


def _own(graph: Graph, kind: URIRef, own: list[str]) -> list[URIRef]:
    prefixes = tuple(own)
    return sorted(s for s in set(graph.subjects(RDF.type, kind))
                  if isinstance(s, URIRef) and str(s).startswith(prefixes))


def terms_page(
    loaded: LoadedOntology, own: list[str], generator: str = ""
) -> tuple[str, tuple[int, int, int]]:
    """The multilingual term table (HTML) and the numbers of terms, concept schemes and concepts in it."""
    graph, namer = loaded.graph, _Namer(loaded.graph)
    label_heads = "".join(f"<th>label ({lang})</th>" for lang in LABEL_LANGS)
    def_heads = "".join(f"<th>definition ({lang})</th>" for lang in DEFINITION_LANGS)

    def base_cells(node: URIRef) -> str:
        cells = [_term_cell(namer, str(node))]
        cells += [_cell(_texts(graph, node, _LABEL_PROPS, lang)) for lang in LABEL_LANGS]
        cells += [_cell(_texts(graph, node, (SKOS.definition,), lang)) for lang in DEFINITION_LANGS]
        return "".join(cells)

    sections: list[str] = []
    nav: list[str] = []
    term_count = 0
    kinds = (
        ("classes", "Classes", OWL.Class, ("superclasses", RDFS.subClassOf)),
        ("object-properties", "Object properties", OWL.ObjectProperty, None),
        ("datatype-properties", "Datatype properties", OWL.DatatypeProperty, None),
        ("annotation-properties", "Annotation properties", OWL.AnnotationProperty, None),
    )
    for anchor, title, kind, extra in kinds:
        nodes = [n for n in _own(graph, kind, own) if (n, RDF.type, SKOS.Concept) not in graph]
        if not nodes:
            continue
        term_count += len(nodes)
        heads = "<th>term</th>" + label_heads + def_heads
        if extra:
            heads += f"<th>{extra[0]}</th>"
        elif kind != OWL.AnnotationProperty:
            heads += "<th>domain</th><th>range</th>"
        rows = []
        for node in nodes:
            row = base_cells(node)
            if extra:
                row += _refs(namer, graph, node, extra[1])
            elif kind != OWL.AnnotationProperty:
                row += _refs(namer, graph, node, RDFS.domain) + _refs(namer, graph, node, RDFS.range)
            rows.append(f"<tr>{row}</tr>")
        nav.append(f'<a href="#{anchor}">{title} ({len(nodes)})</a>')
        sections.append(f'<h2 id="{anchor}">{title}</h2>\n<table><tr>{heads}</tr>\n'
                        + "\n".join(rows) + "</table>")

    schemes = _own(graph, SKOS.ConceptScheme, own)
    concept_count = 0
    scheme_parts: list[str] = []
    for scheme in schemes:
        members = sorted(
            {s for s in graph.subjects(SKOS.inScheme, scheme) if isinstance(s, URIRef)}
            | {s for s in graph.subjects(SKOS.topConceptOf, scheme) if isinstance(s, URIRef)}
            | {o for o in graph.objects(scheme, SKOS.hasTopConcept) if isinstance(o, URIRef)}
        )
        concept_count += len(members)
        labels = " · ".join(
            html.escape(v) for lang in LABEL_LANGS for v in _texts(graph, scheme, _LABEL_PROPS, lang)
        )
        rows = []
        for concept in members:
            alt = _texts(graph, concept, (SKOS.altLabel,), "fr")
            broader = _refs(namer, graph, concept, SKOS.broader)
            rows.append(f"<tr>{base_cells(concept)}{_cell(alt, optional=True)}{broader}</tr>")
        anchor = html.escape(namer(str(scheme)).replace(":", "-").strip("<>"), quote=True)
        heads = ("<th>concept</th>" + label_heads + def_heads
                 + "<th>alternative labels (fr)</th><th>broader</th>")
        scheme_parts.append(
            f'<h3 id="{anchor}"><code>{html.escape(namer(str(scheme)))}</code> — {labels}</h3>\n'
            f"<table><tr><th>scheme</th>{label_heads}{def_heads}</tr><tr>{base_cells(scheme)}</tr></table>\n"
            f"<table><tr>{heads}</tr>\n" + "\n".join(rows) + "</table>"
        )
    if schemes:
        nav.append(f'<a href="#concept-schemes">Concept schemes ({len(schemes)})</a>')
        sections.append('<h2 id="concept-schemes">Concept schemes</h2>\n' + "\n".join(scheme_parts))

    title = ""
    if loaded.ontology_iri:
        node = URIRef(loaded.ontology_iri)
        title_props = (DCTERMS.title,) if (node, DCTERMS.title, None) in graph else (RDFS.label,)
        title = " · ".join(v for lang in LABEL_LANGS for v in _texts(graph, node, title_props, lang))
    version = loaded.version_info or loaded.version_iri or ""
    version_text = " version " + html.escape(version) if version else ""
    page = f"""<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>{html.escape(title or "Ontology")} — multilingual term table</title>
<style>{_CSS}</style>
</head>
<body>
<h1>{html.escape(title or loaded.ontology_iri or "Ontology")}</h1>
<p>Multilingual term table: every class, property and concept scheme of
<code>{html.escape(loaded.ontology_iri or loaded.source)}</code>{version_text},
with its labels in French, English and Dutch and its definitions in French and English.
A red dash marks a missing value (<code>referentiel ontology check</code> reports them).
The OWL documentation generated by pyLODE is on the <a href="index.html">main page</a>.</p>
<nav>{" ".join(nav)}</nav>
{"".join(sections)}
<footer><p>Generated by referentiel {__version__} (<code>referentiel ontology docs</code>)
{("with " + html.escape(generator)) if generator else ""}.</p></footer>
</body>
</html>
"""
    return page, (term_count, len(schemes), concept_count)

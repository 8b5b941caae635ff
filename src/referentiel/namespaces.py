"""The namespaces of the framework and the vocabularies it reuses (see docs/architecture.md)."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SH, SKOS, TIME, XSD

REF = Namespace("https://w3id.org/referentiel/ontology#")
REFC = Namespace("https://w3id.org/referentiel/concept/")
REFSRC = Namespace("https://w3id.org/referentiel/source/")
REFD = Namespace("https://w3id.org/referentiel/data/")
REFO = Namespace("https://w3id.org/referentiel/org/")
REFSH = Namespace("https://w3id.org/referentiel/shapes#")  # SHACL shapes (shapes/*.ttl)
SEMAPV = Namespace("https://w3id.org/semapv/vocab/")
SSSOM = Namespace("https://w3id.org/sssom/")
M8G = Namespace("http://data.europa.eu/m8g/")
CPSV = Namespace("http://purl.org/vocab/cpsv#")
SCHEMA = Namespace("https://schema.org/")

ONTOLOGY_IRI = "https://w3id.org/referentiel/ontology"

PREFIXES: dict[str, str] = {
    "ref": str(REF),
    "refc": str(REFC),
    "refsrc": str(REFSRC),
    "refd": str(REFD),
    "refo": str(REFO),
    "refsh": str(REFSH),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "sh": str(SH),
    "prov": str(PROV),
    "org": str(ORG),
    "foaf": str(FOAF),
    "dcterms": str(DCTERMS),
    "dcat": str(DCAT),
    "time": str(TIME),
    "semapv": str(SEMAPV),
    "sssom": str(SSSOM),
    "m8g": str(M8G),
    "cpsv": str(CPSV),
    "schema": str(SCHEMA),
}

__all__ = [
    "CPSV", "DCAT", "DCTERMS", "FOAF", "M8G", "ONTOLOGY_IRI", "ORG", "OWL", "PREFIXES", "PROV", "RDF",
    "RDFS", "REF", "REFC", "REFD", "REFO", "REFSH", "REFSRC", "SCHEMA", "SEMAPV", "SH", "SKOS", "SSSOM",
    "TIME", "XSD",
]

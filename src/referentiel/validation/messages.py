"""One sentence per problem in the reader's language.

The shape's own ``sh:message`` in the chosen language wins (the engine copies it into
``sh:resultMessage``). Otherwise a sentence is generated from the constraint component and the
shape's parameters, in French, English or Dutch, so that any SHACL shapes graph gets readable output.
"""

from __future__ import annotations

import re

from rdflib import Graph, Literal
from rdflib.collection import Collection
from rdflib.term import Node

from referentiel.namespaces import REF, SH

# component local name -> (parameter predicates, {lang: template}); templates use {path}, {value}
# and the parameter local names.
_T: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "ClassConstraintComponent": (("class",), {
        "fr": "la valeur {value} doit être une instance de {class}",
        "en": "the value {value} must be an instance of {class}",
        "nl": "de waarde {value} moet een instantie van {class} zijn"}),
    "DatatypeConstraintComponent": (("datatype",), {
        "fr": "la valeur {value} doit être un littéral valide de type {datatype}",
        "en": "the value {value} must be a well-formed literal of datatype {datatype}",
        "nl": "de waarde {value} moet een geldige literal van het type {datatype} zijn"}),
    "NodeKindConstraintComponent": (("nodeKind",), {
        "fr": "la valeur {value} doit être de la sorte de nœud {nodeKind}",
        "en": "the value {value} must be of node kind {nodeKind}",
        "nl": "de waarde {value} moet van knooptype {nodeKind} zijn"}),
    "MinCountConstraintComponent": (("minCount",), {
        "fr": "{path} doit avoir au moins {minCount} valeur(s)",
        "en": "{path} must have at least {minCount} value(s)",
        "nl": "{path} moet minstens {minCount} waarde(n) hebben"}),
    "MaxCountConstraintComponent": (("maxCount",), {
        "fr": "{path} doit avoir au plus {maxCount} valeur(s)",
        "en": "{path} must have at most {maxCount} value(s)",
        "nl": "{path} mag hoogstens {maxCount} waarde(n) hebben"}),
    "MinExclusiveConstraintComponent": (("minExclusive",), {
        "fr": "la valeur {value} doit être strictement supérieure à {minExclusive}",
        "en": "the value {value} must be greater than {minExclusive}",
        "nl": "de waarde {value} moet groter zijn dan {minExclusive}"}),
    "MinInclusiveConstraintComponent": (("minInclusive",), {
        "fr": "la valeur {value} doit être supérieure ou égale à {minInclusive}",
        "en": "the value {value} must be greater than or equal to {minInclusive}",
        "nl": "de waarde {value} moet groter dan of gelijk aan {minInclusive} zijn"}),
    "MaxExclusiveConstraintComponent": (("maxExclusive",), {
        "fr": "la valeur {value} doit être strictement inférieure à {maxExclusive}",
        "en": "the value {value} must be less than {maxExclusive}",
        "nl": "de waarde {value} moet kleiner zijn dan {maxExclusive}"}),
    "MaxInclusiveConstraintComponent": (("maxInclusive",), {
        "fr": "la valeur {value} doit être inférieure ou égale à {maxInclusive}",
        "en": "the value {value} must be less than or equal to {maxInclusive}",
        "nl": "de waarde {value} moet kleiner dan of gelijk aan {maxInclusive} zijn"}),
    "MinLengthConstraintComponent": (("minLength",), {
        "fr": "la valeur {value} doit compter au moins {minLength} caractère(s)",
        "en": "the value {value} must be at least {minLength} character(s) long",
        "nl": "de waarde {value} moet minstens {minLength} teken(s) lang zijn"}),
    "MaxLengthConstraintComponent": (("maxLength",), {
        "fr": "la valeur {value} doit compter au plus {maxLength} caractère(s)",
        "en": "the value {value} must be at most {maxLength} character(s) long",
        "nl": "de waarde {value} mag hoogstens {maxLength} teken(s) lang zijn"}),
    "PatternConstraintComponent": (("pattern",), {
        "fr": "la valeur {value} ne respecte pas le motif {pattern}",
        "en": "the value {value} does not match the pattern {pattern}",
        "nl": "de waarde {value} voldoet niet aan het patroon {pattern}"}),
    "LanguageInConstraintComponent": (("languageIn",), {
        "fr": "la langue de la valeur {value} doit être l'une de {languageIn}",
        "en": "the language of the value {value} must be one of {languageIn}",
        "nl": "de taal van de waarde {value} moet een van {languageIn} zijn"}),
    "UniqueLangConstraintComponent": ((), {
        "fr": "{path} a plusieurs valeurs dans la même langue",
        "en": "{path} has several values in the same language",
        "nl": "{path} heeft meerdere waarden in dezelfde taal"}),
    "EqualsConstraintComponent": (("equals",), {
        "fr": "les valeurs de {path} et de {equals} doivent être les mêmes (écart : {value})",
        "en": "the values of {path} and {equals} must be the same (differs: {value})",
        "nl": "de waarden van {path} en {equals} moeten gelijk zijn (verschil: {value})"}),
    "DisjointConstraintComponent": (("disjoint",), {
        "fr": "la valeur {value} ne peut pas être à la fois dans {path} et dans {disjoint}",
        "en": "the value {value} cannot be both in {path} and in {disjoint}",
        "nl": "de waarde {value} mag niet tegelijk in {path} en in {disjoint} staan"}),
    "LessThanConstraintComponent": (("lessThan",), {
        "fr": "la valeur {value} de {path} doit être strictement inférieure à celle de {lessThan}",
        "en": "the value {value} of {path} must be less than the value of {lessThan}",
        "nl": "de waarde {value} van {path} moet kleiner zijn dan die van {lessThan}"}),
    "LessThanOrEqualsConstraintComponent": (("lessThanOrEquals",), {
        "fr": "la valeur {value} de {path} doit être inférieure ou égale à celle de {lessThanOrEquals}",
        "en": "the value {value} of {path} must be less than or equal to the value of {lessThanOrEquals}",
        "nl": "de waarde {value} van {path} moet kleiner dan of gelijk aan die van {lessThanOrEquals} zijn"}),
    "NotConstraintComponent": (("not",), {
        "fr": "la valeur {value} ne doit pas se conformer à la forme {not}",
        "en": "the value {value} must not conform to the shape {not}",
        "nl": "de waarde {value} mag niet voldoen aan de vorm {not}"}),
    "AndConstraintComponent": ((), {
        "fr": "la valeur {value} doit se conformer à toutes les formes de sh:and",
        "en": "the value {value} must conform to all the shapes of sh:and",
        "nl": "de waarde {value} moet voldoen aan alle vormen van sh:and"}),
    "OrConstraintComponent": ((), {
        "fr": "la valeur {value} doit se conformer à au moins une des formes de sh:or",
        "en": "the value {value} must conform to at least one of the shapes of sh:or",
        "nl": "de waarde {value} moet voldoen aan minstens een van de vormen van sh:or"}),
    "XoneConstraintComponent": ((), {
        "fr": "la valeur {value} doit se conformer à exactement une des formes de sh:xone",
        "en": "the value {value} must conform to exactly one of the shapes of sh:xone",
        "nl": "de waarde {value} moet voldoen aan precies een van de vormen van sh:xone"}),
    "NodeConstraintComponent": (("node",), {
        "fr": "la valeur {value} ne se conforme pas à la forme {node}",
        "en": "the value {value} does not conform to the shape {node}",
        "nl": "de waarde {value} voldoet niet aan de vorm {node}"}),
    "QualifiedMinCountConstraintComponent": (("qualifiedMinCount", "qualifiedValueShape"), {
        "fr": "{path} doit avoir au moins {qualifiedMinCount} valeur(s) conforme(s) à {qualifiedValueShape}",
        "en": "{path} must have at least {qualifiedMinCount} value(s) conforming to {qualifiedValueShape}",
        "nl": "{path} moet minstens {qualifiedMinCount} waarde(n) hebben die voldoen aan "
              "{qualifiedValueShape}"}),
    "QualifiedMaxCountConstraintComponent": (("qualifiedMaxCount", "qualifiedValueShape"), {
        "fr": "{path} doit avoir au plus {qualifiedMaxCount} valeur(s) conforme(s) à {qualifiedValueShape}",
        "en": "{path} must have at most {qualifiedMaxCount} value(s) conforming to {qualifiedValueShape}",
        "nl": "{path} mag hoogstens {qualifiedMaxCount} waarde(n) hebben die voldoen aan "
              "{qualifiedValueShape}"}),
    "ClosedConstraintComponent": ((), {
        "fr": "la propriété {path} n'est pas permise ici (forme fermée), valeur {value}",
        "en": "the property {path} is not allowed here (closed shape), value {value}",
        "nl": "de eigenschap {path} is hier niet toegestaan (gesloten vorm), waarde {value}"}),
    "HasValueConstraintComponent": (("hasValue",), {
        "fr": "{path} doit avoir la valeur {hasValue}",
        "en": "{path} must have the value {hasValue}",
        "nl": "{path} moet de waarde {hasValue} hebben"}),
    "InConstraintComponent": (("in",), {
        "fr": "la valeur {value} n'est pas dans la liste permise {in}",
        "en": "the value {value} is not in the allowed list {in}",
        "nl": "de waarde {value} staat niet in de toegelaten lijst {in}"}),
    "SPARQLConstraintComponent": ((), {
        "fr": "la contrainte SPARQL de la forme n'est pas respectée (valeur {value})",
        "en": "the shape's SPARQL constraint is not satisfied (value {value})",
        "nl": "niet voldaan aan de SPARQL-beperking van de vorm (waarde {value})"}),
}
_GENERIC = {
    "fr": "la contrainte {component} n'est pas respectée (valeur {value})",
    "en": "the constraint {component} is not satisfied (value {value})",
    "nl": "niet voldaan aan de beperking {component} (waarde {value})",
}
_NONE = {"fr": "(aucune)", "en": "(none)", "nl": "(geen)"}
_FOCUS = {"fr": "le nœud", "en": "the node", "nl": "het knooppunt"}


def pick_message(messages: list[Literal], lang: str, declared: set[Literal]) -> str | None:
    """The engine's message in ``lang``; else an untagged one the shape itself declared.

    pySHACL drops the language tag of ``sh:message`` templates once it has substituted their
    ``{?var}`` / ``{$var}`` placeholders (SPARQL-based constraints): such a message is matched back
    to the declared template it came from to recover its language.
    """
    for message in messages:
        if message.language and message.language.lower().split("-")[0] == lang:
            return str(message)
    templates = [(t, _template_regex(str(t))) for t in declared if t.language]
    for message in messages:
        if message.language:
            continue
        for template, pattern in templates:
            if template.language.lower().split("-")[0] == lang and pattern.fullmatch(str(message)):
                return str(message)
    for message in messages:
        if not message.language and message in declared:
            return str(message)
    return None


def _template_regex(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{[?$][A-Za-z_][A-Za-z0-9_]*\}", template)
    return re.compile("(?s)" + ".*?".join(re.escape(p) for p in parts))


def generated_message(component: Node | None, shape: Node | None, shapes: Graph, lang: str, *,
                      path: str | None, value: str | None, render) -> str:
    """A sentence for a result without a message in ``lang``, from the component and shape parameters.

    ``render`` turns an RDF term into display text (the caller's compacting/masking).
    """
    local = str(component).rsplit("#", 1)[-1] if component is not None else ""
    params, templates = _T.get(local, ((), _GENERIC))
    values: dict[str, str] = {
        "path": path or _FOCUS[lang],
        "value": value if value is not None else _NONE[lang],
        "component": render(component) if component is not None else "?",
    }
    for name in params:
        param = shapes.value(shape, SH[name]) if shape is not None else None
        if param is not None and (param, None, None) in shapes and name in ("in", "languageIn"):
            try:
                values[name] = "(" + ", ".join(render(x) for x in Collection(shapes, param)) + ")"
                continue
            except Exception:  # noqa: BLE001 - a malformed list still gets a sentence
                pass
        values[name] = render(param) if param is not None else "?"
    text = templates[lang].format(**values)
    return text[0].upper() + text[1:] + "."


def fix_hint(shapes: Graph, shape: Node | None, lang: str, constraint: Node | None = None) -> str | None:
    """The ``ref:fixHint`` in ``lang`` (else English, else any) of the constraint or else the shape."""
    hints: list[Literal] = []
    for owner in (constraint, shape):
        if owner is not None and not hints:
            hints = [h for h in shapes.objects(owner, REF.fixHint) if isinstance(h, Literal)]
    for wanted in (lang, "en", None):
        for hint in hints:
            if (hint.language or None) == wanted or wanted is None:
                return str(hint)
    return None


_UNSUPPORTED = {
    "fr": "Le moteur SPARQL ne prend pas en charge : {features}. Validation faite par le moteur de "
          "référence (pySHACL).",
    "en": "The SPARQL engine does not support: {features}. Validated by the reference engine (pySHACL).",
    "nl": "De SPARQL-engine ondersteunt niet: {features}. Gevalideerd door de referentie-engine (pySHACL).",
}


def unsupported_note(features: list[str], lang: str) -> str:
    """Why the shapes were validated by the reference engine: the features the SPARQL engine lacks."""
    return _UNSUPPORTED.get(lang, _UNSUPPORTED["en"]).format(features="; ".join(features))

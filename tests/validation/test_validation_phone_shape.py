"""``refsh:NoPhone`` says what the phone recogniser says, on RDF given directly to ``validate``.

The shape's SPARQL pattern (shapes/privacy.ttl) is a pre-filter: ASCII-minded, it also matches
dates followed by a number ("05/01/2023 9", "2023-04-22 12345"). The phones a validation reports
are those the recogniser (libphonenumber's rules, :func:`referentiel.privacy.find_phones`) confirms
among the literals the shape or the privacy scan's pre-filter picked. Differential test: many
literals (dates in every common form, pseudonymous hex ids, amounts, file numbers, Belgian and
international phones in many spellings), every engine, the same verdicts as the recogniser.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace

from referentiel import privacy
from referentiel.namespaces import REFSH, SH
from referentiel.validation import validate
from referentiel.validation.privacy_scan import KINDS, find_personal_values

NBSP = "\u00a0"
EX = Namespace("https://example.org/")


def _dates(rng: random.Random) -> list[str]:
    out = []
    for _ in range(40):
        y, m, d = rng.randint(1950, 2030), rng.randint(1, 12), rng.randint(1, 28)
        hh, mm = rng.randint(0, 23), rng.randint(0, 59)
        n = rng.choice([9, 12, 345, 12345, 2023, 123456])
        out += [
            f"{d:02}/{m:02}/{y}",
            f"{d}/{m}/{y}",
            f"{d:02}-{m:02}-{y}",
            f"{d:02}.{m:02}.{y}",
            f"{y}-{m:02}-{d:02}",
            f"{y}/{m:02}/{d:02}",
            f"{d:02}/{m:02}/{y % 100:02}",
            f"{d:02}/{m:02}/{y} {n}",
            f"{y}-{m:02}-{d:02} {n}",
            f"{d:02}.{m:02}.{y} {hh:02}:{mm:02}",
            f"{y}-{m:02}-{d:02}T{hh:02}:{mm:02}:00+01:00",
            f"du {d:02}/{m:02}/{y} au {d:02}/{m:02}/{y + 1}",
            f"{d:02}/{m:02}/{y}-{rng.randint(0, 999):03}",
            f"{d:02} {m:02} {y}",
        ]
    return out


def _phones(rng: random.Random) -> list[str]:
    out = []
    for _ in range(30):
        mobile = rng.choice(["470", "472", "475", "477", "478", "479", "485", "486", "494", "496"])
        a, b, c = (rng.randint(10, 99) for _ in range(3))
        zone, rest = rng.choice([("2", 7), ("3", 7), ("4", 7), ("9", 7), ("10", 6), ("71", 6), ("81", 6)])
        digits = "".join(str(rng.randint(0, 9)) for _ in range(rest))
        out += [
            f"0{mobile} {a} {b} {c}",
            f"0{mobile}/{a}.{b}.{c}",
            f"0{mobile}{a}{b}{c}",
            f"+32 {mobile} {a} {b} {c}",
            f"+32{mobile}{a}{b}{c}",
            f"0032 {mobile} {a} {b} {c}",
            f"+32 (0){mobile} {a} {b} {c}",
            f"tel: 0{mobile}-{a}-{b}-{c} (mère)",
            f"0{mobile}{NBSP}{a}{NBSP}{b}{NBSP}{c}",
            f"0{zone} {digits}",
            f"0{zone}/{digits[:3]}.{digits[3:]}",
            f"+32 {zone} {digits}",
            f"ref 2023 0{mobile} {a} {b} {c}",
            f"+33 6 {a} {b} {c} {rng.randint(10, 99)}",
            f"+31 6 {a}{b}{c}{rng.randint(10, 99)}",
            f"0044 20 7946 {rng.randint(1000, 9999)}",
        ]
    return out


def _others(rng: random.Random) -> list[str]:
    out = ["01 02 03 04 05", "0.25 0.50 0.75", "0,97 / 1,03", "dossier 2023/0400", "1080 Molenbeek"]
    for _ in range(30):
        out += [
            "".join(rng.choice("0123456789abcdef") for _ in range(20)),
            "".join(rng.choice("0123456789abcdef") for _ in range(32)),
            f"{rng.randint(0, 99999)},{rng.randint(0, 99):02} EUR",
            f"{rng.randint(1, 999)}.{rng.randint(0, 999):03}.{rng.randint(0, 999):03},"
            f"{rng.randint(0, 99):02}",
            f"0,{rng.randint(0, 99):02} {rng.randint(0, 9999):04} {rng.randint(0, 9999):04}",
            f"dossier {rng.randint(2000, 2030)}/{rng.randint(0, 9999):04}/{rng.randint(0, 99):02}",
            f"{rng.randint(0, 9)}{rng.randint(0, 9)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
            f"{rng.randint(10, 99)} {rng.randint(10, 99)}",
        ]
    return out


RNG = random.Random(20261205)
DATES, PHONES, OTHERS = _dates(RNG), _phones(RNG), _others(RNG)
LITERALS = {f"v{i}": text for i, text in enumerate(dict.fromkeys(DATES + PHONES + OTHERS))}
SHAPE_PATTERN = r"(^|[^\w+])([+]32|0032|0)[ ./-]?[(]?0?[)]?[1-9]([ ./-]?[0-9]){7,8}($|[^\w])"


def _turtle(values: dict[str, str]) -> str:
    lines = ["@prefix ex: <https://example.org/> ."]
    for case, text in values.items():
        lines.append(f'ex:{case} ex:note "{text}" .')
    return "\n".join(lines) + "\n"


def _recognised() -> set[str]:
    """The literals the privacy scan's recogniser calls phones (its pre-filter, then find_phones)."""
    graph = Graph()
    for name, text in LITERALS.items():
        graph.add((EX[name], EX.note, Literal(text)))
    return {str(s).rsplit("/", 1)[-1] for s, _, _ in find_personal_values(graph)[REFSH.NoPhone]}


RECOGNISED = _recognised()


def test_the_literals_are_a_real_differential_set() -> None:
    """Both kinds are many, and the shape's pattern alone disagrees with the recogniser (dates)."""
    assert len(LITERALS) > 900 and 350 < len(RECOGNISED) < len(LITERALS) - 400
    pattern_only = {k for k, t in LITERALS.items() if re.search(SHAPE_PATTERN, t)} - RECOGNISED
    assert len(pattern_only) > 20  # what the shape reported on its own before it was confirmed


def test_every_phone_is_recognised_and_the_pre_filter_lets_it_through() -> None:
    (phone_kind,) = [k for k in KINDS if k.constraint == REFSH.NoPhone]
    for text in PHONES:
        assert privacy.find_phones(text) and re.search(phone_kind.candidate, text), text


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_the_phones_a_validation_reports_are_the_recogniser_s(engine: str, tmp_path: Path) -> None:
    path = tmp_path / "literals.ttl"
    path.write_text(_turtle(LITERALS), encoding="utf-8")
    report = validate(path, ontology=None, engine=engine, lang="en")
    reported = {
        str(r.focus_node).rsplit("/", 1)[-1] for r in report.results if r.source_constraint == REFSH.NoPhone
    }
    wrong = {LITERALS[k]: k in RECOGNISED for k in reported ^ RECOGNISED}
    assert not wrong, f"{len(wrong)} disagreements (text: is a phone for the recogniser): {wrong}"


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_data_whose_only_results_were_unconfirmed_conform(engine: str, tmp_path: Path) -> None:
    path = tmp_path / "dates.ttl"
    path.write_text(_turtle({"a": "05/01/2023 9", "b": "2023-04-22 12345", "c": "0.25 0.50 0.75"}))
    report = validate(path, ontology=None, engine=engine, lang="en")
    assert report.conforms and not report.results and report.exit_code == 0
    assert (None, SH.conforms, Literal(True)) in report.report_graph

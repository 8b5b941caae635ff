"""Hostile RDF input: refused before any parser expands or fetches anything, in bounded time and memory.

Each hostile fixture is generated here, small on disk; the costly ones are read in a child process
that measures its own peak memory (the ``bounded`` fixture of conftest.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from referentiel import limits, rdfio
from referentiel.cli import main
from referentiel.errors import InputError
from referentiel.validation.api import load_data

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
SECONDS = 5
MIB = 200


def billion_laughs() -> str:
    lines = ['<!ENTITY lol0 "lollollollollollollollollollol">']
    lines += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n' + "\n".join(lines) + "\n]>\n"
        f'<rdf:RDF xmlns:rdf="{RDF}" xmlns:ex="http://example.org/">'
        '<rdf:Description rdf:about="http://example.org/a"><ex:p>&lol9;</ex:p></rdf:Description></rdf:RDF>\n'
    )


def quadratic_blowup() -> str:
    # no nesting at all: one 100 kB entity referenced 20,000 times is 2 GB once expanded
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY a "{"a" * 100_000}">]>\n'
        f'<rdf:RDF xmlns:rdf="{RDF}" xmlns:ex="http://example.org/">'
        f'<rdf:Description rdf:about="http://example.org/a"><ex:p>{"&a;" * 20_000}</ex:p>'
        "</rdf:Description></rdf:RDF>\n"
    )


XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    f'<rdf:RDF xmlns:rdf="{RDF}" xmlns:ex="http://example.org/">'
    '<rdf:Description rdf:about="http://example.org/a"><ex:p>&x;</ex:p></rdf:Description></rdf:RDF>\n'
)
EXTERNAL_DTD = (
    '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF SYSTEM "http://127.0.0.1:9/evil.dtd">\n'
    f'<rdf:RDF xmlns:rdf="{RDF}"/>\n'
)
PARAMETER_ENTITY = (
    '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY % p "x"> <!-- c --> ]>\n'
    f'<rdf:RDF xmlns:rdf="{RDF}"/>\n'
)
# What ontology editors write: plain-text entities for namespaces. Read as before.
PROTEGE = f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
    <!ENTITY ex "http://example.org/" >
    <!-- a comment -->
    <!ENTITY rdfs "http://www.w3.org/2000/01/rdf-schema#" >
]>
<rdf:RDF xmlns:rdf="{RDF}" xmlns:rdfs="&rdfs;">
  <rdf:Description rdf:about="&ex;a"><rdfs:seeAlso rdf:resource="&ex;b"/></rdf:Description>
</rdf:RDF>
"""
PROTEGE_TTL = """<http://example.org/a> <http://www.w3.org/2000/01/rdf-schema#seeAlso>
<http://example.org/b> ."""


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        (billion_laughs(), "nested"),
        (quadratic_blowup(), "entities="),
        (XXE, "external"),
        (EXTERNAL_DTD, "external DTD"),
        (PARAMETER_ENTITY, "parameter"),
    ],
    ids=["billion-laughs", "quadratic-blowup", "xxe", "external-dtd", "parameter-entity"],
)
def test_hostile_rdfxml_is_refused_before_parsing(tmp_path: Path, text: str, needle: str) -> None:
    path = tmp_path / "data.rdf"
    path.write_text(text)
    for read in (lambda: load_data(path), lambda: rdfio.load_graph(path)):
        with pytest.raises(InputError, match=needle) as info:
            read()
        assert "passwd" not in str(info.value)


def test_billion_laughs_validate_exits_2_in_bounded_time_and_memory(tmp_path: Path, bounded) -> None:
    path = tmp_path / "laughs.rdf"
    path.write_text(billion_laughs())
    outcome = bounded(
        "from referentiel.cli import main\nimport referentiel.validation.api",
        f"main(['validate', {str(path)!r}, '--lang', 'en'])",
    )
    assert outcome["code"] == 2, outcome
    assert "refused before parsing" in outcome["stderr"]
    assert outcome["seconds"] < SECONDS and outcome["extra_mib"] < MIB, outcome


def test_quadratic_blowup_load_refused_in_bounded_memory(tmp_path: Path, bounded) -> None:
    path = tmp_path / "blowup.rdf"
    path.write_text(quadratic_blowup())
    outcome = bounded(  # `referentiel load`: refused before the bulk loader sees it
        "from referentiel.store.embedded import EmbeddedStore",
        f"EmbeddedStore(memory=True).load([{str(path)!r}], 'https://example.org/g', validate=False)",
    )
    assert outcome["error"].startswith("InputError") and "entities=" in outcome["error"], outcome
    assert outcome["seconds"] < SECONDS and outcome["extra_mib"] < MIB, outcome


def test_plain_text_entities_of_ontology_editors_are_read(tmp_path: Path) -> None:
    path = tmp_path / "onto.owl"
    path.write_text(PROTEGE)
    expected = Graph().parse(data=PROTEGE_TTL, format="turtle")
    assert isomorphic(rdfio.load_graph(path), expected)  # rdflib
    assert isomorphic(load_data(path)[0], expected)  # pyoxigraph
    # &ex; twice (19 characters) and &rdfs; once (37): 75 bytes
    with limits.applied(limits.parse(["entities=75"])):
        assert len(load_data(path)[0]) == 1
    with limits.applied(limits.parse(["entities=74"])), pytest.raises(InputError, match="entities=74"):
        load_data(path)


def test_jsonld_contexts_are_never_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "context.jsonld"
    secret.write_text(json.dumps({"@context": {"@vocab": "http://secret.example/"}}))
    cases = {
        "file": {"@context": secret.as_uri(), "@id": "http://example.org/a", "p": "1"},
        "remote": {"@context": "http://127.0.0.1:9/context.jsonld", "@id": "http://example.org/a"},
        "relative": {"@context": "context.jsonld", "@id": "http://example.org/a", "p": "1"},
        "list": {"@context": [{"ex": "http://example.org/"}, secret.as_uri()], "@id": "ex:a"},
        "import": {"@context": {"@import": secret.as_uri()}, "@id": "http://example.org/a", "p": "1"},
        "scoped": {
            "@context": {"p": {"@id": "http://example.org/p", "@context": secret.as_uri()}},
            "@id": "http://example.org/a",
            "p": {"q": "1"},
        },
        "nested": {"@graph": [{"@context": secret.as_uri(), "@id": "http://example.org/a", "p": "1"}]},
    }
    from referentiel.store.embedded import EmbeddedStore

    def load(p: Path) -> object:  # `referentiel load`
        return EmbeddedStore(memory=True).load([p], "https://example.org/g", validate=False)

    for case, document in cases.items():
        path = tmp_path / f"{case}.jsonld"
        path.write_text(json.dumps(document))
        for read in (load_data, rdfio.load_graph, load):
            with pytest.raises(InputError, match="contexts are never fetched") as info:
                read(path)
            assert "context" in str(info.value), case


def test_inline_jsonld_context_is_read(tmp_path: Path) -> None:
    path = tmp_path / "inline.jsonld"
    document = {"@context": {"@vocab": "http://example.org/"}, "@id": "http://example.org/a", "p": "1"}
    path.write_text(json.dumps(document))
    expected = Graph().parse(data='<http://example.org/a> <http://example.org/p> "1" .', format="nt")
    assert isomorphic(load_data(path)[0], expected)


def test_deep_jsonld_is_a_located_error(tmp_path: Path, bounded) -> None:
    path = tmp_path / "deep.jsonld"
    path.write_text('{"@id": "http://example.org/a",\n "http://example.org/p": ' + "[" * 100_000)
    outcome = bounded("from referentiel.validation.api import load_data", f"load_data({str(path)!r})")
    assert outcome["error"].startswith("InputError"), outcome
    assert "line 2" in outcome["error"] and "depth=100" in outcome["error"], outcome
    assert outcome["seconds"] < SECONDS and outcome["extra_mib"] < MIB, outcome


NAME = "Jeanne Dupontelle"
MALFORMED = {
    "ttl": f"@prefix ex: <http://example.org/> .\nex:a ex:p {NAME} .\n",
    "nt": f"<http://example.org/a> <http://example.org/p> {NAME} .\n",
    "rdf": f'<rdf:RDF xmlns:rdf="{RDF}"><rdf:Description rdf:about="{NAME}"><{NAME}</rdf:RDF>',
    "jsonld": '{"@id": "http://example.org/a", "http://example.org/p": ' + NAME + "}",
}


@pytest.mark.parametrize("suffix", sorted(MALFORMED))
def test_parse_errors_never_echo_the_text(tmp_path: Path, suffix: str, capsys) -> None:
    path = tmp_path / f"data.{suffix}"
    path.write_text(MALFORMED[suffix])
    for read in (load_data, rdfio.load_graph):
        with pytest.raises(InputError) as info:
            read(path)
        assert "Jeanne" not in str(info.value) and "Dupontelle" not in str(info.value)
    for lang, word in (("fr", "mal formé"), ("nl", "misvormde"), ("en", "malformed")):
        with pytest.raises(SystemExit) as exited:
            main(["load", str(path), "--store", str(tmp_path / "store"), "-q", "--lang", lang])
        err = capsys.readouterr().err
        assert exited.value.code == 2 and word in err, err
        assert "Jeanne" not in err and "Dupontelle" not in err


def test_turtle_error_keeps_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "data.ttl"
    path.write_text(MALFORMED["ttl"])
    with pytest.raises(InputError) as info:
        load_data(path)
    assert (info.value.line, info.value.column) == (2, 11)


def test_file_size_limit_and_limit_option(tmp_path: Path, capsys, monkeypatch) -> None:
    path = tmp_path / "data.ttl"
    path.write_text("<http://example.org/a> <http://example.org/p> 1 .\n")
    with limits.applied(limits.parse(["file=10"])), pytest.raises(InputError, match="file=10"):
        load_data(path)
    with pytest.raises(SystemExit) as exited:
        main(["validate", str(path), "--limit", "file=10"])
    assert exited.value.code == 2 and "--limit file=" in capsys.readouterr().err
    monkeypatch.setenv(limits.ENV, "file=10")
    with pytest.raises(SystemExit) as exited:
        main(["validate", str(path)])
    assert exited.value.code == 2 and "file=10" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["validate", str(path), "--limit", "rows=many"])
    assert exited.value.code == 2 and "--limit" in capsys.readouterr().err


def test_limits_parse() -> None:
    chosen = limits.parse(["rows=10 cell=2k", "file=1G,unzipped=3MiB"])
    assert (chosen.rows, chosen.cell, chosen.file, chosen.unzipped) == (10, 2048, 1024**3, 3 * 1024**2)
    assert limits.parse([]) == limits.DEFAULTS
    with pytest.raises(Exception, match="unknown limit"):
        limits.parse(["speed=3"])


def test_docs_list_every_limit_with_its_default() -> None:
    import re

    docs = (Path(__file__).resolve().parents[2] / "docs" / "translation.md").read_text(encoding="utf-8")
    section = docs.split("## Limits: hostile and broken files", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+) \|", section, re.M)
    assert [name for name, _ in rows] == list(limits.NAMES)
    sizes = {
        "1 GiB": 1024**3,
        "1 MiB": 1024**2,
        "32 MiB": 32 * 1024**2,
        "16 MiB": 16 * 1024**2,
        "32,767 characters (Excel's own maximum)": 32767,
    }
    for name, default in rows:
        text = default.strip()
        expected = sizes.get(text) or int(text.replace(",", ""))
        assert getattr(limits.DEFAULTS, name) == expected, name


def _depth_by_recursion(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth_by_recursion(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth_by_recursion(v) for v in value), default=0)
    return 0


def test_json_depth_is_the_nesting_depth() -> None:
    """guards._depth (level by level, iterative) gives the depth the plain recursive definition gives."""
    import random

    from referentiel.guards import _depth

    rng = random.Random(10)

    def value(depth: int = 0) -> object:
        r = rng.random()
        if depth > 7 or r < 0.3:
            return rng.choice([1, "x", None, 2.5, True])
        if r < 0.65:
            return [value(depth + 1) for _ in range(rng.randrange(4))]
        return {str(i): value(depth + 1) for i in range(rng.randrange(4))}

    for _ in range(3000):
        v = value()
        assert _depth(v) == _depth_by_recursion(v)
    deep: list = []
    cur = deep
    for _ in range(100_000):  # deeper than recursion allows: the walk is iterative
        cur.append([])
        cur = cur[0]
    assert _depth(deep) == 100_001

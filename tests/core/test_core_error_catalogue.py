"""The errors a steward meets follow --lang: they go through the catalogue (referentiel.error_messages).

Two checks: the raise sites of the converted modules are walked, and every message and hint they can
raise must be in the catalogue in French and Dutch with the same placeholders; and each error case a
steward meets is run through the real entry point in fr, nl and en, with no English left in fr/nl.
"""

from __future__ import annotations

import ast
import re
import shutil
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

import referentiel
from referentiel.cli import main
from referentiel.error_messages import MESSAGES
from referentiel.intake.pipeline import bundled_examples_dir

SRC = Path(referentiel.__file__).parent
CONVERTED = [
    "translation/pseudonym.py",
    "translation/profile_yaml.py",
    "translation/profile_load.py",
    "translation/readers.py",
    "translation/terms.py",
    "translation/organisations.py",
    "translation/translator.py",
    "rdfio.py",
    "queries/catalogue.py",
    "intake/pipeline.py",
    "translation/sssom_model.py",
    "translation/sssom_read.py",
    "translation/sssom_write.py",
    "translation/suggest.py",
    "translation/review.py",
    "translation/xlsx.py",
    "translation/profile_draft.py",
    "translation/framework.py",
    "translation/calibration.py",
    "translation/messages.py",
    "validation/engine.py",
    "validation/api.py",
    "validation/sparql/api.py",
    "validation/sparql/compiler.py",
    "validation/sparql/model.py",
    "validation/sparql/runner.py",
    "validation/sparql/store_input.py",
    "ontology/load.py",
    "ontology/docs.py",
    "queries/cli.py",
    "queries/runner.py",
    "web/cli.py",
    "limits.py",
    "store/terms.py",
    "store/base.py",
    "store/embedded.py",
    "store/lock.py",
    "store/remote.py",
    "store/remote_errors.py",
    "store/loading.py",
    "store/sparql.py",
    "store/serve.py",
    "translation/cli.py",
    "store/__init__.py",
    "store/testing.py",
]
ERRORS = ("ConfigError", "InputError", "StoreError", "ReferentielError", "LoadRefused")


def _literals(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    raise AssertionError(f"line {node.lineno}: a message or hint must be a template literal, not computed")


def _forwarding(tree: ast.Module) -> set[int]:
    """Calls inside the profile reader's ``error()``: they forward the template their caller wrote."""
    return {
        id(node)
        for fn in ast.walk(tree)
        if isinstance(fn, ast.FunctionDef) and fn.name == "error"
        for node in ast.walk(fn)
    }


def _templates(tree: ast.Module, module: str) -> list[str]:
    found = []
    forwarding = _forwarding(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or id(node) in forwarding:
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in ERRORS:
            raise AssertionError(
                f"{module}, line {node.lineno}: {func.id}(...) bypasses the catalogue; "
                f"use {func.id}.of(template, ...)"
            )
        if not isinstance(func, ast.Attribute):
            continue
        owner = func.value.id if isinstance(func.value, ast.Name) else ""
        args: list[ast.expr] = []
        if func.attr == "of" and owner in ERRORS:
            args = node.args[:1]
        elif func.attr == "error" and len(node.args) >= 2:  # the profile reader's `where, key K: problem`
            args = node.args[1:2]
        elif isinstance(func, ast.Attribute) and func.attr == "phrase":
            args = node.args[:1]
        if func.attr in ("of", "error") and (owner in ERRORS or func.attr == "error"):
            args += [
                k.value
                for k in node.keywords
                if k.arg == "hint" and not (isinstance(k.value, ast.Constant) and k.value.value is None)
            ]
        for arg in args:
            found.extend(_literals(arg))
    for node in ast.walk(tree):  # phrase(...) imported by name
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "phrase"
            and id(node) not in forwarding
        ):
            found.extend(_literals(node.args[0]))
    return found


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("module", CONVERTED)
def test_every_error_of_a_converted_module_is_in_the_catalogue(module: str) -> None:
    tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
    templates = _templates(tree, module)
    assert templates, module
    for template in templates:
        assert template in MESSAGES, f"{module}: {template!r} is not in referentiel/error_messages.py"
        # file, line, column and hint say where the error is: they are not words of the message
        assert not _fields(template) & {"file", "line", "column", "hint"}, (module, template)
        for lang in ("fr", "nl"):
            text = MESSAGES[template][lang]
            assert _fields(text) == _fields(template), (module, template, lang)


def test_catalogue_entries_are_translated() -> None:
    for template, texts in MESSAGES.items():
        assert set(texts) == {"fr", "nl"}, template
        if re.search(r"[a-z]{4,}", re.sub(r"\{[^}]*\}|`[^`]*`", "", template)):
            # a word may be the same in one language ("table" in French), not in both
            assert texts["fr"] != template or texts["nl"] != template, template


# ------------------------------------------------------------------ each case, through main()

ENGLISH = re.compile(r"\b(how to fix|error|not found|the key|is empty|cannot|unknown|give|check|file)\b")


@pytest.fixture
def cases(tmp_path: Path, monkeypatch) -> Iterator[dict[str, list[str]]]:
    """argv of each error case a steward meets (the language is added by the test)."""
    monkeypatch.delenv("REFERENTIEL_PSEUDONYM_KEY", raising=False)
    monkeypatch.delenv("REFERENTIEL_PSEUDONYM_KEY_FILE", raising=False)
    monkeypatch.chdir(tmp_path)
    exports = tmp_path / "exports"
    shutil.copytree(bundled_examples_dir() / "cpas-ixelles", exports / "cpas-ixelles")
    shared = tmp_path / "shared.key"
    shared.write_text("c0ffee" * 8, encoding="utf-8")
    shared.chmod(0o644)
    demo = tmp_path / "demo.key"
    shutil.copy(bundled_examples_dir() / "DEMO-ONLY.key", demo)
    demo.chmod(0o600)
    # the demo key serves the demo data, even copied; a changed file is real data
    real = tmp_path / "real" / "cpas-ixelles"
    shutil.copytree(bundled_examples_dir() / "cpas-ixelles", real)
    table = real / "export" / "partenaires.csv"
    table.write_bytes(table.read_bytes().replace(b"P01;", b"P99;", 1))
    profile = exports / "cpas-ixelles" / "profile.yaml"
    broken = tmp_path / "broken.yaml"
    broken.write_text(profile.read_text(encoding="utf-8").replace("  slug:", "  slugg:"), encoding="utf-8")
    no_set = exports / "cpas-ixelles" / "no-set.yaml"
    no_set.write_text(
        profile.read_text(encoding="utf-8").replace(
            "mappings: mappings.sssom.tsv", "mappings: missing.sssom.tsv"
        ),
        encoding="utf-8",
    )
    (tmp_path / "empty.ttl").write_bytes(b"")
    (tmp_path / "binary.ttl").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "empty.csv").write_bytes(b"")
    csv_file = str(exports / "cpas-ixelles" / "export" / "dossiers.csv")
    (tmp_path / "data.ttl").write_text("<http://example.org/a> <http://example.org/b> 1 .\n")
    (tmp_path / "no-shapes.ttl").write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n")
    (tmp_path / "no-terms.txt").write_text("# only a comment\n", encoding="utf-8")
    (tmp_path / "output.txt").write_text("not a folder\n", encoding="utf-8")
    (tmp_path / "not-a-store").mkdir()
    (tmp_path / "not-a-store" / "notes.txt").write_text("mine\n", encoding="utf-8")
    from referentiel.store.embedded import EmbeddedStore
    from referentiel.store.lock import StoreLock

    EmbeddedStore(tmp_path / "locked").close()
    # a server holds the store while the load runs
    lock = StoreLock(tmp_path / "locked", "serve", shared=True).acquire()
    yield {
        "missing key": ["ingest", str(exports), "--store", "s"],
        "key file permissions": ["ingest", str(exports), "--store", "s", "--key-file", str(shared)],
        "demo key refused": ["ingest", str(real.parent), "--store", "s", "--key-file", str(demo)],
        "broken profile": ["translate", csv_file, "--profile", str(broken)],
        "missing mapping set": ["translate", csv_file, "--profile", str(no_set)],
        "unknown query": ["query", "no-such-query"],
        "unknown organisation": ["terms", "translate", "accueil", "--from", "no-such-org"],
        "file not found": ["validate", "nowhere.ttl"],
        "empty file": ["validate", "empty.ttl"],
        "binary file": ["validate", "binary.ttl"],
        "empty export": ["translate", "empty.csv", "--profile", str(profile)],
        "export not found": ["translate", "nowhere.csv", "--profile", str(profile)],
        "empty shapes graph": ["validate", "data.ttl", "--shapes", "no-shapes.ttl"],
        "query parameter": ["query", "caseload", "--param", "min_share"],
        "terms file without terms": [
            *("mappings", "suggest", "--terms", "no-terms.txt", "--from", "cpas-ixelles"),
            *("--mappings", str(exports), "--method", "lexical", "-o", "out.tsv"),
        ],
        "organisation slug": ["mappings", "init", "Not A Slug"],
        "drafted export not found": ["profile", "draft", "nowhere.csv", "-o", "p.yaml"],
        "documentation folder": ["ontology", "docs", "-o", "output.txt"],
        "folder that is not a store": ["load", "data.ttl", "--store", "not-a-store"],
        "store locked by another program": ["load", "data.ttl", "--store", "locked"],
        "graph name not an IRI": ["load", "data.ttl", "--graph", "not an iri", "--store", "s"],
        # port 9 (discard) is closed on a test machine: the connection is refused at once
        "unreachable endpoint": ["query", "caseload", "--endpoint", "http://127.0.0.1:9/sparql"],
        "mapping set already there": ["mappings", "init", "some-org", "-o", "output.txt"],
    }
    lock.release()


def _run(argv: list[str], capsys) -> tuple[int, str]:
    with pytest.raises(SystemExit) as ended:
        main(argv)
    return ended.value.code, capsys.readouterr().err


@pytest.mark.parametrize(
    "case",
    [
        "missing key",
        "key file permissions",
        "demo key refused",
        "broken profile",
        "missing mapping set",
        "unknown query",
        "unknown organisation",
        "file not found",
        "empty file",
        "binary file",
        "empty export",
        "export not found",
        "empty shapes graph",
        "query parameter",
        "terms file without terms",
        "organisation slug",
        "drafted export not found",
        "documentation folder",
        "folder that is not a store",
        "store locked by another program",
        "graph name not an IRI",
        "unreachable endpoint",
        "mapping set already there",
    ],
)
def test_each_error_is_said_in_the_language_of_the_command(cases, case: str, capsys) -> None:
    argv = cases[case]
    code, english = _run([*argv, "--lang", "en"], capsys)
    assert code == 2 and english.startswith("error: "), (case, english)
    assert _run(argv, capsys) == (2, english)  # without --lang: English, as before
    for lang, word in (("fr", "erreur: "), ("nl", "fout: ")):
        code, said = _run([*argv, "--lang", lang], capsys)
        assert code == 2 and said.startswith(word), (case, lang, said)
        assert said != english
        # paths, names and commands aside, no English sentence is left
        prose = re.sub(r"`[^`]*`|'[^']*'|\S*/\S*|--[\w-]+", "", said)
        assert not ENGLISH.search(prose), (case, lang, said)
        assert "Traceback" not in said


def test_ingest_says_why_an_export_is_unusable_in_the_run_language(tmp_path: Path) -> None:
    from referentiel.intake import ingest

    org = tmp_path / "exports" / "cpas-ixelles"
    shutil.copytree(bundled_examples_dir() / "cpas-ixelles", org)
    profile = org / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("  slug:", "  slugg:"), encoding="utf-8")
    key = tmp_path / "k.key"
    key.write_text("c0ffee" * 8, encoding="utf-8")
    key.chmod(0o600)
    reasons = {}
    for lang in ("fr", "nl", "en"):
        summary = ingest(tmp_path / "exports", store=tmp_path / f"s-{lang}", key_file=key, lang=lang)
        reasons[lang] = summary.exports[0].reason or ""
    assert "unknown key 'slugg'" in reasons["en"]
    assert "clé inconnue 'slugg'" in reasons["fr"] and "onbekende sleutel 'slugg'" in reasons["nl"]

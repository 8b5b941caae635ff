"""Adversarial regression tests: hostile or naive input to the finished commands.

Every case goes through the real entry point (``referentiel.cli.main``: error mapping and exit
codes included) and checks the documented exit code, a message that says where and what, no
traceback, and that no personal value seeded into the input comes out anywhere.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from importlib.resources import as_file
from pathlib import Path

import pytest

from referentiel.privacy import is_masked, is_valid_niss, looks_like_free_text, shown
from referentiel.resources import bundled

KEY = "0123456789abcdef0123456789abcdef"
NOTE = "la maman dit que le papa boit le soir"  # a free-text note typed in the wrong column
NAME = "Jeanne Dupontelle"


def _niss() -> str:
    body = 850730033
    value = f"{body:09d}{97 - body % 97:02d}"
    assert is_valid_niss(value)
    return value


def run_main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The console script's entry point, as a user runs it."""
    from referentiel.cli import main

    code: int | str | None = 0
    try:
        main(args)
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    return int(code or 0), out.out, out.err


@pytest.fixture
def cpas(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the CPAS example organisation (cp1252, ';'), working directory = tmp_path."""
    monkeypatch.setenv("REFERENTIEL_PSEUDONYM_KEY", KEY)
    monkeypatch.chdir(tmp_path)
    with as_file(bundled("examples", "organisations", "cpas-ixelles")) as src:
        shutil.copytree(src, tmp_path / "cpas")
    return tmp_path / "cpas"


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(path.open(encoding="cp1252", newline=""), delimiter=";"))


def _write(path: Path, rows: list[list[str]], encoding: str = "cp1252", delimiter: str = ";") -> None:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)


def _assert_clean(code: int, err: str, expected: int) -> None:
    assert code == expected, err
    assert "Traceback" not in err and "internal error" not in err, err


# ------------------------------------------------------------------------------ unusable input: exit 2


@pytest.fixture
def empty_store(tmp_path: Path) -> Path:
    from referentiel.store import open_store

    open_store(tmp_path / "store").close()
    return tmp_path / "store"


QUERY_CASES = [
    # (query file text or None for a folder, params, expected fragments of stderr)
    ("SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(\n}\n", [], ["bad.rq, line 5, column 1", "invalid SPARQL"]),
    (None, [], ["bad.rq: this is a folder"]),
    (b"\x89PNG\r\n\x1a\n\x00\x00binary", [], ["bad.rq: the query file is not UTF-8"]),
]


@pytest.mark.parametrize(("text", "params", "fragments"), QUERY_CASES)
def test_query_file_errors_name_the_file(
    tmp_path: Path,
    empty_store: Path,
    capsys: pytest.CaptureFixture[str],
    text,
    params,
    fragments,  # noqa: ANN001
) -> None:
    path = tmp_path / "bad.rq"
    if text is None:
        path.mkdir()
    elif isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    code, _, err = run_main(["query", str(path), "--store", str(empty_store), *params], capsys)
    _assert_clean(code, err, 2)
    for fragment in fragments:
        assert fragment.replace("bad.rq", str(path)) in err or fragment in err, err


PARAM_CASES = [
    (["--param", "from=2023-01-01", "--param", "from=2024-01-01"], "--param from is given twice"),
    (["--param", "=1"], "has no NAME"),
    (["--param", "from=2023-02-30"], "is not a valid xsd:date"),
    (["--param", 'from=x" } DROP ALL #'], "is not a valid xsd:date"),
    (["--param", "min_organisations=abc"], "is not a valid xsd:integer"),
    (["--param", "nosuch=1"], "has no parameter 'nosuch'"),
]


@pytest.mark.parametrize(("params", "fragment"), PARAM_CASES)
def test_query_bad_params_are_usage_errors(
    empty_store: Path, capsys: pytest.CaptureFixture[str], params: list[str], fragment: str
) -> None:
    code, _, err = run_main(["query", "coordination-gaps", "--store", str(empty_store), *params], capsys)
    _assert_clean(code, err, 2)
    assert fragment in err


def test_damaged_store_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    store.mkdir()
    (store / "CURRENT").write_bytes(b"\x89PNG not a store")
    code, _, err = run_main(["graphs", "--store", str(store)], capsys)
    _assert_clean(code, err, 2)
    assert "damaged or not a referentiel store" in err and "how to fix" in err


@pytest.mark.parametrize(
    ("output", "fragment"),
    [("missing/out.ttl", "the folder missing does not exist"), ("afile/out.ttl", "afile is a file")],
)
def test_output_that_cannot_be_written_is_exit_2(
    cpas: Path, capsys: pytest.CaptureFixture[str], output: str, fragment: str
) -> None:
    Path("afile").write_text("x")
    export = cpas / "export" / "travailleurs.csv"
    for option in ("-o", "--report"):
        args = ["translate", str(export), "--profile", str(cpas / "profile.yaml"), "-q", option, output]
        code, _, err = run_main(args, capsys)
        _assert_clean(code, err, 2)
        assert fragment in err and "cannot write the output" in err


def test_oserror_with_a_path_is_exit_2_not_internal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The shared safety net: an OSError on a user's path is their environment, not a bug."""
    import referentiel.cli as cli_module

    def boom(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", "/somewhere/file.ttl")

    monkeypatch.setattr(cli_module.cli, "main", boom)
    code, _, err = run_main(["graphs"], capsys)
    _assert_clean(code, err, 2)
    assert "/somewhere/file.ttl: Permission denied" in err


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (
            ["terms", "translate", "AS", "--from", "cpas-ixelles", "--scheme", "nosuch"],
            "not a concept scheme",
        ),
        (["terms", "translate", " ", "--from", "cpas-ixelles"], "the term to translate is empty"),
        (["terms", "lookup", "nosuchxyzq"], "referentiel ontology docs"),
    ],
)
def test_terms_usage_errors(capsys: pytest.CaptureFixture[str], args: list[str], fragment: str) -> None:
    code, _, err = run_main(args, capsys)
    _assert_clean(code, err, 2)
    assert fragment in err


# ----------------------------------------------------------------------------- encodings and headers


def _translate(
    cpas: Path, export: Path, capsys: pytest.CaptureFixture[str], lang: str = "en"
) -> tuple[int, str, dict]:
    report = export.parent / "report.json"
    code, _, err = run_main(
        [
            "translate",
            str(export),
            "--profile",
            str(cpas / "profile.yaml"),
            "-o",
            "out.ttl",
            "--report",
            str(report),
            "--lang",
            lang,
        ],
        capsys,
    )
    data = json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}
    return code, err, data


@pytest.mark.parametrize("bom", [b"\xef\xbb\xbf", b""], ids=["utf-8-bom", "utf-8"])
def test_utf8_export_with_a_cp1252_profile_is_read_as_utf8(
    cpas: Path, capsys: pytest.CaptureFixture[str], bom: bytes
) -> None:
    """Excel's "CSV UTF-8" against a profile written for cp1252: not refused, no mojibake."""
    src = cpas / "export" / "travailleurs.csv"
    text = src.read_bytes().decode("cp1252")
    target = cpas / "export2" / "travailleurs.csv"
    target.parent.mkdir()
    target.write_bytes(bom + text.encode("utf-8"))
    code, err, report = _translate(cpas, target, capsys)
    _assert_clean(code, err, 0)
    assert "REFUSED" not in err and "Ã" not in Path("out.ttl").read_text(encoding="utf-8")


def test_wrong_delimiter_is_explained(cpas: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = cpas / "export2" / "travailleurs.csv"
    target.parent.mkdir()
    _write(target, _rows(cpas / "export" / "travailleurs.csv"), delimiter=",")
    code, err, _ = _translate(cpas, target, capsys)
    _assert_clean(code, err, 1)
    assert "seems separated by ','" in err and "dialect: delimiter" in err


def test_missing_header_row_echoes_no_data(cpas: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _rows(cpas / "export" / "dossiers.csv")
    target = cpas / "export2" / "dossiers.csv"
    target.parent.mkdir()
    _write(target, rows[1:])
    first = rows[1]
    said = {
        "en": "does the export start with a header row",
        "fr": "l'export commence-t-il par une ligne d'en-tête",
        "nl": "begint de export met een kopregel",
    }
    for lang, words in said.items():  # the same (nothing of the data) in every language
        code, err, report = _translate(cpas, target, capsys, lang)
        _assert_clean(code, err, 1)
        assert words in err and words in json.dumps(report, ensure_ascii=False)
        for cell in (first[0], first[1]):  # the dossier number and the family code
            assert cell not in err and cell not in json.dumps(report, ensure_ascii=False)


def test_optional_column_missing_is_reported(cpas: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _rows(cpas / "export" / "dossiers.csv")
    drop = rows[0].index("ressources")
    target = cpas / "export2" / "dossiers.csv"
    target.parent.mkdir()
    _write(target, [r[:drop] + r[drop + 1 :] for r in rows])
    code, err, report = _translate(cpas, target, capsys)
    _assert_clean(code, err, 0)
    assert any(i["kind"] == "missing-column" and i.get("column") == "ressources" for i in report["issues"])


# ---------------------------------------------------------------------------------------- privacy


def test_shown_masks_free_text_but_keeps_terms() -> None:
    assert shown("Aide administrative") == "Aide administrative"
    assert shown("réunion de concertation pluridisciplinaire") == "réunion de concertation pluridisciplinaire"
    assert is_masked(shown(NOTE)) and "maman" not in shown(NOTE)
    assert is_masked(shown("x" * 80)) and looks_like_free_text(NOTE)
    assert _niss() not in shown(f"NN {_niss()}")


def test_seeded_notes_and_identifiers_never_come_out(
    cpas: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A note in a vocabulary column and in a date column, a family code shifted into a date:
    stderr, the JSON report, coverage (text/json/csv) and the suggestions never echo them."""
    path = cpas / "export" / "interventions.csv"
    rows = _rows(path)
    head = rows[0]
    rows[1][head.index("type_action")] = NOTE
    rows[2][head.index("date")] = NOTE
    rows[3][head.index("date")] = "F-1001"
    rows[4][head.index("type_action")] = f"{NAME} {_niss()}"
    _write(path, rows)
    secrets = ["maman", "papa", "F-1001", _niss(), "Dupontelle"]

    outputs = []
    for lang in ("fr", "en", "nl"):  # every language shows exactly as much of the data: nothing
        code, err, report = _translate(cpas, path, capsys, lang)
        assert code == 1  # the unparsable date is an error
        assert report["lang"] == lang and all(i["message_id"] for i in report["issues"])
        outputs += [err, json.dumps(report, ensure_ascii=False)]
        for fmt in ("text", "json", "csv"):
            code, out, err = run_main(
                [
                    "mappings",
                    "coverage",
                    str(path),
                    "--profile",
                    str(cpas / "profile.yaml"),
                    "--format",
                    fmt,
                    "--lang",
                    lang,
                ],
                capsys,
            )
            assert code == 1, err  # the table with a national number is refused: incomplete
            outputs += [out, err]
    orgs = tmp_path / "orgs"
    orgs.mkdir()
    shutil.copytree(cpas, orgs / "cpas-ixelles")
    code, out, err = run_main(
        [
            "mappings",
            "suggest",
            "--from",
            "cpas-ixelles",
            "--mappings",
            str(orgs),
            "--method",
            "lexical",
            "-o",
            str(tmp_path / "s.sssom.tsv"),
        ],
        capsys,
    )
    assert code == 0, err
    outputs += [out, err, (tmp_path / "s.sssom.tsv").read_text(encoding="utf-8")]
    code, out, err = run_main(
        ["terms", "translate", NOTE, "--from", "cpas-ixelles", "--format", "json"], capsys
    )
    assert code == 1
    outputs += [out, err]
    text = "\n".join(outputs)
    assert "free text masked" in text
    for secret in secrets:
        assert secret not in text, secret


# ------------------------------------------------------------------------------------ interruption


def test_sigint_during_translate_is_130_and_leaves_nothing(cpas: Path, tmp_path: Path) -> None:
    rows = _rows(cpas / "export" / "interventions.csv")
    big = [rows[0]] + [[f"I{i:07d}", *rows[1 + i % (len(rows) - 1)][1:]] for i in range(40000)]
    _write(cpas / "export" / "interventions.csv", big)
    out = tmp_path / "big.ttl"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "referentiel",
            "translate",
            str(cpas / "export" / "interventions.csv"),
            "--profile",
            str(cpas / "profile.yaml"),
            "-o",
            str(out),
            "--report",
            str(tmp_path / "r.json"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "REFERENTIEL_PSEUDONYM_KEY": KEY},
    )
    time.sleep(2.5)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err
    assert not list(tmp_path.glob("big.ttl*")) and not list(tmp_path.glob("r.json*"))


def test_parser_errors_do_not_quote_the_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data.ttl"
    data.write_text(f"@prefix ex: <http://x/> .\nex:a ex:b {NAME} .\n", encoding="utf-8")
    args = ["load", str(data), "--store", str(tmp_path / "store"), "-q", "--lang", "en"]
    code, out, err = run_main(args, capsys)
    _assert_clean(code, err, 2)
    assert "line 2, column 11" in err and "Jeanne" not in err + out


def test_library_warnings_do_not_leak_data(tmp_path: Path) -> None:
    """rdflib logs "<IRI> does not look like a valid URI" quoting the IRI (here a name and a NISS).

    A subprocess: under pytest, log records go to pytest's handler, not to stderr as for a user."""
    ontology = tmp_path / "onto.ttl"
    ontology.write_text(f'<http://x/{NAME} {_niss()}> <http://x/b> "x" .\n', encoding="utf-8")
    sssom = bundled("examples", "organisations", "cpas-ixelles", "mappings.sssom.tsv")
    with as_file(sssom) as path:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "referentiel",
                "mappings",
                "check",
                "--ontology",
                str(ontology),
                str(path),
            ],
            capture_output=True,
            text=True,
        )
    assert done.returncode in (0, 1), done.stderr
    assert "Dupontelle" not in done.stdout + done.stderr and _niss() not in done.stdout + done.stderr


def test_store_refuses_a_non_empty_directory_that_is_not_a_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The store's database files must never be written among a user's own files."""
    folder = tmp_path / "my-documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run_main(["graphs", "--store", str(folder)], capsys)
    assert code == 2 and "holds no referentiel store" in err
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]

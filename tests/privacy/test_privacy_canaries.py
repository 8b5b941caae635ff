"""The canary matrix: personal values typed into every column of every example organisation never
come out of any command, in any output format, nor out of the store.

Every kind of personal value (national numbers in several spellings, a name in its usual forms, an
address, phones in several forms, e-mails, an IBAN, a free-text note) is planted in every column of
every table of the four example organisations (CSV, TSV, XLSX, JSON), one canary per appended row (a
copy of a real row), plus in a column the profile does not describe. Then `translate` (Turtle,
N-Triples, JSON report, terminal), `validate --profile` (text, JSON, Turtle, HTML), `mappings coverage`
(text, CSV, JSON) and `ingest` (terminal, HTML and JSON reports, then the whole store dumped) run, and
every output is searched for each canary and its normalised forms (digits without separators, text
after NFKC/space/dash folding, case-insensitive).

Two passes per organisation: the values with a format of their own (national numbers, phones,
e-mails, IBANs) make a column not declared personal refuse its whole table, so they are planted in
a pass of their own; the names, addresses and notes are screened cell by cell. Declared organisation
names are the one column the screen does not apply to (docs/privacy.md) and get no canary.
"""

from __future__ import annotations

import csv
import io
import json
import re
import secrets
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from referentiel.cli import cli
from referentiel.privacy import normalise
from referentiel.translation.profile import load_profile
from referentiel.translation.translator import _identifies_people

ROOT = Path(__file__).resolve().parents[2]
ORGS = ROOT / "examples" / "organisations"
NBSP, THIN = "\u00a0", "\u2009"


def _niss(body: str, after_2000: bool = False) -> str:
    base = int("2" + body) if after_2000 else int(body)
    return f"{body}{97 - base % 97:02d}"


NISS_A = _niss("850730033")  # born 1985
NISS_B = _niss("051204117", after_2000=True)  # born 2005: written without its leading zero below
IBAN = "BE71 0961 2345 6769"

# (kind, value planted, needles that must never appear): digit needles are compared with the outputs'
# digits once separators between digits are removed; text needles case-insensitively after folding.
FORMATTED = [
    ("national number", NISS_A, [NISS_A]),
    ("national number", NBSP.join((NISS_A[:2], NISS_A[2:4], NISS_A[4:6], NISS_A[6:9], NISS_A[9:])), [NISS_A]),
    (
        "national number",
        f"{NISS_A[:2]}.{NISS_A[2:4]}.{NISS_A[4:6]}\u2013{NISS_A[6:9]}.{NISS_A[9:]}",
        [NISS_A],
    ),
    ("national number", NISS_B.lstrip("0"), [NISS_B.lstrip("0")]),
    ("phone", "(+32) 470 12 34 56", ["470123456"]),
    ("phone", "0032 471 98 76 54", ["471987654"]),
    ("phone", "0472/55.66.77", ["472556677"]),
    ("phone", f"02{THIN}512{THIN}34{THIN}56", ["25123456"]),
    ("e-mail", "quxmail.lenoir@skynet.be", ["quxmail"]),
    ("e-mail", "quxpost at telenet dot be", ["quxpost"]),
    ("IBAN", IBAN, ["BE71096123456769", "096123456769"]),
]
SCREENED = [
    ("name", "Marie Quxwell", ["quxwell"]),
    ("name", "QUXDEN, Fatima", ["quxden"]),
    ("name", "Van den Quxbossche Marie-Claire", ["quxbossche"]),
    ("name", "J. Quxtelle", ["quxtelle"]),
    ("name", "Madame Quxvieux", ["quxvieux"]),
    ("address", "rue Quxbrook 17", ["quxbrook"]),
    ("address", "Quxstraat 12 bus 3, 1070 Anderlecht", ["quxstraat"]),
    ("free text", "Madame X a peur de son mari quxviolent", ["quxviolent"]),
    ("free text", "le père boit, la quxmaman pleure", ["quxmaman"]),
]
UNKNOWN_COLUMN = "canari_extra"


def _digits(text: str) -> str:
    return re.sub(r"(?<=\d)[\s.\-/()+]+(?=\d)", "", text)


def _leaks(outputs: dict[str, str], canaries: list[tuple[str, str, list[str]]]) -> list[str]:
    found = []
    for name, output in outputs.items():
        folded = normalise(output).text.casefold()
        digits = _digits(folded)
        for kind, value, needles in canaries:
            for needle in needles:
                haystack = digits if needle.isdigit() else folded
                if needle.casefold() in haystack:
                    found.append(f"{kind} {value!r} in {name}")
    return found


# ------------------------------------------------------------------------------------ planting


def _plan(profile_path: Path, formatted: bool) -> dict[tuple[str, str | None], dict[str, list]]:
    """(file, sheet) -> {column title: canaries} for one pass."""
    profile = load_profile(profile_path)
    plan: dict[tuple[str, str | None], dict[str, list]] = {}
    for spec in profile.tables:
        columns: dict[str, list] = {}
        for col in spec.columns:
            if spec.entity == "organisation" and col.property is not None and col.property.name == "name":
                continue  # declared organisation names: not screened (docs/privacy.md)
            identifies = (
                not col.personal and not col.suppress and (col.is_key or _identifies_people(col, spec))
            )
            if formatted:
                columns[col.title] = FORMATTED
            elif col.personal or col.suppress:
                columns[col.title] = FORMATTED + SCREENED  # never refuses: every kind goes there
            elif identifies:
                continue  # a name there refuses the table: planted in the other pass
            else:
                columns[col.title] = SCREENED
        if formatted:
            # names where identifiers go refuse the table too: this pass
            for col in spec.columns:
                if not col.personal and not col.suppress and (col.is_key or _identifies_people(col, spec)):
                    columns[col.title] = FORMATTED + SCREENED
        else:
            columns[UNKNOWN_COLUMN] = SCREENED
        plan[(spec.url, spec.sheet)] = columns
    return plan


def _canary_rows(
    header: list[str], template: list[Any], columns: dict[str, list], key_index: list[int]
) -> list:
    rows = []
    for column, canaries in columns.items():
        index = header.index(column)
        for value in (c[1] for c in canaries):
            row = list(template)
            for k in key_index:  # a new identifier, so that each canary row is a row of its own
                row[k] = f"{row[k]}-c{len(rows)}"
            row[index] = [value] if isinstance(row[index], list) else value
            rows.append(row)
    return rows


def _key_index(profile_path: Path, url: str, sheet: str | None, header: list[str]) -> list[int]:
    spec = next(t for t in load_profile(profile_path).tables if t.url == url and t.sheet == sheet)
    return [header.index(c.title) for c in spec.columns if c.is_key and c.title in header]


def _plant_csv(path: Path, profile_path: Path, columns: dict[str, list]) -> None:
    raw = path.read_bytes()
    encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        encoding, text = "cp1252", raw.decode("cp1252")
    first = text.splitlines()[0]
    delimiter = "\t" if "\t" in first else ";" if first.count(";") > first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    header = rows[0] + [UNKNOWN_COLUMN]
    body = [r + [""] for r in rows[1:] if r]
    key = _key_index(profile_path, path.name, None, header)
    body += _canary_rows(header, body[0], {c: v for c, v in columns.items() if c in header}, key)
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows([header, *body])
    # cp1252 cannot hold every canary (thin spaces): such files are written in UTF-8, which the
    # reader detects (the canaries are what is checked, not the encoding)
    try:
        path.write_bytes(out.getvalue().encode(encoding))
    except UnicodeEncodeError:
        path.write_bytes(out.getvalue().encode("utf-8"))


def _plant_json(path: Path, profile_path: Path, columns: dict[str, list]) -> None:
    records = json.loads(path.read_text(encoding="utf-8"))
    header = list(records[0]) + [UNKNOWN_COLUMN]
    key = _key_index(profile_path, path.name, None, header)
    template = [records[0].get(h, "") for h in header]
    for row in _canary_rows(header, template, {c: v for c, v in columns.items() if c in header}, key):
        records.append(dict(zip(header, row, strict=True)))
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")


def _plant_xlsx(path: Path, profile_path: Path, plan: dict[tuple[str, str | None], dict[str, list]]) -> None:
    workbook = openpyxl.load_workbook(path)
    for (url, sheet), columns in plan.items():
        if url != path.name:
            continue
        ws = workbook[sheet]
        values = [list(r) for r in ws.iter_rows(values_only=True)]
        header = [str(h) if h is not None else "" for h in values[0]] + [UNKNOWN_COLUMN]
        ws.cell(row=1, column=len(header), value=UNKNOWN_COLUMN)
        key = _key_index(profile_path, url, sheet, header)
        template = values[1] + [""]
        for row in _canary_rows(header, template, {c: v for c, v in columns.items() if c in header}, key):
            ws.append(row)
    workbook.save(path)


def _plant(org: Path, formatted: bool) -> None:
    profile = org / "profile.yaml"
    plan = _plan(profile, formatted)
    for path in sorted((org / "export").iterdir()):
        if path.suffix == ".xlsx":
            _plant_xlsx(path, profile, plan)
        elif path.suffix == ".json":
            _plant_json(path, profile, plan[(path.name, None)])
        else:
            _plant_csv(path, profile, plan[(path.name, None)])


# ------------------------------------------------------------------------------------ running


def _run(runner: CliRunner, args: list[str]) -> str:
    result = runner.invoke(cli, args, catch_exceptions=False)
    assert result.exit_code in (0, 1), (args, result.output[-2000:])
    return result.output + (result.stderr if result.stderr_bytes is not None else "")


VALIDATE_FORMATS = ("text", "json", "turtle", "html")


def _outputs(runner: CliRunner, root: Path, key: Path, every_format: bool) -> dict[str, str]:
    """Every output of every command; ``every_format``: each organisation validated in the four
    formats, else in two of them, in turn (each format still sees two organisations)."""
    outputs: dict[str, str] = {}
    out = root / "out"
    out.mkdir()
    orgs = sorted(p for p in (root / "orgs").iterdir() if p.is_dir())
    for number, org in enumerate(orgs):
        profile, export, name = org / "profile.yaml", org / "export", org.name
        common = ["--profile", str(profile), "--key-file", str(key)]
        for fmt in ("ttl", "nt"):
            report = out / f"{name}-{fmt}.json"
            outputs[f"{name} translate {fmt}"] = _run(
                runner, ["translate", str(export), *common, "--format", fmt, "--report", str(report), "-q"]
            )
            outputs[f"{name} translate {fmt} report"] = report.read_text(encoding="utf-8")
        pair = (VALIDATE_FORMATS[number % 4], VALIDATE_FORMATS[(number + 2) % 4])
        formats = VALIDATE_FORMATS if every_format else pair
        for fmt in formats:
            outputs[f"{name} validate {fmt}"] = _run(
                runner, ["validate", str(export), *common, "--format", fmt, "--lang", "en"]
            )
        for fmt in ("text", "csv", "json"):
            outputs[f"{name} coverage {fmt}"] = _run(
                runner, ["mappings", "coverage", str(export), "--profile", str(profile), "--format", fmt]
            )
        suggested = out / f"{name}-suggest.sssom.tsv"
        outputs[f"{name} suggest"] = _run(
            runner,
            [
                "mappings",
                "suggest",
                "--from",
                name,
                "--mappings",
                str(root / "orgs"),
                "--method",
                "lexical",
                "--top",
                "2",
                "-o",
                str(suggested),
            ],
        )
        outputs[f"{name} suggest file"] = suggested.read_text(encoding="utf-8") if suggested.exists() else ""
    # the value itself given as a term to translate: the answer names the term
    for kind, value, _ in FORMATTED + SCREENED:
        for fmt in ("text", "json"):
            outputs[f"terms translate {kind} {value!r} {fmt}"] = _run(
                runner,
                [
                    "terms",
                    "translate",
                    value,
                    "--from",
                    orgs[0].name,
                    "--to",
                    "all",
                    "--format",
                    fmt,
                    "--mappings",
                    str(root / "orgs"),
                ],
            )
    (root / "annotated").mkdir()
    # One ingest (the longest command): its terminal text, its HTML report, and the JSON report
    # rendered from the same summary by the function `--report x.json` uses.
    store, report = root / "store", out / "ingest.html"
    from referentiel.intake import summary as rendering

    to_html, rendered = rendering.to_html, {}

    def both(summary: Any) -> str:
        rendered["json"] = rendering.to_json(summary)
        return to_html(summary)

    rendering.to_html = both
    try:
        outputs["ingest text"] = _run(
            runner,
            [
                "ingest",
                str(root / "orgs"),
                "--store",
                str(store),
                "--key-file",
                str(key),
                "--force",
                "--report",
                str(report),
                "--annotate",
                str(root / "annotated"),
                "-q",
            ],
        )
    finally:
        rendering.to_html = to_html
    outputs["ingest report html"] = report.read_text(encoding="utf-8")
    outputs["ingest report json"] = rendered["json"]
    outputs.update(_annotated(root / "annotated"))
    outputs.update(_workbench(root, key, orgs[number % len(orgs)].name if every_format else orgs[0].name))
    from referentiel.store import open_store

    with open_store(store, create=False) as opened:
        import pyoxigraph as ox

        outputs["store dump"] = opened.oxigraph.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
    return outputs


def _annotated(folder: Path) -> dict[str, str]:
    """Every cell value and comment of the annotated copies ``ingest --annotate`` wrote."""
    outputs = {}
    for path in sorted(folder.glob("*.xlsx")):
        outputs[f"annotated {path.name}"] = _workbook_text(path.read_bytes())
    assert outputs, "ingest --annotate wrote no annotated copy"
    return outputs


def _workbook_text(data: bytes) -> str:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    texts = []
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    texts.append(str(cell.value))
                if cell.comment is not None:
                    texts.append(cell.comment.text)
    return "\n".join(texts)


def _workbench(root: Path, key: Path, organisation: str) -> dict[str, str]:
    """The workbench's check of one planted export: its page and its three downloads."""
    import time

    from starlette.testclient import TestClient

    from referentiel.web import WebConfig, create_app

    config = WebConfig(
        store=root / "web-store", organisations=root / "orgs", key_file=key, suggest_method="lexical"
    )
    files = [
        ("files", (p.name, p.read_bytes()))
        for p in sorted((root / "orgs" / organisation / "export").iterdir())
    ]
    outputs = {}
    with TestClient(create_app(config)) as client:
        client.get("/")
        response = client.post(
            "/check",
            data={"csrf": client.cookies.get("referentiel_csrf"), "organisation": organisation},
            files=files,
            follow_redirects=False,
        )
        assert response.status_code == 303, response.text
        url = response.headers["location"]
        deadline = time.monotonic() + 120
        while client.get(url + "/progress").status_code != 204:
            assert time.monotonic() < deadline, "the workbench check did not finish"
            time.sleep(0.2)
        outputs[f"workbench {organisation} page"] = client.get(url).text
        for what in ("report.html", "report.json"):
            outputs[f"workbench {organisation} {what}"] = client.get(f"{url}/{what}").text
        xlsx = client.get(url + "/annotated.xlsx")
        if xlsx.status_code == 200:
            outputs[f"workbench {organisation} annotated.xlsx"] = _workbook_text(xlsx.content)
    return outputs


@pytest.mark.parametrize("formatted", [False, True], ids=["screened-kinds", "formatted-kinds"])
def test_no_canary_leaves_any_command(tmp_path: Path, formatted: bool) -> None:
    (tmp_path / "orgs").mkdir()
    for org in sorted(p for p in ORGS.iterdir() if p.is_dir()):
        shutil.copytree(org, tmp_path / "orgs" / org.name)
        _plant(tmp_path / "orgs" / org.name, formatted)
    key = tmp_path / "canary.key"
    key.write_text(secrets.token_hex(32), encoding="utf-8")
    key.chmod(0o600)
    # the formatted kinds refuse most tables: that pass is quick, every organisation gets every format
    outputs = _outputs(CliRunner(), tmp_path, key, every_format=formatted)
    canaries = FORMATTED + SCREENED
    assert not _leaks(outputs, canaries)
    # the matrix ran: the planted rows were read and their cells screened, not skipped
    everything = "\n".join(outputs.values())
    if formatted:
        assert everything.count("personal-data") > 0
    else:
        assert "withheld" in everything and "personal-in-column" in everything
        store = outputs["store dump"]
        assert '"withheld"' in store and "valueShape" in store


def test_the_needles_find_a_planted_value() -> None:
    """The search itself finds a canary in each of its spellings (else the matrix proves nothing)."""
    for kind, value, needles in FORMATTED + SCREENED:
        assert _leaks({"output": f"x {value} y"}, [(kind, value, needles)]), value
        assert _leaks({"output": f"<{normalise(value).text}>"}, [(kind, value, needles)]), value

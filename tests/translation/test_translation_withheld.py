"""One rule at the boundary: a cell that is not what its column declares, and that the privacy screen
takes for personal data, is neither kept nor shown; suppressed and undescribed columns are screened."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF

from referentiel.namespaces import REF
from referentiel.translation.mapping_coverage import coverage
from referentiel.translation.translator import analyse, translate

ROOT = Path(__file__).resolve().parents[2]
CPAS = ROOT / "examples" / "organisations" / "cpas-ixelles"
KEY = b"k" * 32
NISS = "85073003328"


def _cpas(tmp_path: Path, edits: dict[str, list[tuple[int, str, str]]], extra: str | None = None) -> Path:
    """A copy of the CPAS example with ``edits``: file -> [(data row index, column, value)]; ``extra``
    adds a column the profile does not describe to dossiers.csv, filled on its first row."""
    folder = tmp_path / "cpas"
    shutil.copytree(CPAS, folder)
    for name, changes in edits.items():
        path = folder / "export" / name
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="cp1252")), delimiter=";"))
        if extra and name == "dossiers.csv":
            rows = [rows[0] + [extra]] + [r + [""] for r in rows[1:]]
            rows[1][-1] = "Marie Quxextra"
        for index, column, value in changes:
            rows[index][rows[0].index(column)] = value
        out = io.StringIO()
        csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
        path.write_bytes(out.getvalue().encode("utf-8"))  # utf-8: the reader detects it
    return folder


def _everything(result) -> str:  # noqa: ANN001
    texts = [result.serialize("nt").decode()]
    for lang in ("fr", "en", "nl"):
        texts.append(json.dumps(result.report(lang=lang), ensure_ascii=False))
        texts += [issue.located(lang) for issue in result.issues]
    return "\n".join(texts)


def test_personal_values_where_terms_dates_organisations_and_communes_go_are_withheld(tmp_path: Path) -> None:
    folder = _cpas(
        tmp_path,
        {
            "dossiers.csv": [
                (1, "besoins", "logement; Marie Quxwell"),
                (2, "date_ouverture", "Madame Quxdate a peur"),
                (3, "commune", "rue Quxrue 12"),
                (4, "besoins", "Quxterme"),  # an unmapped term the screen finds nothing in: shown
            ],
            "orientations.csv": [(1, "vers", "J. Quxorg")],
        },
    )
    result = translate(folder / "export", folder / "profile.yaml", key=KEY)
    withheld = {(i.file, i.row, i.column): i for i in result.issues if i.kind == "withheld"}
    assert set(withheld) == {
        ("dossiers.csv", 2, "besoins"),
        ("dossiers.csv", 3, "date_ouverture"),
        ("dossiers.csv", 4, "commune"),
        ("orientations.csv", 2, "vers"),
    }
    assert withheld[("dossiers.csv", 3, "date_ouverture")].severity == "violation"
    assert withheld[("dossiers.csv", 2, "besoins")].severity == "warning"
    assert "text of 13 characters, looks like a name" in withheld[("dossiers.csv", 2, "besoins")].text("en")
    assert "ressemble à un nom" in withheld[("dossiers.csv", 2, "besoins")].text("fr")
    assert "lijkt op een naam" in withheld[("dossiers.csv", 2, "besoins")].text("nl")
    text = _everything(result)
    for secret in ("Quxwell", "Quxdate", "Quxrue", "Quxorg"):
        assert secret not in text, secret
    # the unmapped term that is not personal is still shown and kept, as before
    (unmapped,) = [i for i in result.issues if i.kind == "unmapped-term" and i.row == 5]
    assert unmapped.term == "Quxterme" and '"Quxterme"' in result.serialize("nt").decode()

    graph = result.graph
    markers = list(graph.subjects(REF.mappingStatus, Literal("withheld")))
    assert len(markers) == 4
    for marker in markers:
        assert graph.value(marker, RDF.value) is None
        assert {lit.language for lit in graph.objects(marker, REF.valueShape)} == {"fr", "en", "nl"}
        assert graph.value(graph.value(marker, REF.inColumn), REF.sourceColumn) is not None
    # the mapped term of the same cell is kept; no organisation is named after the withheld reference
    assert (None, REF.hasNeed, None) in graph
    names = {str(o) for o in graph.objects(None, REF.name)}
    assert not any("Qux" in n for n in names)
    record = URIRef("https://w3id.org/referentiel/data/cpas-ixelles/record/orientations.csv/2")
    (referral,) = list(graph.subjects(PROV.wasDerivedFrom, record))
    assert (referral, REF.toOrganisation, None) not in graph  # the reference is withheld, not made
    assert (record, RDF.type, REF.SourceRecord) in graph


def test_suppressed_and_undescribed_columns_are_screened_and_reported(tmp_path: Path) -> None:
    folder = _cpas(
        tmp_path,
        {"dossiers.csv": [(2, "remarque", f"NN {NISS}, voir Mme Quxnote"), (5, "remarque", "il boit")]},
        extra="infos",
    )
    result = translate(folder / "export", folder / "profile.yaml", key=KEY)
    warnings = {i.column: i for i in result.issues if i.kind == "personal-in-column"}
    assert set(warnings) == {"remarque", "infos"}
    remarque = warnings["remarque"]
    assert remarque.severity == "warning" and remarque.row == 3
    assert "national numbers" in remarque.text("en") and "names" in remarque.text("en")
    assert "rows 3, 6" in remarque.text("en") and "lignes 3, 6" in remarque.text("fr")
    assert "suppressOutput" in remarque.text("en") and "ne plus l'envoyer" in remarque.text("fr")
    assert "niet meer te sturen" in remarque.text("nl")
    assert "not described in the profile" in warnings["infos"].text("en")
    assert not any(f.refused for f in result.files)  # the value goes nowhere, the table is translated
    text = _everything(result)
    for secret in (NISS, "Quxnote", "il boit", "Quxextra"):
        assert secret not in text, secret


def test_a_name_as_an_identifier_refuses_its_table(tmp_path: Path) -> None:
    folder = _cpas(tmp_path, {"travailleurs.csv": [(1, "matricule", "J. Dupontelle")]})
    result = translate(folder / "export", folder / "profile.yaml", key=KEY)
    (issue,) = [i for i in result.issues if i.kind == "personal-data"]
    assert issue.file == "travailleurs.csv" and issue.column == "matricule" and "names" in issue.text("en")
    assert "Dupontelle" not in _everything(result)


@pytest.mark.parametrize("value", ["Marie Quxcode", "Madame Quxcode a peur"])
def test_a_personal_value_as_an_organisation_code_refuses_its_table(tmp_path: Path, value: str) -> None:
    folder = _cpas(tmp_path, {"partenaires.csv": [(1, "code", value)]})
    result = translate(folder / "export", folder / "profile.yaml", key=KEY)
    assert [f.file for f in result.files if f.refused] == ["partenaires.csv"]
    assert "Quxcode" not in _everything(result)


def test_coverage_counts_withheld_cells_and_leaves_them_off_the_to_do_list(tmp_path: Path) -> None:
    folder = _cpas(tmp_path, {"dossiers.csv": [(1, "besoins", "Marie Quxwell"), (2, "besoins", "Quxterme")]})
    analysed = analyse(folder / "export", folder / "profile.yaml")
    assert [(i.row, i.column) for i in analysed.issues if i.kind == "withheld"] == [(2, "besoins")]
    report = coverage(folder / "export", folder / "profile.yaml")
    (besoins,) = [c for c in report.columns if c.column == "besoins"]
    assert [t for t, _ in besoins.unmapped] == ["Quxterme"]
    assert "Quxwell" not in json.dumps(report.as_dict(), ensure_ascii=False)


@pytest.mark.parametrize(
    ("column", "value"), [("besoins", "0472 12 34 56 12"), ("remarque", "ref 2023 0486 12 34 56")]
)
def test_a_phone_beside_other_digits_is_found_and_never_shown(
    tmp_path: Path, column: str, value: str
) -> None:
    # libphonenumber reads the whole run as one number, too long to be a phone: "0472 12 34 56 12" was
    # shown as an unmapped term before the screen parsed each window of the run
    folder = _cpas(tmp_path, {"dossiers.csv": [(1, column, value)]})
    result = translate(folder / "export", folder / "profile.yaml", key=KEY)
    if column == "besoins":  # a phone where terms go: the table is refused
        (issue,) = [i for i in result.issues if i.kind == "personal-data"]
        assert [f.file for f in result.files if f.refused] == ["dossiers.csv"]
    else:  # a suppressed column: the value goes nowhere, the finding says what it held
        (issue,) = [i for i in result.issues if i.kind == "personal-in-column"]
    assert issue.column == column and "phone" in issue.text("en")
    text = _everything(result)
    phone = value.split(" ", 2)[-1] if column == "remarque" else value[:13]
    assert phone not in text and phone.replace(" ", "") not in text.replace(" ", "")

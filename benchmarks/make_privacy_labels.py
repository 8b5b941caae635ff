"""Write the labelled set the personal-data screen is measured on (tests/privacy/data/labelled_values.tsv).

Two halves, fr and nl:

- ``personal``: values a partner may type in any column, made here with a fixed seed: valid national
  and bis numbers in many spellings (spaces, NBSP, thin spaces, dots, dashes, en dashes, leading zero
  lost, after decoys), phones in every Belgian and international form (alone and beside other digits),
  e-mails (plain and obfuscated),
  IBANs, street addresses, names (titles, "DUPONT, Marie", "Van den Bossche Marie-Claire", initials)
  and sentence-like notes;
- ``term`` also holds a few made-up decoys (source ``decoy: ...``): counts written "01 02 03 04 05"
  and dates with blanks, which libphonenumber finds possible phones;
- ``term``: every real value the screen is applied to in the example organisations: the terms of
  their mapping sets, the names they give other organisations, and every distinct value of their
  vocabulary, organisation-reference and commune columns, in the bundled exports and in
  ``referentiel generate`` data (seed 1, no injected defect), and the framework's concept labels in
  fr and nl (what partners' terms are translated into).

Run from the repository root: ``PYTHONPATH=src python benchmarks/make_privacy_labels.py``.
"""

from __future__ import annotations

import csv
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "privacy" / "data" / "labelled_values.tsv"
EXAMPLES = ROOT / "examples" / "organisations"

NBSP, THIN, EN_DASH = "\u00a0", "\u2009", "\u2013"


def niss(rng: random.Random, after_2000: bool, bis: bool = False) -> str:
    yy = rng.randrange(0, 10) if after_2000 else rng.randrange(40, 100)
    mm = rng.randrange(1, 13) + (rng.choice((20, 40)) if bis else 0)
    body = int(f"{yy:02d}{mm:02d}{rng.randrange(1, 29):02d}{rng.randrange(1, 998):03d}")
    base = 2_000_000_000 + body if after_2000 else body
    return f"{body:09d}{97 - base % 97:02d}"


def spellings(n: str) -> list[str]:
    g = (n[:2], n[2:4], n[4:6], n[6:9], n[9:])
    return [
        n,
        f"{g[0]}.{g[1]}.{g[2]}-{g[3]}.{g[4]}",
        " ".join(g),
        NBSP.join(g),
        THIN.join(g),
        f"{g[0]}{g[1]}{g[2]}{EN_DASH}{g[3]}{EN_DASH}{g[4]}",
        f"{g[0]}-{g[1]}-{g[2]}-{g[3]}-{g[4]}",
        f"NN {g[0]}{g[1]}{g[2]} {g[3]} {g[4]}",
    ]


def unallocated_phones(rng: random.Random, count: int) -> list[str]:
    """Belgian national numbers (after the trunk "0") that libphonenumber finds possible, not valid."""
    import phonenumbers

    found: list[str] = []
    while len(found) < count:
        mobile = rng.random() < 0.5
        national = ("4" if mobile else str(rng.randrange(1, 10))) + "".join(
            str(rng.randrange(10)) for _ in range(8 if mobile else 7)
        )
        number = phonenumbers.parse("0" + national, "BE")
        if phonenumbers.is_possible_number(number) and not phonenumbers.is_valid_number(number):
            found.append(national)
    return found


def decoys(rng: random.Random) -> list[tuple[str, str, str]]:
    """Made-up values that are no phones though libphonenumber finds them possible: counts written
    as "01 02 03 04 05", dates with blanks ("05 07 2004"). (value, source, lang)"""
    out = [("01 02 03 04 05", "decoy: sequence", "fr"), ("00 01 02 03 04", "decoy: sequence", "nl")]
    for _ in range(10):
        start = rng.randrange(0, 6)
        out.append((" ".join(f"{start + i:02d}" for i in range(5)), "decoy: sequence", "fr"))
        d, m, y = rng.randrange(1, 10), rng.randrange(1, 13), rng.randrange(1950, 2030)
        out.append((f"{d:02d} {m:02d} {y}", "decoy: date with blanks", rng.choice(("fr", "nl"))))
    return list(dict.fromkeys(out))


def iban_be(rng: random.Random) -> str:
    bban = f"{rng.randrange(10**9, 10**10):010d}"
    bban += f"{int(bban) % 97 or 97:02d}"
    check = 98 - int(bban + "111400") % 97  # "BE00" moved to the end, B=11 E=14
    raw = f"BE{check:02d}{bban}"
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


FIRST = [
    "Marie",
    "Jeanne",
    "Fatima",
    "Mohamed",
    "Yasmine",
    "Kevin",
    "Nathalie",
    "Sophie",
    "Lucas",
    "Emma",
    "Sanne",
    "Pieter",
    "Wim",
    "Femke",
    "Jan",
    "Annelies",
    "Thomas",
    "Aïcha",
    "Youssef",
    "Marie-Claire",
    "Jean-Pierre",
    "Inès",
    "Mehmet",
    "Elif",
    "Bram",
    "Lotte",
    "Nicolas",
    "Julie",
]
LAST = [
    "Dupont",
    "Dupontelle",
    "Janssens",
    "Peeters",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "El Amrani",
    "Benali",
    "Yilmaz",
    "Lambert",
    "Dubois",
    "Lejeune",
    "Van den Bossche",
    "De Smet",
    "Vandenberghe",
    "Martin",
    "Nguyen",
    "Goossens",
    "Wouters",
    "Hermans",
    "Leclercq",
]
STREETS_FR = [
    "rue de la Loi",
    "avenue Louise",
    "chaussée de Wavre",
    "boulevard Anspach",
    "place Flagey",
    "rue du Midi",
    "avenue de la Couronne",
    "chaussée d'Ixelles",
    "square Ambiorix",
    "rue Haute",
    "allée des Tilleuls",
    "quai au Foin",
    "Chée de Mons",
    "Av. Brugmann",
]
STREETS_NL = [
    "Kerkstraat",
    "Stationsstraat",
    "Dorpsplein",
    "Brusselsesteenweg",
    "Kouter",
    "Lange Nieuwstraat",
    "Molenlaan",
    "Grote Markt",
    "Bergensesteenweg",
    "Vlaanderenstraat",
    "Meir",
    "Kortrijksesteenweg",
    "Leopoldlaan",
    "Veldstraat",
]
COMMUNES = [
    "1050 Ixelles",
    "1070 Anderlecht",
    "1000 Bruxelles",
    "9000 Gent",
    "2000 Antwerpen",
    "1080 Molenbeek-Saint-Jean",
    "3000 Leuven",
    "5000 Namur",
    "4000 Liège",
    "1030 Schaerbeek",
]
NOTES_FR = [
    "Madame X a peur de son mari violent",
    "le père boit, enfants placés chez la grand-mère",
    "Mme ne veut plus venir aux rendez-vous",
    "elle dort chez sa sœur depuis lundi",
    "il a perdu son travail et ne paie plus le loyer",
    "maman enceinte, papa en prison",
    "voir avec l'AS, situation très tendue à la maison depuis le départ du père",
    "enfant frappé par son beau-père",
    "la famille refuse toute aide",
    "elle a peur de rentrer chez elle",
    "sa fille ne va plus à l'école",
    "ils sont expulsés le 15",
]
NOTES_NL = [
    "mevrouw is bang van haar man",
    "vader drinkt, kinderen bij oma",
    "moeder wil niet meer komen",
    "hij heeft zijn werk verloren",
    "ze slaapt bij haar zus sinds maandag",
    "mama zwanger, papa in de gevangenis",
    "kind wordt geslagen door stiefvader",
    "het gezin weigert elke hulp",
    "zij is bang om naar huis te gaan",
    "haar dochter gaat niet meer naar school",
    "ze worden uitgezet op de 15de",
    "de vader dreigt met geweld tegen de moeder en de kinderen",
]


def personal_values(rng: random.Random) -> list[tuple[str, str, str]]:
    """(value, kind, lang) of made-up personal values."""
    out: list[tuple[str, str, str]] = []
    for i in range(6):
        for spelling in spellings(niss(rng, after_2000=i % 2 == 1, bis=i == 4)):
            out.append((spelling, "national number", "fr" if i % 2 else "nl"))
    lost_zero = niss(rng, after_2000=True).lstrip("0")
    out.append((lost_zero, "national number", "fr"))
    out.append((f"12345678901 23456789012 34567890123 {niss(rng, False)}", "national number", "fr"))
    out.append((f"dossier 11111111111 22222222222 33333333333 {niss(rng, True)}", "national number", "nl"))
    for mobile in ("470", "471", "485", "496"):
        n = f"{rng.randrange(10, 99)} {rng.randrange(10, 99)} {rng.randrange(10, 99)}"
        a, b, c = n.split()
        for form in (
            f"(+32) {mobile} {n}",
            f"+32 {mobile} {n}",
            f"0032 {mobile} {n}",
            f"0{mobile} {n}",
            f"0{mobile}/{a}.{b}.{c}",
            f"0{mobile[:1]}{mobile[1:]}/{a}{b}{c}",
            f"0{mobile}-{a}-{b}-{c}",
            f"+32{mobile}{a}{b}{c}",
            f"+32{NBSP}{mobile}{NBSP}{a}{NBSP}{b}{NBSP}{c}",
            f"GSM 0{mobile}{THIN}{a}{THIN}{b}{THIN}{c}",
        ):
            out.append((form, "phone", rng.choice(("fr", "nl"))))
    for land in (
        "02 512 34 56",
        "02/512.34.56",
        "+32 2 512 34 56",
        "+32 (0)2 512 34 56",
        "00 32 2 512 34 56",
        "09 223 45 67",
        "09/223.45.67",
        "03 233 44 55",
        "+32 3 233 44 55",
        "010 45 67 89",
        "+33 6 12 34 56 78",
        "+31 6 12345678",
        "tel. 071 23 45 67",
    ):
        out.append((land, "phone", "fr" if "0" in land[:2] else "nl"))
    # right beside other groups of digits (a year, a row, a count, another phone): libphonenumber's
    # matcher reads the whole run as one number, too long to be a phone
    for beside, lang in (
        ("tel 0472 12 34 56 0472 12 34 57", "fr"),
        ("ref 2023 0472 12 34 56", "fr"),
        ("ligne 12 0478/12.34.56", "fr"),
        ("0486 12 34 56 12", "fr"),
        ("dossier 2023/0400 02 512 34 56", "fr"),
        (f"2024{NBSP}0495{NBSP}11{NBSP}22{NBSP}33", "fr"),
        ("tel 0472 65 43 21 0478 11 22 33", "nl"),
        ("ref 2024 +32 470 12 34 56", "nl"),
        ("rij 7 0032 496 12 34 56", "nl"),
        ("09 223 45 67 3", "nl"),
        ("dossier 17 03 233 44 55", "nl"),
        ("2023-0471-23.45.67", "nl"),
    ):
        out.append((beside, "phone", lang))
    # possible but not valid (a range not allocated yet, a typo): alone, and beside other digits
    # (where only valid numbers are taken: docs/privacy.md, "Limits")
    for national in unallocated_phones(rng, 8):
        form = f"0{national[:-6]} {national[-6:-4]} {national[-4:-2]} {national[-2:]}"
        out.append((form, "phone", "fr"))
        out.append((f"dossier {rng.randrange(2000, 2026)} {form}", "phone", "nl"))
    for first, last in zip(FIRST[:12], LAST[:12], strict=True):
        user = f"{first.lower().replace('-', '.')}.{last.lower().replace(' ', '')}"
        domain = rng.choice(("gmail.com", "skynet.be", "telenet.be", "hotmail.fr", "proximus.be"))
        name, tld = domain.rsplit(".", 1)
        out += [
            (f"{user}@{domain}", "e-mail", "fr"),
            (f"{user} at {name} dot {tld}", "e-mail", "fr"),
            (f"{user}[at]{name}[dot]{tld}", "e-mail", "nl"),
            (f"{user} (at) {name} (punt) {tld}", "e-mail", "nl"),
        ]
    for _ in range(14):
        iban = iban_be(rng)
        out.append((iban, "IBAN", "fr"))
        out.append((iban.replace(" ", ""), "IBAN", "nl"))
    out.append(("FR76 3000 6000 0112 3456 7890 189", "IBAN", "fr"))
    out.append(("NL91 ABNA 0417 1643 00", "IBAN", "nl"))
    for street in STREETS_FR:
        number = rng.randrange(1, 250)
        out.append((f"{street} {number}", "address", "fr"))
        out.append((f"{number}, {street}, {rng.choice(COMMUNES)}", "address", "fr"))
        out.append((f"{street} {number} bte {rng.randrange(1, 20)}", "address", "fr"))
    for street in STREETS_NL:
        number = rng.randrange(1, 250)
        out.append((f"{street} {number}", "address", "nl"))
        out.append((f"{street} {number} bus {rng.randrange(1, 20)}, {rng.choice(COMMUNES)}", "address", "nl"))
    for i, (first, last) in enumerate(zip(FIRST, LAST * 2, strict=False)):
        lang = "fr" if i % 2 else "nl"
        out += [
            (f"{first} {last}", "name", lang),
            (f"{last.upper()}, {first}", "name", lang),
            (f"{last} {first}", "name", lang),
        ]
    for title, lang in (
        ("Madame", "fr"),
        ("Monsieur", "fr"),
        ("Mme", "fr"),
        ("M.", "fr"),
        ("Mevrouw", "nl"),
        ("Meneer", "nl"),
        ("Dhr.", "nl"),
        ("Mevr.", "nl"),
        ("Mademoiselle", "fr"),
    ):
        out.append((f"{title} {rng.choice(LAST)}", "name", lang))
    out += [
        ("Madame X", "name", "fr"),
        ("Van den Bossche Marie-Claire", "name", "nl"),
        ("J. Dupontelle", "name", "fr"),
        ("M. Janssens", "name", "nl"),
        ("Dupontelle J.", "name", "fr"),
        ("J.-P. Lambert", "name", "fr"),
        ("DE SMET Annelies", "name", "nl"),
    ]
    out += [(n, "free text", "fr") for n in NOTES_FR] + [(n, "free text", "nl") for n in NOTES_NL]
    return out


def _lang(slug: str) -> str:
    return "nl" if slug.startswith(("one-", "ocmw")) else "fr"


def real_terms() -> list[tuple[str, str, str]]:
    """(value, source, lang) of every real value the screen applies to in the example organisations."""
    from referentiel.translation.profile import load_profile
    from referentiel.translation.readers import read_table
    from referentiel.translation.sssom import read_mapping_set
    from referentiel.translation.translator import cell_text, expand_exports

    seen: dict[str, tuple[str, str, str]] = {}

    def add(value: str, source: str, lang: str) -> None:
        value = value.strip()
        if value and value not in seen:
            seen[value] = (value, source, lang)

    # the framework's own concept labels: what partners' terms are translated into, in fr and nl
    from rdflib import Graph
    from rdflib.namespace import RDF, SKOS

    framework = Graph().parse(ROOT / "ontology" / "referentiel.ttl")
    for concept in framework.subjects(RDF.type, SKOS.Concept):
        for predicate in (SKOS.prefLabel, SKOS.altLabel):
            for label in framework.objects(concept, predicate):
                if getattr(label, "language", None) in ("fr", "nl"):
                    add(str(label), "framework concept label", label.language)

    with tempfile.TemporaryDirectory() as tmp:
        from click.testing import CliRunner

        from referentiel.cli import cli

        result = CliRunner().invoke(
            cli, ["generate", "-o", tmp, "--families", "300", "--seed", "1", "--defect-rate", "0", "-q"]
        )
        if result.exit_code != 0:
            sys.exit(f"referentiel generate failed: {result.output}")
        roots = [(d, "example") for d in sorted(EXAMPLES.iterdir()) if d.is_dir()]
        roots += [(d, "generated") for d in sorted(Path(tmp).iterdir()) if d.is_dir()]
        for folder, origin in roots:
            profile = load_profile(folder / "profile.yaml")
            lang = _lang(profile.slug)
            for mapping in read_mapping_set(profile.mappings).mappings:
                add(mapping.subject_label or "", f"{origin} mapping set", lang)
            for name in profile.organisations:
                add(name, f"{origin} profile organisations", lang)
            exports = folder / "export" if (folder / "export").is_dir() else folder
            for path in expand_exports([exports]):
                for spec in profile.table_for(path):
                    table = read_table(
                        path,
                        sheet=spec.sheet,
                        delimiter=spec.delimiter,
                        encoding=spec.encoding,
                        json_path=spec.json_path,
                    )
                    for index, header in enumerate(table.header):
                        col = spec.column(header) if header else None
                        screened = (
                            col is not None
                            and not col.personal
                            and not col.suppress
                            and (
                                col.vocabulary
                                or col.references == "organisation"
                                or (col.property is not None and col.property.name == "commune")
                            )
                        )
                        if not screened:
                            continue
                        for _, cells in table.rows:
                            raw = cells[index]
                            items = (
                                raw
                                if isinstance(raw, list)
                                else (
                                    cell_text(raw).split(col.separator) if col.separator else [cell_text(raw)]
                                )
                            )
                            for item in items:
                                add(cell_text(item), f"{origin} export {col.title}", lang)
    return list(seen.values())


def main() -> None:
    rng = random.Random(9)
    rows = [("label", "kind", "lang", "source", "value")]
    rows += [("personal", kind, lang, "made up", value) for value, kind, lang in personal_values(rng)]
    rows += [("term", "", lang, source, value) for value, source, lang in real_terms()]
    rows += [("term", "", lang, source, value) for value, source, lang in decoys(rng)]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerows(rows)
    personal = sum(1 for r in rows[1:] if r[0] == "personal")
    print(f"{OUT.relative_to(ROOT)}: {personal} personal values, {len(rows) - 1 - personal} real terms")


if __name__ == "__main__":
    main()

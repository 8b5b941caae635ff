"""Generate the exports and mapping sets of the four fictional example organisations.

Run from anywhere: ``python examples/organisations/make_examples.py``. The output is deterministic
(fixed random seed) and committed, including the .xlsx workbook, so that nobody needs to run this
to use the examples; the script documents how they were made and lets them be regenerated.

Everything here is fiction: the identifiers are invented codes, no person is named, no national
number appears. Each organisation exports in its own way (delimiter, encoding, date format, file
type) and writes in its own dialect; one of them (ONE Anderlecht) carries a few realistic defects
(an unmapped term, a bad date, a broken row, an undocumented column) so that reports show something.
"""

from __future__ import annotations

import csv
import io
import json
import random
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
TODAY = "2026-11-20"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
REFC = "https://w3id.org/referentiel/concept/"

# object_label of each mapping: the concept's French prefLabel, read from the framework's ontology
LABELS: dict[str, str] = {}


def load_labels() -> None:
    """Fill LABELS from ontology/referentiel.ttl (skos:prefLabel@fr of every refc: concept)."""
    from rdflib import Graph
    from rdflib.namespace import SKOS

    graph = Graph().parse(HERE.parents[1] / "ontology" / "referentiel.ttl")
    for concept, label in graph.subject_objects(SKOS.prefLabel):
        if str(concept).startswith(REFC) and getattr(label, "language", None) == "fr":
            LABELS[str(concept)[len(REFC):]] = str(label)


E, C, B, N, R = (
    "skos:exactMatch",
    "skos:closeMatch",
    "skos:broadMatch",
    "skos:narrowMatch",
    "skos:relatedMatch",
)
NONE = None  # sssom:NoTermFound


def slugify(text: str) -> str:
    import unicodedata

    folded = "".join(c for c in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(c))
    out = "".join(c if c.isalnum() else "-" for c in folded)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")


def mapping_set(slug: str, description: str, steward: str, rows: list[tuple]) -> str:
    """SSSOM/TSV text: rows are (kind, term, predicate, concept or None, confidence, comment)."""
    prefix = slug.replace("-", "")
    header = [
        f"#mapping_set_id: https://w3id.org/referentiel/org/{slug}/mappings",
        "#mapping_set_version: '1.0'",
        f"#mapping_set_description: {description}",
        f"#license: {LICENSE}",
        f"#mapping_date: '{TODAY}'",
        "#curie_map:",
        f"#  {prefix}: https://w3id.org/referentiel/org/{slug}/",
        "#  ref: https://w3id.org/referentiel/ontology#",
        "#  refc: https://w3id.org/referentiel/concept/",
        "#  skos: http://www.w3.org/2004/02/skos/core#",
        "#  semapv: https://w3id.org/semapv/vocab/",
        "#  sssom: https://w3id.org/sssom/",
    ]
    cols = [
        "subject_id",
        "subject_label",
        "predicate_id",
        "object_id",
        "object_label",
        "mapping_justification",
        "confidence",
        "author_id",
        "author_label",
        "mapping_date",
        "comment",
    ]
    out = io.StringIO()
    out.write("\n".join(header) + "\n")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(cols)
    for kind, term, predicate, concept, confidence, comment in rows:
        writer.writerow(
            [
                f"{prefix}:{kind}-{slugify(term)}",
                term,
                predicate or E,
                f"refc:{concept}" if concept else "sssom:NoTermFound",
                LABELS[concept] if concept else "",
                "semapv:ManualMappingCuration",
                confidence,
                f"{prefix}:steward",
                steward,
                TODAY,
                comment or "",
            ]
        )
    return out.getvalue()


def write_csv(path: Path, header: list[str], rows: list[list], *, delimiter: str, encoding: str) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))


def dmy(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def day(rng: random.Random, start: date, span: int) -> date:
    return start + timedelta(days=rng.randrange(span))


# Family codes of the (fictional) network-wide family register; exports share some of them, so that
# translating several partners with the same key links the same family.
FAMILIES = [f"F-{n:04d}" for n in range(1001, 1081)]


# ------------------------------------------------------------------------------------------ CPAS


def cpas(rng: random.Random) -> None:
    slug, folder = "cpas-ixelles", HERE / "cpas-ixelles"
    export = folder / "export"
    export.mkdir(parents=True, exist_ok=True)
    titles = [
        "AS",
        "Assistante sociale",
        "Assistant social",
        "AS",
        "AS",
        "Coordinatrice",
        "Psychologue",
        "Chef de service",
        "Psychologue",
        "AS",
        "Assistante sociale",
        "AS",
    ]
    staff = []
    for i, title in enumerate(titles, 1):
        start = day(rng, date(2012, 1, 1), 3000)
        end = dmy(day(rng, date(2024, 1, 1), 600)) if i in (4, 9) else ""
        staff.append([f"TS{i:02d}", title, dmy(start), end])
    write_csv(
        export / "travailleurs.csv",
        ["matricule", "fonction", "date_entree", "date_sortie"],
        staff,
        delimiter=";",
        encoding="cp1252",
    )

    partners = [
        ["P01", "ONE Anderlecht", "Petite enfance", "Anderlecht"],
        ["P02", "AMO Le Tremplin", "Aide à la jeunesse", "Ixelles"],
        ["P03", "Crèche Les Lucioles", "Accueil de l'enfance", "Ixelles"],
        ["P04", "SAJ Bruxelles", "Aide à la jeunesse", "Bruxelles"],
        ["P05", "Maison médicale du Midi", "Santé", "Saint-Gilles"],
        ["P06", "Maison de quartier Malibran", "Cohésion sociale", "Ixelles"],
    ]
    write_csv(
        export / "partenaires.csv",
        ["code", "nom_service", "secteur", "commune"],
        partners,
        delimiter=";",
        encoding="cp1252",
    )

    needs = [
        "logement",
        "revenus",
        "santé",
        "santé mentale",
        "isolement",
        "administratif",
        "emploi",
        "langue",
        "garde d'enfants",
        "dettes",
        "mobilité",
    ]
    resources = ["famille élargie", "association de quartier", "logement stable", "place en crèche"]
    workers = [s[0] for s in staff if s[1] in ("AS", "Assistante sociale", "Assistant social")]
    dossiers = []
    for i in range(40):
        # follow-ups start before the activities below (2024-2025) and close after them
        opened = day(rng, date(2022, 1, 1), 700)
        closed = dmy(day(rng, date(2025, 9, 1), 60)) if i % 5 == 0 else ""
        kids = sorted(rng.sample(range(2015, 2026), rng.choice([1, 1, 2, 3])))
        dossiers.append(
            [
                f"2023/{400 + i:04d}",
                FAMILIES[i],
                dmy(opened),
                closed,
                "; ".join(rng.sample(needs, rng.choice([1, 2, 3]))),
                "; ".join(rng.sample(resources, rng.choice([0, 1, 1, 2]))),
                rng.choice(workers),
                "Ixelles",
                ",".join(str(k) for k in kids),
                rng.choice(["1", "2", "2"]),
                "",
            ]
        )
    dossiers[3][10] = "voir dossier papier"
    write_csv(
        export / "dossiers.csv",
        [
            "n_dossier",
            "code_famille",
            "date_ouverture",
            "date_cloture",
            "besoins",
            "ressources",
            "as_referent",
            "commune",
            "enfants_naissance",
            "nb_parents",
            "remarque",
        ],
        dossiers,
        delimiter=";",
        encoding="cp1252",
    )

    types = [
        "Enquête sociale",
        "Guidance budgétaire",
        "VAD",
        "Visite à domicile",
        "Entretien",
        "Entretien",
        "Orientation",
        "Passage de relais",
        "Aide administrative",
        "Concertation",
    ]  # "Octroi RIS" is mapped as a documented non-equivalent, but this clean example does not use it
    partner_names = ["", "", "", "ONE Anderlecht", "AMO Le Tremplin", "Maison médicale du Midi"]
    rows = []
    for i in range(60):
        d = dossiers[rng.randrange(len(dossiers))]
        kind = rng.choice(types)
        rows.append(
            [
                f"I{i + 1:04d}",
                dmy(day(rng, date(2024, 1, 8), 600)),
                kind,
                d[0],
                d[6],
                rng.choice(partner_names)
                if kind in ("Orientation", "Passage de relais", "Concertation")
                else "",
            ]
        )
    write_csv(
        export / "interventions.csv",
        ["n_intervention", "date", "type_action", "n_dossier", "intervenant", "partenaire"],
        rows,
        delimiter=";",
        encoding="cp1252",
    )

    orient = []
    targets = [
        "AMO Le Tremplin",
        "ONE Anderlecht",
        "Crèche Les Lucioles",
        "SAJ Bruxelles",
        "Maison médicale du Midi",
    ]
    for i in range(24):
        d = dossiers[rng.randrange(len(dossiers))]
        asked = day(rng, date(2024, 2, 1), 500)
        first = dmy(asked + timedelta(days=rng.randrange(2, 60))) if i % 4 else ""
        orient.append([f"O{i + 1:03d}", d[0], d[6], rng.choice(targets), dmy(asked), first])
    write_csv(
        export / "orientations.csv",
        ["id_orientation", "n_dossier", "oriente_par", "vers", "date_demande", "date_premier_contact"],
        orient,
        delimiter=";",
        encoding="cp1252",
    )

    rows_m = [
        ("job-title", "AS", E, "role-social-worker", 1.0, "abréviation courante d'assistant·e social·e"),
        ("job-title", "Assistante sociale", E, "role-social-worker", 1.0, ""),
        ("job-title", "Assistant social", E, "role-social-worker", 1.0, ""),
        ("job-title", "Coordinatrice", E, "role-coordinator", 0.95, ""),
        ("job-title", "Psychologue", E, "role-psychologist", 1.0, ""),
        (
            "job-title",
            "Chef de service",
            C,
            "role-manager",
            0.9,
            "responsable hiérarchique du service social",
        ),
        (
            "job-title",
            "Agent d'insertion",
            E,
            NONE,
            0.9,
            "insertion socioprofessionnelle (article 60): pas de rôle équivalent dans le référentiel",
        ),
        (
            "intervention-type",
            "Enquête sociale",
            C,
            "intervention-type-needs-assessment",
            0.85,
            "l'enquête sociale évalue la situation et les besoins avant une aide",
        ),
        ("intervention-type", "Guidance budgétaire", E, "intervention-type-budget-guidance", 1.0, ""),
        ("intervention-type", "VAD", E, "intervention-type-home-visit", 1.0, "visite à domicile"),
        ("intervention-type", "Visite à domicile", E, "intervention-type-home-visit", 1.0, ""),
        ("intervention-type", "Entretien", E, "intervention-type-individual-interview", 0.95, ""),
        ("intervention-type", "Orientation", E, "intervention-type-referral", 1.0, ""),
        ("intervention-type", "Passage de relais", E, "intervention-type-handover", 1.0, ""),
        ("intervention-type", "Aide administrative", E, "intervention-type-administrative-help", 1.0, ""),
        (
            "intervention-type",
            "Concertation",
            B,
            "intervention-type-coordination-meeting",
            0.9,
            "une concertation est une sorte de réunion de coordination",
        ),
        (
            "intervention-type",
            "Octroi RIS",
            E,
            NONE,
            0.9,
            "décision d'aide financière (revenu d'intégration): pas une pratique de réseau",
        ),
        ("need", "logement", E, "need-housing", 1.0, ""),
        ("need", "revenus", E, "need-income", 1.0, ""),
        ("need", "santé", E, "need-health", 1.0, ""),
        ("need", "santé mentale", E, "need-mental-health", 1.0, ""),
        ("need", "isolement", E, "need-social-isolation", 0.95, ""),
        ("need", "administratif", E, "need-administrative", 0.95, ""),
        ("need", "emploi", E, "need-employment", 1.0, ""),
        ("need", "langue", E, "need-language", 1.0, ""),
        ("need", "garde d'enfants", C, "need-childcare", 0.9, ""),
        ("need", "dettes", B, "need-income", 0.85, "le surendettement est un besoin lié aux revenus"),
        ("need", "mobilité", E, NONE, 0.8, "déplacements, permis, transports: pas de besoin équivalent"),
        ("resource", "famille élargie", E, "resource-extended-family", 1.0, ""),
        ("resource", "association de quartier", E, "resource-community-association", 1.0, ""),
        ("resource", "logement stable", E, "resource-stable-housing", 1.0, ""),
        (
            "resource",
            "place en crèche",
            B,
            "resource-childcare-place",
            0.9,
            "une crèche est un milieu d'accueil",
        ),
        ("sector", "Petite enfance", E, "sector-early-childhood", 1.0, ""),
        ("sector", "Aide à la jeunesse", E, "sector-youth-aid", 1.0, ""),
        ("sector", "Accueil de l'enfance", E, "sector-childcare", 1.0, ""),
        ("sector", "Santé", E, "sector-health", 1.0, ""),
        ("sector", "Cohésion sociale", E, "sector-community", 1.0, ""),
    ]
    (folder / "mappings.sssom.tsv").write_text(
        mapping_set(
            slug,
            "Vocabulaire du service social du CPAS d'Ixelles aligné sur le référentiel commun",
            "Référente données, service social",
            rows_m,
        ),
        encoding="utf-8",
    )


# ------------------------------------------------------------------------------------------- ONE


def one(rng: random.Random) -> None:
    slug, folder = "one-consultation-anderlecht", HERE / "one-consultation-anderlecht"
    export = folder / "export"
    export.mkdir(parents=True, exist_ok=True)
    titles = [
        "PEP's",
        "PEP's",
        "TMS",
        "PEP's",
        "Médecin",
        "Sage-femme",
        "Référente maltraitance",
        "Coordinatrice accueil",
        "TMS",
    ]
    staff = [
        [
            f"pep-{i:02d}",
            t,
            day(rng, date(2010, 1, 1), 4000).isoformat(),
            day(rng, date(2024, 6, 1), 300).isoformat() if i == 3 else "",
        ]
        for i, t in enumerate(titles, 1)
    ]
    write_csv(
        export / "pep.csv", ["id_pep", "fonction", "debut", "fin"], staff, delimiter=",", encoding="utf-8-sig"
    )

    needs = [
        "suivi médical",
        "soutien parental",
        "périnatalité",
        "alimentation",
        "isolement",
        "logement",
        "développement de l'enfant",
        "violences conjugales",
    ]
    peps = [s[0] for s in staff if s[1] in ("PEP's", "TMS")]
    fams = FAMILIES[20:70]
    suivis = []
    for i in range(36):
        start = day(rng, date(2022, 6, 1), 550)
        kids = sorted(rng.sample(range(2020, 2027), rng.choice([1, 1, 2])))
        suivis.append(
            [
                f"S-{2300 + i}",
                fams[i],
                start.isoformat(),
                "",
                "|".join(rng.sample(needs, rng.choice([1, 2, 3]))),
                " ".join(str(k) for k in kids),
                "Anderlecht",
                rng.choice(peps),
            ]
        )
    write_csv(
        export / "familles.csv",
        [
            "id_suivi",
            "famille",
            "debut_suivi",
            "fin_suivi",
            "besoins",
            "enfants_annees",
            "commune",
            "pep_referent",
        ],
        suivis,
        delimiter=",",
        encoding="utf-8-sig",
    )

    types = [
        "Consultation",
        "Consultation",
        "VAD",
        "Visite à domicile",
        "Entretien prénatal",
        "Relais",
        "Orientation",
        "Atelier massage bébé",
        "Contact partenaire",
        "Soutien à la parentalité",
    ]
    rows = []
    for i in range(58):
        s = suivis[rng.randrange(len(suivis))]
        rows.append(
            [
                f"A{i + 1:03d}",
                day(rng, date(2024, 1, 2), 600).isoformat(),
                rng.choice(types),
                s[0],
                s[7],
                rng.choice(["", "", "", "CPAS d'Ixelles", "Crèche Les Lucioles"]),
                "consultation",
            ]
        )
    # Realistic defects, on purpose (see docs/translation.md, "The example organisations"):
    rows[5][2] = "Visite à dom."  # an abbreviation nobody mapped yet
    rows[17][2] = "Pesée"  # a term with no mapping
    rows[29][1] = "2024-13-05"  # month 13: a typing error
    rows[40] = rows[40][:4]  # a row cut short: wrong number of fields
    write_csv(
        export / "activites.csv",
        ["id_activite", "date", "type", "suivi", "pep", "partenaire", "secteur_stat"],
        rows,
        delimiter=",",
        encoding="utf-8-sig",
    )

    kinds = ["Concertation", "Intervision", "Réunion de réseau", "Concertation pluridisciplinaire", "Staff"]
    meetings = []
    for i in range(22):
        kind = rng.choice(kinds)
        parts = rng.sample(peps, rng.choice([2, 3]))
        sits = [suivis[rng.randrange(len(suivis))][0] for _ in range(rng.choice([1, 2]))]
        partners = (
            rng.sample(["CPAS d'Ixelles", "Crèche Les Lucioles", "SAJ Bruxelles"], 2)
            if kind in ("Concertation", "Réunion de réseau", "Concertation pluridisciplinaire")
            else []
        )
        meetings.append(
            [
                f"R{i + 1:02d}",
                day(rng, date(2024, 1, 8), 600).isoformat(),
                kind,
                "/".join(parts),
                "/".join(sorted(set(sits))) if kind != "Intervision" else "",
                "/".join(partners),
            ]
        )
    write_csv(
        export / "reunions.tsv",
        ["id_reunion", "date", "type_reunion", "participants", "suivis", "partenaires"],
        meetings,
        delimiter="\t",
        encoding="utf-8",
    )

    rows_m = [
        ("job-title", "PEP's", E, "role-medico-social-worker", 1.0, "Partenaire Enfants-Parents"),
        ("job-title", "TMS", E, "role-medico-social-worker", 1.0, "ancien nom des PEP's"),
        ("job-title", "Médecin", E, "role-physician", 1.0, ""),
        ("job-title", "Sage-femme", E, "role-midwife", 1.0, ""),
        ("job-title", "Référente maltraitance", E, "role-child-abuse-referent", 1.0, ""),
        (
            "job-title",
            "Coordinatrice accueil",
            C,
            "role-coordinator",
            0.8,
            "coordonne l'accueil de la consultation",
        ),
        ("intervention-type", "Consultation", E, "intervention-type-consultation", 1.0, ""),
        ("intervention-type", "VAD", E, "intervention-type-home-visit", 1.0, "visite à domicile"),
        ("intervention-type", "Visite à domicile", E, "intervention-type-home-visit", 1.0, ""),
        (
            "intervention-type",
            "Entretien prénatal",
            B,
            "intervention-type-individual-interview",
            0.9,
            "un entretien individuel pendant la grossesse",
        ),
        ("intervention-type", "Relais", E, "intervention-type-handover", 0.9, ""),
        ("intervention-type", "Orientation", E, "intervention-type-referral", 1.0, ""),
        ("intervention-type", "Atelier massage bébé", B, "intervention-type-group-workshop", 0.9, ""),
        ("intervention-type", "Contact partenaire", E, "intervention-type-partner-contact", 1.0, ""),
        (
            "intervention-type",
            "Soutien à la parentalité",
            R,
            "intervention-type-accompaniment",
            0.6,
            "recouvre plusieurs pratiques; pas d'équivalent précis",
        ),
        ("meeting-kind", "Concertation", E, "meeting-kind-concertation", 1.0, ""),
        ("meeting-kind", "Intervision", E, "meeting-kind-intervision", 1.0, ""),
        ("meeting-kind", "Réunion de réseau", E, "meeting-kind-network-meeting", 1.0, ""),
        (
            "meeting-kind",
            "Concertation pluridisciplinaire",
            E,
            "meeting-kind-multidisciplinary-concertation",
            1.0,
            "",
        ),
        ("meeting-kind", "Staff", E, "meeting-kind-team-meeting", 0.95, "réunion d'équipe hebdomadaire"),
        ("need", "suivi médical", C, "need-health", 0.9, ""),
        ("need", "soutien parental", E, "need-parenting-support", 1.0, ""),
        ("need", "périnatalité", E, "need-perinatal-care", 0.95, ""),
        ("need", "alimentation", E, "need-nutrition", 1.0, ""),
        ("need", "isolement", E, "need-social-isolation", 0.95, ""),
        ("need", "logement", E, "need-housing", 1.0, ""),
        ("need", "développement de l'enfant", E, "need-child-development", 1.0, ""),
        ("need", "violences conjugales", B, "need-domestic-violence", 0.9, ""),
    ]
    (folder / "mappings.sssom.tsv").write_text(
        mapping_set(
            slug,
            "Vocabulaire de la consultation ONE d'Anderlecht aligné sur le référentiel commun",
            "Coordinatrice accueil",
            rows_m,
        ),
        encoding="utf-8",
    )


# ---------------------------------------------------------------------------------------- crèche


def creche(rng: random.Random) -> None:
    import openpyxl

    slug, folder = "creche-les-lucioles", HERE / "creche-les-lucioles"
    export = folder / "export"
    export.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Personnel"
    ws.append(["Code", "Fonction", "Entrée", "Sortie"])
    titles = ["Puéricultrice"] * 6 + ["Directrice", "Infirmière", "Psychomotricienne", "Assistante sociale"]
    staff = []
    for i, t in enumerate(titles, 1):
        start = day(rng, date(2014, 1, 1), 3000)
        # dates as Excel serial numbers in a General-formatted column: what many exports hold
        ws.append(
            [
                f"LUC{i:02d}",
                t,
                (start - date(1899, 12, 30)).days,
                (day(rng, date(2024, 3, 1), 400) - date(1899, 12, 30)).days if i == 2 else None,
            ]
        )
        staff.append(f"LUC{i:02d}")

    ws2 = wb.create_sheet("Enfants")
    ws2.append(
        ["Dossier", "Famille", "Inscription", "Départ", "Besoins", "Naissance", "Puéricultrice référente"]
    )
    needs = ["place d'accueil", "développement", "langue", "soutien parental"]
    fams = FAMILIES[50:80]
    enfants = []
    for i in range(30):
        start = day(rng, date(2022, 9, 1), 480)
        ws2.append(
            [
                f"L{i + 1:03d}",
                fams[i],
                start,
                None,
                ", ".join(rng.sample(needs, rng.choice([1, 2]))),
                rng.choice([2023, 2024, 2025]),
                rng.choice(staff[:6]),
            ]
        )
        ws2.cell(row=ws2.max_row, column=3).number_format = "DD/MM/YYYY"
        enfants.append(f"L{i + 1:03d}")

    ws3 = wb.create_sheet("Activités")
    ws3.append(["Date", "Activité", "Dossier", "Par", "Partenaire"])
    types = [
        "Entretien d'accueil",
        "Familiarisation",
        "Familiarisation",
        "Réunion parents",
        "Orientation",
        "Passage de relais",
        "Contact ONE",
    ]
    for _ in range(45):
        kind = rng.choice(types)
        ws3.append(
            [
                day(rng, date(2024, 1, 8), 600),
                kind,
                rng.choice(enfants),
                rng.choice(staff),
                "ONE Anderlecht" if kind in ("Contact ONE", "Passage de relais") else None,
            ]
        )
        ws3.cell(row=ws3.max_row, column=1).number_format = "DD/MM/YYYY"

    ws4 = wb.create_sheet("Liens")
    ws4.append(["Dossier", "Avec qui", "Type de lien", "Confiance"])
    actors = [
        ("Maman", "Famille"),
        ("Papa", "Famille"),
        ("Grand-mère", "Famille élargie"),
        ("Voisine", "Voisinage"),
        ("Professionnel ONE", "Professionnel"),
        ("Professionnel CPAS", "Institution"),
    ]
    trust = ["Bonne", "Bonne", "Fragile", "Rompue", "En reconstruction", "Inconnue"]
    for i in range(40):
        who, kind = rng.choice(actors)
        ws4.append([enfants[i % len(enfants)], who, kind, rng.choice(trust)])
    wb.save(export / "export_lucioles.xlsx")

    rows_m = [
        ("job-title", "Puéricultrice", E, "role-childcare-worker", 1.0, ""),
        ("job-title", "Directrice", C, "role-manager", 0.9, "direction du milieu d'accueil"),
        ("job-title", "Infirmière", E, "role-nurse", 1.0, ""),
        ("job-title", "Psychomotricienne", E, "role-psychomotor-therapist", 1.0, ""),
        ("job-title", "Assistante sociale", E, "role-social-worker", 1.0, ""),
        (
            "intervention-type",
            "Entretien d'accueil",
            B,
            "intervention-type-individual-interview",
            0.9,
            "entretien avec les parents à l'inscription",
        ),
        (
            "intervention-type",
            "Familiarisation",
            C,
            "intervention-type-trust-building",
            0.8,
            "période d'adaptation progressive de l'enfant et des parents",
        ),
        (
            "intervention-type",
            "Réunion parents",
            C,
            "intervention-type-group-workshop",
            0.8,
            "réunion collective d'information et d'échange avec les parents",
        ),
        ("intervention-type", "Orientation", E, "intervention-type-referral", 1.0, ""),
        ("intervention-type", "Passage de relais", E, "intervention-type-handover", 1.0, ""),
        ("intervention-type", "Contact ONE", B, "intervention-type-partner-contact", 0.95, ""),
        ("need", "place d'accueil", E, "need-childcare", 1.0, ""),
        ("need", "développement", C, "need-child-development", 0.9, ""),
        ("need", "langue", E, "need-language", 1.0, ""),
        ("need", "soutien parental", E, "need-parenting-support", 1.0, ""),
        ("actor-kind", "Maman", B, "actor-kind-parent", 1.0, ""),
        ("actor-kind", "Papa", B, "actor-kind-parent", 1.0, ""),
        ("actor-kind", "Grand-mère", B, "actor-kind-family-member", 1.0, ""),
        ("actor-kind", "Voisine", B, "actor-kind-relative", 0.9, ""),
        ("actor-kind", "Professionnel ONE", B, "actor-kind-professional", 1.0, ""),
        ("actor-kind", "Professionnel CPAS", B, "actor-kind-professional", 1.0, ""),
        ("link-kind", "Famille", E, "link-kind-family", 1.0, ""),
        ("link-kind", "Famille élargie", E, "link-kind-extended-family", 1.0, ""),
        ("link-kind", "Voisinage", C, "link-kind-friend-neighbour", 0.9, ""),
        ("link-kind", "Professionnel", E, "link-kind-professional", 1.0, ""),
        ("link-kind", "Institution", E, "link-kind-institutional", 1.0, ""),
        ("trust-status", "Bonne", C, "trust-status-established", 0.85, ""),
        ("trust-status", "Fragile", E, "trust-status-fragile", 1.0, ""),
        ("trust-status", "Rompue", E, "trust-status-broken", 1.0, ""),
        ("trust-status", "En reconstruction", E, "trust-status-rebuilding", 1.0, ""),
        ("trust-status", "Inconnue", E, "trust-status-unknown", 1.0, ""),
    ]
    (folder / "mappings.sssom.tsv").write_text(
        mapping_set(
            slug,
            "Vocabulaire de la crèche Les Lucioles aligné sur le référentiel commun",
            "Directrice",
            rows_m,
        ),
        encoding="utf-8",
    )


# ------------------------------------------------------------------------------------------- AMO


def amo(rng: random.Random) -> None:
    slug, folder = "amo-le-tremplin", HERE / "amo-le-tremplin"
    export = folder / "export"
    export.mkdir(parents=True, exist_ok=True)

    def dump(name: str, records: list[dict]) -> None:
        (export / name).write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    titles = [
        "Éducateur",
        "Éducatrice",
        "Éducatrice",
        "Animatrice",
        "Animateur",
        "AS",
        "Coordinateur",
        "Psychologue",
    ]
    team = [
        {
            "id": f"T{i}",
            "fonction": t,
            "depuis": day(rng, date(2015, 1, 1), 3000).strftime("%d/%m/%Y"),
            "jusqu_a": None,
        }
        for i, t in enumerate(titles, 1)
    ]
    team[4]["jusqu_a"] = day(rng, date(2024, 4, 1), 300).strftime("%d/%m/%Y")
    dump("equipe.json", team)

    needs = ["scolarité", "logement", "isolement", "protection", "santé mentale", "famille", "loisirs"]
    comps = ["débrouillardise administrative", "réseau social", "français"]
    fams = FAMILIES[:25]
    jeunes = []
    for i in range(25):
        jeunes.append(
            {
                "id": f"J-{i + 1:03d}",
                "famille": fams[i],
                "debut": day(rng, date(2022, 6, 1), 560).strftime("%d/%m/%Y"),
                "fin": None,
                "besoins": rng.sample(needs, rng.choice([1, 2])),
                "competences": rng.sample(comps, rng.choice([0, 1, 2])),
                "educateur": rng.choice(team[:5])["id"],
                "commune": rng.choice(["Ixelles", "Ixelles", "Etterbeek"]),
            }
        )
    dump("jeunes.json", jeunes)

    types = [
        "Accompagnement",
        "Accompagnement",
        "Mise en lien",
        "Atelier",
        "Orientation",
        "Passage de relais",
        "Intervention conjointe",
    ]  # "Travail de rue" is mapped as a documented non-equivalent, but this clean example does not use it
    actions = []
    for i in range(50):
        kind = rng.choice(types)
        actions.append(
            {
                "id": f"ACT{i + 1:03d}",
                "date": day(rng, date(2024, 1, 8), 600).strftime("%d/%m/%Y"),
                "type": kind,
                "jeune": rng.choice(jeunes)["id"],
                "intervenants": [t["id"] for t in rng.sample(team, rng.choice([1, 1, 2]))],
                "partenaires": ["CPAS d'Ixelles"]
                if kind in ("Intervention conjointe", "Passage de relais")
                else [],
            }
        )
    dump("actions.json", actions)

    targets = ["CPAS d'Ixelles", "SAJ Bruxelles", "Maison médicale du Midi", "ONE Anderlecht"]
    orients = []
    for i in range(20):
        asked = day(rng, date(2024, 2, 1), 500)
        orients.append(
            {
                "id": f"OR{i + 1:02d}",
                "jeune": rng.choice(jeunes)["id"],
                "par": rng.choice(team)["id"],
                "vers": rng.choice(targets),
                "demande": asked.strftime("%d/%m/%Y"),
                "premier_contact": (asked + timedelta(days=rng.randrange(1, 90))).strftime("%d/%m/%Y")
                if i % 3
                else None,
            }
        )
    dump("orientations.json", orients)

    kinds = ["Réunion de réseau", "Supervision", "Staff", "Synthèse", "Intervision", "Concertation"]
    meetings = []
    for i in range(20):
        kind = rng.choice(kinds)
        meetings.append(
            {
                "id": f"M{i + 1:02d}",
                "date": day(rng, date(2024, 1, 8), 600).strftime("%d/%m/%Y"),
                "type": kind,
                "participants": [t["id"] for t in rng.sample(team, 3)],
                "jeunes": [j["id"] for j in rng.sample(jeunes, 2)]
                if kind not in ("Supervision", "Intervision")
                else [],
                "partenaires": rng.sample(targets, 2)
                if kind in ("Réunion de réseau", "Concertation")
                else [],
            }
        )
    dump("reunions.json", meetings)

    rows_m = [
        ("job-title", "Éducateur", E, "role-educator", 1.0, ""),
        ("job-title", "Éducatrice", E, "role-educator", 1.0, ""),
        ("job-title", "Animatrice", E, "role-community-worker", 1.0, ""),
        ("job-title", "Animateur", E, "role-community-worker", 1.0, ""),
        ("job-title", "AS", E, "role-social-worker", 1.0, "assistant·e social·e"),
        ("job-title", "Coordinateur", E, "role-coordinator", 1.0, ""),
        ("job-title", "Psychologue", E, "role-psychologist", 1.0, ""),
        ("intervention-type", "Accompagnement", E, "intervention-type-accompaniment", 1.0, ""),
        ("intervention-type", "Mise en lien", E, "intervention-type-linking-to-resource", 1.0, ""),
        ("intervention-type", "Atelier", E, "intervention-type-group-workshop", 0.95, ""),
        ("intervention-type", "Orientation", E, "intervention-type-referral", 1.0, ""),
        ("intervention-type", "Passage de relais", E, "intervention-type-handover", 1.0, ""),
        ("intervention-type", "Intervention conjointe", E, "intervention-type-joint-intervention", 1.0, ""),
        (
            "intervention-type",
            "Travail de rue",
            E,
            NONE,
            0.9,
            "travail de rue (présence dans l'espace public): pas de type d'intervention équivalent",
        ),
        ("meeting-kind", "Réunion de réseau", E, "meeting-kind-network-meeting", 1.0, ""),
        ("meeting-kind", "Supervision", E, "meeting-kind-supervision", 1.0, ""),
        ("meeting-kind", "Staff", E, "meeting-kind-team-meeting", 0.95, ""),
        ("meeting-kind", "Synthèse", E, "meeting-kind-case-synthesis", 1.0, ""),
        ("meeting-kind", "Intervision", E, "meeting-kind-intervision", 1.0, ""),
        ("meeting-kind", "Concertation", E, "meeting-kind-concertation", 1.0, ""),
        ("need", "scolarité", E, "need-schooling", 1.0, ""),
        ("need", "logement", E, "need-housing", 1.0, ""),
        ("need", "isolement", E, "need-social-isolation", 0.95, ""),
        ("need", "protection", C, "need-child-protection", 0.85, ""),
        ("need", "santé mentale", E, "need-mental-health", 1.0, ""),
        ("need", "famille", R, "need-parenting-support", 0.5, "difficultés familiales, au sens large"),
        ("need", "loisirs", E, NONE, 0.8, "accès aux loisirs: pas de besoin équivalent dans le référentiel"),
        ("competence", "débrouillardise administrative", C, "competence-administrative-autonomy", 0.85, ""),
        ("competence", "réseau social", E, "competence-social-network", 1.0, ""),
        ("competence", "français", B, "competence-language", 0.9, "maîtrise du français"),
    ]
    (folder / "mappings.sssom.tsv").write_text(
        mapping_set(
            slug, "Vocabulaire de l'AMO Le Tremplin aligné sur le référentiel commun", "Coordinateur", rows_m
        ),
        encoding="utf-8",
    )


def main() -> None:
    """Write every example organisation's export and mapping set."""
    load_labels()
    for make, seed in ((cpas, 11), (one, 12), (creche, 13), (amo, 14)):
        make(random.Random(seed))


if __name__ == "__main__":
    main()

"""Synthetic partner exports at any scale, written in the example organisations' own dialects.

The generator builds a small world — families with children of 0 to 6 years, the organisations that
follow them, professionals who join and leave (turnover), a few over-solicited professionals
(centralisation), interventions, referrals with delays, coordination meetings, links in each family's
network — and writes, for each example organisation, the files its **real profile** describes: the
same file names, formats (CSV/XLSX/JSON), delimiters, encodings, date patterns and column titles, and
the organisation's own vocabulary taken from its SSSOM mapping set. The profile and mapping set are
copied next to the generated files, so that ``referentiel ingest`` reads them exactly as it reads the
examples. Nothing here hard-codes an organisation: the profiles drive everything.

A known share of defects is injected — unmapped terms, missing required fields, impossible dates, a
personal-data leak — and written down in ``expected-defects.json`` (file, sheet, row, column, kind),
so that tests can check that intake finds exactly them.

Rows are written as they are generated (CSV and JSON streamed, XLSX in openpyxl's write-only mode);
memory grows with the number of families (a few small integers each), never with rows × rows.
The output is a function of ``(families, seed, defect_rate)`` only: same arguments, same bytes.

This module runs the generation; its parts live beside it: ``synthetic_templates`` (defect kinds,
templates read from the examples), ``synthetic_world`` (the world and its rendering in a dialect),
``synthetic_rows`` (each organisation's rows and defects), ``synthetic_writer`` (the files).
"""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from referentiel.errors import ConfigError, InputError
from referentiel.intake.synthetic_rows import _columns_of, _OrgGenerator
from referentiel.intake.synthetic_templates import (
    DEFECT_KINDS,
    KEY_NAME,
    PERSONAL_DATA,
    Defect,
    GenerationResult,
    OrgTemplate,
    load_templates,
    table_key,
)
from referentiel.intake.synthetic_world import World, _fake_niss
from referentiel.intake.synthetic_writer import _Writer
from referentiel.progress import NullProgress, Progress


def generate(
    output: str | Path,
    *,
    families: int = 1000,
    seed: int = 1,
    defect_rate: float = 0.01,
    examples: str | Path | None = None,
    progress: Progress | None = None,
) -> GenerationResult:
    """Write synthetic exports for ``families`` families into ``output`` (one folder per organisation).

    The example organisations (bundled, or under ``examples``) give the file layouts, dialects and
    vocabularies; their profiles and mapping sets are copied next to the generated files. About
    ``defect_rate`` of the rows carry one injected defect, plus one personal-data leak per organisation;
    all are listed in ``output/expected-defects.json``. Deterministic for a given seed.
    """
    if families < 1:
        raise ConfigError("--families must be at least 1")
    if not 0 <= defect_rate <= 0.5:
        raise ConfigError("the defect rate must be between 0 and 0.5")
    progress = progress or NullProgress()
    output = Path(output)
    if output.exists() and any(output.iterdir()):
        raise InputError(
            "the output directory is not empty",
            file=str(output),
            hint="give a new or empty directory: generated files would mix with existing ones",
        )
    templates = load_templates(Path(examples) if examples else None)
    output.mkdir(mode=0o700, parents=True, exist_ok=True)
    output.chmod(0o700)  # owner-only, as every output (an existing empty folder keeps its mode otherwise)
    world = World(families, [t.slug for t in templates], seed)
    result = GenerationResult(output, families, seed, [t.slug for t in templates], defect_rate)
    leaking = random.Random(f"{seed}:leak").choice([t.slug for t in templates])
    for template in templates:
        target = output / template.slug
        target.mkdir()
        shutil.copy2(template.profile.path, target / template.profile.path.name)
        if template.profile.mappings is not None:
            shutil.copy2(template.profile.mappings, target / template.profile.mappings.name)
        gen = _OrgGenerator(
            template, world, seed, defect_rate, templates, leak=defect_rate > 0 and template.slug == leaking
        )
        by_file: dict[str, list[Any]] = {}
        for table in template.profile.tables:
            by_file.setdefault(_file_name(template, table), []).append(table)
        for file_name, tables in by_file.items():
            folder = target / template.locations.get(file_name, ".")
            folder.mkdir(parents=True, exist_ok=True)
            writer = _Writer(folder / file_name, template)
            for table in tables:
                key = table_key(table)
                header, columns = _columns_of(template, table)
                xlsx = writer.suffix in (".xlsx", ".xlsm")
                progress.stage(f"{template.slug} {file_name}", unit="rows")
                rows = _rows(gen, table, key, header, columns, xlsx, file_name, progress)
                result.rows[f"{template.slug}/{key.replace('*', '')}"] = writer.write(table, header, rows)
                progress.done()
            writer.close()
        result.defects.extend(gen.defects)
    _write_expected(output, result)
    # A clearly labelled key for synthetic data only (random for the seed, never a real project key).
    rng = random.Random(f"{seed}:key")
    # Marked as synthetic (pseudonym.check_key_use): it serves the data of this folder and nothing else.
    key_path = output / KEY_NAME
    key_path.write_text(f"SYNTHETIC-ONLY-{rng.getrandbits(256):064x}\n", encoding="ascii")
    key_path.chmod(0o600)
    return result


def _file_name(template: OrgTemplate, table: Any) -> str:
    if any(ch in table.url for ch in "*?["):
        matches = sorted(p.name for p in template.folder.iterdir() if table.matches(p))
        return matches[0] if matches else table.url.replace("*", "generated")
    return table.url


def _rows(
    gen: _OrgGenerator,
    table: Any,
    key: str,
    header: list[str],
    columns: dict[str, Any],
    xlsx: bool,
    file_name: str,
    progress: Progress,
) -> Iterator[list[Any]]:
    if table.entity == "organisation":
        # the directory of partner organisations: public data, copied as the example has it
        example = [gen.t.samples.get((key, h)) for h in header]
        length = max((len(v) for v in example if v), default=0)
        for index in range(length):
            yield [(v[index] if v and index < len(v) else "") for v in example]
        return
    leak = gen.leak_column(table)
    json_cells = file_name.lower().endswith(".json")
    # Row numbers as the partner sees them: spreadsheet rows (header = 1), JSON records (first = 1).
    row_no = 0 if json_cells else 1
    for record in gen.records(table.entity):
        row_no += 1
        row = [
            gen.cell(table, key, columns[h], record, xlsx, json_cells) if h in columns else "" for h in header
        ]
        gen.maybe_defect(table, file_name, row_no, row, header, columns)
        if leak is not None and not gen._leaked and row_no >= 3:
            # Someone typed a national number into a vocabulary column: the table must be refused.
            row[header.index(leak)] = _fake_niss(gen.rng)
            gen.defects.append(Defect(file_name, None, leak, PERSONAL_DATA, table.sheet, gen.t.slug, row_no))
            gen._leaked = True
        if row_no % 1000 == 0:
            progress.advance(1000)
        yield row


def _write_expected(output: Path, result: GenerationResult) -> None:
    defects = sorted(
        result.defects, key=lambda d: (d.organisation, d.file, d.sheet or "", d.row or 0, d.column)
    )
    document = {
        "generator": "referentiel generate",
        "families": result.families,
        "seed": result.seed,
        "organisations": result.organisations,
        "rows": dict(sorted(result.rows.items())),
        "kinds": list(DEFECT_KINDS),
        "defect_rate": result.defect_rate,
        "defects": [d.to_dict() for d in defects],
    }
    (output / "expected-defects.json").write_text(
        json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )

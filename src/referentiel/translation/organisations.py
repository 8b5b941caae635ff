"""The organisations whose mapping sets are known: found in a folder ({org}/mappings.sssom.tsv or
{org}.sssom.tsv), each with its mapping set and the index of its terms.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from referentiel.errors import InputError
from referentiel.translation.sssom import MappingIndex, MappingSet, read_mapping_set


@dataclass
class Organisation:
    """One organisation: its slug, its mapping set and the index of its terms."""

    slug: str
    mapping_set: MappingSet
    path: str
    index: MappingIndex = field(init=False)

    def __post_init__(self) -> None:
        self.index = MappingIndex(self.mapping_set)

    @property
    def title(self) -> str:
        """The mapping set's title, else the slug."""
        return str(self.mapping_set.metadata.get("mapping_set_title") or self.slug)

    @property
    def prefix(self) -> str | None:
        """The CURIE prefix of the organisation's own terms (the most common subject prefix)."""
        counts: dict[str, int] = {}
        for m in self.mapping_set.mappings:
            if ":" in m.subject_id:
                p = m.subject_id.split(":", 1)[0]
                counts[p] = counts.get(p, 0) + 1
        return max(counts, key=lambda p: counts[p]) if counts else None


def _org_files(directory: Path) -> list[tuple[str, Path]]:
    if directory.is_file():
        return [(_slug_of_file(directory), directory)]
    found: list[tuple[str, Path]] = []
    for child in sorted(directory.iterdir()):
        if child.is_dir() and (child / "mappings.sssom.tsv").is_file():
            found.append((child.name, child / "mappings.sssom.tsv"))
        elif child.is_file() and child.name.endswith(".sssom.tsv"):
            found.append((_slug_of_file(child), child))
    return found


def _slug_of_file(path: Path) -> str:
    if path.name == "mappings.sssom.tsv":
        return path.parent.name
    return path.name.removesuffix(".sssom.tsv")


def discover_organisations(directory: str | Path | None = None) -> dict[str, Organisation]:
    """The organisations whose mapping sets are in ``directory`` (default: the bundled examples).

    A folder ``{org-slug}/mappings.sssom.tsv`` or a file ``{org-slug}.sssom.tsv`` is one organisation.
    Raises :class:`InputError` when the folder does not exist or holds no mapping set.
    """
    if directory is None:
        from referentiel.resources import bundled

        root = bundled("examples", "organisations")
        directory = Path(str(root))
    directory = Path(directory)
    if not directory.exists():
        raise InputError.of(
            "folder of mapping sets not found",
            file=str(directory),
            hint="give --mappings a folder holding {{org}}/mappings.sssom.tsv files",
        )
    files = _org_files(directory)
    if not files:
        raise InputError.of(
            "no mapping set found here",
            file=str(directory),
            hint="expected {{org}}/mappings.sssom.tsv or {{org}}.sssom.tsv files",
        )
    return {slug: Organisation(slug, read_mapping_set(path), str(path)) for slug, path in files}

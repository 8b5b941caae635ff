"""HermiT through owlready2: consistency and unsatisfiable classes.

owlready2 cannot read Turtle, so the rdflib graph is written as N-Triples to a temporary file and
loaded into a fresh ``owlready2.World()`` (never the default world: checks must not leak into each
other). HermiT runs in a Java subprocess whose output owlready2 captures; anything owlready2 itself
prints is captured too, so the terminal stays clean.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import tempfile
import time
import zipfile
from functools import lru_cache
from pathlib import Path

from referentiel.ontology.messages import NO_JAVA_HINT
from referentiel.ontology.report import ReasonerRun
from referentiel.privacy import scrub

_OWL_NOTHING = "http://www.w3.org/2002/07/owl#Nothing"


@lru_cache(maxsize=1)
def hermit_version() -> str | None:
    """HermiT's version from the manifest of the jar owlready2 ships (e.g. ``1.3.8.1099``)."""
    try:
        from owlready2 import reasoning

        jar = Path(reasoning._HERMIT_CLASSPATH.split(os.pathsep)[-1])
        with zipfile.ZipFile(jar) as archive:
            manifest = archive.read("META-INF/MANIFEST.MF").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile, ImportError, AttributeError):
        return None
    for line in manifest.splitlines():
        if line.startswith("Implementation-Version:"):
            return line.split(":", 1)[1].strip()
    return None


def find_java() -> str | None:
    """The Java executable owlready2 will run, or None when there is none."""
    import owlready2

    java = owlready2.JAVA_EXE
    if os.path.sep in java:
        return java if os.path.isfile(java) and os.access(java, os.X_OK) else None
    return shutil.which(java)


def run_hermit(ntriples: bytes) -> ReasonerRun:
    """Run HermiT on an ontology given as N-Triples; never raises for a reasoning outcome."""
    run = ReasonerRun(name="HermiT", version=hermit_version())
    java = find_java()
    if java is None:
        import owlready2

        run.status = "unavailable"
        run.said("Java was not found (looked for {java!r}); {hint}", java=owlready2.JAVA_EXE,
                 hint=NO_JAVA_HINT)
        return run

    import owlready2

    captured = io.StringIO()
    world = owlready2.World()
    handle, tmp_name = tempfile.mkstemp(suffix=".nt", prefix="referentiel-ontology-")
    try:
        with os.fdopen(handle, "wb") as tmp:
            tmp.write(ntriples)
        start = time.perf_counter()
        with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
            try:
                world.get_ontology(Path(tmp_name).as_uri()).load(format="ntriples")
            except Exception as exc:  # noqa: BLE001 - owlready2 wraps its parser's errors loosely
                cause = exc.__cause__ or exc
                run.status = "failed"
                run.said("owlready2 could not load the ontology ({kind}: {why})",
                         kind=type(cause).__name__, why=scrub(str(cause)[:300]))
                return run
            try:
                # Datatypes outside the OWL 2 datatype map (xsd:date, xsd:gYear) are treated as opaque
                # instead of stopping HermiT; the non-owl2-datatype check reports them.
                owlready2.sync_reasoner(world, infer_property_values=False, debug=0,
                                        ignore_unsupported_datatypes=True)
            except owlready2.OwlReadyInconsistentOntologyError:
                run.status, run.consistent = "ran", False
            except owlready2.OwlReadyJavaError as exc:
                run.status = "failed"
                run.message = _java_message(str(exc))
            except OSError as exc:  # the JVM could not be started at all
                run.status = "unavailable"
                run.said("Java could not be started ({why}); {hint}", why=exc.strerror or exc,
                         hint=NO_JAVA_HINT)
            except Exception as exc:  # noqa: BLE001 - owlready2 can fail applying HermiT's answer
                # Seen on PROV-O: HermiT answers, then owlready2 trips over a punned IRI while storing the
                # inferred hierarchy. The verdict is lost, so it must not count as a pass.
                run.status = "failed"
                run.said("owlready2 could not apply HermiT's results ({kind}: {why}); "
                         "check the punning findings", kind=type(exc).__name__, why=scrub(str(exc)[:300]))
            else:
                run.status, run.consistent = "ran", True
                run.unsatisfiable = sorted(
                    c.iri for c in world.inconsistent_classes()
                    if getattr(c, "iri", None) and c.iri != _OWL_NOTHING
                )
            run.seconds = time.perf_counter() - start
    finally:
        with contextlib.suppress(Exception):
            world.close()
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
    return run


def _java_message(text: str) -> str:
    """The useful part of a Java error: the exception and its explanation, without the stack trace."""
    kept: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("Java error message is"):
            continue
        if stripped.startswith(("at ", "...", "Caused by")) and kept:
            break
        kept.append(stripped)
    message = " ".join(kept)
    message = re.sub(r'^Exception in thread "[^"]*"\s*', "", message)
    # Drop the Java package name before the exception class.
    message = re.sub(r"^(?:[A-Za-z_$][\w$]*\.)+(?=\w*(?:Exception|Error)\b)", "", message)
    return scrub(message)[:600] or "HermiT stopped without a message"

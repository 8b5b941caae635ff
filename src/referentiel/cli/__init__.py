"""The ``referentiel`` command line: a thin click layer over the Python API.

Each capability keeps its commands in its own ``cli.py`` module with a ``COMMANDS`` list; this group
collects them. Errors raised by the library (:class:`referentiel.errors.ReferentielError`) become a
clear message on stderr and a documented exit code, never a traceback.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys

import click

from referentiel import __version__
from referentiel.cli.options import chosen_lang, forget_lang
from referentiel.error_messages import error_word
from referentiel.errors import ReferentielError

# Order is the order of `referentiel --help`.
CAPABILITIES = (
    "referentiel.intake.cli",
    "referentiel.ontology.cli",
    "referentiel.validation.cli",
    "referentiel.translation.cli",
    "referentiel.store.cli",
    "referentiel.queries.cli",
    "referentiel.web.cli",
    "referentiel.reconcile.cli",
)

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


class _CapabilityGroup(click.Group):
    """The root group; it imports the capabilities' commands on first use.

    Importing them lazily keeps a capability's ``cli.py`` importable on its own (it may import
    ``referentiel.cli.options`` without a circular import) and keeps start-up fast.
    """

    _loaded = False

    def _load(self) -> None:
        if not self._loaded:
            self._loaded = True
            for module in CAPABILITIES:
                for command in importlib.import_module(module).COMMANDS:
                    self.add_command(command)

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._load()
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        self._load()
        return super().get_command(ctx, cmd_name)


@click.group(cls=_CapabilityGroup,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="referentiel")
def cli() -> None:
    """referentiel: the shared framework of network-based social work, machine-readable.

    Exit codes: 0 success, 1 problems found (violations, ERROR checks, refused exports),
    2 unusable input or usage, 3 internal error, 130 interrupted.
    """
    # Everything a command creates (stores, reports, translations, generated data) is for its owner
    # only: outputs hold pseudonymous records that other users of the machine must not read.
    os.umask(0o077)
    _quiet_library_loggers()
    # A command run in-process after another (tests, CliRunner) must not inherit its --lang.
    forget_lang()


# Libraries log warnings that quote the data they read (rdflib: "<IRI> does not look like a valid
# URI, trying to serialize this will break."), without a location the user could act on; a data
# value may be a name or a national number. Their real failures reach us as exceptions anyway.
LIBRARY_LOGGERS = ("rdflib", "pyshacl", "owlready2", "openpyxl", "pyoxigraph", "pylode")


def _quiet_library_loggers() -> None:
    for name in LIBRARY_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script: run the CLI and map every failure to an exit code."""
    forget_lang()
    try:
        code = cli.main(args=argv, prog_name="referentiel", standalone_mode=False)
    except ReferentielError as exc:
        lang = chosen_lang()
        click.echo(f"{error_word(lang)}: {exc.text(lang)}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("interrupted: nothing was left half-written.", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as exc:
        # click quotes the value it refuses ("'Marie Dupont' is not one of ..."): screened as ours are
        from referentiel.privacy import scrub

        exc.message = scrub(exc.message)
        exc.show()
        sys.exit(EXIT_INPUT if exc.exit_code == 2 else exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted: nothing was left half-written.", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        # `referentiel ... | head`: the reader went away; that is not an error of ours.
        sys.stderr.close()
        sys.exit(EXIT_OK)
    except OSError as exc:
        if os.environ.get("REFERENTIEL_DEBUG") or not exc.filename:
            _internal(exc)
        # A file the command had to read or write cannot be used (missing folder, permissions,
        # full disk): the user's environment, not a bug. The path is the user's own.
        click.echo(f"error: {exc.filename}: {exc.strerror or type(exc).__name__}\n"
                   "  how to fix: check the path, its folder and the permissions", err=True)
        sys.exit(EXIT_INPUT)
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        _internal(exc)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _internal(exc: BaseException) -> None:
    """Exit 3 for a bug: only the exception's type is shown, as its text may quote data."""
    if os.environ.get("REFERENTIEL_DEBUG"):
        raise exc
    click.echo(
        f"internal error ({type(exc).__name__}): this is a bug in referentiel, not in your data.\n"
        "  Set REFERENTIEL_DEBUG=1 to see the traceback and report it.",
        err=True,
    )
    sys.exit(EXIT_INTERNAL)

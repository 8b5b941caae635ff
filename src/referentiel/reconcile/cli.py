"""``referentiel reconcile-serve``: the framework as a W3C Reconciliation API 0.2 service (thin)."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from referentiel.translation.suggest_match import METHODS

TOKEN_ENV = "REFERENTIEL_RECONCILE_TOKEN"


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("reconcile-serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind. Anything but loopback needs --token.",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--ontology",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Ontology holding the framework's concepts (default: the bundled one).",
)
@click.option(
    "--mappings",
    "mappings_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder of organisation mapping sets, for the 'organisation' filter and the mapping@ORG "
    "extension properties (default: the bundled example organisations).",
)
@click.option(
    "--method",
    type=click.Choice(METHODS),
    default=None,
    help="Matching method (default: hybrid, as `mappings suggest`).",
)
@click.option(
    "--max-batch",
    type=click.IntRange(1, 1000),
    default=100,
    show_default=True,
    help="Most queries accepted in one batch (larger batches get HTTP 400).",
)
@click.option(
    "--token",
    default=None,
    envvar=TOKEN_ENV,
    show_envvar=True,
    help="Token required from clients (Authorization: Bearer, token=, or /t/TOKEN/ in the URL).",
)
def reconcile_serve_command(
    host: str,
    port: int,
    ontology: Path | None,
    mappings_dir: Path | None,
    method: str | None,
    max_batch: int,
    token: str | None,
) -> None:
    """Serve the framework's concepts to OpenRefine (Reconciliation API 0.2) until Ctrl-C.

    Add http://HOST:PORT/ as a reconciliation service in OpenRefine (docs/reconcile.md).
    """
    if not is_loopback(host) and not token:
        raise click.UsageError(
            f"--host {host} is not loopback: give --token (or set {TOKEN_ENV}) so that only "
            "your team can query the service"
        )
    import uvicorn

    from referentiel.reconcile.app import create_app
    from referentiel.reconcile.service import Limits, ReconciliationService

    service = ReconciliationService.create(ontology, mappings_dir, method, Limits(max_batch=max_batch))
    click.echo(f"loading the {service.method} matcher...", err=True)
    service.matcher()
    app = create_app(service, token=token)
    path = f"/t/{token}/" if token else "/"
    click.echo(f"reconciliation service on http://{host}:{port}{path} (Ctrl-C to stop)", err=True)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False))
    # Not uvicorn.run: it swallows the KeyboardInterrupt its server re-raises after a graceful
    # shutdown on Ctrl-C, so the command exited 0; let through, main() says "interrupted" and exits
    # 130 as every command does (`referentiel web` too).
    server.run()


COMMANDS: list[click.Command] = [reconcile_serve_command]

"""``referentiel web``: serve the workbench (thin: check the options, build the app, run uvicorn)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from referentiel.cli.options import apply, endpoint_option, key_file_option, store_option
from referentiel.translation.suggest_match import METHODS

TOKEN_ENV = "REFERENTIEL_WEB_TOKEN"


@click.command("web")
@apply(store_option, endpoint_option)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but loopback requires $REFERENTIEL_WEB_TOKEN.",
)
@click.option("--port", type=click.IntRange(1, 65535), default=8080, show_default=True, help="Port.")
@click.option(
    "--organisations",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of organisations ({org}/profile.yaml, mappings.sssom.tsv, export/); "
    "default: the bundled examples. Reviewed mappings are written there.",
)
@key_file_option
@click.option(
    "--max-upload-mb",
    type=click.IntRange(1, 2048),
    default=20,
    show_default=True,
    help="Largest upload (all files of one check together).",
)
@click.option(
    "--max-files",
    type=click.IntRange(1, 1000),
    default=50,
    show_default=True,
    help="Most files in one upload.",
)
@click.option(
    "--suggest-method",
    type=click.Choice(METHODS),
    default=None,
    help="Matching method of the vocabulary suggestions (default: as `mappings suggest`).",
)
def web_command(
    store_dir: Path | None,
    endpoint: str | None,
    host: str,
    port: int,
    organisations: Path | None,
    key_file: Path | None,
    max_upload_mb: int,
    max_files: int,
    suggest_method: str | None,
) -> None:
    """Serve the workbench: check exports, review vocabulary, run research queries, browse the framework.

    It listens on loopback (127.0.0.1) by default. Listening anywhere else requires a token in
    $REFERENTIEL_WEB_TOKEN; open the printed address once with ?token=... to get in. Stop with Ctrl-C.
    """
    import logging

    import uvicorn

    from referentiel.errors import ConfigError, InputError
    from referentiel.web.app import LOOPBACK, WebConfig, create_app

    token = os.environ.get(TOKEN_ENV) or None
    if host not in LOOPBACK and not token:
        raise ConfigError.of(
            "listening on {host} (beyond this machine) needs an access token",
            host=host,
            variable=TOKEN_ENV,
            hint="set {variable} to a long random secret, or keep the default --host 127.0.0.1",
        )
    if organisations is not None and not organisations.is_dir():
        raise InputError.of(
            "the organisations folder does not exist",
            file=str(organisations),
            hint="give the folder holding one sub-folder per organisation (profile.yaml)",
        )
    from referentiel.intake.pipeline import resolve_key

    config = WebConfig(
        store=store_dir,
        endpoint=endpoint,
        organisations=organisations,
        key_file=key_file,
        token=token,
        max_upload_bytes=max_upload_mb * 1024 * 1024,
        max_files=max_files,
        suggest_method=suggest_method,
    )
    # Said now, not at the first upload: without a key no export can be pseudonymised.
    resolve_key(Path(config.organisations), key_file=key_file)
    shown_host = f"[{host}]" if ":" in host else host
    click.echo(f"referentiel workbench: http://{shown_host}:{port}/", err=True)
    if token:
        click.echo(
            f"  access token required ({TOKEN_ENV}): open http://{shown_host}:{port}/?token=… once "
            "(the token is not printed).",
            err=True,
        )
    if config.demo:
        click.echo(
            "  demonstration: pseudonyms use the bundled DEMO-ONLY key (bundled examples only).", err=True
        )
    click.echo(
        f"  store: {endpoint or store_dir or os.environ.get('REFERENTIEL_STORE') or '.referentiel-store'}"
        f"; organisations: {config.organisations}. Stop with Ctrl-C.",
        err=True,
    )
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(config),
            host=host,
            port=port,
            access_log=False,
            log_level="warning",
            server_header=False,
        )
    )
    # Not uvicorn.run: it swallows the KeyboardInterrupt its server re-raises after a graceful
    # shutdown on Ctrl-C, so the command exited 0; let through, main() exits 130 as every command does.
    server.run()


COMMANDS: list[click.Command] = [web_command]

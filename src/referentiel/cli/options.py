"""Click options shared by several commands, defined once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

LANGS = ("fr", "en", "nl")


# Every command calls its human-readable output ``text``; ``table`` was the older name on `graphs`
# and `query`, still accepted so that scripts written against it keep working.
FORMAT_ALIASES = {"table": "text"}


class AliasChoice(click.Choice):
    """A ``click.Choice`` that also accepts old names of its choices (not shown in ``--help``)."""

    def __init__(self, choices: tuple[str, ...], aliases: dict[str, str], **kwargs: Any) -> None:
        super().__init__(choices, **kwargs)
        self.aliases = aliases

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str):
            value = self.aliases.get(value.lower(), value)
        return super().convert(value, param, ctx)


def format_option(choices: tuple[str, ...], default: str, help_text: str = "Output format.") -> Callable:
    """``--format`` with the command's own choices (``text`` is the human-readable one everywhere)."""
    return click.option(
        "--format", "fmt", type=AliasChoice(choices, FORMAT_ALIASES, case_sensitive=False), default=default,
        show_default=True, help=help_text,
    )


# The language a command was explicitly given (--lang), for main() to say an error in it; commands
# run without --lang keep their errors in English (the language of the error catalogue's ids).
_CHOSEN: dict[str, str] = {}


def _remember_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    source = ctx.get_parameter_source(param.name or "lang")
    if value and source is not None and source.name in ("COMMANDLINE", "ENVIRONMENT"):
        _CHOSEN["lang"] = value.lower()
    return value


def chosen_lang() -> str:
    """The language given to the command being run with --lang, else English."""
    return _CHOSEN.get("lang", "en")


def forget_lang() -> None:
    """Start a new command: no language chosen yet."""
    _CHOSEN.clear()


lang_option = click.option(
    "--lang", type=click.Choice(LANGS, case_sensitive=False), default="fr", show_default=True,
    help="Language of messages and labels.", callback=_remember_lang,
)

output_option = click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path), default=None,
    help="Write the output to this file instead of standard output.",
)

quiet_option = click.option("-q", "--quiet", is_flag=True, help="No progress output.")

store_option = click.option(
    "--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    envvar="REFERENTIEL_STORE",
    help="Directory of the embedded store (default: $REFERENTIEL_STORE, else ./.referentiel-store).",
)

key_file_option = click.option(
    "--key-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File holding the pseudonymisation key (default: $REFERENTIEL_PSEUDONYM_KEY). "
    "The key is never written nor printed.",
)

def _apply_limits(ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]) -> None:
    """Make the ``--limit`` values the limits of the command's reads, for this invocation only."""
    from referentiel import limits
    from referentiel.errors import ConfigError

    try:
        chosen = limits.parse(value)
    except ConfigError as exc:
        raise click.BadParameter(f"{exc.message} ({exc.hint})") from None
    ctx.with_resource(limits.applied(chosen))


limit_option = click.option(
    "--limit",
    "limit_items",
    multiple=True,
    metavar="NAME=VALUE",
    envvar="REFERENTIEL_LIMITS",
    callback=_apply_limits,
    expose_value=False,
    help="Raise or lower a limit on the input files (repeatable; default: $REFERENTIEL_LIMITS): "
    "file, line, cell, rows, depth, unzipped, ratio, part, entities; sizes take k/M/G (file=2G). "
    "A file beyond a limit is refused, never cut short. See docs/translation.md#limits.",
)

_endpoint_url_option = click.option(
    "--endpoint", type=str, default=None, envvar="REFERENTIEL_ENDPOINT",
    help="URL of a SPARQL 1.1 server to use instead of the embedded store "
    "(credentials from REFERENTIEL_ENDPOINT_USER / REFERENTIEL_ENDPOINT_PASSWORD).",
)


def _endpoint_timeout(ctx: click.Context, param: click.Parameter, value: float | None) -> None:
    # Handed to the store through the environment, where the library reads its other endpoint
    # settings: every command taking --endpoint gets the option without a parameter of its own.
    del ctx, param
    if value is not None:
        import os

        os.environ["REFERENTIEL_ENDPOINT_TIMEOUT"] = repr(value)


_endpoint_timeout_option = click.option(
    "--endpoint-timeout", type=click.FloatRange(0, 86400, min_open=True), default=None, metavar="SECONDS",
    expose_value=False, callback=_endpoint_timeout,
    help="With --endpoint: seconds without an answer from the server after which a request fails "
    "(default 300, or $REFERENTIEL_ENDPOINT_TIMEOUT).",
)


def endpoint_option(func: Any) -> Any:
    """``--endpoint URL`` and ``--endpoint-timeout SECONDS``."""
    return _endpoint_url_option(_endpoint_timeout_option(func))


def emit(text: str, output: Path | None) -> None:
    """Write ``text`` to ``output`` (atomically) or to standard output."""
    emit_all([(text, output)])


def emit_all(outputs: list[tuple[str, Path | None]]) -> None:
    """Write several outputs of one command all together or not at all.

    Each file is first written beside its target as ``NAME.part``; only when every part is on disk are
    they renamed into place, with Ctrl-C held back during the renames, so that an interruption or a
    full disk never leaves one output of a run without the others (a translation without its report).
    Outputs without a path go to standard output, after the files are in place; so do outputs to a
    device or a pipe (``/dev/stdout``, a FIFO), written directly since they cannot be renamed over.
    """
    import signal
    import threading

    _refuse_twice(outputs)
    parts: list[tuple[Path, Path]] = []
    try:
        for text, output in outputs:
            if output is None or _is_special(output):
                continue
            tmp = output.with_name(output.name + ".part")
            try:
                _write_private(tmp, text)
            except OSError as exc:
                if tmp.parent.is_dir():
                    tmp.unlink(missing_ok=True)
                raise output_error(output, exc) from None
            parts.append((tmp, output))
        # Signal handlers can only be changed in the main thread (and Windows has no signal mask):
        # elsewhere Ctrl-C is not delivered to this thread anyway, and the renames simply run.
        guard = hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread()
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}) if guard else None
        try:
            for tmp, output in parts:
                try:
                    tmp.replace(output)
                except OSError as exc:
                    raise output_error(output, exc) from None
        finally:
            if guard:
                # A Ctrl-C that came during the renames is dropped: the run is complete by then, and
                # reporting it as interrupted (exit 130) with every output in place would be a lie.
                handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
                signal.pthread_sigmask(signal.SIG_SETMASK, held)
                signal.signal(signal.SIGINT, handler)
    except BaseException:
        for tmp, _ in parts:
            tmp.unlink(missing_ok=True)
        raise
    for text, output in outputs:
        if output is None:
            click.echo(text, nl=not text.endswith("\n"))
        elif _is_special(output):
            try:
                with output.open("w", encoding="utf-8") as stream:
                    stream.write(text)
            except OSError as exc:
                raise output_error(output, exc) from None


def _write_private(path: Path, text: str) -> None:
    """Write ``path`` readable and writable by its owner only (mode 0600), whatever the umask."""
    import os

    path.unlink(missing_ok=True)  # a leftover part would keep its old mode through O_CREAT
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as stream:
        stream.write(text)


def _is_special(path: Path) -> bool:
    """Whether ``path`` is an existing device, pipe or socket (``/dev/stdout``): renaming a file over
    it would replace the device by a plain file."""
    import stat

    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _refuse_twice(outputs: list[tuple[str, Path | None]]) -> None:
    """An :class:`~referentiel.errors.InputError` when two outputs go to the same file (``-o r.json
    --report r.json``): one would overwrite the other."""
    import os

    from referentiel.errors import InputError

    seen: dict[str, Path] = {}
    for _, output in outputs:
        if output is None:
            continue
        key = os.path.realpath(output)
        if key in seen:
            raise InputError(
                "two outputs of the command go to the same file: one would overwrite the other",
                file=str(output),
                hint="give each output (-o, --report...) its own file",
            )
        seen[key] = output


def output_error(path: Path, exc: OSError) -> Exception:
    """The :class:`~referentiel.errors.InputError` (exit 2) for an output file that cannot be written."""
    from referentiel.errors import InputError

    parent = path.parent
    if not parent.exists():
        why, hint = f"the folder {parent} does not exist", "create the folder first, or choose another path"
    elif not parent.is_dir():
        why, hint = f"{parent} is a file, not a folder", "choose a path inside a folder"
    elif path.is_dir():
        why, hint = "this is a folder", "give a file name"
    else:
        why = exc.strerror or type(exc).__name__
        hint = "choose a path you may write to (and a disk with free space)"
    return InputError(f"cannot write the output: {why}", file=str(path), hint=hint)


def apply(*decorators: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Apply several option decorators at once: ``@apply(lang_option, output_option)``."""

    def wrap(func: Any) -> Any:
        for decorator in reversed(decorators):
            func = decorator(func)
        return func

    return wrap

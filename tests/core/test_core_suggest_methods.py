"""The matching methods are defined once (``suggest_match.METHODS``) and every option offers them.

``mappings suggest --method``, ``web --suggest-method`` and ``reconcile-serve --method`` each spelt
the list out, in two orders: a method added to the matcher would have been missing from some of
them. Every option of the command tree whose choices name a method must offer exactly ``METHODS``.
"""

from __future__ import annotations

from collections.abc import Iterator

import click

from referentiel.cli import cli
from referentiel.translation.suggest_match import METHODS


def _options(command: click.Command, path: str = "referentiel") -> Iterator[tuple[str, click.Option]]:
    for param in command.params:
        if isinstance(param, click.Option):
            yield f"{path} {param.opts[0]}", param
    if isinstance(command, click.Group):
        for name in command.list_commands(click.Context(command)):
            sub = command.get_command(click.Context(command), name)
            if sub is not None:
                yield from _options(sub, f"{path} {name}")


def test_every_method_option_offers_the_methods_of_the_matcher() -> None:
    method_options = {
        where: tuple(option.type.choices)
        for where, option in _options(cli)
        if isinstance(option.type, click.Choice) and set(option.type.choices) & set(METHODS)
    }
    assert set(method_options) == {
        "referentiel mappings suggest --method",
        "referentiel web --suggest-method",
        "referentiel reconcile-serve --method",
    }
    assert all(choices == METHODS for choices in method_options.values()), method_options

"""YAML read with the line of every key kept (:class:`_Node`), and typed access to a mapping that
fails with file, line and key (:class:`_Reader`): how a broken profile is located.
"""

from __future__ import annotations

from typing import Any

import yaml

from referentiel.error_messages import Phrase, phrase
from referentiel.errors import ConfigError


class _Node:
    """A YAML value with its line (1-based) kept beside it."""

    __slots__ = ("value", "line")

    def __init__(self, value: Any, line: int) -> None:
        self.value = value
        self.line = line


def _build(node: yaml.Node) -> _Node:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[str, tuple[_Node, int]] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            out[str(key)] = (_build(value_node), key_node.start_mark.line + 1)
        return _Node(out, line)
    if isinstance(node, yaml.SequenceNode):
        return _Node([_build(v) for v in node.value], line)
    if node.style is not None or node.tag == "tag:yaml.org,2002:str":
        return _Node(node.value, line)  # quoted scalars stay text
    value = _LOADER.construct_object(node, deep=True)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = node.value  # ids, years: keep the text as written
    return _Node(value, line)


_LOADER = yaml.SafeLoader("")


class _Reader:
    """Typed access to a mapping node, raising ConfigError with file, line and key."""

    def __init__(self, file: str, node: _Node, where: str | Phrase, allowed: set[str]) -> None:
        self.file = file
        self.where = where
        if not isinstance(node.value, dict):
            raise ConfigError.of(
                "{where}: expected a mapping of keys", file=file, line=node.line, where=where
            )
        self.items: dict[str, tuple[_Node, int]] = node.value
        self.line = node.line
        for key, (_, line) in self.items.items():
            if key not in allowed:
                close = [k for k in sorted(allowed) if k.lower().startswith(key[:3].lower())]
                raise ConfigError.of(
                    "{where}: unknown key {key!r}",
                    file=file,
                    line=line,
                    hint="did you mean {close!r}?" if close else "allowed keys: {allowed}",
                    where=where,
                    key=key,
                    close=close[0] if close else "",
                    allowed=", ".join(sorted(allowed)),
                )

    def error(self, key: str, template: str, hint: str | None = None, **params: Any) -> ConfigError:
        """``where, key K: problem`` at the key's line; ``template`` and ``hint`` are catalogue templates."""
        line = self.items[key][1] if key in self.items else self.line
        return ConfigError.of(
            "{where}, key {key!r}: {problem}", file=self.file, line=line, hint=hint,
            where=self.where, key=key, problem=phrase(template, **params), **params,
        )

    def node(self, key: str) -> _Node | None:
        return self.items[key][0] if key in self.items else None

    def str(self, key: str, default: str | None = None, required: bool = False) -> str | None:
        node = self.node(key)
        if node is None:
            if required:
                raise ConfigError.of(
                    "{where}: the key {key!r} is required", file=self.file, line=self.line,
                    where=self.where, key=key,
                )
            return default
        if isinstance(node.value, (dict, list)) or node.value is None:
            raise self.error(key, "expected a text value")
        return str(node.value)

    def bool(self, key: str, default: bool = False) -> bool:
        node = self.node(key)
        if node is None:
            return default
        if not isinstance(node.value, bool):
            raise self.error(key, "expected true or false")
        return node.value

    def strings(self, key: str) -> list[str] | None:
        node = self.node(key)
        if node is None:
            return None
        if isinstance(node.value, list):
            values = []
            for item in node.value:
                if isinstance(item.value, (dict, list)) or item.value is None:
                    raise ConfigError.of(
                        "{where}, key {key!r}: {problem}", file=self.file, line=item.line,
                        where=self.where, key=key, problem=phrase("expected a list of texts"),
                    )
                values.append(str(item.value))
            return values
        if isinstance(node.value, dict) or node.value is None:
            raise self.error(key, "expected a text or a list of texts")
        return [str(node.value)]

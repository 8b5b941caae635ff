"""The error hierarchy of referentiel.

Library code raises these; only the CLI turns them into a message and an exit code. Every error
carries where the problem is (file, line, column) and, when one is known, how to fix it, so that a
data steward who is not an RDF expert can act on it. Messages must never quote personal data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Self


@dataclass
class ReferentielError(Exception):
    """Base class: a problem the user can fix, reported without a traceback.

    ``exit_code`` is the documented code the CLI exits with (see docs/architecture.md).
    """

    message: str
    file: str | None = None
    line: int | None = None
    column: int | str | None = None
    hint: str | None = None
    exit_code: int = 2
    # The catalogue entry of the message, its parameters, and of the hint: then :meth:`text` gives
    # the error in fr, en or nl. Two catalogues: ids of referentiel.input_messages (:func:`input_error`,
    # hint ``<message_id>.hint`` unless ``hint_id``), and English templates of
    # referentiel.error_messages (:meth:`of`, whose hint is a template too).
    message_id: str | None = None
    params: dict[str, Any] | None = None
    hint_id: str | None = None

    def __post_init__(self) -> None:
        # Messages quote what they complain about (a value of a profile, a cell, a token): whatever
        # raised the error, what the privacy screen finds there is masked before anyone can show it
        # (terminal, web page, log), so no caller has to remember it.
        from referentiel.privacy import scrub

        self.message = scrub(self.message)
        if self.hint:
            self.hint = scrub(self.hint)
        if self.params:
            self.params = {k: scrub(v) if isinstance(v, str) else v for k, v in self.params.items()}
        super().__init__(self.message)

    @classmethod
    def of(
        cls,
        template: str,
        *,
        hint: str | None = None,
        file: str | None = None,
        line: int | None = None,
        column: int | str | None = None,
        **params: Any,
    ) -> Self:
        """An error whose message (and hint) can be said in fr/nl/en: ``template`` is the English text
        with ``{placeholders}`` filled from ``params``, and the key of its translations in
        :mod:`referentiel.error_messages`."""
        return cls(
            template.format(**params),
            file=file,
            line=line,
            column=column,
            hint=hint.format(**params) if hint else None,
            message_id=template,
            params=params,
            hint_id=hint,
        )

    def location(self) -> str:
        """``file, line L, column C`` (only the parts that are known)."""
        parts = []
        if self.file:
            parts.append(str(self.file))
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text += f"\n  how to fix: {self.hint}"
        return text


    def text(self, lang: str = "en") -> str:
        """The error as :meth:`__str__` gives it, in ``lang`` (fr, en, nl) when it has a catalogue entry."""
        if self.message_id is None:
            return str(self)
        from referentiel.privacy import scrub
        from referentiel.translation.messages import MESSAGES, render_error

        # parameters may be translated phrases holding values: the text said is screened as a whole
        if self.message_id in MESSAGES:
            return scrub(render_error(self, lang))
        from referentiel.error_messages import render_template_error

        return scrub(render_template_error(self, lang))


class InputError(ReferentielError):
    """An input file is missing, unreadable, empty, binary or malformed (exit 2)."""


class ConfigError(ReferentielError):
    """A profile, mapping set, query parameter or option is wrong (exit 2)."""


class StoreError(ReferentielError):
    """The store or a remote endpoint cannot be used (exit 2)."""


def input_error(
    message_id: str,
    *,
    file: str | None = None,
    line: int | None = None,
    column: int | str | None = None,
    hint_id: str | None = None,
    **params: Any,
) -> InputError:
    """An :class:`InputError` whose message and hint are catalogue entries (referentiel.input_messages):
    ``str()`` gives them in English, :meth:`ReferentielError.text` in fr, en or nl."""
    from referentiel.translation.messages import MESSAGES, render

    hint_key = hint_id or f"{message_id}.hint"
    return InputError(
        render(message_id, params, "en"),
        file=file,
        line=line,
        column=column,
        hint=render(hint_key, params, "en") if hint_key in MESSAGES else None,
        message_id=message_id,
        params=params,
        hint_id=hint_id,
    )

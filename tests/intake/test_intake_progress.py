"""Progress reporting: drawn on a terminal, silent when piped or quiet."""

from __future__ import annotations

import io

from referentiel.progress import NullProgress, Progress, RecordingProgress, TerminalProgress, for_terminal


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_quiet_and_pipes_get_silence() -> None:
    assert isinstance(for_terminal(quiet=True, stream=_Tty()), NullProgress)
    assert isinstance(for_terminal(quiet=False, stream=io.StringIO()), NullProgress)


def test_terminal_gets_a_progress_line() -> None:
    stream = _Tty()
    progress = for_terminal(quiet=False, stream=stream)
    assert isinstance(progress, TerminalProgress)
    progress.stage("translate", total=4, unit="files")
    progress.advance(4)
    progress.note("cpas-ixelles: loaded")
    progress.done()
    text = stream.getvalue()
    assert "translate" in text and "4/4 files" in text and "cpas-ixelles: loaded" in text
    assert text.endswith("\n")


def test_every_reporter_has_the_protocol() -> None:
    for reporter in (NullProgress(), RecordingProgress(), TerminalProgress(_Tty())):
        assert isinstance(reporter, Progress)


def test_a_broken_terminal_never_stops_the_work() -> None:
    stream = _Tty()
    stream.close()
    progress = TerminalProgress(stream)
    progress.stage("load")
    progress.advance()
    progress.done()

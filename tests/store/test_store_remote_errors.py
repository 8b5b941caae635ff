"""A SPARQL server that misbehaves on purpose (loopback): every failure is a clear error naming the
URL, what happened and what to do, in fr/nl/en, never a traceback and never a credential."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from referentiel.errors import ConfigError, StoreError
from referentiel.store.remote import DEFAULT_TIMEOUT, Endpoint, RemoteStore
from referentiel.store.testing import free_port

PASSWORD = "pw-Zq81-secret"
TOKEN = "tok-Hq27-secret"
LOGIN_PAGE = (
    b"<!DOCTYPE html><html><head><title>Sign in - Corporate proxy</title></head><body>"
    b"<form><input name=password value='" + PASSWORD.encode() + b"'></form></body></html>"
)


class _Misbehaving(BaseHTTPRequestHandler):
    """Answers every request as ``behaviour`` (set on the server) says."""

    def log_message(self, *args: object) -> None:
        return

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        behaviour: str = self.server.behaviour  # type: ignore[attr-defined]
        if behaviour == "slow":
            time.sleep(3)
            self._answer(200, "application/sparql-results+json", b'{"head":{},"boolean":true}')
        elif behaviour == "html":
            self._answer(200, "text/html; charset=utf-8", LOGIN_PAGE)
        elif behaviour == "html-untyped":  # a page sent without a content type
            self._answer(200, "", LOGIN_PAGE)
        elif behaviour == "plain":
            self._answer(200, "text/plain", b"OK")
        elif behaviour == "garbage":  # not HTTP at all
            self.wfile.write(b"SSH-2.0-OpenSSH_9.2\r\n")
            self.close_connection = True
        elif behaviour == "cut":  # the connection closed without an answer
            self.close_connection = True
        elif behaviour == "bad-json":
            self._answer(200, "application/sparql-results+json", b'{"head": {"vars": [')
        else:  # an HTTP status, with the proxy's HTML page echoing what it was sent
            status = int(behaviour)
            body = b"<html><head><title>" + str(status).encode() + b" Error</title></head><body>"
            body += b"Authorization: " + self.headers.get("Authorization", "").encode() + b"</body></html>"
            self._answer(status, "text/html", body)

    def _answer(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        if status == 401:
            self.send_header("WWW-Authenticate", 'Basic realm="sparql"')
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting (the timeout test)
            self.close_connection = True


@pytest.fixture
def server() -> Iterator[ThreadingHTTPServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Misbehaving)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()


def _url(httpd: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{httpd.server_address[1]}/ds"


def _error(url: str, env: dict[str, str] | None = None, timeout: float | None = None) -> StoreError:
    endpoint = Endpoint.from_url(url, env=env or {})
    if timeout is not None:
        endpoint.timeout = timeout
    with pytest.raises(StoreError) as caught:
        RemoteStore(endpoint).graphs()
    return caught.value


CASES = [
    ("401", "asks for credentials", "REFERENTIEL_ENDPOINT_PASSWORD"),
    ("403", "refused access", "SPARQL_UPDATE"),
    ("404", "nothing at this URL (HTTP 404", "/DATASET/query"),
    ("405", "does not take this request (HTTP 405", "Oxigraph /query"),
    ("413", "too large (HTTP 413", "client_max_body_size"),
    ("500", "failed on the request (HTTP 500", "server's log"),
    ("502", "got no answer from it (HTTP 502", "behind the proxy"),
    ("503", "unavailable or overloaded (HTTP 503", "try again later"),
    ("504", "got no answer from it (HTTP 504", "behind the proxy"),
    ("html", "a web page, not SPARQL results (Sign in - Corporate proxy)", "login page"),
    ("html-untyped", "a web page, not SPARQL results", "login page"),
    ("plain", "answered text/plain, not SPARQL results", "SPARQL 1.1 endpoint"),
    ("garbage", "connection was cut", "see its log"),
    ("cut", "connection was cut", "see its log"),
    ("bad-json", "could not be read", "SPARQL 1.1 endpoint"),
]


@pytest.mark.parametrize(("behaviour", "what", "fix"), CASES, ids=[c[0] for c in CASES])
def test_each_misbehaviour_is_a_clear_error(
    server: ThreadingHTTPServer, behaviour: str, what: str, fix: str
) -> None:
    server.behaviour = behaviour  # type: ignore[attr-defined]
    error = _error(_url(server))
    text = str(error)
    assert what in text and fix in text, text
    assert f"127.0.0.1:{server.server_address[1]}" in text  # which server
    assert "Traceback" not in text and "<" not in text.split("(", 1)[0]


@pytest.mark.parametrize("behaviour", ["401", "403", "500", "html"])
def test_credentials_are_never_shown_even_when_the_server_echoes_them(
    server: ThreadingHTTPServer, behaviour: str
) -> None:
    server.behaviour = behaviour  # type: ignore[attr-defined]
    for env in (
        {"REFERENTIEL_ENDPOINT_USER": "steward-x", "REFERENTIEL_ENDPOINT_PASSWORD": PASSWORD},
        {"REFERENTIEL_ENDPOINT_TOKEN": TOKEN},
    ):
        text = str(_error(_url(server), env))
        assert PASSWORD not in text and TOKEN not in text and "steward-x" not in text, text
    if behaviour == "401":  # credentials were sent and refused: check them, not "set them"
        assert "refused the credentials" in text


def test_refused_connection(server: ThreadingHTTPServer) -> None:
    text = str(_error(f"http://127.0.0.1:{free_port()}"))
    assert (
        "nothing answers at this address (connection refused)" in text and "start the SPARQL server" in text
    )


def test_unknown_host() -> None:
    text = str(_error("http://no-such-host.invalid:7878"))
    assert "unknown host" in text and "no-such-host.invalid:7878" in text


def test_slow_server_times_out_with_the_option_to_wait_longer(server: ThreadingHTTPServer) -> None:
    server.behaviour = "slow"  # type: ignore[attr-defined]
    started = time.monotonic()
    text = str(_error(_url(server), timeout=0.5))
    assert time.monotonic() - started < 2.5
    assert "did not answer within 0.5 s" in text and "--endpoint-timeout" in text


def test_timeout_setting() -> None:
    assert Endpoint.from_url("http://h:1", env={}).timeout == DEFAULT_TIMEOUT
    assert Endpoint.from_url("http://h:1", env={"REFERENTIEL_ENDPOINT_TIMEOUT": "12.5"}).timeout == 12.5
    for bad in ("0", "-3", "soon", "1e9"):
        with pytest.raises(ConfigError, match="between 0 and 86400"):
            Endpoint.from_url("http://h:1", env={"REFERENTIEL_ENDPOINT_TIMEOUT": bad})


def run_main(args: list[str], capsys) -> tuple[int, str, str]:  # noqa: ANN001
    from referentiel.cli import main

    code = 0
    try:
        main(args)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


WORDS = {
    "fr": ("le serveur est indisponible ou surchargé", "réessayez plus tard"),
    "nl": ("de server is niet beschikbaar of overbelast", "probeer het later opnieuw"),
    "en": ("the server is unavailable or overloaded", "try again later"),
}


@pytest.mark.parametrize("lang", ["fr", "nl", "en"])
def test_load_on_a_failing_server_says_it_in_the_steward_s_language(
    server: ThreadingHTTPServer,
    tmp_path: Path,
    capsys,
    lang: str,  # noqa: ANN001
) -> None:
    """Through the real entry point: the error before any file is read, in --lang, no traceback."""
    server.behaviour = "503"  # type: ignore[attr-defined]
    data = tmp_path / "export.nt"
    data.write_text("<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n")
    args = ["load", str(data), "--endpoint", _url(server), "--organisation", "x", "--lang", lang]
    code, out, err = run_main(args, capsys)
    assert code != 0 and not out
    assert "Traceback" not in err and f"127.0.0.1:{server.server_address[1]}" in err
    for words in WORDS[lang]:
        assert words in err, err


def test_endpoint_timeout_option(
    server: ThreadingHTTPServer,
    tmp_path: Path,
    capsys,
    monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
) -> None:
    monkeypatch.setenv("REFERENTIEL_ENDPOINT_TIMEOUT", "300")  # restored after the test
    server.behaviour = "slow"  # type: ignore[attr-defined]
    args = ["graphs", "--endpoint", _url(server), "--endpoint-timeout", "0.5"]
    code, out, err = run_main(args, capsys)
    assert code != 0 and "did not answer within 0.5 s" in err and "Traceback" not in err
    code, _, err = run_main(["graphs", "--endpoint", _url(server), "--endpoint-timeout", "0"], capsys)
    assert code == 2 and "--endpoint-timeout" in err


def test_port_closed_while_reading(tmp_path: Path) -> None:
    """A server that accepts, then closes without a word (a crashed back end behind a port)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)

    def accept_and_close() -> None:
        conn, _ = listener.accept()
        conn.recv(65536)
        conn.close()

    thread = threading.Thread(target=accept_and_close, daemon=True)
    thread.start()
    try:
        text = str(_error(f"http://127.0.0.1:{listener.getsockname()[1]}"))
    finally:
        listener.close()
    assert "connection was cut" in text

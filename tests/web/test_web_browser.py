"""The workbench end to end in a real browser: Playwright driving Debian's Chromium (/usr/bin/chromium)
against a live server on loopback started here.

- upload the bundled ONE export with the keyboard only, see it refused with a finding at its row and
  column, download the annotated XLSX and check the highlighted cell; the upload-to-spreadsheet time
  is measured and printed (goal: under 60 s);
- review a suggestion with the keyboard only and check the organisation's SSSOM file;
- run a catalogue query and see its chart;
- axe-core (vendored: tests/web/vendor/axe-4.14.1.min.js, MPL-2.0) on every page: no serious or
  critical violation; no CSP violation in the console;
- a screenshot of each page, in French, written to docs/web/.

Chromium comes from Debian (``apt-get install chromium``; scripts/test.sh installs it); these tests
skip, saying so, only where it is not installed. ``playwright install`` is never needed.
"""

from __future__ import annotations

import io
import secrets
import shutil
import socket
import threading
import time
from pathlib import Path

import openpyxl
import pytest

from referentiel.intake.pipeline import DEMO_KEY_NAME, bundled_examples_dir, ingest
from referentiel.translation.sssom import read_mapping_set

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "web"
ONE = "one-consultation-anderlecht"
EXAMPLES = bundled_examples_dir()

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Chromium is not installed at /usr/bin/chromium (apt-get install chromium; scripts/test.sh "
    "installs it where apt is available)",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A live workbench on loopback over a copy of the bundled organisations and a loaded store."""
    import uvicorn

    from referentiel.web import WebConfig, create_app

    root = tmp_path_factory.mktemp("web")
    organisations = root / "organisations"
    shutil.copytree(EXAMPLES, organisations, ignore=shutil.ignore_patterns(DEMO_KEY_NAME))
    key = root / "project.key"
    key.write_text(secrets.token_hex(32) + "\n", encoding="ascii")
    key.chmod(0o600)
    store = root / "store"
    ingest(organisations, store=store, key_file=key)  # the research page needs data
    config = WebConfig(store=store, organisations=organisations, key_file=key, suggest_method="lexical")
    port = _free_port()
    uv = uvicorn.Server(
        uvicorn.Config(create_app(config), host="127.0.0.1", port=port, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        assert time.monotonic() < deadline, "the workbench did not start"
        time.sleep(0.05)
    yield {"url": f"http://127.0.0.1:{port}", "organisations": organisations}
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server):
    # bypass_csp lets the test inject axe-core; the CSP itself is checked by the console listener.
    context = browser.new_context(
        accept_downloads=True, bypass_csp=True, locale="fr-BE", viewport={"width": 1200, "height": 900}
    )
    tab = context.new_page()
    tab.csp_errors = []
    tab.on(
        "console", lambda m: tab.csp_errors.append(m.text) if "Content Security Policy" in m.text else None
    )
    yield tab
    context.close()


def axe(page) -> None:
    """Run axe-core on the page: no serious or critical violation."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, f"{page.url}: " + "; ".join(bad)


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until ``selector`` has the focus (it must be reachable with the keyboard)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def choose_files_with_the_keyboard(page, selector: str, files: list[Path]) -> None:
    """Open the file chooser of the focused ``selector`` with the keyboard and give it ``files``.

    On a loaded machine the first key press may come before the page listens; press again (Space,
    then Enter, as a keyboard user would) rather than wait for one event that never comes.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for key in ("Space", "Enter", "Space"):
        if not page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            tab_to(page, selector)
        try:
            with page.expect_file_chooser(timeout=10_000) as chooser:
                page.keyboard.press(key)
        except PlaywrightTimeout:
            continue
        chooser.value.set_files(files)
        return
    raise AssertionError(f"{selector} opens no file chooser from the keyboard")


def test_steward_keyboard_upload_refusal_and_annotated_spreadsheet(page, server, tmp_path, capsys):
    started = time.monotonic()
    page.goto(server["url"] + "/check")
    axe(page)
    shot(page, "check")
    tab_to(page, "#organisation")
    page.keyboard.type("one-")
    assert page.eval_on_selector("#organisation", "e => e.value") == ONE
    tab_to(page, "#files")
    choose_files_with_the_keyboard(page, "#files", sorted((EXAMPLES / ONE / "export").iterdir()))
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#status", timeout=60_000)
    assert "REFUSÉ" in page.inner_text("#status")
    row = page.locator("tr.finding", has_text="2024-13-05")
    assert row.locator("td").nth(0).inner_text() == "activites.csv"
    assert row.locator("td").nth(2).inner_text() == "31"
    assert row.locator("td").nth(3).inner_text() == "date"
    tab_to(page, "#annotated")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    seconds = time.monotonic() - started
    workbook = openpyxl.load_workbook(io.BytesIO(saved.read_bytes()))
    cell = workbook["activites.csv"]["B31"]
    assert cell.fill.start_color.rgb.endswith("FFC7CE") and "n'est pas une date" in cell.comment.text
    with capsys.disabled():
        print(f"\n[workbench] upload to annotated spreadsheet (bundled ONE export, browser): {seconds:.1f} s")
    assert seconds < 60
    axe(page)
    shot(page, "check-report")
    page.select_option("#severity", "violation")
    page.click(".filters button")
    groups = page.locator("section.group h3").all_inner_texts()
    assert groups and all(g.startswith("violation ") for g in groups), groups
    assert not page.csp_errors, page.csp_errors


def test_agency_keyboard_review_writes_the_sssom_file(page, server):
    page.goto(server["url"] + f"/vocabulary/{ONE}")
    axe(page)
    shot(page, "vocabulary")
    section = page.locator("section.term", has_text="« Pesée »")
    radio_id = section.locator("input[type=radio]").first.get_attribute("id")
    author_id = section.locator("input[name=author]").get_attribute("id")
    tab_to(page, f"#{radio_id}")
    tab_to(page, f"#{author_id}")
    page.keyboard.type("steward")
    page.keyboard.press("Enter")  # submits the term's form: the default button is Accept
    page.wait_for_selector("#message")
    assert "Enregistré" in page.inner_text("#message")
    ms = read_mapping_set(server["organisations"] / ONE / "mappings.sssom.tsv")
    row = next(m for m in ms.mappings if m.subject_label == "Pesée")
    assert row.object_id.startswith("refc:") and row.author_id.endswith(":steward") and row.mapping_date
    axe(page)
    assert not page.csp_errors, page.csp_errors


def test_researcher_runs_a_query_and_sees_the_chart(page, server):
    page.goto(server["url"] + "/research")
    axe(page)
    shot(page, "research")
    page.click("a[href='/research/work-layers']")
    page.click("#run")
    page.wait_for_selector("svg.chart")
    assert page.locator("#results tbody tr").count() > 0
    assert page.locator("svg.chart rect").count() > 0
    assert page.inner_text("#disclosure")
    axe(page)
    shot(page, "research-chart")


def test_framework_pages_and_languages(page, server):
    page.goto(server["url"] + "/")
    axe(page)
    shot(page, "home")
    page.goto(server["url"] + "/framework")
    axe(page)
    shot(page, "framework")
    page.goto(server["url"] + "/framework/role-midwife")
    axe(page)
    shot(page, "framework-concept")
    page.goto(server["url"] + f"/framework/organisation/{ONE}")
    axe(page)
    for code, word in (("nl", "Referentiekader"), ("en", "Framework"), ("fr", "Référentiel")):
        page.click(f"header .langs a[hreflang={code}]")
        assert page.get_attribute("html", "lang") == code
        assert word in page.inner_text("header")
        page.goto(server["url"] + "/vocabulary")  # remembered across pages (cookie)
        assert page.get_attribute("html", "lang") == code
        axe(page)
    assert not page.csp_errors, page.csp_errors


def test_steward_loads_a_conforming_export_and_sees_what_it_replaced(page, server):
    page.goto(server["url"] + "/check")
    page.select_option("#organisation", "cpas-ixelles")
    page.set_input_files("#files", sorted((EXAMPLES / "cpas-ixelles" / "export").iterdir()))
    page.click("button[type=submit]")
    page.wait_for_selector("#status", timeout=60_000)
    assert "chargeable" in page.inner_text("#status")
    page.click("#load")
    page.wait_for_selector("#replaced")
    assert "Il remplace" in page.inner_text("#replaced")  # the fixture loaded the examples first
    axe(page)
    shot(page, "check-loaded")
    page.goto(server["url"] + "/check/expired-or-unknown")
    assert "n'est plus disponible" in page.inner_text("main")
    axe(page)
    assert not page.csp_errors, page.csp_errors

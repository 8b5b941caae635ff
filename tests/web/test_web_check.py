"""The steward's page: upload, progress, report, downloads, explicit load, and its error pages."""

from __future__ import annotations

import html
import io
import json
import logging
import tempfile

import openpyxl

ONE = "one-consultation-anderlecht"
CPAS = "cpas-ixelles"


def test_check_form_lists_the_profiles_and_protects_the_form(client):
    page = client.get("/check")
    assert page.status_code == 200
    assert f'<option value="{ONE}">' in page.text
    assert 'name="csrf" value="' + client.cookies.get("referentiel_csrf") + '"' in page.text
    assert 'type="file" multiple' in page.text and "webkitdirectory" in page.text


def test_one_export_is_refused_with_located_findings(client, run_check):
    url = run_check(client, ONE)
    page = client.get(url)
    assert page.status_code == 200
    assert "REFUSÉ" in page.text
    # The impossible date of the bundled ONE export, at its file, row and column.
    assert '<td>activites.csv</td><td></td><td class="num">31</td><td>date</td>' in page.text
    assert 'id="load"' not in page.text  # a refused export offers no load button
    filtered = client.get(url, params={"severity": "warning"})
    assert "unknown-column" in filtered.text and "impossible-date (1)" not in filtered.text
    only = client.get(url, params={"kind": "unmapped-term"})
    assert "unmapped-term (2)" in only.text and "rejected-row (1)" not in only.text


def test_reports_and_the_annotated_copy_download(client, run_check):
    url = run_check(client, ONE)
    report = client.get(url + "/report.json")
    assert report.status_code == 200
    data = json.loads(report.text)
    assert data["exports"][0]["status"] == "refused"
    assert data["target"]["kind"] == "none"
    page = client.get(url + "/report.html")
    assert page.text.startswith("<!DOCTYPE html>") and 'lang="fr"' in page.text
    xlsx = client.get(url + "/annotated.xlsx")
    assert xlsx.headers["content-disposition"].endswith(f'{ONE}.annotated.xlsx"')
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    cell = workbook["activites.csv"]["B31"]
    assert cell.value == "2024-13-05"
    assert cell.fill.start_color.rgb.endswith("FFC7CE")
    assert "n'est pas une date" in cell.comment.text
    # Personal columns are masked in the copy that leaves the office.
    assert workbook["familles.csv"]["A2"].value == "[masqué]"


def test_report_language_follows_the_page(client, run_check):
    client.get("/lang/nl")
    url = run_check(client, ONE)
    assert "GEWEIGERD" in client.get(url).text
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(url + "/annotated.xlsx").content))
    assert "Rapport" in workbook.sheetnames
    assert "schending" in workbook["activites.csv"]["B31"].comment.text


def test_load_is_explicit_and_says_what_it_replaced(client, run_check, config):
    url = run_check(client, CPAS)
    page = client.get(url)
    assert "chargeable" in page.text and 'id="load"' in page.text
    assert not (config.store).exists()  # checking never opens the store
    csrf = client.cookies.get("referentiel_csrf")
    first = client.post(url + "/load", data={"csrf": csrf})
    assert first.status_code == 200
    assert "rien n'a été remplacé" in html.unescape(first.text)
    second = client.post(url + "/load", data={"csrf": csrf})
    assert "Il remplace" in second.text and "triplets" in second.text and "dossiers.csv" in second.text


def test_uploads_leave_nothing_on_disk_and_nothing_personal_in_logs(client, run_check, monkeypatch, caplog):
    made = []
    real = tempfile.mkdtemp

    def recording(*args, **kwargs):
        path = real(*args, **kwargs)
        made.append(path)
        return path

    monkeypatch.setattr(tempfile, "mkdtemp", recording)
    caplog.set_level(logging.DEBUG)
    url = run_check(client, ONE)
    client.get(url)
    assert made, "the check used no private temporary folder"
    import os
    from pathlib import Path

    for path in made:
        assert not Path(path).exists()
        assert oct(os.stat(Path(path).parent).st_mode)  # parent still there; the folder itself is gone
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("referentiel.web"))
    assert "/check/{run}" in logged
    assert url.rsplit("/", 1)[-1] not in logged
    for value in ("2024-13-05", "Visite à dom.", "Pesée", "activites.csv"):
        assert value not in logged


def test_folder_upload_keeps_only_export_files(client, run_check, export_files):
    files = [("folder", (f"export/{name}", data)) for _, (name, data) in export_files(CPAS)]
    files.append(("folder", ("export/notes.docx", b"not an export")))
    url = run_check(client, CPAS, files=files)
    assert "chargeable" in client.get(url).text


# ------------------------------------------------------------------ error pages


def _post(client, data=None, files=None, **kwargs):
    csrf = client.cookies.get("referentiel_csrf")
    return client.post("/check", data={"csrf": csrf, **(data or {})}, files=files, **kwargs)


def test_bad_file_is_refused_with_a_clear_message(client):
    response = _post(client, {"organisation": ONE}, [("files", ("virus.exe", b"MZ..."))])
    assert response.status_code == 400
    assert "virus.exe n'est pas un fichier d'export accepté" in html.unescape(response.text)


def test_unknown_organisation_has_no_profile(client, export_files):
    response = _post(client, {"organisation": "ocmw-nowhere"}, export_files(CPAS))
    assert response.status_code == 400
    assert "Aucun profil pour l'organisation « ocmw-nowhere »" in html.unescape(response.text)


def test_no_file(client):
    response = _post(client, {"organisation": ONE}, [("files", ("", b""))])
    assert response.status_code == 400 and "Aucun fichier reçu" in response.text


def test_too_large_and_too_many(config, export_files):
    from starlette.testclient import TestClient

    from referentiel.web import create_app

    config.max_upload_bytes = 1024
    config.max_files = 2
    with TestClient(create_app(config)) as client:
        client.get("/")
        large = _post(client, {"organisation": ONE}, [("files", ("big.csv", b"a,b\n" * 2000))])
        assert large.status_code == 413
        assert "Envoi trop volumineux : au plus 1 Ko au total" in large.text
        config.max_upload_bytes = 10 * 1024 * 1024
        many = _post(client, {"organisation": CPAS}, export_files(CPAS))
        assert many.status_code == 400 and "Trop de fichiers : au plus 2" in many.text


def test_csrf_is_required_on_every_form(client, run_check):
    response = client.post("/check", data={"organisation": ONE}, files=[("files", ("a.csv", b"x"))])
    assert response.status_code == 403 and "CSRF" in response.text
    url = run_check(client, CPAS)
    assert client.post(url + "/load", data={"csrf": "forged"}).status_code == 403
    decide = client.post(f"/vocabulary/{ONE}/decide", data={"term": "Pesée", "concept": "x"})
    assert decide.status_code == 403


def test_expired_run_and_unknown_page(client):
    assert client.get("/check/nope").status_code == 404
    assert "n'est plus disponible" in html.unescape(client.get("/check/nope").text)
    assert client.get("/check/nope/annotated.xlsx").status_code == 404
    missing = client.get("/no/such/page")
    assert missing.status_code == 404 and "Page introuvable" in missing.text


def test_a_running_check_shows_its_stage_and_polls(client):
    from referentiel.web.check import Run, _remember

    state = client.app.state.referentiel
    run = Run("running-run", ONE, "fr", [("a.csv", b"x")], stage="validate one-consultation-anderlecht")
    _remember(state, run)
    page = client.get("/check/running-run")
    assert page.status_code == 200 and "Vérification en cours" in page.text
    assert 'hx-get="/check/running-run/progress"' in page.text and 'role="status"' in page.text
    fragment = client.get("/check/running-run/progress")
    assert fragment.status_code == 200 and "Étape : validate" in fragment.text
    assert "<html" not in fragment.text
    assert client.get("/check/running-run/report.json").status_code == 404  # not finished yet
    run.done = True
    done = client.get("/check/running-run/progress")
    assert done.status_code == 204 and done.headers["hx-redirect"] == "/check/running-run"


def test_runs_kept_are_bounded(client):
    from referentiel.web.check import Run, _remember

    state = client.app.state.referentiel
    for n in range(state.config.runs_kept + 5):
        _remember(state, Run(f"r{n}", ONE, "fr", []))
    assert len(state.runs) == state.config.runs_kept and "r0" not in state.runs


def test_a_workbook_export_is_checked_and_annotated_sheet_by_sheet(client, run_check):
    url = run_check(client, "creche-les-lucioles")
    assert "chargeable" in client.get(url).text
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(url + "/annotated.xlsx").content))
    assert workbook.sheetnames[0] == "Rapport" and len(workbook.sheetnames) > 2


def test_an_unreadable_file_is_reported_not_a_traceback(client, run_check):
    url = run_check(client, "creche-les-lucioles", files=[("files", ("export_lucioles.xlsx", b"not a zip"))])
    page = html.unescape(client.get(url).text)
    # the library's message in the page's language
    assert "INUTILISABLE" in page
    assert "export_lucioles.xlsx : ne peut pas être ouvert comme classeur .xlsx" in page
    assert "referentiel-web-" not in page and "Traceback" not in page  # no temporary path either
    assert 'id="annotated"' not in page
    assert "referentiel-web-" not in client.get(url + "/report.json").text


def test_folders_of_interrupted_runs_are_removed_at_exit():
    from referentiel.web import check

    folder = check._private_folder()
    (folder / "x.csv").write_text("a\n", encoding="utf-8")
    check._remove_all()
    assert not folder.exists() and folder not in check._LIVE


def test_a_store_that_cannot_be_opened_is_said_on_load(client, run_check, tmp_path):
    url = run_check(client, CPAS)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    client.app.state.referentiel.config.store = blocker
    response = client.post(url + "/load", data={"csrf": client.cookies.get("referentiel_csrf")})
    assert response.status_code == 400
    # the store's error, in the page's language (French by default)
    assert "l'emplacement du store est un fichier, pas un dossier" in html.unescape(response.text)
    assert "Traceback" not in response.text and "referentiel-web-" not in response.text


def test_demonstration_checks_the_bundled_exports_only(tmp_path, monkeypatch, export_files, run_check):
    from starlette.testclient import TestClient

    from referentiel.web import WebConfig, create_app

    for variable in ("REFERENTIEL_PSEUDONYM_KEY", "REFERENTIEL_PSEUDONYM_KEY_FILE"):
        monkeypatch.delenv(variable, raising=False)
    config = WebConfig(store=tmp_path / "store", suggest_method="lexical")
    assert config.demo
    with TestClient(create_app(config)) as client:
        client.get("/")
        assert "DEMO-ONLY" in client.get("/check").text
        url = run_check(client, ONE)  # the bundled export itself: checked with the demo key
        page = html.unescape(client.get(url).text)
        assert "REFUSÉ" in page and "<td>activites.csv</td>" in page
        assert json.loads(client.get(url + "/report.json").text)["key"]["demo"] is True
        files = export_files(ONE)
        name, data = files[0][1]
        changed = [("files", (name, data.replace(b"2024", b"2025", 1)))] + files[1:]
        url = run_check(client, ONE, files=changed)  # anything else: the public key is refused
        page = html.unescape(client.get(url).text)
        assert "clé de pseudonymisation de démonstration est publique" in page  # in the page's language
        assert "referentiel-web-" not in page

"""Every other page of the workbench: languages, safety headers, token, vocabulary, research, framework."""

from __future__ import annotations

import html

import pytest

from referentiel.translation.sssom import read_mapping_set

ONE = "one-consultation-anderlecht"
CPAS = "cpas-ixelles"
PAGES = [
    "/",
    "/check",
    "/vocabulary",
    f"/vocabulary/{ONE}",
    "/research",
    "/research/work-layers",
    "/framework",
    "/framework/scheme-role",
    "/framework/role-midwife",
    f"/framework/organisation/{CPAS}",
]


@pytest.mark.parametrize(
    "lang, word", [("fr", "Vérifier un export"), ("nl", "Een export controleren"), ("en", "Check an export")]
)
def test_every_page_in_every_language(client, lang, word):
    switched = client.get(f"/lang/{lang}", params={"next": "/check"}, follow_redirects=False)
    assert switched.status_code == 303 and switched.headers["location"] == "/check"
    assert f"referentiel_lang={lang}" in switched.headers["set-cookie"]
    for path in PAGES:
        page = client.get(path)
        assert page.status_code == 200, path
        assert f'<html lang="{lang}">' in page.text, path
        assert word in page.text, path


def test_language_defaults_to_the_browser_then_french(config):
    from starlette.testclient import TestClient

    from referentiel.web import create_app

    with TestClient(create_app(config)) as fresh:
        assert '<html lang="fr">' in fresh.get("/").text
        assert '<html lang="nl">' in fresh.get("/", headers={"accept-language": "nl-BE,nl;q=0.9"}).text


def test_language_switch_only_redirects_inside_the_site(client):
    response = client.get("/lang/en", params={"next": "https://evil.example/"}, follow_redirects=False)
    assert response.headers["location"] == "/"


def test_security_headers_on_pages_errors_and_downloads(client):
    for path in ("/", "/no/such/page", "/static/style.css", f"/vocabulary/{ONE}/mappings.sssom.tsv"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp, path
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert headers["x-content-type-options"] == "nosniff"
    # No page carries an inline script or style.
    for path in PAGES:
        text = client.get(path).text
        assert "<script>" not in text and "style=" not in text and "<style" not in text, path


def test_token_is_required_when_configured(config):
    from starlette.testclient import TestClient

    from referentiel.web import create_app

    config.token = "s3cret-token-for-tests"
    with TestClient(create_app(config)) as client:
        denied = client.get("/check")
        assert denied.status_code == 401 and "jeton absent ou incorrect" in denied.text
        assert client.get("/check", params={"token": "wrong"}).status_code == 401
        assert client.get("/", headers={"authorization": "Bearer wrong"}).status_code == 401
        assert client.get("/", headers={"authorization": "Bearer s3cret-token-for-tests"}).status_code == 200
        entry = client.get("/check", params={"token": "s3cret-token-for-tests"}, follow_redirects=False)
        assert entry.status_code == 303 and entry.headers["location"] == "/check"
        assert client.get("/check").status_code == 200  # the cookie now carries the token


def test_web_command_refuses_to_listen_beyond_loopback_without_token(runner, monkeypatch):
    from referentiel.cli import cli
    from referentiel.errors import ConfigError

    monkeypatch.delenv("REFERENTIEL_WEB_TOKEN", raising=False)
    result = runner.invoke(cli, ["web", "--host", "0.0.0.0"])
    assert isinstance(result.exception, ConfigError)
    assert result.exception.exit_code == 2
    assert "REFERENTIEL_WEB_TOKEN" in str(result.exception)


def test_web_command_help(runner):
    from referentiel.cli import cli

    result = runner.invoke(cli, ["web", "--help"])
    assert result.exit_code == 0 and "--endpoint" in result.output and "--port" in result.output


# ------------------------------------------------------------------ vocabulary


def test_vocabulary_shows_coverage_unmapped_terms_and_suggestions(client):
    index = client.get("/vocabulary")
    assert f'href="/vocabulary/{ONE}"' in index.text
    page = client.get(f"/vocabulary/{ONE}")
    assert "« Pesée »" in page.text and 'value="refc:intervention-type-consultation"' in page.text
    assert 'name="decision" value="accept"' in page.text and 'name="decision" value="reject"' in page.text


def test_accepting_a_suggestion_writes_the_checked_sssom_set(client, organisations):
    csrf = client.cookies.get("referentiel_csrf")
    response = client.post(
        f"/vocabulary/{ONE}/decide",
        data={
            "csrf": csrf,
            "term": "Pesée",
            "scheme": "intervention-type-",
            "author": "steward",
            "concept": "refc:intervention-type-consultation",
            "predicate": "skos:broadMatch",
            "decision": "accept",
        },
    )
    assert response.status_code == 200
    assert "Enregistré dans mappings.sssom.tsv" in response.text
    ms = read_mapping_set(organisations / ONE / "mappings.sssom.tsv")
    row = next(m for m in ms.mappings if m.subject_label == "Pesée")
    assert (row.predicate_id, row.object_id) == ("skos:broadMatch", "refc:intervention-type-consultation")
    assert row.author_id == "oneconsultationanderlecht:steward" and row.mapping_date
    assert row.mapping_justification == "semapv:ManualMappingCuration"
    assert "« Pesée »" not in client.get(f"/vocabulary/{ONE}").text  # mapped now
    download = client.get(f"/vocabulary/{ONE}/mappings.sssom.tsv")
    assert "Pesée\tskos:broadMatch\trefc:intervention-type-consultation" in download.text


def test_rejecting_writes_a_negated_row(client, organisations):
    csrf = client.cookies.get("referentiel_csrf")
    client.post(
        f"/vocabulary/{ONE}/decide",
        data={
            "csrf": csrf,
            "term": "Pesée",
            "scheme": "intervention-type-",
            "author": "steward",
            "concept": "refc:intervention-type-individual-interview",
            "decision": "reject",
        },
    )
    ms = read_mapping_set(organisations / ONE / "mappings.sssom.tsv")
    row = next(m for m in ms.mappings if m.subject_label == "Pesée")
    assert row.negated and row.object_id == "refc:intervention-type-individual-interview"


def test_a_decision_on_an_unknown_concept_is_refused_clearly(client, organisations):
    before = (organisations / ONE / "mappings.sssom.tsv").read_text(encoding="utf-8")
    csrf = client.cookies.get("referentiel_csrf")
    response = client.post(
        f"/vocabulary/{ONE}/decide",
        data={"csrf": csrf, "term": "Pesée", "author": "steward", "concept": "refc:no-such-concept"},
    )
    assert response.status_code == 400 and "no-such-concept" in html.unescape(response.text)
    assert (organisations / ONE / "mappings.sssom.tsv").read_text(encoding="utf-8") == before


def test_another_concept_can_be_searched_in_any_language(client):
    for text in ("sage-femme", "vroedvrouw", "midwife"):
        page = client.get(f"/vocabulary/{ONE}", params={"for": "Pesée", "search": text})
        assert 'value="refc:role-midwife"' in page.text, text


# ------------------------------------------------------------------ research


def test_research_form_has_typed_fields(client):
    index = client.get("/research")
    assert 'href="/research/centralisation"' in index.text
    page = client.get("/research/single-points-of-failure")
    assert 'name="min_share" type="number" step="any" value="0.25"' in page.text


def test_research_without_a_store_says_so(client):
    page = client.get("/research/work-layers", params={"run": "1"})
    assert page.status_code == 200 and 'class="problem"' in page.text


def test_research_runs_a_catalogue_query_with_table_chart_and_downloads(client, run_check):
    url = run_check(client, CPAS)
    client.post(url + "/load", data={"csrf": client.cookies.get("referentiel_csrf")})
    page = client.get("/research/work-layers", params={"run": "1"})
    assert (
        'id="results"' in page.text and '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in page.text
    )
    assert 'id="disclosure"' in page.text
    csv = client.get("/research/work-layers/results.csv")
    assert csv.status_code == 200 and csv.text.splitlines()[0].startswith("organisation,layer")
    json_answer = client.get("/research/work-layers/results.json").json()
    assert json_answer["disclosure"]["controlled"] is True
    bad = client.get("/research/single-points-of-failure", params={"run": "1", "min_share": "abc"})
    assert 'class="problem"' in bad.text
    assert client.get("/research/no-such-query").status_code == 404


# ------------------------------------------------------------------ framework


def test_framework_pages_show_labels_definitions_and_both_directions(client):
    index = client.get("/framework")
    assert 'href="/framework/scheme-role"' in index.text
    scheme = client.get("/framework/scheme-role")
    assert "vroedvrouw" in scheme.text and "midwife" in scheme.text
    concept = client.get("/framework/role-midwife")
    assert 'id="mapped"' in concept.text and ONE in concept.text
    org = client.get(f"/framework/organisation/{ONE}")
    assert "Sage-femme" in org.text and 'href="/framework/role-midwife"' in org.text
    assert client.get("/framework/no-such-thing").status_code == 404


def test_a_decision_failing_the_checks_is_shown_and_not_saved(client, organisations):
    path = organisations / ONE / "mappings.sssom.tsv"
    before = path.read_text(encoding="utf-8")
    response = client.post(
        f"/vocabulary/{ONE}/decide",
        data={
            "csrf": client.cookies.get("referentiel_csrf"),
            "term": "Concertation pluridisciplinaire",
            "author": "steward",
            "concept": "refc:meeting-kind-concertation",
            "predicate": "skos:relatedMatch",
        },
    )
    assert response.status_code == 200
    assert "Non enregistré" in response.text and "[related-on-hierarchy]" in response.text
    assert path.read_text(encoding="utf-8") == before


def test_web_command_needs_a_key_for_organisations_other_than_the_examples(
    runner, monkeypatch, organisations
):
    from referentiel.cli import cli
    from referentiel.errors import ConfigError

    for variable in ("REFERENTIEL_PSEUDONYM_KEY", "REFERENTIEL_PSEUDONYM_KEY_FILE"):
        monkeypatch.delenv(variable, raising=False)
    result = runner.invoke(cli, ["web", "--organisations", str(organisations)])
    assert isinstance(result.exception, ConfigError) and "pseudonymisation key" in str(result.exception)
    missing = runner.invoke(cli, ["web", "--organisations", str(organisations / "nope")])
    assert missing.exception.exit_code == 2 and "does not exist" in str(missing.exception)


# ------------------------------------------------------------ vocabulary: confidence, findings


def _in_lang(client, lang: str) -> None:
    client.get(f"/lang/{lang}", params={"next": "/"}, follow_redirects=False)


def _section(page: str, term: str) -> str:
    """The HTML of one term's section on the vocabulary page."""
    start = page.index(f"« {html.escape(term)} »")
    end = page.find('<section class="term"', start)
    return page[start : end if end > 0 else len(page)]


def test_suggestions_show_the_calibrated_confidence_not_raw_scores(client, organisations):
    from referentiel.translation.suggest import suggest_for_terms, terms_to_suggest
    from referentiel.web.vocabulary import percent

    plan = terms_to_suggest(org=ONE, mappings=organisations)
    expected = {s.term.term: s for s in suggest_for_terms(plan.terms, method="lexical", top_k=5)}
    assert expected and not any(s.no_match for s in expected.values())
    meaning = {
        "fr": "Confiance du premier candidat : {pct} % (sur 100 premiers candidats aussi sûrs, environ {pct}",
        "nl": "Betrouwbaarheid van de eerste kandidaat: {pct} % (van 100 eerste kandidaten",
        "en": "Confidence of the first candidate: {pct} % (of 100 first candidates this sure, about {pct}",
    }
    for lang, sentence in meaning.items():
        _in_lang(client, lang)
        page = html.unescape(client.get(f"/vocabulary/{ONE}").text)
        for term, suggestion in expected.items():
            section = _section(page, term)
            assert sentence.format(pct=percent(suggestion.confidence)) in section, (lang, term)
            first = suggestion.candidates[0]
            assert f'value="{first.curie}" checked required>' in section  # a confident first is proposed
            assert f"{first.score:.2f}" not in section and "score" not in section  # no raw similarity
    assert percent(0.9828) == "98" and percent(0.004) == "< 1" and percent(0.9996) == "> 99"


def test_a_term_without_equivalent_says_no_good_candidate(client, organisations):
    # a term the export holds that no concept resembles: the calibration says "no good candidate"
    export = organisations / ONE / "export" / "activites.csv"
    with export.open("a", encoding="utf-8") as out:
        out.write("A999,2025-01-02,Qwxz,S-2314,pep-04,Crèche Les Lucioles,consultation\n")
    from referentiel.translation.suggest import suggest_for_terms

    (suggestion,) = suggest_for_terms(["Qwxz"], method="lexical", schemes=["intervention-type-"])
    assert suggestion.no_match and suggestion.candidates
    words = {
        "fr": "Aucun bon candidat dans le référentiel",
        "nl": "Geen goede kandidaat in het referentiekader",
        "en": "No good candidate in the framework",
    }
    for lang, sentence in words.items():
        _in_lang(client, lang)
        page = html.unescape(client.get(f"/vocabulary/{ONE}").text)
        section = _section(page, "Qwxz")
        assert 'class="no-match" id="verdict-' in section and sentence in section, lang
        assert " checked" not in section  # nothing proposed: the reviewer picks, or searches
        assert sentence not in _section(page, "Pesée")  # only where the calibration says so


@pytest.mark.parametrize("lang", ["fr", "nl", "en"])
def test_refused_decision_findings_are_in_the_page_language(client, organisations, lang):
    from referentiel.translation.review import record_decision

    decision = {
        "term": "Concertation pluridisciplinaire",
        "author": "steward",
        "concept": "refc:meeting-kind-concertation",
        "predicate": "skos:relatedMatch",
    }
    expected = record_decision(organisations / ONE / "mappings.sssom.tsv", save=False, **decision).errors
    assert expected
    _in_lang(client, lang)
    response = client.post(
        f"/vocabulary/{ONE}/decide", data={"csrf": client.cookies.get("referentiel_csrf"), **decision}
    )
    assert response.status_code == 200
    page = html.unescape(response.text)
    for finding in expected:
        assert f"[{finding.check}] {finding.message_in(lang)} — {finding.hint_in(lang)}" in page
        if lang != "en":
            assert finding.message not in page and finding.hint not in page  # not the English text

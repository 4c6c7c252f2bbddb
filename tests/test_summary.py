"""``izagraph summary`` and ``check`` are safe to share: escaped Markdown, http(s) links only, pseudonyms.

The summary is rendered with markdown-it-py's CommonMark preset (raw HTML allowed, as a standard CommonMark
renderer does): a hostile name in the data must come out as text, never as an element or a link.
"""

from __future__ import annotations

import csv
import json
import shutil

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from izagraph.cli import cli
from izagraph.findings import Finding, Report, Severity
from izagraph.summary import region_names, summary_markdown

from .conftest import TESTS

RULES_DATA = TESTS / "data" / "rules"
HOSTILE = "</script><script>window.__pwned=1</script> [klik](javascript:alert(1)) <img src=x onerror=alert(1)>"


def _set_name(path, key, value):
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        if r["id"] == key:
            r["name"] = value
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A wethouder with a hostile name whose mandate is unknown (missing-perspectives names him)."""
    tmp = tmp_path_factory.mktemp("safe")
    base = tmp / "base"
    shutil.copytree(RULES_DATA / "_base", base)
    _set_name(base / "persons.csv", "p-wethouder", HOSTILE)
    path = tmp / "store"
    result = CliRunner().invoke(cli, ["load", str(base), str(RULES_DATA / "missing-perspectives" / "mandate-unknown"),
                                      "--store", str(path)])
    assert result.exit_code == 0, result.output
    return path


def html_of(markdown: str) -> str:
    return MarkdownIt("commonmark").render(markdown)


def test_summary_markdown_escapes_html_and_markdown_from_the_data(store, tmp_path):
    out = tmp_path / "findings.md"
    result = CliRunner().invoke(cli, ["summary", "--store", str(store), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = html_of(out.read_text(encoding="utf-8"))
    assert "window.__pwned" in html  # the finding about the person is there ...
    # ... but only as text: no element, no attribute and no link comes from the data
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;/script&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html


def test_markdown_table_output_of_check_is_escaped(store):
    result = CliRunner().invoke(cli, ["check", "missing-perspectives", "--store", str(store), "--format", "md"])
    assert result.exit_code == 0, result.output
    html = html_of(result.stdout)
    assert "window.__pwned" in html and "<script" not in html and "<img" not in html and "javascript" not in html.split("href")[-1][:20]


def test_only_http_source_addresses_become_links():
    f = Finding("r", Severity.LOW, "s", "S", {"nl": "x", "en": "x"}, sources=("src/a", "src/b"))
    text = summary_markdown(Report([f]), {}, sources={"src/a": {"title": "Goed", "url": "https://example.org/a"},
                                                      "src/b": {"title": "Kwaad", "url": "javascript:alert(1)"}})
    html = html_of(text)
    assert '<a href="https://example.org/a">Goed</a>' in html
    assert "Kwaad" in html and "javascript" not in html


def test_a_source_address_that_is_not_http_is_a_validation_error(tmp_path):
    base = tmp_path / "base"
    shutil.copytree(RULES_DATA / "_base", base)
    with (base / "sources.csv").open("a", encoding="utf-8") as fh:
        fh.write("kwaad,Kwade bron,x,javascript:alert(1),2025,real,,,\n")
    result = CliRunner().invoke(cli, ["validate", str(base), "--format", "csv"])
    assert result.exit_code == 1
    assert "sources.csv" in result.output and ",url," in result.output and "javascript:alert(1)" in result.output


@pytest.mark.parametrize("command", [["check", "missing-perspectives", "--format", "json"],
                                     ["summary"]])
def test_pseudonymise_hides_person_names_in_check_and_summary(store, command):
    plain = CliRunner().invoke(cli, [*command, "--store", str(store)])
    hidden = CliRunner().invoke(cli, [*command, "--store", str(store), "--pseudonymise"])
    assert plain.exit_code == 0 and hidden.exit_code == 0, hidden.output
    assert "pwned" in plain.stdout
    assert "pwned" not in hidden.stdout and "p-wethouder" not in hidden.stdout
    assert "Persoon " in hidden.stdout  # the finding is still there, under a pseudonym


def test_pseudonyms_are_stable_between_check_and_summary(store):
    check = json.loads(CliRunner().invoke(cli, ["check", "mandate-gaps", "--store", str(store), "--format", "json",
                                                "--pseudonymise"]).stdout)
    label = check["findings"][0]["subject_label"].split(" @ ")[0]
    summary = CliRunner().invoke(cli, ["summary", "--store", str(store), "--pseudonymise"]).stdout
    assert label.startswith("Persoon ") and f"het mandaat van {label} is onbekend" in summary


def test_region_names_carry_the_division_and_never_collide():
    rows = [{"region": "https://w3id.org/izagraph/id/region/iza-haaglanden", "label": "Haaglanden",
             "division": "https://w3id.org/izagraph/concept/division/iza"},
            {"region": "https://w3id.org/izagraph/id/region/zk-haaglanden", "label": "Haaglanden",
             "division": "https://w3id.org/izagraph/concept/division/zorgkantoor"},
            {"region": "https://w3id.org/izagraph/id/region/x1", "label": "Noord", "division": None},
            {"region": "https://w3id.org/izagraph/id/region/x2", "label": "noord ", "division": None}]
    names = region_names(rows, "nl")
    assert names["https://w3id.org/izagraph/id/region/iza-haaglanden"] == "Haaglanden (IZA-regio (regioplanregio))"
    assert names["https://w3id.org/izagraph/id/region/zk-haaglanden"] == "Haaglanden (Zorgkantoorregio)"
    assert names["https://w3id.org/izagraph/id/region/x1"] == "Noord (x1)"  # near-duplicates get their id
    assert names["https://w3id.org/izagraph/id/region/x2"] == "noord (x2)"

"""``izagraph check`` and ``izagraph rules``: parse the flags, call :func:`izagraph.rules.check`, print.

The backend is chosen by name from :data:`BACKENDS`, a dict of small factories; another backend (Neo4j)
registers itself by adding an entry.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli import output_options, parse_params, store_option
from .cli_sparql import sparql_options
from .errors import ParameterError
from .findings import GAPS, Severity
from .output import render
from .resources import default_store


def _oxigraph(store: Path):
    from .backends.sparql import OxigraphBackend

    return OxigraphBackend.from_store(store)


def _rdflib(store: Path):
    from .backends.sparql import RdflibBackend
    from .store import read_graph

    return RdflibBackend(read_graph(store))


def _neo4j(store: Path):
    # The server holds its own copy of the graph (``izagraph neo4j push``); settings come from
    # NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE.
    from .backends.neo4j import connect

    del store
    return connect()


def _sparql(store: Path):
    from .cli_sparql import sparql_backend  # a SPARQL server (--endpoint, --graph)

    return sparql_backend(store)


#: name -> factory(store path) -> backend. Add an entry to offer another backend on the command line
#: (a backend that needs no store, such as a server, ignores the path).
BACKENDS = {"oxigraph": _oxigraph, "rdflib": _rdflib, "neo4j": _neo4j, "sparql": _sparql}


class BackendChoice(click.Choice):
    """The names in :data:`BACKENDS`, read when the command runs (so later registrations count)."""

    def __init__(self):
        super().__init__([])

    @property
    def choices(self):
        return tuple(sorted(BACKENDS))

    @choices.setter
    def choices(self, value):
        pass


def make_backend(name: str, store: Path | None, pseudonymise: bool = False, lang: str = "nl"):
    """The backend called ``name`` for the store at ``store`` (default: the usual store). With
    ``pseudonymise`` the queries run on a copy of the store's graph in which every person's name and
    identifier are replaced by a stable pseudonym, so no finding, message or piece of evidence names a person."""
    if not pseudonymise:
        return BACKENDS[name](store or default_store())
    if name in ("neo4j", "sparql"):
        raise ParameterError(f"--pseudonymise werkt met --backend oxigraph of rdflib, niet met {name} "
                             "(de server houdt de namen; gebruik de standaard backend)")
    from .privacy import pseudonymise as pseudo, resolve_key
    from .store import read_graph

    store = store or default_store()
    graph = pseudo(read_graph(store), resolve_key(store), lang=lang)
    if name == "rdflib":
        from .backends.sparql import RdflibBackend

        return RdflibBackend(graph)
    from .backends.sparql import OxigraphBackend

    return OxigraphBackend.from_graph(graph)


def gap_option(f):
    return click.option("--gap", type=click.Choice(GAPS), default=None,
                        help="Only findings about gaps in the governance, or only gaps in the data "
                             "('not recorded').")(f)


def pseudonymise_option(f):
    return click.option("--pseudonymise", is_flag=True,
                        help="Replace persons' names and identifiers by stable pseudonyms in every finding.")(f)


SEVERITIES = [s.notation for s in Severity]
TABLE_COLUMNS = ["severity", "trust", "gap", "rule", "subject", "message", "evidence", "advice"]
FLAT_COLUMNS = ["severity", "rule", "subject", "message", "evidence", "advice", "advice_text", "regions",
                "illustrative", "basis", "confidence", "gap", "sources", "subject_iri"]


@click.command()
@click.argument("rule_ids", nargs=-1, metavar="[RULE]...")
@click.option("--region", default=None, help="Only tables in or around this region (id), or its gemeenten.")
@click.option("--programme", default=None,
              help="Only tables of this programme (iza, gala, wozo, taz, roaz, jeugd, regulier).")
@click.option("--theme", default=None, help="Only tables on this theme.")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A rule parameter: NAME=VALUE for every rule that has it, or RULE.NAME=VALUE (repeatable).")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default=None,
              help="Exit 1 when a finding has this severity or higher.")
@click.option("--backend", "backend_name", type=BackendChoice(), default="oxigraph", show_default=True,
              help="Where the queries run.")
@sparql_options
@gap_option
@pseudonymise_option
@store_option
@output_options
def check(rule_ids, region, programme, theme, params, fail_on, backend_name, gap, pseudonymise, store, fmt, lang):
    """Detect bestuurlijke drukte, missing perspectives, duplicated structures, region incongruence,
    governance gaps, brokers and clusters.

    RULE names the rules to run (default: all; see 'izagraph rules'). Every finding states what was
    found, its evidence, its severity and a suggested action from the lessons learned of the IZA
    governance report, and how far to trust it: its basis (source, inferred or ILLUSTRATIVE: the weakest
    of all facts it rests on), the lowest confidence of their sources (blank = not stated), and whether
    it is a gap in the governance or in the data ('not recorded'). Exit codes: 0 done, 1 a finding at or above --fail-on, 2 a usage, input or
    connection error (e.g. an unknown rule or parameter, or a bad value).

    \b
    Example:
      izagraph check
      izagraph check duplicate-tables en-en --region iza-haaglanden
      izagraph check drukte-person -p max_tables=3 --format csv > drukte.csv
      izagraph check --programme iza --format json --lang en --fail-on high
      izagraph check --gap governance --pseudonymise --format csv > bevindingen.csv
    """
    from .rules import check as run_checks

    report = run_checks(make_backend(backend_name, store, pseudonymise, lang), list(rule_ids) or None,
                        parse_params(params), region=region, programme=programme, theme=theme,
                        lang=lang).only_gap(gap)
    if fmt == "json":
        click.echo(report.to_json(lang), nl=False)
    else:
        columns = TABLE_COLUMNS if fmt == "table" else FLAT_COLUMNS
        rows = report.to_rows(lang)
        if fmt == "table" and not rows:
            click.echo("Geen bevindingen." if lang == "nl" else "No findings.")
        else:
            click.echo(render(rows, fmt, columns, max_width=100 if fmt == "table" else 10**6), nl=False)
        if fmt == "table":
            counts = ", ".join(f"{r} {n}" for r, n in report.counts.items())
            skipped = "".join(f"\n  {r}: {why}" for r, why in report.skipped.items())
            head = "Bevindingen per regel" if lang == "nl" else "Findings per rule"
            click.echo(f"\n{head}: {counts}" + (f"\n{'Overgeslagen' if lang == 'nl' else 'Skipped'}:{skipped}"
                                                 if skipped else ""), err=True)
    if fail_on and report.at_or_above(fail_on):
        sys.exit(1)


@click.command()
@click.argument("rule_ids", nargs=-1, metavar="[RULE]...")
@output_options
def rules(rule_ids, fmt, lang):
    """List the detection rules with their parameters, defaults and explanations.

    Each rule is a query file in queries/ (the header holds its explanation and parameters) plus a
    scoring function. Change a threshold with 'izagraph check RULE -p NAME=VALUE'.

    \b
    Example:
      izagraph rules
      izagraph rules duplicate-tables --lang en
      izagraph rules --format md > rules.md
    """
    from .rules import get_rule, rule_rows

    wanted = {get_rule(r).id for r in rule_ids}
    rows = [r for r in rule_rows(lang) if not wanted or r["rule"] in wanted]
    click.echo(render(rows, fmt, max_width=100 if fmt == "table" else 10**6), nl=False)


@click.command()
@click.option("--json", "json_path", type=click.Path(path_type=Path), default=None,
              help="Also write every finding with its evidence as JSON to this file.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write the Markdown summary to this file (default: stdout).")
@click.option("--backend", "backend_name", type=BackendChoice(), default="oxigraph", show_default=True,
              help="Where the queries run.")
@sparql_options
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True, envvar="IZAGRAPH_LANG",
              help="Language of the summary.")
@gap_option
@pseudonymise_option
@store_option
def summary(json_path, output, backend_name, lang, gap, pseudonymise, store):
    """Run every rule and write a readable summary (Markdown) plus, optionally, all findings as JSON.

    The summary gives the severity counts split by basis (source, inferred, illustrative), the coverage
    of the data (how many of the 38 IZA regions are known and how), per rule what it means, its worst
    findings with their basis, confidence and gap kind, and the regions ranked by their governance
    findings (gaps in the data are counted apart). Names are escaped, so the Markdown is safe to render.
    Files are written only when the whole run succeeded.

    \b
    Example:
      izagraph summary -o out/findings.md --json out/findings.json
      izagraph summary --lang en --gap governance --pseudonymise | less
    """
    from .summary import run_summary

    report, text = run_summary(make_backend(backend_name, store, pseudonymise, lang), lang, gap=gap)
    for path, data in ((json_path, report.to_json(lang)), (output, text)):
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_text(data, encoding="utf-8")
            tmp.replace(path)
    if output is None:
        click.echo(text, nl=False)
    else:
        click.echo(f"{output} geschreven" + (f", {json_path}" if json_path else ""), err=True)

"""The izagraph command line: parse arguments, call one library function, render the result.

Exit codes: 0 fine; 1 validation errors, or findings at or above ``--fail-on``; 2 usage, input or
connection error (one ``Error: ...`` line, never a traceback).
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .errors import IzagraphError
from .output import FORMATS, render
from .resources import SHIPPED_DATASETS, default_store


#: Options that may also stand before the command (``izagraph --lang en summary``), with the environment
#: variable through which every command reads them (an option after the command still wins).
GLOBAL_OPTIONS = {"lang": "IZAGRAPH_LANG", "store": "IZAGRAPH_STORE", "pseudonym_key": "IZAGRAPH_PSEUDONYM_KEY"}


@contextlib.contextmanager
def _environment(values: dict[str, str]):
    """Set environment variables for the duration of one command, then restore them."""
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


class IzagraphGroup(click.Group):
    """Turns library errors into one line on stderr and a documented exit code; passes global options on."""

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        """Usage errors too are one ``Error: …`` line (with where to find help), exit 2: no usage block."""
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.UsageError as exc:
            hint = f" (zie '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
            click.echo(f"Error: {exc.format_message()}{hint}", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            click.echo("Afgebroken.", err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx):
        given = {GLOBAL_OPTIONS[k]: str(v) for k, v in ctx.params.items() if k in GLOBAL_OPTIONS and v is not None}
        try:
            with _environment(given):
                return super().invoke(ctx)
        except IzagraphError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except OSError as exc:  # a file we were asked to write or read: one line, not a traceback
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"Error: {where}{exc.strerror or exc}", err=True)
            sys.exit(2)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:
            if os.environ.get("IZAGRAPH_DEBUG"):
                raise
            click.echo(f"Error: onverwachte fout ({type(exc).__name__}: {str(exc)[:200]}); meld dit als fout "
                       "(IZAGRAPH_DEBUG=1 toont de traceback)", err=True)
            sys.exit(2)


def store_option(f):
    return click.option("--store", type=click.Path(path_type=Path), default=None, envvar="IZAGRAPH_STORE",
                        help="Store folder (default: .izagraph/store, or $IZAGRAPH_STORE).")(f)


def output_options(f):
    """--format and --lang, shared by every command that prints rows."""
    @click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                  help="Output: a table for people; csv, tsv, json or md for scripts.")
    @click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
                  envvar="IZAGRAPH_LANG", help="Language of labels and messages.")
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        return f(*args, **kwargs)
    return wrapper


def parse_params(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for item in values:
        if "=" not in item:
            raise click.UsageError(f"--param verwacht naam=waarde, niet {item!r}")
        k, v = item.split("=", 1)
        out[k.strip()] = v
    return out


def _paths(paths: tuple[Path, ...]) -> list[Path]:
    return list(paths) if paths else [p for p in SHIPPED_DATASETS if p.exists()]


@click.group(cls=IzagraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="izagraph")
@click.option("--lang", type=click.Choice(["nl", "en"]), default=None,
              help="Language for every command (same as the command's --lang, or $IZAGRAPH_LANG).")
@click.option("--store", type=click.Path(path_type=Path), default=None,
              help="Store folder for every command (same as the command's --store, or $IZAGRAPH_STORE).")
@click.option("--pseudonym-key", metavar="SECRET", default=None,
              help="Secret (16+ characters) for --pseudonymise (or $IZAGRAPH_PSEUDONYM_KEY; default: the "
                   "store's own random key).")
def cli(lang, store, pseudonym_key):
    """izagraph: de governance van regionale zorg en welzijn (IZA, GALA, WOZO, TAZ, ROAZ, Jeugd)
    als kennisgraaf.

    Exit codes: 0 fine; 1 invalid input (validate, load) or findings at or above --fail-on; 2 a usage,
    input or connection error, printed as one 'Error: ...' line.

    \b
    Typical session:
      izagraph validate data/real data/illustrative
      izagraph load data/real data/illustrative
      izagraph info
      izagraph query info-programmes --format csv
      izagraph --lang en rules
    """
    del lang, store, pseudonym_key  # passed on to the command through the environment (see IzagraphGroup)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
def validate(paths, fmt):
    """Check input data: syntax, references, codes and SHACL shapes.

    PATHS are CSV folders, XLSX workbooks or RDF files (default: the shipped data). Every problem is
    reported at once with file, row and column. Exit 1 when there are problems, 0 when clean.

    \b
    Example:
      izagraph validate data/real data/illustrative
      izagraph validate mijn-regio.xlsx --format csv > problemen.csv
    """
    from .load import check_inputs

    problems = check_inputs(_paths(paths))
    if fmt == "text":
        for p in problems:
            click.echo(str(p))
        click.echo(f"{len(problems)} {'probleem' if len(problems) == 1 else 'problemen'} gevonden." if problems
                   else "Geen problemen gevonden.",
                   err=bool(problems))
    else:
        rows = [{"file": p.file, "row": p.row, "column": p.column, "value": p.value, "code": p.code,
                 "message": p.message, "suggestion": p.suggestion} for p in problems]
        click.echo(render(rows, fmt, ["file", "row", "column", "value", "code", "message", "suggestion"]), nl=False)
    sys.exit(1 if problems else 0)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@store_option
def load(paths, store):
    """Validate the data and build the store that later commands use.

    PATHS are CSV folders, XLSX workbooks or RDF files, merged into one graph (default: the shipped
    data in data/real and data/illustrative). All-or-nothing: on any problem nothing is written and
    the previous store stays as it was.

    \b
    Example:
      izagraph load data/real data/illustrative
      izagraph load mijn-regio/ --store /tmp/regio-store
    """
    from .load import load_dataset
    from .store import build_store, check_store_target

    check_store_target(store or default_store())  # refuse a folder that is not a store before any work
    dataset = load_dataset(_paths(paths))
    info = build_store(dataset.triples, store or default_store(), dataset.inputs, dataset.memory)
    click.echo(f"{info.triples} triples geladen in {info.path}")


def backend_options(f):
    """--backend (oxigraph, rdflib, neo4j, sparql) with --endpoint and --graph for a SPARQL server."""
    from .cli_check import BackendChoice  # cli_check imports this module's options, defined above
    from .cli_sparql import sparql_options

    return click.option("--backend", "backend_name", type=BackendChoice(), default="oxigraph", show_default=True,
                        help="Where the queries run.")(sparql_options(f))


def _backend(store: Path | None, name: str = "oxigraph"):
    from .cli_check import make_backend

    return make_backend(name, store)


@cli.command()
@backend_options
@store_option
@output_options
def info(backend_name, store, fmt, lang):
    """Counts per class, programme and region division, and the sources of the data.

    The division table shows per region division how many regions it has (and how many are expected,
    e.g. 38 IZA regions), and how many of all gemeenten lie in one of its regions by a source (known),
    only by an inference with a stated method (inferred), or not at all (unknown).

    \b
    Example:
      izagraph info
      izagraph info --format json --lang en | jq .divisions
      izagraph info --backend sparql --endpoint http://127.0.0.1:7878/query
    """
    from .info import summarise

    sections = summarise(_backend(store, backend_name), lang)
    if fmt == "json":
        click.echo(json.dumps(sections, ensure_ascii=False, indent=2))
        return
    titles = {"nl": {"classes": "Klassen", "programmes": "Programma's", "divisions": "Regio-indelingen",
                     "sources": "Bronnen"},
              "en": {"classes": "Classes", "programmes": "Programmes", "divisions": "Region divisions",
                     "sources": "Sources"}}[lang]
    for key, rows in sections.items():
        if fmt in ("table", "md"):
            click.echo(f"\n{'## ' if fmt == 'md' else ''}{titles[key]}\n")
        click.echo(render(rows, fmt), nl=False)


@cli.command()
@click.argument("query", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter, bound safely (repeatable).")
@click.option("--list", "list_", is_flag=True, help="List the named queries.")
@backend_options
@store_option
@output_options
def query(query, params, list_, backend_name, store, fmt, lang):
    """Run a named query from queries/ or an ad-hoc SPARQL file.

    Parameters are bound as values (never pasted into the query text), so names with quotes or
    SPARQL syntax are safe.

    \b
    Example:
      izagraph query --list
      izagraph query info-programmes --format csv
      izagraph query table-gaps -p region=iza-haaglanden --format json
      izagraph query mijn-vraag.rq
      izagraph query info-classes --backend sparql --endpoint http://127.0.0.1:7878/query
    """
    from .backends import run
    from .queries import list_queries, load_query

    if list_ or not query:
        rows = [{"name": q.name, "kind": q.kind, "title": q.title(lang),
                 "params": ", ".join(f"{n}={p.default}" for n, p in q.params.items())}
                for q in list_queries()]
        click.echo(render(rows, fmt), nl=False)
        return
    from .scopes import require_known

    backend = _backend(store, backend_name)
    q = load_query(query, backend.language)
    given = parse_params(params)
    filters = {k: given[k] for k in ("region", "programme", "theme") if given.get(k) and k in q.params}
    given.update(require_known(backend, **filters))  # an unknown region or theme: exit 2, not an empty result
    click.echo(render(run(backend, q, given), fmt), nl=False)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["turtle", "jsonld", "nt", "graphml", "gexf"]), default=None,
              help="Export format (default: from the file suffix, else turtle).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="File to write (default: stdout).")
@click.option("--pseudonymise", is_flag=True,
              help="Replace persons' names and identifiers by stable keyed pseudonyms (see --pseudonym-key).")
@store_option
def export(fmt, output, pseudonymise, store):
    """Export the store as Turtle, JSON-LD, N-Triples, GraphML or GEXF (for Gephi).

    \b
    Example:
      izagraph export -o out/izagraph.ttl
      izagraph export --format gexf -o out/izagraph.gexf --pseudonymise
    """
    from .export import SUFFIX_FORMAT, export as do_export
    from .privacy import pseudonymise as pseudo, resolve_key
    from .store import read_graph

    if fmt is None:
        fmt = SUFFIX_FORMAT.get(output.suffix.lower(), "turtle") if output else "turtle"
    graph = read_graph(store or default_store())
    if pseudonymise:
        graph = pseudo(graph, resolve_key(store or default_store()))
    data = do_export(graph, fmt, output)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        click.echo(f"{output} geschreven ({fmt})", err=True)


@cli.command()
@click.argument("scheme", required=False)
@output_options
def vocab(scheme, fmt, lang):
    """List the concept schemes of the ontology, or the codes of one scheme.

    Use these codes in the input files (sector, theme, programme, kind, ...).

    \b
    Example:
      izagraph vocab
      izagraph vocab perspective --lang en
    """
    from .vocab import vocabulary

    v = vocabulary()
    if not scheme:
        rows = [{"scheme": s, "codes": len(v.notations(s))} for s in v.schemes()]
    else:
        if scheme not in v.schemes():
            raise IzagraphError(f"onbekende lijst '{scheme}' (kies uit {', '.join(v.schemes())})")
        from .namespaces import SKOS

        rows = []
        for notation, iri in sorted(v.notations(scheme).items()):
            broader = [v.notation(b) for b in v.graph.objects(iri, SKOS.broader)]
            rows.append({"code": notation, "label": v.label(iri, lang), "broader": "; ".join(sorted(filter(None, broader)))})
    click.echo(render(rows, fmt), nl=False)


@cli.command()
@click.argument("target", type=click.Path(path_type=Path))
@click.option("--xlsx", is_flag=True, help="Write one workbook (TARGET.xlsx) instead of a folder of CSV files.")
@click.option("--scan", "scan", metavar="REGION", default=None,
              help="Write the governance scan of this region (a workbook with drop-downs; see docs/report.md).")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True, envvar="IZAGRAPH_LANG",
              help="Language of the scan's help sheets.")
@store_option
def template(target, xlsx, scan, lang, store):
    """Write an empty input dataset with exactly the columns izagraph reads.

    One CSV file per kind (sources, gemeenten, regions, region_members, organisations, persons,
    tables, table_themes, memberships, plans, region_grants, region_aspects), or one workbook with those sheets.
    docs/data-format.md explains every column; 'izagraph vocab' lists the codes.

    \b
    Example:
      izagraph template mijn-regio/
      izagraph template mijn-regio.xlsx --xlsx
      izagraph validate data/real mijn-regio/
      izagraph template scan.xlsx --scan iza-drenthe   # the governance scan of one region
    """
    if scan:
        from .report import write_region_scan

        click.echo(str(write_region_scan(store or default_store(), target, scan, lang=lang)))
        return
    from .template import write_template

    for path in write_template(target, xlsx):
        click.echo(str(path))


# Command groups that live in their own modules (they import shared options from here).
from .cli_check import check, rules, summary  # noqa: E402
from .cli_generate import generate  # noqa: E402
from .cli_sparql import push  # noqa: E402
from .cli_map import map_command  # noqa: E402
from .cli_neo4j import neo4j  # noqa: E402
from .cli_report import report  # noqa: E402

for _command in (check, rules, summary, neo4j, report, generate, push):
    cli.add_command(_command)
cli.add_command(map_command, name="map")


def main() -> None:
    """The ``izagraph`` program (and ``python -m izagraph``): :func:`cli`, then the process ends.

    At the end the heap is frozen (``gc.freeze``): the collections Python runs while it shuts down skip
    frozen objects, and they walked everything a command left (about 0.1 s after the national map at
    S = 1). Not in ``cli`` itself: a test's ``CliRunner`` calls that in a process that goes on."""
    import gc

    try:
        cli()
    finally:
        gc.freeze()

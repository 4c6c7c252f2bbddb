"""``izagraph neo4j``: push the store to Neo4j, pull it back, see what is there.

Only parsing and printing: the work is in :mod:`izagraph.backends.neo4j`. Library errors reach the
main group, which prints them as one ``Error: ...`` line with exit code 2.
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from .resources import default_store


def _store_option(f):
    return click.option("--store", type=click.Path(path_type=Path), default=None, envvar="IZAGRAPH_STORE",
                        help="Store folder (default: .izagraph/store, or $IZAGRAPH_STORE).")(f)


def connection_options(f):
    """--neo4j-uri, --neo4j-user, --neo4j-password, --neo4j-database (Neo4j's usual environment variables)."""
    @click.option("--neo4j-uri", envvar="NEO4J_URI", show_envvar=True, metavar="URI",
                  help="bolt://host:7687, neo4j://host or neo4j+s://<id>.databases.neo4j.io (Aura) "
                       "[default: bolt://127.0.0.1:$NEO4J_BOLT_PORT, else port 7687]")
    @click.option("--neo4j-user", envvar=["NEO4J_USERNAME", "NEO4J_USER"], show_envvar=True, metavar="USER",
                  help="User name [default: neo4j]")
    @click.option("--neo4j-password", envvar="NEO4J_PASSWORD", show_envvar=True, metavar="PASSWORD",
                  help="Password [default: the one scripts/neo4j-local sets]; prefer the variable to the option")
    @click.option("--neo4j-database", envvar="NEO4J_DATABASE", show_envvar=True, metavar="NAME",
                  help="Database [default: neo4j]")
    @functools.wraps(f)
    def wrapper(*args, neo4j_uri, neo4j_user, neo4j_password, neo4j_database, **kwargs):
        settings = {"uri": neo4j_uri, "user": neo4j_user, "password": neo4j_password, "database": neo4j_database}
        return f(*args, settings=settings, **kwargs)
    return wrapper


def _connect(settings: dict):
    from .backends.neo4j import connect

    return connect(**settings)


class _Progress:
    """Shows the push's progress on stderr when it is a terminal (and stays silent otherwise)."""

    def __init__(self):
        self.bar = None
        self.done = 0

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase != "write" or not sys.stderr.isatty():
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="rijen naar Neo4j", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@click.group()
def neo4j():
    """Push the graph to Neo4j, pull it back, and see what is there.

    The mapping (labels from classes, properties from literals, relationships from links) is in
    docs/neo4j-mapping.md. Connection settings come from the options or from NEO4J_URI,
    NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE; without NEO4J_URI, izagraph connects to
    bolt://127.0.0.1:$NEO4J_BOLT_PORT (default 7687), the port that scripts/neo4j-local start uses.

    \b
    Example:
      scripts/neo4j-local start
      izagraph neo4j push
      izagraph neo4j status
    """


@neo4j.command()
@click.option("--replace", is_flag=True,
              help="Delete izagraph's previous data in Neo4j first (other nodes are never touched).")
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=2000, show_default=True,
              help="Rows per transaction.")
@_store_option
@connection_options
def push(replace, batch_size, store, settings):
    """Write the store's graph (and the ontology's concepts and criteria) into Neo4j.

    Idempotent: pushing twice gives the same nodes and relationships, and data that left the store
    leaves Neo4j too. Safe: a push that fails midway is reported by 'status' and repaired by the
    next push. Only nodes labelled Izagraph are written or deleted.

    \b
    Example:
      izagraph load data/real data/illustrative
      izagraph neo4j push
      NEO4J_URI=neo4j+s://abcd1234.databases.neo4j.io NEO4J_PASSWORD=... izagraph neo4j push --replace
    """
    from .store import read_triples

    graph = read_triples(store or default_store())  # push only walks the triples: no rdflib graph needed
    progress = _Progress()
    with _connect(settings) as backend:
        try:
            report = backend.push(graph, replace=replace, batch_size=batch_size, progress=progress)
        finally:
            progress.close()
    click.echo(f"{report.nodes} nodes en {report.relationships} relaties naar {backend.settings.safe_uri} "
               f"(database {backend.settings.database}) in {report.seconds:.1f} s")


@neo4j.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="File to write (default: stdout); the format follows the suffix (.ttl, .nt, .jsonld).")
@click.option("--format", "fmt", type=click.Choice(["turtle", "nt", "jsonld"]), default=None,
              help="RDF format (default: from the file suffix, else turtle).")
@connection_options
def pull(output, fmt, settings):
    """Read the data graph back from Neo4j as RDF (the ontology nodes are left out).

    What was pushed comes back as the same graph: datatypes, language tags and all.

    \b
    Example:
      izagraph neo4j pull -o out/from-neo4j.ttl
      izagraph neo4j pull --format nt | sort > graph.nt
    """
    from .export import SUFFIX_FORMAT, export

    if fmt is None:
        fmt = SUFFIX_FORMAT.get(output.suffix.lower(), "turtle") if output else "turtle"
    with _connect(settings) as backend:
        graph = backend.pull()
    data = export(graph, fmt, output)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        click.echo(f"{output} geschreven: {len(graph)} triples ({fmt})", err=True)


@neo4j.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@connection_options
def status(fmt, settings):
    """Show the server, izagraph's node and relationship counts, and whether the last push completed.

    The last push is 'complete', 'running', 'incomplete' (it failed: push again to repair) or
    'none' (nothing pushed yet).

    \b
    Example:
      izagraph neo4j status
      izagraph neo4j status --format json | jq .load
    """
    with _connect(settings) as backend:
        info = backend.status()
    if fmt == "json":
        click.echo(json.dumps(info.as_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"server:     Neo4j {info.version} {info.edition} op {info.uri} (database {info.database})")
    click.echo(f"izagraph:   {info.nodes} nodes (waarvan {info.ontology_nodes} uit de ontologie), "
               f"{info.relationships} relaties")
    last = {"none": "nog niets gepusht", "complete": "compleet", "running": "bezig",
            "incomplete": "NIET AFGEMAAKT: voer 'izagraph neo4j push' opnieuw uit"}[info.load]
    when = f" (begonnen {info.started}" + (f", klaar {info.finished}" if info.finished else "") + ")" \
        if info.started else ""
    click.echo(f"laatste push: {last}{when}")

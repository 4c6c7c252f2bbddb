"""``izagraph push`` and the ``--endpoint``/``--graph`` options of ``--backend sparql`` (a SPARQL server).

Only parsing and printing: the work is in :mod:`izagraph.backends.remote`. Credentials come from the
environment (IZAGRAPH_SPARQL_USER / IZAGRAPH_SPARQL_PASSWORD, or IZAGRAPH_SPARQL_TOKEN) and are never printed.
"""

from __future__ import annotations

import functools
from pathlib import Path

import click

from .resources import default_store

META_KEY = "izagraph.sparql"


def sparql_options(f):
    """--endpoint and --graph for ``--backend sparql``; kept in the click context for the backend factory."""
    @click.option("--endpoint", envvar="IZAGRAPH_SPARQL_ENDPOINT", show_envvar=True, metavar="URL", default=None,
                  help="With --backend sparql: the server's SPARQL query endpoint (e.g. http://host:7878/query, "
                       "http://host:3030/izagraph/sparql).")
    @click.option("--graph", "graph_iri", envvar="IZAGRAPH_SPARQL_GRAPH", show_envvar=True, metavar="IRI", default=None,
                  help="With --backend sparql: query this named graph (as the default graph) instead of the default graph.")
    @functools.wraps(f)
    def wrapper(*args, endpoint, graph_iri, **kwargs):
        click.get_current_context().meta[META_KEY] = {"endpoint": endpoint, "graph": graph_iri}
        return f(*args, **kwargs)
    return wrapper


def sparql_backend(store: Path):
    """The ``sparql`` entry of the backends: the server named by --endpoint (the store is not used)."""
    from .backends.remote import SparqlEndpointBackend

    del store
    ctx = click.get_current_context(silent=True)
    settings = (ctx.meta.get(META_KEY) if ctx else None) or {}
    endpoint = settings.get("endpoint")
    if not endpoint:
        import os

        endpoint = os.environ.get("IZAGRAPH_SPARQL_ENDPOINT")
    if not endpoint:
        raise click.UsageError("--backend sparql heeft --endpoint URL nodig (of $IZAGRAPH_SPARQL_ENDPOINT)")
    return SparqlEndpointBackend(endpoint, settings.get("graph"))


@click.command()
@click.option("--endpoint", envvar="IZAGRAPH_SPARQL_STORE_ENDPOINT", show_envvar=True, metavar="URL", required=True,
              help="The server's Graph Store Protocol endpoint (e.g. http://host:7878/store, "
                   "http://host:3030/izagraph/data).")
@click.option("--graph", "graph_iri", metavar="IRI", default=None,
              help="Write this named graph instead of the default graph.")
@click.option("--replace/--add", default=True, show_default=True,
              help="--replace (HTTP PUT): the target graph becomes exactly the store's graph plus the ontology; "
                   "--add (HTTP POST): add the triples to what the target graph holds.")
@click.option("--format", "fmt", type=click.Choice(["nt", "turtle"]), default="nt", show_default=True,
              help="Media type sent: N-Triples, or the same lines as Turtle for servers that only take Turtle.")
@click.option("--store", type=click.Path(path_type=Path), default=None, envvar="IZAGRAPH_STORE",
              help="Store folder (default: .izagraph/store, or $IZAGRAPH_STORE).")
def push(endpoint, graph_iri, replace, fmt, store):
    """Send the store (plus the ontology) to a SPARQL server, streamed (Graph Store Protocol).

    The target is the default graph, or the named graph given with --graph; other graphs on the server
    are not touched. Afterwards run the rules on the server with --backend sparql --endpoint QUERY-URL.
    Credentials: IZAGRAPH_SPARQL_USER and IZAGRAPH_SPARQL_PASSWORD (HTTP Basic) or IZAGRAPH_SPARQL_TOKEN
    (Bearer), from the environment only.

    \b
    Example:
      izagraph push --endpoint http://127.0.0.1:7878/store
      izagraph check --backend sparql --endpoint http://127.0.0.1:7878/query
      IZAGRAPH_SPARQL_USER=izagraph IZAGRAPH_SPARQL_PASSWORD=... \\
        izagraph push --endpoint http://127.0.0.1:3030/izagraph/data --graph https://example.org/iza
    """
    from .backends.remote import push as do_push

    result = do_push(store or default_store(), endpoint, graph_iri, replace, fmt)
    click.echo(f"{result['triples']} triples naar {result['endpoint']} (graaf: {result['graph']}, "
               f"{'vervangen' if replace else 'toegevoegd'})")

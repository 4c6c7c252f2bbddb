"""``izagraph map``: interactive network maps and the geographic map, as offline HTML files."""

from __future__ import annotations

from pathlib import Path

import click

from .resources import default_store

SCOPE_FLAGS = ("region", "programme", "theme", "gemeente")
MESSAGES = {
    "nl": {"written": "geschreven", "nodes": "knopen", "edges": "lijnen", "gemeenten": "gemeenten",
           "all": "{n} bestanden geschreven in {folder}"},
    "en": {"written": "written", "nodes": "nodes", "edges": "edges", "gemeenten": "municipalities",
           "all": "{n} files written to {folder}"},
}


@click.command()
@click.option("--region", metavar="R", help="One region: id, code (ZK11) or name.")
@click.option("--programme", metavar="P", help="One programme: iza, gala, wozo, taz, roaz, jeugd, regulier.")
@click.option("--theme", metavar="T", help="One theme, e.g. mentale-gezondheid.")
@click.option("--gemeente", metavar="G", help="The tables covering one gemeente: code (GM0392) or name.")
@click.option("--national", is_flag=True, help="All tables and members (the default).")
@click.option("--overview", is_flag=True, help="Aggregated national view: one node per region (or programme) "
                                               "linking to its full map.")
@click.option("--group-by", type=click.Choice(["region", "programme"]), default="region", show_default=True,
              help="Grouping of --overview.")
@click.option("--geo", is_flag=True, help="The geographic map: gemeenten coloured by --measure, with the "
                                          "outlines of --division.")
@click.option("--division", metavar="D", default=None,
              help="Outlines on the geo map: iza, zorgkantoor, ggd, jeugd, roaz, arbeidsmarkt, … "
                   "(default: iza if its gemeenten are known, else zorgkantoor).")
@click.option("--measure", metavar="M", default="tables", show_default=True,
              help="Colour of the geo map: tables, programmes, seats, findings or findings:RULE.")
@click.option("--findings", is_flag=True, help="Draw the rule findings: overloaded members, duplicated tables, "
                                               "missing perspectives, incongruent territories.")
@click.option("--all", "all_", is_flag=True, help="Write every map into the folder -o: per region with data, per "
                                                  "programme, national, overviews, geo maps and index.html.")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, metavar="DATE",
              help="Draw the structure as it was on DATE (YYYY-MM-DD): only tables and seats active then.")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True, envvar="IZAGRAPH_LANG",
              help="Language of the page.")
@click.option("--pseudonymise", is_flag=True, help="Replace persons' names by stable pseudonyms.")
@click.option("--store", type=click.Path(path_type=Path), default=None, envvar="IZAGRAPH_STORE",
              help="Store folder (default: .izagraph/store, or $IZAGRAPH_STORE).")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="HTML file to write (with --all: the folder).")
def map_command(region, programme, theme, gemeente, national, overview, group_by, geo, division, measure,
                findings, all_, as_of, lang, pseudonymise, store, output):
    """Write an interactive map as one self-contained HTML file (works offline).

    Network maps show tables, organisations, persons, programmes, themes and regions, with search
    (also by abbreviation), filters by programme, theme, kind and region, a click to focus on a node's
    neighbourhood, a date (the structure as it was, and what changed since another date), shortest
    paths between two nodes, size and colour by a measure, a keyboard-friendly list of the nodes, and
    the view kept in the page address. A region map holds every table under the region's tables, also
    those partly outside it. With --findings the rules run for the map's scope, as `izagraph check
    --region/--programme/--theme` would.
    Positions are computed in Python, so even the national map (thousands of nodes) opens in
    seconds. The geo map colours the gemeenten (CBS/PDOK boundaries) by a measure. Nothing is loaded
    from the internet; names are shown as text, never run as code.

    \b
    Example:
      izagraph map --region iza-zuid-kennemerland-ijmond -o kennemerland.html
      izagraph map --national -o nationaal.html
      izagraph map --overview -o overzicht.html
      izagraph map --geo --division zorgkantoor --measure programmes -o geo.html
      izagraph map --region iza-haaglanden --as-of 2019-06-01 -o haaglanden-2019.html
      izagraph map --all --lang en -o out/maps/
    """
    from .maps.site import write_all, write_map

    chosen = [f for f, v in zip(SCOPE_FLAGS, (region, programme, theme, gemeente)) if v]
    modes = len(chosen) + sum(map(bool, (national, overview, geo, all_)))
    if modes > 1:
        raise click.UsageError("kies één van --region, --programme, --theme, --gemeente, --national, --overview, "
                               "--geo of --all")
    if as_of and (all_ or overview or geo):
        raise click.UsageError("--as-of hoort bij een netwerkkaart (--region, --programme, --theme, --gemeente "
                               "of --national)")
    if (division or measure != "tables") and not (geo or all_):
        raise click.UsageError("--division en --measure horen bij --geo")
    _check_geo_options(division, measure)
    store = store or default_store()
    words = MESSAGES[lang]
    if all_:
        written = write_all(store, output, findings=findings, lang=lang, pseudonymise=pseudonymise)
        for w in written:
            click.echo(f"{w.path}  {w.title}" + (f"  ({w.nodes} {words['nodes']})" if w.nodes and w.kind != "index"
                                                  and not w.kind.startswith("geo") else ""))
        click.echo(words["all"].format(n=len(written), folder=output), err=True)
        return
    kind = chosen[0] if chosen else "national"
    name = {"region": region, "programme": programme, "theme": theme, "gemeente": gemeente}.get(kind)
    w = write_map(store, output, kind=kind, name=name, overview=overview, group_by=group_by, geo=geo,
                  division=division, measure=measure, findings=findings, lang=lang, pseudonymise=pseudonymise,
                  as_of=as_of.date().isoformat() if as_of else None)
    detail = (f"{w.nodes} {words['gemeenten']}" if w.kind == "geo"
              else f"{w.nodes} {words['nodes']}, {w.edges} {words['edges']}")
    click.echo(f"{w.path} {words['written']}: {w.title} ({detail}, {w.seconds:.1f} s)")


def _check_geo_options(division: str | None, measure: str) -> None:
    """An unknown division or rule in --measure findings:RULE is an error (exit 2), not an empty map."""
    import difflib

    from .errors import ParameterError
    from .vocab import vocabulary

    if division is not None:
        known = sorted(vocabulary().notations("division"))
        if division not in known:
            hint = difflib.get_close_matches(division, known, n=1)
            raise ParameterError(f"onbekende indeling --division {division!r}" + (f"; bedoelde u '{hint[0]}'?" if hint
                                 else "") + f" (kies uit {', '.join(known)})")
    kind, _, rule = measure.partition(":")
    if kind == "findings" and rule:
        from .rules import get_rule  # (only here: importing the rules costs a map 0.3-0.4 s)

        get_rule(rule)

"""``izagraph report``: the national picture and the per-region pages, as offline files."""

from __future__ import annotations

from pathlib import Path

import click

from .resources import default_store


@click.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="Folder to write the report to.")
@click.option("--region", metavar="R", default=None, help="Only the page of this region (id, code or name).")
@click.option("--division", "divisions", metavar="D", multiple=True,
              help="Region division to show (repeatable; default: the IZA regions and the SPUK "
                   "samenwerkingsregio's present in the data). See 'izagraph vocab division'.")
@click.option("--maps", "maps_dir", type=click.Path(path_type=Path), default=None,
              help="Folder with the maps of 'izagraph map --all' to link to (default: maps/ next to -o).")
@click.option("--today", default=None, metavar="YYYY-MM-DD", help="Reference date for 'active' (default: today).")
@click.option("--pseudonymise", is_flag=True, help="Replace persons' names by stable pseudonyms (also in findings).")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True, envvar="IZAGRAPH_LANG",
              help="Language of the pages.")
@click.option("--store", type=click.Path(path_type=Path), default=None, envvar="IZAGRAPH_STORE",
              help="Store folder (default: .izagraph/store, or $IZAGRAPH_STORE).")
def report(output, region, divisions, maps_dir, today, pseudonymise, lang, store):
    """Write the national report: one self-contained HTML page (works offline; prints to PDF), the same
    tables as Markdown and CSV, and one page per region with data or a grant (every SPUK region).

    Per region of each chosen division: a scorecard against the IZA criteria (shared governance,
    the seven perspectives present / missing / not recorded, gemeenten with mandate, werkagenda and
    monitoring), tables, seats and layers, drukte hot spots and duplicated structures, with the basis
    and confidence of what is shown; regions without data are listed as 'geen gegevens'; where regions
    have a grant (SPUK IZA), the mandaatgemeente, the amount per year and its source. Charts: a
    region x perspective heat map, tables and seats per region, the congruence of all region divisions
    and the geo map. A region page shows its gemeenten (how each is known), grants, structure as a
    tree, governance profile (aspects and variants of the IZA governance report), its findings with
    next steps and links to its maps.

    \b
    Example:
      izagraph report -o out/report
      izagraph report -o out/report --division iza --division roaz --lang en
      izagraph report -o out/report --region iza-haaglanden
    """
    import datetime as dt

    from .report import write_report

    if today is not None:
        try:
            dt.date.fromisoformat(today)
        except ValueError:
            raise click.UsageError(f"--today verwacht JJJJ-MM-DD, niet {today!r}") from None
    written = write_report(store or default_store(), output, region=region, divisions=list(divisions) or None,
                           lang=lang, maps_dir=maps_dir, today=today, pseudonymise=pseudonymise)
    index = next((w.path for w in written if w.kind == "national"), None)
    regions = sum(1 for w in written if w.kind == "region")
    if lang == "nl":
        click.echo(f"{len(written)} bestanden geschreven in {output} ({regions} regiopagina's)", err=True)
    else:
        click.echo(f"{len(written)} files written to {output} ({regions} region pages)", err=True)
    click.echo(str(index if index else next(w.path for w in written if w.kind == "region")))

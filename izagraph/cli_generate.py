"""``izagraph generate``: write a synthetic national dataset with planted findings (see
:mod:`izagraph.synthetic`). Only parsing and printing."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option("--scale", "-s", type=float, default=1.0, show_default=True,
              help="Size: 1 = national (5,000 organisations, 2,000 tables, ~50,000 memberships); 0.1 a tenth.")
@click.option("--seed", type=int, default=42, show_default=True, help="Random seed: the same seed gives the same files.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="Folder to write (new, empty, or written before by izagraph generate).")
def generate(scale, seed, output):
    """Write a synthetic national dataset (CSV input format) with planted findings.

    Real gemeenten and region divisions from data/real; made-up organisations, tables (hierarchies 3-4
    deep per programme and region) and memberships with a skewed spread, all with a source of kind
    illustrative. Planted at known rates: busy organisations (drukte-organisation), twin tables
    (duplicate-tables) and unrecorded chair, decision rule, members, theme or parent (table-gaps);
    manifest.json lists them. The same scale and seed give the same files.

    \b
    Example:
      izagraph generate --scale 0.1 --seed 7 -o synth/
      izagraph load synth/ --store /tmp/synth-store
      izagraph check drukte-organisation --store /tmp/synth-store
    """
    from .synthetic import build, prepare_folder, write

    dataset = build(scale, seed)
    prepare_folder(output)
    write(dataset, output)
    counts, planted = dataset.manifest["counts"], dataset.manifest["planted"]
    click.echo(f"{output}: {counts['organisations']} organisaties, {counts['tables']} tafels, "
               f"{counts['memberships']} lidmaatschappen (illustratief, schaal {scale:g}, seed {seed})")
    click.echo("geplant: " + ", ".join(f"{rule} {len(items)}" for rule, items in planted.items())
               + f" (zie {output / 'manifest.json'})")

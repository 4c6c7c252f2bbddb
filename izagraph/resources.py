"""Where the project's data-as-code lives: the ontology, the queries and the shipped data."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = ROOT / "ontology"
QUERIES_DIR = ROOT / "queries"
DATA_DIR = ROOT / "data"
GEO_DIR = DATA_DIR / "geo"
SHIPPED_DATASETS = (DATA_DIR / "real", DATA_DIR / "illustrative")
#: the folder of a store version that holds its analytical snapshot (:mod:`izagraph.snapshot`); here, where
#: reading a path needs neither the snapshot's code nor numpy
SNAPSHOT_DIR = "snapshot"


def default_store() -> Path:
    """The store location: ``$IZAGRAPH_STORE`` or ``.izagraph/store`` in the current directory."""
    return Path(os.environ.get("IZAGRAPH_STORE", ".izagraph/store"))

"""Run a benchmark's measuring function in a new process on a given source tree: this version, or another one
(``--base``, e.g. ``git archive REV | tar -x -C /tmp/base``), so two versions are measured alike, alternating."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
ROOT = BENCHMARKS.parent


def arguments(description: str, rounds: int) -> argparse.ArgumentParser:
    """The options of a benchmark that measures a store in this version and another: ``--store``, ``--base``,
    ``--rounds``."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--store", type=Path, required=True, help="a loaded store with a snapshot")
    parser.add_argument("--base", type=Path, help="the source tree of the version to compare with")
    parser.add_argument("--rounds", type=int, default=rounds)
    return parser


def trees(base: Path | None) -> dict[str, Path]:
    """The source trees to measure, by name: ``base`` (when given), then this one."""
    return {"base": base, "this": ROOT} if base else {"this": ROOT}


def measured_in(root: Path, module: str, call: str):
    """The JSON that ``module.call`` (a Python call, e.g. ``measure(Path('/tmp/s'))``) returns, run in a new
    process that imports izagraph from ``root``."""
    code = (f"import sys, json; sys.path.insert(0, {str(root)!r}); sys.path.insert(1, {str(BENCHMARKS)!r}); "
            f"import {module} as b; from pathlib import Path; print(json.dumps(b.{call}))")
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=root)
    return json.loads(done.stdout.strip().splitlines()[-1])

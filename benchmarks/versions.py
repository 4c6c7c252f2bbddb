"""Run a benchmark's measuring function in a new process on a given source tree: this version, or another one
(``--base``, e.g. ``git archive REV | tar -x -C /tmp/base``), so two versions are measured alike, alternating."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent


def measured_in(root: Path, module: str, call: str):
    """The JSON that ``module.call`` (a Python call, e.g. ``measure(Path('/tmp/s'))``) returns, run in a new
    process that imports izagraph from ``root``."""
    code = (f"import sys, json; sys.path.insert(0, {str(root)!r}); sys.path.insert(1, {str(BENCHMARKS)!r}); "
            f"import {module} as b; from pathlib import Path; print(json.dumps(b.{call}))")
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=root)
    return json.loads(done.stdout.strip().splitlines()[-1])

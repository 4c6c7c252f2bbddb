"""`izagraph info` shows coverage per region division: known / inferred / unknown gemeenten."""

from __future__ import annotations

import json

from click.testing import CliRunner

from izagraph.cli import cli


def _dataset(folder):
    folder.mkdir()
    (folder / "sources.csv").write_text("id,title,kind\ns,Test,real\n", encoding="utf-8")
    (folder / "gemeenten.csv").write_text(
        "code,name,source\nGM0001,Een,s\nGM0002,Twee,s\nGM0003,Drie,s\nGM0004,Vier,s\n", encoding="utf-8")
    # two regions: one from a source (GM0001), one inferred (GM0002 by method, GM0003 from a source of its own);
    # GM0001 is also inferred in the second region but counts as known; GM0004 is in no region: unknown
    (folder / "regions.csv").write_text(
        "id,name,division,status,source\na,A,roaz,source,s\nb,B,roaz,inferred,s\nc,C,spuk-iza,unknown,s\n",
        encoding="utf-8")
    (folder / "region_members.csv").write_text(
        "region,gemeente,status,method\na,GM0001,,\nb,GM0001,,same-name-ggd\nb,GM0002,,same-name-ggd\n"
        "b,GM0003,source,\n", encoding="utf-8")
    return folder


def test_info_json_gives_known_inferred_and_unknown_per_division(tmp_path):
    runner = CliRunner()
    store = tmp_path / "store"
    assert runner.invoke(cli, ["load", str(_dataset(tmp_path / "d")), "--store", str(store)]).exit_code == 0
    result = runner.invoke(cli, ["info", "--store", str(store), "--format", "json", "--lang", "en"])
    assert result.exit_code == 0, result.output
    rows = {r["division"]: r for r in json.loads(result.output)["divisions"]}
    roaz = rows["ROAZ region"]
    assert (roaz["gemeenten known"], roaz["gemeenten inferred"], roaz["gemeenten unknown"]) == (2, 1, 1)
    assert (roaz["regions"], roaz["expected"], roaz["regions from source"], roaz["regions inferred"]) == (2, 11, 1, 1)
    spuk = rows["SPUK IZA collaboration region"]
    assert (spuk["gemeenten known"], spuk["gemeenten inferred"], spuk["gemeenten unknown"]) == (0, 0, 4)
    assert (spuk["regions"], spuk["expected"], spuk["regions unknown"]) == (1, 42, 1)
    dutch = runner.invoke(cli, ["info", "--store", str(store)])
    assert "gemeenten afgeleid" in dutch.output and "gemeenten onbekend" in dutch.output

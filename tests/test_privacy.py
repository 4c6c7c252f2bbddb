"""Keyed pseudonyms: not reversible by hashing guessed ids, stable within a store, different across keys."""

from __future__ import annotations

import hashlib

import pytest
from click.testing import CliRunner

from izagraph.cli import cli
from izagraph.errors import ParameterError
from izagraph.privacy import pseudonym_key, resolve_key

from .conftest import MINI

JANSEN = "https://w3id.org/izagraph/id/person/p-jansen"


def _export(store, *extra, env=None) -> str:
    result = CliRunner().invoke(cli, [*extra, "export", "--store", str(store), "--pseudonymise", "--format", "nt"],
                                env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.delenv("IZAGRAPH_PSEUDONYM_KEY", raising=False)
    path = tmp_path / "store"
    assert CliRunner().invoke(cli, ["load", str(MINI), "--store", str(path)]).exit_code == 0
    return path


def test_the_pseudonym_is_not_the_unkeyed_hash_of_a_guessable_id(store):
    out = _export(store)
    assert "Jansen" not in out and "p-jansen" not in out
    for salt in ("",):  # what the unkeyed version published: sha256 of the IRI
        assert hashlib.sha256((salt + JANSEN).encode()).hexdigest()[:10] not in out
    key = resolve_key(store)
    assert f"p-{pseudonym_key(JANSEN, key)}" in out  # but with the store's key it is reproducible


def test_the_store_key_is_random_private_and_survives_a_reload(store):
    key_file = store / "pseudonym.key"
    assert key_file.stat().st_mode & 0o077 == 0
    first = _export(store)
    assert CliRunner().invoke(cli, ["load", str(MINI), "--store", str(store)]).exit_code == 0
    assert _export(store) == first


def test_another_store_gives_unrelated_pseudonyms(store, tmp_path):
    other = tmp_path / "other"
    assert CliRunner().invoke(cli, ["load", str(MINI), "--store", str(other)]).exit_code == 0
    assert resolve_key(other) != resolve_key(store)
    assert _export(other) != _export(store)


def test_a_given_key_links_stores_on_purpose(store, tmp_path):
    other = tmp_path / "other"
    assert CliRunner().invoke(cli, ["load", str(MINI), "--store", str(other)]).exit_code == 0
    secret = "een gedeeld geheim van de regio"
    by_option = _export(store, "--pseudonym-key", secret)
    assert by_option == _export(other, "--pseudonym-key", secret)
    assert by_option == _export(other, env={"IZAGRAPH_PSEUDONYM_KEY": secret})
    assert f"p-{pseudonym_key(JANSEN, secret.encode())}" in by_option


def test_a_short_key_is_refused():
    with pytest.raises(ParameterError, match="minstens 16"):
        resolve_key(given="kort")

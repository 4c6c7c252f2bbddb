"""Whether a region, programme or theme given to ``check`` or ``query`` exists: an unknown one is a usage
error with a suggestion (exit 2), never an empty result that reads as "no findings".

Regions are looked up in the store (query ``known-regions``) by IRI, id, code or name; programmes and
themes in the ontology's concept schemes.
"""

from __future__ import annotations

import difflib

from .errors import ParameterError
from .namespaces import ID, concept

WORDS = {"region": "regio", "programme": "programma", "theme": "thema"}


def _fail(kind: str, given: str, options: list[str]) -> ParameterError:
    hint = difflib.get_close_matches(given, options, n=1, cutoff=0.5)
    see = "izagraph query known-regions" if kind == "region" else f"izagraph vocab {kind}"
    return ParameterError(f"onbekende {WORDS[kind]} '{given}'" + (f"; bedoelde u '{hint[0]}'?" if hint else "")
                          + f" (zie '{see}')")


def resolve_region(backend, given: str) -> str:
    """The IRI of the region named ``given`` (IRI, id, code or name, case-insensitive), or
    :class:`ParameterError` with the closest id as suggestion."""
    from .backends import run

    text = str(given).strip()
    rows = run(backend, "known-regions")
    ids = {}
    for r in rows:
        iri = str(r["region"])
        rid = iri.rsplit("/", 1)[-1]
        for key in (iri, rid, r.get("code"), r.get("label")):
            if key:
                ids.setdefault(str(key).lower(), iri)
    iri = ids.get(text.lower()) or ids.get(str(ID[f"region/{text}"]).lower())
    if iri is None:
        raise _fail("region", text, sorted({str(r["region"]).rsplit("/", 1)[-1] for r in rows}))
    return iri


def require_concept(kind: str, given: str) -> None:
    """Raise :class:`ParameterError` when ``given`` is no code (or concept IRI) of scheme ``kind``."""
    from .vocab import vocabulary

    options = vocabulary().notations(kind)
    text = str(given).strip()
    if text in options or text in {str(concept(kind, n)) for n in options}:
        return
    raise _fail(kind, text, sorted(options))


def require_known(backend, region: str | None = None, programme: str | None = None,
                  theme: str | None = None) -> dict[str, str]:
    """Check the given filters; returns them with the region as its IRI."""
    out = {}
    if region:
        out["region"] = resolve_region(backend, region)
    for kind, value in (("programme", programme), ("theme", theme)):
        if value:
            require_concept(kind, value)
            out[kind] = value
    return out


__all__ = ["resolve_region", "require_concept", "require_known"]

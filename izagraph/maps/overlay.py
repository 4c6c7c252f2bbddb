"""Rule findings as marks on a map: what to draw where (pure).

:func:`marks_from_findings` reads the findings of ``izagraph.rules.check`` (``Finding(rule, severity,
subject, message, evidence, advice)``) and turns each into a :class:`Mark`. The kind of mark follows
from the rule id and the evidence:

- ``overloaded`` — an organisation or person with too many seats: a red border;
- ``duplicate`` — two tables that look like the same structure: a dashed edge between them with the score;
- ``missing`` — perspectives a table lacks (any one of them would do): a small "missing" node attached
  to that table;
- ``incongruent`` — a table or region whose territory does not match the division: an orange border;
- ``other`` — any other finding about a node on the map: listed in its tooltip, red border.

Each mark keeps the finding's ``basis``; the message of a finding that rests on inferred or illustrative
facts starts with "(afgeleid)" or "(ILLUSTRATIEF)", so no map shows it as a fact.

>>> m = marks_from_findings([{"rule": "duplicate-tables", "severity": "medium", "message": {"nl": "lijkt dubbel"},
...     "subject": "https://x/a", "evidence": {"other": "https://x/b", "jaccard": 0.5, "score": 0.8}}])
>>> (m[0].kind, m[0].other, m[0].score, m[0].message)
('duplicate', 'https://x/b', 0.8, 'lijkt dubbel')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

KIND_WORDS = (
    ("duplicate", ("duplic", "dubbel", "overlap", "similar", "subset", "en-en")),
    ("missing", ("missing", "ontbre", "perspective", "perspectief", "criteri")),
    ("incongruent", ("incongru", "congru", "territor", "werkgebied", "cross-cutting")),
    ("overloaded", ("overload", "overbelast", "drukte", "busy", "seats", "zetels", "load")),
)
SCORE_KEYS = ("score", "similarity", "jaccard", "containment", "covered", "overlap", "overeenkomst")
OTHER_KEYS = ("other", "other_table", "table2", "table_b", "pair", "duplicate_of", "tables", "with")
MISSING_KEYS = ("missing", "missing_perspectives", "perspectives", "lacks", "ontbreekt", "requires_any_of",
                "requires")


@dataclass(frozen=True)
class Mark:
    """One finding, placed on the map."""

    kind: str
    subject: str
    rule: str
    severity: str
    message: str
    other: str | None = None
    score: float | None = None
    missing: tuple[str, ...] = field(default_factory=tuple)
    basis: str = "source"  # source | inferred | illustrative: the weakest fact the finding rests on
    confidence: str | None = None  # high | medium | low | None (not stated)
    gap: str | None = None  # governance | data


def provenance(f) -> tuple[str, str | None, str | None]:
    """(basis, confidence, gap) of a finding; before findings carried ``basis`` the ``illustrative``
    flag says it (``basis = "illustrative" if illustrative else "source"``).

    >>> provenance({"illustrative": True})
    ('illustrative', None, None)
    >>> provenance({"basis": "inferred", "confidence": "low", "gap": "data"})
    ('inferred', 'low', 'data')
    """
    basis = _plain(_get(f, "basis")) or ("illustrative" if _get(f, "illustrative") else "source")
    return basis, _plain(_get(f, "confidence")) or None, _plain(_get(f, "gap")) or None


def _get(obj, name, default=None):
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _plain(value) -> str:
    if value is None:
        return ""
    name = getattr(value, "value", None) or getattr(value, "name", None)
    return str(name if name is not None and not isinstance(value, str) else value)


def _evidence_items(evidence) -> list[tuple[str, object]]:
    """Evidence as (key, value) pairs, whether it is a dict, a list of dicts/pairs, or anything else."""
    if evidence is None:
        return []
    if isinstance(evidence, Mapping):
        return list(evidence.items())
    if isinstance(evidence, (list, tuple)):
        out = []
        for item in evidence:
            if isinstance(item, Mapping):
                out.extend(item.items())
            elif isinstance(item, (list, tuple)) and len(item) == 2:
                out.append((str(item[0]), item[1]))
            else:
                out.append(("", item))
        return out
    if hasattr(evidence, "__dict__"):
        return list(vars(evidence).items())
    return [("", evidence)]


def _flatten(value) -> list:
    if isinstance(value, (list, tuple, set, frozenset)):
        return [x for v in value for x in _flatten(v)]
    if isinstance(value, str) and ";" in value:
        return [v.strip() for v in value.split(";") if v.strip()]
    return [value]


def _kind(rule: str, items: list[tuple[str, object]]) -> str:
    text = rule.casefold()
    for kind, words in KIND_WORDS:
        if any(w in text for w in words):
            return kind
    keys = " ".join(k.casefold() for k, _ in items)
    if any(k in keys for k in SCORE_KEYS):
        return "duplicate"
    if any(k in keys for k in ("missing", "ontbre")):
        return "missing"
    return "other"


def _message(f, lang: str) -> str:
    if hasattr(f, "text") and callable(f.text):
        return str(f.text(lang))
    message = _get(f, "message")
    if isinstance(message, Mapping):
        return str(message.get(lang) or message.get("nl") or next(iter(message.values()), ""))
    return _plain(message)


def _severity(f) -> str:
    sev = _get(f, "severity")
    return str(getattr(sev, "notation", None) or (sev if isinstance(sev, str) else "") or "medium")


BASIS_WORDS = {"nl": {"inferred": "afgeleid", "illustrative": "ILLUSTRATIEF"},
               "en": {"inferred": "inferred", "illustrative": "ILLUSTRATIVE"}}


def marks_from_findings(findings: Iterable, nodes: set[str] | None = None, lang: str = "nl") -> list[Mark]:
    """Marks for the findings whose subject is on the map (all of them when ``nodes`` is None).

    Accepts :class:`izagraph.findings.Finding` objects or dicts with ``rule``, ``severity``, ``subject``,
    ``message`` (text or ``{"nl": …, "en": …}``), ``evidence`` and optionally ``regions``. A finding
    about a whole region division (incongruence) marks each region it names.
    """
    out = []
    for f in findings:
        rule = _plain(_get(f, "rule")) or _plain(_get(f, "rule_id"))
        subject = _plain(_get(f, "subject"))
        items = _evidence_items(_get(f, "evidence"))
        kind = _kind(rule, items)
        other, score, missing = None, None, []
        keys = {str(k).casefold(): v for k, v in items}
        for key in SCORE_KEYS:  # the first score key present, in order of preference
            if kind == "duplicate" and key in keys and isinstance(keys[key], (int, float)) and not isinstance(keys[key], bool):
                score = float(keys[key])
                break
        for key, value in items:
            k = str(key).casefold()
            if kind == "duplicate" and other is None and (k in OTHER_KEYS or "table" in k):
                for v in _flatten(value):
                    v = _plain(v)
                    if v and v != subject and (nodes is None or v in nodes) and v.startswith(("http:", "https:")):
                        other = v
                        break
            if kind == "missing" and any(m in k for m in MISSING_KEYS):
                missing.extend(_plain(v) for v in _flatten(value) if _plain(v))
        if kind == "duplicate" and other is None:
            kind = "other"
        if kind == "missing" and not missing:
            kind = "other"
        message, severity, (basis, confidence, gap) = _message(f, lang), _severity(f), provenance(f)
        if basis != "source":  # a map never shows a made-up or derived finding as a fact
            message = f"({BASIS_WORDS.get(lang, BASIS_WORDS['nl'])[basis]}) {message}"
        subjects = [subject]
        if kind == "incongruent" and (nodes is None or subject not in nodes):
            subjects = [_plain(r) for r in (_get(f, "regions") or ())] or [subject]
        for s in subjects:
            if nodes is not None and s not in nodes:
                continue
            out.append(Mark(kind, s, rule, severity, message, other, score, tuple(dict.fromkeys(missing)),
                            basis, confidence, gap))
    return out


__all__ = ["Mark", "marks_from_findings", "provenance"]

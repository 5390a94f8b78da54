"""Our PLOVER → CAMEO table (resources/events/ontology.yaml), checked against PLOVER's own mapping."""

from __future__ import annotations

import re

import pytest

from conftest import DATA, need
from khabar.events import ontology


def _plover_mapping() -> dict[str, str]:
    """CAMEO code → PLOVER type, from the PLOVER project's CAMEO2PLOVER-2021.txt."""
    path = need(DATA / "plover" / "CAMEO2PLOVER-2021.txt")
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,", line)
        if m:
            out[m.group(1)] = m.group(2)
    return out


def _rows():
    for etype, entry in ontology.table().items():
        yield etype, None
        for mode in entry.get("modes") or {}:
            yield etype, mode


def test_events_ontology_has_the_sixteen_plover_types():
    assert set(ontology.table()) == ontology.PLOVER_TYPES
    assert len(ontology.PLOVER_TYPES) == 16


@pytest.mark.shared
def test_events_ontology_codes_map_to_the_type_they_are_listed_under():
    mapping = _plover_mapping()
    wrong = {}
    for etype, mode in _rows():
        cameo = ontology.code(etype, mode)[0]
        if mapping.get(cameo) != etype:
            wrong[(etype, mode)] = (cameo, mapping.get(cameo))
    assert wrong == {}


@pytest.mark.shared
def test_events_ontology_dictionary_overrides_map_to_their_type():
    from khabar.events.lexicon import load_lexicon

    mapping = _plover_mapping()
    for t in load_lexicon().triggers:
        if t.cameo:
            assert mapping.get(t.cameo) == t.type, t.pattern


@pytest.mark.parametrize(
    "etype, mode, cameo, quad",
    [
        ("CONSULT", "phone", "041", 1),  # discuss by telephone
        ("CONSULT", "visit", "042", 1),  # make a visit
        ("SUPPORT", "sign", "057", 1),  # sign formal agreement
        ("RETREAT", "ceasefire", "0871", 2),  # declare truce
        ("ACCUSE", "disapprove", "111", 3),  # criticize or denounce
        ("SANCTION", "withdraw", "161", 4),  # reduce or break relations (GDELT quad by root 16)
        ("ASSAULT", "aerial", "195", 4),  # employ aerial weapons
        ("COERCE", "arrest", "173", 4),  # arrest, detain
    ],
)
def test_events_ontology_code(etype, mode, cameo, quad):
    got = ontology.code(etype, mode)
    assert (got[0], got[2]) == (cameo, quad)


def test_events_ontology_goldstein_scale_and_sign():
    for etype, mode in _rows():
        cameo, score, quad, _ = ontology.code(etype, mode)
        assert -10.0 <= score <= 10.0
        # cooperation scores positive, conflict scores negative (CAMEO investigate 090 is the exception)
        if quad in (1, 2) and cameo != "090":
            assert score > 0, (etype, mode)
        if quad in (3, 4):
            assert score < 0, (etype, mode)


def test_events_ontology_unknown_mode_falls_back_to_the_type():
    assert ontology.code("ASSAULT", "no-such-mode")[0] == ontology.code("ASSAULT", None)[0]

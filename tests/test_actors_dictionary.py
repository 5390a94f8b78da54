"""Schema and content of the actor dictionary (resources/actors)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from khabar.actors.dictionary import SECTORS, TYPE_LABEL, ActorDictionary
from khabar.errors import ResourceError
from khabar.resources import resource_path

ACTORS = resource_path("actors")
ISO3 = re.compile(r"^[A-Z]{3}$")


@pytest.fixture(scope="module")
def d() -> ActorDictionary:
    return ActorDictionary.load()


def _all_persian(e) -> list[str]:
    return [
        e.name_fa, *e.aliases, *e.link_only, *e.surnames, *e.demonyms, *e.demonyms_plural,
        *[a for v in e.labeled_aliases.values() for a in v],
        *[t for r in e.roles for t in r.titles_fa],
    ]


def test_actors_dictionary_ids_unique_across_files() -> None:
    ids: list[str] = []
    for path in ACTORS.rglob("*.yaml"):
        if path.name in ("titles.yaml", "cues.yaml"):
            continue
        text = path.read_text(encoding="utf-8")
        ids += [x["id"] for x in yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_actors_dictionary_scale(d: ActorDictionary) -> None:
    with_fa = [e for e in d.entries.values() if e.name_fa]
    assert len(with_fa) >= 1500
    people = [e for e in d.entries.values() if e.type == "person"]
    dated = [r for e in people for r in e.roles if r.start]
    assert len(people) >= 200 and len(dated) >= 150


def test_actors_dictionary_required_fields_and_codes(d: ActorDictionary) -> None:
    states = {e.id for e in d.entries.values() if e.type == "state"}
    assert len(states) >= 240
    for e in d.entries.values():
        assert e.id and e.name and e.name_fa, e.id
        assert e.type in TYPE_LABEL, e.id
        assert e.sector is None or e.sector in SECTORS, e.id
        for c in (e.country, *(r.country for r in e.roles)):
            assert c is None or (ISO3.match(c) and c in states), (e.id, c)
        if e.capital and e.type == "state":
            assert d.get(e.capital).country == e.id, e.id
        elif e.capital:  # a province's capital: a city of the same country
            cap = d.get(e.capital)
            assert e.type == "province" and cap.type == "city", e.id
            assert cap.country == e.country, e.id


def test_actors_dictionary_dates_valid(d: ActorDictionary) -> None:
    for e in d.entries.values():
        for r in e.roles:
            for x in (r.start, r.end):
                if x is not None:
                    dt.date.fromisoformat(x)
            assert r.start is None or r.end is None or r.start <= r.end, e.id
            assert r.title_en and "{" not in r.title_en, e.id


def test_actors_dictionary_aliases_normalized(d: ActorDictionary) -> None:
    # character normalization of khabar.normalize (ZWNJ restoration is not an
    # authority on proper names: it would write «فیلی‌پین»; matching folds ZWNJ anyway)
    from khabar.normalize import normalize_text

    bad = [
        (e.id, a) for e in d.entries.values() for a in _all_persian(e)
        if normalize_text(a, zwnj="off") != a or re.search("[يكى]", a)
    ]
    assert not bad, bad[:20]


def test_actors_dictionary_meta_files_normalized() -> None:
    from khabar.normalize import normalize_text

    titles = yaml.safe_load((ACTORS / "titles.yaml").read_text(encoding="utf-8"))["offices"]
    cues = yaml.safe_load((ACTORS / "cues.yaml").read_text(encoding="utf-8"))
    words = [w for o in titles.values() for w in o["fa"]]
    assert all("{country}" in o["en"] for o in titles.values())
    for key in ("home_words", "state_anaphors", "pronouns", "honorifics", "name_prefixes",
                "first_names", "language_words", "source_cues"):
        words += cues[key]
    words += [w for heads in cues["institution_heads"].values() for w in heads]
    assert [w for w in words if normalize_text(w, zwnj="off") != w] == []
    assert ISO3.match(cues["home_country"])


@pytest.mark.parametrize(
    ("office", "country", "day", "expected"),
    [
        ("president", "RUS", "2025-06-25", "Vladimir Putin"),  # second presidency, open-ended
        ("president", "RUS", "2010-01-01", "Dmitry Medvedev"),  # the 2008–2012 interlude
        ("president", "RUS", "2005-01-01", "Vladimir Putin"),  # first presidency
        ("president", "RUS", "2008-05-07", "Dmitry Medvedev"),  # `to` is exclusive, `from` inclusive
        ("president", "USA", "2023-03-01", "Joe Biden"),  # between Trump's terms
        ("president", "USA", "2025-06-01", "Donald Trump"),  # second term
        ("foreign-minister", "IRN", "2025-06-25", "Abbas Araghchi"),  # since 2024-08-21
        ("foreign-minister", "IRN", "2023-01-01", "Hossein Amir-Abdollahian"),  # 2021–2024
        ("king", "BHR", "2025-06-25", "Hamad bin Isa Al Khalifa"),  # king since 2002
        ("emir", "BHR", "2000-01-01", "Hamad bin Isa Al Khalifa"),  # emir 1999–2002
        ("president", "IRN", None, "Masoud Pezeshkian"),  # no date: the current holder
    ],
)
def test_actors_dictionary_holder_by_date(d, office, country, day, expected) -> None:
    assert d.holder((office, country), day).name == expected


def test_actors_dictionary_no_holder_before_any_dated_role(d: ActorDictionary) -> None:
    # why: nobody we know of held Bahrain's crown in 1990 — no guess
    assert d.holder(("king", "BHR"), "1990-01-01") is None


def test_actors_dictionary_reports_all_problems(tmp_path: Path) -> None:
    for name in ("titles.yaml", "cues.yaml", "states.yaml"):
        (tmp_path / name).write_text((ACTORS / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(
        "- {id: x1, type: person, name: X, name_fa: كريم, country: ZZZ}\n"
        "- {id: x2, type: person, name: Y, name_fa: ی, roles: [{office: president, from: '2020-13-01'}]}\n"
        "- {id: x1, type: nonsense, name: Z, name_fa: ز}\n",
        encoding="utf-8",
    )
    with pytest.raises(ResourceError) as err:
        ActorDictionary.from_files(tmp_path)
    msg = str(err.value)
    for expected in ("Arabic", "ZZZ", "2020-13-01", "nonsense", "duplicate ids"):
        assert expected in msg

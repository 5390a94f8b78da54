"""Schema of the timex data files in ``src/khabar/resources/timex/``."""

from __future__ import annotations

import re

import pytest

from khabar.resources import load_yaml

TIMEX3_PARTS = {"TMO", "TMI", "TAF", "TEV", "TNI"}


def test_timex_resources_calendars_schema() -> None:
    cal = load_yaml("timex", "calendars.yaml")
    for key in ("jalali", "gregorian", "hijri"):
        months = cal[key]
        assert [m["month"] for m in months] == list(range(1, 13)), key
        for m in months:
            assert m["names"] and all(isinstance(n, str) and n.strip() for n in m["names"])
            assert set(m) <= {"month", "names", "ambiguous"}
    assert set(cal["eras"]) == {"jalali", "hijri", "gregorian"}
    assert sorted(w["day"] for w in cal["weekdays"]) == list(range(7))
    assert [s["season"] for s in cal["seasons"]] == [1, 2, 3, 4]
    assert {s["code"] for s in cal["seasons"]} == {"SP", "SU", "FA", "WI"}


def test_timex_resources_names_are_unique_per_table() -> None:
    cal = load_yaml("timex", "calendars.yaml")
    for key in ("jalali", "gregorian", "hijri"):
        names = [n.replace("\u200c", "").replace(" ", "") for m in cal[key] for n in m["names"]]
        # a spelling may repeat inside one month's list, never across months
        per_month = [{n.replace("\u200c", "").replace(" ", "") for n in m["names"]} for m in cal[key]]
        assert sum(len(s) for s in per_month) == len(set(names)), key


def test_timex_resources_numbers_schema() -> None:
    num = load_yaml("timex", "numbers.yaml")
    assert sorted(set(num["units"].values())) == list(range(1, 10))
    assert sorted(set(num["teens"].values())) == list(range(10, 20))
    assert sorted(set(num["tens"].values())) == list(range(20, 100, 10))
    assert sorted(set(num["hundreds"].values())) == list(range(100, 1000, 100))
    assert set(range(1, 21)) <= set(num["ordinals"].values())
    assert all(0 < v < 1 for v in num["fractions"].values())


def test_timex_resources_relative_schema() -> None:
    rel = load_yaml("timex", "relative.yaml")
    for word, d in rel["deictic_days"].items():
        assert isinstance(d["offset"], int), word
        assert d.get("part", "TNI") in TIMEX3_PARTS, word
    assert all(isinstance(v, int) for v in rel["deictic_years"].values())
    for word, u in rel["units"].items():
        assert u["letter"] in "DWMYHS", word
        assert set(u) <= {"letter", "gran", "clock", "times"}, word
    for word, r in rel["relations"].items():
        assert r["dir"] in (-1, 0, 1), word
        assert r["count"] in ("point", "period", "none"), word
    for word, v in rel["vague"].items():
        assert v["type"] in ("DATE", "DURATION"), word
        assert re.fullmatch(r"(PRESENT|PAST|FUTURE)_REF|PT?X[HMDWYEC]", v["value"]), word
    for key in ("modifiers", "name_heads", "weekday_name_before", "weekday_name_after",
                "year_prepositions", "every", "month_heads", "year_heads", "daypart_prepositions",
                "daypart_objects", "to_words", "month_prepositions", "day_modifiers", "frequency"):
        assert rel[key] and all(isinstance(w, str) and w.strip() for w in rel[key]), key


def test_timex_resources_dayparts_schema() -> None:
    dp = load_yaml("timex", "dayparts.yaml")
    for word, d in dp["dayparts"].items():
        assert d["code"] in TIMEX3_PARTS, word
        assert d["clock"] in ("am", "pm", "night", "noon"), word
    assert dp["clock_heads"]


@pytest.mark.parametrize("key", ["future", "past"])
def test_timex_resources_tense_cues_compile(key: str) -> None:
    for pattern in load_yaml("timex", "tense.yaml")[key]:
        re.compile(pattern)


def test_timex_resources_holidays_schema() -> None:
    from khabar.timex.calendar import date_in

    for h in load_yaml("timex", "holidays.yaml")["holidays"]:
        assert h["names"] and h["calendar"] in ("jalali", "gregorian", "hijri"), h
        assert set(h) <= {"names", "calendar", "month", "day", "part"}, h
        assert h.get("part", "TNI") in TIMEX3_PARTS, h
        # the day exists in a recent year of its calendar
        year = {"jalali": 1403, "gregorian": 2024, "hijri": 1446}[h["calendar"]]
        assert date_in(h["calendar"], year, h["month"], h["day"]) is not None, h

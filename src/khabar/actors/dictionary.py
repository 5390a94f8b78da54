"""The actor dictionary: load, validate and index ``resources/actors/**/*.yaml``.

Each YAML file is a list of actor entries (see ``resources/actors/README.md``
for the schema and the id scheme); ``titles.yaml`` holds office templates and
``cues.yaml`` the pronoun/anaphor/honorific word lists. Loading validates
everything once and reports all problems together in one :class:`ResourceError`.

The index maps the :func:`~khabar.actors.keys.match_key` of every alias to the
actors it can name, and every title (an office of a state, or a fixed title
such as «سخنگوی کرملین») to the people who held it, with dates, so that
:meth:`ActorDictionary.holder` answers "who was «رئیس‌جمهوری روسیه» on
2010-01-01?".

>>> d = ActorDictionary.load()
>>> d.get("putin-vladimir").name
'Vladimir Putin'
>>> d.holder(("president", "RUS"), "2010-01-01").name
'Dmitry Medvedev'
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from khabar.actors.keys import match_key
from khabar.document import Actor
from khabar.errors import ResourceError
from khabar.resources import resource_path

log = logging.getLogger(__name__)

# the C loader parses the ~10k lines of the dictionary ten times faster
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: entry type -> entity label of its names
TYPE_LABEL = {
    "state": "LOC",
    "city": "LOC",
    "province": "LOC",
    "region": "LOC",
    "person": "PER",
    "org": "ORG",
    "group": "ORG",
    "norp": "NORP",
}
SECTORS = {"GOV", "MIL", "IGO", "NGO", "REB", "MED", "PTY", "BUS", "LOC", "JUD", "LEG", "REL", "EDU"}
_ENTRY_KEYS = {
    "id", "type", "name", "name_fa", "aliases", "link_only", "scan", "link", "surnames",
    "famous", "demonyms", "demonyms_plural", "labeled_aliases", "country", "sector",
    "adjective_en", "capital", "roles", "note", "sovereign", "ministries",
}
_ROLE_KEYS = {"office", "title_fa", "title_en", "country", "from", "to", "note"}
_ISO3 = re.compile(r"^[A-Z]{3}$")
_ARABIC_LETTERS = re.compile("[يكىة]")

#: files in resources/actors that are not lists of actors
_META_FILES = {"titles.yaml", "cues.yaml"}


@dataclass(frozen=True, slots=True)
class Role:
    """An office held between ``start`` and ``end`` (ISO dates; None = open)."""

    title_en: str
    country: str | None
    office: str | None = None
    titles_fa: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None

    def active(self, day: str) -> bool:
        """Whether the role was held on ``day`` (``end`` is the first day no longer held)."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    """One actor of the dictionary."""

    id: str
    type: str
    name: str
    name_fa: str
    country: str | None
    sector: str | None
    aliases: tuple[str, ...] = ()
    link_only: tuple[str, ...] = ()
    surnames: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    demonyms_plural: tuple[str, ...] = ()
    labeled_aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    roles: tuple[Role, ...] = ()
    scan: bool = True
    link: bool = True
    famous: bool = False
    adjective_en: str | None = None
    capital: str | None = None

    @property
    def label(self) -> str:
        return TYPE_LABEL[self.type]

    def role_on(self, day: str | None) -> Role | None:
        """The first role held on ``day`` (the current one when ``day`` is None)."""
        for r in self.roles:
            if (day is None and r.end is None) or (day is not None and r.active(day)):
                return r
        return None

    def actor(self, day: str | None = None, role: Role | None = None) -> Actor:
        """The output :class:`~khabar.document.Actor`, with the role held on ``day``."""
        r = role or self.role_on(day)
        return Actor(
            id=self.id,
            name=self.name,
            name_fa=self.name_fa,
            country=self.country,
            sector=self.sector,
            role=r.title_en if r else None,
        )


@dataclass(frozen=True, slots=True)
class Hit:
    """What an alias key can mean: an actor named in one way, with its entity label."""

    entry: Entry
    kind: str  # name | surname | demonym | demonym_plural
    label: str
    scan: bool


#: a title's holder key: (office, ISO3) for office templates, ("=title", key) for fixed titles
TitleKey = tuple[str, str]


@dataclass(frozen=True, slots=True)
class TitleHit:
    """A title surface form: which office, and whose (a state, ``@home`` or ``@anaphor``)."""

    office: str
    country: str  # ISO3 | "@home" | "@anaphor" | "" for fixed titles
    fixed: str | None = None  # the fixed title's key


def _as_list(v: Any) -> list[Any]:
    if v is None:
        return []
    return list(v) if isinstance(v, list | tuple) else [v]


def _date(v: Any, where: str, problems: list[str]) -> str | None:
    if v is None:
        return None
    if isinstance(v, dt.date):
        return v.isoformat()
    s = str(v)
    try:
        dt.date.fromisoformat(s)
    except ValueError:
        problems.append(f"{where}: date {s!r} is not ISO YYYY-MM-DD")
        return None
    return s


class ActorDictionary:
    """All actors, indexed by alias key and by title. Build with :meth:`load`."""

    def __init__(
        self,
        entries: Iterable[Entry],
        *,
        offices: Mapping[str, Mapping[str, Any]],
        cues: Mapping[str, Any],
    ) -> None:
        self.entries: dict[str, Entry] = {}
        self.offices = offices
        self.cues = cues
        self.home: str = str(cues.get("home_country", "IRN"))
        self.aliases: dict[str, list[Hit]] = {}
        self.titles: dict[str, list[TitleHit]] = {}
        self.holders: dict[TitleKey, list[tuple[Entry, Role]]] = {}
        self._alias_bounds: set[str] = set()
        self._title_bounds: set[str] = set()
        for e in entries:
            self.entries[e.id] = e
        for e in list(self.entries.values()):
            if any(not r.title_en for r in e.roles):
                roles = tuple(
                    r if r.title_en else replace(r, title_en=self.title_en(r.office or "", r.country or ""))
                    for r in e.roles
                )
                self.entries[e.id] = replace(e, roles=roles)
        for e in self.entries.values():
            self._index(e)
        self._index_titles()
        #: institution head key («وزارت امور خارجه») -> id suffix («mfa») of the state's one
        self.slots: dict[str, str] = {
            match_key(h): suffix
            for suffix, heads in dict(cues.get("institution_heads") or {}).items()
            for h in _as_list(heads)
        }
        for heads in dict(cues.get("institution_heads") or {}).values():
            for h in _as_list(heads):
                self._alias_bounds.update(bounds(h))
        #: every key the dictionary scan looks for (aliases and institution heads)
        self.scan_keys: frozenset[str] = frozenset(self.aliases) | frozenset(self.slots)
        #: keys of the leading words of every alias / title: where a token-by-token
        #: extension may continue (word boundaries only, so «و» is not a prefix of «وزارت»)
        self.alias_prefixes: frozenset[str] = frozenset(self._alias_bounds)
        self.title_prefixes: frozenset[str] = frozenset(self._title_bounds)

    # -- building ------------------------------------------------------------
    def _add(self, text: str, hit: Hit) -> None:
        k = match_key(text)
        if not k:
            return
        self._alias_bounds.update(bounds(text))
        bucket = self.aliases.setdefault(k, [])
        if not any(h.entry.id == hit.entry.id and h.kind == hit.kind for h in bucket):
            bucket.append(hit)

    def _index(self, e: Entry) -> None:
        lab = e.label
        link_only = {match_key(a) for a in e.link_only}
        for a in (e.name_fa, *e.aliases, *e.link_only):
            self._add(a, Hit(e, "name", lab, e.scan and match_key(a) not in link_only))
        for label, names in e.labeled_aliases.items():
            for a in names:
                self._add(a, Hit(e, "name", label, e.scan))
        for a in e.surnames:
            self._add(a, Hit(e, "surname", "PER", e.scan))
        for a in e.demonyms:
            self._add(a, Hit(e, "demonym", "NORP", e.scan))
        for a in e.demonyms_plural:
            self._add(a, Hit(e, "demonym_plural", "NORP", e.scan))

    def _index_titles(self) -> None:
        states = [e for e in self.entries.values() if e.type == "state"]
        for e in self.entries.values():
            for r in e.roles:
                if r.office is not None and r.country is not None:
                    self.holders.setdefault((r.office, r.country), []).append((e, r))
                for t in r.titles_fa:
                    k = match_key(t)
                    self._title_bounds.update(bounds(t))
                    self.holders.setdefault(("=title", k), []).append((e, r))
                    self.titles.setdefault(k, []).append(TitleHit("", "", k))
        used = {office for office, _ in self.holders if office != "=title"}
        anaphor = [match_key(w) for w in _as_list(self.cues.get("state_anaphors"))]
        home_words = [match_key(w) for w in _as_list(self.cues.get("home_words"))]
        state_names = [(s.id, match_key(a), a) for s in states for a in (s.name_fa, *s.aliases)]
        for office in used:
            for head in _as_list(self.offices.get(office, {}).get("fa")):
                h = match_key(head)
                self._title_bounds.update(bounds(head))
                for iso, k, a in state_names:
                    self.titles.setdefault(h + k, []).append(TitleHit(office, iso))
                    self._title_bounds.update(h + b for b in bounds(a))
                for w in home_words:
                    self.titles.setdefault(h + w, []).append(TitleHit(office, "@home"))
                for w in anaphor:
                    self.titles.setdefault(h + w, []).append(TitleHit(office, "@anaphor"))
        for w in _as_list(self.cues.get("home_words")) + _as_list(self.cues.get("state_anaphors")):
            for head in (h for o in used for h in _as_list(self.offices.get(o, {}).get("fa"))):
                self._title_bounds.update(match_key(head) + b for b in bounds(w))

    # -- queries ---------------------------------------------------------------
    def get(self, actor_id: str) -> Entry:
        return self.entries[actor_id]

    def lookup(self, text: str) -> list[Hit]:
        """Every reading of a surface string (exact key match)."""
        return self.aliases.get(match_key(text), [])

    def holder(self, key: TitleKey, day: str | None) -> Entry | None:
        """Who held the office/title ``key`` on ``day`` (None: the current holder)."""
        found = self.holder_role(key, day)
        return found[0] if found else None

    def holder_role(self, key: TitleKey, day: str | None) -> tuple[Entry, Role] | None:
        cands = self.holders.get(key, [])
        if day is None:
            current = [(e, r) for e, r in cands if r.end is None]
            # an open-ended role with a known start beats one whose dates are unknown
            current.sort(key=lambda er: er[1].start or "", reverse=True)
            return current[0] if current else None
        dated = [(e, r) for e, r in cands if r.active(day) and r.start is not None]
        if dated:
            return max(dated, key=lambda er: er[1].start or "")
        undated = [(e, r) for e, r in cands if r.active(day)]
        # several holders with open dates: we cannot tell who held it then
        return undated[0] if len(undated) == 1 else None

    def title_en(self, office: str, country: str) -> str:
        tmpl = str(self.offices.get(office, {}).get("en", office))
        st = self.entries.get(country)
        return tmpl.format(country=st.name if st else country)

    def __len__(self) -> int:
        return len(self.entries)

    # -- loading ---------------------------------------------------------------
    @classmethod
    def load(cls, directory: Path | None = None) -> ActorDictionary:
        """Load and validate every YAML file under ``directory`` (default: the shipped one)."""
        return _load_cached(str(directory or resource_path("actors")))

    @classmethod
    def from_files(cls, directory: Path) -> ActorDictionary:
        problems: list[str] = []
        raw: list[tuple[str, dict[str, Any]]] = []
        for path in sorted(directory.rglob("*.yaml")):
            rel = path.relative_to(directory).as_posix()
            if rel in _META_FILES:
                continue
            try:
                with path.open(encoding="utf-8") as f:
                    data = yaml.load(f, Loader=_LOADER) or []
            except (yaml.YAMLError, ValueError) as err:
                problems.append(f"{rel}: not valid YAML ({err}); quote odd values")
                continue
            if not isinstance(data, list):
                problems.append(f"{rel}: must be a YAML list of actor entries")
                continue
            raw.extend((rel, d) for d in data)
        with (directory / "titles.yaml").open(encoding="utf-8") as f:
            offices = (yaml.load(f, Loader=_LOADER) or {}).get("offices", {})
        with (directory / "cues.yaml").open(encoding="utf-8") as f:
            cues = yaml.load(f, Loader=_LOADER) or {}
        entries = [e for e in (_entry(rel, d, offices, problems) for rel, d in raw) if e]
        ids = [str(d.get("id")) for _, d in raw if isinstance(d, dict)]
        dup = sorted(i for i, n in Counter(ids).items() if n > 1)
        if dup:
            problems.append(f"duplicate ids: {', '.join(dup[:20])}")
        states = {e.id for e in entries if e.type == "state"}
        for e in entries:
            for c in (e.country, *(r.country for r in e.roles)):
                if c is not None and c not in states:
                    problems.append(f"{e.id}: country {c!r} is not the id of a state entry")
        if problems:
            raise ResourceError(
                f"actor dictionary {directory} has {len(problems)} problem(s); fix the YAML:\n  - "
                + "\n  - ".join(problems[:50])
            )
        log.debug("loaded %d actors from %s", len(entries), directory)
        return cls(entries, offices=offices, cues=cues)


_WORD_BREAK = re.compile(r"[ \u200c\u00a0\-]+")


def bounds(text: str) -> list[str]:
    """Keys of the leading words of ``text``: «وزارت امور خارجه» → وزارت, وزارتامور, …

    >>> [len(b) for b in bounds("شورای امنیت")]
    [5, 10]
    """
    parts = [p for p in _WORD_BREAK.split(text) if p]
    return [match_key("".join(parts[: i + 1])) for i in range(len(parts))]


@lru_cache(maxsize=4)
def _load_cached(directory: str) -> ActorDictionary:
    return ActorDictionary.from_files(Path(directory))


def _strings(v: Any, where: str, problems: list[str]) -> tuple[str, ...]:
    out = []
    for s in _as_list(v):
        if not isinstance(s, str) or not s.strip():
            problems.append(f"{where}: {s!r} is not a non-empty string")
            continue
        if _ARABIC_LETTERS.search(s):
            problems.append(f"{where}: {s!r} has Arabic ي/ك/ى/ة; store the Persian form")
        out.append(s)
    return tuple(out)


def _entry(
    rel: str, d: Any, offices: Mapping[str, Any], problems: list[str]
) -> Entry | None:
    if not isinstance(d, dict):
        problems.append(f"{rel}: entry {d!r} is not a mapping")
        return None
    where = f"{rel}:{d.get('id', '?')}"
    missing = [k for k in ("id", "type", "name", "name_fa") if not d.get(k)]
    if missing:
        problems.append(f"{where}: missing {', '.join(missing)}")
        return None
    unknown = set(d) - _ENTRY_KEYS
    if unknown:
        problems.append(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    if d["type"] not in TYPE_LABEL:
        problems.append(f"{where}: type {d['type']!r} not one of {', '.join(TYPE_LABEL)}")
        return None
    country = d.get("country")
    if country is not None and not _ISO3.match(str(country)):
        problems.append(f"{where}: country {country!r} is not ISO3")
    sector = d.get("sector")
    if sector is not None and sector not in SECTORS:
        problems.append(f"{where}: sector {sector!r} not one of {', '.join(sorted(SECTORS))}")
    roles = []
    for i, r in enumerate(_as_list(d.get("roles"))):
        rw = f"{where} role {i}"
        if not isinstance(r, dict) or set(r) - _ROLE_KEYS:
            problems.append(f"{rw}: a role is a mapping of {', '.join(sorted(_ROLE_KEYS))}")
            continue
        start, end = _date(r.get("from"), rw, problems), _date(r.get("to"), rw, problems)
        if start and end and start > end:
            problems.append(f"{rw}: from {start} is after to {end}")
        office = r.get("office")
        rc = r.get("country", country)
        if office is not None and office not in offices:
            problems.append(f"{rw}: office {office!r} is not in titles.yaml")
        if office is None and not r.get("title_fa"):
            problems.append(f"{rw}: needs an office or a title_fa")
        # an office's English title is filled in from titles.yaml once states are known
        title_en = r.get("title_en") or ("" if office in offices else None)
        if title_en is None:
            problems.append(f"{rw}: needs title_en")
            continue
        roles.append(
            Role(
                title_en=str(title_en),
                country=rc,
                office=office,
                titles_fa=_strings(r.get("title_fa"), rw, problems),
                start=start,
                end=end,
            )
        )
    labeled = d.get("labeled_aliases") or {}
    if not isinstance(labeled, dict) or set(labeled) - set(TYPE_LABEL.values()):
        problems.append(f"{where}: labeled_aliases maps an entity label to a list of aliases")
        labeled = {}
    return Entry(
        id=str(d["id"]),
        type=d["type"],
        name=str(d["name"]),
        name_fa=(_strings(d["name_fa"], where, problems) or ("",))[0],
        country=country,
        sector=sector,
        aliases=_strings(d.get("aliases"), where, problems),
        link_only=_strings(d.get("link_only"), where, problems),
        surnames=_strings(d.get("surnames"), where, problems),
        demonyms=_strings(d.get("demonyms"), where, problems),
        demonyms_plural=_strings(d.get("demonyms_plural"), where, problems),
        labeled_aliases={k: _strings(v, where, problems) for k, v in labeled.items()},
        roles=tuple(roles),
        scan=bool(d.get("scan", True)),
        link=bool(d.get("link", True)),
        famous=bool(d.get("famous", False)),
        adjective_en=d.get("adjective_en"),
        capital=d.get("capital"),
    )

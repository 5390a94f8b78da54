"""Coreference rules of the linker: pronouns, «این کشور», surnames.

The rules are deliberately simple and local, tuned to how Persian news
writes (one actor per sentence as subject, apposition «نام + سمت»):

* **Pronoun** «وی»/«او»/«ایشان» → a person (a PER entity or a title mention
  that resolved to a person). At the start of a sentence («وی افزود») the
  subject of the previous sentence that names a person is preferred — the
  first person mentioned there; inside a sentence, the nearest person
  before the pronoun in the same sentence, else that previous subject.
* **«این کشور»** → a state. If the sentence's subject (its first person or
  title, before the anaphor) belongs to a state already mentioned, that state
  («رئیس‌جمهوری روسیه … با عراقچی وزیر امور خارجه ایران … مواضع این کشور» →
  Russia, though Iran is nearer); otherwise the nearest preceding state (or
  capital, standing for its state). Inside a title («شهباز شریف نخست‌وزیر این
  کشور») the title introduces someone else, so the nearest state is taken.
* **«کشورمان»/«کشور ما»** («our country») → the state whose point of view the
  words are in: the home country (``cues.yaml: home_country``, Iran — khabar
  reads Persian-language Iranian news, whose narration says «کشورمان» for
  Iran). Inside a direct quote — an unclosed «…» earlier in the paragraph, or
  a colon earlier in the sentence («لاوروف گفت: کشورمان …») — it is the
  speaker's state instead: the first person or title of the sentence that
  opens the quote, before the quote, when its state is known. Indirect speech
  («گفت که کشورمان …») stays with the home country: Iranian outlets write
  «کشورش» for a foreign speaker's state there.
* **Surname** («پوتین») → the actor whose full name appeared earlier in the
  document; without a prior full mention only for actors marked ``famous``
  whose surname names no one else in the dictionary.

Each function takes plain tuples so it can be tested without a pipeline.

>>> persons = [Candidate(0, 5, 0, "Putin")]
>>> resolve_pronoun(persons, position=20, sentence=1, sentence_initial=True).payload
'Putin'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple


class Candidate(NamedTuple):
    """A possible antecedent: where it is, in which sentence, and what it resolves to.

    A named tuple: the linker builds dozens per article, cheaper than a frozen dataclass.
    """

    start: int
    end: int
    sentence: int
    payload: Any


def _first_in_sentence(cands: Sequence[Candidate], sentence: int) -> Candidate | None:
    for c in cands:
        if c.sentence == sentence:
            return c
    return None


def previous_subject(cands: Sequence[Candidate], sentence: int) -> Candidate | None:
    """The first candidate of the nearest earlier sentence that has one."""
    earlier = [c for c in cands if c.sentence < sentence]
    if not earlier:
        return None
    return _first_in_sentence(earlier, max(c.sentence for c in earlier))


def resolve_pronoun(
    persons: Sequence[Candidate], *, position: int, sentence: int, sentence_initial: bool
) -> Candidate | None:
    """The antecedent person of a pronoun at ``position`` (``persons`` in text order)."""
    if not sentence_initial:
        same = [c for c in persons if c.sentence == sentence and c.end <= position]
        if same:
            return same[-1]
    return previous_subject(persons, sentence)


def quote_opening(text: str, position: int, sentence_start: int) -> int | None:
    """Offset where the direct quote holding ``position`` opens, or None outside quotes.

    A quote opens at a «« » not closed before ``position`` in the same paragraph,
    else at a colon earlier in the same sentence (``sentence_start`` on).

    >>> t = "لاوروف گفت: کشورمان آماده است."
    >>> quote_opening(t, t.index("کشورمان"), 0)
    10
    >>> t = "او گفت «ما و کشورمان» و رفت. کشورمان"
    >>> quote_opening(t, t.index("کشورمان"), 0), quote_opening(t, t.rindex("کشورمان"), 29)
    (7, None)
    """
    para = text.rfind("\n", 0, position) + 1
    opened = text.rfind("«", para, position)
    if opened > text.rfind("»", para, position):
        return opened
    colon = text.rfind(":", max(para, sentence_start), position)
    return colon if colon >= 0 else None


def resolve_speaker_state(
    subjects: Sequence[Candidate], *, quote: int, sentence: int
) -> Any | None:
    """The state of whoever opens a quote at ``quote``: the payload (ISO3 or None) of the
    first subject (person or title, text order) of ``sentence`` that precedes it.

    >>> subjects = [Candidate(0, 6, 0, "RUS"), Candidate(20, 26, 0, "IRN")]
    >>> resolve_speaker_state(subjects, quote=10, sentence=0)
    'RUS'
    >>> resolve_speaker_state(subjects, quote=10, sentence=1) is None
    True
    """
    for c in subjects:
        if c.sentence == sentence and c.end <= quote:
            return c.payload
    return None


def resolve_state(
    states: Sequence[Candidate],
    *,
    position: int,
    sentence: int,
    subject_country: Any | None,
) -> Candidate | None:
    """The state «این کشور» at ``position`` refers to.

    ``states`` are state mentions (payload: ISO3) in text order;
    ``subject_country`` is the country of the sentence's subject (its first
    person or title before ``position``), or None to take the nearest state.

    >>> states = [Candidate(0, 5, 0, "RUS"), Candidate(30, 35, 0, "IRN")]
    >>> resolve_state(states, position=50, sentence=0, subject_country="RUS").payload
    'RUS'
    >>> resolve_state(states, position=50, sentence=0, subject_country=None).payload
    'IRN'
    """
    before = [c for c in states if c.end <= position]
    if subject_country is not None:
        same = [c for c in before if c.payload == subject_country]
        if same:
            return same[-1]
    return before[-1] if before else None

r"""Persian-aware sentence and token segmentation over normalized text.

Sentences end at ``.``, ``!``, ``?``, ``؟``, ``…`` (with any closing quotes
or brackets that follow) before a space or the end of the text, and at every
newline (a paragraph). A dot does not end a sentence after an abbreviation
(``resources/segment/abbreviations.tsv``) or a single letter (``ج.``, ``A.``),
inside a number (``۳.۵``), before a lowercase Latin word, or inside a «»
quotation that closes later in the same paragraph (a terminator right
before the closing ``»`` does end it).

Tokens: ``word`` (Persian letters; ZWNJ-joined words stay one token),
``num`` (digits with ``٫ . , ، : /`` between digits: ``۳٫۵``, ``۱۴۰۴/۴/۲``),
``latin`` (Latin words, ``F-35``, URLs), ``punct`` and ``symbol``.

>>> from khabar.document import Document
>>> doc = Segmenter()(Document.from_text("او گفت: «آتش‌بس برقرار است. ما آماده‌ایم.» سپس رفت. قیمت ۳٫۵ دلار شد؟"))
>>> [doc.text[s.start:s.end] for s in doc.sentences]
['او گفت: «آتش\u200cبس برقرار است. ما آماده\u200cایم.»', 'سپس رفت.', 'قیمت ۳٫۵ دلار شد؟']
>>> [(doc.text[t.start:t.end], t.kind) for t in doc.tokens[-5:]]
[('قیمت', 'word'), ('۳٫۵', 'num'), ('دلار', 'word'), ('شد', 'word'), ('؟', 'punct')]
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import ClassVar

from khabar.document import Document, Span, Token
from khabar.normalize.cleanup import DIACRITIC, LETTER
from khabar.resources import resource_path

ZWNJ = "\u200c"
DIGIT = "0-9\u06f0-\u06f9\u0660-\u0669"

# «word» is tried first because most tokens are words; it and «num» never
# start with the same character, so their order does not change any match.
# Runs of one letter class are written as ``x+`` (one fast loop in ``re``), and
# the whitespace before a token is matched too (the token is the named group),
# so that ``re`` does not try every alternative at every space.
_TOKEN = re.compile(
    r"[\s\u200c]*(?:"
    rf"(?P<word>[{LETTER}{DIACRITIC}]+(?:{ZWNJ}[{LETTER}][{LETTER}{DIACRITIC}]*)*)"
    rf"|(?P<num>[{DIGIT}]+(?:[٫٬.,،:/][{DIGIT}]+)*)"
    r"|(?P<latin>(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+"
    r"|[A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f'’]*(?:[-.](?=[A-Za-z0-9])[A-Za-z0-9\u00c0-\u024f'’]*)*)"
    r"|(?P<punct>\.{2,}|[.!?؟،؛:;,«»()\[\]{}\"'“”‘’\-–—/…])"
    r"|(?P<symbol>[^\s\u200c])"
    ")"
)
_END = re.compile(r"(?:[.!?؟…]+|\.\.\.)[»\")\]’”]*(?=\s|$)")
_WORD_CHAR = re.compile(rf"[A-Za-z{LETTER}.]")
_GUILLEMET = re.compile("[«»]")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Abbreviations (without the final dot) after which a dot is not a sentence end."""
    out = set()
    with resource_path("segment", "abbreviations.tsv").open(encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                out.add(line.split("\t")[0].strip())
    return frozenset(out)


def tokenize(text: str) -> list[Token]:
    """All tokens of ``text`` in order (whitespace and stray ZWNJ skipped)."""
    # tuple.__new__ skips the named tuple's Python-level __new__ (a quarter of the time here)
    new = tuple.__new__
    return [
        new(Token, (m.start(m.lastindex or 0), m.end(), m.lastgroup or "symbol"))
        for m in _TOKEN.finditer(text)
    ]


def _no_break(text: str, para_start: int, dot: int, end: int) -> bool:
    """True when the terminator at ``dot`` does not end the sentence."""
    mark = text[dot:end]
    if mark.startswith(".") and not mark.startswith(".."):
        begin = dot  # the run of letters and dots right before the terminator
        while begin > para_start and _WORD_CHAR.match(text, begin - 1):
            begin -= 1
        before = text[begin:dot]
        if before and (before in abbreviations() or len(before.replace(".", "")) == 1):
            return True
        nxt = end
        while nxt < len(text) and text[nxt] == " ":
            nxt += 1
        if nxt < len(text) and text[nxt].islower() and text[nxt].isascii():
            return True
    return False


def _paragraph(text: str, start: int, stop: int) -> list[Span]:
    out: list[Span] = []
    depth = 0
    sent_start = start
    pos = start
    for m in _END.finditer(text, start, stop):
        # track «» depth up to this terminator
        for q in _GUILLEMET.finditer(text, pos, m.start()):
            if q.group() == "«":
                depth += 1
            elif depth:
                depth -= 1
        pos = m.start()
        # inside «» only if the quotation closes later in this paragraph
        quoted = depth > 0 and text.find("»", m.end(), stop) != -1
        closing = "»" in text[m.start() : m.end()]
        if closing:
            depth = max(depth - text[m.start() : m.end()].count("»"), 0)
            pos = m.end()
            quoted = depth > 0
        if quoted or _no_break(text, start, m.start(), m.end()):
            continue
        out.append(Span(sent_start, m.end()))
        sent_start = m.end()
        pos = max(pos, m.end())
    out.append(Span(sent_start, stop))
    # trim whitespace; drop empty sentences
    trimmed = []
    for s in out:
        a, b = s.start, s.end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            trimmed.append(Span(a, b))
    return trimmed


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of ``text`` (newlines always end a sentence)."""
    out: list[Span] = []
    start = 0
    for m in re.finditer(r"\n", text):
        out += _paragraph(text, start, m.start())
        start = m.end()
    out += _paragraph(text, start, len(text))
    return out


class Segmenter:
    """Pipeline component providing ``sentences`` and ``tokens`` over ``doc.text``."""

    name: ClassVar[str] = "segment"
    requires: ClassVar[tuple[str, ...]] = ("text",)
    provides: ClassVar[tuple[str, ...]] = ("sentences", "tokens")

    def __call__(self, doc: Document) -> Document:
        return doc.with_layers(sentences=split_sentences(doc.text), tokens=tokenize(doc.text))

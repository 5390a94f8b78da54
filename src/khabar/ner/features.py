"""CRF features of a token sequence, computed once per word type and cached.

Every lexical feature reads the *folded* form of a word (:func:`fold`): ZWNJ,
diacritics and tatweel removed, Arabic letter variants mapped to Persian. So a
crawled article whose ZWNJs were stripped («آمریکاییها») gets the same features
as the clean text («آمریکایی‌ها»), and the model trained on clean text keeps
working on it.

The features of a word type — its form, affixes, letter trigrams, shape, word
clusters and gazetteer classes — are built once and stored as ready-made strings for each
window position, so featurizing a sentence is mostly list concatenation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

_FOLD = str.maketrans(
    {
        "\u200c": None, "\u200d": None, "\u0640": None,  # ZWNJ, ZWJ, tatweel
        "ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا", "ٱ": "ا",
        "ؤ": "و", "٠": "۰", "١": "۱", "٢": "۲", "٣": "۳", "٤": "۴", "٥": "۵",
        "٦": "۶", "٧": "۷", "٨": "۸", "٩": "۹",
    }
    | {chr(c): None for c in range(0x064B, 0x0660)}  # harakat, shadda, hamza above
    | {"\u0670": None}
)
_DIGITS = str.maketrans("0123456789۰۱۲۳۴۵۶۷۸۹", "00000000000000000000")

#: suffixes whose removal gives the stem a name hides behind («آمریکایی‌ها» → «آمریکا»)
_SUFFIXES = ("هایی", "های", "ها", "یان", "ای", "ی", "ان")
#: prepositions glued onto a name when ZWNJs and spaces are lost («بهایران»)
_GLUED = re.compile(r"^(?:به|از|در|با|و)(?=...)")


def fold(word: str) -> str:
    """The ZWNJ- and variant-insensitive form every lexical feature reads.

    >>> fold("آمریکایی\u200cها") == fold("آمريكاييها")
    True
    >>> fold("Kremlin")
    'kremlin'
    """
    return word.translate(_FOLD).lower()


def shape(word: str) -> str:
    """A compressed character-class pattern: Persian letters ``a``, Latin ``L``/``l``, digits ``0``.

    >>> shape("۱۴۰۴"), shape("NBC"), shape("ان‌بی‌سی"), shape("«")
    ('0', 'L', 'a', '«')
    """
    out: list[str] = []
    for ch in word.translate(_DIGITS):
        if ch == "\u200c":
            continue
        if "\u0600" <= ch <= "\u06ff" and ch.isalpha():
            c = "a"
        elif ch.isalpha():
            c = "L" if ch.isupper() else "l"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:6]


def stem(folded: str) -> str:
    """``folded`` without one plural or adjectival suffix (kept when the rest is too short)."""
    for suf in _SUFFIXES:
        if folded.endswith(suf) and len(folded) - len(suf) >= 3:
            return folded[: -len(suf)]
    return folded


class Featurizer:
    """Turns token sequences into crfsuite feature lists.

    ``clusters`` maps a folded word to its cluster ids (coarse to fine);
    ``gazetteer`` maps a folded single word or space-joined phrase to its classes.

    ``domain`` names the annotation convention (the corpus) a sentence follows:
    the word, cluster and bias features are repeated conjoined with it, so one
    model learns what the corpora share and, apart, where their conventions
    differ («کشور روسیه» is one name in PEYMA, «روسیه» in Arman) — Daumé's
    "frustratingly easy" domain adaptation. At run time one domain is chosen.
    """

    def __init__(
        self,
        *,
        clusters: Mapping[str, Sequence[str]] | None = None,
        gazetteer: Mapping[str, Sequence[str]] | None = None,
        cache_size: int = 200_000,
    ) -> None:
        self.clusters = dict(clusters or {})
        self.gazetteer = dict(gazetteer or {})
        self._max_phrase = max((k.count(" ") + 1 for k in self.gazetteer), default=1)
        #: first words of multi-word names: only there can a phrase match begin
        self._starts = frozenset(k.split(" ")[0] for k in self.gazetteer if " " in k)
        self._type = lru_cache(maxsize=cache_size)(self._type_features)

    # -- per word type -------------------------------------------------------
    def _type_features(
        self, word: str, domain: str | None = None
    ) -> tuple[str, tuple[tuple[str, ...], ...]]:
        """(folded form, features at positions 0, -2, -1, +1, +2)."""
        f = fold(word)
        # clusters coarse to fine (k = 32, 128, 512, 1024); «?» when unknown or not in the model
        cl = (*self.clusters.get(f, ()), "?", "?", "?", "?")
        sh = shape(word)
        own = [
            "w=" + f,
            "sh=" + sh,
            "st=" + stem(f),
            "p2=" + f[:2],
            "p3=" + f[:3],
            "p4=" + f[:4],
            "s1=" + f[-1:],
            "s2=" + f[-2:],
            "s3=" + f[-3:],
            "s4=" + f[-4:],
            "s5=" + f[-5:],
            "len=" + str(min(len(f), 8)),
            "c0=" + cl[0],
            "c1=" + cl[1],
            "c2=" + cl[2],
            "c3=" + cl[3],
        ]
        # letter trigrams with word-boundary marks: unseen names share pieces with seen ones
        b = "^" + f + "$"
        own += ["g3=" + b[k : k + 3] for k in range(len(b) - 2)]
        m = _GLUED.match(f)
        if m and len(f) > 5:
            own.append("gl=" + f[m.end():])
        gz = self.gazetteer.get(f, ())
        own += ["gz=" + g for g in gz]
        near = {
            -2: ("-2w=" + f, "-2c=" + cl[1], "-2c0=" + cl[0], "-2sh=" + sh),
            -1: ("-1w=" + f, "-1c=" + cl[1], "-1c0=" + cl[0], "-1c2=" + cl[2], "-1c3=" + cl[3],
                 "-1s=" + f[-2:], "-1sh=" + sh, *["-1gz=" + g for g in gz]),
            1: ("+1w=" + f, "+1c=" + cl[1], "+1c0=" + cl[0], "+1c2=" + cl[2], "+1c3=" + cl[3],
                "+1p=" + f[:2], "+1sh=" + sh, *["+1gz=" + g for g in gz]),
            2: ("+2w=" + f, "+2c=" + cl[1], "+2c0=" + cl[0], "+2sh=" + sh),
        }
        if domain:
            d = "D" + domain + "|"
            own += [d + "b", d + "w=" + f, d + "c1=" + cl[1], d + "s3=" + f[-3:]]
            near[-1] += (d + "-1w=" + f, d + "-1c=" + cl[1])
            near[1] += (d + "+1w=" + f, d + "+1c=" + cl[1])
        return f, (tuple(own), near[-2], near[-1], near[1], near[2])

    def _phrase_tags(self, folded: Sequence[str]) -> dict[int, list[str]]:
        """Gazetteer phrase membership by token index (``gB=``/``gI=`` + class), longest first."""
        out: dict[int, list[str]] = {}
        if self._max_phrase < 2:
            return out
        n = len(folded)
        starts = self._starts
        i = 0
        while i < n:
            if folded[i] in starts:
                for k in range(min(self._max_phrase, n - i), 1, -1):
                    classes = self.gazetteer.get(" ".join(folded[i : i + k]))
                    if classes:
                        for g in classes:
                            out.setdefault(i, []).append("gB=" + g)
                            for j in range(i + 1, i + k):
                                out.setdefault(j, []).append("gI=" + g)
                        i += k - 1
                        break
            i += 1
        return out

    # -- per sentence --------------------------------------------------------
    def sentence(self, tokens: Sequence[str], domain: str | None = None) -> list[list[str]]:
        """One feature list per token (strings; crfsuite gives each weight 1)."""
        typed = [self._type(t, domain) for t in tokens]
        folded = [t[0] for t in typed]
        phrase = self._phrase_tags(folded)
        n = len(tokens)
        out: list[list[str]] = []
        for i in range(n):
            feats = ["b", *typed[i][1][0], *phrase.get(i, ())]
            if i >= 2:
                feats += typed[i - 2][1][1]
            if i >= 1:
                feats += typed[i - 1][1][2]
                feats.append("bw=" + folded[i - 1] + "|" + folded[i])
                feats += ["-1" + p for p in phrase.get(i - 1, ())]
            else:
                feats.append("BOS")
            if i + 1 < n:
                feats += typed[i + 1][1][3]
                feats.append("fw=" + folded[i] + "|" + folded[i + 1])
                feats += ["+1" + p for p in phrase.get(i + 1, ())]
            else:
                feats.append("EOS")
            if i + 2 < n:
                feats += typed[i + 2][1][4]
            out.append(feats)
        return out

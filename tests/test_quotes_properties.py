"""Property tests: whatever the text, quotes are well-formed spans."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from khabar.document import Document
from khabar.quotes import QuoteExtractor
from test_quotes_table import ROWS

TEXTS = [p.values[0] for p in ROWS]
#: pieces that stress the span rules: marks, colons, line ends, lone cues
PIECES = ["«", "»", ":", "،", ".", "\n", " ", "\u200c", "گفت", "افزود", "به گفته", "وی", "که", "را", "“", "”", '"']

text_strategy = st.lists(
    st.one_of(st.sampled_from(TEXTS), st.sampled_from(PIECES), st.text(alphabet="آابپتسگفکلمنوهی ", max_size=12)),
    max_size=8,
).map("".join)

EX = QuoteExtractor()


@settings(max_examples=200, deadline=None)
@given(text_strategy)
# a marker after a «…» that spans a line once took the quotation's words again
# a quotation opening on a line break kept the break
@example("گفت«\n،گفت »")
@example("”عراقچی گفت: «ثبات منطقه\nبا همکاری همسایگان تأمین می\u200cشود.»”به گفته\"")
def test_quotes_spans_are_well_formed(text: str) -> None:
    doc = EX(Document.from_text(text))
    n = len(doc.text)
    last_end = -1
    for q in sorted(doc.quotes, key=lambda q: q.start):
        assert 0 <= q.start < q.end <= n  # content is never empty
        assert 0 <= q.cue.start < q.cue.end <= n
        assert not (q.start <= q.cue.start < q.end)  # the cue is outside its content
        assert q.start >= last_end, repr(text)  # quotes never overlap
        last_end = q.end
        assert doc.text[q.start] not in " \n" and doc.text[q.end - 1] not in " \n."
        sp = q.speaker
        if sp is not None and sp.start is not None:
            assert sp.end is not None and 0 <= sp.start < sp.end <= n

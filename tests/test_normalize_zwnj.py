"""ZWNJ restoration: a table of damage and non-damage, the seed article, and quality floors."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conftest import need
from khabar.normalize import normalize_text
from khabar.normalize.score import CONDITIONS, corrupt, score_zwnj
from khabar.normalize.zwnj import Lexicon, restorer

Z = "\u200c"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # ZWNJ deleted
        ("همکاریهای دوجانبه", f"همکاری{Z}های دوجانبه"),  # why: plural -های after a known stem
        ("رئیسجمهوری روسیه", f"رئیس{Z}جمهوری روسیه"),  # why: a known compound
        ("مجمع بینالمللی", f"مجمع بین{Z}المللی"),  # why: a known compound with an Arabic article
        ("در زمینههای تجاری", f"در زمینه{Z}های تجاری"),  # why: plural after final ه
        ("ریاست دورهای اتحادیه", f"ریاست دوره{Z}ای اتحادیه"),  # why: indefinite -ای after final ه
        ("تجاوزی بیدلیل", f"تجاوزی بی{Z}دلیل"),  # why: بی- prefix before a known word
        (
            "بحثهایی اجتنابناپذیر",
            f"بحث{Z}هایی اجتناب{Z}ناپذیر",
        ),  # why: plural + a compound adjective
        ("او میگوید", f"او می{Z}گوید"),  # why: verbal prefix می- before a verb form
        ("نمیتوان گفت", f"نمی{Z}توان گفت"),  # why: negative verbal prefix نمی-
        ("مهمترین کشور", f"مهم{Z}ترین کشور"),  # why: superlative -ترین
        ("طولانیترین رود", f"طولانی{Z}ترین رود"),  # why: superlative after final ی
        (
            "بزرگترین کشور",
            "بزرگترین کشور",
        ),  # why: the corpora write بزرگترین solid as often as not; nothing shows damage
        (
            "آنها رفته\u200cاند",
            f"آنها رفته{Z}اند",
        ),  # why: آنها is also written solid (UD convention); leave it
        # ZWNJ typed as a space
        ("می توان گفت", f"می{Z}توان گفت"),  # why: spaced verbal prefix
        ("گزارش ها نشان می دهد", f"گزارش{Z}ها نشان می{Z}دهد"),  # why: spaced plural and prefix
        ("آتش بس برقرار شد", f"آتش{Z}بس برقرار شد"),  # why: a known compound typed apart
        ("این گفت و گو", "این گفت و گو"),  # why: UD dev writes it apart; nothing shows damage
        ("روز سه شنبه", f"روز سه{Z}شنبه"),  # why: weekday names are one word
        ("پیش بینی آتش بس", f"پیش{Z}بینی آتش{Z}بس"),  # why: two compounds in a row
        (
            "گزارش ها نشان می دهد که آتش بس برقرار است",
            f"گزارش{Z}ها نشان می{Z}دهد که آتش{Z}بس برقرار است",
        ),  # why: a text typed with spaces for ZWNJ: a known compound joins too
        ("نتیجه گیری نهایی", f"نتیجه{Z}گیری نهایی"),  # why: bound head -گیری
        ("کرده اند", f"کرده{Z}اند"),  # why: spaced clitic after final ه
        # real word pairs and correct text stay apart
        ("جمهوری اسلامی ایران", "جمهوری اسلامی ایران"),  # why: two words, not a compound
        ("امام حسین", "امام حسین"),  # why: title and name stay apart
        ("در این باره", "در این باره"),  # why: function words are never glued
        ("حمد بن عیسی", "حمد بن عیسی"),  # why: names with بن stay spaced (khabar's gold)
        ("تنها راه", "تنها راه"),  # why: تنها is not تن+ها
        ("بیشتر مردم", "بیشتر مردم"),  # why: lexicalised comparative stays solid
        ("کارهای خوب", "کارهای خوب"),  # why: no ZWNJ after non-joining ر
        ("دنیای امروز", "دنیای امروز"),  # why: ezafe -ی after دنیا is not a clitic
        ("میز و میدان", "میز و میدان"),  # why: words that start with می are not verbs
        ("را طلب کرد", "را طلب کرد"),  # why: a function word never joins a bound head (-طلب)
        ("بهره می برد", f"بهره می{Z}برد"),  # why: a verb prefix is not a compound's second part
    ],
)
def test_zwnj_table(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # why: a text that already uses ZWNJ keeps its own spelling of ambiguous words
        (
            f"آن{Z}ها در دوره{Z}ای که می{Z}گذشت کتابهایشان را خواندند",
            f"آن{Z}ها در دوره{Z}ای که می{Z}گذشت کتابهایشان را خواندند",
        ),
        # why: ...but spaced prefixes are damage even there
        (f"آن{Z}ها در دوره{Z}ای می رفتند", f"آن{Z}ها در دوره{Z}ای می{Z}رفتند"),
    ],
)
def test_zwnj_auto_trusts_consistent_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_zwnj_restore_mode_forces_restoration() -> None:
    raw = f"آن{Z}ها کتابهایشان را آوردند"
    assert normalize_text(raw) == raw
    assert normalize_text(raw, zwnj="restore") == f"آن{Z}ها کتاب{Z}هایشان را آوردند"


def test_zwnj_seed_article_matches_gold(shared_data: Path) -> None:
    seed = sorted(need(shared_data / "seed").glob("*.txt"))[0].read_text(encoding="utf-8")
    gold = json.loads(
        (shared_data / "gold" / "dev.jsonl").read_text(encoding="utf-8").splitlines()[0]
    )["text"]
    out = normalize_text(seed)
    # گفت‌وگو (khabar's spelling) is left apart («گفت و گو»): UD dev, the model's
    # reference, writes it apart, so the decision model does not join it; and in this
    # mixed-damage article «موضعگیریها» gets only its compound ZWNJ.
    for word in [
        "همکاری‌های",
        "زمینه‌های",
        "سرمایه‌گذاری",
        "دوره‌ای",
        "رئیس‌جمهوری",
        "بی‌دلیل",
        "بیانیه‌های",
        "سه‌شنبه",
        "آتش‌بس",
        "می‌توان",
        "نتیجه‌گیری",
        "چشم‌انداز",
        "بین‌المللی",
        "گزارش‌ها",
        "می‌دهد",
        "آمریکایی‌ها",
        "پرسش‌هایی",
        "بحث‌هایی",
        "اجتناب‌ناپذیر",
        "پیش‌بینی",
        "می‌داند",
    ]:
        assert word in out, word
    # ZWNJ decisions against the gold version of the article
    c = score_zwnj([gold], [out])
    # measured 0.967 / 0.879 with the decision model (was 0.97 / 0.9 with fixed rules:
    # the article's spaced «گفت و گو» and «موضعگیریها» are now left as they are)
    assert c.precision >= 0.95 and c.recall >= 0.86, c


def test_zwnj_model_is_small_and_loads() -> None:
    lex = Lexicon.load()
    assert len(lex.forms) > 1000 and len(lex.solid) > 10000
    assert restorer().decide("همکاریهای") == f"همکاری{Z}های"


# -- quality floors on the UD test sets (never seen in training) ---------------
UD_TEST = ["UD_Persian-PerDT/fa_perdt-ud-test.conllu", "UD_Persian-Seraji/fa_seraji-ud-test.conllu"]
UD_SHA256 = "a49bbd13f5453b266e46bebb74c33235a173a9e61b83a29f0f37e35555fddde6"
#: condition -> (precision floor, F1 floor): the shipped model reached P/F1 0.924/0.915
#: (deleted), 0.936/0.929 (space), 0.980/0.990 (gold) in benchmarks/zwnj.py; floors are
#: those minus 0.01. Lowering a floor is a deliberate, visible change.
FLOORS = {"deleted": (0.914, 0.905), "space": (0.926, 0.919), "gold": (0.970, 0.980)}


@pytest.fixture(scope="module")
def ud_test(shared_data: Path) -> list[str]:
    h = hashlib.sha256()
    sents = []
    for rel in UD_TEST:
        data = need(shared_data / "ud" / rel).read_bytes()
        h.update(data)
        sents += [
            line[9:] for line in data.decode("utf-8").splitlines() if line.startswith("# text = ")
        ]
    assert h.hexdigest() == UD_SHA256, "the UD test files changed: re-measure and re-pin the floors"
    return sents


@pytest.mark.parametrize("condition", CONDITIONS)
def test_zwnj_quality_floor_on_ud_test(ud_test: list[str], condition: str) -> None:
    preds = [normalize_text(corrupt(g, condition)) for g in ud_test]  # type: ignore[arg-type]
    c = score_zwnj(ud_test, preds)
    p_floor, f_floor = FLOORS[condition]
    assert c.precision >= p_floor and c.f1 >= f_floor, (condition, c.as_row())


# -- khabar's own annotated articles (document level) ----------------------------
#: measured 0.963 (deleted) and 0.933 (space) F1; these dev articles are also training
#: examples of the decision model (scripts/train_zwnj.py), so the floors are not held out
GOLD_ARTICLE_FLOORS = {"deleted": 0.95, "space": 0.92}


@pytest.fixture(scope="module")
def gold_articles(shared_data: Path) -> list[str]:
    path = need(shared_data / "gold" / "dev.jsonl")
    return [
        json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line
    ]


def test_zwnj_leaves_correct_articles_untouched(gold_articles: list[str]) -> None:
    # why: every annotated article is already correct, so normalizing changes nothing
    for text in gold_articles:
        assert normalize_text(text, digits="keep") == text


@pytest.mark.parametrize("condition", ["deleted", "space"])
def test_zwnj_quality_floor_on_gold_articles(gold_articles: list[str], condition: str) -> None:
    preds = [normalize_text(corrupt(g, condition), digits="keep") for g in gold_articles]  # type: ignore[arg-type]
    c = score_zwnj(gold_articles, preds)
    assert c.f1 >= GOLD_ARTICLE_FLOORS[condition], c

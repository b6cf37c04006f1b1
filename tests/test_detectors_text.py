"""evalkit/detectors/text.py: the word frequencies read straight from wordfreq's tables are wordfreq's own."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wordfreq import get_frequency_dict, zipf_frequency

from evalkit.detectors.text import _PLAIN_WORD, WORD, similar, similar_at_least, zipf

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("lang", ["en", "fr", "de", "es", "ru"])
def test_plain_words_get_wordfreqs_zipf_value(lang: str) -> None:
    # every 40th plain word of the table (the whole tables of nine languages were compared once, with no
    # difference), words it lacks, and the words of the bundled corpus in their lowercase form
    table = [w for w in get_frequency_dict(lang) if _PLAIN_WORD.fullmatch(w)][::40]
    absent = ["zzqxvbor", "blorfingen", "йцукенгш", "éàùzzq"]
    corpus = ROOT / "corpora" / "spinner-news-en-fr"
    seen = {w.lower() for p in sorted(corpus.glob("s*/**/*.txt")) for w in WORD.findall(p.read_text(encoding="utf-8"))}
    words = table + absent + sorted(w for w in seen if _PLAIN_WORD.fullmatch(w))
    assert len(words) > 5000
    wrong = [(w, zipf.__wrapped__(w, lang), zipf_frequency(w, lang)) for w in words
             if zipf.__wrapped__(w, lang) != zipf_frequency(w, lang)]
    assert wrong == []


def test_other_words_and_languages_go_through_wordfreq() -> None:
    # not plain: capitals, apostrophes, digits, "ß" (casefolded to "ss"); Turkish folds its i's its own way
    for word, lang in [("Paris", "fr"), ("aujourd'hui", "fr"), ("g7", "en"), ("straße", "de"), ("istanbul", "tr"),
                       ("kişinin", "tr")]:
        assert zipf.__wrapped__(word, lang) == zipf_frequency(word, lang)


def test_the_junk_rules_word_frequencies_are_wordfreqs_own() -> None:
    # layout's lookups take the plain words from the table and ask wordfreq about the rest
    from evalkit.detectors.layout import _zipf
    from evalkit.detectors.text import plain_zipf

    words = ["newsletter", "abonnez", "vous", "l’article", "aujourd'hui", "Paris", "g7", "2024", "straße",
             "подписаться", "zzqxvbor", "manœuvres"]
    for lang in ("en", "fr", "de", "ru", "tr", "xx"):
        assert [_zipf.__wrapped__(w, lang) for w in words] == [_wordfreq_or_zero(w, lang) for w in words]
    assert plain_zipf("newsletter", "en") == zipf_frequency("newsletter", "en")
    assert [plain_zipf(w, "en") for w in ("l’article", "Paris", "g7", "manœuvres")] == [None] * 4
    assert plain_zipf("newsletter", "xx") is None   # no such language: wordfreq says what it says


def _wordfreq_or_zero(word: str, lang: str) -> float:
    try:
        return zipf_frequency(word, lang)
    except LookupError:
        return 0.0


def test_similar_at_least_agrees_with_the_ratio() -> None:
    # pairs of capitalised words of the bundled corpus, same first letter (as the detectors compare them)
    corpus = ROOT / "corpora" / "spinner-news-en-fr"
    words = sorted({w for p in sorted(corpus.glob("s*/**/*.txt")) for w in WORD.findall(p.read_text(encoding="utf-8"))
                    if w[:1].isupper() and len(w) >= 3})
    pairs = [(a, b) for a in words for b in words if a[0] == b[0]][:20000] + [("Kyiv", "Kiev"), ("", ""), ("a", "")]
    assert len(pairs) > 5000
    for threshold in (0.6, 0.7, 0.75):
        assert [similar_at_least(a, b, threshold) for a, b in pairs] == [similar(a, b) >= threshold for a, b in pairs]


def test_the_attribution_regexes_lowered_match_what_the_case_blind_ones_match():
    """text._found_by answers a case-blind regex (IGNORECASE) with its case-sensitive twin on the lowered
    text: the regexes hold only lowercase letters, no character lowers to two but those of _LOWER_ODD,
    and every character the case-blind regexes match with one of their letters lowers to that letter,
    and the other way round, but those of _LOWER_ODD."""
    import re

    from evalkit.detectors.text import _CASE_BLIND, _LOWER_ODD

    letters = {c for p in _CASE_BLIND for c in re.sub(r"\\.", "", p.pattern) if c.lower() != c.upper()}
    assert all(c == c.lower() for c in letters)
    every = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)
    assert {c for c in every if len(c.lower()) != 1} <= set(_LOWER_ODD)
    near = set(re.findall("[" + "".join(sorted(letters)) + "]", every, re.IGNORECASE))
    near |= {c for c in every if c.lower() in letters}
    odd = {c for c in near for p in letters if bool(re.fullmatch(re.escape(p), c, re.IGNORECASE)) != (c.lower() == p)}
    assert odd <= set(_LOWER_ODD)


@pytest.mark.parametrize("left, found", [
    ("Selon le ", True), ("SELON LE «", True), ("SELON LE « ", False), ("d’après L’", True), ("According to THE ", True),
    ("ſelon le ", True), ("İnformation ", True), ("İnterview with ", True), ("Il a dit que ", False),
    ("По данным ", True), ("ПО ДАННЫМ ", True), ("with the ", False),
    # a cue starts a word (since the sixteenth round): "told" inside "foretold" cites no one
    ("foretold ", False), ("he told ", True),
])
def test_attribution_before_a_name(left, found):
    from evalkit.detectors.text import _LEFT_ATTRIBUTION, _attribution_before

    assert _attribution_before.__wrapped__(left) is found
    assert (_LEFT_ATTRIBUTION.search(left) is not None) is found


# Text near a word's edges: letters, digits, "_", hyphens, spaces (no-break too), capitals (× sits in À-Þ),
# combining marks and other scripts.
EDGE_CHARS = st.sampled_from(list("abAB _-‐'’.\u00a0\t\n0²_éÉ×ÞßΣя\u0301中"))


@settings(max_examples=500, deadline=None)
@given(st.lists(EDGE_CHARS, max_size=40).map("".join), st.lists(EDGE_CHARS, min_size=0, max_size=3).map("".join))
def test_words_found_without_a_regex_are_the_regexs(text: str, part: str) -> None:
    import re

    from evalkit.detectors.rendered import _written
    from evalkit.detectors.structure import _used_alone
    from evalkit.detectors.text import as_words_at

    for glue in ("", "-"):
        regex = re.compile(rf"(?<![\w{glue}])" + re.escape(part) + rf"(?![\w{glue}])")
        assert list(as_words_at(part, text, glue)) == [m.start() for m in _overlapping(regex, text)]
    assert _written(part, text) == (re.search(r"(?<!\w)" + re.escape(part) + r"(?!\w)", text) is not None)
    alone = re.search(r"(?<![\w-])" + re.escape(part) + r"(?![\w-])(?![\s\u00a0]+[A-ZÀ-Þ])", text) is not None
    assert _used_alone(part, text) == alone


def _overlapping(regex, text: str):
    return [m for m in (regex.match(text, at) for at in range(len(text) + 1)) if m]


def test_a_name_used_alone_and_written_as_words() -> None:
    from evalkit.detectors.rendered import _written
    from evalkit.detectors.structure import _used_alone

    assert _used_alone("Vladimir", "Vladimir Putin met Vladimir, who smiled.")
    assert not _used_alone("Vladimir", "Vladimir Putin met Vladimir  Klitschko and Vladimir-Ilyich.")
    assert not _used_alone("Xi", "Xian and Xi Jinping")
    assert _written("telegraph", "le daily telegraph du jour")
    assert not _written("telegraph", "le telegraphe quotidien, le_telegraph")


def test_token_fields_are_read_only_and_in_place():
    from evalkit.detectors.text import Token, tokenize
    tok = tokenize("Le Monde, BBC")[2]
    assert (tok.start, tok.end, tok.text, tok.lower, tok.capitalised, tok.all_caps) == (10, 13, "BBC", "bbc", True, True)
    assert tok == tuple(tok) and tok[6] == tok.lower and isinstance(tok, Token)
    with pytest.raises(AttributeError):
        tok.start = 0

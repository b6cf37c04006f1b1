"""Tests for the untranslated-text detector (texts written for the tests, not taken from the corpus)."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.detectors.base import DetectionInput, prepare_input
from evalkit.detectors.text import lang_base, tokenize
from evalkit.detectors.untranslated import CATEGORY, UntranslatedDetector


def make(hyp: str, src: str | None = None, tgt: str = "fr", src_lang: str = "en") -> DetectionInput:
    return prepare_input(hyp, src_lang, tgt, source=src)


def detect(doc: DetectionInput) -> list:
    flags = UntranslatedDetector().detect(doc)
    for f in flags:
        assert 0 <= f.start < f.end <= len(doc.hypothesis)
        assert f.text == doc.hypothesis[f.start:f.end]
        assert f.category == CATEGORY and f.detector == "untranslated"
        assert 0.0 <= f.confidence <= 1.0 and f.evidence
        assert f.severity in ("minor", "major", "critical")
    return flags


def texts(flags: list) -> list[str]:
    return [f.text for f in flags]


SPUN_FR = ("Le ministre a défendu une réforme tough des retraites devant les députés.\n\n"
           "Le gouvernement veut additionally réduire le déficit, une priorité worldwide selon lui.\n\n"
           "Les syndicats rejettent la point of view d’une hausse de l’âge légal.\n")


def test_english_words_left_in_french_are_flagged_as_major():
    flags = detect(make(SPUN_FR))
    assert texts(flags) == ["tough", "additionally", "worldwide", "point of view"]
    assert all(f.severity == "major" for f in flags)


def test_french_words_that_are_also_english_are_not_flagged():
    text = ("La question est importante : la solution proposée par la commission reste sur la table. "
            "Les voyageurs étaient en train de monter dans le train quand l’information est tombée. "
            "Le président a reçu une invitation officielle pour une visite d’État.\n")
    assert detect(make(text)) == []


def test_loanwords_that_french_uses_are_not_flagged():
    text = ("Le week-end dernier, le leader du parti a présenté son plan pour les start-up. "
            "Le marketing et le management intéressent les jeunes diplômés, qui parlent de leadership. "
            "Le parking de la gare sera fermé pendant le match de football.\n")
    assert detect(make(text)) == []


def test_proper_names_outlets_and_acronyms_are_not_flagged():
    text = ("Selon le Wall Street Journal, la banque Goldman Sachs va supprimer des emplois. "
            "Jeremy Hunt a présenté son budget à Londres. Hunt a déclaré que l’inflation baissait, "
            "selon Sky News et la BBC. Le FMI et l’OCDE partagent cet avis.\n")
    assert detect(make(text)) == []


def test_quotations_and_quoted_titles_in_english_are_not_flagged():
    text = ("« We will never give up », a déclaré le Premier ministre devant la foule.\n\n"
            "Le film « The Silent Harbour » sortira en salles en mars.\n")
    assert detect(make(text)) == []


def test_short_quoted_english_is_flagged_only_as_a_clause_the_source_has_verbatim():
    # a term quoted as such ("« endless friendship »", "« rewetting »") is kept on purpose, with the source or
    # without it; a quoted clause of five words or more that the source has is left untranslated
    assert detect(make("Les deux pays ont signé un partenariat « endless friendship » en février.\n")) == []
    src = 'The work, known as "rewetting", involves blocking drains.'
    assert detect(make("Ces travaux, appelés « rewetting », consistent à boucher les fossés.", src)) == []
    src = 'Campaigners said they were "deeply disappointed by the ruling today".'
    hyp = "Les militants se disent « deeply disappointed by the ruling today »."
    assert texts(detect(make(hyp, src))) == ["deeply disappointed by the ruling today"]


def test_addresses_handles_and_hashtags_are_not_prose():
    text = ("Le communiqué est en ligne sur https://www.example.org/news/breaking-story-today et le compte "
            "@worldwide_news a relayé le hashtag #StayStrongTogether. Écrivez à press-office@example.com.\n")
    assert detect(make(text)) == []


def test_a_line_in_english_is_one_span():
    text = "Le maire a inauguré le pont.\n\nThis article was updated with additional reporting.\n"
    flags = detect(make(text))
    assert texts(flags) == ["This article was updated with additional reporting"]


def test_with_source_an_english_line_without_counterpart_is_an_addition_not_untranslated():
    src = "The mayor opened the bridge on Monday.\n\nIt cost twelve million euros.\n"
    hyp = ("Le maire a inauguré le pont lundi.\n\nSubscribe to our newsletter for more stories like this.\n\n"
           "Il a coûté douze millions d’euros.\n")
    assert texts(detect(make(hyp))) == ["Subscribe to our newsletter for more stories like this"]
    assert detect(make(hyp, src)) == []


def test_english_left_in_german_is_flagged():
    text = ("Die Regierung hat additionally beschlossen, die Steuern zu senken. "
            "Das Team traf sich am Wochenende zu einem Meeting in Berlin. "
            "Aus seiner point of view ist das Projekt worldwide einzigartig.\n")
    flags = detect(make(text, tgt="de"))
    assert texts(flags) == ["additionally", "point of view", "worldwide"]


@pytest.mark.skipif(lang_base("sk") is None, reason="wordfreq has no Slovak")
def test_slovak_left_in_english_is_flagged():
    clean = ("Prime Minister Robert Fico met President Zuzana Čaputová in Bratislava on Monday, "
             "the news agency TASR reported.\n")
    assert detect(make(clean, src_lang="sk", tgt="en")) == []
    dirty = "The minister said the reform would be completed budúci rok, but the vláda refused to comment.\n"
    flags = detect(make(dirty, src_lang="sk", tgt="en"))
    assert texts(flags) == ["budúci rok", "vláda"]


def test_source_language_spelling_of_a_name_the_document_translates_is_minor():
    text = ("Poutine a reçu le président chinois au Kremlin. Selon les analystes, Putin cherche des alliés. "
            "Poutine doit se rendre à Pékin en mai.\n")
    flags = detect(make(text))
    assert texts(flags) == ["Putin"]
    assert flags[0].severity == "minor" and flags[0].suggestion == "Poutine"


def test_dateline_in_source_language_form_is_minor():
    flags = detect(make("LONDON — Le gouvernement britannique a présenté son budget mercredi.\n"))
    assert texts(flags) == ["LONDON"] and flags[0].severity == "minor"
    assert detect(make("PARIS — Le gouvernement a présenté son budget mercredi.\n")) == []


def test_with_source_a_name_rendered_elsewhere_is_flagged_with_its_rendering():
    src = ("Beijing said on Monday that talks would resume.\n\n"
           "Officials in Beijing declined to comment.\n\n"
           "Analysts expect Beijing to respond within days.\n")
    hyp = ("Pékin a déclaré lundi que les discussions reprendraient.\n\n"
           "Les responsables à Pékin ont refusé de commenter.\n\n"
           "Les analystes s’attendent à ce que Beijing réponde dans les prochains jours.\n")
    flags = detect(make(hyp, src))
    assert texts(flags) == ["Beijing"]
    assert flags[0].suggestion == "Pékin" and flags[0].severity == "minor"


def test_two_words_as_likely_to_be_the_rendering_teach_nothing():
    # "Londres" and "Pékin" both stand where the source has "Beijing": no guess (it used to be
    # whichever came first, in set order: wrong here, and dependent on the hash seed).
    src = ("Beijing said no to the plan on Monday.\n"
           "Beijing wants peace in the region, officials said.\n"
           "Beijing refused the offer from the allies.\n")
    hyp = ("Beijing a dit non au plan lundi.\n"
           "Londres et Pékin veulent la paix dans la région, selon des responsables.\n"
           "Londres et Pékin ont refusé l’offre des alliés.\n")
    assert [f.suggestion for f in detect(make(hyp, src))] == []


def test_flags_do_not_depend_on_the_hash_seed(tmp_path):
    import subprocess
    import sys

    src = tmp_path / "src.txt"
    hyp = tmp_path / "hyp.txt"
    src.write_text("Beijing said on Monday that talks would resume.\n\nOfficials in Beijing declined to "
                   "comment.\n\nAnalysts expect Beijing and Moscow to respond.\n", encoding="utf-8")
    hyp.write_text("Pékin a déclaré lundi que les discussions reprendraient.\n\nLes responsables à Pékin ont "
                   "refusé de commenter.\n\nLes analystes attendent une réponse de Beijing et Moscou.\n",
                   encoding="utf-8")
    outputs = set()
    for seed in ("1", "2", "3"):
        run = subprocess.run([sys.executable, "-m", "evalkit", "flag", str(hyp), "--source", str(src),
                              "--src-lang", "en", "--tgt-lang", "fr", "--format", "json"],
                             capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed})
        assert run.returncode == 0, run.stderr
        outputs.add(run.stdout)
    assert len(outputs) == 1 and "Pékin" in outputs.pop()


def test_name_made_of_english_words_is_minor_but_known_names_are_not():
    src = "The Bank of England raised its rates, the Financial Times reported.\n"
    flags = detect(make("La Bank of England a relevé ses taux, a indiqué le Financial Times.\n", src))
    assert texts(flags) == ["Bank of England"] and flags[0].severity == "minor"
    assert "the source has the same name" in flags[0].evidence


def test_a_name_made_of_english_words_without_the_source_is_a_name_not_loose_words():
    # a real body's English name ("Transport for Wales") cannot be told from one left untranslated without the
    # source; nor is its first word, at a sentence's start, an English word of the sentence
    hyp = "Transport for Wales está probando en el norte un minibús que se reserva por teléfono.\n"
    assert detect(make(hyp, tgt="es")) == []
    hyp = "La Space for Cycling pide carriles protegidos en toda la ciudad.\n"
    assert detect(make(hyp, tgt="es")) == []


def test_organisation_with_an_established_target_name():
    flags = detect(make("Les membres de NATO se réunissent à Bruxelles.\n"))
    assert texts(flags) == ["NATO"] and flags[0].suggestion == "OTAN"
    assert detect(make("Les membres de l’OTAN se réunissent à Bruxelles.\n")) == []
    assert detect(make("Die NATO-Mitglieder treffen sich in Brüssel.\n", tgt="de")) == []


def test_unsupported_or_identical_languages_give_nothing():
    assert detect(make(SPUN_FR, src_lang="xx")) == []
    assert detect(make("The minister said the reform was tough.\n", src_lang="en", tgt="en")) == []
    assert detect(make("")) == []


def test_tokens_keep_offsets_and_split_glued_words():
    text = "Il s’est rendu au KazakhstanEn 2013, il a parlé.\nfrenchPoutine"
    tokens = tokenize(text)
    assert all(text[t.start:t.end] == t.text for t in tokens)
    assert "Kazakhstan" in [t.text for t in tokens] and "En" in [t.text for t in tokens]
    assert [t.text for t in tokens][-2:] == ["french", "Poutine"]


TRICKY = ["", "\n\n\n", "«»", "« »", "“", "\"", "'", "’’", "—", "A", "É", "ß", "İstanbul", "ǅ", "ﬁ",
          "🙂 emoji",
          "\u200b", "\u00a0", "a\u0301", "x" * 500, "NATO" * 50, "« unclosed quote", "Mc", "KazakhstanEn",
          "THE THE THE", "of of of", "Ⅻ", "١٢٣", "中文 text", "Ελλάδα", "Москва tough"]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_strings_never_raise(text):
    detect(make(text))
    detect(make(text, src=text))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["en", "de", "sk"]), st.sampled_from(["fr", "en", "de"]))
def test_never_raises_on_arbitrary_unicode(text, src_lang, tgt):
    detect(make(text, tgt=tgt, src_lang=src_lang))


# --- the fast scans give what the plain loops give ----------------------------------------------------
# The detector classifies each distinct word once, visits only the capitalised tokens where only they
# matter, finds the tokens of a quotation by bisection and learns renderings only from the segments
# that can teach one: the plain loops below (as the detector was first written) must agree on any text.

WORDS = st.sampled_from(["Le", "le", "ministre", "the", "of", "tough", "point", "view", "Putin", "Poutine",
                         "Beijing", "Pékin", "London", "Londres", "said", "a", "dit", "NATO", "OTAN", "Hunt",
                         "Financial", "Instances", "rapporté", "«", "»", "\"", ".", ",", "\n", "—", "x2",
                         "BREAKING", "NEWS", "TODAY", "Taiwan", "Taïwan", "worldwide", "É", "ß"])


def _plain_classes(tokens, masked, src, tgt, text):
    from evalkit.detectors.untranslated import _LEANING, NAME, _first_word_named, _gap_is_space, word_class

    out = []
    n = len(tokens)
    names = {t.text for t in tokens if t.capitalised and not t.initial and not t.caps_line and not t.all_caps}
    for i, tok in enumerate(tokens):
        if i in masked:
            out.append((NAME, 0.0))
            continue
        if not tok.caps_line:
            if tok.all_caps:
                out.append((NAME, 0.0))
                continue
            if tok.capitalised and (not tok.initial or tok.text in names):
                out.append((NAME, 0.0))
                continue
            if tok.capitalised and tok.initial and i + 1 < n and tokens[i + 1].capitalised \
                    and tokens[i + 1].line == tok.line and not tokens[i + 1].initial and _gap_is_space(tokens, i):
                out.append((NAME, 0.0))
                continue
            # (since the thirty-seventh session: a first word of the source language that opens a name,
            # "Putin le Le" read as a name's words joined by a connector)
            if tok.capitalised and tok.initial and word_class(tok.lower, src, tgt)[0] in _LEANING \
                    and _first_word_named(text, tokens, i, src, tgt):
                out.append((NAME, 0.0))
                continue
        out.append(word_class(tok.lower, src, tgt))
    return out


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=60), st.sets(st.integers(0, 60), max_size=8))
def test_word_classes_as_the_plain_loop(words, masked):
    text = " ".join(words)
    tokens = tokenize(text)
    assert UntranslatedDetector()._classes(tokens, masked, "en", "fr", text) == _plain_classes(tokens, masked, "en", "fr",
                                                                                             text)


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=40), st.lists(WORDS, max_size=40))
def test_quoted_phrases_as_the_plain_loop(words, source_words):
    from evalkit.detectors.text import WORD
    from evalkit.detectors.untranslated import _source_words, _words_of, quote_spans

    text, source = " ".join(words), " ".join(source_words)
    doc = DetectionInput(hypothesis=text, src_lang="en", tgt_lang="fr", source=source)
    tokens = tokenize(text)
    masked, flags = UntranslatedDetector()._masked(doc, tokens, [], "en", "fr", _source_words(doc))
    # the plain loop: which tokens are in which quotation, and which phrases the source has
    quotes = quote_spans(text)
    inside: dict[int, list[int]] = {}
    qi = 0
    for i, tok in enumerate(tokens):
        while qi < len(quotes) and quotes[qi][1] <= tok.start:
            qi += 1
        if qi < len(quotes) and quotes[qi][0] <= tok.start and tok.end <= quotes[qi][1]:
            inside.setdefault(qi, []).append(i)
    # without an alignment, only a quotation of five words or more the source has verbatim is flagged
    joined = f" {' '.join(WORD.findall(source.casefold()))} "
    for f in flags:
        assert len([w for w in WORD.findall(f.text) if len(w) > 1]) >= 5
        assert f" {' '.join(_words_of(f.text))} " in joined
    assert all(any(q[0] <= f.start and f.end <= q[1] for q in quotes) for f in flags)
    assert masked <= {i for members in inside.values() for i in members}


def _plain_learned(doc, src, tgt):
    """_learned_translations as first written: every link's candidates worked out."""
    from evalkit.detectors.text import aligned_tokens, spelling_key, zipf
    from evalkit.detectors.untranslated import _variant_of

    verbatim, absent, surface = {}, {}, {}
    for s_tokens, t_tokens, _, _ in aligned_tokens(doc):
        s_fold = {t.text.casefold() for t in s_tokens}
        t_fold = {t.text.casefold() for t in t_tokens}
        s_names = {t.text.casefold() for t in s_tokens if t.capitalised and len(t.text) >= 3}
        candidates = {}
        for t in t_tokens:
            if t.capitalised and not t.all_caps and len(t.text) >= 3 and t.text.casefold() not in s_fold:
                candidates[t.text.casefold()] = None
                surface.setdefault(t.text.casefold(), t.text)
        explained = {c for c in candidates if any(spelling_key(c) == spelling_key(n) or _variant_of(c, n)
                                                  for n in s_names)}
        for t in s_tokens:
            if not t.capitalised or len(t.text) < 4 or t.initial and zipf(t.lower, src) >= 4.5:
                continue
            key = t.text.casefold()
            if key in t_fold:
                verbatim[key] = verbatim.get(key, 0) + 1
            else:
                absent.setdefault(key, []).append((candidates, explained))
    learned = {}
    for key, lists in absent.items():
        if key not in verbatim:
            continue
        similar_found = [c for cands, _ in lists for c in cands if _variant_of(key, c)
                         and zipf(c, tgt) - zipf(c, src) >= 0.5]
        if similar_found:
            learned[key] = surface.get(similar_found[0], similar_found[0])
            continue
        zs, zt = zipf(key, src), zipf(key, tgt)
        if len(lists) < 2 or zs < 3.0 or zs - zt < 0.5:
            continue
        counts = {}
        for cands, explained in lists:
            for c in cands:
                if c not in explained:
                    counts[c] = counts.get(c, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        best = ranked[0] if ranked else None
        if best and len(ranked) > 1 and ranked[1][1] == best[1]:
            continue
        if best and best[1] >= 2 and best[1] >= 0.6 * len(lists) and spelling_key(best[0]) != spelling_key(key) \
                and zipf(best[0], tgt) - zipf(best[0], src) >= 0.5:
            learned[key] = surface.get(best[0], best[0])
    return learned


NAMES_EN = ["Putin", "Beijing", "London", "Moscow", "Kyiv", "Zelensky", "Hunt", "Biden"]
NAMES_FR = ["Poutine", "Pékin", "Londres", "Moscou", "Kiev", "Zelensky", "Hunt", "Biden", "PÉKIN", "Pékinois"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(NAMES_EN), st.sampled_from(NAMES_FR), st.booleans()),
                min_size=1, max_size=8))
def test_learned_renderings_and_source_words_as_the_plain_loops(pairs):
    from evalkit.detectors.text import aligned_tokens
    from evalkit.detectors.untranslated import _learned_translations, _source_words

    source = "\n\n".join(f"The leader met {en} in the city on Monday." for en, _, _ in pairs)
    mt = "\n\n".join(f"Le dirigeant a rencontré {en if kept else fr} dans la ville lundi."
                     for en, fr, kept in pairs)
    doc = make(mt, source)
    assert _learned_translations(doc, "en", "fr") == _plain_learned(doc, "en", "fr")
    plain = {}
    for s_tokens, t_tokens, _, _ in aligned_tokens(doc):
        for t in t_tokens:
            plain[t.start] = {s.lower for s in s_tokens}
    words = _source_words(doc)
    for t in tokenize(mt):
        assert words.get(t.start, ()) == plain.get(t.start, ())


# --- the tokenizer in C (evalkit/detectors/_tokens.c) gives the Python tokenizer's tokens -------------

def test_the_c_tokenizer_is_built_where_a_compiler_is() -> None:
    import shutil

    from evalkit.detectors import text as tokens_module

    if not (shutil.which("cc") or shutil.which("gcc")) or os.environ.get("EVALKIT_PURE_PYTHON_TOKENS"):
        pytest.skip("no C compiler here, or the Python tokenizer was asked for")
    assert tokens_module._accelerated is not None, "evalkit.detectors._tokens is not built: reinstall evalkit"


def _both_tokenizers(text: str, starts: tuple[int, ...]) -> tuple[list, list]:
    from evalkit.detectors import text as tokens_module

    def plain(result):   # (type, fields) of each token, and the starts
        tokens, offsets = result
        return [(type(t), tuple(t)) for t in tokens], list(offsets)

    if tokens_module._accelerated is None:
        pytest.skip("the C tokenizer is not built")
    in_c = plain(tokens_module.tokens_and_starts.__wrapped__(text, starts))
    tokens_module._use_accelerator = False
    try:
        in_python = plain(tokens_module.tokens_and_starts.__wrapped__(text, starts))
    finally:
        tokens_module._use_accelerator = True
    return in_c, in_python


# Letters either side of the glue and sentence-start rules: Latin-1 edges (× ÷ ß ÿ À Þ), apostrophes, the
# blanks and openers before a sentence, hyphens, digits, "_", other scripts, special casing (İ, final Σ).
TOKEN_CHARS = st.sampled_from(list("abcxyzABCXYZàéßÿÀÉÞ×÷µ _-‐'’\"«»“”„.!?…:;|—–([•*>·\t\n\u00a0\u202f\u2009"
                                   "0123456789²Ⅻ١İıΣσςΟΔΑ中🙂ǅ\u0301"))


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(TOKEN_CHARS, max_size=200).map("".join),
                 st.lists(st.sampled_from(["frenchPoutine", "KazakhstanEn", "ÉTATS", "Ελλάδα", "ΟΔΟΣ", "OTAN",
                                           "Le", "le", " ", ". ", "\n", "- ", " -", "« ", "’", "l’État",
                                           "abcÀbc", "xyz÷Ab", "abc×de", "1ST", "x_y", "Σ'Α"]),
                          max_size=40).map("".join)),
       st.lists(st.integers(-3, 210), max_size=6))
def test_c_tokenizer_equals_python_tokenizer(text, starts):
    in_c, in_python = _both_tokenizers(text, tuple(starts))
    assert in_c == in_python


def test_c_tokenizer_on_the_bundled_corpus():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "corpora" / "spinner-news-en-fr"
    files = sorted(root.glob("source/*.txt")) + sorted(root.glob("systems/*/*.txt"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        starts = tuple(range(0, len(text), 97))
        in_c, in_python = _both_tokenizers(text, starts)
        assert in_c == in_python, path


def test_c_tokenizer_takes_any_segment_start():
    in_c, in_python = _both_tokenizers("Hello world. Big\nSmall", (10**30, -10**30, 6, 6, 17))
    assert in_c == in_python


# --- segments left in the source language, German nouns, English terms in German (issue 15)

def test_a_segment_wholly_in_english_is_one_critical_flag_in_german():
    src = "The minister spoke for an hour. So here it is. The vote is on Friday."
    hyp = "Der Minister sprach eine Stunde lang. So here it is. Die Abstimmung ist am Freitag."
    for doc in (make(hyp, src, tgt="de"), make(hyp, tgt="de")):
        flags = detect(doc)
        assert [(f.text, f.severity) for f in flags] == [("So here it is", "critical")]
        assert "language identification gives en" in flags[0].evidence
    assert "the aligned source has 4 of its 4 words" in detect(make(hyp, src, tgt="de"))[0].evidence


def test_a_whole_english_paragraph_is_one_flag_per_segment_not_per_word():
    src = ("The central bank raised its key rate on Thursday. Analysts had expected the decision.\n")
    hyp = ("La banque centrale a relevé jeudi son taux directeur. Analysts had expected the decision.\n")
    flags = detect(make(hyp, src))
    assert [(f.text, f.severity) for f in flags] == [("Analysts had expected the decision", "critical")]


def test_a_short_english_segment_without_strong_evidence_is_major_not_critical():
    # two words, no source: language identification alone is not enough for a non-translation
    flags = detect(make("Le ministre a parlé une heure.\n\nThanks again.\n"))
    assert [(f.text, f.severity) for f in flags] == [("Thanks again", "major")]


def test_a_german_sentence_with_an_english_quotation_is_not_a_segment_in_english():
    hyp = "„Yes we can“, sagte der Präsident vor seinen Anhängern in Chicago und lächelte."
    assert [f for f in detect(make(hyp, tgt="de")) if f.severity == "critical"] == []


def test_names_and_titles_alone_are_no_segment_in_english():
    hyp = ("Er spielt seit drei Jahren in der Premier League.\n\nManchester United – Liverpool FC\n\n"
           "Bohemian Rhapsody\n")
    assert detect(make(hyp, tgt="de")) == []


def test_ordinary_capitalised_german_nouns_are_not_english():
    src = ("The club paid one million euros. Last year it paid two billion. The lakes of the region are frozen. "
           "It was one of those moments nobody forgets. Register at the town hall. He plays in the Premier "
           "League. They had no time to react.")
    hyp = ("Der Verein zahlte eine Million Euro. Im letzten Jahr zahlte er zwei Milliarden. Die Seen der Region "
           "sind zugefroren. Es war einer jener Moments, die niemand vergisst. Register im Rathaus. Er spielt in "
           "der Premier League. Sie keine Zeit hatten, um zu reagieren.")
    assert detect(make(hyp, src, tgt="de")) == []
    assert detect(make(hyp, tgt="de")) == []


def test_an_english_noun_left_in_german_is_flagged_with_the_source_as_evidence():
    src = "Our suppliers deliver every week. Greenwood scored twice."
    hyp = "Unsere Suppliers liefern jede Woche. Am Samstag traf Greenwood zweimal."
    flags = detect(make(hyp, src, tgt="de"))
    assert [(f.text, f.severity) for f in flags] == [("Suppliers", "major")]
    assert "the source writes 'suppliers' in lowercase" in flags[0].evidence
    # a loanword German uses, and a name the source capitalises, stay out
    assert detect(make("Der Lockdown endete im Mai. Am Samstag traf Greenwood zweimal.",
                       "The lockdown ended in May. Greenwood scored twice.", tgt="de")) == []


def test_copy_of_the_source_is_one_non_translation_per_segment():
    src = ("Xi personally warned Putin against nuclear strikes, officials said on Friday.\n\n"
           "The warning was delivered during a meeting in Moscow last month.\n")
    flags = detect(make(src, src, tgt="fr"))
    assert [(f.text, f.severity) for f in flags] == [
        ("Xi personally warned Putin against nuclear strikes, officials said on Friday", "critical"),
        ("The warning was delivered during a meeting in Moscow last month", "critical")]


def test_words_no_target_list_knows_are_found_by_language_identification_and_the_source():
    es = "En Barcelona los vecinos protestaron contra el overtourism y la subida de los alquileres."
    assert texts(detect(make(es, tgt="es"))) == ["overtourism"]
    ru = "В мэрии сообщили, что на уборку улиц вышли 120 000 рабочих и 13 000 snowploughs."
    assert texts(detect(make(ru, tgt="ru"))) == ["snowploughs"]
    zh = "The mayor said the 新冠疫情 was over and the schools would reopen on Monday."
    flags = detect(make(zh, tgt="en", src_lang="zh"))
    assert texts(flags) == ["新冠疫情"] and "another script" in flags[0].evidence
    # the rest of a name after an apostrophe is not a rare word
    name = "Die Schauspielerin Q'orianka Kilcher wurde am Flughafen festgenommen."
    assert detect(make(name, "The actress Q'orianka Kilcher was arrested at the airport.", tgt="de")) == []


def test_a_lowercase_run_of_weaker_words_needs_language_identification():
    assert texts(detect(make("Das Geld soll in den Bau eines neuen data centre in Brandenburg fließen.",
                             tgt="de"))) == ["data centre"]
    # the same words as a name in capitals are left to the name rules
    assert detect(make("Der Vertrag NEW START läuft 2026 aus.", tgt="de")) == []


def test_quoted_titles_with_their_creator_pass():
    song = "Sur Spotify, « Flowers » de Miley Cyrus a été la chanson la plus écoutée de l’année."
    assert detect(make(song)) == []


def test_a_weaker_word_the_source_has_verbatim_needs_a_gap_where_the_target_uses_it():
    src = "The crisis is driven by weak demand for electric cars. The video went viral on Monday."
    hyp = "Die Krise wird durch die schwache demand nach Elektroautos angetrieben. Das Video ging am Montag viral."
    assert texts(detect(make(hyp, src, tgt="de"))) == ["demand"]


def test_a_quoted_clause_the_source_has_verbatim_is_untranslated_but_a_quoted_term_is_not():
    src = ('The council agreed to build a crematorium "next door to a retirement village". '
           'Engineers call it a "door plug".')
    hyp = ('Der Stadtrat stimmte zu, ein Krematorium "next door to a retirement village" zu bauen. '
           'Ingenieure nennen es einen "door plug".')
    flags = detect(make(hyp, src, tgt="de"))
    assert texts(flags) == ["next door to a retirement village"]
    assert "the source has the same words" in flags[0].evidence


def test_an_english_name_kept_in_german_with_a_noun_german_translates_is_minor():
    src = ("According to Harbour Rescue Council, the road will reopen. He plays in the Premier League. "
           "Deutsche Bank raised its forecast.")
    hyp = ("Laut Harbour Rescue Council wird die Straße wieder geöffnet. Er spielt in der Premier League. "
           "Die Deutsche Bank hob ihre Prognose an.")
    flags = detect(make(hyp, src, tgt="de"))
    assert [(f.text, f.severity) for f in flags] == [("Harbour Rescue Council", "minor")]
    assert "Council" in flags[0].evidence and "language identification" in flags[0].evidence
    assert detect(make(hyp, tgt="de")) == []   # without the source: no evidence that the name was kept


def test_a_bodys_own_english_name_led_by_its_place_is_kept_in_german_without_a_flag():
    # "Cornwall", "Nigerian": words English writes only with a capital (WordNet; english_proper_words.tsv)
    src = "According to Cornwall Council, the road will reopen. The Nigerian Security Council met on Monday."
    hyp = ("Laut Cornwall Council wird die Straße wieder geöffnet. Der Nigerian Security Council tagte am "
           "Montag.")
    assert detect(make(hyp, src, tgt="de")) == []


def test_a_segment_quoting_english_in_an_english_copy_is_one_non_translation_per_segment():
    src = ('Putin said: "We highly value the balanced position of our friends. We understand your questions '
           'and concerns about this." The meeting lasted two hours.')
    flags = detect(make(src, src))
    assert [f.severity for f in flags] == ["critical"] * 3


def test_a_name_with_an_english_possessive_kept_from_the_source_is_flagged_at_a_sentence_start():
    # "President's Cup" opens the headline: the possessive ties the capitalised words into one name,
    # which the source writes the same, with an English noun German translates (Präsident)
    src = "President's Cup: Candystripes beat Rovers in the season opener."
    hyp = "President's Cup: Die Candystripes besiegen die Rovers zum Saisonauftakt."
    flags = detect(make(hyp, src, tgt="de"))
    assert [(f.text, f.severity) for f in flags] == [("President's Cup", "minor")]
    assert "President" in flags[0].evidence


def test_possessive_brand_and_owner_names_are_not_english_terms():
    # no common English noun German has its own word for: a brand, a bar named after its owner
    for src, hyp in (("He queued for hours outside McDonald's Restaurant in Moscow.",
                      "Er stand stundenlang vor McDonald's Restaurant in Moskau an."),
                     ("The band played at Andrea's Bar in Berlin.", "Die Band spielte in Andrea's Bar in Berlin.")):
        assert detect(make(hyp, src, tgt="de")) == []


def test_an_acronym_kept_from_the_source_that_german_hardly_writes_is_minor():
    src = "The DOJ and the FBI said NATO had been told, news agency dpa reported."
    hyp = "Das DOJ und das FBI sagten, die NATO sei informiert worden, meldete die Nachrichtenagentur dpa."
    flags = detect(make(hyp, src, tgt="de"))
    assert [(f.text, f.severity) for f in flags] == [("DOJ", "minor")]
    assert "the aligned source has it" in flags[0].evidence
    # without the source saying so, an acronym is left alone
    assert detect(make(hyp, tgt="de")) == []


def test_a_segment_that_goes_on_in_english_after_german_words_is_flagged_from_there():
    hyp = "West-Ham-Manager David Moyes sagte, his side had given everything."
    flags = detect(make(hyp, tgt="de"))
    assert [(f.text, f.severity) for f in flags] == [("his side had given everything", "major")]


# --------------------------------------------------------------------------- a run the aligned source has word
# for word (texts written for this test)

@pytest.mark.parametrize("tgt, hyp, src, expected", [
    # "by" and "much" are function words of English, "as" a French word too: no word rule takes it
    ("fr", "Les éleveurs devront réduire leurs troupeaux by as much as 10 %.",
     "Breeders will have to cut their herds by as much as 10%.", "by as much as"),
    ("es", "Los precios subieron, more or less, un 3 % en marzo.",
     "Prices rose, more or less, by 3% in March.", "more or less"),
])
def test_a_run_the_aligned_source_has_word_for_word_is_flagged(tgt, hyp, src, expected):
    flags = detect(make(hyp, src, tgt=tgt))
    assert expected in texts(flags)
    assert any("in the same order" in f.evidence for f in flags if f.text == expected)


@pytest.mark.parametrize("tgt, hyp, src", [
    # words both languages write the same way, in the same order ("a priori", a name, a number)
    ("fr", "Le plan semblait a priori solide, selon la ministre.", "The plan seemed a priori sound, the minister said."),
    ("de", "Die Band spielte am Freitag in New York.", "The band played in New York on Friday."),
    # a place and an adjective built on it ("Dresdner") are no source name left untranslated
    ("de", "In Dresden stürzte die Brücke ein. Die Dresdner Behörden prüfen nun alle Brücken.",
     "In Dresden the bridge collapsed. Dresden authorities are now checking all bridges."),
])
def test_words_both_languages_write_alike_are_not_flagged(tgt, hyp, src):
    assert texts(detect(make(hyp, src, tgt=tgt))) == []


def test_a_place_kept_with_its_county_or_street_in_german_is_no_untranslated_name():
    # a place's own name: German keeps "Harwick County" and "Mill Street" as the place is called; the nouns of a
    # body's name beside them still count ("Harwick Mountain Rescue")
    src = ("Roads in Harwick County were closed on Monday. The shop on Mill Street reopened. "
           "Harwick Mountain Rescue was called out twice.")
    hyp = ("Die Straßen im Harwick County waren am Montag gesperrt. Der Laden in der Mill Street öffnete wieder. "
           "Die Harwick Mountain Rescue wurde zweimal gerufen.")
    flags = detect(make(hyp, src, tgt="de"))
    assert [f.text for f in flags] == ["Harwick Mountain Rescue"]


def test_an_english_term_quoted_in_brackets_after_its_translation_is_no_untranslated_text():
    # the translator gives the original term after the target language's words: quoted on purpose, also
    # where the source has it and the word is no Spanish word ("parboiled")
    hyp = "Muchos dueños de casetas de pesca («fishing huts») siguen sin seguro contra inundaciones."
    assert texts(detect(make(hyp, tgt="es"))) == []
    src = "The government also cut the duty on exports of parboiled rice."
    hyp = "El Gobierno también rebajó el arancel a la exportación de arroz vaporizado («parboiled»)."
    assert texts(detect(make(hyp, src, tgt="es"))) == []


def test_a_place_inside_a_bodys_english_name_is_no_source_language_spelling():
    # "Transport Malta": a place right after a capitalised noun, where French would write "de";
    # "Caribbean News Corporation": a word of the run leans to English
    text = ("Malte a annoncé lundi de nouvelles règles. Selon Transport Malta, les bateaux seront contrôlés. "
            "La Caribbean News Corporation a diffusé l'annonce. Malte veut aussi plus de navettes.\n")
    assert detect(make(text)) == []
    # the place alone in English beside its French spelling is still one
    text = "Malte a annoncé lundi de nouvelles règles. Selon les analystes, Malta cherche des alliés.\n"
    assert texts(detect(make(text))) == ["Malta"]

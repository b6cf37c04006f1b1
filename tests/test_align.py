"""Tests for evalkit.alignment.aligner: link types, junk as insertions, coverage and monotonicity."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.alignment import aligner as align_module
from evalkit.alignment.aligner import (
    Link,
    align,
    align_corpus,
    align_segments,
    features,
    junkiness,
    learn_lexicon,
    word_keys,
)
from evalkit.detectors import make_detectors, run_detectors
from evalkit.detectors.base import prepare_input
from evalkit.segment import segment

# A short news story written for these tests, and its French translation as a scraping site
# would serve it: junk lines, an ad marker, a teaser, a leaked prompt, a comment form.
SOURCE = [
    "Putin warns the West",
    "Russian President Vladimir Putin warned Western countries on Tuesday against sending more weapons to Ukraine.",
    "He spoke in Moscow after meeting Chinese Foreign Minister Wang Yi.",
    "Trade between Russia and China rose 30 percent to $190 billion in 2022.",
    "The Kremlin did not comment on the report.",
]
MT = [
    "in",
    "Poutine met en garde l’Occident",
    "[ad_1]",
    ("Le président russe Vladimir Poutine a mis en garde mardi les pays occidentaux contre l’envoi "
     "de nouvelles armes à l’Ukraine."),
    "READ Les prix de l’énergie flambent en Europe",
    "Il s’est exprimé à Moscou après avoir rencontré le ministre chinois des Affaires étrangères Wang Yi.",
    "Make this article seo compatible, let there be subheadings for the article and be in french",
    "Le commerce entre la Russie et la Chine a augmenté de 30 % pour atteindre 190 milliards de dollars en 2022.",
    "Le Kremlin n’a pas commenté le rapport.",
    "Laisser un commentaire",
]


def pairs(links: list[Link]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(lk.source, lk.target) for lk in links]


def test_junk_lines_come_out_as_insertions() -> None:
    assert pairs(align(SOURCE, MT)) == [
        ((), (0,)), ((0,), (1,)), ((), (2,)), ((1,), (3,)), ((), (4,)), ((2,), (5,)), ((), (6,)),
        ((3,), (7,)), ((4,), (8,)), ((), (9,)),
    ]


def test_duplicated_line_is_an_insertion_at_its_second_copy() -> None:
    mt = MT[:6] + [MT[5]] + MT[7:]
    links = pairs(align(SOURCE, mt))
    assert ((2,), (5,)) in links
    assert ((), (6,)) in links


# A repeated line before a sentence that shares no name or number with its source: written for this test.
REPEAT_SOURCE = [
    "Coach Sergei Semak has now won six titles with the club.",
    "The national federation presented the trophy after the final whistle.",
    "Russian clubs remain banned from European competitions.",
    "Cassierra was the top scorer this season with 21 goals.",
]
REPEAT_MT = [
    "L’entraîneur Sergueï Semak a remporté six titres avec le club.",
    "L’entraîneur Sergueï Semak a remporté six titres avec le club.",
    "La fédération nationale a remis le trophée après le coup de sifflet final.",
    "À LIRE AUSSI : le Spartak annonce le départ de son entraîneur",
    "Cassierra a été le meilleur buteur de la saison avec 21 buts.",
]


@pytest.mark.parametrize("accelerated", [True, False])
def test_a_line_repeated_is_an_insertion_and_the_next_sentence_keeps_its_rendering(accelerated: bool,
                                                                                  monkeypatch) -> None:
    # the repeat renders the sentence before it: it must not take the next source sentence's place
    monkeypatch.setattr(align_module, "_use_accelerator", accelerated)
    align_module._analyse.cache_clear()
    assert pairs(align(REPEAT_SOURCE, REPEAT_MT)) == [((0,), (0,)), ((), (1,)), ((1,), (2,)), ((2,), ()),
                                                      ((), (3,)), ((3,), (4,))]
    align_module._analyse.cache_clear()


def test_dropped_sentence_is_an_omission() -> None:
    mt = [MT[1], MT[3], MT[7], MT[8]]
    assert pairs(align(SOURCE, mt)) == [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((4,), (3,))]


@pytest.mark.parametrize("junk", [
    "Ce site utilise des cookies pour améliorer votre expérience de navigation.",
    "Inscrivez-vous à notre newsletter quotidienne pour recevoir l’essentiel de l’actualité.",
    "À LIRE AUSSI : Les prix de l’énergie flambent en Europe cet hiver",
    "Partager : Facebook Twitter LinkedIn E-mail WhatsApp",
    # a teaser with a number the source sentence lacks: a translation adds no number
    "NOS IDÉES SORTIES : cinq escapades en train à moins de 80 euros",
])
@pytest.mark.parametrize("accelerated", [True, False])
def test_a_dropped_sentence_beside_a_junk_line_is_an_omission_and_an_insertion(junk: str, accelerated: bool,
                                                                                monkeypatch) -> None:
    # The junk line stands where the sentence was and shares no name or number with it: pairing
    # them would hide the omission.
    monkeypatch.setattr(align_module, "_use_accelerator", accelerated)
    align_module._analyse.cache_clear()
    mt = [MT[1], MT[3], junk, MT[7], MT[8]]
    assert pairs(align(SOURCE, mt)) == [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((), (2,)), ((3,), (3,)),
                                        ((4,), (4,))]
    align_module._analyse.cache_clear()


def test_a_junk_line_that_shares_a_number_with_its_source_may_still_be_paired() -> None:
    source = ["The mayor opened the bridge.", "Read more: 5 things to know about the new bridge", "It cost 12 million."]
    mt = ["Le maire a inauguré le pont.", "Read more: 5 choses à savoir sur le nouveau pont", "Il a coûté 12 millions."]
    assert pairs(align(source, mt)) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


def test_french_comment_is_not_a_comment_form() -> None:
    assert junkiness("Comment faire pour nous retrouver au milieu de cette foule ?", "fr") == 0.0
    assert junkiness("Comments (12)", "en") == 1.0
    assert junkiness("Laisser un commentaire", "fr") == 1.0


def test_two_sentences_rendered_as_one_is_a_2_1_link() -> None:
    source = [
        "The delegation arrived in Geneva on 4 March.",
        "The talks lasted three hours.",
        "They ended without any agreement.",
        "A new round is planned for 12 April in Vienna.",
    ]
    target = [
        "La délégation est arrivée à Genève le 4 mars.",
        "Les pourparlers ont duré trois heures et se sont terminés sans le moindre accord.",
        "Une nouvelle session est prévue le 12 avril à Vienne.",
    ]
    assert pairs(align(source, target)) == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]
    # And the other way round.
    assert pairs(align(target, source, src_lang="fr", tgt_lang="en")) == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]


def test_align_segments_uses_the_raw_text_lines() -> None:
    src = "Putin warns the West\n\n" + " ".join(SOURCE[1:4]) + "\n\n" + SOURCE[4] + "\n"
    mt = "\n".join(MT[:4]) + " " + MT[5] + "\n" + MT[7] + "\n\n" + MT[8] + "\n" + MT[9] + "\n"
    links = align_segments(segment(src, "en"), segment(mt, "fr"))
    assert pairs(links) == [
        ((), (0,)), ((0,), (1,)), ((), (2,)), ((1,), (3,)), ((2,), (4,)), ((3,), (5,)), ((4,), (6,)), ((), (7,)),
    ]


def test_link_scores_are_costs() -> None:
    links = align(SOURCE, MT)
    by_pair = {(lk.source, lk.target): lk for lk in links}
    assert by_pair[((3,), (7,))].score < 0  # numbers and names agree
    assert by_pair[((), (2,))].score == pytest.approx(0.5)  # junk: 3.0 - 2.5
    assert by_pair[((), (2,))].type == "0-1"


def test_numbers_are_normalised_across_conventions() -> None:
    def numbers(text: str) -> set[str]:
        return {k for k in features(text) if k.startswith("#")}

    assert numbers("5 000 people") == numbers("5,000 people") == numbers("5000 people") == {"#5000"}
    assert numbers("à 16h07") == numbers("at 16:07") == {"#t16:07"}
    assert numbers("3,5 %") == numbers("3.5%") == {"#3.5"}
    assert numbers("1\u202f234,5 m") == numbers("1,234.5 m") == {"#1234.5"}
    assert numbers("In 2013, 400 fled") == {"#2013", "#400"}


def test_features_cognates_names_and_stopwords() -> None:
    f = features("Le président Xi a rencontré Poutine à Moscou.")
    assert {"wpres", "wrenc", "wpout", "wmosc", "nxi"} <= set(f)
    assert not any(k in f for k in ("wdans", "wpour"))
    assert features("Président Xi")["wpres"] == features("President Xi met")["wpres"] == 1


def test_junkiness() -> None:
    assert junkiness("[ad_1]") == 1.0
    assert junkiness("in") == 1.0
    assert junkiness(".") == 1.0
    assert junkiness("READ Arrests in Paris as thousands march") == 1.0
    assert junkiness("Make this article seo compatible, let there be subheadings for the article", "fr") == 0.5
    assert junkiness("Le Kremlin n’a pas commenté le rapport.", "fr") == 0.0


def test_learn_lexicon_from_a_first_pass() -> None:
    src = [word_keys(t) for t in ("the mountain hut", "a mountain guide", "the hut was closed")]
    tgt = [word_keys(t) for t in ("la cabane de montagne", "un guide de montagne", "la cabane était fermée")]
    links = [Link((k,), (k,), 0.0) for k in range(3)]
    # "guide" is left to the cognate anchors; "the" loses "cabane" to "hut" (ties go by key).
    assert learn_lexicon([(src, tgt, links)]) == [("hut", "caban"), ("mount", "monta")]


def test_empty_sides() -> None:
    assert pairs(align([], [])) == []
    assert pairs(align(["a"], [])) == [((0,), ())]
    assert pairs(align([], ["a", "b"])) == [((), (0,)), ((), (1,))]


def test_unknown_option_is_refused() -> None:
    with pytest.raises(TypeError, match="unknown align option"):
        align(["a"], ["b"], bandwidth=3)


def test_align_corpus_shares_a_lexicon() -> None:
    docs = [(SOURCE, MT), (SOURCE[1:], MT[3:])]
    out = align_corpus(docs)
    assert pairs(out[0]) == pairs(align(SOURCE, MT))
    assert len(out) == 2 and all(isinstance(lk, Link) for lk in out[1])


def test_band_stays_narrow_on_a_long_document(monkeypatch: pytest.MonkeyPatch) -> None:
    widths = []
    real = align_module._banded_dp

    def spy(*args: object) -> object:
        widths.append(args[5])
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(align_module, "_banded_dp", spy)
    # The Python path shows its band widths; the C path (which widens the same way) its links.
    monkeypatch.setattr(align_module, "_use_accelerator", False)
    n = 400
    source = [f"Item {k} of the list costs {k * 7} francs." for k in range(n)]
    target = [f"L’article {k} de la liste coûte {k * 7} francs." for k in range(n)]
    target.insert(200, "[ad_1]")
    links = align(source, target, rounds=1)
    assert ((), (200,)) in pairs(links)
    assert len(links) == n + 1
    assert max(widths) <= 24  # a band, never the n x m matrix
    monkeypatch.setattr(align_module, "_use_accelerator", True)
    assert align(source, target, rounds=1) == links


def _check_links(links: list[Link], n: int, m: int) -> None:
    i = j = 0
    for lk in links:
        assert lk.source == tuple(range(i, i + len(lk.source)))
        assert lk.target == tuple(range(j, j + len(lk.target)))
        assert lk.type in {"1-1", "1-0", "0-1", "2-1", "1-2", "2-2", "3-1", "1-3"}
        i += len(lk.source)
        j += len(lk.target)
    assert (i, j) == (n, m)


_SENTENCE = st.text(alphabet=st.sampled_from(list("abcdeXYZ 0123456789.,?!«»éß") + ["\u00a0", "\ud83d"]),
                    max_size=60)


@settings(max_examples=60, deadline=None)
@given(st.lists(_SENTENCE, max_size=25), st.lists(_SENTENCE, max_size=25), st.integers(1, 8))
def test_full_coverage_and_monotonic_on_random_input(source: list[str], target: list[str], band: int) -> None:
    _check_links(align(source, target, band=band), len(source), len(target))


def test_deterministic_across_hash_seeds() -> None:
    code = ("from evalkit.alignment.aligner import align; import tests.test_align as t; "
            "print([(l.source, l.target, l.score) for l in align(t.SOURCE, t.MT)])")
    root = Path(__file__).resolve().parents[1]
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        outputs.add(subprocess.run([sys.executable, "-c", code], cwd=root, env=env, check=True,
                                   capture_output=True, text=True).stdout)
    assert len(outputs) == 1


# --- the aligner in C (evalkit/_aligndp.c) gives the Python aligner's links, to the last bit of
# each score (more in tests/test_align_fast.py)

needs_c = pytest.mark.skipif(align_module._accelerated is None, reason="the C DP is not built")


def test_the_c_dp_is_built_where_a_compiler_is() -> None:
    import shutil

    if not (shutil.which("cc") or shutil.which("gcc")) or os.environ.get("EVALKIT_PURE_PYTHON_ALIGN"):
        pytest.skip("no C compiler here, or the Python DP was asked for")
    assert align_module._accelerated is not None, "evalkit._aligndp is not built: reinstall evalkit"


def _both(monkeypatch: pytest.MonkeyPatch, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    # Each path analyses the segments itself (the analysis cache is shared).
    monkeypatch.setattr(align_module, "_use_accelerator", True)
    align_module._analyse.cache_clear()
    in_c = fn(*args, **kwargs)
    monkeypatch.setattr(align_module, "_use_accelerator", False)
    align_module._analyse.cache_clear()
    in_python = fn(*args, **kwargs)
    align_module._analyse.cache_clear()
    return in_c, in_python


@needs_c
@settings(max_examples=150, deadline=None)
@given(st.lists(_SENTENCE, max_size=25), st.lists(_SENTENCE, max_size=25), st.integers(1, 8),
       st.sampled_from([{}, {"rounds": 1}, {"merge": 0.5, "merge_2_2": 0.1}, {"punct_weight": 0.0}]))
def test_c_dp_equals_python_dp_on_random_input(source: list[str], target: list[str], band: int,
                                               options: dict) -> None:
    with pytest.MonkeyPatch.context() as mp:
        in_c, in_python = _both(mp, align, source, target, band=band, **options)
    assert in_c == in_python


@needs_c
def test_c_dp_equals_python_dp_on_the_bundled_corpus_and_textberg(monkeypatch: pytest.MonkeyPatch) -> None:
    from evalkit.alignment.evaluate import load_textberg
    from evalkit.corpus import load_corpus

    from .conftest import BUNDLED

    corpus = load_corpus(BUNDLED)
    compared = 0
    for doc in corpus.documents:
        source = segment(doc.source, "en")
        for text in (doc.reference, *doc.hypotheses.values()):
            in_c, in_python = _both(monkeypatch, align_segments, source, segment(text, "fr"))
            assert in_c == in_python
            compared += 1
    docs = load_textberg(Path(__file__).parent / "data" / "textberg-de-fr")
    for _, s, t, _ in docs:
        in_c, in_python = _both(monkeypatch, align, s, t, src_lang="de", tgt_lang="fr")
        assert in_c == in_python
        compared += 1
    pairs_ = [(s, t) for _, s, t, _ in docs]
    in_c, in_python = _both(monkeypatch, align_corpus, pairs_, src_lang="de", tgt_lang="fr")
    assert in_c == in_python
    assert compared >= 27


# A council story written for these tests, and German renderings of it: the third sentence is
# omitted, and a newsletter pitch (no cue word the junk rules know) sits where it was.
COUNCIL = [
    "The city council of Springfield approved a new budget on Tuesday evening.",
    "The plan sets aside 12 million euros for the repair of old school buildings.",
    "Critics say the money will not be enough to fix the roofs of 40 schools before winter.",
    "The mayor, Helen Brandt, defended the decision in a short speech.",
    "She said the council would review the figures again in the spring.",
]
RAT = [
    "Der Stadtrat von Springfield hat am Dienstagabend einen neuen Haushalt beschlossen.",
    "Der Plan sieht 12 Millionen Euro für die Sanierung alter Schulgebäude vor.",
    "Die neuesten Nachrichten aus der Region jeden Morgen in Ihrem Postfach",
    "Die Bürgermeisterin Helen Brandt verteidigte die Entscheidung in einer kurzen Rede.",
    "Sie sagte, der Rat werde die Zahlen im Frühjahr erneut prüfen.",
]


def test_a_sentence_is_not_paired_with_an_inserted_line_that_shares_nothing_with_it() -> None:
    # the source sentence holds a number the line lacks, and no anchor is on both sides: the
    # omission and the insertion come out as such, not as a 1-1 link held by length
    assert pairs(align(COUNCIL, RAT, src_lang="en", tgt_lang="de")) == [
        ((0,), (0,)), ((1,), (1,)), ((2,), ()), ((), (2,)), ((3,), (3,)), ((4,), (4,)),
    ]


def test_a_wrong_number_or_another_script_keeps_the_pair() -> None:
    # a mistranslated number is still a number: the rendering stays paired (a number flag, not an
    # omission); a Russian rendering shares no cognate with English, nor, truncated, its number
    wrong = [*RAT[:2], "Kritiker sagen, das Geld reiche nicht, um die Dächer von 14 Schulen vor dem Winter zu "
                       "reparieren.", *RAT[3:]]
    assert ((2,), (2,)) in pairs(align(COUNCIL, wrong, src_lang="en", tgt_lang="de"))
    russian = ["Городской совет Спрингфилда во вторник вечером утвердил новый бюджет.",
               "План предусматривает 12 миллионов евро на ремонт старых школьных зданий.",
               "Критики говорят, что денег не хватит, чтобы отремонтировать крыши школ до",
               "Мэр Хелен Брандт защитила это решение в короткой речи.",
               "Она сказала, что совет пересмотрит цифры весной."]
    assert ((2,), (2,)) in pairs(align(COUNCIL, russian, src_lang="en", tgt_lang="ru"))


def test_a_sentence_merged_into_its_neighbours_link_is_split_off_when_it_shares_nothing() -> None:
    # "It was the first rise since 2019." has no rendering; length alone would merge it into the
    # 2-1 link of the sentence before it (whose number 12 the MT has); its 2019 is nowhere in the MT
    source = [COUNCIL[0], COUNCIL[1] + " It was the first rise since 2019.", *COUNCIL[3:]]
    mt = [RAT[0], "Der Plan sieht 12 Millionen Euro für die Sanierung alter Schulgebäude vor, die seit Jahren auf "
                  "eine Renovierung warten.", *RAT[3:]]
    links = pairs(align_segments(segment("\n".join(source), "en"), segment("\n".join(mt), "de"),
                                 src_lang="en", tgt_lang="de"))
    assert links == [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((4,), (3,))]


def test_names_are_anchors_across_scripts() -> None:
    # Cyrillic folds to Latin letters (evalkit/data/transliteration.tsv): Путин, Семак, ТАСС
    assert {"wputi", "wsema", "wtass"} <= set(features("Путин поздравил Семака, сообщил ТАСС."))
    assert {"wputi", "wsema", "wtass"} <= set(features("Putin congratulated Semak, TASS said."))


# a translation with a wrong number shares no anchor with its source: texts written for this test
SLIP_SOURCE = [
    "Prosecutors say he stole cryptocurrency worth about $800,000.",
    "He can still appeal the decision.",
    "The final decision rests with the government.",
]
SLIP_MT = [
    "La Fiscalía sostiene que robó criptomonedas por valor de unos 80.000 dólares.",
    "LEE TAMBIÉN: Detenido en Marbella un fugitivo buscado por la policía",
    "La decisión final corresponde al Gobierno.",
]


@pytest.mark.parametrize("accelerated", [True, False])
def test_a_sentence_and_its_rendering_with_a_slipped_number_are_paired(accelerated: bool, monkeypatch) -> None:
    monkeypatch.setattr(align_module, "_use_accelerator", accelerated)
    align_module._analyse.cache_clear()
    links = pairs(align(SLIP_SOURCE, SLIP_MT, src_lang="en", tgt_lang="es"))
    assert ((0,), (0,)) in links and ((1,), ()) in links and ((), (1,)) in links and ((2,), (2,)) in links
    align_module._analyse.cache_clear()


# a source sentence that length alone pairs with a leaked reply, its rendering unaligned beside it (the
# names cost the true pair more than leaving it out): texts written for this test
REPLY_SOURCE = [
    "Analysts expect the market to shrink by about 15% this year.",
    "\"People are waiting for cheaper loans,\" said Irina Volkova, a dealer in Samara.",
    "Road and Track noted that Russian buyers increasingly choose cars assembled in Kaliningrad.",
    "Sales of electric cars stayed small, at about 1,000 a month.",
    "The next figures will be published in early December.",
]
REPLY_MT = [
    "Аналитики ожидают, что в этом году рынок сократится примерно на 15%.",
    "«Люди ждут более дешёвых кредитов», — сказала дилер из Самары Ирина Волкова.",
    "Конечно!", "Вот переписанная статья в более живом стиле.", "Если нужно, могу добавить подзаголовки.",
    "Как отмечает «Дорога и трасса», российские покупатели всё чаще выбирают машины, собранные в Калининграде.",
    "Продажи электромобилей по-прежнему невелики — около 1000 штук в месяц.",
    "Следующие данные будут опубликованы в начале",
]


@pytest.mark.parametrize("accelerated", [True, False])
def test_a_sentence_held_with_a_reply_pairs_with_the_segment_that_keeps_its_name(accelerated: bool,
                                                                                monkeypatch) -> None:
    monkeypatch.setattr(align_module, "_use_accelerator", accelerated)
    align_module._analyse.cache_clear()
    links = pairs(align(REPLY_SOURCE, REPLY_MT, src_lang="en", tgt_lang="ru", source_lines=[True] * 5,
                        target_lines=[True, True, True, False, False, True, True, True]))
    assert links == [((0,), (0,)), ((1,), (1,)), ((), (2,)), ((), (3,)), ((), (4,)), ((2,), (5,)), ((3,), (6,)),
                     ((4,), (7,))]
    align_module._analyse.cache_clear()


def test_a_length_held_link_is_not_moved_to_a_neighbour_sharing_nothing() -> None:
    # the same page with the rendering's name and city gone: nothing says which line renders the sentence
    mt = REPLY_MT[:5] + ["Как отмечают журналисты, покупатели всё чаще выбирают машины местной сборки."] + REPLY_MT[6:]
    links = pairs(align(REPLY_SOURCE, mt, src_lang="en", tgt_lang="ru", source_lines=[True] * 5,
                        target_lines=[True, True, True, False, False, True, True, True]))
    assert ((2,), (5,)) not in links


@pytest.mark.parametrize("a, b, slip", [
    ("#800000", "#80000", True), ("#120", "#12", True), ("#1554", "#1455", True), ("#2024", "#2042", True),
    ("#800000", "#800000", False), ("#12", "#21", False), ("#1554", "#9999", False), ("#150", "#1500000", False),
])
def test_a_number_slip_is_a_digit_dropped_added_changed_or_swapped(a: str, b: str, slip: bool) -> None:
    assert align_module._number_slip(a, b) is slip


# --- the aligner and a leaked English reply before a rendering that shares no anchor with its source

_REPLY_SOURCE = [
    "The regional parliament approved the new water law on Thursday by 41 votes to 12.",
    "Officials said the reservoirs were at their lowest level since 1976.",
    "Garden Monthly said many growers were already cutting back on summer vegetables because watering had "
    "become too expensive.",
    "Farmers in the valley plan a protest march to the capital next week.",
    "The law takes effect on 1 June."]
_REPLY_MT = [
    "Региональный парламент в четверг принял новый закон о воде 41 голосом против 12.",
    "По словам чиновников, водохранилища находятся на самом низком уровне с 1976 года.",
    "All set!", "Fresh wording everywhere, tuned for a Russian audience.",
    "Shall I also write a shorter version for social media?",
    "«Садовый ежемесячник» пишет, что многие огородники уже отказываются от летних овощей, потому что полив стал "
    "слишком дорогим.",
    "Фермеры долины планируют на следующей неделе марш протеста к столице.",
    "Закон вступает в силу 1 июня."]


def test_a_leaked_english_reply_is_not_the_rendering_of_the_sentence_after_it():
    links = align(_REPLY_SOURCE, _REPLY_MT, src_lang="en", tgt_lang="ru", target_lines=[True] * len(_REPLY_MT))
    assert [link.target for link in links if link.source == (2,)] == [(5,)]
    assert [link.target for link in links if not link.source] == [(2,), (3,), (4,)]


def test_an_english_sentence_left_untranslated_stays_paired_with_its_source():
    mt = list(_REPLY_MT)
    mt[5] = _REPLY_SOURCE[2]   # the sentence kept in English: it renders the source, untranslated
    del mt[2:5]
    links = {link.source: link.target for link in align(_REPLY_SOURCE, mt, src_lang="en", tgt_lang="ru")}
    assert links[(2,)] == (2,)


def test_the_reply_is_no_omission_of_the_sentence_after_it():
    source = "\n".join(_REPLY_SOURCE) + "\n"
    mt = "\n".join(_REPLY_MT[:2] + [" ".join(_REPLY_MT[2:5])] + _REPLY_MT[5:]) + "\n"
    flags = run_detectors(prepare_input(mt, "en", "ru", source=source), make_detectors())
    assert not [f for f in flags if f.category == "accuracy/omission"]


# --- a bilingual dictionary's word pairs as anchors (fourteenth session): Russian shares no cognate with
# English, so without them a page with a junk line where a sentence was is aligned by length alone, shifted

_HARVEST_SOURCE = ["The harvest was the worst in a decade, farmers said on Monday.",
                   "Heavy rain in spring had flooded many fields near the river.",
                   "The government promised help for the families who lost their crops.",
                   "Prices for bread and flour rose sharply in the markets.",
                   "Some bakeries closed for a week because of the shortage."]
_HARVEST_MT = ["Урожай стал худшим за десять лет, заявили фермеры в понедельник.",
               "Сильные дожди весной затопили многие поля у реки.",
               "Подпишитесь на наш канал, чтобы первыми узнавать всё самое важное.",
               "Цены на хлеб и муку на рынках резко выросли.",
               "Некоторые пекарни закрылись на неделю из-за нехватки."]


def test_dictionary_pairs_anchor_a_translation_without_cognates():
    links = align(_HARVEST_SOURCE, _HARVEST_MT, src_lang="en", tgt_lang="ru")
    assert [(link.source, link.target) for link in links] == [
        ((0,), (0,)), ((1,), (1,)), ((2,), ()), ((), (2,)), ((3,), (3,)), ((4,), (4,))]
    assert all(link.score < 0 for link in links if link.source and link.target)


def test_without_the_dictionary_the_same_page_is_aligned_by_length_and_shifted():
    # what the option turns off: the links the aligner made before the dictionary (the test above's guard)
    links = align(_HARVEST_SOURCE, _HARVEST_MT, src_lang="en", tgt_lang="ru", dictionary=False)
    assert ((1,), (0,)) in [(link.source, link.target) for link in links]


def test_dictionary_pairs_are_the_documents_words_only():
    pairs = align_module._dictionary_pairs(["The harvest was poor."], ["Урожай был плохим."], "en", "ru")
    assert pairs == [("harve", "urozh")]   # word keys: folded 5-letter prefixes, Cyrillic in Latin letters
    assert align_module._dictionary_pairs(["The harvest was poor."], ["Урожай был плохим."], "ru", "en") == []


# --- a junk line glued to a truncated rendering: split off (where the dictionary covers the pair: Russian)

_LIBRARY_SOURCE = ["The city opened a new library in the old railway station on Saturday.",
                   "More than two thousand visitors came on the first day.",
                   "The mayor said the building would also host concerts and exhibitions in the summer months."]
_LIBRARY_MT = ["В субботу город открыл новую библиотеку в здании старого железнодорожного вокзала.",
               "В первый день её посетили более двух тысяч человек.",
               "Мэр сказал, что летом в здании также будут проходить концерты и",
               "Нравятся наши статьи?", "Поддержите нас уже сегодня."]


def test_a_junk_line_after_a_truncated_rendering_is_split_off():
    links = align(_LIBRARY_SOURCE, _LIBRARY_MT, src_lang="en", tgt_lang="ru", target_lines=[True, True, True, True, False])
    assert [(link.source, link.target) for link in links][-3:] == [((2,), (2,)), ((), (3,)), ((), (4,))]


def test_a_rendering_on_two_lines_stays_whole():
    # the second line renders the sentence's end ("exhibitions", "summer months"): it shares dictionary pairs
    mt = _LIBRARY_MT[:3] + ["выставки в летние месяцы."]
    links = align(_LIBRARY_SOURCE, mt, src_lang="en", tgt_lang="ru", target_lines=[True, True, True, True])
    assert [(link.source, link.target) for link in links][-1] == ((2,), (2, 3))


def test_the_dictionary_covers_languages_written_in_another_script_only():
    # French, German and Spanish share cognates with English, and the dictionary's broad senses misled there
    assert align_module.has_dictionary("en", "ru")
    assert not any(align_module.has_dictionary("en", lang) for lang in ("fr", "de", "es", "xx"))
    assert not align_module.has_dictionary("ru", "en")


# --- an omitted sentence that length alone paired with the next sentence's rendering, whose own source was
# held with a comment form below it: texts written for this test

_TREMOR_SOURCE = ["The state utility said supplies had not been interrupted.",
                  "Residents posted videos of shaking furniture on social media within minutes of the first tremor.",
                  "The authority said smaller aftershocks were possible over the coming days."]
_TREMOR_MT = ["La empresa pública aseguró que el suministro no se había interrumpido.",
              "La autoridad advirtió de que podrían producirse réplicas más pequeñas en los próximos días.",
              "Participa en el debate: identifícate con tu cuenta para comentar."]


@pytest.mark.parametrize("accelerated", [True, False])
def test_a_rendering_held_with_the_sentence_before_it_moves_to_the_sentence_it_shares_words_with(
        accelerated: bool, monkeypatch) -> None:
    # "autoridad", "pequeñas", "días" render "authority", "smaller", "days" (Wiktionary's translations); the
    # dropped sentence shares nothing with the line, and the comment form nothing with the last sentence
    monkeypatch.setattr(align_module, "_use_accelerator", accelerated)
    align_module._analyse.cache_clear()
    links = pairs(align(_TREMOR_SOURCE, _TREMOR_MT, src_lang="en", tgt_lang="es"))
    assert links == [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((), (2,))]
    align_module._analyse.cache_clear()


def test_a_rendering_stays_with_its_sentence_when_the_neighbour_shares_no_more_words():
    # the dropped sentence's neighbour rendered as loosely as the dropped one: nothing moves the link
    mt = _TREMOR_MT[:1] + ["Hubo mucho movimiento en las redes esa tarde."] + _TREMOR_MT[2:]
    links = pairs(align(_TREMOR_SOURCE, mt, src_lang="en", tgt_lang="es"))
    assert ((2,), (1,)) not in links


# --- an unaligned sentence and its rendering with another number, both left out: texts written for this test

_TRAM_SOURCE = ["The opposition said the line had been promised for a decade.",
                "The government expects about 12,000 extra trips a day once the extension opens.",
                "Public consultation on the design of the stops will run until the end of February."]
_TRAM_MT = ["L'opposition a déclaré que la ligne était promise depuis dix ans.",
            "Note pour le rédacteur automatique : rester factuel, pas de conclusion.",
            "Le gouvernement prévoit environ 20 000 déplacements supplémentaires par jour une fois le prolongement "
            "mis en service."]


def test_an_unaligned_sentence_and_segment_sharing_words_and_holding_numbers_are_paired():
    # "gouvernement" and "jour" render "government" and "day": a rendering with a wrong number, not an omission
    links = pairs(align(_TRAM_SOURCE, _TRAM_MT, src_lang="en", tgt_lang="fr"))
    assert ((1,), (2,)) in links and ((2,), ()) in links
    # without the dictionary two shared words say little: the two stay apart
    assert ((1,), (2,)) not in pairs(align(_TRAM_SOURCE, _TRAM_MT, src_lang="en", tgt_lang="fr", dictionary=False))


# --- a sentence paired with a leaked order while its rendering on the next line is unaligned: written for this test

_COURIER_SOURCE = ["The council met on Monday to discuss the new bridge over the river Avon.",
                   "The Bristol Courier noted that only about a third of local drivers would pay the planned toll.",
                   "The city pays up to 65 percent of the cost, but residents say the plans are hard to follow.",
                   "Residents can comment on the plans until 30 June."]
_COURIER_MT = ["Le conseil s'est réuni lundi pour discuter du nouveau pont sur la rivière Avon.",
               "Maintenant, rends ce paragraphe plus vivant pour nos lecteurs.",
               "Le Bristol Messenger a relevé que seul un tiers environ des automobilistes locaux paierait le péage "
               "prévu.",
               "Les habitants peuvent donner leur avis sur les plans jusqu'au 30 juin."]


@pytest.mark.parametrize("accelerated", [True, False])
def test_a_sentence_held_with_an_inserted_line_moves_to_the_unaligned_segment_it_shares_words_with(
        accelerated: bool, monkeypatch) -> None:
    # "Bristol", "tiers" (third), "locaux" (local), "péage" (toll) ...: the next line renders the sentence; the
    # order shares nothing with it, and the dropped sentence after it nothing with either
    monkeypatch.setattr(align_module, "_use_accelerator", accelerated)
    align_module._analyse.cache_clear()
    links = pairs(align(_COURIER_SOURCE, _COURIER_MT, src_lang="en", tgt_lang="fr"))
    assert links == [((0,), (0,)), ((), (1,)), ((1,), (2,)), ((2,), ()), ((3,), (3,))]
    align_module._analyse.cache_clear()


def test_a_sentence_stays_with_its_segment_when_the_unaligned_one_shares_no_more_words():
    # the unaligned line renders the sentence no better than the one it is held with: nothing moves the link
    mt = _COURIER_MT[:2] + ["Le journal a publié un long article sur la question."] + _COURIER_MT[3:]
    links = pairs(align(_COURIER_SOURCE, mt, src_lang="en", tgt_lang="fr"))
    assert ((1,), (2,)) not in links

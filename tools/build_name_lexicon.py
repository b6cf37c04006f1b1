"""Writes evalkit/data/name_words_ror.tsv: translations of the words of organisation names, mined from
the multilingual labels of the Research Organization Registry (ROR). Run once, by hand; never at run time:

    PYTHONPATH=. python tools/build_name_lexicon.py ROR_DIR [--ror-commit SHA] > evalkit/data/name_words_ror.tsv

ROR_DIR is a clone, bare or not, of https://github.com/ror-community/ror-records (CC0 1.0); each record
is taken in its newest release. A record's English name and its label in a language ("Technical
University of Munich" / "Technische Universität München") are split into content words
(name_forms.name_words: folded, glue words out); a word written alike on both sides (a name) is left
out; every English word is counted with every label word of the same record. A label word is kept for
an English word when they share at least MIN_COUNT records and their Dice coefficient
(2 x both / (English + label)) is at least MIN_DICE. Same input, same bytes. The agreement with the
hand-written evalkit/data/name_words.tsv goes to stderr.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from ror_records import git, newest_records

from evalkit.detectors.name_forms import name_words, translates

ROR_URL = "https://github.com/ror-community/ror-records"
LANGS = ("fr", "de", "es", "it", "pt", "ru")
MIN_COUNT = 3
MIN_DICE = 0.3
# a label word must be written in its language's script, three letters or more
_SCRIPT = {"ru": re.compile(r"^[а-яё]{3,}$")}
_LATIN = re.compile(r"^[a-zß]{3,}$")
_PAREN = re.compile(r"\s*\([^)]*\)\s*$")
def labels(record: dict) -> tuple[list[str], dict[str, list[str]]]:
    """A record's English names and its labels by language (schema v2 "names", or v1 "name" and
    "labels"), without a closing parenthesis ("Galapagos (Belgium)")."""
    if "names" in record:
        english = [n["value"] for n in record["names"] if n.get("lang") == "en"
                   and {"label", "ror_display"} & set(n.get("types", ()))]
        by_lang = [(n.get("lang"), n["value"]) for n in record["names"] if "label" in n.get("types", ())]
    else:
        english = [record.get("name") or ""]
        by_lang = [(lab.get("iso639"), lab.get("label") or "") for lab in record.get("labels") or ()]
    out: dict[str, list[str]] = {}
    for lang, label in by_lang:
        if lang in LANGS and label:
            out.setdefault(lang, []).append(_PAREN.sub("", str(label)))
    return [_PAREN.sub("", str(e)) for e in english if e], out


class Counts:
    """Records per English word and per label word, and for each pair the records that hold both and
    the records where they are linked to each other, for one language."""

    def __init__(self) -> None:
        self.english: Counter[str] = Counter()
        self.label: Counter[str] = Counter()
        self.pairs: Counter[tuple[str, str]] = Counter()
        self.links: Counter[tuple[str, str]] = Counter()
        self.records: list[tuple[frozenset[str], frozenset[str]]] = []

    def add(self, english: set[str], label: set[str]) -> None:
        english, label = english - label, label - english   # a word written alike is a name
        self.english.update(english)
        self.label.update(label)
        self.pairs.update((e, t) for e in english for t in label)
        self.records.append((frozenset(english), frozenset(label)))

    def dice(self, e: str, t: str, links: bool = False) -> float:
        return 2 * (self.links if links else self.pairs)[(e, t)] / (self.english[e] + self.label[t])

    def link(self) -> None:
        """Competitive linking (Melamed 2000): in each record, the pair of highest Dice is linked, its two
        words leave, and so on; a word that only keeps company with another's translation ("état" beside
        "university") is then seldom linked to it."""
        for english, label in self.records:
            ranked = sorted((-self.dice(e, t), e, t) for e in english for t in label)
            used: set[str] = set()
            for _score, e, t in ranked:
                if e not in used and "\0" + t not in used:
                    used.update((e, "\0" + t))
                    self.links[(e, t)] += 1
            # (label words are marked apart: a Latin label word may be spelt like an English one)


def count(records: Iterable[dict]) -> dict[str, Counts]:
    """The co-occurrence and link counts of English name words and label words, per language."""
    counts = {lang: Counts() for lang in LANGS}
    for record in records:
        english_names, by_lang = labels(record)
        english = {w for name in english_names for w in name_words(name) if _LATIN.match(w)}
        if not english:
            continue
        for lang, forms in by_lang.items():
            script = _SCRIPT.get(lang, _LATIN)
            label = {w for form in forms for w in name_words(form) if script.match(w)}
            if label:
                counts[lang].add(english, label)
    for c in counts.values():
        c.link()
    return counts


def lexicon(counts: dict[str, Counts], min_count: int = MIN_COUNT,
            min_dice: float = MIN_DICE) -> dict[str, dict[str, list[str]]]:
    """English word -> language -> its label words, strongest first (Dice of the links, then links, then
    spelling)."""
    out: dict[str, dict[str, list[str]]] = {}
    for lang, c in counts.items():
        kept = [(e, t) for (e, t), n in c.links.items() if n >= min_count and c.dice(e, t, True) >= min_dice]
        for e, t in sorted(kept, key=lambda p: (p[0], -c.dice(*p, True), -c.links[p], p[1])):
            out.setdefault(e, {}).setdefault(lang, []).append(t)
    return out


def render(lex: dict[str, dict[str, list[str]]], commit: str, records: int, min_count: int,
           min_dice: float) -> str:
    lines = [
        "# Translations of the words of organisation names, mined from the multilingual labels of the Research",
        f"# Organization Registry (ROR), {ROR_URL} commit {commit}, {records} records (each in its newest",
        "# release); CC0 1.0 (https://ror.org/about/faqs/#license-and-terms-of-use). Written by",
        "# tools/build_name_lexicon.py: the content words of a record's English name against those of its label",
        f"# in each language, words written alike left out; kept when in {min_count} records or more together and",
        f"# Dice >= {min_dice}. Layout of name_words.tsv; read after it by evalkit/detectors/name_forms.py.",
        "\t".join(("en",) + LANGS),
    ]
    for en in sorted(lex):
        lines.append("\t".join([en] + ["|".join(lex[en].get(lang, ())) for lang in LANGS]))
    return "\n".join(lines) + "\n"


def agreement(lex: dict[str, dict[str, list[str]]], hand: dict[str, dict[str, tuple[str, ...]]]) -> str:
    """For the English words both tables list in a language: the share of hand-written forms mined, and
    the share of mined forms the hand-written rows have (as they are, or inflected: name_forms.translates,
    which reads the hand-written table alone), per language."""
    rows = []
    for lang in LANGS:
        words = sorted(e for e in lex if lang in lex[e] and hand.get(lang, {}).get(e))
        hand_forms = sum(len(set(hand[lang][e])) for e in words)
        mined = sum(len(lex[e][lang]) for e in words)
        found = sum(len(set(hand[lang][e]) & set(lex[e][lang])) for e in words)
        near = sum(translates(t, e, lang) for e in words for t in lex[e][lang])
        rows.append(f"{lang}: {len(words)} English words in both; hand-written forms mined {found}/{hand_forms}"
                    f" ({found / max(hand_forms, 1):.0%}); mined forms hand-written {found}/{mined}"
                    f" ({found / max(mined, 1):.0%}), or an inflection of one {near}/{mined}"
                    f" ({near / max(mined, 1):.0%})")
    return "\n".join(rows)


def _commit(root: Path, given: str | None) -> str:
    if given:
        return given
    try:
        return git(root, "rev-parse", "HEAD").decode().strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main() -> int:
    from evalkit.detectors.name_forms import hand_table

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ror", type=Path, help="a clone (bare or not) of ror-community/ror-records")
    parser.add_argument("--ror-commit", help="the commit to record (default: the clone's HEAD)")
    parser.add_argument("--min-count", type=int, default=MIN_COUNT)
    parser.add_argument("--min-dice", type=float, default=MIN_DICE)
    args = parser.parse_args()
    records = newest_records(args.ror)
    lex = lexicon(count(records), args.min_count, args.min_dice)
    sys.stdout.write(render(lex, _commit(args.ror, args.ror_commit), len(records), args.min_count, args.min_dice))
    print(f"{len(lex)} English words\n{agreement(lex, hand_table())}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

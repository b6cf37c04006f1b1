"""Writes evalkit/data/outlet_thesaurus.tsv: the relatives that Moby Thesaurus II gives the words of the
gazetteer's names, a thesaurus far broader than WordNet (what a spinner draws on: "categorical" for express,
"heaven" for sky, "impartial" for independent). Run once, by hand; never at run time:

    PYTHONPATH=. python tools/build_thesaurus.py MOBY_WORDS_TXT > evalkit/data/outlet_thesaurus.tsv
    PYTHONPATH=. python tools/build_thesaurus.py MOBY_WORDS_TXT --newspapers evalkit/data/real_outlets.tsv \
        > evalkit/data/newspaper_thesaurus.tsv

MOBY_WORDS_TXT is Moby Thesaurus II (Grady Ward, 1996; public domain), one root word per line followed by
its relatives, comma-separated: the file words.txt of the npm package moby 1.1.2
(https://registry.npmjs.org/moby/-/moby-1.1.2.tgz), which is mthesaur.txt of the Moby Project. Only the
single-word relatives with an English Zipf frequency of at least 2.5 are kept. With --newspapers, the
relatives (Zipf 2.0 or more: a spinner's rare words, "onlooker" for observer) of the words of Wikidata's
newspapers' names (real_outlets.tsv) instead, each held by one real newspaper's name at most (as
build_synonyms.py --newspapers keeps WordNet's), of the words Moby writes in lowercase only: what a
spinner writes for "Star" ("Luminaries"), not another paper's word nor a place ("Goshen"). Same input, same bytes.
The detectors read this table only where the name stands in a text whose language is not English (see
gazetteer.synonyms and docs/detectors-lexical.md).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from build_synonyms import NEWSPAPER_WORDS, NEWSPAPER_ZIPF, _gazetteer_words, _newspaper_words

from evalkit.detectors.gazetteer import word_forms
from evalkit.detectors.text import zipf

MIN_ZIPF = 2.5


def read_moby(path: str, common: bool = False) -> dict[str, set[str]]:
    """Root word (lowercase) -> its single-word relatives (lowercase), from Moby's comma-separated lines;
    `common`: only the roots and relatives Moby writes in lowercase (not "Goshen", a place, for heaven)."""
    table: dict[str, set[str]] = {}
    for line in Path(path).read_text(encoding="latin-1").splitlines():
        root, *relatives = [w.strip() for w in line.split(",")]
        if common and not root.islower():
            continue
        table.setdefault(root.lower(), set()).update(
            w.lower() for w in relatives if w.isalpha() and w.lower() != root.lower() and (w.islower() or not common))
    return table


def build_table(moby: dict[str, set[str]], words: list[str], min_zipf: float = MIN_ZIPF) -> dict[str, list[str]]:
    """Each of `words` (or a singular form of it) that Moby lists as a root -> its relatives of English Zipf
    `min_zipf` or more."""
    out = {}
    for word in words:
        relatives = set().union(*(moby.get(form, set()) for form in word_forms(word)))
        kept = sorted(r for r in relatives - word_forms(word) if zipf(r, "en") >= min_zipf)
        if kept:
            out[word] = kept
    return out


def newspaper_table(moby: dict[str, set[str]], real_outlets_tsv: str) -> dict[str, list[str]]:
    """The relatives of real newspapers' name words that one real name at most holds."""
    counts = _newspaper_words(real_outlets_tsv)
    table = build_table(moby, sorted(counts), NEWSPAPER_ZIPF)
    table = {w: [r for r in rel if counts.get(r, 0) <= NEWSPAPER_WORDS] for w, rel in table.items()}
    return {w: rel for w, rel in table.items() if rel}


def main(argv: list[str]) -> int:
    papers = argv[argv.index("--newspapers") + 1] if "--newspapers" in argv[:-1] else None
    rest = [a for a in argv if a not in ("--newspapers", papers)]
    if len(rest) != 1 or "--newspapers" in argv and papers is None:
        sys.stderr.write(__doc__)
        return 2
    digest = hashlib.sha256(Path(rest[0]).read_bytes()).hexdigest()
    moby = read_moby(rest[0], common=papers is not None)
    table = newspaper_table(moby, papers) if papers else build_table(moby, _gazetteer_words())
    whose = ("the names in real_outlets.tsv (Wikidata's newspapers), each held by one\n# real newspaper's name at most,"
             if papers else "the names in outlets.tsv and gazetteer_public.tsv,")
    how = " --newspapers evalkit/data/real_outlets.tsv" if papers else ""
    sys.stdout.write(
        f"# Relatives of the words of {whose} from Moby Thesaurus II\n"
        "# (Grady Ward, 1996; placed in the public domain by its author), file words.txt of the npm package\n"
        f"# moby 1.1.2, sha256 {digest}.\n"
        f"# Built by: python tools/build_thesaurus.py MOBY_WORDS_TXT{how}; single words of English Zipf >= "
        f"{NEWSPAPER_ZIPF if papers else MIN_ZIPF}.\n"
        "# Read only for names in a text whose language is not English (docs/detectors-lexical.md).\n"
        "# Format: word TAB space-separated relatives.\n")
    for word, relatives in table.items():
        sys.stdout.write(f"{word}\t{' '.join(relatives)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Writes evalkit/data/outlet_thesaurus.tsv: the relatives that Moby Thesaurus II gives the words of the
gazetteer's names, a thesaurus far broader than WordNet (what a spinner draws on: "categorical" for express,
"heaven" for sky, "impartial" for independent). Run once, by hand; never at run time:

    PYTHONPATH=. python tools/build_thesaurus.py MOBY_WORDS_TXT > evalkit/data/outlet_thesaurus.tsv

MOBY_WORDS_TXT is Moby Thesaurus II (Grady Ward, 1996; public domain), one root word per line followed by
its relatives, comma-separated: the file words.txt of the npm package moby 1.1.2
(https://registry.npmjs.org/moby/-/moby-1.1.2.tgz), which is mthesaur.txt of the Moby Project. Only the
single-word relatives with an English Zipf frequency of at least 2.5 are kept. Same input, same bytes.
The detectors read this table only where the name stands in a text whose language is not English (see
gazetteer.synonyms and docs/detectors-lexical.md).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from build_synonyms import _gazetteer_words

from evalkit.detectors.gazetteer import word_forms
from evalkit.detectors.text import zipf

MIN_ZIPF = 2.5


def read_moby(path: str) -> dict[str, set[str]]:
    """Root word (lowercase) -> its single-word relatives (lowercase), from Moby's comma-separated lines."""
    table: dict[str, set[str]] = {}
    for line in Path(path).read_text(encoding="latin-1").splitlines():
        root, *relatives = [w.strip().lower() for w in line.split(",")]
        table.setdefault(root, set()).update(w for w in relatives if w.isalpha() and w != root)
    return table


def build_table(moby: dict[str, set[str]], words: list[str]) -> dict[str, list[str]]:
    """Each of `words` (or a singular form of it) that Moby lists as a root -> its frequent relatives."""
    out = {}
    for word in words:
        relatives = set().union(*(moby.get(form, set()) for form in word_forms(word)))
        kept = sorted(r for r in relatives - word_forms(word) if zipf(r, "en") >= MIN_ZIPF)
        if kept:
            out[word] = kept
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        sys.stderr.write(__doc__)
        return 2
    digest = hashlib.sha256(Path(argv[0]).read_bytes()).hexdigest()
    table = build_table(read_moby(argv[0]), _gazetteer_words())
    sys.stdout.write(
        "# Relatives of the words of the names in outlets.tsv and gazetteer_public.tsv, from Moby Thesaurus II\n"
        "# (Grady Ward, 1996; placed in the public domain by its author), file words.txt of the npm package\n"
        f"# moby 1.1.2, sha256 {digest}.\n"
        f"# Built by: python tools/build_thesaurus.py MOBY_WORDS_TXT; single words of English Zipf >= {MIN_ZIPF}.\n"
        "# Read only for names in a text whose language is not English (docs/detectors-lexical.md).\n"
        "# Format: word TAB space-separated relatives.\n")
    for word, relatives in table.items():
        sys.stdout.write(f"{word}\t{' '.join(relatives)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

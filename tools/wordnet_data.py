"""Princeton WordNet 3.0's data files (data.noun, data.verb, data.adj, data.adv), read line by line.
Shared by tools/build_synonyms.py and tools/build_name_wiktionary.py; never touches the network."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence


def synsets(wordnet_dir: str, parts_of_speech: Sequence[str]) -> Iterator[tuple[str, str, list[str], list[str]]]:
    """(offset, kind, members, rest) for every synset of the given parts of speech ("noun", "adj", ...):
    its kind a letter ("n", "v", "a", "r"; an adjective satellite is "a"), its members lowercase without
    their syntactic markers ("galore(ip)" -> galore, phrases with "_"), and the fields after them, the
    pointer count first."""
    for pos in parts_of_speech:
        with open(os.path.join(wordnet_dir, "data." + pos), encoding="latin-1") as fh:
            for line in fh:
                if line.startswith("  "):
                    continue   # the licence at the head of the file
                head = line.split(" | ")[0].split()
                count = int(head[3], 16)
                members = [head[4 + 2 * i].lower().split("(")[0] for i in range(count)]
                yield head[0], "a" if head[2] == "s" else head[2], members, head[4 + 2 * count:]


def proper_words(wordnet_dir: str) -> frozenset[str]:
    """The words (lowercase) that WordNet writes only with a capital, in every synset it lists them in:
    places, peoples and their adjectives ("californian", "european"), names."""
    proper: set[str] = set()
    common: set[str] = set()
    for pos in ("noun", "verb", "adj", "adv"):
        with open(os.path.join(wordnet_dir, "data." + pos), encoding="latin-1") as fh:
            for line in fh:
                if line.startswith("  "):
                    continue
                head = line.split(" | ")[0].split()
                for i in range(int(head[3], 16)):
                    word = head[4 + 2 * i].split("(")[0]
                    (proper if word[:1].isupper() else common).add(word.lower())
    return frozenset(proper - common)


def licence_lines(wordnet_dir: str) -> str:
    """WordNet's LICENSE as comment lines ("# ..."; an empty line "#"), for the header of a file derived from it."""
    text = open(os.path.join(wordnet_dir, "LICENSE"), encoding="latin-1").read()
    return "".join(f"# {line.rstrip()}\n".replace("# \n", "#\n") for line in text.splitlines())

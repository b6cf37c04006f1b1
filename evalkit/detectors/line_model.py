"""A line classifier, article prose / site junk / leaked prompt, learned from evalkit's own labelled lines: a
multinomial logistic regression over a line's words, word pairs and the letter runs of its words (3 to 5
letters), with three shape features. The weights are in evalkit/data/line_model.tsv, built by
tools/train_line_model.py from the tuning splits of the spun-news development set and two files of the line
probe (its header says which). Used by layout.py for the lines no rule has classified; it judges a line by what
it says, never by where it stands.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import NamedTuple

from .langdata import data_text

LABELS = ("article", "junk", "prompt")
_WORD = re.compile(r"[^\W\d_]+|\d+|[^\w\s]")
_LETTERS = re.compile(r"[^\W\d_]+")
_SEPARATORS = re.compile(r"[|•·»›→▶]")
_ADDRESS = re.compile(r"https?://|www\.|@\w")
_SENTENCE_END = ".!?»\"”"


def features(line: str) -> list[str]:
    """The features of a line (each once): its words ("w:"), word pairs ("b:"), the letter runs of 3, 4 and 5
    of each word with its ends marked ("c3:<ab", ...), its length in fives of words, and whether it holds a
    field separator, a web or mail address, and no sentence end."""
    low = line.lower()
    words = _WORD.findall(low)
    out = [f"w:{w}" for w in words]
    out += [f"b:{a}_{b}" for a, b in zip(words, words[1:])]
    for w in _LETTERS.findall(low):
        out += _letter_runs(w)
    out.append(f"len:{min(len(words) // 5, 8)}")
    if _SEPARATORS.search(line):
        out.append("sep")
    if _ADDRESS.search(low):
        out.append("url")
    if line.rstrip()[-1:] not in _SENTENCE_END:
        out.append("noend")
    return list(dict.fromkeys(out))


@lru_cache(maxsize=1 << 16)
def _letter_runs(word: str) -> tuple[str, ...]:
    """The letter-run features of one word ("c3:<ab", ...), in the order features gives them (remembered: the
    same words come back line after line)."""
    marked = f"<{word}>"
    return tuple(f"c{n}:{marked[i:i + n]}" for n in (3, 4, 5) for i in range(len(marked) - n + 1))


class Verdict(NamedTuple):
    label: str                   # junk or prompt: the likelier of the two
    probability: float           # that the line is not article prose (junk and prompt together)
    cues: tuple[str, ...]        # the words (or pairs) that weigh most towards `label`, strongest first
    said: float                  # the same probability from what the line says alone (its words and letter
                                 # runs), its shape left out; 0 for a line none of whose words the model has


class LineModel:
    """The weights of the classifier: feature -> one weight per label, and the biases."""

    def __init__(self, weights: dict[str, tuple[float, ...]], bias: tuple[float, ...],
                 languages: frozenset[str] = frozenset()) -> None:
        self.weights, self.bias = weights, bias
        self.languages = languages   # the target languages of its training lines: it reads pages of those only
        self.said = frozenset(f for f in weights if _said(f))   # (asked of every feature of every line: once)

    def verdict(self, line: str) -> Verdict:
        weights, said_features = self.weights, self.said
        present = [(f, w) for f in features(line) if (w := weights.get(f)) is not None]
        said = [(f, w) for f, w in present if f in said_features]
        probs = self._probabilities([w for _, w in present])
        k = 1 if probs[1] >= probs[2] else 2
        lexical = sorted(((w[k] - w[0], f) for f, w in said if f[0] in "wb"), reverse=True)
        cues = tuple(f[2:].replace("_", " ") for gain, f in lexical[:3] if gain > 0)
        # a line that says nothing (no word of the model: "* * *", a lone number) has nothing said for it
        said_p = 1.0 - self._probabilities([w for _, w in said])[0] if said else 0.0
        return Verdict(LABELS[k], 1.0 - probs[0], cues, said_p)

    def _probabilities(self, rows: list[tuple[float, ...]]) -> list[float]:
        scores = [b + sum(column) for b, column in zip(self.bias, zip(*rows))] if rows else list(self.bias)
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        return [e / sum(exp) for e in exp]


def _said(feature: str) -> bool:
    """A feature of what the line says (a word, a pair of words or a letter run, with a letter in it), not of
    its shape (its length, punctuation, separators, sentence end)."""
    kind, _, value = feature.partition(":")
    return kind in ("w", "b", "c3", "c4", "c5") and all(_LETTERS.search(part) for part in value.split("_"))


@lru_cache(maxsize=1)
def line_model() -> LineModel | None:
    """The shipped classifier (evalkit/data/line_model.tsv), or None when the file is not there."""
    try:
        text = data_text("line_model")
    except (FileNotFoundError, OSError):
        return None
    return read_model(text)


def read_model(text: str) -> LineModel:
    """A LineModel from the text of a weights file (see tools/train_line_model.py)."""
    weights: dict[str, tuple[float, ...]] = {}
    bias: tuple[float, ...] = (0.0,) * len(LABELS)
    languages: frozenset[str] = frozenset()
    for row in text.splitlines():
        if not row or row.startswith("#"):
            continue
        name, *values = row.split("\t")
        if name == "feature":
            continue   # the header row
        if name == "(languages)":
            languages = frozenset(values[0].split(","))
        elif name == "(bias)":
            bias = tuple(float(v) for v in values)
        else:
            weights[name] = tuple(float(v) for v in values)
    return LineModel(weights, bias, languages)

"""Large synthetic corpora for the benchmarks, made from the bundled corpus's gold alignment.

Aligned (source, MT, reference) sentence triples are drawn from the bundled gold, perturbed so that
nearly every sentence is distinct (a random word of its language in place of one of its words, a
word dropped or two swapped, numbers changed: sentence-level caches get no more help than on real
text), laid out as news articles and damaged the way the seeds are (junk lines, duplicated lines,
omissions, a truncated last sentence, untranslated words). The known source-MT alignment is
written as gold, so aligners can be scored on it.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from evalkit.gold import load_alignment

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "corpora" / "spinner-news-en-fr"
SYSTEM = "synthetic-mt"
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Triple:
    source: str
    mt: str
    reference: str


@dataclass(frozen=True)
class Pool:
    """What documents are made of: aligned sentence triples, MT junk lines, and words of each
    language (source, target) to put in place of a word."""

    triples: tuple[Triple, ...]
    junk: tuple[str, ...]
    words: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())


def _vocabulary(lang: str, size: int = 30000) -> tuple[str, ...]:
    """wordfreq's most frequent lowercase words of at least 4 letters (a fixed list for a given
    wordfreq version): real words, so that replacing one changes a sentence the way a synonym
    swap does, and a long tail of them, so that no sentence-level cache is helped by repeats."""
    from wordfreq import top_n_list

    return tuple(w for w in top_n_list(lang, size) if len(w) >= 4 and w.isalpha() and w.islower())


def load_pool(corpus_dir: Path = BUNDLED) -> Pool:
    """Triples from the 1-1 source-MT gold links whose source sentence has a reference link, and
    the MT lines the gold calls insertions (0-1) that are not copies of an aligned sentence."""
    triples: list[Triple] = []
    inserted: list[str] = []
    for path in sorted((corpus_dir / "gold" / "alignment").glob("*.jsonl")):
        links, problems = load_alignment(path)
        if problems:
            raise ValueError(str(problems[0]))
        references = {lk.source: " ".join(lk.target_text) for lk in links
                      if lk.pair == "source-reference" and lk.source and lk.target}
        for lk in links:
            if lk.pair != "source-mt":
                continue
            if lk.type == "1-1" and lk.source in references:
                triples.append(Triple(lk.source_text[0], lk.target_text[0], references[lk.source]))
            elif lk.type == "0-1":
                inserted.append(" ".join(lk.target_text))
    aligned_mt = {t.mt for t in triples}
    junk = sorted({j for j in inserted if j not in aligned_mt})
    if not triples or not junk:
        raise ValueError(f"{corpus_dir}: no usable gold alignment")
    return Pool(tuple(triples), tuple(junk), (_vocabulary("en"), _vocabulary("fr")))


# --- perturbations ---------------------------------------------------------------------------

def _perturb_words(text: str, rng: random.Random, vocabulary: Sequence[str] = ()) -> str:
    """Put a word of `vocabulary` in place of an inner lowercase word, drop one inner word and/or
    swap two adjacent inner words (letters only, so punctuation and sentence ends stay where they
    were)."""
    words = text.split(" ")
    inner = [k for k in range(1, len(words) - 1) if words[k].isalpha() and words[k].islower()]
    if inner and vocabulary:
        words[rng.choice(inner)] = rng.choice(vocabulary)
    inner = [k for k in range(1, len(words) - 1) if words[k].isalpha()]
    if inner and rng.random() < 0.6:
        del words[rng.choice(inner)]
    inner = [k for k in range(1, len(words) - 2) if words[k].isalpha() and words[k + 1].isalpha()]
    if inner and rng.random() < 0.4:
        k = rng.choice(inner)
        words[k], words[k + 1] = words[k + 1], words[k]
    return " ".join(words)


def _perturb(triple: Triple, rng: random.Random, words: tuple[Sequence[str], Sequence[str]] = ((), ())) -> Triple:
    """Numbers found on all three sides change together; on each side a word is replaced by a
    random word of its language (`words`: source, target) and another dropped or two swapped."""
    texts = [triple.source, triple.mt, triple.reference]
    common = set(_DIGITS.findall(texts[0])) & set(_DIGITS.findall(texts[1])) & set(_DIGITS.findall(texts[2]))
    for number in sorted(common):
        if rng.random() < 0.7:
            new = str(rng.randrange(10 ** (len(number) - 1) if len(number) > 1 else 0, 10 ** len(number)))
            pattern = re.compile(rf"(?<!\d){number}(?!\d)")
            texts = [pattern.sub(new, t) for t in texts]
    source_words, target_words = words
    return Triple(*(_perturb_words(t, rng, v) for t, v in zip(texts, (source_words, target_words, target_words))))


def _untranslate(mt: str, source: str, rng: random.Random) -> str:
    """Put one English word in place of a French one, at about the same relative position."""
    mt_words, src_words = mt.split(" "), source.split(" ")
    targets = [k for k in range(1, len(mt_words) - 1) if mt_words[k].isalpha() and len(mt_words[k]) >= 4]
    donors = [w for w in src_words[1:] if w.isalpha() and len(w) >= 4]
    if not targets or not donors:
        return mt
    mt_words[rng.choice(targets)] = rng.choice(donors)
    return " ".join(mt_words)


def _truncate(mt: str, rng: random.Random) -> str:
    words = mt.split(" ")
    if len(words) < 6:
        return mt
    return " ".join(words[: rng.randint(2, len(words) // 2)])


# --- documents -------------------------------------------------------------------------------

@dataclass
class Document:
    """One generated document: its three texts and the source-MT and source-reference gold links."""

    doc_id: str
    title: str
    source: str = ""
    reference: str = ""
    mt: str = ""
    # (source spans, target spans, note) per link, in order
    mt_links: list[tuple[list[tuple[int, int]], list[tuple[int, int]], str]] = field(default_factory=list)
    ref_links: list[tuple[list[tuple[int, int]], list[tuple[int, int]], str]] = field(default_factory=list)


class _Writer:
    """Builds a text line by line, keeping each sentence's character span."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def line(self, sentences: Sequence[str]) -> list[tuple[int, int]]:
        if self.parts:
            self._add("\n\n")
        spans = []
        for k, sentence in enumerate(sentences):
            if k:
                self._add(" ")
            spans.append((self.length, self.length + len(sentence)))
            self._add(sentence)
        return spans

    def _add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts) + "\n"


def make_document(pool: Pool, doc_id: str, rng: random.Random, sentences: int = 38) -> Document:
    """A title and paragraphs of 1-3 sentences; the MT side carries the damage."""
    triples = [_perturb(t, rng, pool.words) for t in rng.choices(pool.triples, k=sentences)]
    paragraphs = [[0]]
    k = 1
    while k < sentences:
        size = min(rng.choice((1, 2, 2, 3)), sentences - k)
        paragraphs.append(list(range(k, k + size)))
        k += size
    mt_text = {i: t.mt for i, t in enumerate(triples)}
    notes: dict[int, str] = {}
    if rng.random() < 0.35:  # omission: a sentence of a paragraph of two or more is dropped
        candidates = [i for p in paragraphs[1:] if len(p) > 1 for i in p]
        if candidates:
            dropped = rng.choice(candidates)
            del mt_text[dropped]
    last = sentences - 1
    if last in mt_text and rng.random() < 0.25:
        truncated = _truncate(mt_text[last], rng)
        if truncated != mt_text[last]:
            mt_text[last], notes[last] = truncated, "truncated"
    for i in list(mt_text):
        if rng.random() < 0.05:
            mt_text[i], notes[i] = _untranslate(mt_text[i], triples[i].source, rng), "untranslated word"

    # MT lines: ("aligned", source ids) or ("insert", text, note), junk and duplicates between paragraphs.
    mt_lines: list[tuple] = []
    if rng.random() < 0.3:
        mt_lines.append(("insert", rng.choice(pool.junk), "junk line"))
    for p_index, paragraph in enumerate(paragraphs):
        kept = [i for i in paragraph if i in mt_text]
        if kept:
            mt_lines.append(("aligned", kept))
        if p_index and rng.random() < 0.08:
            mt_lines.append(("insert", rng.choice(pool.junk), "junk line"))
        if p_index and rng.random() < 0.04:
            earlier = [i for p in paragraphs[: p_index + 1] for i in p if i in mt_text]
            mt_lines.append(("insert", mt_text[rng.choice(earlier)], "duplicate line"))
    if rng.random() < 0.5:
        for _ in range(rng.randint(1, 3)):
            mt_lines.append(("insert", rng.choice(pool.junk), "junk line"))

    doc = Document(doc_id, triples[0].source)
    src, ref, mt = _Writer(), _Writer(), _Writer()
    src_spans: dict[int, tuple[int, int]] = {}
    ref_spans: dict[int, tuple[int, int]] = {}
    for paragraph in paragraphs:
        src_spans.update(zip(paragraph, src.line([triples[i].source for i in paragraph])))
        ref_spans.update(zip(paragraph, ref.line([triples[i].reference for i in paragraph])))
    next_source = 0
    for entry in mt_lines:
        if entry[0] == "insert":
            span = mt.line([entry[1]])[0]
            doc.mt_links.append(([], [span], entry[2]))
            continue
        for i, span in zip(entry[1], mt.line([mt_text[i] for i in entry[1]])):
            while next_source < i:  # source sentences left out of the MT before this one
                doc.mt_links.append(([src_spans[next_source]], [], "omission"))
                next_source += 1
            doc.mt_links.append(([src_spans[i]], [span], notes.get(i, "")))
            next_source = i + 1
    while next_source < sentences:
        doc.mt_links.append(([src_spans[next_source]], [], "omission"))
        next_source += 1
    doc.ref_links = [([src_spans[i]], [ref_spans[i]], "") for i in range(sentences)]
    doc.source, doc.reference, doc.mt = src.text(), ref.text(), mt.text()
    return doc


def _gold_lines(doc: Document) -> list[str]:
    lines = []
    for pair, system, links, target in (("source-mt", SYSTEM, doc.mt_links, doc.mt),
                                        ("source-reference", None, doc.ref_links, doc.reference)):
        for number, (source_spans, target_spans, note) in enumerate(links):
            lines.append(json.dumps({
                "doc_id": doc.doc_id, "pair": pair, "system": system, "link": number,
                "source": [list(s) for s in source_spans], "target": [list(t) for t in target_spans],
                "source_text": [doc.source[a:b] for a, b in source_spans],
                "target_text": [target[a:b] for a, b in target_spans],
                "type": f"{len(source_spans)}-{len(target_spans)}", "note": note,
            }, ensure_ascii=False))
    return lines


def generate(out_dir: Path | str, documents: int, *, seed: int = 13, sentences: int = 38,
             pool: Pool | None = None) -> Path:
    """Write a corpus of `documents` generated documents to `out_dir` (created); returns it.

    The same arguments give the same bytes.
    """
    import yaml

    root = Path(out_dir)
    pool = pool or load_pool()
    for folder in ("source", "reference", f"systems/{SYSTEM}", "gold/alignment"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    manifest_docs = []
    for k in range(documents):
        doc_id = f"syn{k:06d}"
        rng = random.Random(f"{seed}:{doc_id}")
        doc = make_document(pool, doc_id, rng, sentences=max(2, sentences + rng.randint(-4, 4)))
        for folder, text in (("source", doc.source), ("reference", doc.reference), (f"systems/{SYSTEM}", doc.mt)):
            (root / folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        (root / "gold" / "alignment" / f"{doc_id}.jsonl").write_text("\n".join(_gold_lines(doc)) + "\n",
                                                                     encoding="utf-8")
        manifest_docs.append({"id": doc_id, "title": doc.title})
    manifest = {
        "name": f"synthetic-{documents}", "version": 1, "source_lang": "en", "target_lang": "fr",
        "description": f"{documents} documents generated by benchmarks/generate.py (seed {seed}) from "
                       "the gold alignment of spinner-news-en-fr.",
        "systems": {SYSTEM: {"description": "Perturbed MT sentences of the bundled corpus with junk lines, "
                                            "duplicates, omissions, truncations and untranslated words.",
                             "gold": True}},
        "documents": manifest_docs,
    }
    (root / "corpus.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False),
                                      encoding="utf-8")
    return root


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.splitlines()[0])
    parser.add_argument("documents", type=int, help="number of documents")
    parser.add_argument("--out", help="corpus folder to create (default: a new temporary folder)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--sentences", type=int, default=38, help="source sentences per document (+-4)")
    args = parser.parse_args(argv)
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="evalkit-synthetic-"))
    print(generate(out, args.documents, seed=args.seed, sentences=args.sentences))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

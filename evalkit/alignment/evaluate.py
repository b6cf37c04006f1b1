"""Evaluation of the sentence aligner against gold alignments.

Scores links in the Sennrich & Volk (2011) convention of Vecalign's and Bertalign's scorers and
runs NLTK's Gale-Church as a peer, on Text+Berg de-fr and on the bundled corpus gold.
"""

from __future__ import annotations

import ast
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from evalkit.alignment.aligner import align, align_corpus, line_starts
from evalkit.gold import GoldLink, load_alignment
from evalkit.segment import Segment, segment

LinkIds = tuple[tuple[int, ...], tuple[int, ...]]
# One document to align: source segments, target segments, and per-document align options.
Doc = tuple[list[str], list[str], dict]
Aligner = Callable[[Sequence[Doc], str, str], list[list[LinkIds]]]
Span = tuple[int, int]


@dataclass(frozen=True)
class AlignmentScores:
    """Precision / recall / F1 of predicted links against gold, counts summed over documents."""

    strict_p: float
    strict_r: float
    strict_f1: float
    lax_p: float
    lax_r: float
    lax_f1: float
    ins_p: float   # insertions: target ids left out (0-1), as sets per document
    ins_r: float
    omi_p: float   # omissions: source ids left out (1-0)
    omi_r: float
    n_gold: int
    n_pred: int
    n_ins_gold: int = 0   # 0-1 target ids in gold / predicted
    n_ins_pred: int = 0
    n_omi_gold: int = 0   # 1-0 source ids in gold / predicted
    n_omi_pred: int = 0

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _precision_counts(gold: Iterable[LinkIds], test: Iterable[LinkIds]) -> tuple[int, int, int, int]:
    """(strict tp, strict fp, lax tp, lax fp) of `test` links against `gold` links.

    Strict: the link is in gold. Lax: some target id of the link is aligned in gold to one of
    the link's source ids (so a link with no source id is never a lax hit).
    """
    gold_set = {(tuple(s), tuple(t)) for s, t in gold if s or t}
    test_set = {(tuple(s), tuple(t)) for s, t in test if s or t}
    gold_targets: dict[int, set[int]] = defaultdict(set)
    for s, t in gold_set:
        for i in s:
            gold_targets[i].update(t)
    tp_strict = fp_strict = tp_lax = fp_lax = 0
    for s, t in test_set:
        if (s, t) in gold_set:
            tp_strict += 1
            tp_lax += 1
            continue
        fp_strict += 1
        reachable: set[int] = set()
        for i in s:
            reachable |= gold_targets.get(i, set())
        if reachable.intersection(t):
            tp_lax += 1
        else:
            fp_lax += 1
    return tp_strict, fp_strict, tp_lax, fp_lax


def score_alignments(gold_docs: Sequence[Sequence[LinkIds]],
                     test_docs: Sequence[Sequence[LinkIds]]) -> AlignmentScores:
    """Score predicted links against gold, one list of (source ids, target ids) per document.

    Precision is over predicted links non-empty on at least one side; recall swaps the roles of
    gold and prediction and keeps only links non-empty on both sides; counts are summed over the
    documents before dividing. Null links barely count there, so insertions (0-1) and omissions
    (1-0) are also scored apart, as sets of left-out target / source ids.
    """
    if len(gold_docs) != len(test_docs):
        raise ValueError(f"{len(gold_docs)} gold documents but {len(test_docs)} predicted")
    p = [0, 0, 0, 0]
    r = [0, 0, 0, 0]
    ins = [0, 0, 0]  # hits, predicted, gold
    omi = [0, 0, 0]
    n_gold = n_pred = 0
    for gold_doc, test_doc in zip(gold_docs, test_docs):
        gold = [(tuple(s), tuple(t)) for s, t in gold_doc]
        test = [(tuple(s), tuple(t)) for s, t in test_doc]
        n_gold += len(gold)
        n_pred += len(test)
        for k, v in enumerate(_precision_counts(gold, test)):
            p[k] += v
        both_gold = [(s, t) for s, t in gold if s and t]
        both_test = [(s, t) for s, t in test if s and t]
        for k, v in enumerate(_precision_counts(both_test, both_gold)):
            r[k] += v
        for counts, left_out in ((ins, lambda s, t: t if not s else ()),
                                 (omi, lambda s, t: s if not t else ())):
            g = {i for s, t in gold for i in left_out(s, t)}
            q = {i for s, t in test for i in left_out(s, t)}
            counts[0] += len(g & q)
            counts[1] += len(q)
            counts[2] += len(g)
    sp, sr = _ratio(p[0], p[0] + p[1]), _ratio(r[0], r[0] + r[1])
    lp, lr = _ratio(p[2], p[2] + p[3]), _ratio(r[2], r[2] + r[3])
    return AlignmentScores(
        strict_p=sp, strict_r=sr, strict_f1=_f1(sp, sr),
        lax_p=lp, lax_r=lr, lax_f1=_f1(lp, lr),
        ins_p=_ratio(ins[0], ins[1]), ins_r=_ratio(ins[0], ins[2]),
        omi_p=_ratio(omi[0], omi[1]), omi_r=_ratio(omi[0], omi[2]),
        n_gold=n_gold, n_pred=n_pred, n_ins_gold=ins[2], n_ins_pred=ins[1], n_omi_gold=omi[2], n_omi_pred=omi[1],
    )


# --- aligners ------------------------------------------------------------------------------

def gale_church(source: Sequence[str], target: Sequence[str]) -> list[LinkIds]:
    """NLTK's Gale-Church on character lengths, turned into full-coverage links."""
    from nltk.translate.gale_church import align_blocks

    if not source or not target:
        return [((i,), ()) for i in range(len(source))] + [((), (j,)) for j in range(len(target))]
    # NLTK divides by the mean length: an empty segment weighs one character.
    pairs = align_blocks([max(1, len(s)) for s in source], [max(1, len(t)) for t in target])
    return links_from_pairs(pairs, len(source), len(target))


def links_from_pairs(pairs: Iterable[tuple[int, int]], n_source: int, n_target: int) -> list[LinkIds]:
    """Group monotonic (i, j) pairs into links; indices no pair mentions become 1-0 / 0-1 links."""
    groups: list[tuple[set[int], set[int]]] = []
    for i, j in sorted(pairs):
        if groups and (i in groups[-1][0] or j in groups[-1][1]):
            groups[-1][0].add(i)
            groups[-1][1].add(j)
        else:
            groups.append(({i}, {j}))
    links: list[LinkIds] = []
    i = j = 0
    for src, tgt in groups:
        links += [((k,), ()) for k in range(i, min(src))]
        links += [((), (k,)) for k in range(j, min(tgt))]
        links.append((tuple(sorted(src)), tuple(sorted(tgt))))
        i, j = max(src) + 1, max(tgt) + 1
    links += [((k,), ()) for k in range(i, n_source)]
    links += [((), (k,)) for k in range(j, n_target)]
    return links


def _evalkit(docs: Sequence[Doc], src_lang: str, tgt_lang: str) -> list[list[LinkIds]]:
    return [[(lk.source, lk.target) for lk in align(s, t, src_lang=src_lang, tgt_lang=tgt_lang, **extra)]
            for s, t, extra in docs]


def _evalkit_corpus(docs: Sequence[Doc], src_lang: str, tgt_lang: str) -> list[list[LinkIds]]:
    return [[(lk.source, lk.target) for lk in doc]
            for doc in align_corpus(list(docs), src_lang=src_lang, tgt_lang=tgt_lang)]


def _gale_church(docs: Sequence[Doc], src_lang: str, tgt_lang: str) -> list[list[LinkIds]]:
    return [gale_church(s, t) for s, t, _ in docs]


ALIGNERS: dict[str, Aligner] = {
    "evalkit": _evalkit,                  # each document on its own
    "evalkit-corpus": _evalkit_corpus,    # plus a lexicon learnt over all documents
    "nltk-gale-church": _gale_church,
}


def _run_aligners(docs: Sequence[Doc], src_lang: str, tgt_lang: str,
                  ) -> dict[str, tuple[list[list[LinkIds]], float]]:
    out = {}
    for name, aligner in ALIGNERS.items():
        start = time.perf_counter()
        predicted = aligner(docs, src_lang, tgt_lang)
        out[name] = (predicted, time.perf_counter() - start)
    return out


# --- Text+Berg -----------------------------------------------------------------------------

def _read_lines(path: Path) -> list[str]:
    # One sentence per line: split on "\n" only (str.splitlines also breaks on \x0c, \x1c, ...).
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_textberg_gold(path: Path) -> list[LinkIds]:
    """Parse a Bleualign-style gold file: one `[0, 1]:[2]` link per line."""
    links = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            left, right = line.split(":")
            links.append((tuple(ast.literal_eval(left)), tuple(ast.literal_eval(right))))
    return links


def load_textberg(path: Path | str) -> list[tuple[str, list[str], list[str], list[LinkIds]]]:
    """(doc id, German lines, French lines, gold links) for every document that has gold."""
    root = Path(path)
    docs = []
    for gold_path in sorted((root / "gold").iterdir()) if (root / "gold").is_dir() else []:
        de, fr = root / "de" / gold_path.name, root / "fr" / gold_path.name
        if de.is_file() and fr.is_file():
            docs.append((gold_path.name, _read_lines(de), _read_lines(fr), read_textberg_gold(gold_path)))
    return docs


def evaluate_textberg(path: Path | str) -> dict[str, dict[str, float]]:
    """Align every Text+Berg document that has gold (de -> fr) with each aligner and score it.

    Returns {aligner: scores, with "seconds" (alignment time) and "documents"}.
    """
    docs = load_textberg(path)
    if not docs:
        raise FileNotFoundError(f"no Text+Berg documents with gold under {path}")
    gold = [g for *_, g in docs]
    results = {}
    for name, (predicted, seconds) in _run_aligners([(de, fr, {}) for _, de, fr, _ in docs], "de", "fr").items():
        results[name] = {**score_alignments(gold, predicted).as_dict(), "seconds": seconds,
                         "documents": len(docs)}
    return results


# --- the bundled corpus gold ---------------------------------------------------------------

@dataclass(frozen=True)
class GoldPair:
    """The gold of one (document, pair, system): raw texts, gold sentences and gold links."""

    doc_id: str
    pair: str
    system: str | None
    source: str
    target: str
    source_spans: list[Span]
    target_spans: list[Span]
    links: list[LinkIds]


def _gold_pair(doc_id: str, pair: str, system: str | None, source: str, target: str,
               links: list[GoldLink]) -> GoldPair:
    src_spans = sorted({span for link in links for span in link.source})
    tgt_spans = sorted({span for link in links for span in link.target})
    src_id = {span: k for k, span in enumerate(src_spans)}
    tgt_id = {span: k for k, span in enumerate(tgt_spans)}
    ids = [(tuple(src_id[s] for s in link.source), tuple(tgt_id[t] for t in link.target)) for link in links]
    return GoldPair(doc_id, pair, system, source, target, src_spans, tgt_spans, ids)


def load_corpus_gold(corpus_dir: Path | str) -> list[GoldPair]:
    """Every (document, pair, system) with gold links under `gold/alignment/` and its texts."""
    root = Path(corpus_dir)
    pairs = []
    for path in sorted((root / "gold" / "alignment").glob("*.jsonl")):
        doc_id = path.stem
        source_path = root / "source" / f"{doc_id}.txt"
        if not source_path.is_file():
            continue
        source = source_path.read_text(encoding="utf-8")
        links, problems = load_alignment(path)
        if problems:
            raise ValueError(f"{path}: {problems[0]}")
        groups: dict[tuple[str, str | None], list[GoldLink]] = {}
        for link in links:
            groups.setdefault((link.pair, link.system), []).append(link)
        for (pair, system), group in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
            target_path = (root / "reference" / f"{doc_id}.txt" if pair == "source-reference"
                           else root / "systems" / str(system) / f"{doc_id}.txt")
            if target_path.is_file():
                pairs.append(_gold_pair(doc_id, pair, system, source,
                                        target_path.read_text(encoding="utf-8"), group))
    return pairs


def map_to_gold(segments: Sequence[Segment], spans: Sequence[Span]) -> list[int | None]:
    """For each predicted segment, the gold sentence it overlaps most (None if none)."""
    out: list[int | None] = []
    k = 0
    for seg in segments:
        while k < len(spans) and spans[k][1] <= seg.start:
            k += 1
        best, best_overlap = None, 0
        q = k
        while q < len(spans) and spans[q][0] < seg.end:
            overlap = min(seg.end, spans[q][1]) - max(seg.start, spans[q][0])
            if overlap > best_overlap:
                best, best_overlap = q, overlap
            q += 1
        out.append(best)
    return out


def links_to_gold(links: Sequence[LinkIds], src_map: Sequence[int | None],
                  tgt_map: Sequence[int | None]) -> list[LinkIds]:
    """Rewrite links over predicted segments as links over gold sentences.

    Consecutive links that end up sharing a gold sentence (one the segmenter cut in two and the
    aligner put in two links) are merged, so the result still partitions what it covers.
    """
    converted: list[tuple[set[int], set[int]]] = []
    for s, t in links:
        gs = {g for g in (src_map[i] for i in s) if g is not None}
        gt = {g for g in (tgt_map[j] for j in t) if g is not None}
        if not gs and not gt:
            continue
        if converted and (gs & converted[-1][0] or gt & converted[-1][1]):
            converted[-1][0].update(gs)
            converted[-1][1].update(gt)
        else:
            converted.append((gs, gt))
    return [(tuple(sorted(s)), tuple(sorted(t))) for s, t in converted]


def evaluate_corpus_gold(corpus_dir: Path | str, *, src_lang: str = "en",
                         tgt_lang: str = "fr") -> dict[str, dict[str, float]]:
    """Segment, align and score every gold pair of a corpus with each aligner.

    Predicted segments are mapped to the gold sentence they overlap most, predicted links are
    rewritten over gold sentences, and scored per pair kind. Returns {"<aligner> <pair>":
    scores} for pair in source-mt, source-reference and all; "seconds" includes segmenting.
    """
    gold_pairs = load_corpus_gold(corpus_dir)
    if not gold_pairs:
        raise FileNotFoundError(f"no gold alignment with its texts under {corpus_dir}")
    start = time.perf_counter()
    segmented = [(segment(g.source, src_lang), segment(g.target, tgt_lang)) for g in gold_pairs]
    seg_seconds = time.perf_counter() - start
    docs: list[Doc] = [([s.text for s in src], [t.text for t in tgt],
                        {"source_lines": line_starts(src), "target_lines": line_starts(tgt)})
                       for src, tgt in segmented]
    results: dict[str, dict[str, float]] = {}
    for name, (predicted, seconds) in _run_aligners(docs, src_lang, tgt_lang).items():
        converted = [links_to_gold(links, map_to_gold(src, g.source_spans), map_to_gold(tgt, g.target_spans))
                     for links, (src, tgt), g in zip(predicted, segmented, gold_pairs)]
        for pair in ("source-mt", "source-reference", "all"):
            keep = [k for k, g in enumerate(gold_pairs) if pair in ("all", g.pair)]
            if keep:
                scores = score_alignments([gold_pairs[k].links for k in keep], [converted[k] for k in keep])
                results[f"{name} {pair}"] = {**scores.as_dict(), "seconds": seconds + seg_seconds,
                                             "documents": len({gold_pairs[k].doc_id for k in keep}),
                                             "pairs": len(keep)}
    return results


def evaluate_segmentation(corpus_dir: Path | str, *, src_lang: str = "en",
                          tgt_lang: str = "fr") -> dict[str, dict[str, float]]:
    """Exact-span precision / recall of the segmenter against the gold sentences of a corpus.

    Each file is counted once (a source shared by two pairs is scored once). Returns
    {"source" | "target": {"precision", "recall", "gold", "predicted"}}.
    """
    seen: set[tuple[str, str]] = set()
    counts = {"source": [0, 0, 0], "target": [0, 0, 0]}  # hits, predicted, gold
    for g in load_corpus_gold(corpus_dir):
        for side, text, spans, lang, name in (
            ("source", g.source, g.source_spans, src_lang, "source"),
            ("target", g.target, g.target_spans, tgt_lang, f"{g.pair}/{g.system}"),
        ):
            if (g.doc_id, name) in seen:
                continue
            seen.add((g.doc_id, name))
            predicted = {(seg.start, seg.end) for seg in segment(text, lang)}
            counts[side][0] += len(predicted & set(spans))
            counts[side][1] += len(predicted)
            counts[side][2] += len(spans)
    return {side: {"precision": _ratio(c[0], c[1]), "recall": _ratio(c[0], c[2]), "gold": c[2], "predicted": c[1]}
            for side, c in counts.items()}


def format_table(results: dict[str, dict[str, float]]) -> str:
    """A Markdown table of scores, one row per aligner (and pair); "n/a" where a ratio has no
    denominator (no insertion predicted, no omission in gold, ...)."""
    cols = ["strict_p", "strict_r", "strict_f1", "lax_p", "lax_r", "lax_f1", "ins_p", "ins_r", "omi_p", "omi_r"]
    undefined = {"ins_p": "n_ins_pred", "ins_r": "n_ins_gold", "omi_p": "n_omi_pred", "omi_r": "n_omi_gold"}
    rows = ["| aligner | " + " | ".join(cols) + " | time (s) |", "|" + "---|" * (len(cols) + 2)]
    for name, s in results.items():
        cells = ["n/a" if c in undefined and not s.get(undefined[c], 1) else f"{s[c]:.3f}" for c in cols]
        rows.append(f"| {name} | " + " | ".join(cells) + f" | {s['seconds']:.2f} |")
    return "\n".join(rows)

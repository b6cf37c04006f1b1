"""Scoring rows of re-aligned documents (evalkit/alignment/rows.py), on texts written for the tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from evalkit.alignment.aligner import Link
from evalkit.alignment.rows import join_alignments
from evalkit.segment import Segment

from .conftest import write_corpus

SACREBLEU = str(Path(sys.executable).parent / "sacrebleu")


def segments(*texts: str) -> list[Segment]:
    out, start = [], 0
    for text in texts:
        out.append(Segment(start, start + len(text), text))
        start += len(text) + 1
    return out


SOURCE = segments("The bridge opened on Monday.", "It cost 12 million euros.", "Schools stayed closed.")
MT = segments("Le pont a ouvert lundi.", "Il a coûté 12 millions d'euros.", "LIRE AUSSI : nos offres",
              "Les écoles sont restées fermées.")
MT_LINKS = [Link((0,), (0,), 0.0), Link((1,), (1,), 0.0), Link((), (2,), 3.0), Link((2,), (3,), 0.0)]
# the reference joins the first two source sentences (2-1) that the MT keeps apart (1-1, 1-1)
REFERENCE = segments("Le pont, qui a coûté 12 millions d'euros, a ouvert lundi.",
                     "Les écoles sont restées fermées.")
REF_LINKS = [Link((0, 1), (0,), 0.0), Link((2,), (1,), 0.0)]


def test_a_reference_that_joins_sentences_gets_all_their_mt_text():
    rows = join_alignments(SOURCE, MT, MT_LINKS, REFERENCE, REF_LINKS)
    assert [(r.type, r.hypothesis, r.reference) for r in rows] == [
        ("2-2", "Le pont a ouvert lundi. Il a coûté 12 millions d'euros.",
         "Le pont, qui a coûté 12 millions d'euros, a ouvert lundi."),
        ("0-1", "LIRE AUSSI : nos offres", ""),                        # the insertion: a row of its own
        ("1-1", "Les écoles sont restées fermées.", "Les écoles sont restées fermées.")]
    # no MT text is scored against an empty reference unless it is an insertion
    assert all(r.reference or r.is_insertion for r in rows)


def test_mt_that_joins_sentences_gets_all_their_reference_text():
    mt = segments("Le pont a ouvert lundi et a coûté 12 millions.", "Les écoles sont restées fermées.")
    reference = segments("Le pont a ouvert lundi.", "Il a coûté 12 millions d'euros.",
                         "Les écoles sont restées fermées.")
    rows = join_alignments(SOURCE, mt, [Link((0, 1), (0,), 0.0), Link((2,), (1,), 0.0)], reference,
                           [Link((k,), (k,), 0.0) for k in range(3)])
    assert [(r.type, r.reference) for r in rows] == [
        ("2-1", "Le pont a ouvert lundi. Il a coûté 12 millions d'euros."),
        ("1-1", "Les écoles sont restées fermées.")]


def test_omissions_and_unaligned_reference_sentences_keep_their_text():
    mt = segments("Le pont a ouvert lundi.")
    reference = segments("Le pont a ouvert lundi.", "Note de la rédaction.", "Il a coûté 12 millions.")
    rows = join_alignments(SOURCE[:2], mt, [Link((0,), (0,), 0.0), Link((1,), (), 3.0)], reference,
                           [Link((0,), (0,), 0.0), Link((), (1,), 3.0), Link((1,), (2,), 0.0)])
    assert [(r.type, r.hypothesis, r.reference) for r in rows] == [
        ("1-1", "Le pont a ouvert lundi.", "Le pont a ouvert lundi. Note de la rédaction."),
        ("1-0", "", "Il a coûté 12 millions.")]
    assert rows[1].is_omission


def test_one_to_one_documents_give_sacrebleus_corpus_scores(tmp_path):
    """Re-aligned mode on documents that are already 1-1: the scores of sacreBLEU on the sentences."""
    from evalkit.corpus import load_corpus
    from evalkit.pipeline import RunOptions, evaluate_corpus

    corpus = load_corpus(write_corpus(tmp_path / "tiny"))
    result = evaluate_corpus(corpus, RunOptions(metrics=("bleu", "chrf", "ter"), flags=False))
    assert result.segmentation == "sentences"
    ref = tmp_path / "ref.txt"
    ref.write_text("".join(p + "\n" for d in corpus.documents for p in d.reference.split("\n") if p),
                   encoding="utf-8")
    names = {"bleu": "BLEU", "chrf": "chrF2", "ter": "TER"}
    for system in result.systems:
        assert all(s.type == "1-1" for d in result.documents if d.system == system.system for s in d.segments)
        hyp = tmp_path / f"{system.system}.txt"
        hyp.write_text("".join(p + "\n" for d in corpus.documents for p in d.hypotheses[system.system].split("\n")
                               if p), encoding="utf-8")
        done = subprocess.run([SACREBLEU, str(ref), "-i", str(hyp), "-m", "bleu", "chrf", "ter", "-w", "6",
                               "-f", "json"], capture_output=True, text=True, check=True, timeout=300)
        theirs = {s["name"]: s["score"] for s in json.loads(done.stdout)}
        for metric, score in system.scores.items():
            assert round(score.value, 4) == round(theirs[names[metric]], 4), (system.system, metric)
            assert score.unit == "aligned-segments"


def test_insertions_cost_bleu_and_ter_but_not_chrf_and_the_reports_say_so(tmp_path):
    """sacreBLEU's chrF gives a row with an empty reference no statistics (README, docs/reports.md)."""
    from evalkit.corpus import load_corpus
    from evalkit.metrics import get_metric
    from evalkit.pipeline import CHRF_INSERTIONS_NOTE, RunOptions, evaluate_corpus

    hyps = ["Le maire a inauguré le nouveau pont lundi.", "Il a coûté 12 millions d'euros."]
    refs = ["Le maire a inauguré le pont lundi.", "Il a coûté 12 millions d'euros."]
    # the same rows plus an insertion row, as join_alignments makes it: MT text, empty reference
    with_junk = (hyps[:1] + ["LIRE AUSSI : nos dix meilleures offres du jour"] + hyps[1:], refs[:1] + [""] + refs[1:])
    scores = {}
    for name in ("bleu", "chrf", "chrf++", "ter"):
        metric = get_metric(name, target_lang="fr")
        scores[name] = (metric.corpus_score(hyps, refs).value, metric.corpus_score(*with_junk).value)
    assert scores["chrf"][0] == scores["chrf"][1] and scores["chrf++"][0] == scores["chrf++"][1]
    assert scores["bleu"][1] < scores["bleu"][0] and scores["ter"][1] > scores["ter"][0]
    corpus = load_corpus(write_corpus(tmp_path / "tiny"))
    assert CHRF_INSERTIONS_NOTE in evaluate_corpus(corpus, RunOptions(metrics=("chrf",), flags=False)).notes
    assert CHRF_INSERTIONS_NOTE not in evaluate_corpus(corpus, RunOptions(metrics=("bleu",), flags=False)).notes

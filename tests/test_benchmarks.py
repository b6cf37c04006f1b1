"""The benchmark corpus generator: deterministic, gold that matches its texts, and sentences that
do not repeat (so that caches keyed on a sentence get no more help than on real text)."""

from __future__ import annotations

import hashlib

from benchmarks.generate import generate, load_pool
from evalkit.alignment.evaluate import load_corpus_gold
from evalkit.corpus import load_corpus, validate_corpus
from evalkit.segment import segment


def _digest(root) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def test_generated_corpus_is_deterministic_and_valid(tmp_path):
    pool = load_pool()
    a = generate(tmp_path / "a", 12, pool=pool)
    b = generate(tmp_path / "b", 12, pool=pool)
    assert _digest(a) == _digest(b)
    assert _digest(generate(tmp_path / "c", 12, seed=14, pool=pool)) != _digest(a)
    # Only the datasheet files a bundled corpus has are missing; texts, ids and gold check out.
    problems = [p for p in validate_corpus(a) if "datasheet" not in p.message and "data/" not in str(p.path)]
    assert problems == []
    corpus = load_corpus(a)
    assert len(corpus) == 12 and [s.name for s in corpus.systems] == ["synthetic-mt"]
    gold = load_corpus_gold(a)
    assert {g.pair for g in gold} == {"source-mt", "source-reference"} and len(gold) == 24
    for g in gold:
        assert all(a < b for a, b in g.source_spans) and all(a < b for a, b in g.target_spans)


def test_generated_sentences_rarely_repeat(tmp_path):
    corpus = load_corpus(generate(tmp_path / "c", 60))
    sources = [s.text for d in corpus.documents for s in segment(d.source, "en")]
    mt = [s.text for d in corpus.documents for s in segment(d.hypotheses["synthetic-mt"], "fr")]
    assert len(set(sources)) >= 0.97 * len(sources)
    # junk lines and duplicated lines repeat on purpose on the MT side
    assert len(set(mt)) >= 0.85 * len(mt)


def test_scaling_pages_have_the_asked_size_and_shape(tmp_path):
    from benchmarks.run import render_scaling, scaling_page, write_scaling

    lines = tmp_path / "lines.txt"
    size = scaling_page(lines, "lines", 0.05)
    assert 50_000 <= size < 60_000
    text = lines.read_text(encoding="utf-8").splitlines()
    assert len(set(text)) >= 0.95 * len(text)   # nearly every line distinct (the corpus repeats a few)
    repeats = tmp_path / "repeats.txt"
    scaling_page(repeats, "repeats", 0.05)
    rows = repeats.read_text(encoding="utf-8").splitlines()
    assert len(set(rows)) < len(rows)     # lines recur
    results = tmp_path / "RESULTS.md"
    results.write_text("# evalkit benchmarks\n\nearlier figures\n", encoding="utf-8")
    info = {"platform": "Linux", "machine": "x86_64", "cpu": "cpu", "cores": "2", "memory": "1 GB", "python": "3.11"}
    write_scaling(results, render_scaling([], info, "today"))
    write_scaling(results, render_scaling([], info, "tomorrow"))   # replaces its own section only
    text = results.read_text(encoding="utf-8")
    assert text.startswith("# evalkit benchmarks\n\nearlier figures\n\n<!-- scaling")
    assert "tomorrow" in text and "today" not in text


def test_model_throughput_script_measures_a_span_model(tmp_path, capsys):
    """`make bench-models` on a tiny random xCOMET checkpoint, on the CPU: one JSON line per batch size
    (the figures themselves are this machine's and are not checked)."""
    import json

    from benchmarks.models import main
    from tests.comet_fixture import build_tiny_xcomet

    corpus = load_corpus(generate(tmp_path / "c", 2))
    texts = [d.source for d in corpus.documents] + [d.hypotheses["synthetic-mt"] for d in corpus.documents]
    build_tiny_xcomet(tmp_path / "xcomet", texts)
    assert main(["--what", "xcomet", "--model", str(tmp_path / "xcomet"), "--corpus", str(tmp_path / "c"),
                 "--segments", "6", "--batch-sizes", "2,4", "--gpus", "0"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(x["batch_size"], x["segments"], x["device"]) for x in lines] == [(2, 6, "cpu"), (4, 6, "cpu")]
    assert all(x["segments_per_second"] > 0 and x["signature"].startswith("xcomet|model:xcomet|") for x in lines)


def test_line_probe_counts_a_found_prompt_a_missed_one_and_a_flagged_negative():
    from benchmarks.lines_probe import measure

    rows = [{"lang": "fr", "label": "prompt", "kind": "t", "text": "Voici l'article réécrit pour le référencement :"},
            {"lang": "fr", "label": "prompt", "kind": "t", "text": "Le pont rouvrira lundi matin."},
            {"lang": "fr", "label": "negative", "kind": "t", "text": "Publicité"},
            {"lang": "fr", "label": "negative", "kind": "t", "text": "Le maire a salué la fin des travaux."}]
    counts, listed = measure(rows, show=True)
    assert counts[("prompt", "fr", "n")] == 2 and counts[("prompt", "fr", "hit")] == 1
    assert counts[("negative", "fr", "n")] == 2 and counts[("negative", "fr", "hit")] == 1
    assert counts[("carrier", "fr", "flags")] == 0
    assert [line.split()[0] for line in listed] == ["MISSED", "FLAGGED"]

"""The `xcomet` detector with a tiny, randomly initialised xCOMET checkpoint built here (no network).

The checkpoint (tests/comet_fixture.py `build_tiny_xcomet`) goes through COMET's real loader and
`predict`; its spans are random but, for given texts, always the same (seeded weights, eval mode), and
it predicts spans on these texts. Where a test needs a span to exist it says so; no test fixes which
words the random model picks.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit.cache import ScoreCache
from evalkit.corpus import load_corpus
from evalkit.detectors import DETECTORS, make_detectors
from evalkit.detectors.base import MODEL, prepare_input
from evalkit.detectors.model import RowOffsets, RowsInput, merge_flags, rows_input
from evalkit.detectors.xcomet import CATEGORY, SpanModel, XCOMETDetector, locate
from evalkit.errors import InputError, UsageError
from evalkit.flags import SEVERITIES, Flag, mqm_penalty
from evalkit.gate import detectable_categories
from evalkit.pipeline import RunOptions, evaluate_corpus
from tests.comet_fixture import build_tiny_comet, build_tiny_xcomet

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "evalkit" / "schemas" / "document-report.schema.json").read_text(encoding="utf-8"))

# Written for these tests: accents, typographic quotes, guillemets, a dash, emoji (one code point and a
# joined sequence), and English words left in the French MT (the untranslated detector flags them).
SOURCE = ("The mayor said “the bridge is ready” 🙂 on Monday.\n\n"
          "Émilie Dupont paid 12 million euros for the déjà-vu café 👩‍🔬.\n")
MT = ("Le maire a dit « le pont est prêt » 🙂 lundi.\n\n"
      "Émilie Dupont a payé 12 million euros pour the coffee shop déjà-vu 👩‍🔬 — “vraiment”.\n")
REFERENCE = ("Le maire a déclaré « le pont est prêt » 🙂 lundi.\n\n"
             "Émilie Dupont a payé 12 millions d’euros pour le café déjà-vu 👩‍🔬.\n")
TEXTS = [SOURCE, MT, REFERENCE] * 3


@pytest.fixture(scope="module", autouse=True)
def offline():
    """Nothing here may reach the network."""
    import huggingface_hub.constants

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HF_HUB_OFFLINE", "1")
        patch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
        yield


@pytest.fixture(scope="module")
def xcomet(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("tiny-xcomet")
    build_tiny_xcomet(folder, TEXTS)
    return folder


@pytest.fixture(scope="module")
def kiwi(tmp_path_factory) -> Path:
    """A CometKiwi-style reference-free model: a word-level UnifiedMetric reading MT and source."""
    folder = tmp_path_factory.mktemp("tiny-kiwi")
    build_tiny_xcomet(folder, TEXTS, input_segments=["mt", "src"])
    return folder


def _doc(reference: str | None = REFERENCE):
    return prepare_input(MT, "en", "fr", source=SOURCE, reference=reference, doc_id="d1", system="s")


def _corpus(root: Path, *, references: bool = True) -> Path:
    """A one-document, one-system corpus of the texts above."""
    (root / "source").mkdir(parents=True)
    (root / "systems" / "mt").mkdir(parents=True)
    (root / "corpus.yaml").write_text("name: cafe\nsource_lang: en\ntarget_lang: fr\nsystems:\n  mt: {}\n"
                                      "documents:\n  - id: d1\n    title: Café\n", encoding="utf-8")
    (root / "source" / "d1.txt").write_text(SOURCE, encoding="utf-8")
    (root / "systems" / "mt" / "d1.txt").write_text(MT, encoding="utf-8")
    if references:
        (root / "reference").mkdir()
        (root / "reference" / "d1.txt").write_text(REFERENCE, encoding="utf-8")
    return root


# --- the detector ------------------------------------------------------------------------------

def test_registered_as_a_model_detector_off_by_default():
    assert DETECTORS.get("xcomet").kind == MODEL
    assert "xcomet" not in [d.name for d in make_detectors()]
    assert [d.name for d in make_detectors(["untranslated", "xcomet"], cache=None)] == ["untranslated", "xcomet"]
    # a gate on the default detectors does not count on a category only the span model raises
    assert CATEGORY not in detectable_categories() and CATEGORY in detectable_categories(["xcomet"])


def test_every_span_lies_on_the_raw_mt_and_equals_its_text(xcomet):
    detector = XCOMETDetector(str(xcomet), cache=None)
    flags = detector.detect(_doc())
    assert flags, "the tiny model predicts spans on these texts"
    signature = detector.signature()
    assert signature.startswith(f"xcomet|model:{xcomet.name}|ckpt:")
    for flag in flags:
        assert 0 <= flag.start < flag.end <= len(MT)
        assert flag.text == MT[flag.start:flag.end] and flag.text == flag.text.strip()
        assert (flag.category, flag.detector, flag.doc_id, flag.system) == (CATEGORY, "xcomet", "d1", "s")
        assert flag.severity in SEVERITIES and 0.0 <= flag.confidence <= 1.0
        assert signature in flag.evidence
    # spans are found after the emoji, quotes and accented letters too (offsets count code points)
    assert max(f.end for f in flags) > MT.index("🙂")
    assert detector.detect(_doc()) == flags          # the same input, the same spans


def test_model_offsets_are_code_point_offsets_into_the_mt(xcomet):
    """What xCOMET returns: spans whose start/end index the MT string given to it (the tokenizer's
    character offsets, so an emoji counts one per code point, as a Python str does), and whose text is
    the tokenizer's decoding of the span's tokens (with `<s>`, spaces moved), not always MT[start:end]."""
    model = SpanModel(str(xcomet), cache=None)
    rows = [row for row in rows_input(_doc()).rows if row.hypothesis_spans]
    records = model.predict_records([(row.hypothesis, row.source, row.reference) for row in rows])
    spans = [(row.hypothesis, span) for row, record in zip(rows, records) for span in record["spans"]]
    assert spans
    placed = 0
    for text, span in spans:
        found = locate(text, span["text"], span["start"], span["end"])
        if isinstance(found, tuple):
            placed += 1
            stripped = text[span["start"]:span["end"]].strip()
            # where the span has text, it is found at the model's own offsets (edge spaces trimmed)
            assert text[found[0]:found[1]] == stripped
    assert placed


def test_locate_checks_the_text_and_finds_it_again_near_a_wrong_offset():
    text = "Il a dit « prêt » 🙂 — déjà ﬁni."
    start = text.index("déjà")
    assert locate(text, "▁déjà", start, start + 4) == (start, start + 4)
    assert locate(text, "<s> Il a", 0, 4) == (0, 4)
    assert locate(text, "fini", text.index("ﬁni"), text.index("ﬁni") + 3) == (text.index("ﬁni"),
                                                                               text.index("ﬁni") + 3)
    assert locate(text, "<unk> —", text.index("🙂"), text.index("—") + 1) == (text.index("🙂"), text.index("—") + 1)
    # offsets counted in UTF-8 bytes (as a byte-level tokenizer might): the text is found nearby
    byte_start = len(text[:start].encode("utf-8"))
    assert locate(text, "déjà", byte_start, byte_start + 4) == (start, start + 4)
    assert locate(text, "tomate", 3, 9) is None
    # XCOMET-XL's offsets take in the space before the word; its text does not (Unbabel/COMET issue 179)
    german = "ins Krankenhaus eingeliefert wurden."
    word = german.index("eingeliefert")
    assert locate(german, "eingeliefert", word - 1, word + 12) == (word, word + 12)
    assert locate(text, "<s> ", 0, 1) == "empty"


def test_row_offsets_map_onto_the_document():
    document = "First one.\n\nSecond one here."
    rows = RowOffsets([(0, 10), (12, 28)])          # a row of two MT sentences: "First one. Second one here."
    row_text = "First one. Second one here."
    assert rows.to_document(row_text.index("Second"), row_text.index("Second") + 6) == (12, 18)
    a, b = rows.to_document(6, 17)                  # "one. Second": across the join
    assert document[a:b] == "one.\n\nSecond"


def test_a_model_that_predicts_no_spans_is_refused(tmp_path):
    folder = tmp_path / "plain"
    build_tiny_comet(folder, TEXTS)
    with pytest.raises(InputError, match="predicts no error spans"):
        XCOMETDetector(str(folder), cache=None).check()


def test_bad_options_are_usage_errors():
    with pytest.raises(UsageError, match="threshold"):
        XCOMETDetector("Unbabel/XCOMET-XL", threshold=1.5, cache=None)
    with pytest.raises(UsageError, match="span view"):
        RunOptions(span_view="both")


def test_predictions_come_from_the_cache_on_a_second_run(xcomet, tmp_path):
    cache = ScoreCache(tmp_path / "scores.sqlite3")
    first = XCOMETDetector(str(xcomet), cache=cache)
    flags = first.detect(_doc())
    assert first.model.model_loaded and cache.stats.hits == 0 and cache.stats.misses > 0
    second = XCOMETDetector(str(xcomet), cache=cache)
    assert second.detect(_doc()) == flags
    assert not second.model.model_loaded                   # every row was in the cache
    assert cache.stats.hits == cache.stats.misses
    # another model (another signature) reads none of it
    threshold = XCOMETDetector(str(xcomet), cache=cache, threshold=0.4)
    assert threshold.signature() == first.signature() + "|threshold:0.4"
    threshold.detect(_doc())
    assert threshold.model.model_loaded


def test_reference_free_model_reads_source_and_mt(kiwi):
    detector = XCOMETDetector(str(kiwi), cache=None)
    assert detector.detect(_doc(reference=None)) == detector.detect(_doc())   # the reference is not read


# --- merged with the rule flags ----------------------------------------------------------------

def _flag(start, end, category, severity, detector, text="x"):
    return Flag(start, end, category, severity, text, detector, evidence=f"{detector} said so")


def test_an_overlap_is_one_error_with_both_detectors_and_the_penalty_counts_it_once():
    rule = _flag(10, 15, "accuracy/untranslated", "major", "untranslated")
    other = _flag(40, 45, "fluency/punctuation", "minor", "punctuation")
    spans = [_flag(12, 20, CATEGORY, "critical", "xcomet"), _flag(30, 33, CATEGORY, "minor", "xcomet")]
    merged = merge_flags([rule, other], spans)
    assert [(f.start, f.end, f.category, f.detector) for f in merged] == [
        (10, 15, "accuracy/untranslated", "untranslated+xcomet"), (30, 33, CATEGORY, "xcomet"),
        (40, 45, "fluency/punctuation", "punctuation")]
    assert merged[0].evidence.startswith("untranslated said so | xcomet [12, 20) 'x': xcomet said so")
    assert mqm_penalty(merged, 100).penalty == 5 + 1 + 1       # the overlap once, with the rule's severity
    assert merge_flags([rule, other], spans, "neural") == spans


# --- in a run ------------------------------------------------------------------------------------

def _run(args, tmp_path, **env):
    environment = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf"), **env}
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), environment.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-m", "evalkit", *args], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=600)


def test_run_writes_flags_of_both_kinds_in_every_report_then_reads_the_cache(xcomet, tmp_path):
    corpus = _corpus(tmp_path / "cafe")
    args = ["-v", "run", str(corpus), "--metrics", "bleu", "--detectors", "untranslated,names,xcomet",
            "--span-model", str(xcomet), "--cache", str(tmp_path / "scores.sqlite3"), "--cpu"]
    first = _run([*args, "--out", str(tmp_path / "a")], tmp_path)
    assert first.returncode == 0, first.stderr
    assert "XCOMET: 0 rows from cache, 2 predicted" in first.stderr
    second = _run([*args, "--out", str(tmp_path / "b")], tmp_path)
    assert second.returncode == 0, second.stderr
    assert "XCOMET: 2 rows from cache, 0 predicted" in second.stderr
    report = tmp_path / "a" / "cafe" / "mt" / "d1"
    payload = json.loads(report.with_suffix(".json").read_text(encoding="utf-8"))
    jsonschema.validate(payload, SCHEMA)
    detectors = {f["detector"] for f in payload["flags"]}
    assert "xcomet" in {name for d in detectors for name in d.split("+")}
    assert {"untranslated", "names"} & {name for d in detectors for name in d.split("+")}
    for flag in payload["flags"]:
        assert flag["text"] == MT[flag["start"]:flag["end"]]
    markdown = report.with_suffix(".md").read_text(encoding="utf-8")
    html = report.with_suffix(".html").read_text(encoding="utf-8")
    assert "xcomet" in markdown and "xcomet" in html and "untranslated" in markdown and "untranslated" in html
    for suffix in (".json", ".md", ".html"):   # the cached run writes the same bytes
        assert (tmp_path / "b" / "cafe" / "mt" / f"d1{suffix}").read_bytes() == report.with_suffix(suffix).read_bytes()


def test_neural_view_shows_the_model_spans_alone(xcomet, tmp_path):
    corpus = load_corpus(_corpus(tmp_path / "cafe"))
    options = dict(metrics=("bleu",), detectors=("untranslated", "xcomet"), span_model=str(xcomet), cache=False)
    merged = evaluate_corpus(corpus, RunOptions(**options)).documents[0]
    neural = evaluate_corpus(corpus, RunOptions(**options, span_view="neural")).documents[0]
    alone = XCOMETDetector(str(xcomet), cache=None).detect_rows(
        [RowsInput(MT, merged.segments, "d1", "mt")])[0]
    assert list(neural.flags) == sorted(alone, key=lambda f: (f.start, f.end, f.category, f.detector, f.text))
    assert all(f.detector == "xcomet" for f in neural.flags)
    rules = evaluate_corpus(corpus, RunOptions(metrics=("bleu",), detectors=("untranslated",), cache=False))
    assert list(merged.flags) == merge_flags(rules.documents[0].flags, alone)
    assert merged.mqm == mqm_penalty(merged.flags, merged.words["hypothesis"])


def test_span_options_without_a_model_detector_are_refused(tmp_path):
    corpus = load_corpus(_corpus(tmp_path / "cafe"))
    with pytest.raises(UsageError, match="no model detector"):
        evaluate_corpus(corpus, RunOptions(metrics=("bleu",), span_model="x"))


def test_offline_the_run_says_so_once_and_goes_on_with_the_rules(tmp_path):
    corpus = _corpus(tmp_path / "cafe")
    result = _run(["run", str(corpus), "--metrics", "bleu", "--detectors", "untranslated,xcomet",
                   "--span-model", "Unbabel/XCOMET-XL", "--out", str(tmp_path / "out"), "--no-cache"], tmp_path)
    assert result.returncode == 0, result.stderr
    said = [line for line in (result.stdout + result.stderr).splitlines() if "XCOMET" in line]
    assert said == ["XCOMET not computed: COMET model 'Unbabel/XCOMET-XL' could not be loaded: not in the local "
                    "cache and HF_HUB_OFFLINE is set"]
    payload = json.loads((tmp_path / "out" / "cafe" / "mt" / "d1.json").read_text(encoding="utf-8"))
    assert payload["flags"] and {f["detector"] for f in payload["flags"]} == {"untranslated"}
    assert said[0] in payload["notes"]


def test_flag_command_runs_the_span_model(xcomet, tmp_path):
    mt, src = tmp_path / "mt.txt", tmp_path / "src.txt"
    mt.write_text(MT, encoding="utf-8")
    src.write_text(SOURCE, encoding="utf-8")
    result = _run(["flag", str(mt), "--source", str(src), "--src-lang", "en", "--tgt-lang", "fr", "--format",
                   "json", "--detectors", "xcomet", "--span-model", str(xcomet), "--no-cache"], tmp_path)
    assert result.returncode == 0, result.stderr
    flags = json.loads(result.stdout)["flags"]
    assert flags and {f["detector"] for f in flags} == {"xcomet"}
    assert all(f["text"] == MT[f["start"]:f["end"]] for f in flags)


def test_eval_detectors_scores_the_spans_against_gold_of_any_category(xcomet, tmp_path):
    corpus = _corpus(tmp_path / "cafe")
    (corpus / "gold" / "errors").mkdir(parents=True)
    start = MT.index("the coffee shop")
    gold = {"id": "d1-e001", "doc_id": "d1", "system": "mt", "category": "accuracy/untranslated",
            "severity": "major", "start": start, "end": start + len("the coffee shop"), "text": "the coffee shop",
            "correction": "le café", "rationale": "English left in the French MT.", "parent": None}
    (corpus / "gold" / "errors" / "d1.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    result = _run(["eval-detectors", str(corpus), "--system", "mt", "--detectors", "xcomet", "--span-model",
                   str(xcomet), "--json", "--no-cache"], tmp_path)
    assert result.returncode == 0, result.stderr
    rows = {row["category"]: row for row in json.loads(result.stdout)}
    assert list(rows) == [CATEGORY, "(all)", "(any category)"]
    spans = XCOMETDetector(str(xcomet), cache=None).detect(
        prepare_input(MT, "en", "fr", source=SOURCE, reference=REFERENCE, doc_id="d1", system="mt"))
    assert rows["(any category)"]["predicted"] == len(spans) and rows["(any category)"]["gold"] == 1
    hit = sum(f.start < gold["end"] and gold["start"] < f.end for f in spans)
    assert rows["(any category)"]["overlap"]["precision"] == round(hit / len(spans), 4)


spans_strategy = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 30)), max_size=12)


@settings(max_examples=200, deadline=None)
@given(rules=spans_strategy, model=spans_strategy)
def test_merge_agrees_with_the_pairwise_definition(rules, model):
    rule_flags = [_flag(a, a + n, "fluency/punctuation", "minor", "punctuation") for a, n in rules]
    model_flags = [_flag(a, a + n, CATEGORY, "major", "xcomet") for a, n in model]
    merged = merge_flags(rule_flags, model_flags)
    overlapped = [m for m in model_flags if any(r.start < m.end and m.start < r.end for r in rule_flags)]
    assert sum(f.detector == "xcomet" for f in merged) == len(model_flags) - len(overlapped)
    assert len(merged) == len(rule_flags) + len(model_flags) - len(overlapped)
    for f in merged:
        if f.detector == "punctuation+xcomet":
            assert any(m.start < f.end and f.start < m.end for m in model_flags)
        elif f.detector == "punctuation":
            assert not any(m.start < f.end and f.start < m.end for m in model_flags)

"""Properties that hold for any input: segmentation, alignment, detectors and report JSON.

Hypothesis generates the texts (news-like words, quotes, URLs, odd Unicode and whitespace);
each property is an invariant other stages rely on (offsets into the raw text, full coverage).
"""

from __future__ import annotations

import json
from functools import cache

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evalkit.alignment.aligner import align, align_segments
from evalkit.corpus import Corpus, Document, System
from evalkit.detectors import DETECTORS, DetectionInput, make_detectors, run_detectors
from evalkit.pipeline import RunOptions, evaluate_corpus
from evalkit.report import html, json_report, markdown
from evalkit.segment import segment

from .conftest import ROOT

SCHEMA = json.loads((ROOT / "evalkit" / "schemas" / "document-report.schema.json").read_text(encoding="utf-8"))
SETTINGS = settings(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that exercise the segmenter's and detectors' rules, mixed with arbitrary Unicode.
PIECES = [
    "Le maire", "a inauguré", "le pont", "lundi", "The mayor", "opened", "the bridge", "M.", "Dr.", "U.S.",
    "J.-C.", "12,5 %", "3.14", "1er", "« Oui »", "“quote”", "\"dit-il\"", "(AFP)", "—", "–", "-", "•", "...",
    "…", ".", "!", "?", ";", ":", ",", "Financial Instances", "READ MORE:", "Lire aussi :", "www.example.com",
    "https://x.fr/a?b=c", "a@b.fr", "#hashtag", "@handle", "PARIS", "Ü", "e\u0301", "😀", "中文", "مرحبا",
    "\u00a0", "\u202f", "\u200b", "\ufeff", "\t", " ", "  ", "\n", "\n\n", "\r\n", "\r", "\u2028", "\x0b",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=40).map(" ".join)
langs = st.sampled_from(["en", "fr", "de", "pt-BR", "xx"])


@cache
def _detectors():
    return make_detectors()


# --- segmenter ------------------------------------------------------------------------------

@SETTINGS
@given(raw=st.one_of(texts, st.text(max_size=300)), lang=langs)
def test_segments_are_exact_trimmed_single_line_and_cover_every_visible_character(raw, lang):
    segments = segment(raw, lang)
    covered = set()
    previous_end = 0
    for s in segments:
        assert raw[s.start:s.end] == s.text and s.start < s.end
        assert not s.text[0].isspace() and not s.text[-1].isspace()
        assert "\n" not in s.text
        assert s.line == raw.count("\n", 0, s.start)
        assert s.start >= previous_end  # in order, no overlap
        previous_end = s.end
        covered.update(range(s.start, s.end))
    assert {i for i, ch in enumerate(raw) if not ch.isspace()} <= covered


# --- aligner ----------------------------------------------------------------------------------

sentences = st.lists(st.one_of(texts, st.sampled_from(PIECES)).filter(lambda t: t.strip()), max_size=12)


def _check_links(links, n_source, n_target):
    assert [i for link in links for i in link.source] == list(range(n_source))
    assert [j for link in links for j in link.target] == list(range(n_target))
    for link in links:
        assert link.source or link.target
        assert list(link.source) == sorted(link.source) and list(link.target) == sorted(link.target)


@SETTINGS
@given(source=sentences, target=sentences)
def test_alignment_is_monotonic_and_covers_every_sentence_once(source, target):
    _check_links(align(source, target, src_lang="en", tgt_lang="fr"), len(source), len(target))


@SETTINGS
@given(source=texts, target=texts)
def test_alignment_of_segmented_documents_covers_every_segment_once(source, target):
    src, tgt = segment(source, "en"), segment(target, "fr")
    _check_links(align_segments(src, tgt, src_lang="en", tgt_lang="fr"), len(src), len(tgt))


# --- detectors --------------------------------------------------------------------------------

@SETTINGS
@given(hypothesis=st.one_of(texts, st.text(max_size=300)), source=st.none() | texts,
       reference=st.none() | texts, tgt=st.sampled_from(["fr", "de", "en"]))
def test_detectors_never_raise_and_spans_are_exact(hypothesis, source, reference, tgt):
    assert DETECTORS.names(), "no detector registered"
    hyp_segments = segment(hypothesis, tgt)
    src_segments = segment(source, "en") if source is not None else None
    alignment = align_segments(src_segments, hyp_segments, src_lang="en", tgt_lang=tgt) \
        if src_segments is not None else None
    doc = DetectionInput(hypothesis=hypothesis, src_lang="en", tgt_lang=tgt, source=source, reference=reference,
                         hypothesis_segments=hyp_segments, source_segments=src_segments, alignment=alignment,
                         doc_id="d", system="s")
    for flag in run_detectors(doc, _detectors()):
        assert 0 <= flag.start < flag.end <= len(hypothesis)
        assert flag.text == hypothesis[flag.start:flag.end]
        assert flag.severity in ("minor", "major", "critical")


# Lines made of the junk tables' own cue phrases (every kind, every language), words addressing the reader, names,
# numbers with scale words and punctuation, some letters swapped for ones that match case-blind but fold apart
# ("ſ" for s, "ı" for i, "İ" for I, the Kelvin sign for K): the paths the cue rules take when a line half-fits them.
# Five crashes of the twenty-sixth session were of this kind (docs/ROBUSTNESS.md, cases 62 and 63).

@cache
def _cue_phrases() -> dict[str, list[str]]:
    """Kind -> its cue phrases (a kind drawn first: the few cues of a rare kind are drawn as often as a common one's)."""
    rows = (line.split("\t") for line in (ROOT / "evalkit" / "data" / "junk_cues.tsv").read_text(
        encoding="utf-8").splitlines() if line and not line.startswith("#"))
    kinds: dict[str, set[str]] = {}
    for row in rows:
        if len(row) == 3 and row[0] != "kind":
            kinds.setdefault(row[0], set()).add(row[2])
    return {kind: sorted(cues) for kind, cues in sorted(kinds.items())}


cue_phrases = st.sampled_from(sorted(_cue_phrases())).flatmap(lambda kind: st.sampled_from(_cue_phrases()[kind]))


ODD_LETTERS = [("s", "ſ"), ("i", "ı"), ("I", "İ"), ("K", "\u212a"), ("fi", "\ufb01"), ("ss", "ß")]
CUE_PIECES = ["vous", "Sie", "вас", "you", "tu", "Here is", "the paragraph", "Voici", "Al Smith", "Anna Müller",
              "5", "500", "1,6", "mil", "Mio.", "millions", "млн", "|", ":", "(", ")", "[", "]", "—", "?", ".",
              "\n", "Le maire a dit.", "Der Bürgermeister sagte.", "Мэр сказал."]


@st.composite
def cue_lines(draw) -> str:
    pieces = draw(st.lists(st.one_of(cue_phrases, st.sampled_from(CUE_PIECES)),
                           min_size=1, max_size=4))
    line = " ".join(pieces)
    for old, new in draw(st.lists(st.sampled_from(ODD_LETTERS), max_size=2)):
        line = line.replace(old, new, 1)
    return line


@settings(SETTINGS, max_examples=1000, derandomize=True)
@given(hypothesis=cue_lines(), source=st.none() | st.sampled_from(["The mayor said.", "5 million people came.",
                                                                   "Posted by Al Smith\nThe mayor said."]),
       tgt=st.sampled_from(["fr", "de", "es", "ru"]))
def test_detectors_never_raise_on_lines_of_cue_phrases(hypothesis, source, tgt):
    from evalkit.detectors.base import prepare_input

    doc = prepare_input(hypothesis, "en", tgt, source=source, doc_id="d")
    for flag in run_detectors(doc, _detectors()):
        assert 0 <= flag.start < flag.end <= len(hypothesis)
        assert flag.text == hypothesis[flag.start:flag.end]


# --- reports ----------------------------------------------------------------------------------

documents = st.lists(st.tuples(texts, texts, texts, texts), min_size=1, max_size=3)


@settings(SETTINGS, max_examples=25)
@given(docs=documents, titles=st.lists(st.text(max_size=20), min_size=3, max_size=3), unit=st.sampled_from(
    ["aligned", "document"]))
def test_report_json_validates_for_generated_corpora(docs, titles, unit):
    corpus = Corpus(
        path=ROOT, name="generated", source_lang="en", target_lang="fr", systems=(System("a"), System("b")),
        documents=tuple(Document(f"doc-{k}", src, ref, {"a": hyp_a, "b": hyp_b}, titles[k])
                        for k, (src, ref, hyp_a, hyp_b) in enumerate(docs)))
    result = evaluate_corpus(corpus, RunOptions(unit=unit, cache=False))
    assert len(result.documents) == 2 * len(docs)
    for document in result.documents:
        payload = json_report.document_payload(result, document)
        text = json_report.dumps(payload)
        jsonschema.validate(json.loads(text), SCHEMA)
        html.render_document(payload)
        markdown.render_document(payload)

"""The spun-news development set (corpora/spun-news-dev, -heldout), the negatives in the detector
scorecard, and the WMT MQM conversion and measurement scripts (issue 15)."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from evalkit.cli import main
from evalkit.corpus import load_corpus, validate_corpus
from evalkit.detectors.evaluate import hidden_sources, score_corpus
from evalkit.flags import Flag

ROOT = Path(__file__).resolve().parent.parent
SPLITS = ("dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7",
          "heldout8", "heldout9", "heldout10", "heldout11", "heldout12", "heldout13", "heldout14", "heldout15",
          "heldout16", "heldout17",
          "heldout18", "heldout19", "heldout20", "heldout21",
          "heldout22", "heldout23",
          "heldout24", "heldout25",
          "heldout26", "heldout27", "heldout28", "heldout29", "heldout30",
          "heldout31", "heldout32", "heldout33", "heldout34", "heldout35", "heldout36", "heldout37", "heldout38",
          "heldout39", "heldout40", "heldout41", "heldout42", "heldout43", "heldout44", "heldout45", "heldout46",
          "heldout47", "heldout48", "heldout49", "heldout50", "heldout51", "heldout52",
          "heldout53", "heldout54", "heldout55", "heldout56",
          "heldout57", "heldout58", "heldout59", "heldout60", "heldout61", "heldout62",
          "heldout63", "heldout64", "heldout65", "heldout66", "heldout67", "heldout68", "heldout69",
          "heldout70", "heldout71", "heldout72", "heldout73", "heldout74", "heldout75", "heldout76",
          "heldout77", "heldout78", "heldout79", "heldout80", "heldout81", "heldout82", "heldout83",
          "heldout84", "heldout85", "heldout86", "heldout87", "heldout88", "heldout89", "heldout90")
GROUPS = [ROOT / "corpora" / f"spun-news-{split}" for split in SPLITS]
CORPORA = sorted(p for g in GROUPS for p in g.glob("en-*"))
BUILD = ROOT / "corpora" / "spun-news-dev" / "tools" / "build.py"


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_each_spun_news_corpus_validates_clean(corpus):
    assert validate_corpus(corpus) == []


def test_the_set_has_what_issue_15_asks_for():
    docs = [(c, d) for c in CORPORA for d in load_corpus(c).manifest["documents"]]
    languages = {load_corpus(c).target_lang for c, _ in docs}
    assert len(docs) >= 24 and languages >= {"fr", "de", "es", "ru"}
    hidden = [d for _, d in docs if d["source"] == "hidden"]
    assert len(hidden) == len(docs) // 2                      # half are measured without their source
    # corpora/spun-news-dev/README.md: per language, 10 dev documents (01-04, 07-10, 15-16), 2 held out (05-06),
    # 2 in held-out 2 (11-12), 2 in held-out 3 (13-14), 2 in held-out 4 (17-18), 2 in held-out 5 (19-20),
    # 2 in held-out 6 (21-22), 2 in held-out 7 (23-24), 2 in held-out 8 (25-26), 2 in held-out 9 (27-28), 2 in
    # held-out 10 (29-30), 2 in held-out 11 (31-32), 2 in held-out 12 (33-34), 2 in held-out 13 (35-36), 2 in
    # held-out 14 (37-38), 2 in held-out 15 (39-40), 2 in held-out 16 (41-42) 2 in held-out 17 (43-44),
    # 2 in held-out 18 (45-46), 2 in held-out 19 (47-48), 2 in held-out 20 (49-50), 2 in held-out 21 (51-52),
    # 2 in held-out 22 (53-54), 2 in held-out 23 (55-56), 2 in held-out 24 (57-58), 2 in held-out 25 (59-60),
    # 2 in held-out 26 (61-62), 2 in held-out 27 (63-64), 2 in held-out 28 (65-66), 2 in held-out 29 (67-68),
    # 2 in held-out 30 (69-70), 2 in held-out 31 (71-72), 2 in held-out 32 (73-74), 2 in held-out 33 (75-76), 2
    # in held-out 34 (77-78), 2 in held-out 35 (79-80), 2 in held-out 36 (81-82), 2 in held-out 37
    # (83-84), 2 in held-out 38 (85-86), 2 in held-out 39 (87-88), 2 in held-out 40 (89-90) 2 in held-out 41
    # (91-92), 2 in held-out 42 (93-94), 2 in held-out 43 (95-96), 2 in held-out 44 (97-98), 2 in held-out 45
    # (99-100), 2 in held-out 46 (101-102), 2 in held-out 47 (103-104), 2 in held-out 48 (105-106), 2 in
    # held-out 49 (107-108), 2 in held-out 50 (109-110), 2 in held-out 51 (111-112), 2 in held-out 52
    # (113-114), 2 in held-out 53 (115-116), 2 in held-out 54 (117-118), 2 in held-out 55 (119-120), 2 in
    # held-out 56 (121-122), 2 in held-out 57 (123-124), 2 in held-out 58 (125-126), 2 in held-out 59
    # (127-128), 2 in held-out 60 (129-130), 2 in held-out 61 (131-132), 2 in held-out 62 (133-134), 2 in
    # held-out 63 (135-136), 2 in held-out 64 (137-138), 2 in held-out 65 (139-140), 2 in held-out 66 (141-142)
    # and 2 each in held-out 67 (143-144), held-out 68 (145-146), held-out 69 (147-148), held-out 70 (149-150),
    # held-out 71 (151-152), held-out 72 (153-154), held-out 73 (155-156), held-out 74 (157-158), held-out 75
    # (159-160), held-out 76 (161-162), held-out 77 (163-164), held-out 78 (165-166), held-out 79 (167-168),
    # held-out 80 (169-170), held-out 81 (171-172), held-out 82 (173-174), held-out 83 (175-176), held-out 84
    # (177-178), held-out 85 (179-180), held-out 86 (181-182), held-out 87 (183-184), held-out 88 (185-186),
    # held-out 89 (187-188) and held-out 90 (189-190)
    per_split = {split: sorted(d["id"] for _, d in docs if d["split"] == split) for split in SPLITS}
    assert {split: len(ids) for split, ids in per_split.items()} == {"dev": 40, "heldout": 8, "heldout2": 8,
                                                                      "heldout3": 8, "heldout4": 8, "heldout5": 8,
                                                                      "heldout6": 8, "heldout7": 8, "heldout8": 8,
                                                                      "heldout9": 8, "heldout10": 8,
                                                                      "heldout11": 8, "heldout12": 8,
                                                                      "heldout13": 8, "heldout14": 8,
                                                                      "heldout15": 8, "heldout16": 8,
                                                                      "heldout17": 8,
                                                                      "heldout18": 8, "heldout19": 8,
                                                                      "heldout20": 8, "heldout21": 8,
                                                                      "heldout22": 8, "heldout23": 8,
                                                                      "heldout24": 8, "heldout25": 8,
                                                                      "heldout26": 8, "heldout27": 8,
                                                                      "heldout28": 8, "heldout29": 8,
                                                                      "heldout30": 8, "heldout31": 8,
                                                                      "heldout32": 8, "heldout33": 8,
                                                                      "heldout34": 8, "heldout35": 8, "heldout36": 8,
                                                                      "heldout37": 8, "heldout38": 8,
                                                                      "heldout39": 8, "heldout40": 8,
                                                                      "heldout41": 8, "heldout42": 8,
                                                                      "heldout43": 8, "heldout44": 8,
                                                                      "heldout45": 8, "heldout46": 8,
                                                                      "heldout47": 8, "heldout48": 8,
                                                                      "heldout49": 8, "heldout50": 8,
                                                                      "heldout51": 8, "heldout52": 8,
                                                                      "heldout53": 8, "heldout54": 8,
                                                                      "heldout55": 8, "heldout56": 8,
                                                                      "heldout57": 8, "heldout58": 8,
                                                                      "heldout59": 8, "heldout60": 8,
                                                                      "heldout61": 8, "heldout62": 8,
                                                                      "heldout63": 8, "heldout64": 8,
                                                                      "heldout65": 8, "heldout66": 8,
                                                                      "heldout67": 8, "heldout68": 8,
                                                                      "heldout69": 8, "heldout70": 8,
                                                                      "heldout71": 8, "heldout72": 8,
                                                                      "heldout73": 8, "heldout74": 8,
                                                                      "heldout75": 8, "heldout76": 8,
                                                                      "heldout77": 8, "heldout78": 8,
                                                                      "heldout79": 8, "heldout80": 8,
                                                                      "heldout81": 8, "heldout82": 8,
                                                                      "heldout83": 8, "heldout84": 8,
                                                                      "heldout85": 8, "heldout86": 8,
                                                                      "heldout87": 8, "heldout88": 8,
                                                                      "heldout89": 8, "heldout90": 8}
    assert all(c.parent.name == f"spun-news-{d['split']}" for c, d in docs)
    negatives = [n for c in CORPORA for f in (c / "gold" / "negatives").glob("*.jsonl") for n in _jsonl(f)]
    assert len(negatives) >= 60


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_negative_overlaps_a_gold_error(corpus):
    for path in (corpus / "gold" / "negatives").glob("*.jsonl"):
        errors = _jsonl(corpus / "gold" / "errors" / path.name)
        for n in _jsonl(path):
            assert not [e["id"] for e in errors if e["start"] < n["end"] and n["start"] < e["end"]], n


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_gold_alignment_agrees_with_the_error_gold(corpus):
    for path in (corpus / "gold" / "errors").glob("*.jsonl"):
        errors = _jsonl(path)
        links = _jsonl(corpus / "gold" / "alignment" / path.name)
        omissions = [e for e in errors if e["category"] == "accuracy/omission"]
        assert sum(link["type"] == "1-0" for link in links) == len(omissions)
        junk = [e for e in errors if e["category"] in ("addition/boilerplate", "addition/prompt-leak",
                                                        "fluency/duplication")]
        inserted = [t for link in links if link["type"] == "0-1" for t in link["target"]]
        assert all(any(e["start"] <= a and b <= e["end"] for e in junk) for a, b in inserted)
        assert all(any(a < e["end"] and e["start"] < b for a, b in inserted) for e in junk)


def _copy_group(tmp_path: Path, pair: str) -> Path:
    """corpora/spun-news-dev/<pair> copied to <tmp>/corpora/spun-news-dev/<pair> (build.py reads the
    split from the parent folder's name)."""
    target = tmp_path / "corpora" / "spun-news-dev" / pair
    shutil.copytree(ROOT / "corpora" / "spun-news-dev" / pair, target)
    return target


def _build(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(BUILD), str(folder)], capture_output=True, text=True,
                          cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_build_regenerates_the_committed_gold_byte_for_byte(tmp_path):
    copy = _copy_group(tmp_path, "en-de")
    for generated in [*(copy / "gold").rglob("*.jsonl"), copy / "corpus.yaml", copy / "data" / "documents.jsonl"]:
        generated.unlink()
    done = _build(copy)
    assert done.returncode == 0, done.stderr
    original = ROOT / "corpora" / "spun-news-dev" / "en-de"
    for path in sorted(p for p in original.rglob("*") if p.is_file()):
        assert (copy / path.relative_to(original)).read_bytes() == path.read_bytes(), path


@pytest.mark.parametrize("needle, message", [
    ("Nicht im Text", "not found in the MT"),
    ("Anzeige", None),   # once in de01: fine
    ("Olaf Scholz", "occurs 2 times; say which with {n: K}"),
])
def test_build_finds_quoted_spans_or_says_why_not(tmp_path, needle, message):
    copy = _copy_group(tmp_path, "en-de")
    spec_path = copy / "annotations" / "de01.yaml"
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    spec["errors"].append(["bp", "major", needle, "", "written for the test"])
    spec["negatives"] = [n for n in spec["negatives"] if n[1] != "Olaf Scholz"]
    spec_path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    done = _build(copy)
    if message is None:
        assert done.returncode == 0, done.stderr
        errors = _jsonl(copy / "gold" / "errors" / "de01.jsonl")
        mt = (copy / "systems" / "spun-mt" / "de01.txt").read_text(encoding="utf-8")
        assert all(mt[e["start"]:e["end"]] == e["text"] for e in errors)
    else:
        assert done.returncode == 2
        assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_validate_checks_gold_of_a_corpus_without_references(tmp_path):
    copy = _copy_group(tmp_path, "en-fr")
    assert not (copy / "reference").exists()
    path = copy / "gold" / "errors" / "fr01.jsonl"
    rows = _jsonl(path)
    rows[0]["start"] += 1
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    mt = (copy / "systems" / "spun-mt" / "fr01.txt").read_text(encoding="utf-8")
    assert [p.message for p in validate_corpus(copy)] == [
        f"error {rows[0]['id']}: span text {rows[0]['text']!r} does not match the file "
        f"({mt[rows[0]['start']:rows[0]['end']]!r})"]


def test_validate_checks_negative_spans(tmp_path):
    copy = _copy_group(tmp_path, "en-fr")
    path = copy / "gold" / "negatives" / "fr02.jsonl"
    rows = _jsonl(path)
    rows[1]["end"] += 3
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    problems = validate_corpus(copy)
    assert len(problems) == 1 and problems[0].path == path and "does not match" in problems[0].message


def test_hidden_documents_are_scored_without_their_source(tmp_path):
    copy = _copy_group(tmp_path, "en-fr")
    corpus = load_corpus(copy)
    assert hidden_sources(corpus) == {"fr03", "fr04", "fr09", "fr10", "fr16"}   # corpus.yaml: source hidden
    manifest = yaml.safe_load((copy / "corpus.yaml").read_text(encoding="utf-8"))
    for doc in manifest["documents"]:
        doc["source"] = "hidden"
    (copy / "corpus.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    # fr01 and fr02 hold omissions and wrong numbers that only the source reveals
    all_hidden = score_corpus(copy, "spun-mt")
    no_source = score_corpus(ROOT / "corpora" / "spun-news-dev" / "en-fr", "spun-mt", with_source=False)
    with_source = score_corpus(ROOT / "corpora" / "spun-news-dev" / "en-fr", "spun-mt")
    assert all_hidden.predicted == no_source.predicted != with_source.predicted
    assert not any(s.category == "accuracy/mistranslation/number" for s in all_hidden.predicted)


def test_negatives_a_flag_overlaps_are_counted_and_listed(tmp_path, capsys):
    copy = _copy_group(tmp_path, "en-fr")
    mt = (copy / "systems" / "spun-mt" / "fr01.txt").read_text(encoding="utf-8")
    start = mt.index("Publicité")   # a junk line every run flags, recorded here as if it were correct
    negative = {"id": "fr0-n999", "doc_id": "fr01", "system": "spun-mt", "kind": "outlet", "start": start,
                "end": start + 9, "text": "Publicité", "why": "written for the test"}
    (copy / "gold" / "negatives" / "fr01.jsonl").write_text(json.dumps(negative) + "\n", encoding="utf-8")
    for other in (copy / "gold" / "negatives").glob("*.jsonl"):
        if other.stem != "fr01":
            other.unlink()
    card = score_corpus(copy, "spun-mt")
    assert [(n.text, cats) for n, cats in card.flagged] == [("Publicité", ("addition/boilerplate",))]
    assert main(["eval-detectors", str(copy), "--system", "spun-mt"]) == 0
    out = capsys.readouterr().out
    assert "negatives flagged: 1 of 1" in out and f"fr01:{start}-{start + 9} outlet 'Publicité'" in out


def test_devset_measures_the_later_held_out_splits_only_by_name():
    from benchmarks.devset import splits_of

    assert splits_of("all") == ("dev", "heldout")
    assert splits_of("heldout2") == ("heldout2",)
    assert splits_of("heldout3") == ("heldout3",)
    assert splits_of("heldout4") == ("heldout4",)
    assert splits_of("heldout5") == ("heldout5",)
    assert splits_of("heldout6") == ("heldout6",)
    assert splits_of("heldout7") == ("heldout7",)
    assert splits_of("heldout8") == ("heldout8",)
    assert splits_of("heldout9") == ("heldout9",)
    assert splits_of("heldout10") == ("heldout10",)
    assert splits_of("heldout11") == ("heldout11",)
    assert splits_of("heldout12") == ("heldout12",)
    assert splits_of("heldout13") == ("heldout13",)
    assert splits_of("heldout14") == ("heldout14",)
    assert splits_of("heldout15") == ("heldout15",)
    assert splits_of("heldout16") == ("heldout16",)
    assert splits_of("heldout17") == ("heldout17",)
    assert splits_of("heldout18") == ("heldout18",)
    assert splits_of("heldout19") == ("heldout19",)
    assert splits_of("heldout20") == ("heldout20",)
    assert splits_of("heldout21") == ("heldout21",)
    assert splits_of("heldout22") == ("heldout22",)
    assert splits_of("heldout23") == ("heldout23",)
    assert splits_of("heldout24") == ("heldout24",)
    assert splits_of("heldout25") == ("heldout25",)
    assert splits_of("heldout26") == ("heldout26",)
    assert splits_of("heldout27") == ("heldout27",)
    assert splits_of("heldout28") == ("heldout28",)
    assert splits_of("heldout29") == ("heldout29",)
    assert splits_of("heldout30") == ("heldout30",)
    assert splits_of("heldout31") == ("heldout31",)
    assert splits_of("heldout32") == ("heldout32",)
    assert splits_of("heldout33") == ("heldout33",)
    assert splits_of("heldout34") == ("heldout34",)
    assert splits_of("heldout35") == ("heldout35",)
    assert splits_of("heldout36") == ("heldout36",)
    assert splits_of("heldout37") == ("heldout37",)
    assert splits_of("heldout38") == ("heldout38",)
    assert splits_of("heldout39") == ("heldout39",)
    assert splits_of("heldout40") == ("heldout40",)
    assert splits_of("heldout41") == ("heldout41",)
    assert splits_of("heldout42") == ("heldout42",)
    assert splits_of("heldout43") == ("heldout43",)
    assert splits_of("heldout44") == ("heldout44",)
    assert splits_of("heldout45") == ("heldout45",)
    assert splits_of("heldout46") == ("heldout46",)
    assert splits_of("heldout47") == ("heldout47",)
    assert splits_of("heldout48") == ("heldout48",)
    assert splits_of("heldout49") == ("heldout49",)
    assert splits_of("heldout50") == ("heldout50",)
    assert splits_of("heldout51") == ("heldout51",)
    assert splits_of("heldout52") == ("heldout52",)
    assert splits_of("heldout53") == ("heldout53",)
    assert splits_of("heldout54") == ("heldout54",)
    assert splits_of("heldout55") == ("heldout55",)
    assert splits_of("heldout56") == ("heldout56",)
    assert splits_of("heldout57") == ("heldout57",)
    assert splits_of("heldout58") == ("heldout58",)
    assert splits_of("heldout59") == ("heldout59",)
    assert splits_of("heldout60") == ("heldout60",)
    assert splits_of("heldout61") == ("heldout61",)
    assert splits_of("heldout62") == ("heldout62",)
    assert splits_of("heldout63") == ("heldout63",)
    assert splits_of("heldout64") == ("heldout64",)
    assert splits_of("heldout65") == ("heldout65",)
    assert splits_of("heldout66") == ("heldout66",)
    assert splits_of("heldout67") == ("heldout67",)
    assert splits_of("heldout68") == ("heldout68",)
    assert splits_of("heldout69") == ("heldout69",)
    assert splits_of("heldout70") == ("heldout70",)
    assert splits_of("heldout71") == ("heldout71",)
    assert splits_of("heldout72") == ("heldout72",)
    assert splits_of("heldout73") == ("heldout73",)
    assert splits_of("heldout74") == ("heldout74",)
    assert splits_of("heldout75") == ("heldout75",)
    assert splits_of("heldout76") == ("heldout76",)
    assert splits_of("heldout77") == ("heldout77",)
    assert splits_of("heldout78") == ("heldout78",)
    assert splits_of("heldout79") == ("heldout79",)
    assert splits_of("heldout80") == ("heldout80",)
    assert splits_of("heldout81") == ("heldout81",)
    assert splits_of("heldout82") == ("heldout82",)
    assert splits_of("heldout83") == ("heldout83",)
    assert splits_of("heldout84") == ("heldout84",)
    assert splits_of("heldout85") == ("heldout85",)
    assert splits_of("heldout86") == ("heldout86",)
    assert splits_of("heldout87") == ("heldout87",)
    assert splits_of("heldout88") == ("heldout88",)
    assert splits_of("heldout89") == ("heldout89",)
    assert splits_of("heldout90") == ("heldout90",)
    assert (ROOT / "corpora" / "spun-news-heldout2" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout3" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout4" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout5" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout6" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout7" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout8" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout9" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout10" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout11" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout12" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout13" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout14" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout15" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout16" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout17" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout18" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout19" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout20" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout21" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout22" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout23" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout24" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout25" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout26" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout27" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout28" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout29" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout30" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout31" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout32" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout33" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout34" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout35" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout36" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout37" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout38" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout39" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout40" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout41" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout42" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout43" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout44" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout45" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout46" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout47" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout48" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout49" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout50" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout51" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout52" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout53" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout54" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout55" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout56" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout57" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout58" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout59" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout60" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout61" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout62" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout63" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout64" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout65" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout66" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout67" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout68" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout69" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout70" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout71" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout72" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout73" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout74" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout75" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout76" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout77" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout78" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout79" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout80" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout81" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout82" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout83" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout84" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout85" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout86" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout87" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout88" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout89" / "en-ru" / "corpus.yaml").is_file()
    assert (ROOT / "corpora" / "spun-news-heldout90" / "en-ru" / "corpus.yaml").is_file()
    done = subprocess.run([sys.executable, "-m", "benchmarks.devset", "--help"], capture_output=True, text=True,
                          cwd=ROOT)
    assert done.returncode == 0 and all(f"heldout{k}" in done.stdout for k in range(2, 91))


def test_devset_report_adds_up_to_the_gold():
    from benchmarks.devset import report

    text, data = report("dev", bundled=False)
    gold = sum(len(_jsonl(f)) for c in CORPORA if c.parent.name == "spun-news-dev"
               for f in (c / "gold" / "errors").glob("*.jsonl"))
    assert data["dev"]["all"]["(all)"][0] == gold
    negatives = data["dev"]["negatives"]
    dev = [c for c in CORPORA if c.parent.name == "spun-news-dev"]
    assert sum(v["total"] for v in negatives.values()) == sum(
        len(_jsonl(f)) for c in dev for f in (c / "gold" / "negatives").glob("*.jsonl"))
    assert "| **all** |" in text


# --- WMT MQM ----------------------------------------------------------------------------------

# A TSV in the format of google/wmt-mqm-human-evaluation, written for the test.
TSV = "\t".join(["system", "doc", "docSegId", "globalSegId", "rater", "source", "target", "category", "severity",
                 "metadata"]) + "\n" + "\n".join("\t".join(row) for row in [
    ["sysA", "d1", "1", "1", "r1", "The cat sat.", "Die Katze <v>sat</v>.", "Accuracy/Source language fragment",
     "Major", "{}"],
    ["sysA", "d1", "1", "1", "r2", "The cat sat.", "Die Katze sat<v>.</v>", "Fluency/Punctuation", "Minor", "{}"],
    ["sysA", "d1", "2", "2", "r1", "It rained.", "Es regnete.", "No-error", "No-error", "{}"],
    ["sysA", "d1", "2", "2", "r2", "It rained.", "Es <v>regnete</v>.", "Found", "HOTW-test", "{}"],
    ["sysB", "d1", "1", "1", "r1", "The cat sat.", "The cat sat.", "Non-translation!", "Major", "{}"],
]) + "\n"


def _convert(tmp_path: Path, name: str = "x-ende-test.jsonl.gz") -> Path:
    (tmp_path / "repo").mkdir(exist_ok=True)
    (tmp_path / "repo" / "m.tsv").write_text(TSV, encoding="utf-8")
    out = tmp_path / name
    done = subprocess.run([sys.executable, "-m", "benchmarks.wmt_mqm_convert", str(tmp_path / "repo"), "m.tsv",
                           str(out)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return out


def test_wmt_conversion_keeps_spans_scores_and_error_free_segments(tmp_path):
    out = _convert(tmp_path)
    rows = [json.loads(line) for line in gzip.open(out, "rt", encoding="utf-8")]
    assert [(r["system"], r["seg"], r["mt"], r["error_free"]) for r in rows] == [
        ("sysA", 1, "Die Katze sat.", False), ("sysA", 2, "Es regnete.", True), ("sysB", 1, "The cat sat.", False)]
    first = rows[0]
    assert [(e["category"], first["mt"][e["start"]:e["end"]]) for e in first["errors"]] == [
        ("Accuracy/Source language fragment", "sat"), ("Fluency/Punctuation", ".")]
    assert first["mqm"] == (5 + 0.1) / 2          # Major 5 (r1), Minor punctuation 0.1 (r2), mean of raters
    assert rows[1]["raters"] == ["r1"]            # the HOTW check row is dropped
    assert rows[2]["mqm"] == 25.0                 # Non-translation
    again = _convert(tmp_path, "y-ende-test.jsonl.gz")
    assert again.read_bytes() == out.read_bytes()


def test_wmt_conversion_refuses_the_held_out_ted_folder(tmp_path):
    done = subprocess.run([sys.executable, "-m", "benchmarks.wmt_mqm_convert", str(tmp_path), "ted/ende/x.tsv",
                           str(tmp_path / "o.jsonl.gz")], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode != 0 and "held out" in done.stderr and not (tmp_path / "o.jsonl.gz").exists()


def test_wmt_measure_counts_against_the_human_spans(tmp_path):
    from benchmarks.wmt_mqm import load, measure

    segments = load(_convert(tmp_path))

    def flag(category, severity, start, end, text):
        return (Flag(start, end, category, severity, text, "test"), start, end)

    flags = {0: [flag("accuracy/untranslated", "major", 10, 13, "sat")],      # on the human span
             1: [flag("accuracy/untranslated", "minor", 3, 10, "regnete")]}   # on an error-free segment
    m = measure(segments, flags, [])
    assert (m["untranslated_spans"], m["untranslated_spans_found"]) == (2, 1)   # sysB's Non-translation missed
    assert (m["error_free_segments"], m["untranslated_flags_on_error_free"]) == (1, 1)
    assert m["flagged_segments"] == 2 and m["precision_error"] == 0.5
    assert m["systems"]["sysA"]["evalkit_penalty"] == (5 + 1) / 2
    assert m["critical_flags_on_error_free"] == 0


def test_the_shipped_wmt_data_is_small_and_well_formed():
    folder = ROOT / "benchmarks" / "data" / "wmt-mqm"
    files = sorted(folder.glob("*.jsonl.gz"))
    assert files and sum(f.stat().st_size for f in files) < 4_000_000
    assert "Apache License" in (folder / "LICENSE").read_text()[:200]
    for path in files:
        for line in gzip.open(path, "rt", encoding="utf-8"):
            row = json.loads(line)
            for e in row["errors"]:
                if "start" in e:
                    assert (row["mt"] if e["side"] == "target" else row["source"])[e["start"]:e["end"]] == e["text"]


def test_eval_detectors_refuses_corrupt_negatives_in_one_line(tmp_path, capsys):
    copy = _copy_group(tmp_path, "en-fr")
    path = copy / "gold" / "negatives" / "fr02.jsonl"
    path.write_text(path.read_text(encoding="utf-8") + '{"id": "x", "doc_id": "fr02"}\n', encoding="utf-8")
    assert main(["eval-detectors", str(copy), "--system", "spun-mt"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip().splitlines() == [f"evalkit: error: {path}: line 9: missing field 'system'"]

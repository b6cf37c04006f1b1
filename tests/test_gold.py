"""Gold annotations: `validate` checks spans and alignment coverage against the raw files."""

import json

from evalkit import validate_corpus
from evalkit.datasheet import check_derived, errors_block
from evalkit.gold import check_alignment, load_alignment, load_errors

from .conftest import BUNDLED

DOC = "004_38ed145998352e6f"


def _rewrite_jsonl(path, edit):
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = edit(records)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def test_every_gold_span_matches_its_file():
    for path in sorted((BUNDLED / "gold" / "errors").glob("*.jsonl")):
        errors, problems = load_errors(path)
        assert not problems
        mt = (BUNDLED / "systems" / "web-spinner-mt" / f"{path.stem}.txt").read_text(encoding="utf-8")
        for e in errors:
            assert mt[e.start:e.end] == e.text, e.id


def test_validate_catches_a_span_that_no_longer_matches(bundled_copy):
    path = bundled_copy / "gold" / "errors" / f"{DOC}.jsonl"

    def shift(records):
        records[3]["start"] += 1
        records[3]["end"] += 1
        return records

    _rewrite_jsonl(path, shift)
    found = [str(p) for p in validate_corpus(bundled_copy)]
    assert any(f"{DOC}.jsonl" in p and "does not match the file" in p for p in found), found


def test_validate_catches_an_alignment_that_skips_a_sentence(bundled_copy):
    path = bundled_copy / "gold" / "alignment" / f"{DOC}.jsonl"

    def drop_one_to_one(records):
        index = next(i for i, r in enumerate(records) if r["pair"] == "source-mt" and r["type"] == "1-1"
                     and i > 2)
        return records[:index] + records[index + 1:]

    _rewrite_jsonl(path, drop_one_to_one)
    found = [str(p) for p in validate_corpus(bundled_copy)]
    assert any("source sentence not covered by any link" in p for p in found), found
    assert any("target sentence not covered by any link" in p for p in found), found


def test_validate_catches_undeclared_overlap_and_unknown_category(bundled_copy):
    path = bundled_copy / "gold" / "errors" / f"{DOC}.jsonl"

    def corrupt(records):
        copy = dict(records[0], id="004-e999", category="accuracy/whatever", parent=None)
        return records + [copy]

    _rewrite_jsonl(path, corrupt)
    found = [str(p) for p in validate_corpus(bundled_copy)]
    assert any("unknown category 'accuracy/whatever'" in p for p in found), found
    assert any("overlaps error" in p and "without declaring it as parent" in p for p in found), found


def test_alignment_links_tile_every_side_of_every_pair():
    for path in sorted((BUNDLED / "gold" / "alignment").glob("*.jsonl")):
        links, problems = load_alignment(path)
        assert not problems
        source = (BUNDLED / "source" / f"{path.stem}.txt").read_text(encoding="utf-8")
        targets = {"reference": (BUNDLED / "reference" / f"{path.stem}.txt").read_text(encoding="utf-8"),
                   "web-spinner-mt": (BUNDLED / "systems" / "web-spinner-mt" /
                                      f"{path.stem}.txt").read_text(encoding="utf-8")}
        assert check_alignment(links, source, targets, path, path.stem) == []
        assert any(link.is_insertion for link in links), "every seed has junk or duplicates"


def test_datasheet_counts_are_generated_from_the_gold():
    from evalkit import load_corpus

    readme = (BUNDLED / "README.md").read_text(encoding="utf-8")
    assert errors_block(load_corpus(BUNDLED)).strip() in readme
    assert check_derived(load_corpus(BUNDLED)) == []


def test_stale_datasheet_is_reported(bundled_copy):
    path = bundled_copy / "gold" / "errors" / f"{DOC}.jsonl"
    _rewrite_jsonl(path, lambda records: records[:-1])
    found = [str(p) for p in validate_corpus(bundled_copy)]
    assert any("generated block 'errors' is stale" in p for p in found), found


def test_datasheet_columns_tell_documents_apart():
    """Documents sharing their first 3 characters (de13, de14) get their whole ids as columns."""
    from evalkit import load_corpus

    corpus = load_corpus(BUNDLED.parent / "spun-news-heldout3" / "en-de")
    header = errors_block(corpus).splitlines()[0]
    assert header == "| category | de13 | de14 | total |"
    assert errors_block(load_corpus(BUNDLED)).splitlines()[0].split(" | ")[1:-1] == ["000", "001", "002", "003", "004"]

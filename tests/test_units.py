"""evalkit/units.py: `segment`/`document` everywhere, with the older spellings as aliases; and
the languages' `src_lang`/`tgt_lang` names beside the older `source_lang`/`target_lang`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evalkit.cli import main
from evalkit.errors import UsageError
from evalkit.units import normalize_unit, resampling_unit, run_unit


@pytest.mark.parametrize("spelling, unit", [("segment", "segment"), ("segments", "segment"),
                                            ("aligned", "segment"), ("document", "document"),
                                            ("documents", "document")])
def test_every_spelling_names_one_unit(spelling, unit):
    assert normalize_unit(spelling) == unit
    assert run_unit(spelling) == ("aligned" if unit == "segment" else "document")
    assert resampling_unit(spelling) == unit + "s"


def test_an_unknown_unit_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown unit 'sentence'; use one of segment, document"):
        normalize_unit("sentence")


def _run_reports(tiny_corpus: Path, out: Path, *options: str) -> dict[str, bytes]:
    assert main(["-q", "run", str(tiny_corpus), "--out", str(out), "--no-comet", "--no-flags", *options]) == 0
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.json"))}


@pytest.mark.parametrize("new, old", [("segment", "aligned"), ("document", "document")])
def test_run_unit_old_and_new_spellings_give_the_same_reports(tiny_corpus, tmp_path, new, old):
    assert _run_reports(tiny_corpus, tmp_path / "new", "--unit", new) == \
        _run_reports(tiny_corpus, tmp_path / "old", "--unit", old)


@pytest.mark.parametrize("new, old", [("segment", "segments"), ("document", "documents")])
def test_compare_unit_old_and_new_spellings_give_the_same_comparison(tiny_corpus, capsys, new, old):
    outputs = []
    for unit in (new, old):
        assert main(["compare", str(tiny_corpus), "--no-comet", "--no-flags", "--resamples", "50",
                     "--ar-trials", "0", "--unit", unit, "--format", "json"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    # the report keeps the spelling it always wrote
    assert json.loads(outputs[0])["significance"]["unit"] == old


def test_gate_toml_accepts_the_new_unit_name(tiny_corpus, tmp_path):
    from evalkit.gate import GateConfig, read_config

    config = tmp_path / "gate.toml"
    config.write_text('[gate]\nunit = "document"\n', encoding="utf-8")
    assert read_config(config) == {"unit": "document"}
    assert GateConfig("a", "b", unit="document").unit == "documents"
    assert GateConfig("a", "b").unit == "segments"


def test_language_keywords_old_and_new(tmp_path):
    from evalkit.lines import lines_corpus

    for name, text in (("src.txt", "Hello.\n"), ("hyp.txt", "Bonjour.\n")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    new = lines_corpus(tmp_path / "src.txt", [("mt", tmp_path / "hyp.txt")], src_lang="en", tgt_lang="fr")
    old = lines_corpus(tmp_path / "src.txt", [("mt", tmp_path / "hyp.txt")], source_lang="en", target_lang="fr")
    assert (new.src_lang, new.tgt_lang) == (old.source_lang, old.target_lang) == ("en", "fr")
    with pytest.raises(UsageError, match="src_lang given twice"):
        lines_corpus(tmp_path / "src.txt", [("mt", tmp_path / "hyp.txt")], src_lang="en", source_lang="de",
                     tgt_lang="fr")


@pytest.mark.parametrize("option", [["--src-lang", "en", "--tgt-lang", "fr"],
                                    ["--source-lang", "en", "--target-lang", "fr"]])
def test_flag_takes_both_language_spellings(tmp_path, capsys, option):
    text = tmp_path / "mt.txt"
    text.write_text("Le président a parlé.\n", encoding="utf-8")
    assert main(["flag", str(text), *option, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["file"] == str(text)

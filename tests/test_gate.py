"""`evalkit gate` through the CLI: exit codes, and the Markdown, JUnit XML and JSON it writes."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from evalkit.cli import main

from .conftest import BUNDLED

# One document of ten sentences written for these tests; the candidate rewords one sentence, so
# it is worse on every metric by more than 0.5, but one sentence in ten is not significant.
COUNCIL_EN = ["The council met on Tuesday.", "It approved the budget.", "The vote was close.",
              "Seven members voted for it.", "Six members voted against it.", "The mayor welcomed the result.",
              "The opposition criticised the plan.", "Taxes will not rise this year.",
              "Work on the school starts in May.", "The next meeting is in June."]
COUNCIL_FR = ["Le conseil s'est réuni mardi.", "Il a approuvé le budget.", "Le vote a été serré.",
              "Sept membres ont voté pour.", "Six membres ont voté contre.", "Le maire a salué le résultat.",
              "L'opposition a critiqué le plan.", "Les impôts n'augmenteront pas cette année.",
              "Les travaux de l'école commencent en mai.", "La prochaine réunion a lieu en juin."]
COUNCIL_MANIFEST = """\
name: council
source_lang: en
target_lang: fr
systems:
  base:
    description: the reference itself
  cand:
    description: one sentence reworded
documents:
  - id: council
    title: Council
"""


def _sacrebleu_score(corpus: Path, system: str, metric: str) -> float:
    """The gate's figure, computed here by sacreBLEU: its corpus score over evalkit's aligned rows."""
    import sacrebleu

    from evalkit.api import evaluate

    rows = evaluate(corpus, systems=[system], metrics=("bleu",), flags=False).segments
    scorer = {"bleu": sacrebleu.corpus_bleu, "chrf": sacrebleu.corpus_chrf, "ter": sacrebleu.corpus_ter}[metric]
    return scorer(list(rows.hypothesis), [list(rows.reference)]).score


@pytest.fixture
def council(tmp_path) -> Path:
    root = tmp_path / "council"
    reworded = list(COUNCIL_FR)
    reworded[5] = "Le maire a accueilli le résultat."
    for folder, lines in (("source", COUNCIL_EN), ("reference", COUNCIL_FR), ("systems/base", COUNCIL_FR),
                          ("systems/cand", reworded)):
        (root / folder).mkdir(parents=True)
        (root / folder / "council.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    (root / "corpus.yaml").write_text(COUNCIL_MANIFEST, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def regression(tmp_path_factory):
    """copy-source (candidate) against web-spinner-mt (baseline) on the bundled corpus."""
    out = tmp_path_factory.mktemp("gate")
    code = main(["-q", "gate", str(BUNDLED), "--baseline", "web-spinner-mt", "--candidate", "copy-source",
                 "--max-drop", "bleu=0.5", "--max-drop", "chrf=0.5", "--max-drop", "ter=1",
                 "--markdown", str(out / "gate.md"), "--junit", str(out / "gate.xml"),
                 "--json", str(out / "gate.json")])
    return code, out


def test_copy_source_fails_against_the_seed_mt(regression):
    code, out = regression
    assert code == 1
    markdown = (out / "gate.md").read_text(encoding="utf-8")
    assert markdown.startswith("## evalkit gate: ❌ FAIL")
    assert "**FAIL: 3 of 3 checks failed for copy-source against web-spinner-mt: bleu, chrf, ter**" in markdown
    assert "| check | baseline | candidate | delta | threshold | p-value | verdict |" in markdown
    base, cand = (_sacrebleu_score(BUNDLED, s, "ter") for s in ("web-spinner-mt", "copy-source"))
    assert (round(base, 2), round(cand, 2)) == (41.17, 96.07)   # as sacreBLEU computes them, just above
    # p = 0.0010: no resample of 1,000 (seed 12345) reverses the difference; sacreBLEU's formula,
    # (0 + 1) / (1000 + 1) rounded, as tests/test_stats.py checks against sacreBLEU's paired_bs
    assert f"| ter (max-drop) | {base:.2f} | {cand:.2f} | {cand - base:+.2f} | drop ≤ 1 (lower is better) | " \
           f"0.0010 | **FAIL**: worse by {cand - base:.2f} (rose from {base:.2f} to {cand:.2f})" in markdown
    payload = json.loads((out / "gate.json").read_text(encoding="utf-8"))
    assert payload["passed"] is False and payload["exit_code"] == 1
    assert [(c["name"], c["passed"]) for c in payload["checks"]] == [("bleu", False), ("chrf", False),
                                                                     ("ter", False)]


def test_junit_has_one_testcase_per_check_and_failures(regression):
    _, out = regression
    root = ET.parse(out / "gate.xml").getroot()
    assert root.tag == "testsuites" and root.get("tests") == "3" and root.get("failures") == "3"
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == ["bleu", "chrf", "ter"]
    for case in cases:
        failure = case.find("failure")
        assert failure is not None and failure.get("type") == "regression"
        assert "significantly (p = 0.0010 < 0.05)" in failure.get("message")


def test_a_system_passes_against_a_copy_of_itself(tmp_path, capsys):
    # the same name twice is refused (exit 2: a misconfigured gate), a copy under another name passes
    assert main(["gate", str(BUNDLED), "--baseline", "web-spinner-mt", "--candidate", "web-spinner-mt"]) == 2
    assert "the same system 'web-spinner-mt'" in capsys.readouterr().err
    assert main(["gate", str(BUNDLED), "--baseline", "web-spinner-mt", "--candidate", "copy",
                 "--system", f"copy={BUNDLED / 'systems' / 'web-spinner-mt'}",
                 "--max-drop", "bleu=0", "--max-drop", "ter=0", "--junit", str(tmp_path / "gate.xml")]) == 0
    markdown = capsys.readouterr().out
    assert markdown.startswith("## evalkit gate: ✅ PASS")
    bleu = _sacrebleu_score(BUNDLED, "web-spinner-mt", "bleu")
    assert f"| bleu (max-drop) | {bleu:.2f} | {bleu:.2f} | 0.00 | drop ≤ 0 (higher is better) | 1.0000 | pass: " \
           "no worse than the baseline |" in markdown
    root = ET.parse(tmp_path / "gate.xml").getroot()
    assert root.get("failures") == "0" and root.find(".//failure") is None


def test_exceeded_but_not_significant_passes_unless_significance_is_off(council, capsys):
    args = ["gate", str(council), "--baseline", "base", "--candidate", "cand", "--max-drop", "chrf=0.5",
            "--max-drop", "bleu=0.5"]
    assert main(args) == 0
    markdown = capsys.readouterr().out
    cand = _sacrebleu_score(council, "cand", "chrf")     # base is the reference itself: chrF 100
    assert f"| chrf (max-drop) | 100.00 | {cand:.2f} | {cand - 100:.2f} |" in markdown
    # p = 0.1528: evalkit's paired bootstrap (1,000 resamples, seed 12345), the resampling of
    # sacreBLEU's paired_bs (tests/test_stats.py compares the two)
    assert f"pass: worse by {100 - cand:.2f} (fell from 100.00 to {cand:.2f}), more than the threshold 0.5, " \
           "but not significantly (p = 0.1528 >= 0.05)" in markdown
    assert main([*args, "--no-require-significance"]) == 1
    assert "**FAIL**: worse by 3.37" in capsys.readouterr().out


def test_ter_is_worse_when_it_rises(tiny_corpus, capsys):
    # poor has the higher TER: as candidate it fails, as baseline the candidate's drop in TER passes.
    base = ["gate", str(tiny_corpus), "--max-drop", "ter=1", "--no-require-significance"]
    good, poor = (_sacrebleu_score(tiny_corpus, s, "ter") for s in ("good", "poor"))
    assert main([*base, "--baseline", "good", "--candidate", "poor"]) == 1
    assert f"worse by {poor - good:.2f} (rose from {good:.2f} to {poor:.2f})" in capsys.readouterr().out
    assert main([*base, "--baseline", "poor", "--candidate", "good"]) == 0
    assert f"pass: better than the baseline by {poor - good:.2f} (fell from {poor:.2f} to {good:.2f})" \
        in capsys.readouterr().out


def test_config_file_thresholds_and_cli_overrides(council, tmp_path, capsys):
    config = tmp_path / "gate.toml"
    config.write_text('[gate]\nalpha = 0.2\nrequire_significance = true\nresamples = 500\n\n'
                      '[gate.max_drop]\nbleu = 0.5\nchrf = 10\n', encoding="utf-8")
    args = ["gate", str(council), "--baseline", "base", "--candidate", "cand", "--config", str(config)]
    # alpha 0.2 from the file makes bleu's p = 0.1477 (500 resamples) significant: fail.
    assert main([*args, "--json", str(tmp_path / "gate.json")]) == 1
    payload = json.loads((tmp_path / "gate.json").read_text(encoding="utf-8"))
    assert (payload["alpha"], payload["resamples"], payload["seed"]) == (0.2, 500, 12345)
    assert {c["name"]: c["threshold"] for c in payload["checks"]} == {"bleu": 0.5, "chrf": 10.0}
    capsys.readouterr()
    # the command line overrides the file, key by key
    assert main([*args, "--alpha", "0.05", "--max-drop", "bleu=6"]) == 0
    assert "drop ≤ 6 (higher is better)" in capsys.readouterr().out


def test_unknown_key_in_the_config_file_exits_2_naming_the_file_and_key(tiny_corpus, tmp_path, capsys):
    config = tmp_path / "gate.toml"
    config.write_text('[gate]\nalpha = 0.05\nmax_dorp = 1\n', encoding="utf-8")
    assert main(["gate", str(tiny_corpus), "--baseline", "good", "--candidate", "poor",
                 "--config", str(config)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"evalkit: error: {config}: unknown key 'gate.max_dorp'")
    assert len(err.splitlines()) == 1
    config.write_text('[gate.max_drop]\nbleu = 0.5\nbogus = 1\n', encoding="utf-8")
    assert main(["gate", str(tiny_corpus), "--baseline", "good", "--candidate", "poor",
                 "--config", str(config)]) == 2
    assert "gate.max_drop: unknown metric 'bogus'" in capsys.readouterr().err


@pytest.mark.parametrize("option", [["--max-drop", "bleu"], ["--max-drop", "bleu=-1"], ["--max-increase", "=3"]])
def test_bad_threshold_syntax_exits_2_with_one_line(tiny_corpus, capsys, option):
    with pytest.raises(SystemExit) as exc:
        main(["gate", str(tiny_corpus), "--baseline", "good", "--candidate", "poor", *option])
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert f"expected NAME=NUMBER with a number >= 0, got {option[1]!r}" in err


@pytest.mark.parametrize("option, message", [
    (["--max-drop", "blue=1"], "unknown metric 'blue'. Did you mean 'bleu'?"),
    (["--max-increase", "accuracy/untranslted=0"], "Did you mean 'accuracy/untranslated'?"),
    (["--max-drop", "mqm=1"], "'mqm' is not a metric; use --max-increase mqm=N"),
    (["--max-increase", "mqm=1", "--no-flags"], "--max-increase needs the error detectors; remove --no-flags"),
    (["--max-drop", "comet=0.01", "--no-comet"], "--max-drop names comet but --no-comet was given"),
    # as `run` says it (the file's options are named by their key: test_metric_options_in_the_config_file)
    (["--metric-option", "comet.modle=3"], "evalkit: error: metric 'comet' has no option 'modle' (options: "),
])
def test_unknown_names_and_contradictions_exit_2(tiny_corpus, capsys, option, message):
    assert main(["gate", str(tiny_corpus), "--baseline", "good", "--candidate", "poor", *option]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1


def test_flag_count_and_mqm_checks_on_the_bundled_corpus(tmp_path, capsys):
    from evalkit.detectors import DETECTORS

    if "untranslated" not in DETECTORS.names():
        pytest.skip("the untranslated-text detector (evalkit/detectors/untranslated.py) is not installed")
    # copy-source leaves its English untranslated everywhere: far more accuracy/untranslated flags.
    assert main(["gate", str(BUNDLED), "--baseline", "web-spinner-mt", "--candidate", "copy-source",
                 "--max-increase", "accuracy/untranslated=10", "--max-increase", "mqm=100",
                 "--junit", str(tmp_path / "gate.xml"), "--json", str(tmp_path / "gate.json")]) == 1
    checks = {c["name"]: c for c in json.loads((tmp_path / "gate.json").read_text(encoding="utf-8"))["checks"]}
    untranslated = checks["accuracy/untranslated"]
    assert untranslated["passed"] is False and untranslated["delta"] > 10 and untranslated["p_value"] < 0.05
    assert checks["mqm"]["passed"] is True          # a rise, but within 100 per 100 words
    cases = {c.get("name"): c for c in ET.parse(tmp_path / "gate.xml").getroot().iter("testcase")}
    assert cases["accuracy/untranslated"].find("failure") is not None
    assert cases["MQM/100w"].find("failure") is None
    assert "| accuracy/untranslated (max-increase) |" in capsys.readouterr().out


def test_a_metric_that_was_not_computed_fails_the_gate(tiny_corpus, tmp_path, capsys, caplog, monkeypatch):
    # Offline, a hub model that is not in the local cache cannot be had: the check fails (exit 1)
    # and says why in every output. (A name no cache holds, so the test cannot find a real model.)
    import huggingface_hub.constants

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    model = "evalkit-tests/no-such-comet-model"
    assert main(["gate", str(tiny_corpus), "--baseline", "good", "--candidate", "poor", "--max-drop", "comet=0.01",
                 "--comet-model", model, "--no-cache", "--junit", str(tmp_path / "gate.xml"),
                 "--json", str(tmp_path / "gate.json")]) == 1
    captured = capsys.readouterr()
    assert "| comet (max-drop) | n/a | n/a | n/a | drop ≤ 0.01 (higher is better) | n/a | **FAIL**: not computed: " \
           f"COMET model '{model}' could not be loaded" in captured.out
    assert "comet (max-drop): not computed: COMET model" in caplog.text    # logged to stderr by the CLI
    failure = ET.parse(tmp_path / "gate.xml").getroot().find(".//testcase[@name='comet']/failure")
    assert failure is not None and failure.get("type") == "not-computed"
    assert failure.get("message").startswith("not computed: ")
    check = json.loads((tmp_path / "gate.json").read_text(encoding="utf-8"))["checks"][0]
    assert check["passed"] is False and check["reason"].startswith("not computed: ")


def test_a_category_no_detector_that_ran_can_flag_fails_as_not_computed(tiny_corpus, capsys):
    from evalkit.detectors import DETECTORS

    if "punctuation" not in DETECTORS.names():
        pytest.skip("the punctuation detector (evalkit/detectors/punctuation.py) is not installed")
    # Only the punctuation detector runs: a count of untranslated text would be 0 whatever the MT.
    assert main(["gate", str(tiny_corpus), "--baseline", "good", "--candidate", "poor", "--detectors",
                 "punctuation", "--max-increase", "accuracy/untranslated=0"]) == 1
    assert "**FAIL**: not computed: no detector that ran flags accuracy/untranslated" in capsys.readouterr().out


@pytest.mark.parametrize("key, value, literal, problem", [
    ("alpha", 1.5, "1.5", "alpha must be a number between 0 and 1, not 1.5"),
    ("require_significance", 1, "1", "require_significance must be true or false, not 1"),
    ("resamples", 0, "0", "resamples must be an integer from 1 to 100,000, not 0"),
    ("seed", -1, "-1", "seed must be an integer from 0"),
    ("unit", "lines", '"lines"', "unit must be one of segment, document, not 'lines'"),
    ("max_drop", {"bleu": -1}, "{ bleu = -1 }", "max_drop.'bleu' must be a finite number >= 0, not -1"),
    ("max_increase", {"mqm": float("inf")}, "{ mqm = inf }",
     "max_increase.'mqm' must be a finite number >= 0, not inf"),
    ("metric_options", {"comet": {"modle": "x"}}, '{ comet = { modle = "x" } }',
     "metric_options.comet.modle: metric 'comet' has no option 'modle' (options: "),
    ("metric_options", {"bleu": {"x": 1}}, "{ bleu = { x = 1 } }",
     "metric_options.bleu: metric 'bleu' takes no options (only model metrics do)"),
    ("metric_options", {"comit": {}}, "{ comit = {} }", "metric_options.comit: unknown metric 'comit'"),
    ("metric_options", {"comet": {"model": [1]}}, "{ comet = { model = [1] } }",
     "metric_options.comet.model must be a string, a number or a boolean, not [1]"),
    ("metric_options", {"comet": 1}, "{ comet = 1 }", "metric_options must be a table of [METRIC] tables"),
])
def test_config_file_and_python_share_the_dataclass_checks(tmp_path, key, value, literal, problem):
    """Every [gate] key is a GateConfig field, checked by the same code in both places."""
    import re

    from evalkit.errors import InputError, UsageError
    from evalkit.gate import GATE_KEYS, GateConfig, read_config

    assert key in GATE_KEYS
    with pytest.raises(UsageError, match=re.escape(problem)):
        GateConfig("a", "b", **{key: value})
    (tmp_path / "gate.toml").write_text(f"[gate]\n{key} = {literal}\n", encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(f"gate.{problem}")):
        read_config(tmp_path / "gate.toml")


def test_metric_options_in_the_config_file(tiny_corpus, tmp_path, capsys):
    """[gate.metric_options.METRIC]: checked as --metric-option is; a wrong key is one line naming the
    file and the key (exit 2). tests/test_model_metric.py runs a gate with such options."""
    from evalkit.gate import read_config

    config = tmp_path / "gate.toml"
    config.write_text('[gate.metric_options.comet]\nmodel = "/models/wmt22-comet-da"\nbatch_size = 16\n',
                      encoding="utf-8")
    assert read_config(config) == {"metric_options": {"comet": {"model": "/models/wmt22-comet-da",
                                                                "batch_size": 16}}}
    config.write_text('[gate.metric_options.comet]\nmodle = "x"\n', encoding="utf-8")
    assert main(["gate", str(tiny_corpus), "--baseline", "good", "--candidate", "poor",
                 "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"evalkit: error: {config}: gate.metric_options.comet.modle: metric 'comet' has no "
                          "option 'modle' (options: ")
    assert err.count("\n") == 1


def test_config_file_values_are_converted_as_the_dataclass_declares(tmp_path):
    from evalkit.gate import GateConfig, read_config

    (tmp_path / "gate.toml").write_text("[gate]\nmax_drop = { chrf = 10 }\nseed = 3\n", encoding="utf-8")
    settings = read_config(tmp_path / "gate.toml")
    assert settings == {"max_drop": {"chrf": 10.0}, "seed": 3} and isinstance(settings["max_drop"]["chrf"], float)
    assert GateConfig("a", "b", **settings).max_drop == {"chrf": 10.0}

"""Line-aligned test sets (evalkit/lines.py): `evalkit score`, and compare/gate on -s/-r/-t files.

Every expected number comes from the real sacreBLEU command line of the shared venv, run on the
same files: corpus scores and signatures (`sacrebleu REF -i HYP -f json`), and paired tests
(`--paired-bs`, `--paired-ar`). The test sets are written here in the formats WMT releases:
plain text, one segment per line (some with CRLF, a trailing space, an empty line, no final
newline), and a doc-ids file with one document id per line.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from evalkit.cli import main
from evalkit.errors import InputError
from evalkit.lines import document_runs, line_segments, lines_text, read_lines

SACREBLEU = str(Path(sys.executable).parent / "sacrebleu")
EVALKIT = [sys.executable, "-m", "evalkit"]
ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

# Word lists written for these tests.
EN = ("the council said on monday that the new bridge will open in june after two years of work "
      "rain fell across the region and schools stayed closed while the mayor asked for patience").split()
FR = ("le conseil a dit lundi que le nouveau pont ouvrira en juin après deux ans de travaux la pluie "
      "est tombée sur toute région et les écoles sont restées fermées tandis que maire demandé patience "
      "« » , . l' d'").split()


def _sentence(rng: random.Random, words, low=3, high=18) -> str:
    return " ".join(rng.choice(words) for _ in range(rng.randint(low, high)))


def _noisy(rng: random.Random, reference: str, keep: float) -> str:
    words = [w if rng.random() < keep else rng.choice(FR) for w in reference.split()]
    if rng.random() < 0.2:
        words.append(rng.choice(FR))
    return " ".join(words)


def write_test_set(folder: Path, n: int = 120, docs: int = 9, seed: int = 1) -> dict[str, Path]:
    """src, ref, doc-ids and three systems: `good` (close to the reference), `base` and `same`
    (two equally noisy systems)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    src = [_sentence(rng, EN) for _ in range(n)]
    ref = [_sentence(rng, FR) for _ in range(n)]
    ref[4] = ""                                   # an empty reference line
    systems = {"base": [_noisy(rng, r, 0.55) for r in ref], "same": [_noisy(rng, r, 0.55) for r in ref],
               "good": [_noisy(rng, r, 0.85) for r in ref]}
    systems["base"][7] = "  une ligne avec espaces   "   # leading and trailing spaces
    files = {"src": folder / "test.en", "ref": folder / "test.fr", "docids": folder / "test.docids"}
    files["src"].write_bytes(("\n".join(src) + "\n").encode())
    files["ref"].write_bytes(("\r\n".join(ref) + "\r\n").encode())        # CRLF, as some releases
    ids = [f"news.{k * docs // n:03d}" for k in range(n)]
    files["docids"].write_text("\n".join(ids) + "\n", encoding="utf-8")
    for name, lines in systems.items():
        files[name] = folder / f"{name}.fr"
        end = "" if name == "same" else "\n"       # one file without a final newline
        files[name].write_text("\n".join(lines) + end, encoding="utf-8")
    return files


@pytest.fixture(scope="module")
def test_set(tmp_path_factory) -> dict[str, Path]:
    return write_test_set(tmp_path_factory.mktemp("wmt"))


def sacrebleu_json(ref: Path, *hyps: Path, metrics=("bleu", "chrf", "ter"), extra=(), env=None):
    done = subprocess.run([SACREBLEU, str(ref), "-i", *map(str, hyps), "-m", *metrics, "-w", "6", "-f", "json",
                           *extra], capture_output=True, text=True, timeout=600, env=env, check=True)
    return json.loads(done.stdout)


def evalkit_json(args: list[str], env=None, stdin: bytes | None = None) -> dict:
    done = subprocess.run(EVALKIT + args, capture_output=True, timeout=600, env=env or ENV, input=stdin)
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)


SACREBLEU_NAMES = {"bleu": "BLEU", "chrf": "chrF2", "chrf++": "chrF2++", "ter": "TER"}


# -- reading lines ------------------------------------------------------------------------------

def test_lines_are_read_as_sacrebleu_reads_them(tmp_path):
    path = tmp_path / "f.txt"
    path.write_bytes(b"a b \r\n\r\n  c\rd\n")
    assert read_lines(path) == ["a b", "", "  c\rd"]
    path.write_bytes(b"x\ny")
    assert read_lines(path) == ["x", "y"]
    text = lines_text(["a", "", "b "])
    assert [s.text for s in line_segments(text)] == ["a", "", "b"]
    assert all(text[s.start:s.end] == s.text for s in line_segments(text))


def test_document_runs_need_consecutive_lines():
    assert document_runs(["a", "a", "b"], "ids") == [("a", 0, 2), ("b", 2, 3)]
    with pytest.raises(InputError, match="line 3: document 'a' comes back"):
        document_runs(["a", "b", "a"], "ids")


# -- evalkit score ------------------------------------------------------------------------------

def test_score_equals_the_sacrebleu_command_line(test_set):
    """Corpus BLEU, chrF, chrF++ and TER and their signatures, for every system, to 4 decimals."""
    f = test_set
    ours = evalkit_json(["score", "-s", str(f["src"]), "-r", str(f["ref"]), "-t", str(f["base"]),
                         "-t", f"good={f['good']}", "-t", str(f["same"]), "--src-lang", "en", "--tgt-lang", "fr",
                         "--no-comet", "--no-flags", "--format", "json"])
    assert ours["mode"] == "lines as given"
    for name, path in (("base.fr", f["base"]), ("good", f["good"]), ("same.fr", f["same"])):
        theirs = {s["name"]: s for s in sacrebleu_json(f["ref"], path)}
        theirs.update({s["name"]: s for s in [sacrebleu_json(f["ref"], path, metrics=("chrf",),
                                                             extra=("--chrf-word-order", "2"))]})
        for metric, score in ours["systems"][name].items():
            expected = theirs[SACREBLEU_NAMES[metric]]
            assert round(score["value"], 4) == round(expected["score"], 4), (name, metric)
            assert score["signature"] == expected["signature"], (name, metric)
            assert score["unit"] == "lines" and score["n"] == 120


def test_score_reads_standard_input_and_prints_tsv(test_set):
    f = test_set
    done = subprocess.run(EVALKIT + ["score", "-s", str(f["src"]), "-r", str(f["ref"]), "-t", "base=-",
                                     "--src-lang", "en", "--tgt-lang", "fr", "--no-comet", "--no-flags",
                                     "--metrics", "bleu", "--format", "tsv"],
                          input=f["base"].read_bytes(), capture_output=True, timeout=300, env=ENV)
    assert done.returncode == 0, done.stderr
    header, row, *_ = done.stdout.decode().splitlines()
    assert header.split("\t") == ["system", "doc_id", "bleu", "unit", "mode"]
    expected = sacrebleu_json(f["ref"], f["base"], metrics=("bleu",))["score"]
    system, doc, value, unit, mode = row.split("\t")
    assert (system, doc, unit, mode) == ("base", "*", "lines", "lines as given")
    assert round(float(value), 4) == round(expected, 4)


def test_score_refuses_unequal_line_counts(tmp_path, test_set, capsys):
    short = tmp_path / "short.fr"
    short.write_text("\n".join(read_lines(test_set["base"])[:-1]) + "\n", encoding="utf-8")
    code = main(["score", "-s", str(test_set["src"]), "-r", str(test_set["ref"]), "-t", str(short),
                 "--src-lang", "en", "--tgt-lang", "fr", "--no-comet", "--no-flags"])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1
    assert str(short) in err and str(test_set["src"]) in err and "119 lines" in err and "120" in err


def test_score_with_doc_ids_gives_document_scores(test_set, tmp_path):
    """Each document's scores are sacreBLEU's on that document's lines; per-document reports written."""
    import sacrebleu

    f = test_set
    out = tmp_path / "reports"
    ours = evalkit_json(["score", "-s", str(f["src"]), "-r", str(f["ref"]), "-t", f"good={f['good']}",
                         "--doc-ids", str(f["docids"]), "--src-lang", "en", "--tgt-lang", "fr", "--no-comet",
                         "--no-flags", "--format", "json", "--metrics", "bleu,ter", "-o", str(out)])
    ids, ref, hyp = read_lines(f["docids"]), read_lines(f["ref"]), read_lines(f["good"])
    documents = [d for d in ours["documents"] if d["system"] == "good"]
    assert [d["doc_id"] for d in documents] == list(dict.fromkeys(ids))
    for d in documents:
        lines = [k for k, i in enumerate(ids) if i == d["doc_id"]]
        bleu = sacrebleu.corpus_bleu([hyp[k] for k in lines], [[ref[k] for k in lines]]).score
        assert round(d["scores"]["bleu"]["value"], 4) == round(bleu, 4)
    corpus = ours["corpus"]
    assert (out / corpus / "summary.json").exists()
    assert json.loads((out / corpus / "summary.json").read_text())["mode"] == "lines as given"
    assert sorted(p.stem for p in (out / corpus / "good").glob("*.json")) == sorted(set(ids))


# -- compare and gate ---------------------------------------------------------------------------

def _sacrebleu_paired(f, test: str, env=None) -> dict:
    rows = sacrebleu_json(f["ref"], f["base"], f["good"], f["same"], extra=(f"--paired-{test}",), env=env)
    return {Path(row["system"].removeprefix("Baseline: ")).name: row for row in rows}


def _compare(f, env=None, extra=()) -> dict:
    return evalkit_json(["compare", "-s", str(f["src"]), "-r", str(f["ref"]), "-t", f"base={f['base']}",
                         "-t", f"good={f['good']}", "-t", f"same={f['same']}", "--baseline", "base",
                         "--src-lang", "en", "--tgt-lang", "fr", "--no-comet", "--no-flags",
                         "--metrics", "bleu,chrf,ter", "--format", "json", *extra], env=env)


@pytest.fixture(scope="module")
def compared(test_set):
    return _compare(test_set)


def test_compare_equals_sacrebleu_paired_bootstrap(test_set, compared):
    """Scores, bootstrap means, 95% CIs, p-values and significant/not verdicts of --paired-bs."""
    theirs = _sacrebleu_paired(test_set, "bs")
    sig = compared["significance"]
    assert compared["mode"] == "lines as given" and sig["method"] == "sacrebleu" and sig["n_units"] == 120
    verdicts = set()
    for e in sig["estimates"]:
        expected = theirs[f"{e['system']}.fr"][SACREBLEU_NAMES[e["statistic"]]]
        assert round(e["value"], 4) == round(expected["score"], 4)
        assert round(e["mean"], 4) == round(expected["mean"], 4)
        assert round((e["ci_high"] - e["ci_low"]) / 2, 4) == round(expected["ci"], 4)
    for c in sig["comparisons"]:
        expected = theirs[f"{c['candidate']}.fr"][SACREBLEU_NAMES[c["statistic"]]]
        assert round(c["p_bootstrap"], 4) == round(expected["p_value"], 4)
        ours_significant = compared["verdicts"][f"{c['candidate']}|{c['statistic']}"] in ("better", "worse")
        assert ours_significant == (expected["p_value"] <= 0.05)   # sacreBLEU stars p <= 0.05
        verdicts.add(ours_significant)
    assert verdicts == {True, False}     # the test set has both kinds of difference


def test_compare_equals_sacrebleu_paired_randomization(test_set, compared):
    theirs = _sacrebleu_paired(test_set, "ar")
    for c in compared["significance"]["comparisons"]:
        expected = theirs[f"{c['candidate']}.fr"][SACREBLEU_NAMES[c["statistic"]]]
        assert round(c["p_randomization"], 4) == round(expected["p_value"], 4)


def test_compare_follows_sacrebleu_seed(test_set):
    env = {**ENV, "SACREBLEU_SEED": "7"}
    theirs = _sacrebleu_paired(test_set, "bs", env=env)
    ours = _compare(test_set, env=env, extra=["--ar-trials", "0"])
    assert ours["significance"]["seed"] == 7
    for c in ours["significance"]["comparisons"]:
        expected = theirs[f"{c['candidate']}.fr"][SACREBLEU_NAMES[c["statistic"]]]
        assert round(c["p_bootstrap"], 4) == round(expected["p_value"], 4)


@pytest.mark.parametrize("baseline, candidate", [("good", "base"), ("base", "same")])
def test_gate_verdict_equals_sacrebleu(test_set, tmp_path, baseline, candidate):
    """A BLEU drop fails the gate exactly when sacreBLEU's paired bootstrap calls it significant."""
    f = test_set
    theirs = sacrebleu_json(f["ref"], f[baseline], f[candidate], metrics=("bleu",), extra=("--paired-bs",))
    p = theirs[1]["BLEU"]["p_value"]
    worse = theirs[1]["BLEU"]["score"] < theirs[0]["BLEU"]["score"]
    verdict = tmp_path / "gate.json"
    done = subprocess.run(EVALKIT + ["gate", "-s", str(f["src"]), "-r", str(f["ref"]),
                                     "-t", f"{baseline}={f[baseline]}", "-t", f"{candidate}={f[candidate]}",
                                     "--baseline", baseline, "--candidate", candidate, "--max-drop", "bleu=0",
                                     "--src-lang", "en", "--tgt-lang", "fr", "--no-comet", "--json", str(verdict)],
                          capture_output=True, timeout=300, env=ENV)
    gate = json.loads(verdict.read_text())
    assert gate["mode"] == "lines as given"
    assert round(gate["checks"][0]["p_value"], 4) == round(p, 4)
    assert done.returncode == (1 if worse and p <= 0.05 else 0)


# -- corpus folders, evalkit init, validate, HF rows ----------------------------------------------

@pytest.fixture(scope="module")
def initialised(test_set, tmp_path_factory) -> Path:
    f = test_set
    folder = tmp_path_factory.mktemp("init") / "wmt-corpus"
    assert main(["-q", "init", str(folder), "--src", str(f["src"]), "--ref", str(f["ref"]),
                 "--system", f"base={f['base']}", "--system", f"good={f['good']}", "--system", f"same={f['same']}",
                 "--doc-ids", str(f["docids"]), "--src-lang", "en", "--tgt-lang", "fr"]) == 0
    return folder


def test_init_writes_a_valid_corpus_that_scores_as_sacrebleu(initialised, test_set, capsys, tmp_path):
    assert "segmentation: lines" in (initialised / "corpus.yaml").read_text()
    assert main(["validate", str(initialised)]) == 0
    assert "warning" not in capsys.readouterr().err
    assert main(["-q", "run", str(initialised), "--no-comet", "--no-flags", "--metrics", "bleu,chrf,ter",
                 "-o", str(tmp_path)]) == 0
    summary = json.loads((tmp_path / "wmt-corpus" / "summary.json").read_text())
    assert summary["mode"] == "lines as given"
    for system in ("base", "good", "same"):
        theirs = {s["name"]: s for s in sacrebleu_json(test_set["ref"], test_set[system])}
        for metric, score in summary["systems"][system].items():
            assert round(score["value"], 4) == round(theirs[SACREBLEU_NAMES[metric]]["score"], 4)
            assert score["unit"] == "lines"


def test_compare_on_a_lines_corpus_folder_equals_paired_bootstrap(initialised, test_set, compared):
    ours = evalkit_json(["compare", str(initialised), "--baseline", "base", "--no-comet", "--no-flags",
                         "--metrics", "bleu,chrf,ter", "--format", "json", "--ar-trials", "0"])
    # the same lines in the same order as the files: the same p-values as from the files themselves
    assert [c["p_bootstrap"] for c in ours["significance"]["comparisons"]] == \
        [c["p_bootstrap"] for c in compared["significance"]["comparisons"]]


def test_lines_corpus_with_unequal_line_counts_is_refused(initialised, tmp_path, capsys):
    import shutil

    from evalkit.corpus import load_corpus

    broken = tmp_path / "broken"
    shutil.copytree(initialised, broken)
    doc = sorted((broken / "systems" / "good").glob("*.txt"))[0]
    doc.write_text("".join(doc.read_text().splitlines(keepends=True)[:-1]), encoding="utf-8")
    assert main(["validate", str(broken)]) == 2
    err = capsys.readouterr().err
    assert f"{doc.stem}.txt: " in err and "lines but source/" in err
    with pytest.raises(InputError, match="lines but .*source"):
        load_corpus(broken)


def test_validate_accepts_a_minimal_corpus(tmp_path, capsys):
    """corpus.yaml with a name and languages, source/ and systems/: valid, with warnings."""
    (tmp_path / "source").mkdir()
    (tmp_path / "systems" / "mt").mkdir(parents=True)
    (tmp_path / "corpus.yaml").write_text("name: mini\nsource_lang: en\ntarget_lang: fr\n", encoding="utf-8")
    (tmp_path / "source" / "d1.txt").write_text("The bridge opened.\n", encoding="utf-8")
    (tmp_path / "systems" / "mt" / "d1.txt").write_text("Le pont a ouvert.\n", encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "README.md: warning: datasheet not found" in err
    assert "documents.jsonl: warning: file not found" in err


def test_hf_rows_with_doc_ids_are_scored_as_given(test_set, tmp_path, compared):
    """A dataset with one row per segment (doc_id, system, source, hypothesis, reference)."""
    f = test_set
    ids, src, ref = read_lines(f["docids"]), read_lines(f["src"]), read_lines(f["ref"])
    rows = [{"doc_id": i, "system": system, "source": s, "reference": r, "hypothesis": h}
            for system in ("base", "good", "same")
            for i, s, r, h in zip(ids, src, ref, read_lines(f[system]))]
    data = tmp_path / "rows.jsonl"
    data.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    ours = evalkit_json(["compare", "--hf-dataset", str(data), "--segmentation", "lines", "--baseline", "base",
                         "--src-lang", "en", "--tgt-lang", "fr", "--no-comet", "--no-flags",
                         "--metrics", "bleu,chrf,ter", "--format", "json", "--ar-trials", "0"])
    assert ours["mode"] == "lines as given"
    assert [c["p_bootstrap"] for c in ours["significance"]["comparisons"]] == \
        [c["p_bootstrap"] for c in compared["significance"]["comparisons"]]
    theirs = sacrebleu_json(f["ref"], f["good"], metrics=("bleu",))
    good = next(e for e in ours["significance"]["estimates"] if e["system"] == "good" and e["statistic"] == "bleu")
    assert round(good["value"], 4) == round(theirs["score"], 4)


def test_chinese_target_equals_sacrebleu_with_its_language_pair(tmp_path):
    """`-l en-zh` picks BLEU's zh tokenizer; TER keeps the command line's default (asian:no)."""
    rng = random.Random(3)
    chars = "我们今天在北京开会讨论新的桥梁工程预算大约一千二百万欧元学校关闭了"
    ref = ["".join(rng.choice(chars) for _ in range(rng.randint(5, 20))) + "。" for _ in range(40)]
    hyp = ["".join(c if rng.random() < 0.7 else rng.choice(chars) for c in r) for r in ref]
    for name, lines in (("src.en", [" ".join(rng.choice(EN) for _ in range(6)) for _ in ref]), ("ref.zh", ref),
                        ("hyp.zh", hyp)):
        (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    ours = evalkit_json(["score", "-s", str(tmp_path / "src.en"), "-r", str(tmp_path / "ref.zh"),
                         "-t", str(tmp_path / "hyp.zh"), "--src-lang", "en", "--tgt-lang", "zh", "--no-comet",
                         "--no-flags", "--metrics", "bleu,chrf,ter", "--format", "json"])
    theirs = {s["name"]: s for s in sacrebleu_json(tmp_path / "ref.zh", tmp_path / "hyp.zh",
                                                   extra=("-l", "en-zh"))}
    for metric, score in ours["systems"]["hyp.zh"].items():
        expected = theirs[SACREBLEU_NAMES[metric]]
        assert round(score["value"], 4) == round(expected["score"], 4), metric
        assert score["signature"] == expected["signature"], metric


def test_score_with_comet_equals_comet_score(tmp_path):
    """COMET over lines as given: the system score of `comet-score` on the same files (tiny checkpoint)."""
    import re

    from tests.comet_fixture import build_tiny_comet

    rng = random.Random(5)
    src = [_sentence(rng, EN, 4, 10) for _ in range(8)]
    ref = [_sentence(rng, FR, 4, 10) for _ in range(8)]
    hyp = [_noisy(rng, r, 0.6) for r in ref]
    for name, lines in (("src.en", src), ("ref.fr", ref), ("hyp.fr", hyp)):
        (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    checkpoint = build_tiny_comet(tmp_path / "comet", src + ref + hyp)
    env = {**ENV, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}
    ours = evalkit_json(["score", "-s", str(tmp_path / "src.en"), "-r", str(tmp_path / "ref.fr"),
                         "-t", f"mt={tmp_path / 'hyp.fr'}", "--src-lang", "en", "--tgt-lang", "fr", "--metrics", "bleu",
                         "--comet-model", str(checkpoint), "--no-cache", "--cpu", "--no-flags", "--format", "json"],
                        env=env)
    comet = ours["systems"]["mt"]["comet"]
    assert comet["unit"] == "lines" and comet["n"] == 8
    code = "import sys; from comet.cli.score import score_command; sys.argv[0] = 'comet-score'; " \
        "sys.exit(score_command())"
    done = subprocess.run([sys.executable, "-c", code, "-s", str(tmp_path / "src.en"),
                           "-t", str(tmp_path / "hyp.fr"), "-r", str(tmp_path / "ref.fr"),
                           "--model", str(checkpoint), "--gpus", "0", "--only_system", "--quiet"],
                          capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stderr
    # comet-score prints 4 decimals and sorts its batches by length (padding differs): on the tiny
    # random model the two agree to about 1e-4 (seen: 0.12039 against a printed 0.1203)
    system = float(re.findall(r"score: (-?[\d.]+)", done.stdout)[-1])
    assert comet["value"] == pytest.approx(system, abs=2e-4)

"""Robustness, second round: nothing lost, nothing written outside the output folder, hostile
text inert in Markdown, bounded YAML, exit 2 with one line for bad input, finite JSON, no
orphaned workers. Bad-input paths are checked through a real `python -m evalkit` subprocess.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from evalkit.errors import InputError
from evalkit.textio import write_atomic

from .conftest import MANIFEST, ROOT, write_corpus

PY = sys.executable


def evalkit(*argv: str, cwd: Path | None = None, env: dict | None = None, stdin: str | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess:
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([PY, "-m", "evalkit", "-q", *argv], cwd=cwd, env=environ, input=stdin,
                          capture_output=True, text=True, check=False, timeout=timeout)


def one_line_error(proc: subprocess.CompletedProcess, *fragments: str) -> str:
    """Exit 2, exactly one line on stderr, no traceback, naming every fragment."""
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    assert proc.stderr.count("\n") == 1 and proc.stderr.endswith("\n"), proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    for fragment in fragments:
        assert fragment in proc.stderr, proc.stderr
    return proc.stderr


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


RUN = ("--no-comet", "--no-flags", "--no-cache")


# --- Data loss: export replaces only what it can prove it wrote ---------------------------------

def test_export_never_deletes_a_folder_holding_its_own_export_json_and_other_files(tiny_corpus, tmp_path):
    out = tmp_path / "work"
    (out / "src").mkdir(parents=True)
    (out / "src" / "main.py").write_text("print('mine')\n", encoding="utf-8")
    (out / "notes.txt").write_text("notes\n", encoding="utf-8")
    (out / "export.json").write_text('{"evalkit_export": 1, "corpus": "tiny"}\n', encoding="utf-8")
    before = tree(out)
    one_line_error(evalkit("export", str(tiny_corpus), "--out", str(out)), str(out), "export.json")
    assert tree(out) == before


def test_export_replaces_an_earlier_export_only_when_unchanged(tiny_corpus, tmp_path):
    out = tmp_path / "export"
    assert evalkit("export", str(tiny_corpus), "--out", str(out), "--format", "jsonl").returncode == 0
    manifest = json.loads((out / "export.json").read_text(encoding="utf-8"))
    assert set(manifest["files"]) == {"README.md", "data/documents.jsonl"}
    assert manifest["files"]["README.md"]["bytes"] == (out / "README.md").stat().st_size
    # unchanged: replaced
    assert evalkit("export", str(tiny_corpus), "--out", str(out), "--format", "parquet").returncode == 0
    assert sorted(tree(out)) == ["README.md", "data/documents.parquet", "export.json"]
    for change in ("extra", "edited", "removed", "symlink", "empty-folder"):
        if change == "extra":
            (out / "data" / "mine.csv").write_text("a,b\n", encoding="utf-8")
        elif change == "edited":
            (out / "README.md").write_text("my own notes\n", encoding="utf-8")
        elif change == "removed":
            (out / "README.md").unlink()
        elif change == "symlink":
            (out / "link").symlink_to(tiny_corpus, target_is_directory=True)
        else:
            (out / "keep").mkdir()
        before = tree(out)
        one_line_error(evalkit("export", str(tiny_corpus), "--out", str(out)), "refusing to replace")
        assert tree(out) == before, change
        assert (tiny_corpus / "corpus.yaml").is_file()
        assert evalkit("export", str(tiny_corpus), "--out", str(tmp_path / "fresh")).returncode == 0
        import shutil
        shutil.rmtree(out)
        shutil.copytree(tmp_path / "fresh", out, symlinks=True)
        shutil.rmtree(tmp_path / "fresh")


def test_export_into_the_current_folder_or_its_parent_is_refused(tiny_corpus, tmp_path):
    out = tmp_path / "export"
    assert evalkit("export", str(tiny_corpus), "--out", str(out)).returncode == 0
    before = tree(out)
    for target in (".", "..", "data/.."):
        (out / "data").mkdir(exist_ok=True)
        one_line_error(evalkit("export", str(tiny_corpus), "--out", target, cwd=out), "current folder")
    (out / "data").rmdir()
    assert tree(out) == before


def test_export_out_that_is_a_symlink_is_refused(tiny_corpus, tmp_path):
    real = tmp_path / "real"
    assert evalkit("export", str(tiny_corpus), "--out", str(real)).returncode == 0
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    before = tree(real)
    one_line_error(evalkit("export", str(tiny_corpus), "--out", str(tmp_path / "link")), "is a symlink")
    assert tree(real) == before and (tmp_path / "link").is_symlink()


def test_export_follows_the_umask(tiny_corpus, tmp_path):
    out = tmp_path / "export"
    proc = subprocess.run(["sh", "-c", 'umask 022 && exec "$0" -m evalkit -q export "$1" --out "$2"',
                           PY, str(tiny_corpus), str(out)], env={**os.environ, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, check=False, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    assert stat.S_IMODE((out / "export.json").stat().st_mode) == 0o644


# --- Writing outside --out: symlinks, devices, modes ---------------------------------------------

@pytest.mark.parametrize("planted", ["tiny", "tiny/good"])
def test_a_symlinked_report_folder_is_refused_and_nothing_written_outside(tiny_corpus, tmp_path, planted):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "doc-a.json").write_text("keep", encoding="utf-8")
    out = tmp_path / "out"
    (out / planted).parent.mkdir(parents=True, exist_ok=True)
    (out / planted).symlink_to(outside, target_is_directory=True)
    one_line_error(evalkit("run", str(tiny_corpus), "--out", str(out), *RUN), "symlink")
    assert tree(outside) == {"doc-a.json": b"keep"}


def test_gate_outputs_refuse_symlinks_and_special_files(tiny_corpus, tmp_path):
    victim = tmp_path / "victim.md"
    victim.write_text("keep", encoding="utf-8")
    link = tmp_path / "gate.md"
    link.symlink_to(victim)
    gate = ("gate", str(tiny_corpus), "--baseline", "good", "--candidate", "poor", *RUN)
    one_line_error(evalkit(*gate, "--markdown", str(link)), "gate.md: is a symlink")
    assert link.is_symlink() and victim.read_text(encoding="utf-8") == "keep"
    one_line_error(evalkit(*gate, "--json", "/dev/null"), "/dev/null: is not a regular file")
    one_line_error(evalkit(*gate, "--junit", str(tmp_path)), "is a folder")


def test_write_atomic_refuses_a_symlink_below_its_root_and_a_fifo(tmp_path):
    (tmp_path / "root").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "root" / "sub").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    with pytest.raises(InputError, match="symlink 'sub'"):
        write_atomic(tmp_path / "root" / "sub" / "x" / "r.json", "{}", root=tmp_path / "root")
    assert list((tmp_path / "elsewhere").iterdir()) == []
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(InputError, match="not a regular file"):
        write_atomic(tmp_path / "fifo", "x")
    with pytest.raises(InputError, match="outside"):
        write_atomic(tmp_path / "r.json", "x", root=tmp_path / "root")


def test_reports_follow_the_umask(tiny_corpus, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run(["sh", "-c", ('umask 022 && exec "$0" -m evalkit -q run "$1" --out "$2" '
                                        '--no-comet --no-flags --no-cache'), PY, str(tiny_corpus), str(out)],
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, check=False,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    for path in [out / "tiny", out / "tiny" / "good", *(out / "tiny").rglob("*")]:
        expected = 0o755 if path.is_dir() else 0o644
        assert stat.S_IMODE(path.stat().st_mode) == expected, path


# --- Files outside the corpus: symlinks refused ----------------------------------------------------

def _link_outside(tiny_corpus: Path, tmp_path: Path, where: str) -> None:
    secret = tmp_path / "secret"
    (secret / "good").mkdir(parents=True)
    for doc in ("doc-a", "doc-b"):
        (secret / "good" / f"{doc}.txt").write_text("SECRET outside text.\n", encoding="utf-8")
    import shutil
    if where == "systems-folder":
        shutil.rmtree(tiny_corpus / "systems")
        (tiny_corpus / "systems").symlink_to(secret, target_is_directory=True)
    elif where == "system":
        shutil.rmtree(tiny_corpus / "systems" / "good")
        (tiny_corpus / "systems" / "good").symlink_to(secret / "good", target_is_directory=True)
    elif where == "document":
        (tiny_corpus / "systems" / "good" / "doc-a.txt").unlink()
        (tiny_corpus / "systems" / "good" / "doc-a.txt").symlink_to(secret / "good" / "doc-a.txt")
    else:
        (tiny_corpus / "corpus.yaml").rename(secret / "corpus.yaml")
        (tiny_corpus / "corpus.yaml").symlink_to(secret / "corpus.yaml")


@pytest.mark.parametrize("where", ["systems-folder", "system", "document", "manifest"])
def test_corpus_files_reached_through_a_symlink_are_refused(tiny_corpus, tmp_path, where):
    _link_outside(tiny_corpus, tmp_path, where)
    out = tmp_path / "out"
    err = one_line_error(evalkit("run", str(tiny_corpus), "--out", str(out), *RUN), "symlink")
    assert "SECRET" not in err and not out.exists()
    proc = evalkit("validate", str(tiny_corpus))
    assert proc.returncode == 2 and "symlink" in proc.stderr and "Traceback" not in proc.stderr


def test_an_added_system_folder_may_be_a_symlink_but_not_its_files(tiny_corpus, tmp_path):
    extra = tmp_path / "extra"
    extra.mkdir()
    for doc in ("doc-a", "doc-b"):
        (extra / f"{doc}.txt").write_text("Une phrase.\n", encoding="utf-8")
    (tmp_path / "extra-link").symlink_to(extra, target_is_directory=True)
    ok = evalkit("run", str(tiny_corpus), "--out", str(tmp_path / "o1"), "--system",
                 f"mine={tmp_path / 'extra-link'}", *RUN)
    assert ok.returncode == 0, ok.stderr
    (extra / "doc-b.txt").unlink()
    (extra / "doc-b.txt").symlink_to(tiny_corpus / "source" / "doc-b.txt")
    one_line_error(evalkit("run", str(tiny_corpus), "--out", str(tmp_path / "o2"), "--system",
                           f"mine={extra}", *RUN), "doc-b.txt: is a symlink")


# --- --hf-dataset local files: no Hugging Face cache, no usable HOME needed ------------------------

def _rows_file(tmp_path: Path, suffix: str) -> Path:
    rows = [{"doc_id": d, "source": s, "hypothesis": h, "reference": r}
            for d, s, h, r in (("d1", "The cat sat.", "Le chat était assis.", "Le chat s'assit."),
                               ("d2", "It rained.", "Il a plu.", "Il pleuvait."))]
    path = tmp_path / f"rows{suffix}"
    if suffix == ".jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    elif suffix == ".json":
        path.write_text(json.dumps(rows), encoding="utf-8")
    elif suffix == ".csv":
        import csv
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq
        pq.write_table(pa.Table.from_pylist(rows), path)
    return path


@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".csv", ".parquet"])
def test_hf_dataset_local_file_writes_nothing_outside_out_and_needs_no_home(tmp_path, suffix):
    data = _rows_file(tmp_path, suffix)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "XDG_"))}
    home = tmp_path / "home"
    home.mkdir()
    for i, fake_home in enumerate((str(home), "/proc/evalkit-no-home")):
        out = tmp_path / f"out{i}"
        proc = subprocess.run([PY, "-m", "evalkit", "-q", "run", "--hf-dataset", str(data), "--source-lang", "en",
                               "--target-lang", "fr", "--out", str(out), *RUN],
                              env={**env, "PYTHONPATH": str(ROOT), "HOME": fake_home},
                              capture_output=True, text=True, check=False, timeout=300)
        assert proc.returncode == 0, proc.stderr
        assert (out / "rows" / "rows" / "d1.json").is_file()
    assert list(home.rglob("*")) == []   # no ~/.cache/huggingface copy


def test_hf_dataset_jsonl_problems_are_one_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"source": "a", "hypothesis": "b"}\n{"source": "\\ud800x", "hypothesis": "b"}\n',
                   encoding="utf-8")
    one_line_error(evalkit("run", "--hf-dataset", str(bad), "--source-lang", "en", "--target-lang", "fr",
                           "--out", str(tmp_path / "o"), *RUN), "line 2", "lone surrogate")
    bad.write_text('{"source": "a", "hypothesis": "b"}\n{"source": \n', encoding="utf-8")
    one_line_error(evalkit("run", "--hf-dataset", str(bad), "--source-lang", "en", "--target-lang", "fr",
                           "--out", str(tmp_path / "o"), *RUN), "line 2: not valid JSON")


# --- Hostile text: Markdown rendered inert --------------------------------------------------------

HOSTILE_NAME = "`x` <img src=x onerror=alert(1)> [y](javascript:alert(1))"
LIVE = "![](https://evil.example/p.png) [x](javascript:alert(1)) <https://evil.example> *em* `code`"


def _rendered_elements(markdown_text: str) -> set[str]:
    mistune = pytest.importorskip("mistune")
    from html.parser import HTMLParser

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found: set[str] = set()

        def handle_starttag(self, tag, attrs):
            self.found.add(tag)

    parser = Tags()
    parser.feed(mistune.create_markdown(escape=False, plugins=["table", "strikethrough", "url"])(markdown_text))
    return parser.found


def test_hostile_names_and_mt_text_render_inert_in_every_markdown_file(tmp_path):
    manifest = MANIFEST.replace("name: tiny", f"name: '{HOSTILE_NAME}'").replace("title: Bridge",
                                                                                  f"title: '{LIVE}'")
    corpus = write_corpus(tmp_path / "c", manifest)
    (corpus / "systems" / "poor" / "doc-a.txt").write_text(f"Le pont. {LIVE}\n", encoding="utf-8")
    out = tmp_path / "out"
    assert evalkit("run", str(corpus), "--out", str(out), "--no-comet", "--no-cache").returncode == 0
    gate = evalkit("gate", str(corpus), "--baseline", "good", "--candidate", "poor", "--markdown",
                   str(tmp_path / "gate.md"), *RUN)
    assert gate.returncode in (0, 1), gate.stderr
    compare = evalkit("compare", str(corpus), "--out", str(tmp_path / "cmp"), *RUN)
    assert compare.returncode == 0, compare.stderr
    pages = [p.read_text(encoding="utf-8") for p in out.rglob("*.md")]
    pages += [(tmp_path / "gate.md").read_text(encoding="utf-8"),
              (tmp_path / "cmp" / "compare.md").read_text(encoding="utf-8")]
    assert len(pages) == 6
    for page in pages:
        assert not _rendered_elements(page) & {"img", "a", "script", "iframe"}, page
        assert "<img" not in page and "![](" not in page
    assert "onerror" in pages[-2] and "onerror" in pages[-1]   # the name is there, as text


# --- YAML: aliases, depth, duplicate keys, control characters, ids with whitespace ---------------

ALIAS_BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
    f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n" for i in range(9))


@pytest.mark.parametrize("manifest, fragments", [
    (MANIFEST + ALIAS_BOMB, ("anchors and aliases", "line ")),
    (MANIFEST + "deep: " + "[" * 1000 + "]" * 1000 + "\n", ("nested more than 50 levels",)),
    (MANIFEST + "deep:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 200)) + "  " * 200 + "x: 1\n",
     ("nested more than 50 levels",)),
    (MANIFEST.replace("target_lang: fr", "target_lang: fr\nsource_lang: de"),
     ("duplicate key 'source_lang' (first at line 2)", "line 4")),
    (MANIFEST.replace("name: tiny", "name: ti\x07ny"), ("control character U+0007", "line 1")),
    (MANIFEST.replace("name: tiny", "name: \"ti\\nny\""), ("invalid corpus name", "\\n")),
    (MANIFEST.replace("  - id: doc-a", "  - id: \"doc-a\\n\""), ("invalid document id", "'doc-a\\n'")),
    (MANIFEST.replace("  - id: doc-a", "  - id: \"doc-a \""), ("invalid document id", "'doc-a '")),
])
def test_hostile_corpus_yaml_is_one_line_error(tmp_path, manifest, fragments):
    corpus = write_corpus(tmp_path / "c", manifest)
    for command in ("run", "validate"):
        argv = [command, str(corpus)] + (["--out", str(tmp_path / "o"), *RUN] if command == "run" else [])
        proc = evalkit(*argv, timeout=60)
        if command == "run":
            one_line_error(proc, "corpus.yaml", *fragments)
        else:
            assert proc.returncode == 2 and "Traceback" not in proc.stderr
            assert any(all(f in line for f in fragments) for line in proc.stderr.splitlines()), proc.stderr
    assert not (tmp_path / "o").exists()


def test_yaml_loader_limits_hold_on_both_parsers():
    import yaml

    from evalkit import yamlio
    for base in filter(None, (getattr(yaml, "CSafeLoader", None), yaml.SafeLoader)):
        with pytest.raises(yamlio.YAMLRefused, match="aliases"):
            yamlio._check_events(ALIAS_BOMB, base)
        with pytest.raises(yaml.YAMLError, match="duplicate key 'a'"):
            yaml.load("a: 1\nb: 2\na: 3\n", Loader=yamlio._loader(base))
    assert yamlio.load_yaml("a: [1, {b: c}]\n") == {"a": [1, {"b": "c"}]}


# --- Workers: a dead worker is exit 2; a dead main process takes its workers with it --------------

def _parents() -> dict[int, int]:
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                    found[int(entry)] = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    return found


def _descendants(pid: int) -> dict[int, int]:
    """Every process below `pid`, with its parent."""
    parents = _parents()
    found: dict[int, int] = {}
    grew = True
    while grew:
        grew = False
        for child, parent in parents.items():
            if child not in found and (parent == pid or parent in found):
                found[child] = parent
                grew = True
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _big_corpus(tmp_path: Path, documents: int = 300) -> Path:
    ids = [f"d{i:03d}" for i in range(documents)]
    manifest = "name: big\nsource_lang: en\ntarget_lang: fr\ndocuments:\n" + "".join(f"  - id: {d}\n" for d in ids)
    root = tmp_path / "big"
    for folder in ("source", "reference", "systems/a", "systems/b"):
        (root / folder).mkdir(parents=True)
    (root / "corpus.yaml").write_text(manifest, encoding="utf-8")
    for i, doc in enumerate(ids):
        text = "".join(f"Le maire numéro {i} a ouvert le pont {k} lundi matin.\n" for k in range(60))
        (root / "source" / f"{doc}.txt").write_text(text.replace("Le maire", "The mayor"), encoding="utf-8")
        for folder in ("reference", "systems/a", "systems/b"):
            (root / folder / f"{doc}.txt").write_text(text, encoding="utf-8")
    return root


def _start_workers_run(tmp_path: Path) -> tuple[subprocess.Popen, dict[int, int]]:
    """A `--workers 2` run, caught while its workers are scoring; returns it and its processes."""
    import time
    proc = subprocess.Popen([PY, "-m", "evalkit", "-q", "run", str(_big_corpus(tmp_path)), "--out",
                             str(tmp_path / "out"), "--workers", "2", *RUN],
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        below = _descendants(proc.pid)
        workers = [p for p, parent in below.items() if parent != proc.pid]   # children of the fork server
        if len(workers) >= 2 and any((tmp_path / "out").rglob("*.json")):
            return proc, below
        time.sleep(0.05)
    proc.kill()
    pytest.fail("the worker pool was not caught running")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_killing_the_main_process_of_a_workers_run_leaves_no_worker(tmp_path):
    import signal
    import time
    proc, below = _start_workers_run(tmp_path)
    assert proc.poll() is None and len(below) >= 3
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_alive(p) for p in below):
        time.sleep(0.1)
    left = [p for p in below if _alive(p)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_worker_killed_mid_run_is_exit_2_with_one_line(tmp_path):
    import signal
    proc, below = _start_workers_run(tmp_path)
    os.kill(min(p for p, parent in below.items() if parent != proc.pid), signal.SIGKILL)
    _, err = proc.communicate(timeout=120)
    one_line_error(subprocess.CompletedProcess(proc.args, proc.returncode, "", err), "worker process died")


# --- Exit codes: bounded settings, TOML keys named, broken caches ---------------------------------

@pytest.mark.parametrize("command", ["gate", "compare"])
@pytest.mark.parametrize("option, fragments", [
    (("--seed", "-1"), ("--seed", "from 0 to 4,294,967,295")),
    (("--seed", "4294967296"), ("--seed", "from 0 to")),
    (("--resamples", "1e9"), ("--resamples", "expected an integer")),
    (("--resamples", "1000000000"), ("--resamples", "from 1 to 100,000")),
])
def test_resampling_settings_out_of_bounds_exit_2(tiny_corpus, command, option, fragments):
    extra = ("--baseline", "good", "--candidate", "poor") if command == "gate" else ()
    one_line_error(evalkit(command, str(tiny_corpus), *extra, *option, *RUN), *fragments)


@pytest.mark.parametrize("toml, fragments", [
    ("[gate]\nseed = -1\n", ("gate.toml", "gate.seed must be an integer from 0")),
    ("[gate]\nresamples = 1e9\n", ("gate.toml", "gate.resamples must be an integer")),
    ("[gate]\nresamples = 1_000_000_000\n", ("gate.toml", "gate.resamples must be an integer from 1 to 100,000")),
    ("[gate]\nmax_drop = { bleu = nan }\n", ("gate.toml", "gate.max_drop.'bleu' must be a finite number")),
    ("[gate]\nmax_increase = { mqm = inf }\n", ("gate.toml", "gate.max_increase.'mqm' must be a finite")),
])
def test_gate_toml_settings_are_reported_as_the_files_keys(tiny_corpus, tmp_path, toml, fragments):
    (tmp_path / "gate.toml").write_text(toml, encoding="utf-8")
    err = one_line_error(evalkit("gate", str(tiny_corpus), "--baseline", "good", "--candidate", "poor", "--config",
                                 str(tmp_path / "gate.toml"), *RUN), *fragments)
    assert "--max-drop" not in err and "--max-increase" not in err


def test_resampling_bounds_hold_in_the_library_too():
    from evalkit.errors import UsageError
    from evalkit.stats import paired_tests

    for kwargs, message in (({"seed": -1}, "seed must be an integer from 0"),
                            ({"resamples": 10**9}, "resamples must be an integer from 1 to 100,000"),
                            ({"ar_trials": -1}, "ar_trials must be an integer from 0")):
        with pytest.raises(UsageError, match=message):
            paired_tests([], "a", ["b"], **kwargs)


@pytest.mark.parametrize("stored", ["'not a number'", "X'00ff'", "9e999", "-9e999", "NULL"])
def test_a_score_cache_holding_a_non_number_or_inf_is_a_miss(tmp_path, stored):
    import sqlite3

    from evalkit.cache import ScoreCache
    path = tmp_path / "scores.sqlite3"
    keys = [("Le chat.", "The cat.", "Le chat."), ("Il pleut.", "It rains.", None)]
    with ScoreCache(path) as cache:
        cache.put_many("comet", keys, [0.5, 0.25])
        assert cache.get_many("comet", keys) == [0.5, 0.25]
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        try:
            changed = conn.execute(f"UPDATE scores SET value = {stored} WHERE value = 0.5").rowcount
        except sqlite3.IntegrityError:   # the schema itself refuses it: nothing to read back
            changed = 0
    with ScoreCache(path) as cache:
        assert cache.get_many("comet", keys) == [None if changed else 0.5, 0.25]
        cache.put_many("comet", keys[:1], [0.75])          # recomputed and replaced
        assert cache.get_many("comet", keys) == [0.75, 0.25]


# --- Non-finite numbers: refused at the input, never written -------------------------------------

@pytest.mark.parametrize("weights", ["major=nan", "minor=inf", "critical=-5", "major=-inf"])
def test_severity_weights_must_be_finite_and_not_negative(tiny_corpus, tmp_path, weights):
    one_line_error(evalkit("run", str(tiny_corpus), "--out", str(tmp_path / "o"), "--severity-weights", weights,
                           "--no-comet", "--no-cache"), "--severity-weights", "expected a finite number >= 0")
    assert not (tmp_path / "o").exists()
    (tmp_path / "mt.txt").write_text("Le chat.\n", encoding="utf-8")
    one_line_error(evalkit("flag", str(tmp_path / "mt.txt"), "--src-lang", "en", "--tgt-lang", "fr",
                           "--severity-weights", weights), "expected a finite number >= 0")


def test_library_refuses_non_finite_weights_and_json_never_holds_nan():
    from evalkit.errors import EvalkitError, UsageError
    from evalkit.flags import mqm_penalty
    from evalkit.pipeline import RunOptions
    from evalkit.textio import json_text

    with pytest.raises(UsageError, match="major=nan"):
        RunOptions(severity_weights={"minor": 1.0, "major": float("nan"), "critical": 25.0})
    with pytest.raises(UsageError, match="critical=-5"):
        mqm_penalty([], 10, {"minor": 1.0, "major": 5.0, "critical": -5})
    with pytest.raises(EvalkitError, match=r"non-finite number .* at scores\.bleu\.value"):
        json_text({"scores": {"bleu": {"value": float("inf")}}})
    assert json_text({"a": 1.5}) == '{\n  "a": 1.5\n}\n'


# --- Gate and stdin ---------------------------------------------------------------------------------

def test_gate_refuses_a_baseline_that_is_the_candidate(tiny_corpus, tmp_path):
    one_line_error(evalkit("gate", str(tiny_corpus), "--baseline", "good", "--candidate", "good", "--markdown",
                           str(tmp_path / "gate.md"), *RUN), "the same system 'good'")
    assert not (tmp_path / "gate.md").exists()


def test_flag_dash_reads_standard_input(tmp_path):
    text = "Le maire a dit « bonjour ».\n\nThe mayor said hello to the city.\n"
    (tmp_path / "mt.txt").write_text(text, encoding="utf-8")
    from_file = evalkit("flag", str(tmp_path / "mt.txt"), "--src-lang", "en", "--tgt-lang", "fr", "--format", "json")
    from_stdin = evalkit("flag", "-", "--src-lang", "en", "--tgt-lang", "fr", "--format", "json", stdin=text)
    assert from_file.returncode == 0 and from_stdin.returncode == 0, from_stdin.stderr
    flags = [{**f, "doc_id": None} for f in json.loads(from_stdin.stdout)["flags"]]
    assert flags and flags == [{**f, "doc_id": None} for f in json.loads(from_file.stdout)["flags"]]
    one_line_error(evalkit("flag", "-", "--src-lang", "en", "--tgt-lang", "fr", stdin=""), "<stdin>: file is empty")


# --- Messages stay one line ---------------------------------------------------------------------

def test_file_names_with_newlines_and_invalid_utf8_give_one_line(tiny_corpus, tmp_path):
    odd = os.fsencode(tmp_path) + b"/co\xffrp\nus\x1b[31m"
    proc = subprocess.run([PY, "-m", "evalkit", "run", odd, "--no-comet", "--no-flags", "--no-cache"],
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, check=False, timeout=120)
    err = proc.stderr.decode("utf-8")
    one_line_error(subprocess.CompletedProcess(proc.args, proc.returncode, "", err), "\\udcff", "rp\\nus\\x1b[31m",
                   "corpus folder not found")
    os.rename(tiny_corpus, os.fsdecode(odd))
    out = tmp_path / "out"
    proc = subprocess.run([PY, "-m", "evalkit", "run", odd, "--out", str(out), "--no-comet", "--no-flags",
                           "--no-cache"], env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
                          check=False, timeout=300)
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr, proc.stderr


def test_symlinked_gold_file_is_a_validate_problem(bundled_copy, tmp_path):
    gold = next((bundled_copy / "gold" / "errors").glob("*.jsonl"))
    outside = tmp_path / "outside.jsonl"
    outside.write_bytes(gold.read_bytes())
    gold.unlink()
    gold.symlink_to(outside)
    proc = evalkit("validate", str(bundled_copy))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert any(gold.name in line and "is a symlink" in line for line in proc.stderr.splitlines()), proc.stderr


def test_a_fifo_in_a_corpus_is_refused_not_read(tiny_corpus, tmp_path):
    (tiny_corpus / "systems" / "good" / "doc-a.txt").unlink()
    os.mkfifo(tiny_corpus / "systems" / "good" / "doc-a.txt")
    one_line_error(evalkit("run", str(tiny_corpus), "--out", str(tmp_path / "o"), *RUN, timeout=60),
                   "doc-a.txt: is not a regular file")


def test_junit_xml_parses_whatever_a_reason_holds():
    import xml.etree.ElementTree as ET

    from evalkit.gate import Check, GateConfig, GateResult, render_junit
    check = Check("bleu", "max-drop", 0.0, True, None, None, None, None, None, False,
                  "not computed: model at /tmp/a\x07b\x1b[31m could not be loaded")
    xml = render_junit(GateResult("c", GateConfig("a", "b", {"bleu": 0.0}), (check,), 2, {}, ("note\x00",)))
    failure = ET.fromstring(xml.split("\n", 1)[1]).find(".//failure")
    assert failure is not None and "a\ufffdb\ufffd[31m" in failure.get("message")


def test_worker_count_is_bounded(tiny_corpus, tmp_path):
    one_line_error(evalkit("run", str(tiny_corpus), "--out", str(tmp_path / "o"), "--workers", "100000", *RUN),
                   "workers must be from 1 to 256")
    assert not (tmp_path / "o").exists()


def test_hf_dataset_folder_loads_through_a_temporary_cache(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "XDG_"))}
    home = tmp_path / "home"
    home.mkdir()
    bundled = ROOT / "corpora" / "spinner-news-en-fr"
    proc = subprocess.run([PY, "-m", "evalkit", "-q", "run", "--hf-dataset", str(bundled), "--hf-config", "documents",
                           "--out", str(tmp_path / "out"), "--metrics", "bleu", *RUN],
                          env={**env, "PYTHONPATH": str(ROOT), "HOME": str(home), "HF_HUB_OFFLINE": "1",
                               "HF_DATASETS_OFFLINE": "1", "TMPDIR": str(tmp_path)},
                          capture_output=True, text=True, check=False, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert list(home.rglob("*")) == []
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("evalkit-datasets-")]   # removed afterwards

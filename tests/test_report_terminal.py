"""What `evalkit run` shows in a terminal: a progress bar with rate and ETA (only on a terminal, not
with -q), each note once, -q and -v after the subcommand too."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time

from evalkit.cli import main

from .conftest import BUNDLED, ROOT


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
                HF_HUB_OFFLINE="1", COLUMNS="120")


def _run_on_a_terminal(args: list[str], cwd) -> tuple[int, str, str]:
    """Run evalkit with stderr on a pseudo-terminal; returns the status, stdout and what the terminal got."""
    master, slave = pty.openpty()
    # a terminal of 24 rows and 120 columns (a fresh pty has 0 x 0, where a bar has no room)
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    process = subprocess.Popen([sys.executable, "-m", "evalkit", *args], cwd=cwd, env=_env(),
                               stdout=subprocess.PIPE, stderr=slave, text=True)
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        elif process.poll() is not None:
            break
    out = process.stdout.read()
    os.close(master)
    return process.wait(), out, seen.decode("utf-8", "replace")


def _bigger_corpus(root, copies: int):
    """The bundled corpus's documents `copies` times over (one system), for a run of several seconds."""
    ids = sorted(p.stem for p in (BUNDLED / "source").glob("*.txt"))
    for folder in ("source", "reference", "systems/web-spinner-mt"):
        (root / folder).mkdir(parents=True)
        for k in range(copies):
            for doc_id in ids:
                text = (BUNDLED / folder / f"{doc_id}.txt").read_text(encoding="utf-8")
                (root / folder / f"{k}-{doc_id}.txt").write_text(text, encoding="utf-8")
    documents = "".join(f"  - id: {k}-{doc_id}\n" for k in range(copies) for doc_id in ids)
    (root / "corpus.yaml").write_text(f"name: bigger\nsource_lang: en\ntarget_lang: fr\ndocuments:\n{documents}",
                                      encoding="utf-8")
    return root


def test_progress_bar_with_rate_and_eta_on_a_terminal(tmp_path):
    # 200 documents: about 5 s here, so the bar shows after its 2 s delay.
    corpus = _bigger_corpus(tmp_path / "bigger", 40)
    status, out, terminal = _run_on_a_terminal(["run", str(corpus), "--out", str(tmp_path), "--no-comet"],
                                               tmp_path)
    assert status == 0, terminal[-2000:]
    assert "200/200" in terminal and "doc/s" in terminal and "<" in terminal  # count, rate, elapsed<remaining
    assert "(corpus, 200 documents)" in out


def test_quiet_after_the_subcommand_and_no_bar_off_a_terminal(tmp_path):
    quiet = _run_on_a_terminal(["run", str(BUNDLED), "--out", str(tmp_path / "a"), "--no-comet", "-q"], tmp_path)
    assert quiet[0] == 0 and quiet[1] == "" and quiet[2] == ""
    piped = subprocess.run([sys.executable, "-m", "evalkit", "run", str(BUNDLED), "--out", str(tmp_path / "b"),
                            "--no-comet"], cwd=tmp_path, env=_env(), capture_output=True, text=True, check=False)
    assert piped.returncode == 0 and piped.stderr == ""


def test_verbose_after_the_subcommand(tiny_corpus, tmp_path, caplog):
    assert main(["run", str(tiny_corpus), "--out", str(tmp_path), "--no-comet", "-v"]) == 0
    assert main(["-q", "run", str(tiny_corpus), "--out", str(tmp_path), "--no-comet", "-vv"]) == 0


def test_a_note_is_printed_once(tiny_corpus, tmp_path):
    result = subprocess.run([sys.executable, "-m", "evalkit", "run", str(tiny_corpus), "--out", str(tmp_path),
                             "--comet-model", "Unbabel/wmt22-comet-da"], cwd=tmp_path, env=_env(),
                            capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    lines = [line for line in (result.stdout + result.stderr).splitlines() if "not computed" in line]
    assert lines == [("COMET not computed: COMET model 'Unbabel/wmt22-comet-da' could not be loaded: "
                      "not in the local cache and HF_HUB_OFFLINE is set")]

"""evalkit as a user installs it: a wheel built from this checkout, in a fresh virtual environment
outside it, without COMET; and the CI example of docs/examples/mt-repo run step by step.

Offline: the new environments see this environment's packages through a .pth file pointing at a
folder of links to them, minus torch, COMET and their kin, so "COMET is not installed" is real.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT, write_corpus

EXAMPLE = ROOT / "docs" / "examples" / "mt-repo"
WORKFLOW = EXAMPLE / ".github" / "workflows" / "evalkit-gate.yml"
# Left out of the new environments: COMET, torch and their kin, and the shared editable evalkit.
LEFT_OUT = ("torch", "comet", "unbabel_comet", "pytorch_lightning", "lightning", "torchmetrics", "transformers",
            "nvidia", "evalkit", "__editable__")
COPY_IGNORE = shutil.ignore_patterns(".git", ".venv", "reports", "build", "dist", "*.egg-info", "__pycache__",
                                     ".pytest_cache", ".hypothesis", "*.so", "benchmarks", "notebooks")


def _run(command, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in command], capture_output=True, text=True, timeout=600, check=False,
                          **kwargs)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """`pip wheel --no-deps` of a copy of this checkout (building in place would leave build/ here)."""
    source = tmp_path_factory.mktemp("src") / "evalkit"
    shutil.copytree(ROOT, source, ignore=COPY_IGNORE)
    out = tmp_path_factory.mktemp("wheel")
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                  "-q", "-w", out, source])
    assert built.returncode == 0, built.stderr[-3000:]
    return next(out.glob("evalkit_mt-*.whl"))


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> Path:
    """Links to this environment's installed packages, without COMET and torch."""
    folder = tmp_path_factory.mktemp("site")
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        if not entry.name.lower().startswith(LEFT_OUT) and not entry.name.endswith(".pth"):
            (folder / entry.name).symlink_to(entry)
    return folder


def _venv(where: Path, packages: Path) -> Path:
    created = _run([sys.executable, "-m", "venv", where])
    assert created.returncode == 0, created.stderr
    purelib = _run([where / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
    (Path(purelib.stdout.strip()) / "_offline_packages.pth").write_text(f"{packages}\n", encoding="utf-8")
    return where


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return dict(env, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", HF_HUB_OFFLINE="1", **extra)


def test_core_install_works_without_torch_and_says_comet_is_missing_once(wheel, packages, tmp_path):
    venv = _venv(tmp_path / "venv", packages)
    installed = _run([venv / "bin" / "python", "-m", "pip", "install", "-q", wheel], env=_env(), cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr[-3000:]
    assert "No module named 'torch'" in _run([venv / "bin" / "python", "-c", "import torch"], env=_env()).stderr
    where = _run([venv / "bin" / "python", "-c", "import evalkit; print(evalkit.__file__)"], env=_env(), cwd=tmp_path)
    assert where.stdout.strip().startswith(str(venv))

    corpus = write_corpus(tmp_path / "tiny")
    result = _run([venv / "bin" / "evalkit", "run", corpus, "--out", tmp_path / "out"], env=_env(), cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    said = [line for line in (result.stdout + result.stderr).splitlines() if "COMET" in line]
    assert said == [("COMET not computed: COMET is not installed (unbabel-comet missing); add it with: "
                     "pip install 'evalkit-mt[comet]'")]
    # the templates travelled in the wheel
    assert "<table" in (tmp_path / "out" / "tiny" / "index.html").read_text(encoding="utf-8")
    # the xcomet detector says the same, once, and the rule flags are written
    spans = _run([venv / "bin" / "evalkit", "run", corpus, "--out", tmp_path / "spans", "--no-comet", "--detectors",
                  "untranslated,xcomet", "--span-model", "Unbabel/XCOMET-XL"], env=_env(), cwd=tmp_path)
    assert spans.returncode == 0, spans.stderr[-3000:]
    said = [line for line in (spans.stdout + spans.stderr).splitlines() if "COMET" in line]
    assert said == [("XCOMET not computed: COMET is not installed (unbabel-comet missing); add it with: "
                     "pip install 'evalkit-mt[comet]'")]


def _steps() -> dict[str, dict]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return {step["id"]: step for step in workflow["jobs"]["gate"]["steps"] if "id" in step}


def _step(repo: Path, step: dict, env: dict[str, str]) -> subprocess.CompletedProcess:
    # GitHub runs a step's `run:` with `bash -e {0}`, in the repository's root.
    assert "${{" not in step["run"]
    return _run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env)


@pytest.mark.parametrize("translation, status", [("reference", "0"), ("source", "1")])
def test_ci_example_runs_in_an_mt_systems_repository(wheel, packages, tmp_path, translation, status):
    repo = tmp_path / "mt-system"
    shutil.copytree(EXAMPLE, repo)
    # The MT system under test: a perfect one (the references) passes, one that copies the source fails.
    translate = repo / "translate"
    translate.write_text(f"#!/bin/sh\nmkdir -p \"$2\" && cp eval/{translation}/*.txt \"$2\"/\n", encoding="utf-8")
    translate.chmod(0o755)
    _venv(repo / ".venv", packages)   # the install step's `python -m venv .venv` keeps its .pth
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python").symlink_to(sys.executable)
    env = _env(**{**workflow["env"], "EVALKIT_PACKAGE": str(wheel), "GITHUB_OUTPUT": str(tmp_path / "output"),
                  "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"})
    steps = _steps()
    for name in ("install", "translate", "gate", "html"):
        done = _step(repo, steps[name], env)
        assert done.returncode == 0, f"{name}: {done.stderr[-3000:]}"
    assert (tmp_path / "output").read_text(encoding="utf-8") == f"status={status}\n"

    reports = repo / "reports"
    markdown = (reports / "gate.md").read_text(encoding="utf-8")
    assert ("PASS" if status == "0" else "FAIL") in markdown
    suite = ET.parse(reports / "gate.xml").getroot()
    failures = sum(int(s.get("failures", 0)) for s in suite.iter("testsuite"))
    assert (failures == 0) == (status == "0")
    assert (reports / "gate.json").is_file()
    index = (reports / "html" / "news-en-fr" / "index.html").read_text(encoding="utf-8")
    assert "candidate" in index and "baseline" in index
    upload = next(s for s in yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["gate"]["steps"]
                  if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "reports/"

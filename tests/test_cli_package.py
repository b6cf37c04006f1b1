"""The shape of evalkit/cli: argparse only there, no library module importing it, and a
subcommand that cannot load saying why instead of vanishing."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "evalkit"
CLI = PACKAGE / "cli"


def _imports(path: Path) -> set[str]:
    """Absolute names of every module `path` imports, at the top or inside a function."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    package = parts if parts[-1] == "__init__" else parts[:-1]
    package = [p for p in package if p != "__init__"]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            found.add(module)
            found.update(f"{module}.{a.name}" for a in node.names)
    return found


LIBRARY = sorted(p for p in PACKAGE.rglob("*.py") if CLI not in p.parents and p.name != "__main__.py")


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_library_modules_import_neither_argparse_nor_the_cli(path):
    imported = _imports(path)
    assert "argparse" not in imported
    assert not {m for m in imported if m == "evalkit.cli" or m.startswith("evalkit.cli.")}


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_library_modules_have_no_main_block_that_prints_or_exits(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    mains = [n for n in tree.body if isinstance(n, ast.If) and "__main__" in ast.unparse(n.test)]
    assert mains == []


def test_every_subcommand_has_its_module():
    from evalkit.cli import COMMANDS, build_parser

    parser = build_parser()
    choices = parser._subparsers._group_actions[0].choices
    assert list(choices) == [name for name, _ in COMMANDS]
    for _, module in COMMANDS:
        assert (CLI / f"{module}.py").is_file()


def test_a_subcommand_that_cannot_load_says_why():
    # sys.modules[name] = None makes Python's own import machinery refuse the module
    code = ("import sys; sys.modules['evalkit.cli.export'] = None; from evalkit.cli import main; "
            "sys.exit(main(['export', 'corpus', '--out', 'x']))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1
    assert proc.stderr.startswith("evalkit: error: the 'export' command is not available here: ModuleNotFoundError: import of evalkit.cli.export")
    help_text = subprocess.run([sys.executable, "-c", code.replace("['export', 'corpus', '--out', 'x']",
                                                                   "['--help']")],
                               cwd=ROOT, capture_output=True, text=True, timeout=60, check=False).stdout
    assert "export" in help_text and "not available" in help_text


@pytest.mark.parametrize("argv", [["-q", "validate"], ["validate", "-q"]])
def test_quiet_before_and_after_the_subcommand(argv, capsys):
    from evalkit.cli import main

    assert main(argv) == 0
    assert capsys.readouterr().out == ""


def test_python_dash_m_and_the_console_script_share_main():
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["evalkit"] == "evalkit.cli:entry"
    assert "entry()" in (ROOT / "evalkit" / "__main__.py").read_text(encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "evalkit", "--help"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, check=False)
    assert proc.returncode == 0 and "align-eval" in proc.stdout


def test_only_a_process_evalkit_owns_freezes_the_detectors_tables():
    """gc.freeze affects the whole process: a library call of run_detectors (this test process) leaves
    the collector alone; the command's entry point asks for it, and it happens after the first document."""
    import gc

    from evalkit.detectors import make_detectors, run_detectors
    from evalkit.detectors.base import prepare_input

    before = gc.get_freeze_count()
    run_detectors(prepare_input("Le gouvernement a annoncé une réforme.", "en", "fr"), make_detectors())
    assert gc.get_freeze_count() == before
    code = ("import gc; from evalkit.detectors import freeze_tables_after_first_document, make_detectors, "
            "run_detectors; from evalkit.detectors.base import prepare_input; "
            "freeze_tables_after_first_document(); assert gc.get_freeze_count() == 0; "
            "run_detectors(prepare_input('Le gouvernement a annoncé une réforme.', 'en', 'fr'), make_detectors()); "
            "print(gc.get_freeze_count() > 0)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          check=False)
    assert proc.returncode == 0 and proc.stdout.strip() == "True", proc.stderr

"""The shared detector modules: no detector module imports another, and the language data the
rules use comes from evalkit/data through langdata.py."""

import ast
from pathlib import Path

import pytest

import evalkit.detectors as detectors_package
from evalkit.detectors import BUILTIN
from evalkit.detectors.langdata import LexiconError, table, word_set

DETECTORS_DIR = Path(detectors_package.__file__).parent
DETECTOR_MODULES = {target.partition(":")[0].rpartition(".")[2] for target in BUILTIN.values()}


def _imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("path", sorted(DETECTORS_DIR.glob("*.py")), ids=lambda p: p.name)
def test_no_module_imports_a_detector_module(path: Path) -> None:
    assert not _imported_modules(path) & DETECTOR_MODULES


@pytest.mark.parametrize("module", sorted(DETECTOR_MODULES))
def test_one_detector_class_per_detector_module(module: str) -> None:
    tree = ast.parse((DETECTORS_DIR / f"{module}.py").read_text(encoding="utf-8"))
    classes = [node.name for node in tree.body if isinstance(node, ast.ClassDef)
               and any(isinstance(b, ast.Name) and b.id in ("Detector", "ModelDetector") for b in node.bases)]
    assert len(classes) == 1


def test_every_word_list_loads_and_an_unknown_one_is_refused() -> None:
    names = {row["list"] for row in table("word_lists")}
    assert {"name-articles", "name-connectors", "prompt-starters"} <= names
    for name in names:
        assert word_set(name) and all(word == word.strip() and word for word in word_set(name))
    assert "the" in word_set("name-articles") and "of" in word_set("name-connectors")
    with pytest.raises(LexiconError, match="no list 'no-such-list'"):
        word_set("no-such-list")


def test_every_pattern_compiles_and_references_are_resolved() -> None:
    import re

    from evalkit.detectors.langdata import pattern

    names = {row["name"] for row in table("patterns")}
    assert {"prompt-strong", "prompt-imperative", "attribution-before", "attribution-after"} <= names
    for name in names:
        assert "<<" not in pattern(name)
        re.compile(pattern(name))
    # a row's <<name>> stands for that name's group: the weak prompt cue holds the language names
    assert re.compile(pattern("prompt-weak"), re.IGNORECASE).search("The text must be in French.")
    assert not re.compile(pattern("prompt-weak"), re.IGNORECASE).search("The text is in the archive.")
    with pytest.raises(LexiconError, match="no pattern named 'no-such-pattern'"):
        pattern("no-such-pattern")


def test_attribution_cues_from_the_data_find_a_cited_source() -> None:
    from evalkit.detectors.text import _LEFT_ATTRIBUTION, _RIGHT_ATTRIBUTION

    assert _LEFT_ATTRIBUTION.search("Les chiffres ont été publiés, selon le ")
    assert _LEFT_ATTRIBUTION.search("Die Zahlen stiegen laut ")
    assert _LEFT_ATTRIBUTION.search("Как сообщает газеты «")
    assert not _LEFT_ATTRIBUTION.search("Le maire a inauguré le ")
    assert _RIGHT_ATTRIBUTION.search(", a rapporté le journal")
    assert not _RIGHT_ATTRIBUTION.search(" a inauguré le pont")


def test_the_cue_regexes_are_built_once_per_process():
    # layout._patterns compiles a few hundred cue alternations: built per call, it made the detector stage
    # twenty times slower with the same flags (a decorator had slipped onto the helper above it)
    from evalkit.detectors import layout

    assert layout._patterns() is layout._patterns()
    assert layout._chatter_patterns() is layout._chatter_patterns()

"""evalkit/registry.py: names to implementations, lazy entries, refusals and suggestions."""

from __future__ import annotations

import subprocess
import sys

import pytest

from evalkit.errors import UsageError
from evalkit.registry import Entry, Registry

from .conftest import ROOT


def test_register_and_get_an_object():
    registry: Registry[type] = Registry("thing")
    registry.register("mapping", dict, note="builtin")
    assert registry.get("mapping") is dict
    assert registry.entry("mapping") == Entry("mapping", dict, {"note": "builtin"})
    assert registry.names() == ["mapping"] and "mapping" in registry and "other" not in registry


def test_names_keep_registration_order():
    registry: Registry[int] = Registry("number")
    for name, value in (("two", 2), ("one", 1), ("three", 3)):
        registry.register(name, value)
    assert registry.names() == ["two", "one", "three"]


def test_a_lazy_entry_imports_its_module_only_when_loaded():
    # colorsys is a standard-library module nothing in evalkit imports
    code = ("import sys; from evalkit.registry import Registry; r = Registry('thing'); "
            "r.register('hls', 'colorsys:rgb_to_hls'); before = 'colorsys' in sys.modules; "
            "f = r.get('hls'); print(before, 'colorsys' in sys.modules, f(1.0, 0.0, 0.0))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    # rgb_to_hls(1, 0, 0) == (0.0, 0.5, 1.0): pure red, as the colorsys documentation defines HLS
    assert proc.stdout.split(maxsplit=2) == ["False", "True", "(0.0, 0.5, 1.0)\n"], proc.stderr


def test_a_name_registered_twice_is_refused():
    registry: Registry[int] = Registry("number")
    registry.register("one", 1)
    with pytest.raises(ValueError, match="number 'one' is already registered"):
        registry.register("one", 2)
    assert registry.get("one") == 1


def test_an_unknown_name_suggests_the_closest_and_lists_all():
    registry: Registry[int] = Registry("metric")
    for name in ("bleu", "chrf", "ter"):
        registry.register(name, 0)
    with pytest.raises(UsageError, match=r"unknown metric 'blue'\. Did you mean 'bleu'\? Available: bleu, chrf, ter"):
        registry.get("blue")
    with pytest.raises(UsageError, match=r"unknown metric 'xyz'\. Available: bleu, chrf, ter"):
        registry.entry("xyz")


@pytest.mark.parametrize("registry_path", ["evalkit.metrics:METRICS", "evalkit.detectors:DETECTORS"])
def test_every_registered_entry_loads(registry_path):
    import importlib

    module, _, attr = registry_path.partition(":")
    registry = getattr(importlib.import_module(module), attr)
    assert registry.names()
    for name in registry.names():
        if name == "comet":
            continue   # loading COMET imports torch; tests/test_comet.py covers it
        assert registry.get(name) is not None

"""Loading the optional C accelerators.

Each accelerator (`evalkit/metrics/_ter.c`, `evalkit/metrics/_ngrams.c`, `evalkit/_aligndp.c`,
`evalkit/detectors/_tokens.c`) is built by `pip install` where a C compiler is found; the Python
code next to it gives the same results without it. An environment variable per accelerator
switches it off (the tests compare both paths; docs/scale.md lists them)."""
from __future__ import annotations

import importlib
import os
from types import ModuleType


def load_accelerator(module: str, package: str, switch: str) -> ModuleType | None:
    """The compiled module `module` (relative, e.g. "._ter") of `package`; None when it was not
    built, or when the environment variable `switch` is set to anything but an empty string."""
    if os.environ.get(switch):
        return None
    try:
        return importlib.import_module(module, package)
    except ImportError:
        return None

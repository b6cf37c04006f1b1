"""Only the optional C accelerator of TER; everything else is in pyproject.toml.

`optional=True`: where no C compiler is available the install still succeeds and evalkit uses
its pure-Python TER (evalkit/metrics/fast_ter.py), which gives the same numbers, slower.
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("evalkit.metrics._ter", ["evalkit/metrics/_ter.c"], optional=True)])

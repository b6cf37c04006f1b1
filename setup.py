"""Only the optional C accelerators of TER, chrF, BLEU and the aligner's DP; everything else is in pyproject.toml.

`optional=True`: where no C compiler is available the install still succeeds and evalkit uses
its pure-Python TER (evalkit/metrics/fast_ter.py), sacreBLEU's own chrF and BLEU and the
aligner's Python DP, which give the same numbers and links, slower.
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("evalkit.metrics._ter", ["evalkit/metrics/_ter.c"], optional=True),
                   Extension("evalkit.metrics._ngrams", ["evalkit/metrics/_ngrams.c"], optional=True),
                   Extension("evalkit._aligndp", ["evalkit/_aligndp.c"], optional=True)])

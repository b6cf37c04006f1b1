"""Only the optional C accelerators of TER, chrF, BLEU, the aligner's DP and the detectors' tokenizer;
everything else is in pyproject.toml.

`optional=True`: where no C compiler is available the install still succeeds and evalkit uses
its pure-Python TER (evalkit/metrics/fast_ter.py), sacreBLEU's own chrF and BLEU, the
aligner's Python DP and the detectors' Python tokenizer, which give the same numbers, links and
flags, slower.
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("evalkit.metrics._ter", ["evalkit/metrics/_ter.c"], optional=True),
                   Extension("evalkit.metrics._ngrams", ["evalkit/metrics/_ngrams.c"], optional=True),
                   Extension("evalkit._aligndp", ["evalkit/_aligndp.c"], optional=True),
                   Extension("evalkit.detectors._tokens", ["evalkit/detectors/_tokens.c"], optional=True)])

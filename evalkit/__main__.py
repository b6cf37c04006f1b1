"""`python -m evalkit`: the same as the `evalkit` console script."""

import sys

from .cli import entry

sys.exit(entry())

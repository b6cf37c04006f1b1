"""`python -m evalkit`: the same as the `evalkit` console script."""

import sys

from .cli import main

sys.exit(main())

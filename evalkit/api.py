"""The notebook API: `evaluate(...)` returns pandas tables of a whole run.

`Evaluation.segments`, `.documents`, `.systems` and `.flags` are DataFrames;
`.result` keeps the typed RunResult for the reporters, comparisons and gates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .corpus import Corpus, load_corpus
from .pipeline import RunOptions, evaluate_corpus
from .results import RunResult

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Evaluation:
    """What `evaluate` returns: the run's results as DataFrames, plus the typed result."""

    result: RunResult
    corpus: Corpus = field(repr=False)

    @cached_property
    def segments(self) -> pd.DataFrame:
        return self.result.segments_frame()

    @cached_property
    def documents(self) -> pd.DataFrame:
        return self.result.documents_frame()

    @cached_property
    def systems(self) -> pd.DataFrame:
        return self.result.systems_frame()

    @cached_property
    def flags(self) -> pd.DataFrame:
        return self.result.flags_frame()

    def to_dataset(self, level: str = "documents"):
        """The corpus with its results as a `datasets.Dataset` (per document, or per segment)."""
        from .hf import corpus_to_dataset, segments_to_dataset

        if level == "segments":
            return segments_to_dataset(self.result)
        if level != "documents":
            raise ValueError(f"level must be 'documents' or 'segments', not {level!r}")
        return corpus_to_dataset(self.corpus, self.result)

    def write_reports(self, out_dir: str | Path = "reports") -> list[Path]:
        from .report import write_reports

        return write_reports(self.result, out_dir)


def evaluate(corpus: str | Path | Corpus | None = None, *, systems: Sequence[str] | None = None,
             extra_systems: Mapping[str, str | Path] | None = None, **options) -> Evaluation:
    """Evaluate a corpus (a folder, a loaded Corpus, or None for the bundled one).

    `extra_systems` maps a name to a folder of `<doc>.txt` files to add as a
    system; other keyword arguments are `RunOptions` fields (metrics, unit: "segment" or "document",
    comet, comet_model, model_options, flags, detectors, ...). COMET is off unless `comet=True`;
    `model_options={"comet": {"model": ..., "batch_size": ...}}` sets a model metric's own options.
    """
    if corpus is None:
        from .corpus import default_corpus

        corpus = default_corpus()
    loaded = corpus if isinstance(corpus, Corpus) else load_corpus(corpus)
    for name, folder in (extra_systems or {}).items():
        loaded = loaded.with_system(name, folder)
    if "unit" in options:   # "segment" or "document"; the older "aligned" works too
        from .units import run_unit

        options["unit"] = run_unit(options["unit"])
    run_options = RunOptions(systems=tuple(systems) if systems is not None else None, **options)
    return Evaluation(evaluate_corpus(loaded, run_options), loaded)

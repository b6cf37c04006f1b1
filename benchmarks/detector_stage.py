"""CPU time of the detector stage per document, on a corpus made by benchmarks.generate.

    PYTHONPATH=. python -m benchmarks.generate 200 --out /tmp/syn200 --seed 1
    PYTHONPATH=. python -m benchmarks.detector_stage /tmp/syn200

Every document is segmented and aligned first (not timed); then one pass of `run_detectors` over
all but the first (the first warms the caches, and language identification's model is loaded
before the clock starts: that costs 0.3-0.5 s once per process).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from evalkit.detectors import freeze_tables_after_first_document, make_detectors, run_detectors
from evalkit.detectors.base import prepare_input

SYSTEM = "synthetic-mt"


def main(argv: list[str] | None = None) -> None:
    corpus = Path((argv or sys.argv[1:])[0])
    names = sorted(p.name for p in (corpus / "systems" / SYSTEM).glob("*.txt"))
    inputs = [prepare_input((corpus / "systems" / SYSTEM / n).read_text(encoding="utf-8"), "en", "fr",
                            source=(corpus / "source" / n).read_text(encoding="utf-8"), doc_id=n, system=SYSTEM)
              for n in names]
    detectors = make_detectors()
    freeze_tables_after_first_document()   # as the `evalkit` command does
    run_detectors(inputs[0], detectors)
    try:
        from evalkit.detectors.langid import scores
        scores("warm up the model")
    except ImportError:   # a checkout from before language identification
        pass
    start, flags = time.process_time(), 0
    for doc in inputs[1:]:
        flags += len(run_detectors(doc, detectors))
    per_doc = (time.process_time() - start) / (len(inputs) - 1) * 1000
    print(f"{len(inputs) - 1} documents, {flags} flags, {per_doc:.2f} ms CPU per document")


if __name__ == "__main__":
    main()

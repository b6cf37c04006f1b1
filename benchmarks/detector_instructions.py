"""The detector stage's instruction count, for comparing two checkouts on a busy machine (CPU times there
vary by a quarter from run to run; instruction counts by well under 1%). Run it under callgrind, which
counts only from the moment the detectors start:

    PYTHONPATH=. valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/tmp/cg.out \
        python -m benchmarks.detector_instructions /tmp/syn200 51

and read the "Collected" line. Like benchmarks.detector_stage: the first N documents of a corpus made by
benchmarks.generate are segmented and aligned (not counted), the first one is run to warm the caches,
then the detectors run over the others. `--only names,untranslated` runs only those detectors. About
80 s for 50 documents; without valgrind the script just runs.
"""

from __future__ import annotations

import argparse
import os
import subprocess
from pathlib import Path

from evalkit.detectors import freeze_tables_after_first_document, make_detectors, run_detectors
from evalkit.detectors.base import prepare_input

SYSTEM = "synthetic-mt"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("documents", type=int, nargs="?", default=51)
    parser.add_argument("--only", help="comma-separated detector names (default: every rule detector)")
    args = parser.parse_args(argv)
    names = sorted(p.name for p in (args.corpus / "systems" / SYSTEM).glob("*.txt"))[:args.documents]
    inputs = [prepare_input((args.corpus / "systems" / SYSTEM / n).read_text(encoding="utf-8"), "en", "fr",
                            source=(args.corpus / "source" / n).read_text(encoding="utf-8"), doc_id=n, system=SYSTEM)
              for n in names]
    detectors = make_detectors(args.only.split(",") if args.only else None)
    freeze_tables_after_first_document()   # as the `evalkit` command does
    run_detectors(inputs[0], detectors)
    from evalkit.detectors.langid import scores
    scores("warm up the model")
    # callgrind starts counting here (outside valgrind the command fails or is missing: nothing to count)
    try:
        subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], capture_output=True, check=False)
    except FileNotFoundError:
        pass
    for doc in inputs[1:]:
        run_detectors(doc, detectors)


if __name__ == "__main__":
    main()

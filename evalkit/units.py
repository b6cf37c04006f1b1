"""One word for what a score or a resampling unit runs over: `segment` or `document`.

Older spellings stay accepted everywhere: `aligned` and `segments` mean `segment`, `documents`
means `document`. Reports keep the spellings they always wrote (see docs/ARCHITECTURE.md).
"""

from __future__ import annotations

from .errors import UsageError

SEGMENT = "segment"
DOCUMENT = "document"
UNITS = (SEGMENT, DOCUMENT)
UNIT_ALIASES = {"segment": SEGMENT, "segments": SEGMENT, "aligned": SEGMENT,
                "document": DOCUMENT, "documents": DOCUMENT}


def normalize_unit(value: str) -> str:
    """`segment` or `document` for any accepted spelling; UsageError otherwise."""
    try:
        return UNIT_ALIASES[value]
    except (KeyError, TypeError):
        raise UsageError(f"unknown unit {value!r}; use one of {', '.join(UNITS)}") from None


def run_unit(value: str) -> str:
    """The spelling `RunOptions.unit` stores: `aligned` (segments) or `document`."""
    return "aligned" if normalize_unit(value) == SEGMENT else DOCUMENT


def resampling_unit(value: str) -> str:
    """The spelling the significance tests and their reports store: `segments` or `documents`."""
    if not isinstance(value, str) or value not in UNIT_ALIASES:
        raise UsageError(f"unknown resampling unit {value!r}; use one of {', '.join(UNITS)}")
    return UNIT_ALIASES[value] + "s"

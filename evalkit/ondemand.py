"""Read-only sequences whose items are made when asked for (read from disk, unpickled).

A corpus folder's documents (`corpus.DocumentFiles`) and a streamed run's document results
(`results.SpooledDocuments`) are both: memory holds the item in use, not the collection.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar, overload

T = TypeVar("T")


class OnDemand(Sequence[T]):
    """Subclasses give `__len__` and `_item(k)` for 0 <= k < len; indexing (negative too),
    slicing (a tuple), iteration and equality with any sequence of equal items follow."""

    def _item(self, k: int) -> T:
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...

    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        if isinstance(index, slice):
            return tuple(self._item(k) for k in range(*index.indices(len(self))))
        n = len(self)
        k = index + n if index < 0 else index
        if not 0 <= k < n:
            raise IndexError(f"index {index} out of range for {n} items")
        return self._item(k)

    def __iter__(self) -> Iterator[T]:
        return (self._item(k) for k in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, (str, bytes)) or len(other) != len(self):
            return False
        return all(a == b for a, b in zip(self, other))

    __hash__ = None  # type: ignore[assignment]

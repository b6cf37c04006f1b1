"""evalkit/ondemand.py: a sequence whose items are made when asked for."""

from __future__ import annotations

import pytest

from evalkit.ondemand import OnDemand


class Squares(OnDemand[int]):
    """k*k for k < n, counting the items made."""

    def __init__(self, n: int):
        self.n = n
        self.made: list[int] = []

    def __len__(self) -> int:
        return self.n

    def _item(self, k: int) -> int:
        self.made.append(k)
        return k * k


def test_items_are_made_only_when_asked_for():
    squares = Squares(5)
    assert squares.made == []
    assert squares[3] == 9
    assert squares.made == [3]


def test_negative_indices_and_out_of_range():
    squares = Squares(4)
    assert squares[-1] == 9 and squares[-4] == 0
    for index in (4, -5):
        with pytest.raises(IndexError, match=f"index {index} out of range for 4 items"):
            squares[index]


def test_a_slice_is_a_tuple():
    squares = Squares(6)
    assert squares[1:4] == (1, 4, 9)
    assert squares[::-2] == (25, 9, 1)
    assert squares[10:] == ()


def test_iteration_is_lazy():
    squares = Squares(1000)
    iterator = iter(squares)
    assert [next(iterator), next(iterator)] == [0, 1]
    assert squares.made == [0, 1]


def test_sequence_protocol_follows():
    squares = Squares(4)
    assert list(squares) == [0, 1, 4, 9]
    assert 4 in squares and 5 not in squares
    assert squares.index(9) == 3 and squares.count(1) == 1
    assert list(reversed(squares)) == [9, 4, 1, 0]


def test_equal_to_any_sequence_of_equal_items():
    assert Squares(3) == [0, 1, 4] == Squares(3)
    assert Squares(3) == (0, 1, 4)
    assert Squares(3) != [0, 1]
    assert Squares(3) != [0, 1, 5]
    assert Squares(0) != ""          # a string is not a sequence of items here
    assert Squares(3) != {0, 1, 4}   # nor is a set


def test_unhashable_like_a_list():
    with pytest.raises(TypeError):
        hash(Squares(1))

"""Self-consistency voting: which results count as the same answer, who wins, when to stop drawing."""

from __future__ import annotations

import pandas as pd

from chains.consistency import result_key, settled, winner


def test_equal_answers_written_differently_share_a_key() -> None:
    first = pd.DataFrame({"region": ["Asia", "Europe"], "total": [3, 2.0000000001]})
    reordered = pd.DataFrame({"sum_amount": [2.0, 3.0], "name": ["Europe", "Asia"]})
    assert result_key(first) == result_key(reordered)


def test_different_answers_differ() -> None:
    one = pd.DataFrame({"n": [1, 2]})
    assert result_key(one) != result_key(pd.DataFrame({"n": [1, 2, 2]}))  # rows are a multiset
    assert result_key(one) != result_key(pd.DataFrame({"n": [1, 2], "m": [1, 2]}))
    assert result_key(pd.DataFrame({"v": [None]})) == result_key(pd.DataFrame({"v": [float("nan")]}))


def test_the_largest_group_wins_and_ties_go_to_the_earliest() -> None:
    assert winner(["a", "b", "b"], [False] * 3) == 1
    assert winner(["a", "b"], [False, False]) == 0
    assert winner(["a", "b", "a"], [False] * 3) == 0


def test_a_result_with_rows_beats_agreeing_empty_ones() -> None:
    assert winner(["empty", "empty", "rows"], [True, True, False]) == 2


def test_drawing_stops_when_the_rest_cannot_change_the_winner() -> None:
    assert settled(["a", "a"], 1)
    assert not settled(["a", "a"], 2)
    assert not settled(["a", "b"], 1)
    assert settled(["a", "a", "b"], 0)

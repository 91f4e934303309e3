"""The bouncy rock-paper-scissors simulation shipped to students."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from autodiff_course import paths

sys.path.insert(0, str(paths.assignment_dir("01_pickle_datasets")))
import rps  # noqa: E402


def test_shape_dtype_and_columns():
    t = rps.simulate(n_agents=12, n_steps=50, seed=3)
    assert t.shape == (51, 12, 3) and t.dtype == np.float64
    assert ((t[..., :2] >= 0) & (t[..., :2] <= 1)).all()
    assert set(np.unique(t[..., 2])) <= {0.0, 1.0, 2.0}


def test_same_seed_same_trajectory_and_different_seeds_differ():
    assert np.array_equal(rps.simulate(seed=5), rps.simulate(seed=5))
    assert not np.array_equal(rps.simulate(seed=5), rps.simulate(seed=6))


def test_who_beats_whom():
    assert rps.beats(rps.PAPER, rps.ROCK) and rps.beats(rps.SCISSORS, rps.PAPER) and rps.beats(rps.ROCK, rps.SCISSORS)
    assert not rps.beats(rps.ROCK, rps.PAPER) and not rps.beats(rps.ROCK, rps.ROCK)


def test_touching_loser_takes_winners_species():
    position = np.array([[0.5, 0.5], [0.51, 0.5], [0.9, 0.9]])
    species = np.array([rps.ROCK, rps.PAPER, rps.SCISSORS])
    after = rps._convert(position, species, radius=0.02)
    assert after.tolist() == [rps.PAPER, rps.PAPER, rps.SCISSORS]


def test_agents_bounce_off_walls_and_keep_speed():
    t = rps.simulate(n_agents=5, n_steps=400, seed=1, speed=0.03)
    step = np.linalg.norm(np.diff(t[:, :, :2], axis=0), axis=2)
    assert step.max() <= 0.03 + 1e-12  # a bounce folds the path, never lengthens it


def test_total_count_is_conserved():
    t = rps.simulate(n_agents=30, n_steps=200, seed=0)
    counts = np.stack([(t[:, :, 2] == s).sum(axis=1) for s in range(3)], axis=1)
    assert (counts.sum(axis=1) == 30).all()
    assert not (counts == counts[0]).all(), "no conversion happened in 200 steps: the demo is dull"


def test_rejects_bad_sizes():
    with pytest.raises(ValueError):
        rps.simulate(n_agents=0)

"""03_gradient_descent, the tasks of issue 17: grid_search and plot_histories.

The hidden grids and histories are re-drawn under 20 seeds (the probes' HIDDEN_SEED and the seed
`collect` gives numpy/random/torch); under each the margins the judges' tolerances rest on must
hold, the solution must pass and the mutants named below must stay caught.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from autodiff_course import hidden, paths, variants

from helpers import chdir, probe_and_judge, reseeder

NAME = "03_gradient_descent"
a03 = hidden.checks_module(NAME)
a03_judges = hidden.judges_module(NAME)
SEEDS = [1000 + 7919 * i for i in range(20)]
INPUT_SEEDS = [a03.HIDDEN_SEED] + SEEDS  # the grader's own seed, then 20 others
CHECKS = ["grid_search", "plot_histories"]


@pytest.fixture
def reseed(monkeypatch):
    return reseeder(monkeypatch, a03)


def _sorted_values(case):
    f = a03._grid_f(case)
    _, grid = a03_judges.grid_of(case)
    return grid, np.array([f(p) for p in grid])


# ------------------------------------------------------------------ the hidden inputs


@pytest.mark.parametrize("seed", INPUT_SEEDS)
def test_hidden_grids_have_the_margins_the_judge_relies_on(seed, reseed):
    reseed(seed)
    bowl, bumpy, plane = a03._grid_cases()
    for case in (bowl, bumpy):
        grid, values = _sorted_values(case)
        lowest, second = np.sort(values)[:2]
        # a float32 grid moves f by a few 1e-7 (|f'| <= 12 here): the best point must win by far more
        assert second - lowest > 1e-4 * (1 + abs(lowest)), case["kind"]
        # the continuous minimum, where gradient descent would end, is no grid point
        if case["kind"] == "bowl":
            assert a03_judges.grid_indices([case["c"]], case) is None
    grid, values = _sorted_values(plane)
    tied = grid[values == values.min()]
    assert len(tied) >= 2
    # lexicographic first (the task's rule) differs from the last tie and from the first tie in
    # numpy's default meshgrid order ("xy": the second input varies slowest)
    first = tied[0]
    assert not np.array_equal(first, tied[-1])
    xy_first = min(tied.tolist(), key=lambda p: (p[1], p[0], p[2]))
    assert not np.array_equal(first, xy_first)
    # the plane's grid holds exact binary fractions, so ties are exact in float32 and float64 alike
    assert np.array_equal(grid.astype(np.float32).astype(np.float64), grid)
    # the point tolerance is far below the distance from any grid with one value more or less
    for case in (bowl, bumpy, plane):
        for other in (case["n"] - 1, case["n"] + 1):
            axes = [np.linspace(lo, hi, other) for lo, hi in zip(case["lows"], case["highs"])]
            points = np.array(list(itertools.product(*axes)))
            off = [p for p in points if a03_judges.grid_indices([p], case) is None]
            assert len(off) >= len(points) // 2, (case["kind"], other)


@pytest.mark.parametrize("seed", INPUT_SEEDS)
def test_hidden_histories_are_positive_and_tell_apart(seed, reseed):
    reseed(seed)
    for histories in a03._history_sets():
        runs = [np.asarray(v) for v in histories.values()]
        assert all(np.all(v > 0) for v in runs)
        assert all(len(v) < a03.PLOT_CAPS["points"] for v in runs)
        # no history matches another within the judge's 1e-6 (only equal lengths could)
        for a, b in itertools.combinations(runs, 2):
            assert len(a) != len(b) or not np.allclose(a, b, rtol=1e-6, atol=0)
        assert len(histories) <= a03.PLOT_CAPS["lines"]


# ------------------------------------------------------------------ the judges' helpers


def test_grid_indices_accepts_float32_grids_and_rejects_neighbouring_grids():
    case = {"lows": [-2.3, 0.1], "highs": [1.7, 2.9], "n": 7}
    axes = [np.linspace(lo, hi, 7) for lo, hi in zip(case["lows"], case["highs"])]
    grid = np.array(list(itertools.product(*axes)))
    index = a03_judges.grid_indices(grid.astype(np.float32).astype(np.float64), case)
    assert index is not None and len({tuple(r) for r in index.tolist()}) == 49
    step = (np.array(case["highs"]) - np.array(case["lows"])) / 6
    assert a03_judges.grid_indices([np.array(case["lows"]) - step], case) is None  # one step outside
    assert a03_judges.grid_indices([grid[3] + 1e-4], case) is None
    coarse = [np.linspace(lo, hi, 8) for lo, hi in zip(case["lows"], case["highs"])]
    assert a03_judges.grid_indices(list(itertools.product(*coarse)), case) is None


def _solution_data(check, solution_run):
    run = solution_run(NAME)
    with chdir(run.dir):
        result = hidden.collect(NAME, check, run.env)
    assert result["ok"], result
    return result["data"]


def test_grid_judge_tells_a_wrong_tie_from_a_wrong_point(solution_run):
    import copy

    data = _solution_data("grid_search", solution_run)
    assert hidden.judge(NAME, "grid_search", {"ok": True, "data": data}) is None
    plane = a03._grid_cases()[2]
    grid, values = _sorted_values(plane)
    tied = grid[values == values.min()]
    other_tie = copy.deepcopy(data)
    other_tie[2]["x_best"] = tied[-1].tolist()
    message = hidden.judge(NAME, "grid_search", {"ok": True, "data": other_tie})
    assert message is not None and "share the smallest value" in message
    worse = copy.deepcopy(data)
    worse[2]["x_best"] = grid[int(np.argmax(values))].tolist()
    message = hidden.judge(NAME, "grid_search", {"ok": True, "data": worse})
    assert message is not None and "not the grid point where f is smallest" in message
    missing = copy.deepcopy(data)
    missing[0]["points"] = missing[0]["points"][1:]
    missing[0]["calls"] -= 1
    message = hidden.judge(NAME, "grid_search", {"ok": True, "data": missing})
    assert message is not None and "every grid point" in message
    too_many = copy.deepcopy(data)  # the probe stops recording at 3 * n_points ** d calls
    too_many[1]["points"] = too_many[1]["points"] * 3 + too_many[1]["points"][:1]  # every point on the grid
    too_many[1]["calls"] = len(too_many[1]["points"])
    message = hidden.judge(NAME, "grid_search", {"ok": True, "data": too_many})
    assert message is not None and "more than 3 * n_points ** d" in message


def test_plot_probe_closes_its_figures_and_the_judge_wants_the_log_scale(solution_run):
    import copy

    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    data = _solution_data("plot_histories", solution_run)
    assert plt.get_fignums() == before
    assert hidden.judge(NAME, "plot_histories", {"ok": True, "data": data}) is None
    linear = copy.deepcopy(data)
    for figure in linear:
        for ax in figure["axes"]:
            ax["yscale"] = "linear"
    message = hidden.judge(NAME, "plot_histories", {"ok": True, "data": linear})
    assert message is not None and "logarithmic" in message
    relabelled = copy.deepcopy(data)
    relabelled[1]["axes"][0]["lines"][0]["label"] = "_child0"
    message = hidden.judge(NAME, "plot_histories", {"ok": True, "data": relabelled})
    assert message is not None and "labelled with its key" in message


# ------------------------------------------------------------------ under every seed


@pytest.mark.parametrize("seed", SEEDS)
def test_solution_passes_the_new_checks_under_another_seed(seed, reseed, solution_run):
    run = solution_run(NAME)
    reseed(seed)
    with chdir(run.dir):
        failures = {c: m for c in CHECKS if (m := probe_and_judge(NAME, c, run.env)) is not None}
    assert not failures, f"seed {seed}: {failures}"


MUTANTS = [
    ("grid_search", "wrong_random_search"),
    ("grid_search", "wrong_local_descent"),
    ("grid_search", "wrong_last_tie"),
    ("grid_search", "wrong_meshgrid_xy"),
    ("grid_search", "wrong_linspace_n_plus_one"),
    ("grid_search", "wrong_argmax"),
    ("plot_histories", "wrong_linear_scale"),
    ("plot_histories", "wrong_unlabelled"),
    ("plot_histories", "wrong_missing_line"),
    ("plot_histories", "wrong_hard_coded"),
]


@pytest.mark.parametrize("question,variant", MUTANTS, ids=[f"{q}/{v}" for q, v in MUTANTS])
def test_new_mutants_stay_caught_under_every_seed(question, variant, reseed, solution_run):
    run = solution_run(NAME)
    path = paths.assignment_dir(NAME) / "variants" / question / f"{variant}.py"
    with chdir(run.dir):
        env = variants.with_variant(run.env, path)
        for seed in SEEDS:
            reseed(seed)
            assert probe_and_judge(NAME, question, env) is not None, f"{variant} passes {question} under seed {seed}"

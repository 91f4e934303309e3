"""Assignment 01_pickle_datasets: the saved-dataset judge reads the folder itself and knows the
simulation's rules; the probes' data must have its exact shape."""

from __future__ import annotations

import importlib.util
import os
import pickle
import threading

import numpy as np
import pytest

from autodiff_course import hidden, paths
from autodiff_course.hidden import CheckFailed

NAME = "01_pickle_datasets"
judges = hidden.judges_module(NAME)
probes = hidden.checks_module(NAME)


def _rps():
    spec = importlib.util.spec_from_file_location("rps_for_the_judge_tests", paths.assignment_dir(NAME) / "rps.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


RPS = _rps()


def _save(folder, runs):
    folder.mkdir(parents=True, exist_ok=True)
    for number, run in enumerate(runs, start=1):
        (folder / f"dataset_{number:03d}.pkl").write_bytes(pickle.dumps(run))


def _runs(count=10, **kw):
    return [RPS.simulate(seed=seed, **{"n_agents": 30, "n_steps": 200, **kw}) for seed in range(count)]


def _verdict(workdir):
    return hidden.judge(NAME, "saved_files", {"ok": True, "data": None}, workdir)


def test_the_simulation_passes_and_extra_files_are_ignored(tmp_path):
    _save(tmp_path / "trajectories", _runs())
    (tmp_path / "trajectories" / "index.json").write_text("[]")
    (tmp_path / "trajectories" / "all.pkl").write_bytes(pickle.dumps(np.stack(_runs(2))))
    assert _verdict(tmp_path) is None


def test_the_judge_reads_the_folder_it_is_given_not_the_current_one(tmp_path, monkeypatch):
    _save(tmp_path / "elsewhere" / "trajectories", _runs())
    monkeypatch.chdir(tmp_path)
    assert "no folder trajectories/" in _verdict(tmp_path)
    assert _verdict(tmp_path / "elsewhere") is None


def test_the_probe_reports_nothing_and_the_judge_believes_nothing(tmp_path):
    _save(tmp_path / "trajectories", _runs())
    assert probes.probe_saved_files({}) is None
    for forged in ({"names": [f"dataset_{i:03d}.pkl" for i in range(1, 11)]}, [], True):
        assert "should be nothing" in hidden.judge(NAME, "saved_files", {"ok": True, "data": forged}, tmp_path)


@pytest.mark.parametrize("make, why", [
    (lambda: _runs(n_agents=20), "shape"),
    (lambda: _runs(n_steps=100), "shape"),
    (lambda: [np.random.default_rng(s).uniform(0, 1, (201, 30, 3)).round() for s in range(10)], "do not move"),
    (lambda: _runs(speed=0.0), "do not move"),
    (lambda: _runs(radius=0.05), "species do not change"),
    (lambda: [run.astype(np.float32) for run in _runs()], "do not move"),
    (lambda: _runs()[:1] * 10, "start identically"),
], ids=["20_agents", "100_steps", "noise", "standing_still", "other_radius", "float32", "one_seed"])
def test_what_is_not_the_simulation_is_refused(tmp_path, make, why):
    _save(tmp_path / "trajectories", make())
    assert why in (_verdict(tmp_path) or "accepted")


def test_a_species_switched_without_contact_is_refused(tmp_path):
    runs = _runs()
    agent = np.argmax((runs[4][:, :, 2] == runs[4][0, :, 2]).all(axis=0))  # one that never changes
    runs[4][150:, agent, 2] = (runs[4][150:, agent, 2] + 1) % 3
    _save(tmp_path / "trajectories", runs)
    assert "dataset_005.pkl: species do not change" in _verdict(tmp_path)


def test_a_wall_that_does_not_bounce_is_refused(tmp_path):
    runs = _runs()
    runs[2][:, :, :2] = np.clip(runs[2][0, :, :2] + 0.01 * np.arange(201)[:, None, None], 0.0, 1.0)
    _save(tmp_path / "trajectories", runs)
    assert "dataset_003.pkl: the agents do not move" in _verdict(tmp_path)


def test_links_fifos_and_extra_datasets_are_refused_without_harm(tmp_path):
    real = tmp_path / "real"
    _save(real / "trajectories", _runs())
    linked = tmp_path / "linked"
    linked.mkdir()
    (linked / "trajectories").symlink_to(real / "trajectories")
    assert "no folder trajectories/" in _verdict(linked)
    fifo = tmp_path / "fifo"
    _save(fifo / "trajectories", _runs())
    os.unlink(fifo / "trajectories" / "dataset_003.pkl")
    os.mkfifo(fifo / "trajectories" / "dataset_003.pkl")
    done = []
    judge = threading.Thread(target=lambda: done.append(_verdict(fifo)), daemon=True)
    judge.start()
    judge.join(10)
    assert done and "dataset_003.pkl is not a plain file" in done[0]
    _save(tmp_path / "eleven" / "trajectories", _runs(11))
    assert "no other dataset_<number>.pkl" in _verdict(tmp_path / "eleven")


@pytest.mark.parametrize("check", ["save", "load", "species_counts"])
def test_the_other_judges_refuse_empty_and_echoed_data(check, solution_run):
    from helpers import chdir, probe_and_judge

    run = solution_run(NAME)
    with chdir(run.dir):
        assert probe_and_judge(NAME, check, run.env) is None
        good = hidden.collect(NAME, check, run.env)["data"]
    empty = [] if isinstance(good, list) else {}
    for forged in (empty, [good[0]] if isinstance(good, list) else {**good, "arrays": good["arrays"][:1]}, None, True):
        with pytest.raises(CheckFailed):
            getattr(judges, f"judge_{check}")(forged)


# ------------------------------------------------------------------ plot_species_counts


def test_the_hidden_counts_tell_the_usual_slips_apart():
    """The plot's judge can name a slip only if the hidden counts differ under it: another length
    than the notebook's runs, three different curves, and each curve changed by a running total,
    by a one-step shift, and by taking shares instead of numbers."""
    counts = probes.hidden_counts()
    assert counts.dtype == np.int64 and counts.shape == (probes.PLOT_STEPS + 1, 3) and len(counts) != 201
    assert (counts.sum(axis=1) == probes.PLOT_AGENTS).all()  # agents change sides, never disappear
    for a in range(3):
        column = counts[:, a]
        assert len(set(column.tolist())) > 2, f"column {a} barely moves"
        assert not np.array_equal(np.cumsum(column), column)
        assert not np.array_equal(column[1:], column[:-1])
        assert column.max() > 1  # a share of the agents is at most 1
        for b in range(a + 1, 3):
            assert not np.array_equal(column, counts[:, b]), f"columns {a} and {b} are the same curve"


def _plot_data(solution_run):
    from helpers import chdir

    run = solution_run(NAME)
    with chdir(run.dir):
        return hidden.collect(NAME, "plot_species_counts", run.env)


def test_the_plot_probe_reads_the_figure_back_and_closes_it(solution_run):
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    result = _plot_data(solution_run)
    assert plt.get_fignums() == before, "the probe left its figure open"
    assert result["ok"], result
    (axes,) = result["data"]["axes"]
    assert [line["label"] for line in axes["lines"]] == ["rock", "paper", "scissors"]
    assert axes["legend"] == ["rock", "paper", "scissors"] and axes["xlabel"] and axes["ylabel"]
    assert hidden.judge(NAME, "plot_species_counts", result) is None


def _relabelled(data, labels):
    lines = data["axes"][0]["lines"]
    return {**data, "axes": [{**data["axes"][0], "lines": [{**line, "label": label} for line, label in zip(lines, labels)]}]}


def test_the_plot_judge_takes_any_order_and_capitals_but_not_wrong_names(solution_run):
    data = _plot_data(solution_run)["data"]
    axes = data["axes"][0]
    shuffled = {**data, "axes": [{**axes, "lines": axes["lines"][::-1], "legend": ["Scissors", "Paper", "Rock"]}]}
    assert judges.judge_plot_species_counts(_relabelled(shuffled, ["Scissors ", "PAPER", "rock"])) is None
    for labels, why in ((["paper", "rock", "scissors"], "are two labels swapped"),
                        (["rock", "paper", "_child2"], "no label 'scissors'"),
                        (["rock", "paper", "scissor"], "no label 'scissors'")):
        with pytest.raises(CheckFailed, match=why):
            judges.judge_plot_species_counts(_relabelled(data, labels))


def test_the_plot_judge_refuses_a_figure_of_other_counts_and_forged_shapes(solution_run):
    from autodiff_course.schema import SchemaError

    data = _plot_data(solution_run)["data"]
    axes = data["axes"][0]
    notebook = np.stack([(RPS.simulate(30, 200, seed=0)[:, :, 2] == s).sum(axis=1) for s in range(3)], axis=1)
    hard_coded = [{**line, "x": list(map(float, range(201))), "y": notebook[:, s].astype(float).tolist()}
                  for s, line in enumerate(axes["lines"])]
    extra_wrong = axes["lines"] + [{**axes["lines"][0], "y": axes["lines"][1]["y"]}]  # a second "rock" line, wrong
    for forged in ({**data, "axes": [{**axes, "lines": hard_coded}]},
                   {**data, "axes": [{**axes, "lines": extra_wrong}]},
                   {**data, "axes": [{**axes, "legend": []}]},
                   {**data, "axes": [{**axes, "xlabel": "  "}]},
                   {**data, "is_figure": False}):
        with pytest.raises(CheckFailed):
            judges.judge_plot_species_counts(forged)
    for forged in ({**data, "is_figure": 1}, {**data, "verdict": "pass"}, {k: v for k, v in data.items() if k != "axes"},
                   {**data, "axes": [{**axes, "lines": [{**axes["lines"][0], "x": None}]}]}):
        with pytest.raises(SchemaError):
            judges.judge_plot_species_counts(forged)

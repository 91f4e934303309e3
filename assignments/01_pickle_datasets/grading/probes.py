"""Hidden checks for 01_pickle_datasets: saving, loading, the saved dataset, species counts and their plot.

Probes and hidden inputs only: the code judging their data lives where the student's process
never imports it.
"""

from __future__ import annotations

import os
import pickle
import random
import tempfile
from pathlib import Path

import numpy as np

from autodiff_course.hidden import UnsafePickleError, safe_load_pickle

N_HIDDEN = 12  # more than 9, so names run past dataset_009 and numeric order matters


def hidden_arrays(count: int = N_HIDDEN) -> list[np.ndarray]:
    """Arrays the student never saw: odd shapes, distinct values (same for probe and judge)."""
    rng = np.random.default_rng(7001)
    shapes = [(int(rng.integers(1, 5)), int(rng.integers(1, 6)), 3) for _ in range(count)]
    return [rng.normal(size=shape).round(6) + index for index, shape in enumerate(shapes)]


def hidden_trajectories() -> list[np.ndarray]:
    """Species layouts that catch common counting slips (absent species, one frame, one agent)."""
    rng = np.random.default_rng(7002)
    out = []
    for steps, agents, choices in [(6, 9, (0, 1, 2)), (1, 4, (2,)), (11, 1, (0, 1)), (25, 40, (1, 2))]:
        species = rng.choice(choices, size=(steps, agents)).astype(np.float64)
        xy = rng.uniform(0, 1, size=(steps, agents, 2))
        out.append(np.concatenate([xy, species[..., None]], axis=2))
    return out


def _describe_pickle(path: Path) -> dict:
    """What one pickle file holds, loaded without running code: its shape and values, flattened
    (the judge compares them with the array it expects), or why it could not be read."""
    try:
        value = safe_load_pickle(path)
    except UnsafePickleError as error:
        return {"error": f"unsafe pickle: {error}", "shape": [], "values": []}
    except Exception as error:  # truncated or foreign file
        return {"error": f"unreadable pickle ({type(error).__name__})", "shape": [], "values": []}
    if not isinstance(value, np.ndarray):
        return {"error": f"holds a {type(value).__name__}, not a numpy array", "shape": [], "values": []}
    return {"error": None, "shape": list(value.shape), "values": value.astype(np.float64).ravel().tolist()}


# ------------------------------------------------------------------ save_trajectories

SAVE_CALLS = (("new", N_HIDDEN), ("existing", 3))
"""Where save_trajectories writes: a folder that does not exist yet (nor its parent), then one
that exists and already holds other files; and how many of the hidden arrays it gets there."""


def _save_into(env, folder: Path, arrays: list) -> dict:
    returned = env["save_trajectories"](arrays, str(folder))
    names = sorted(os.listdir(folder)) if folder.is_dir() else None
    files = {name: _describe_pickle(folder / name) for name in names or [] if name.endswith(".pkl")}
    returned_names = [Path(str(p)).name for p in (returned or [])]
    return {"names": names, "files": files, "returned": returned_names}


def probe_save(env):
    arrays = hidden_arrays()
    calls = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind, count in SAVE_CALLS:
            folder = Path(tmp) / "deeper" / "new_folder" if kind == "new" else Path(tmp) / "existing"
            if kind == "existing":
                folder.mkdir()
                (folder / "notes.txt").write_text("written before save_trajectories ran")
            calls.append(_save_into(env, folder, arrays[-count:]))
    return calls


# ------------------------------------------------------------------ load_trajectories


def probe_load(env):
    arrays = hidden_arrays()
    order = list(range(N_HIDDEN))
    random.Random(7003).shuffle(order)  # create files out of order: listing order is no help
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for index in order:
            with open(folder / f"dataset_{index + 1:03d}.pkl", "wb") as handle:
                pickle.dump(arrays[index], handle)
        (folder / "notes.txt").write_text("not a dataset")
        with open(folder / "model.pkl", "wb") as handle:
            pickle.dump({"weights": [1.0, 2.0]}, handle)
        loaded = env["load_trajectories"](str(folder))
        result = []
        for item in list(loaded):
            array = np.asarray(item, dtype=np.float64)
            result.append({"shape": list(array.shape), "values": array.ravel().tolist()})
    return {"type": type(loaded).__name__, "arrays": result}


# ------------------------------------------------------------------ the saved dataset


def probe_saved_files(env):
    """Nothing: the judge reads trajectories/ itself, after the notebook's process has exited."""
    return None


# ------------------------------------------------------------------ species_counts


def probe_species_counts(env):
    results = []
    for trajectory in hidden_trajectories():
        counts = np.asarray(env["species_counts"](trajectory.copy()))
        results.append(
            {"kind": counts.dtype.kind, "shape": list(counts.shape), "values": counts.astype(np.float64).ravel().tolist()}
        )
    return results


# ------------------------------------------------------------------ plot_species_counts

PLOT_STEPS = 46  # 47 rows of counts: not the 201 of the notebook's runs, so a figure drawn from them fails
PLOT_AGENTS = 23
PLOT_LIMITS = {"axes": 6, "lines": 8, "points": 1000, "legend": 12, "text": 60}
"""How much of a figure the probe reads back: more than any answer draws (three lines of
PLOT_STEPS + 1 points, a legend of three names), little enough to keep the data small."""


def hidden_counts() -> np.ndarray:
    """Species counts the student never saw, (PLOT_STEPS + 1, 3) integers, as species_counts
    returns them: PLOT_AGENTS agents, and at about every other step one agent taken over by the
    species that beats it (same for probe and judge)."""
    rng = np.random.default_rng(7004)
    species = rng.permutation(np.arange(PLOT_AGENTS) % 3)
    rows = [np.bincount(species, minlength=3)]
    for _ in range(PLOT_STEPS):
        if rng.uniform() < 0.6:
            victim = rng.integers(PLOT_AGENTS)
            species[victim] = (species[victim] + 1) % 3
        rows.append(np.bincount(species, minlength=3))
    return np.array(rows, dtype=np.int64)


def _texts(items) -> list[str]:
    return [str(item)[:PLOT_LIMITS["text"]] for item in list(items)[:PLOT_LIMITS["legend"]]]


def _legend_texts(legend) -> list[str]:
    return [] if legend is None else _texts(text.get_text() for text in legend.get_texts())


def probe_plot_species_counts(env):
    """Calls the student's function on hidden counts and reads back, from the figure it returns,
    each axes' labels, legend and lines (label and raw x/y data); the figure is closed after."""
    import matplotlib.pyplot as plt

    figure = env["plot_species_counts"](hidden_counts())
    if type(figure).__name__ != "Figure" or not hasattr(figure, "axes"):
        plt.close("all")
        return {"is_figure": False, "axes": [], "figure_legends": []}
    try:
        points = PLOT_LIMITS["points"]
        axes_seen = []
        for axes in list(figure.axes)[:PLOT_LIMITS["axes"]]:
            lines = []
            for line in list(axes.get_lines())[:PLOT_LIMITS["lines"]]:
                xs = np.asarray(line.get_xdata(), dtype=np.float64).reshape(-1)[:points]
                ys = np.asarray(line.get_ydata(), dtype=np.float64).reshape(-1)[:points]
                lines.append({"label": str(line.get_label())[:PLOT_LIMITS["text"]],
                              "x": [float(v) for v in xs], "y": [float(v) for v in ys]})
            axes_seen.append({"xlabel": str(axes.get_xlabel())[:PLOT_LIMITS["text"]],
                              "ylabel": str(axes.get_ylabel())[:PLOT_LIMITS["text"]],
                              "legend": _legend_texts(axes.get_legend()), "lines": lines})
        figure_legends = [_legend_texts(legend) for legend in list(figure.legends)[:PLOT_LIMITS["axes"]]]
        return {"is_figure": True, "axes": axes_seen, "figure_legends": figure_legends}
    finally:
        plt.close(figure)

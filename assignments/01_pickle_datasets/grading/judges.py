"""Judges for 01_pickle_datasets: saving, loading, the saved dataset, species counts and their plot.

Never imported by the student's process. The hidden inputs they compare with (the arrays and
trajectories) come from the probes' module, ``probes``. The saved dataset is read here, from the
folder the notebook ran in, after its process has exited: no probe reports on it.
"""

from __future__ import annotations

import re

import numpy as np

from . import probes
from autodiff_course import jobfiles
from autodiff_course.hidden import expect
from autodiff_course.schema import Flag, Integer, ListOf, MapOf, Maybe, Nothing, Number, Record, Text, conform

DATASET_NAME = re.compile(r"dataset_\d+\.pkl")
"""The files that count as the dataset; a folder may hold any other file beside them."""

ARRAY = Record({"shape": ListOf(Integer), "values": ListOf(Number)})
PICKLE = Record({"error": Maybe(Text), "shape": ListOf(Integer), "values": ListOf(Number)})


def _numbered(count: int) -> list[str]:
    return [f"dataset_{i:03d}.pkl" for i in range(1, count + 1)]


def _holds(described: dict, array: np.ndarray) -> bool:
    """Whether a described file (or loaded array) holds exactly ``array``: shape and values."""
    return described["shape"] == list(array.shape) and np.array_equal(
        np.asarray(described["values"], dtype=np.float64), array.ravel())


# ------------------------------------------------------------------ save_trajectories


def judge_save(data):
    calls = probes.SAVE_CALLS
    conform(data, ListOf(Record({"names": Maybe(ListOf(Text)), "files": MapOf(PICKLE), "returned": ListOf(Text)}),
                         len(calls)))
    arrays = probes.hidden_arrays()
    for (kind, count), got in zip(calls, data):  # equal lengths: conform checked them
        where = ("into a folder that did not exist yet" if kind == "new"
                 else "into a folder that already exists and holds another file")
        expected = _numbered(count)
        expect(got["names"] is not None, f"save_trajectories {where}: the folder is not there afterwards")
        written = sorted(n for n in got["names"] if DATASET_NAME.fullmatch(n))
        expect(written == expected,
               f"save_trajectories {where}, with {count} arrays, should write exactly dataset_001.pkl ... "
               f"dataset_{count:03d}.pkl (wrote {len(written)} dataset file(s), names or numbering differ)")
        for name, array in zip(expected, arrays[-count:]):
            expect(name in got["files"], f"save_trajectories {where}: {name} was not read back")
            described = got["files"][name]
            expect(described["error"] is None, f"{name}: {described['error']}")
            expect(_holds(described, array), f"{name} does not hold the array given in that position")
        expect(got["returned"] == expected, f"save_trajectories {where} should return the written paths, in order")


# ------------------------------------------------------------------ load_trajectories


def judge_load(data):
    conform(data, Record({"type": Text, "arrays": ListOf(ARRAY)}))
    expect(data["type"] == "list", "load_trajectories should return a list")
    arrays = probes.hidden_arrays()
    expect(
        len(data["arrays"]) == len(arrays),
        f"a folder with {len(arrays)} dataset files, a notes.txt and a model.pkl gave "
        f"{len(data['arrays'])} arrays; load only the dataset_<number>.pkl files",
    )
    for position, (got, want) in enumerate(zip(data["arrays"], arrays), start=1):
        expect(_holds(got, want), f"array {position} is not dataset_{position:03d}.pkl: load the files in numeric order")


# ------------------------------------------------------------------ the saved dataset

RUNS, AGENTS, STEPS = 10, 30, 200
RADIUS = 0.02  # rps.simulate's default contact radius
MAX_PICKLE_BYTES = 4 << 20  # one run is 201 * 30 * 3 float64 = 145 kB; room for any header or dtype
MOTION_TOL = 1e-9  # positions are float64 sums of ~200 steps of 0.01: rounding stays below 1e-15


def _bounce(position: np.ndarray, velocity: np.ndarray) -> None:
    """The walls of the unit box: what leaves [0, 1] is reflected back and turns round."""
    for outside, mirror in ((position < 0.0, 0.0), (position > 1.0, 2.0)):
        position[outside] = mirror - position[outside]
        velocity[outside] = -velocity[outside]


def _moves_like_the_simulation(xy: np.ndarray) -> bool:
    """Every agent flies in a straight line at one speed and bounces off the walls: each step,
    from the recorded position, is the previous velocity plus a reflection where it left the box.
    The velocity's size per coordinate is the typical step; its first sign is whichever fits."""
    speed = np.median(np.abs(np.diff(xy, axis=0)), axis=0)  # (agents, 2)
    total = np.hypot(speed[:, 0], speed[:, 1])
    if not (total > 0).all() or np.ptp(total) > MOTION_TOL:
        return False  # agents standing still, or at different speeds
    worst = []
    for sign in (1.0, -1.0):
        velocity, error = sign * speed, np.zeros_like(speed)
        for step in range(1, len(xy)):
            position = xy[step - 1] + velocity
            _bounce(position, velocity)
            error = np.maximum(error, np.abs(position - xy[step]))
        worst.append(error)
    return bool((np.minimum(*worst) <= MOTION_TOL).all())


def _converts_only_on_contact(xy: np.ndarray, species: np.ndarray) -> bool:
    """Each step, an agent touching one of the species that beats it takes that species, and
    nobody else changes: the rule applied to the previous step's species at the new positions."""
    for step in range(1, len(xy)):
        gap = xy[step][:, None, :] - xy[step][None, :, :]
        touching = np.einsum("ijk,ijk->ij", gap, gap) < (2.0 * RADIUS) ** 2
        np.fill_diagonal(touching, False)
        before = species[step - 1]
        predator = (before + 1) % 3
        attacked = (touching & (before[None, :] == predator[:, None])).any(axis=1)
        if not np.array_equal(np.where(attacked, predator, before), species[step]):
            return False
    return True


def _check_run(name: str, run: np.ndarray) -> None:
    expect(run.shape == (STEPS + 1, AGENTS, 3),
           f"{name} should be one run of {AGENTS} agents over {STEPS} steps: shape ({STEPS + 1}, {AGENTS}, 3), "
           f"not {run.shape}")
    expect(run.dtype.kind == "f", f"{name} should hold floats, as rps.simulate returns them")
    run = run.astype(np.float64)
    expect(bool(np.isfinite(run).all()), f"{name} holds NaN or infinite values")
    xy, species = run[..., :2], run[..., 2]
    expect(bool(((xy >= 0.0) & (xy <= 1.0)).all()), f"{name}: positions leave the unit box")
    expect(bool(np.isin(species, (0.0, 1.0, 2.0)).all()), f"{name}: species must be 0, 1 or 2")
    expect(_moves_like_the_simulation(xy),
           f"{name}: the agents do not move as in rps.simulate (straight lines at one speed, bouncing off the walls)")
    expect(_converts_only_on_contact(xy, species.astype(np.int64)),
           f"{name}: species do not change as in rps.simulate (only on contact with the species that wins, "
           f"radius {RADIUS})")


def judge_saved_files(data, workdir):
    conform(data, Nothing)
    names = jobfiles.list_folder(workdir, "trajectories")
    expect(names is not None, "there is no folder trajectories/ next to the notebook")
    expected = _numbered(RUNS)
    found = sorted(n for n in names if DATASET_NAME.fullmatch(n))
    expect(found == expected, f"trajectories/ should hold dataset_001.pkl ... dataset_{RUNS:03d}.pkl and no other "
                              f"dataset_<number>.pkl (it holds {len(found)} such files, names or numbering differ)")
    starts = set()
    for name in expected:
        run = jobfiles.load_array(workdir, f"trajectories/{name}", MAX_PICKLE_BYTES)
        _check_run(name, run)
        starts.add(run[0].astype(np.float64).tobytes())
    expect(len(starts) == RUNS, "some trajectories start identically: use a different seed for each")


# ------------------------------------------------------------------ species_counts


def judge_species_counts(data):
    trajectories = probes.hidden_trajectories()
    conform(data, ListOf(Record({"kind": Text, "shape": ListOf(Integer), "values": ListOf(Number)}), len(trajectories)))
    for index, (got, trajectory) in enumerate(zip(data, trajectories), start=1):
        steps = trajectory.shape[0]
        expect(got["shape"] == [steps, 3], f"hidden trajectory {index}: the result should have shape (n_steps + 1, 3)")
        expect(got["kind"] in ("i", "u"), f"hidden trajectory {index}: counts should be integers")
        want = np.stack([(trajectory[:, :, 2] == s).sum(axis=1) for s in range(3)], axis=1)
        expect(_holds(got, want), f"hidden trajectory {index}: the counts are wrong")


# ------------------------------------------------------------------ plot_species_counts

SPECIES = (("rock", "rocks"), ("paper", "papers"), ("scissors", "scissors"))
"""rps.SPECIES_NAMES in the column order of the counts, and how a message names many of each."""

PLOT_LINE = Record({"label": Text, "x": ListOf(Number), "y": ListOf(Number)})
PLOT_AXES = Record({"xlabel": Text, "ylabel": Text, "legend": ListOf(Text), "lines": ListOf(PLOT_LINE)})


def _name(text: str) -> str:
    """A label or legend entry as the task compares it: capitals and surrounding spaces do not count."""
    return text.strip().lower()


def _points(line: dict) -> tuple[np.ndarray, np.ndarray]:
    return np.asarray(line["x"], dtype=np.float64), np.asarray(line["y"], dtype=np.float64)


def _shows(line: dict, values: np.ndarray) -> bool:
    """Whether a line's points are exactly (step, value) for the steps 0, 1, ..., len(values) - 1.
    Steps and counts are small integers, exact in every float type: equality, no tolerance."""
    x, y = _points(line)
    return len(x) == len(y) == len(values) and np.array_equal(x, np.arange(len(values))) and np.array_equal(y, values)


def _near_miss(line: dict, counts: np.ndarray, column: int) -> str:
    """What a wrongly drawn line shows instead, where it is a slip a student makes (no numbers told)."""
    for other, (_, many) in enumerate(SPECIES):
        if other != column and _shows(line, counts[:, other]):
            return f"; it shows the {many}: are two labels swapped?"
    x, y = _points(line)
    if len(y) == len(counts) and np.array_equal(y, counts[:, column]):
        return "; its y values are right, its x values are not the steps 0, 1, ..., n_steps"
    return ""


def judge_plot_species_counts(data):
    conform(data, Record({"is_figure": Flag, "axes": ListOf(PLOT_AXES), "figure_legends": ListOf(ListOf(Text))}))
    expect(data["is_figure"], "plot_species_counts should return the matplotlib Figure it drew on (not None, "
                              "not plt, not the axes)")
    counts = probes.hidden_counts()
    drawn = [(axes, line) for axes in data["axes"] for line in axes["lines"]]
    legends = {_name(text) for axes in data["axes"] for text in axes["legend"]}
    legends |= {_name(text) for legend in data["figure_legends"] for text in legend}
    for column, (name, many) in enumerate(SPECIES):
        named = [(axes, line) for axes, line in drawn if _name(line["label"]) == name]
        if not named:
            expect(not any(_shows(line, counts[:, column]) for _, line in drawn),
                   f"the line of the {many} has no label {name!r}: give it label={name!r} so that the legend names it")
            expect(False, f"the figure has no line labelled {name!r} (one line per species: the number of {many} "
                          f"at every step)")
        for _, line in named:
            expect(_shows(line, counts[:, column]),
                   f"the line labelled {name!r} should show the number of {many} (y) at each step 0, 1, ..., n_steps "
                   f"(x), one point per row of counts{_near_miss(line, counts, column)}")
        expect(all(axes["xlabel"].strip() and axes["ylabel"].strip() for axes, _ in named),
               f"label both axes of the plot that shows the {many} (ax.set_xlabel, ax.set_ylabel)")
        expect(name in legends, f"the figure's legend should name {name!r}: call ax.legend() after drawing the lines")

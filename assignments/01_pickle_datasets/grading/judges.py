"""Judges for 01_pickle_datasets: saving, loading, the saved dataset, species counts.

Never imported by the student's process. The hidden inputs they compare with (the arrays and
trajectories) come from the probes' module, ``probes``.
"""

from __future__ import annotations

import numpy as np

from . import probes
from autodiff_course.hidden import expect

# ------------------------------------------------------------------ save_trajectories


def judge_save(data):
    expected_names = [f"dataset_{i:03d}.pkl" for i in range(1, probes.N_HIDDEN + 1)]
    expect(data["names"] is not None, "save_trajectories did not create a folder that did not exist yet")
    expect(
        data["names"] == expected_names,
        f"with {probes.N_HIDDEN} arrays, save_trajectories should write exactly dataset_001.pkl ... "
        f"dataset_{probes.N_HIDDEN:03d}.pkl (wrote {len(data['names'])} file(s), names or numbering differ)",
    )
    for name, array in zip(expected_names, probes.hidden_arrays()):
        described = data["files"][name]
        expect("error" not in described, f"{name}: {described.get('error')}")
        expect(
            described["shape"] == list(array.shape) and np.array_equal(described["values"], array),
            f"{name} does not hold the array given in that position",
        )
    expect(data["returned"] == expected_names, "save_trajectories should return the written paths, in order")


# ------------------------------------------------------------------ load_trajectories


def judge_load(data):
    expect(data["type"] == "list", "load_trajectories should return a list")
    arrays = probes.hidden_arrays()
    expect(
        len(data["arrays"]) == len(arrays),
        f"a folder with {len(arrays)} dataset files and two other files gave "
        f"{len(data['arrays'])} arrays; load only dataset_*.pkl",
    )
    for position, (got, want) in enumerate(zip(data["arrays"], arrays), start=1):
        expect(
            got["shape"] == list(want.shape) and np.array_equal(got["values"], want),
            f"array {position} is not dataset_{position:03d}.pkl: load the files in numeric order",
        )


# ------------------------------------------------------------------ the saved dataset


def judge_saved_files(data):
    expected = [f"dataset_{i:03d}.pkl" for i in range(1, 11)]
    expect(data["names"] is not None, "there is no folder trajectories/ next to the notebook")
    pickles = [n for n in data["names"] if n.endswith(".pkl")]
    expect(pickles == expected, "trajectories/ should hold exactly dataset_001.pkl ... dataset_010.pkl")
    digests = set()
    agents = set()
    for name in expected:
        info = data["files"][name]
        expect("error" not in info, f"{name}: {info.get('error')}")
        expect(info["shape"][0] >= 2, f"{name} should hold more than one step")
        expect(info["finite"], f"{name} holds NaN or infinite values")
        expect(0.0 <= info["xy_min"] and info["xy_max"] <= 1.0, f"{name}: positions leave the unit box")
        expect(set(info["species"]) <= {0.0, 1.0, 2.0}, f"{name}: species must be 0, 1 or 2")
        agents.add(info["shape"][1])
        digests.add(info["digest"])
    expect(len(agents) == 1, "every trajectory should have the same number of agents")
    expect(len(digests) == len(expected), "some trajectories are identical: use a different seed for each")


# ------------------------------------------------------------------ species_counts


def judge_species_counts(data):
    trajectories = probes.hidden_trajectories()
    expect(len(data) == len(trajectories), "species_counts was not called on every hidden trajectory")
    for index, (got, trajectory) in enumerate(zip(data, trajectories), start=1):
        steps = trajectory.shape[0]
        expect(got["shape"] == [steps, 3], f"hidden trajectory {index}: the result should have shape (n_steps + 1, 3)")
        expect(got["kind"] in "iu", f"hidden trajectory {index}: counts should be integers")
        want = np.stack([(trajectory[:, :, 2] == s).sum(axis=1) for s in range(3)], axis=1)
        expect(np.array_equal(got["values"], want), f"hidden trajectory {index}: the counts are wrong")

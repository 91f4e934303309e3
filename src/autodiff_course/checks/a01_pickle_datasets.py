"""Hidden checks for 01_pickle_datasets: saving, loading, the saved dataset, species counts."""

from __future__ import annotations

import os
import pickle
import random
import tempfile
from pathlib import Path

import numpy as np

from ..hidden import UnsafePickleError, expect, safe_load_pickle

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
    """What the judge needs to know about one pickle file, loaded without running code."""
    try:
        value = safe_load_pickle(path)
    except UnsafePickleError as error:
        return {"error": f"unsafe pickle: {error}"}
    except Exception as error:  # truncated or foreign file
        return {"error": f"unreadable pickle ({type(error).__name__})"}
    if not isinstance(value, np.ndarray):
        return {"error": f"holds a {type(value).__name__}, not a numpy array"}
    return {"shape": list(value.shape), "values": value.astype(np.float64).tolist()}


# ------------------------------------------------------------------ save_trajectories


def probe_save(env):
    arrays = hidden_arrays()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "deeper" / "new_folder"
        returned = env["save_trajectories"](arrays, str(folder))
        names = sorted(os.listdir(folder)) if folder.is_dir() else None
        files = {name: _describe_pickle(folder / name) for name in names or []}
        returned_names = [Path(str(p)).name for p in (returned or [])]
    return {"names": names, "files": files, "returned": returned_names}


def judge_save(data):
    expected_names = [f"dataset_{i:03d}.pkl" for i in range(1, N_HIDDEN + 1)]
    expect(data["names"] is not None, "save_trajectories did not create a folder that did not exist yet")
    expect(
        data["names"] == expected_names,
        f"with {N_HIDDEN} arrays, save_trajectories should write exactly dataset_001.pkl ... "
        f"dataset_{N_HIDDEN:03d}.pkl (wrote {len(data['names'])} file(s), names or numbering differ)",
    )
    for name, array in zip(expected_names, hidden_arrays()):
        described = data["files"][name]
        expect("error" not in described, f"{name}: {described.get('error')}")
        expect(
            described["shape"] == list(array.shape) and np.array_equal(described["values"], array),
            f"{name} does not hold the array given in that position",
        )
    expect(data["returned"] == expected_names, "save_trajectories should return the written paths, in order")


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
            result.append({"shape": list(array.shape), "values": array.tolist()})
    return {"type": type(loaded).__name__, "arrays": result}


def judge_load(data):
    expect(data["type"] == "list", "load_trajectories should return a list")
    arrays = hidden_arrays()
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


def probe_saved_files(env):
    folder = Path("trajectories")
    if not folder.is_dir():
        return {"names": None}
    names = sorted(p.name for p in folder.iterdir())
    files = {}
    for name in names:
        if not name.endswith(".pkl"):
            continue
        try:
            value = safe_load_pickle(folder / name)
        except UnsafePickleError as error:
            files[name] = {"error": f"unsafe pickle refused ({error})"}
            continue
        except Exception as error:
            files[name] = {"error": f"unreadable pickle ({type(error).__name__})"}
            continue
        if not isinstance(value, np.ndarray) or value.ndim != 3 or value.shape[2] != 3:
            files[name] = {"error": "is not an array of shape (n_steps + 1, n_agents, 3)"}
            continue
        value = value.astype(np.float64)
        files[name] = {
            "shape": list(value.shape),
            "finite": bool(np.isfinite(value).all()),
            "xy_min": float(value[..., :2].min()),
            "xy_max": float(value[..., :2].max()),
            "species": sorted({float(s) for s in np.unique(value[..., 2])}),
            "digest": pickle.dumps(value).hex()[-64:] + str(float(value.sum())),
        }
    return {"names": names, "files": files}


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


def probe_species_counts(env):
    results = []
    for trajectory in hidden_trajectories():
        counts = np.asarray(env["species_counts"](trajectory.copy()))
        results.append(
            {"kind": counts.dtype.kind, "shape": list(counts.shape), "values": counts.astype(np.float64).tolist()}
        )
    return results


def judge_species_counts(data):
    trajectories = hidden_trajectories()
    expect(len(data) == len(trajectories), "species_counts was not called on every hidden trajectory")
    for index, (got, trajectory) in enumerate(zip(data, trajectories), start=1):
        steps = trajectory.shape[0]
        expect(got["shape"] == [steps, 3], f"hidden trajectory {index}: the result should have shape (n_steps + 1, 3)")
        expect(got["kind"] in "iu", f"hidden trajectory {index}: counts should be integers")
        want = np.stack([(trajectory[:, :, 2] == s).sum(axis=1) for s in range(3)], axis=1)
        expect(np.array_equal(got["values"], want), f"hidden trajectory {index}: the counts are wrong")

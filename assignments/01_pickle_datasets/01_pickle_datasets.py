# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [raw]
# # ASSIGNMENT CONFIG
# files:
#   - rps.py

# %% [markdown]
# # Assignment 01 — Saving and loading datasets with pickle
#
# Before we can differentiate or train anything we need data on disk that we can reload
# exactly as it was. In this notebook you will
#
# 1. write Python objects to disk and read them back with `pickle`,
# 2. run a small simulation of agents playing rock-paper-scissors,
# 3. save ten simulated trajectories as a numbered dataset and load the whole dataset back,
# 4. summarise a trajectory and plot it.
#
# You work in pairs. Put the Canvas login of **both** partners in the cell below: the grader
# gives the grade to everyone listed there.

# %%
CONTRIBUTORS = ["partner_one_login", "partner_two_login"]

# %% [markdown]
# ## 1. Pickle in two minutes
#
# `pickle` turns (almost) any Python object into bytes and back. Two calls do the work:
#
# * `pickle.dump(obj, file)` writes `obj` into a file opened for **writing bytes** (`"wb"`);
# * `pickle.load(file)` reads one object back from a file opened for **reading bytes** (`"rb"`).
#
# We open files inside a `with` block. When the block ends, Python closes the file for us, even
# if an error happened inside the block, so no half-written file stays open.
#
# > **Safety first.** Loading a pickle can run arbitrary code that the file's author chose.
# > Only unpickle files you made yourself or fully trust. (The grader loads your files with a
# > restricted loader that accepts numpy arrays and plain Python values only.)

# %%
import pickle
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

shopping = {"eggs": 12, "flour_kg": 1.5, "notes": ["organic", "free range"]}
with open("example.pkl", "wb") as handle:
    pickle.dump(shopping, handle)

with open("example.pkl", "rb") as handle:
    restored = pickle.load(handle)

print(restored)
print("identical content:", restored == shopping, "| same object:", restored is shopping)

# %% [markdown]
# Numpy arrays pickle just as easily, and come back with their shape and dtype intact:

# %%
grid = np.arange(12, dtype=np.float64).reshape(3, 4)
with open("grid.pkl", "wb") as handle:
    pickle.dump(grid, handle)
with open("grid.pkl", "rb") as handle:
    grid_back = pickle.load(handle)
print(grid_back.shape, grid_back.dtype, np.array_equal(grid, grid_back))

# %% [markdown]
# ## 2. Bouncy rock-paper-scissors
#
# The module `rps.py` (next to this notebook) simulates agents in the unit square. Every agent
# is a rock (0), a paper (1) or a pair of scissors (2). Agents fly in straight lines and bounce
# off the walls; when two agents touch, the loser joins the winner's species (paper beats rock,
# scissors beat paper, rock beats scissors).
#
# `rps.simulate(n_agents, n_steps, seed)` returns **one trajectory**: a float array of shape
# `(n_steps + 1, n_agents, 3)`. Index it as `trajectory[step, agent]` to get `[x, y, species]`.
# The same seed always gives the same trajectory.

# %%
import rps

demo = rps.simulate(n_agents=30, n_steps=200, seed=0)
print("shape:", demo.shape, "dtype:", demo.dtype)
print("agent 0 at step 0:", demo[0, 0])

fig, axes = plt.subplots(1, 2, figsize=(9, 4.5))
rps.plot_frame(demo, 0, ax=axes[0])
rps.plot_frame(demo, -1, ax=axes[1])
plt.tight_layout()
plt.show()

# %% [raw]
# # BEGIN QUESTION
# name: save_trajectories
# points: 3

# %% [markdown]
# ## 3. Saving a dataset
#
# **Task.** Write `save_trajectories(trajectories, folder)`. It receives a list of numpy arrays
# and a folder name, and
#
# * creates the folder if it does not exist yet (parents too), and also works when the folder
#   exists already and holds other files,
# * writes the first array to `folder/dataset_001.pkl`, the second to `folder/dataset_002.pkl`,
#   and so on (numbers start at 1 and always have three digits),
# * returns the list of paths it wrote, in order.
#
# Only the `dataset_<number>.pkl` files are judged: any other file you write beside them is
# ignored.
#
# *Hint:* `f"{7:03d}"` gives `"007"`, and `Path(folder).mkdir(parents=True, exist_ok=True)`
# creates a folder only when needed.

# %% [raw]
# # BEGIN SOLUTION

# %%
def save_trajectories(trajectories, folder):
    # BEGIN SOLUTION
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for number, trajectory in enumerate(trajectories, start=1):
        path = folder / f"dataset_{number:03d}.pkl"
        with open(path, "wb") as handle:
            pickle.dump(trajectory, handle)
        written.append(path)
    return written
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_save_shape(save_trajectories):
    import os, tempfile
    import numpy as np
    with tempfile.TemporaryDirectory() as tmp:
        paths = save_trajectories([np.zeros((2, 3, 3)), np.ones((2, 3, 3))], os.path.join(tmp, "out"))
        assert len(paths) == 2, "save_trajectories should return one path per array"
        assert all(os.path.exists(p) for p in paths), "every returned path should exist"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 3
""" # END TEST CONFIG
def test_save_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("save", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: load_trajectories
# points: 3

# %% [markdown]
# ## 4. Loading a dataset
#
# **Task.** Write `load_trajectories(folder)`. It returns a list with the array of every
# `dataset_*.pkl` file in `folder`, **in numeric order** (`dataset_002` before `dataset_010`),
# and ignores any other file that happens to be in the folder. The grader's folder holds, besides
# more than nine dataset files with three-digit numbers, exactly two other files: a `notes.txt`
# and a `model.pkl`.
#
# *Hint:* `sorted(Path(folder).glob("dataset_*.pkl"))` lists the matching files. Think about
# whether sorting names as text gives numeric order for the names *you* write.

# %% [raw]
# # BEGIN SOLUTION

# %%
def load_trajectories(folder):
    # BEGIN SOLUTION
    def number(path):
        return int(path.stem.split("_")[1])

    found = [p for p in Path(folder).glob("dataset_*.pkl") if p.stem.split("_")[1].isdigit()]
    trajectories = []
    for path in sorted(found, key=number):
        with open(path, "rb") as handle:
            trajectories.append(pickle.load(handle))
    return trajectories
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_load_roundtrip(save_trajectories, load_trajectories):
    import tempfile
    import numpy as np
    with tempfile.TemporaryDirectory() as tmp:
        arrays = [np.full((2, 2, 3), float(i)) for i in range(3)]
        save_trajectories(arrays, tmp)
        back = load_trajectories(tmp)
        assert isinstance(back, list), "load_trajectories should return a list"
        assert len(back) == 3, "load_trajectories should return one array per dataset file"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 3
""" # END TEST CONFIG
def test_load_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("load", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: make_dataset
# points: 2

# %% [markdown]
# ## 5. Ten trajectories on disk
#
# **Task.** Simulate **10** trajectories (30 agents, 200 steps each), each with a **different
# seed**, save them into the folder `trajectories/` next to this notebook with your
# `save_trajectories`, and load them all back into the list `dataset` with `load_trajectories`.
#
# After your notebook has run, the grader opens `trajectories/` itself. It must hold
# `dataset_001.pkl` ... `dataset_010.pkl` and no other `dataset_<number>.pkl` (other files are
# ignored); each one a trajectory of `rps.simulate` with 30 agents over 200 steps (leave `speed`
# and `radius` at their defaults): shape `(201, 30, 3)`, agents flying in straight lines and
# bouncing off the walls, species changing only when an agent touches one that beats it, and no
# two trajectories starting alike.

# %% [raw]
# # BEGIN SOLUTION

# %%
# BEGIN SOLUTION
simulated = [rps.simulate(n_agents=30, n_steps=200, seed=seed) for seed in range(10)]
save_trajectories(simulated, "trajectories")
# END SOLUTION
dataset = load_trajectories("trajectories")  # SOLUTION
if isinstance(dataset, list) and dataset:  # not before the task is answered
    print(len(dataset), "trajectories loaded; the first has shape", np.shape(dataset[0]))

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_dataset_loaded(dataset):
    assert isinstance(dataset, list) and len(dataset) == 10, "dataset should be a list of 10 arrays"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 2
""" # END TEST CONFIG
def test_saved_files_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("saved_files", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: species_counts
# points: 3

# %% [markdown]
# ## 6. Who is winning?
#
# **Task.** Write `species_counts(trajectory)`. For a trajectory of shape
# `(n_steps + 1, n_agents, 3)` it returns an **integer** array of shape `(n_steps + 1, 3)`:
# row `t` holds the number of rocks, papers and scissors at step `t`.
#
# *Hint:* `trajectory[:, :, 2]` holds every species at every step; comparing it with `0`, `1`
# and `2` and summing over the agents does the counting without a Python loop.

# %% [raw]
# # BEGIN SOLUTION

# %%
def species_counts(trajectory):
    # BEGIN SOLUTION
    species = np.asarray(trajectory)[:, :, 2]
    return np.stack([(species == value).sum(axis=1) for value in range(3)], axis=1).astype(np.int64)
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_counts_shape(species_counts):
    import numpy as np
    tiny = np.zeros((4, 5, 3))
    result = np.asarray(species_counts(tiny))
    assert result.shape == (4, 3), "species_counts should return shape (n_steps + 1, 3)"
    assert np.issubdtype(result.dtype, np.integer), "species_counts should return integers"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 3
""" # END TEST CONFIG
def test_counts_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("species_counts", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %%
try:
    counts = species_counts(dataset[0])
    print("rocks, papers, scissors at the start:", counts[0], "and at the end:", counts[-1])
except Exception as error:  # until the tasks this cell uses are answered
    print(f"Answer the tasks this cell uses first (dataset and species_counts). {type(error).__name__}: {error}")

# %% [raw]
# # BEGIN QUESTION
# name: plot_species_counts
# points: 2

# %% [markdown]
# ## 7. Draw the race
#
# Numbers in a table hide who is winning; a plot shows it at a glance.
#
# **Task.** Write `plot_species_counts(counts)`. It receives an integer array of shape
# `(n_steps + 1, 3)`, as `species_counts` returns it, and
#
# * makes a new figure (`fig, ax = plt.subplots()`),
# * draws one line per species: the number of rocks, papers and scissors (y) against the step
#   `0, 1, ..., n_steps` (x), each given its label when it is drawn (`label="rock"`, `"paper"`,
#   `"scissors"`),
# * labels both axes and adds a legend,
# * **returns the figure** (no `plt.show()` inside: a cell further down shows it).
#
# The grader calls your function on counts you have not seen and reads back, from the figure
# you return, each line's points and label, the axis labels and the legend. For every species
# there must be a line with its name as the label (capitals allowed) whose points are exactly
# the steps and that species' counts; every line with that label must show exactly that, on axes
# whose x and y labels are not empty, and a legend of the figure must name it. Names handed to
# the legend alone (`ax.legend(["rock", ...])`) leave the lines themselves unlabelled, and the
# grader reads the lines' labels. The rest is yours: colours, line styles, the order of the
# lines, `ax.plot` or `ax.step`, a title, a grid, further lines under other labels (a total,
# say), or pyplot's current figure (`plt.plot`, then `return plt.gcf()`). Without x values,
# `ax.plot(y)` takes `0, 1, 2, ...` as x, which are the steps, so that counts too.

# %% [raw]
# # BEGIN SOLUTION

# %%
def plot_species_counts(counts):
    # BEGIN SOLUTION
    steps = np.arange(len(counts))
    fig, ax = plt.subplots()
    for value, name in enumerate(rps.SPECIES_NAMES):
        ax.plot(steps, counts[:, value], label=name)
    ax.set_xlabel("step")
    ax.set_ylabel("agents")
    ax.legend()
    return fig
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_plot_species_counts_shape(plot_species_counts):
    import matplotlib.pyplot as plt
    import numpy as np
    fig = plot_species_counts(np.array([[3, 2, 1], [2, 3, 1], [2, 2, 2]]))
    assert isinstance(fig, plt.Figure), "plot_species_counts should return the matplotlib Figure it drew on"
    lines = [line for ax in fig.axes for line in ax.get_lines()]
    plt.close(fig)
    assert len(lines) >= 3, "draw one line per species on the figure's axes"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 2
""" # END TEST CONFIG
def test_plot_species_counts_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("plot_species_counts", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# Your plot of the first trajectory of your dataset. The total stays at 30: agents change sides,
# they never disappear.

# %%
try:
    figure = plot_species_counts(species_counts(dataset[0]))
    figure.axes[0].set_title("Species counts, trajectory 1")
    plt.show()
except Exception as error:  # until the tasks this cell uses are answered
    print(f"Answer the tasks this cell uses first (dataset, species_counts and plot_species_counts). "
          f"{type(error).__name__}: {error}")

# %% [markdown]
# ## Done
#
# Run the cell below to check all your answers, then use the export cell to make the zip you
# submit. The checks in this notebook look only at shapes and types; the grader runs further
# tests on data you have not seen.

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
#   - cubic_data.py

# %% [markdown]
# # Assignment 04 — A small neural network, by hand and the PyTorch way
#
# In this notebook you fit a curve with a one-hidden-layer neural network (a *multilayer
# perceptron*, MLP) three times, each time letting PyTorch do a bit more of the work:
#
# 1. with four plain tensors and a function that combines them,
# 2. as an `nn.Module`, which keeps track of its own parameters,
# 3. with a `Dataset` and a `DataLoader` that feed the data in small batches, on a GPU when the
#    machine has one.
#
# You work in pairs. Put the Canvas login of **both** partners in the cell below: the grader
# gives the grade to everyone listed there.

# %%
CONTRIBUTORS = ["partner_one_login", "partner_two_login"]

# %% [markdown]
# ## 1. The data
#
# The module `cubic_data.py` (next to this notebook) makes the data set: 80 inputs spread
# uniformly over $[-1, 3]$ and, for each, an output
#
# $$y = 1.3x^3 - 3x^2 + 3.6x + 6.9 + \varepsilon, \qquad \varepsilon \sim \mathcal{N}(0, 1).$$
#
# In real problems the rule behind the data is unknown; here we know it, so we can see how close
# a trained network gets. `make_cubic_data()` returns two numpy arrays of shape `(80, 1)`: one
# row per point, one column because each point has a single input and a single output.
# PyTorch models expect `float32` tensors by default, so we convert once and keep both versions.

# %%
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset

from cubic_data import grid, make_cubic_data, true_function

xs, ys = make_cubic_data()
lsp = grid()  # 200 evenly spaced inputs, to draw curves

torch_xs = torch.from_numpy(xs).float()
torch_ys = torch.from_numpy(ys).float()
torch_lsp = torch.from_numpy(lsp).float()
print("inputs", tuple(torch_xs.shape), torch_xs.dtype, "| outputs", tuple(torch_ys.shape))

plt.scatter(xs, ys, s=12, label="noisy samples")
plt.plot(lsp, true_function(lsp), "k--", label="true function")
plt.xlabel("x")
plt.ylabel("y")
plt.legend()
plt.show()

# %% [markdown]
# ## 2. An MLP with four tensors
#
# Our network maps one input to one output through `h` hidden units:
#
# * multiply the input by a weight row `w1` of shape `(1, h)` and add a bias `b1` of shape
#   `(h,)`: every point now has `h` numbers (shape `(N, h)` for `N` points);
# * apply the ReLU, $\mathrm{relu}(z) = \max(z, 0)$, to each of them (`torch.relu`);
# * multiply by a weight column `w2` of shape `(h, 1)` and add a bias `b2` of shape `(1,)`:
#   back to one number per point, shape `(N, 1)`.
#
# In one line: $\;f(x) = \mathrm{relu}(x\,W_1 + b_1)\,W_2 + b_2$. The `@` operator is matrix
# multiplication: `(N, 1) @ (1, h)` gives `(N, h)`, and `(N, h) @ (h, 1)` gives `(N, 1)`.
# Adding `b1` of shape `(h,)` to an `(N, h)` array adds it to every row (broadcasting).
#
# Gradient descent needs $\partial\,\text{loss}/\partial\,\text{parameter}$ for every parameter,
# so each of the four tensors must be a **leaf** tensor with `requires_grad=True`. Careful:
# `torch.randn(3, requires_grad=True) * 0.1` is *not* a leaf — it is the result of a
# multiplication, and `.grad` is only kept for leaves. Draw and scale the values first, then
# switch gradients on (`.requires_grad_()` does it in place).

# %% [raw]
# # BEGIN QUESTION
# name: init_mlp_params
# points: 2

# %% [markdown]
# **Task.** Write `init_mlp_params(hidden=100, seed=0)`. It returns the tuple `(w1, b1, w2, b2)`
# of shapes `(1, hidden)`, `(hidden,)`, `(hidden, 1)` and `(1,)`: leaf tensors that require grad,
# every entry of all four drawn independently from the normal distribution $\mathcal{N}(0, 0.1^2)$
# (mean 0, standard deviation 0.1: `0.1 * torch.randn(...)` or `torch.normal(0.0, 0.1, ...)`).
# The same `seed` must always give the same values, so draw them from a generator seeded with
# `seed` (`torch.Generator().manual_seed(seed)`, passed as `generator=` to `torch.randn`) or call
# `torch.manual_seed(seed)` first. The grader calls your function with 200 seeds it keeps to
# itself and checks, tensor by tensor, that the mean and standard deviation of all those values
# are 0 and 0.1 (within 5 standard errors of the sample, a band a correct answer leaves with a
# probability under $10^{-5}$).

# %% [raw]
# # BEGIN SOLUTION

# %%
def init_mlp_params(hidden=100, seed=0):
    # BEGIN SOLUTION
    generator = torch.Generator().manual_seed(seed)

    def small_random(*shape):
        return (0.1 * torch.randn(*shape, generator=generator)).requires_grad_()

    return small_random(1, hidden), small_random(hidden), small_random(hidden, 1), small_random(1)
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_init_shapes(init_mlp_params):
    import torch
    params = init_mlp_params(hidden=4, seed=1)
    assert len(params) == 4, "init_mlp_params should return (w1, b1, w2, b2)"
    assert [tuple(p.shape) for p in params] == [(1, 4), (4,), (4, 1), (1,)], "check the four shapes"
    assert all(isinstance(p, torch.Tensor) and p.requires_grad and p.is_leaf for p in params), \
        "every parameter should be a leaf tensor with requires_grad=True"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 2
""" # END TEST CONFIG
def test_init_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("init", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: mlp_forward
# points: 3

# %% [markdown]
# **Task.** Write `mlp_forward(x, w1, b1, w2, b2)`, the formula above: for `x` of shape `(N, 1)`
# it returns a tensor of shape `(N, 1)`. Use torch operations only (no numpy), otherwise the
# gradients cannot flow back to the weights.

# %% [raw]
# # BEGIN SOLUTION

# %%
def mlp_forward(x, w1, b1, w2, b2):
    # BEGIN SOLUTION
    hidden_units = torch.relu(x @ w1 + b1)
    return hidden_units @ w2 + b2
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_forward_shape(mlp_forward):
    import torch
    weights = [torch.zeros(1, 3), torch.zeros(3), torch.zeros(3, 1), torch.zeros(1)]
    out = mlp_forward(torch.zeros(5, 1), *weights)
    assert isinstance(out, torch.Tensor) and tuple(out.shape) == (5, 1), "x of shape (5, 1) should give (5, 1)"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 3
""" # END TEST CONFIG
def test_forward_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("forward", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## 3. Training the four tensors
#
# We measure the fit by the mean squared error over the data,
# $\;\mathcal{L} = \frac1N\sum_i \big(f(x_i) - y_i\big)^2$, and let an optimiser change the four
# tensors to make it small. We use **Adam**: like gradient descent it steps against the
# gradient, but it scales each parameter's step using running averages of that parameter's
# past gradients, so one learning rate suits weights of very different sensitivity.
#
# Every iteration has the same four moves: compute the loss, clear the old gradients
# (`optimizer.zero_grad()`; PyTorch *adds* new gradients to `.grad`), back-propagate
# (`loss.backward()`), and step (`optimizer.step()`).

# %% [raw]
# # BEGIN QUESTION
# name: train_mlp_params
# points: 3

# %% [markdown]
# **Task.** Write `train_mlp_params(xs, ys, params, n_iter=2000, lr=0.01)`. `params` is the tuple
# `(w1, b1, w2, b2)`; optimise *these* tensors in place with `torch.optim.Adam` and learning rate
# `lr` on the mean squared error of `mlp_forward` over all of `xs`, for `n_iter` iterations.
# Return the list of the `n_iter` losses as Python floats (`loss.item()`), each taken before its
# step.

# %% [raw]
# # BEGIN SOLUTION

# %%
def train_mlp_params(xs, ys, params, n_iter=2000, lr=0.01):
    # BEGIN SOLUTION
    optimizer = torch.optim.Adam(params, lr=lr)
    losses = []
    for _ in range(n_iter):
        loss = torch.mean((mlp_forward(xs, *params) - ys) ** 2)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_train_params_returns_losses(train_mlp_params):
    import torch
    generator = torch.Generator().manual_seed(0)
    params = [torch.randn(*s, generator=generator).requires_grad_() for s in [(1, 3), (3,), (3, 1), (1,)]]
    losses = train_mlp_params(torch.rand(6, 1), torch.rand(6, 1), params, n_iter=3, lr=0.01)
    assert len(losses) == 3, "train_mlp_params should return one loss per iteration"
    assert all(isinstance(float(v), float) for v in losses), "losses should be numbers"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 3
""" # END TEST CONFIG
def test_train_params_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("train_params", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# Now train 100 hidden units on our data and look at the result. On this small problem the loss
# has stopped improving after about 1000 Adam steps, so we stop there (the default of 2000 gives
# the same curve). The loss is drawn on a logarithmic axis: it falls by two orders of magnitude
# at first, then flattens out near the noise level (the noise has variance 1, so even the true
# function has a mean squared error of about 1 on these samples).

# %%
try:
    params = init_mlp_params(hidden=100, seed=0)
    losses = train_mlp_params(torch_xs, torch_ys, params, n_iter=1000, lr=0.01)
    print(f"loss: {losses[0]:.2f} at the start, {losses[-1]:.3f} after {len(losses)} steps")
    print(f"MSE of the true function on the samples: {np.mean((true_function(xs) - ys) ** 2):.3f}")

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    left.scatter(xs, ys, s=12, label="noisy samples")
    left.plot(lsp, true_function(lsp), "k--", label="true function")
    left.plot(lsp, mlp_forward(torch_lsp, *params).detach().numpy(), lw=2, label="MLP (four tensors)")
    left.set_xlabel("x")
    left.set_ylabel("y")
    left.legend()
    right.semilogy(losses)
    right.set_xlabel("Adam step")
    right.set_ylabel("training MSE")
    plt.tight_layout()
    plt.show()
except Exception as error:  # until the tasks this cell uses are answered
    print(f"Answer the tasks this cell uses first (init_mlp_params, mlp_forward and train_mlp_params). {type(error).__name__}: {error}")

# %% [markdown]
# Compare the two numbers printed above: the network's training MSE ends *below* that of the
# true function. No model can predict the noise, so an error under the noise level means the 100
# hidden units have begun to follow the noise of these 80 particular samples: **overfitting**.
# On fresh samples of the same rule the network would do worse than the true function. Fewer
# hidden units, fewer steps or more data narrow that gap; try one of them.

# %% [markdown]
# ## 4. The same network as an `nn.Module`
#
# Keeping four loose tensors works, but it does not scale: a real network has dozens of them,
# and every one must be handed to the optimiser. `torch.nn.Module` solves this bookkeeping.
# In `__init__` you assign each trainable tensor to an attribute as an `nn.Parameter`; the
# module then *registers* it, and `model.parameters()` yields all of them. `forward(x)` holds
# the computation, and calling `model(x)` runs it.
#
# Two things to know:
#
# * only `nn.Parameter` objects (and sub-modules) are registered. A plain tensor stored in an
#   attribute, even one with `requires_grad=True`, is invisible to `model.parameters()`, so an
#   optimiser built from them would never update it;
# * `nn.Linear(in_features, out_features)` is a ready-made module holding a weight of shape
#   `(out_features, in_features)` and a bias, and computing `x @ weight.T + bias`. Two of them
#   give the same network as our four tensors, and are a fine alternative.

# %% [raw]
# # BEGIN QUESTION
# name: MyOwnMLP
# points: 4

# %% [markdown]
# **Task.** Complete `MyOwnMLP(hidden=100)`: an `nn.Module` that computes
# `relu(x @ w1 + b1) @ w2 + b2`, whose weights are registered parameters with small random
# starting values — `3 * hidden + 1` numbers in all — and where nothing is fixed to 100: the
# size comes from `hidden`. `model(x)` for `x` of shape `(N, 1)` returns shape `(N, 1)`.
# "Small random" means one of two things: every starting value drawn from $\mathcal{N}(0, 0.1^2)$
# as in `init_mlp_params` (`0.1 * torch.randn(...)`, or `nn.init.normal_(p, 0.0, 0.1)` on each
# parameter), or, if you build it from two `nn.Linear` layers, their own default
# initialisation (a layer with $n$ inputs draws its weight and bias uniformly from
# $[-1/\sqrt{n}, 1/\sqrt{n}]$). The grader builds 200 fresh `MyOwnMLP()` and checks the mean
# and standard deviation of each parameter's starting values against one of these, within 5
# standard errors.

# %% [raw]
# # BEGIN SOLUTION

# %%
class MyOwnMLP(nn.Module):
    def __init__(self, hidden=100):
        super().__init__()
        # BEGIN SOLUTION
        self.w1 = nn.Parameter(0.1 * torch.randn(1, hidden))
        self.b1 = nn.Parameter(0.1 * torch.randn(hidden))
        self.w2 = nn.Parameter(0.1 * torch.randn(hidden, 1))
        self.b2 = nn.Parameter(0.1 * torch.randn(1))
        # END SOLUTION

    def forward(self, x):
        # BEGIN SOLUTION
        activations = torch.relu(x @ self.w1 + self.b1)
        return activations @ self.w2 + self.b2
        # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_module_shape(MyOwnMLP):
    import torch
    model = MyOwnMLP(hidden=5)
    assert isinstance(model, torch.nn.Module), "MyOwnMLP should subclass torch.nn.Module"
    assert sum(p.numel() for p in model.parameters()) == 16, "with hidden=5 the module should register 3 * 5 + 1 numbers"
    out = model(torch.zeros(3, 1))
    assert tuple(out.shape) == (3, 1), "an input of shape (3, 1) should give an output of shape (3, 1)"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 4
""" # END TEST CONFIG
def test_module_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("module", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# Modules nest: a module stored as an attribute of another is registered too, and its
# parameters appear in the outer module's list under a dotted name. This is how large networks
# are assembled from small blocks. Here two MLPs of different sizes are averaged:

# %%
class TwoMLPs(nn.Module):
    def __init__(self):
        super().__init__()
        self.small = MyOwnMLP(hidden=10)
        self.large = MyOwnMLP(hidden=20)

    def forward(self, x):
        return 0.5 * (self.small(x) + self.large(x))


pair = TwoMLPs()
for name, parameter in pair.named_parameters():
    print(f"{name:10s} {tuple(parameter.shape)}")
print("numbers to train:", sum(p.numel() for p in pair.parameters()), "= (3*10 + 1) + (3*20 + 1)")

# %% [markdown]
# ## 5. Feeding the data in batches: `Dataset` and `DataLoader`
#
# So far every step used all 80 points. With large data sets that is too slow or does not fit in
# memory, so we train on small random *batches* instead. PyTorch splits the job in two:
#
# * a `Dataset` says how many examples there are (`__len__`) and returns example `i` as a pair
#   `(x_i, y_i)` (`__getitem__`). An index past the end must raise `IndexError`, as a list does;
# * a `DataLoader` asks the dataset for examples, stacks them into batch tensors, and optionally
#   shuffles the order every epoch. With 80 points and `batch_size=10` an epoch has 8 batches; if
#   the size does not divide evenly, the last batch is smaller.

# %% [raw]
# # BEGIN QUESTION
# name: CustomDataset
# points: 3

# %% [markdown]
# **Task.** Complete `CustomDataset(data_x, data_y)`, where `data_x` and `data_y` are tensors with
# one row per example: `len(ds)` is the number of rows and `ds[i]` is `(data_x[i], data_y[i])`,
# of the same dtype as the data (float32 in, float32 out: a float64 copy would not fit a float32
# model). When `data_x` and `data_y` have different numbers of rows, `CustomDataset(...)` raises
# a `ValueError` at once (an `assert`, as `TensorDataset` has, is accepted too): pairing them up
# with `zip` would silently drop the extra rows.

# %% [raw]
# # BEGIN SOLUTION

# %%
class CustomDataset(Dataset):
    def __init__(self, data_x, data_y):
        # BEGIN SOLUTION
        if len(data_x) != len(data_y):
            raise ValueError("data_x and data_y need the same number of rows")
        self.data_x = data_x
        self.data_y = data_y
        # END SOLUTION

    def __len__(self):
        return len(self.data_x)  # SOLUTION

    def __getitem__(self, index):
        return self.data_x[index], self.data_y[index]  # SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_dataset_basics(CustomDataset):
    import torch
    ds = CustomDataset(torch.zeros(4, 1), torch.ones(4, 1))
    assert len(ds) == 4, "len() should be the number of rows"
    assert len(ds[0]) == 2, "ds[i] should be a pair (x_i, y_i)"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 3
""" # END TEST CONFIG
def test_dataset_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("dataset", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %%
try:
    dataset = CustomDataset(torch_xs, torch_ys)
    dataloader = DataLoader(dataset, batch_size=10)
    print(len(dataset), "points in", len(dataloader), "batches")
    for batch_x, batch_y in dataloader:
        print("first batch:", tuple(batch_x.shape), tuple(batch_y.shape))
        break
except Exception as error:  # until the tasks this cell uses are answered
    print(f"Answer the tasks this cell uses first (CustomDataset). {type(error).__name__}: {error}")

# %% [markdown]
# ## 6. CPU or GPU?
#
# A tensor lives on a *device*: the CPU's memory or a GPU's. An operation needs all its inputs on
# one device, and `.to(device)` copies a tensor (or every parameter of a module) there. PyTorch
# names NVIDIA GPUs **`"cuda"`** (after the CUDA toolkit); `"cuda:0"` is the first GPU,
# `"cuda:1"` the second. There is no device called `"gpu"`: many tutorials write
# `'gpu' if torch.cuda.is_available() else 'cpu'`, which works on a laptop without a GPU (it takes
# the `'cpu'` branch) and crashes the moment it runs on a machine that has one:

# %%
try:
    torch.device("gpu")
except RuntimeError as error:
    print("RuntimeError:", str(error).splitlines()[0][:90], "...")

# %% [raw]
# # BEGIN QUESTION
# name: get_device
# points: 2

# %% [markdown]
# **Task.** Write `get_device()`: it returns `torch.device("cuda")` when
# `torch.cuda.is_available()` says so, and `torch.device("cpu")` otherwise. Return a
# `torch.device`, not a string. The grader runs the cell that defines `get_device` again on a
# simulated machine with a GPU and on one without: a constant computed in that cell is fine.

# %% [raw]
# # BEGIN SOLUTION

# %%
def get_device():
    # BEGIN SOLUTION
    if torch.cuda.is_available():
        return torch.device("cuda")
    return torch.device("cpu")
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_device_type(get_device):
    import torch
    device = get_device()
    assert isinstance(device, torch.device), "get_device should return a torch.device"
    assert device.type in ("cpu", "cuda"), "the device should be the CPU or a CUDA GPU"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 2
""" # END TEST CONFIG
def test_device_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("device", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %%
device = get_device()
print("training on", device)

# %% [markdown]
# ## 7. The training loop, on the device
#
# Everything comes together in the loop most PyTorch programs share. One pass over the whole
# data set is an **epoch**; in each epoch the `DataLoader` hands out batches, and every batch
# gets one optimiser step. The model is moved to the device once, before training; each batch is
# moved as it arrives (the data set itself stays on the CPU, which is what makes data sets larger
# than the GPU's memory possible).

# %% [raw]
# # BEGIN QUESTION
# name: train
# points: 4

# %% [markdown]
# **Task.** Write `train(model, dataloader, n_epochs, lr, device)`:
#
# * move `model` to `device`, then create an Adam optimiser over `model.parameters()` with
#   learning rate `lr` (the grader accepts any `torch.optim` optimiser that trains the model
#   well, and checks that it steps with the `lr` it was given);
# * for each of the `n_epochs` epochs, go through `dataloader`; move each batch's inputs **and**
#   targets to `device`, compute the mean squared error of the model's output, and take one step;
# * return the list of per-epoch losses: for each epoch, the mean of its batch losses (floats).
#   The grader recomputes those means from the model's outputs: call the model once per batch
#   for training (calls inside `torch.no_grad()`, to evaluate, are not counted).
#
# Send things to the device only with `.to(device)` (no `.cuda()`, no `torch.zeros(..., device=...)`):
# the grader checks where your tensors go on a machine without a GPU by watching those calls.

# %% [raw]
# # BEGIN SOLUTION

# %%
def train(model, dataloader, n_epochs, lr, device):
    # BEGIN SOLUTION
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.MSELoss()
    epoch_losses = []
    for _ in range(n_epochs):
        batch_losses = []
        for batch_x, batch_y in dataloader:
            batch_x, batch_y = batch_x.to(device), batch_y.to(device)
            loss = loss_fn(model(batch_x), batch_y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            batch_losses.append(loss.item())
        epoch_losses.append(sum(batch_losses) / len(batch_losses))
    return epoch_losses
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_train_returns_epoch_losses(train):
    import torch
    from torch.utils.data import DataLoader, TensorDataset
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(1, 4), torch.nn.ReLU(), torch.nn.Linear(4, 1))
    loader = DataLoader(TensorDataset(torch.rand(12, 1), torch.rand(12, 1)), batch_size=5)
    losses = train(model, loader, 3, 0.01, torch.device("cpu"))
    assert len(losses) == 3, "train should return one loss per epoch"
    assert all(isinstance(float(v), float) for v in losses), "losses should be numbers"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 2
""" # END TEST CONFIG
def test_train_fits_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("train_loss", env)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 2
""" # END TEST CONFIG
def test_train_uses_device_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("train_device", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# Train a fresh `MyOwnMLP` for 100 epochs of 8 shuffled batches, then bring it back to the CPU
# (numpy, and so matplotlib, only read CPU tensors).

# %%
try:
    torch.manual_seed(0)  # the starting weights and the shuffling order
    model = MyOwnMLP(hidden=100)
    loader = DataLoader(CustomDataset(torch_xs, torch_ys), batch_size=10, shuffle=True)
    epoch_losses = train(model, loader, n_epochs=100, lr=0.01, device=device)
    model = model.to("cpu")
    print(f"mean batch loss: {epoch_losses[0]:.2f} in the first epoch, {epoch_losses[-1]:.3f} in the last")

    plt.figure(figsize=(5, 3.5))
    plt.semilogy(range(1, len(epoch_losses) + 1), epoch_losses)
    plt.xlabel("epoch")
    plt.ylabel("mean batch MSE")
    plt.show()
except Exception as error:  # until the tasks this cell uses are answered
    print(f"Answer the tasks this cell uses first (MyOwnMLP, CustomDataset and train). {type(error).__name__}: {error}")

# %% [markdown]
# ## 8. Drawing the fit
#
# A loss is one number; a picture of the fit shows *where* a model is good and where it is not.

# %% [raw]
# # BEGIN QUESTION
# name: plot_fit
# points: 2

# %% [markdown]
# **Task.** Write `plot_fit(model, xs, ys)`. `xs` and `ys` are numpy arrays of shape `(N, 1)`
# (like those of `make_cubic_data()`); `model` is a network on the CPU that takes a float32
# tensor of shape `(M, 1)` and returns shape `(M, 1)`. Make a new figure
# (`fig, ax = plt.subplots()`) and draw on it
#
# * the data as points: `ax.scatter(xs, ys, ...)`, or `ax.plot` with a marker such as `"o"`;
# * the model's prediction as a line over **200 evenly spaced inputs from `xs.min()` to
#   `xs.max()`** (`np.linspace`), computed by the `model` you are given (under
#   `torch.no_grad()`, or `.detach()` before `.numpy()`);
#
# give each a label, label both axes, add a legend and **return the figure** (do not call
# `plt.show()` inside). The grader calls `plot_fit` on a model and data of its own and reads
# back from the figure you return: the points (in any order), the line's 200 inputs and its
# values, which must be what that model predicts there, the labels and the legend. Colours, sizes, marker
# and line styles are yours to choose.

# %% [raw]
# # BEGIN SOLUTION

# %%
def plot_fit(model, xs, ys):
    # BEGIN SOLUTION
    inputs = np.linspace(xs.min(), xs.max(), 200)[:, None]
    with torch.no_grad():
        prediction = model(torch.from_numpy(inputs).float()).numpy()
    fig, ax = plt.subplots()
    ax.scatter(xs, ys, label="data")
    ax.plot(inputs, prediction, label="model")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
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
def test_plot_fit_shape(plot_fit):
    import matplotlib.pyplot as plt
    import numpy as np
    import torch
    model = torch.nn.Sequential(torch.nn.Linear(1, 3), torch.nn.ReLU(), torch.nn.Linear(3, 1))
    xs = np.linspace(0.0, 1.0, 5).reshape(-1, 1)
    fig = plot_fit(model, xs, xs ** 2)
    assert isinstance(fig, plt.Figure), "plot_fit should return the matplotlib Figure it drew"
    assert len(fig.axes) >= 1, "draw on an axes of the figure you return"
    assert len(fig.axes[0].get_lines()) + len(fig.axes[0].collections) >= 2, "draw the data points and the prediction's line"
    plt.close(fig)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 2
""" # END TEST CONFIG
def test_plot_fit_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("plot_fit", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# The trained `MyOwnMLP` against the true function. Compare the last mean batch loss printed
# above with the noise level (variance 1): a training error below it means the network has
# started to follow the noise of these 80 samples, not only the rule behind them.

# %%
try:
    figure = plot_fit(model, xs, ys)
    axes = figure.axes[0]
    axes.plot(lsp, true_function(lsp), "k--", label="true function")
    axes.set_title("MyOwnMLP after 100 epochs of mini-batches")
    axes.legend()
    plt.show()
except Exception as error:  # until the tasks this cell uses are answered
    print(f"Answer the tasks this cell uses first (MyOwnMLP, CustomDataset, train and plot_fit). {type(error).__name__}: {error}")

# %% [markdown]
# ## Done
#
# Run the cell below to check all your answers, then use the export cell to make the zip you
# submit. The checks in this notebook look only at shapes and types; the grader runs further
# tests on data, sizes and weights you have not seen.

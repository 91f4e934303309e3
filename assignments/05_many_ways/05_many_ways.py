# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [raw]
# # ASSIGNMENT CONFIG

# %% [markdown]
# # Assignment 05 — One problem, many ways
#
# This notebook solves a single small problem again and again: fit the cubic
# $\hat y = a + b x + c x^2 + d x^3$ to $y = \sin x$ at 2000 evenly spaced points of
# $[-\pi, \pi]$, by gradient descent on the **summed** squared error
#
# $$L(a, b, c, d) = \sum_{i=1}^{2000} \bigl(\hat y_i - y_i\bigr)^2 .$$
#
# Each version hands one more chore to PyTorch:
#
# 1. numpy only, with gradients you derive by hand;
# 2. torch tensors, on a GPU when there is one, gradients still by hand;
# 3. autograd computes the gradients;
# 4. a custom `torch.autograd.Function` with its own backward, inside a different model;
# 5. an `nn.Module` that owns its parameters, trained by an optimizer;
# 6. a module whose computation graph changes on every call and uses one parameter twice.
#
# Along the way you draw the fit yourself. The problem never changes, so whenever two versions
# disagree, one of them has a bug.
#
# You work in pairs. Put the Canvas login of **both** partners in the cell below: the grader
# gives the grade to everyone listed there.

# %%
CONTRIBUTORS = ["partner_one_login", "partner_two_login"]

# %%
import math
import random

import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

np.random.seed(0)
_ = torch.manual_seed(0)
random.seed(0)

# %% [markdown]
# ## 1. numpy and a gradient by hand
#
# First the smallest case: minimise $g(x) = (x - 2)^2$ with its derivative worked out on paper,
# $g'(x) = 2(x - 2)$, and no autograd at all.

# %% [raw]
# # BEGIN QUESTION
# name: descend_square
# points: 2

# %% [markdown]
# **Task 0.** Write `descend_square(x0, lr, n_steps)`, plain Python or numpy (no torch): run
# `n_steps` steps of $x_{k+1} = x_k - \mathrm{lr}\; g'(x_k)$ with the hand derivative above and
# return the list of the `n_steps + 1` iterates $x_0, x_1, \dots, x_n$ as floats.

# %% [raw]
# # BEGIN SOLUTION

# %%
def descend_square(x0, lr, n_steps):
    # BEGIN SOLUTION
    xs = [float(x0)]
    for _ in range(n_steps):
        xs.append(xs[-1] - lr * 2.0 * (xs[-1] - 2.0))
    return xs
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_descend_square_shape(descend_square):
    xs = descend_square(0.0, 0.1, 3)
    assert len(xs) == 4, "return the n_steps + 1 iterates x_0 ... x_n"
    assert float(xs[0]) == 0.0, "the first iterate is x0 itself"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 2
""" # END TEST CONFIG
def test_descend_square_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("descend_square", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %%
try:
    print("20 steps of lr 0.1 from x0 = 5:", np.round(descend_square(5.0, 0.1, 20)[-3:], 5))
except Exception as error:  # until the tasks this cell uses are answered
    print(f"Answer the tasks this cell uses first (descend_square). {type(error).__name__}: {error}")

# %% [markdown]
# Now the cubic. Write $r_i = \hat y_i - y_i$ for the residual at point $i$. The chain rule gives each partial
# derivative of $L = \sum_i r_i^2$ as a sum over the points: $\partial L / \partial a$ needs
# $\partial \hat y_i / \partial a = 1$, $\partial L / \partial b$ needs $x_i$, and so on.

# %% [raw]
# # BEGIN QUESTION
# name: cubic_grads_numpy
# points: 3

# %% [markdown]
# **Task 1.** Write `cubic_grads_numpy(x, y, a, b, c, d)`: `x` and `y` are 1-D float64 numpy
# arrays of the same length (any length, not only 2000), `a, b, c, d` are floats. Return the four partial
# derivatives $(\partial L/\partial a, \partial L/\partial b, \partial L/\partial c,
# \partial L/\partial d)$ of $L = \sum_i (a + b x_i + c x_i^2 + d x_i^3 - y_i)^2$ as four Python
# floats. Derive them by hand and use **numpy only**: the grader runs this function with torch
# taken away.

# %% [raw]
# # BEGIN SOLUTION

# %%
def cubic_grads_numpy(x, y, a, b, c, d):
    # BEGIN SOLUTION
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    residual = a + b * x + c * x**2 + d * x**3 - y
    g = 2.0 * residual
    return float(g.sum()), float((g * x).sum()), float((g * x**2).sum()), float((g * x**3).sum())
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_cubic_grads_shape(cubic_grads_numpy):
    import numpy as np
    grads = cubic_grads_numpy(np.array([0.0, 1.0]), np.array([0.0, 0.0]), 0.0, 0.0, 0.0, 0.0)
    assert len(grads) == 4, "return four numbers, one per coefficient"
    assert all(float(g) == 0.0 for g in grads), "a zero polynomial fits zero targets exactly: every gradient is 0"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 3
""" # END TEST CONFIG
def test_cubic_grads_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("cubic_grads", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: fit_cubic_numpy
# points: 3

# %% [markdown]
# **Task 2.** Write `fit_cubic_numpy(n_steps, lr)`, numpy only:
#
# * the data: `x = np.linspace(-math.pi, math.pi, 2000)` (float64) and `y = np.sin(x)`;
# * the start: `a, b, c, d = np.random.randn(4)`, drawn from numpy's *global* generator, so
#   that a caller who seeds it (`np.random.seed(...)`) gets the same start every time;
# * `n_steps` steps of gradient descent, each moving every coefficient by `-lr` times its
#   gradient from `cubic_grads_numpy`, all four computed at the same point before any moves.
#
# Return `((a, b, c, d), losses)`: the final coefficients as floats and the list of the `n_steps`
# values of $L$, `losses[k]` being $L$ *before* step `k`. `n_steps = 0` must work (it returns the
# start and an empty list).

# %% [raw]
# # BEGIN SOLUTION

# %%
def fit_cubic_numpy(n_steps, lr):
    # BEGIN SOLUTION
    x = np.linspace(-math.pi, math.pi, 2000)
    y = np.sin(x)
    a, b, c, d = (float(v) for v in np.random.randn(4))
    losses = []
    for _ in range(n_steps):
        y_pred = a + b * x + c * x**2 + d * x**3
        losses.append(float(np.sum((y_pred - y) ** 2)))
        grad_a, grad_b, grad_c, grad_d = cubic_grads_numpy(x, y, a, b, c, d)
        a, b, c, d = a - lr * grad_a, b - lr * grad_b, c - lr * grad_c, d - lr * grad_d
    return (a, b, c, d), losses
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_fit_cubic_numpy_shape(fit_cubic_numpy):
    coefficients, losses = fit_cubic_numpy(3, 1e-6)
    assert len(coefficients) == 4, "return the four coefficients (a, b, c, d)"
    assert len(losses) == 3, "losses should hold n_steps values"
    coefficients, losses = fit_cubic_numpy(0, 1e-6)
    assert len(coefficients) == 4 and len(losses) == 0, "n_steps = 0 returns the start and no losses"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 3
""" # END TEST CONFIG
def test_fit_cubic_numpy_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("fit_numpy", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# The learning rate is tiny because $L$ is a *sum* over 2000 points: its gradient is about 2000
# times that of the mean, and the $x^3$ column reaches $\pi^3 \approx 31$. Above roughly
# $3.6\cdot 10^{-6}$ (two over the largest curvature of $L$) the descent blows up.

# %%
try:
    np.random.seed(0)
    numpy_coefficients, numpy_losses = fit_cubic_numpy(1000, 2e-6)  # `%%time` as the cell's first line times it
    print(f"numpy: final L = {numpy_losses[-1]:.2f}")
    print("y = {:.4f} + {:.4f} x + {:.4f} x^2 + {:.4f} x^3".format(*numpy_coefficients))
except Exception as error:  # until the tasks this cell uses are answered
    print(f"Answer the tasks this cell uses first (cubic_grads_numpy and fit_cubic_numpy). {type(error).__name__}: {error}")

# %% [markdown]
# ## 2. The same with tensors, on a device
#
# Torch tensors behave much like numpy arrays, and every tensor lives on a **device**: the CPU
# or a GPU. Tensors are created on a device with the `device=` argument (`torch.linspace(...,
# device=device)`, `torch.randn((), device=device)`) or moved there with `.to(device)`. An
# operation needs all its (non-scalar) tensors on one device, and a GPU pays off only once the
# arrays are large; here it merely shows that the same code runs there.

# %%
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
print("this notebook's device:", device)

# %% [raw]
# # BEGIN QUESTION
# name: fit_cubic_tensors
# points: 5

# %% [markdown]
# **Task 3.** Write `fit_cubic_tensors(n_steps, lr, device)`: `fit_cubic_numpy` rewritten with
# torch tensors (float32, PyTorch's default) **created on `device`**: `x` from `torch.linspace`,
# `y = torch.sin(x)`, and the start `a, b, c, d` as four 0-d tensors from
# `torch.randn((), device=device)`, drawn in that order. Compute the four gradients **by hand**
# with tensor operations (no `requires_grad`, no `backward`), and update as before. Return
# `((a, b, c, d), losses)` as Python floats (`.item()`), `losses[k]` being $L$ before step `k`.
# The grader calls it with other step counts and learning rates, and watches where your tensors
# are made (on a machine without a GPU it pretends to have one).

# %% [raw]
# # BEGIN SOLUTION

# %%
def fit_cubic_tensors(n_steps, lr, device):
    # BEGIN SOLUTION
    x = torch.linspace(-math.pi, math.pi, 2000, device=device)
    y = torch.sin(x)
    a, b, c, d = (torch.randn((), device=device) for _ in range(4))
    losses = []
    for _ in range(n_steps):
        y_pred = a + b * x + c * x**2 + d * x**3
        residual = y_pred - y
        losses.append((residual * residual).sum().item())
        g = 2.0 * residual
        grad_a, grad_b, grad_c, grad_d = g.sum(), (g * x).sum(), (g * x**2).sum(), (g * x**3).sum()
        a, b, c, d = a - lr * grad_a, b - lr * grad_b, c - lr * grad_c, d - lr * grad_d
    return (a.item(), b.item(), c.item(), d.item()), losses
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_fit_cubic_tensors_shape(fit_cubic_tensors):
    import torch
    coefficients, losses = fit_cubic_tensors(3, 1e-6, torch.device("cpu"))
    assert len(coefficients) == 4 and len(losses) == 3, "return (a, b, c, d) and n_steps losses"
    assert all(isinstance(float(v), float) for v in coefficients), "the coefficients should be numbers"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 3
""" # END TEST CONFIG
def test_fit_cubic_tensors_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("fit_tensors", env)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 2
""" # END TEST CONFIG
def test_fit_cubic_tensors_device_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("tensors_device", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %%
try:
    torch.manual_seed(0)
    tensor_coefficients, tensor_losses = fit_cubic_tensors(1000, 2e-6, device)  # `%%time` as the cell's first line times it
    print(f"tensors on {device}: final L = {tensor_losses[-1]:.2f}")
except Exception as error:  # until the tasks this cell uses are answered
    print(f"Answer the tasks this cell uses first (fit_cubic_tensors). {type(error).__name__}: {error}")

# %% [markdown]
# ## 3. Autograd
#
# Now let autograd find the gradients. Make the four coefficients leaves with
# `requires_grad=True`; after `loss.backward()` each holds its gradient in `.grad`. Two rules
# from assignments 02 and 03 matter here:
#
# * the update `a -= lr * a.grad` must not itself be recorded, so it runs inside
#   `with torch.no_grad():`. (Older code writes `a.data -= ...`; `.data` gives a view that
#   autograd does not track at all, so it also skips the checks that catch a tensor changed
#   while a graph still needs it. Prefer `torch.no_grad()`.)
# * `backward` *adds* into `.grad`, so the gradients are cleared after each update
#   (`a.grad = None` or `a.grad.zero_()`), or the next step uses the sum of all earlier ones.

# %% [raw]
# # BEGIN QUESTION
# name: fit_cubic_autograd
# points: 3

# %% [markdown]
# **Task 4.** Write `fit_cubic_autograd(n_steps, lr)`: the same fit on the CPU, start
# `a, b, c, d` from four `torch.randn((), requires_grad=True)` in that order, gradients from
# `loss.backward()`, updates inside `torch.no_grad()` (not through `.data`), gradients cleared
# after each update. Return `((a, b, c, d), losses)` as in Task 3.

# %% [raw]
# # BEGIN SOLUTION

# %%
def fit_cubic_autograd(n_steps, lr):
    # BEGIN SOLUTION
    x = torch.linspace(-math.pi, math.pi, 2000)
    y = torch.sin(x)
    params = [torch.randn((), requires_grad=True) for _ in range(4)]
    a, b, c, d = params
    losses = []
    for _ in range(n_steps):
        loss = (a + b * x + c * x**2 + d * x**3 - y).pow(2).sum()
        losses.append(loss.item())
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= lr * p.grad
                p.grad = None
    return tuple(p.item() for p in params), losses
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_fit_cubic_autograd_shape(fit_cubic_autograd):
    coefficients, losses = fit_cubic_autograd(3, 1e-6)
    assert len(coefficients) == 4 and len(losses) == 3, "return (a, b, c, d) and n_steps losses"
    assert all(isinstance(float(v), float) for v in coefficients), "the coefficients should be numbers"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 3
""" # END TEST CONFIG
def test_fit_cubic_autograd_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("fit_autograd", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# Same seed, same start: the three versions so far must agree (float32 against float64 rounding
# aside).

# %%
try:
    torch.manual_seed(0)
    autograd_coefficients, autograd_losses = fit_cubic_autograd(1000, 2e-6)
    print("tensors by hand:", np.round(tensor_coefficients, 5))
    print("autograd:       ", np.round(autograd_coefficients, 5))
except Exception as error:  # until the tasks this cell uses are answered
    print(f"Answer the tasks this cell uses first (fit_cubic_autograd). {type(error).__name__}: {error}")

# %% [markdown]
# ## 4. A custom autograd Function in another model
#
# Autograd knows the derivative of every built-in operation. For an operation of our own we can
# supply both directions: a subclass of `torch.autograd.Function` with a `forward` (that may save
# what it needs with `ctx.save_for_backward`) and a `backward` that receives
# $\partial L/\partial(\text{output})$ and returns $\partial L/\partial(\text{input})$. Here the
# operation is the Legendre polynomial $P_3(z) = \tfrac12(5z^3 - 3z)$ and the model becomes
#
# $$\hat y = a + b\, P_3(c + d x).$$
#
# This model is not linear in its parameters, and it only converges from a start near a good
# fit: $a = 0$, $b = -1$, $c = 0$, $d = 0.3$.

# %% [raw]
# # BEGIN QUESTION
# name: fit_legendre
# points: 5

# %% [markdown]
# **Task 5.** Define, at the top level of the notebook, a `torch.autograd.Function` for $P_3$
# with a hand-written `backward` (name it as you like, for example `LegendrePolynomial3`). Then
# write `fit_legendre(n_steps, lr)`: the 2000 points as before (float32, CPU), the start above
# as four 0-d tensors with `requires_grad=True`, and `n_steps` steps of gradient descent on
# $L = \sum_i (a + b P_3(c + d x_i) - y_i)^2$, with $P_3$ applied through your Function's
# `.apply`, updates in `torch.no_grad()` and gradients cleared. Return `((a, b, c, d), losses)` as
# before. The grader checks your Function on its own and counts the calls of its `backward`.

# %% [raw]
# # BEGIN SOLUTION

# %%
class LegendrePolynomial3(torch.autograd.Function):
    @staticmethod
    def forward(ctx, z):
        # BEGIN SOLUTION
        ctx.save_for_backward(z)
        return 0.5 * (5 * z**3 - 3 * z)
        # END SOLUTION

    @staticmethod
    def backward(ctx, grad_output):
        # BEGIN SOLUTION
        (z,) = ctx.saved_tensors
        return grad_output * 1.5 * (5 * z**2 - 1)
        # END SOLUTION


def fit_legendre(n_steps, lr):
    # BEGIN SOLUTION
    x = torch.linspace(-math.pi, math.pi, 2000)
    y = torch.sin(x)
    params = [torch.full((), value, requires_grad=True) for value in (0.0, -1.0, 0.0, 0.3)]
    a, b, c, d = params
    losses = []
    for _ in range(n_steps):
        loss = (a + b * LegendrePolynomial3.apply(c + d * x) - y).pow(2).sum()
        losses.append(loss.item())
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= lr * p.grad
                p.grad = None
    return tuple(p.item() for p in params), losses
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_fit_legendre_shape(fit_legendre):
    coefficients, losses = fit_legendre(2, 5e-6)
    assert len(coefficients) == 4 and len(losses) == 2, "return (a, b, c, d) and n_steps losses"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 2
""" # END TEST CONFIG
def test_legendre_function_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("legendre_function", env)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 3
""" # END TEST CONFIG
def test_fit_legendre_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("fit_legendre", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %%
try:
    legendre_coefficients, legendre_losses = fit_legendre(1000, 5e-6)
    print("y = {:.4f} + {:.4f} * P3({:.4f} + {:.4f} x),".format(*legendre_coefficients),
          f"final L = {legendre_losses[-1]:.2f}")
except Exception as error:  # until the tasks this cell uses are answered
    print(f"Answer the tasks this cell uses first (fit_legendre). {type(error).__name__}: {error}")

# %% [markdown]
# ## 5. An `nn.Module` and an optimizer
#
# The `nn` package first, with the update still by hand. Assignment 03 fitted this cubic as a
# linear layer on the features $(x, x^2, x^3)$; here the same model takes plain gradient steps,
# looping over `model.parameters()` inside `torch.no_grad()`:

# %%
features = torch.linspace(-math.pi, math.pi, 2000).unsqueeze(-1).pow(torch.tensor([1, 2, 3]))
target = torch.sin(features[:, 0])
torch.manual_seed(0)
layer_model = nn.Sequential(nn.Linear(3, 1), nn.Flatten(0, 1))
summed_error = nn.MSELoss(reduction="sum")
for step in range(1000):
    loss = summed_error(layer_model(features), target)
    layer_model.zero_grad()
    loss.backward()
    with torch.no_grad():
        for param in layer_model.parameters():
            param -= 2e-6 * param.grad
weight, bias = layer_model[0].weight[0], layer_model[0].bias
print(f"nn.Linear by hand: y = {bias.item():.4f} + {weight[0].item():.4f} x + {weight[1].item():.4f} x^2 "
      f"+ {weight[2].item():.4f} x^3, L = {loss.item():.2f}")

# %% [markdown]
# An `nn.Module` keeps its parameters for us: every `nn.Parameter` assigned as an attribute in
# `__init__` is *registered*, so `model.parameters()` yields it and an optimizer can update it.
# The model's computation goes in `forward`, and `model(x)` calls it.

# %% [raw]
# # BEGIN QUESTION
# name: polynomial3
# points: 3

# %% [markdown]
# **Task 6.** Write the class `Polynomial3(nn.Module)`: in `__init__`, exactly four parameters
# `self.a`, `self.b`, `self.c`, `self.d`, each a 0-d `nn.Parameter` started from
# `torch.randn(())`; `forward(x)` returns $a + b x + c x^2 + d x^3$ elementwise for a 1-D tensor
# `x`; `string()` returns the polynomial as text, like
# `"y = 0.01234 + 0.8472 x + -0.002113 x^2 + -0.09166 x^3"` with the current values (at least
# four significant digits each).

# %% [raw]
# # BEGIN SOLUTION

# %%
class Polynomial3(nn.Module):
    # BEGIN SOLUTION
    def __init__(self):
        super().__init__()
        self.a = nn.Parameter(torch.randn(()))
        self.b = nn.Parameter(torch.randn(()))
        self.c = nn.Parameter(torch.randn(()))
        self.d = nn.Parameter(torch.randn(()))

    def forward(self, x):
        return self.a + self.b * x + self.c * x**2 + self.d * x**3

    def string(self):
        return f"y = {self.a.item():.4f} + {self.b.item():.4f} x + {self.c.item():.4f} x^2 + {self.d.item():.4f} x^3"
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_polynomial3_shape(Polynomial3):
    import torch
    model = Polynomial3()
    assert isinstance(model, torch.nn.Module), "Polynomial3 should be an nn.Module"
    assert len(list(model.parameters())) == 4, "Polynomial3 should register exactly four parameters"
    assert model(torch.zeros(5)).shape == (5,), "forward should give one value per point"
    assert isinstance(model.string(), str), "string() should return text"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 3
""" # END TEST CONFIG
def test_polynomial3_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("polynomial3", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: train_module
# points: 3

# %% [markdown]
# **Task 7.** Write `train_module(model, n_steps, lr, momentum)`: any module that maps the 2000
# points `x = torch.linspace(-math.pi, math.pi, 2000)` to 2000 predictions; train it for
# `n_steps` steps of `torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)` on
# `nn.MSELoss(reduction="sum")` against $\sin x$ (the summed squared error $L$). Return the list
# of the `n_steps` losses, each taken before its step. *Momentum* keeps a running sum of past
# gradients (each step adds the gradient to `momentum` times the previous sum, and moves by `lr`
# times that sum), which speeds descent along long shallow valleys.

# %% [raw]
# # BEGIN SOLUTION

# %%
def train_module(model, n_steps, lr, momentum):
    # BEGIN SOLUTION
    x = torch.linspace(-math.pi, math.pi, 2000)
    y = torch.sin(x)
    loss_fn = nn.MSELoss(reduction="sum")
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    losses = []
    for _ in range(n_steps):
        loss = loss_fn(model(x), y)
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
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
def test_train_module_shape(train_module, Polynomial3):
    losses = train_module(Polynomial3(), 3, 1e-6, 0.9)
    assert len(losses) == 3, "return n_steps losses"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 3
""" # END TEST CONFIG
def test_train_module_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("train_module", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %%
try:
    torch.manual_seed(0)
    polynomial = Polynomial3()
    module_losses = train_module(polynomial, 500, 1e-6, 0.9)
    print("Polynomial3 after 500 steps of SGD with momentum 0.9:", polynomial.string())
except Exception as error:  # until the tasks this cell uses are answered
    print(f"Answer the tasks this cell uses first (Polynomial3 and train_module). {type(error).__name__}: {error}")

# %% [raw]
# # BEGIN QUESTION
# name: plot_fit
# points: 2

# %% [markdown]
# ## 6. Draw the fit
#
# **Task 8.** Write `plot_fit(a, b, c, d)`: make a new figure (`fig, ax = plt.subplots()`) and
# draw, over the 2000 points of $[-\pi, \pi]$, two lines: $\sin x$ with the label `"sin(x)"` and
# the cubic $a + bx + cx^2 + dx^3$ with the label `"cubic"`; add axis labels and a legend, and
# **return the figure** (do not call `plt.show()` inside). The grader reads the lines back from
# the figure you return.

# %% [raw]
# # BEGIN SOLUTION

# %%
def plot_fit(a, b, c, d):
    # BEGIN SOLUTION
    x = np.linspace(-math.pi, math.pi, 2000)
    fig, ax = plt.subplots(figsize=(5, 3.5))
    ax.plot(x, np.sin(x), label="sin(x)")
    ax.plot(x, a + b * x + c * x**2 + d * x**3, "--", label="cubic")
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
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
    fig = plot_fit(0.0, 1.0, 0.0, -0.1)
    assert isinstance(fig, plt.Figure), "plot_fit should return the matplotlib Figure it drew"
    assert len(fig.axes) >= 1 and len(fig.axes[0].get_lines()) >= 2, "draw two lines on the figure's axes"
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

# %%
try:
    a, b, c, d = (p.item() for p in (polynomial.a, polynomial.b, polynomial.c, polynomial.d))
    figure = plot_fit(a, b, c, d)
    figure.axes[0].set_title("Polynomial3 after SGD with momentum")
    plt.show()
except Exception as error:  # until the tasks this cell uses are answered
    print(f"Answer the tasks this cell uses first (Polynomial3, train_module and plot_fit). {type(error).__name__}: {error}")

# %% [markdown]
# ### Modules inside modules
#
# `train_module` takes any module, also one built from ready-made parts. Modules nest: a module
# stored as an attribute of another (or inside an `nn.Sequential`) is registered as a
# *sub-module*, and `parameters()` collects the parameters of every level.

# %% [raw]
# # BEGIN QUESTION
# name: sigmoid_net
# points: 2

# %% [markdown]
# **Task 8b.** Write `SigmoidNet(hidden)`, an `nn.Module` with two sub-modules: `self.body`, an
# `nn.Sequential` of `nn.Linear(1, hidden)` and `nn.Sigmoid()`, and `self.head`,
# `nn.Linear(hidden, 1)`. `forward(x)` takes a 1-D tensor of $N$ points and returns $N$
# predictions (a 1-D tensor): add a feature axis going in (`x.unsqueeze(-1)`) and remove it
# coming out. Keep PyTorch's default initialisation; define no other parameters.

# %% [raw]
# # BEGIN SOLUTION

# %%
class SigmoidNet(nn.Module):
    # BEGIN SOLUTION
    def __init__(self, hidden):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(1, hidden), nn.Sigmoid())
        self.head = nn.Linear(hidden, 1)

    def forward(self, x):
        return self.head(self.body(x.unsqueeze(-1))).squeeze(-1)
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_sigmoid_net_shape(SigmoidNet):
    import torch
    model = SigmoidNet(3)
    assert model(torch.zeros(7)).shape == (7,), "forward should give one value per point"
    assert len(list(model.parameters())) == 4, "two Linear layers hold four parameter tensors"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 2
""" # END TEST CONFIG
def test_sigmoid_net_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("sigmoid_net", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %%
try:
    torch.manual_seed(0)
    sigmoid_net = SigmoidNet(8)
    print("parameters collected from the sub-modules:", [name for name, _ in sigmoid_net.named_parameters()])
    sigmoid_losses = train_module(sigmoid_net, 400, 3e-4, 0.9)
    print(f"SigmoidNet(8): L = {sigmoid_losses[0]:.1f} at the start, {sigmoid_losses[-1]:.2f} after 400 steps")
except Exception as error:  # until the tasks this cell uses are answered
    print(f"Answer the tasks this cell uses first (SigmoidNet). {type(error).__name__}: {error}")

# %% [markdown]
# It learns, but carefully: on a *summed* loss over 2000 points plain SGD needs a small learning rate
# to stay stable (a few times larger and it diverges here), which is one reason assignment 04
# trained its network with Adam on a mean loss.

# %% [markdown]
# ## 7. Control flow and weight sharing
#
# Autograd records the operations of each forward pass as they run, so `forward` may be any
# Python: loops, `if`, random choices. The next model adds to the cubic the term $e x^4$ and,
# on about half of its calls (chosen at random each time), also $e x^5$, **with the same
# parameter** $e$: one parameter used in two places, *weight sharing*.

# %% [raw]
# # BEGIN QUESTION
# name: dynamic_net
# points: 4

# %% [markdown]
# **Task 9.** Write `DynamicNet(nn.Module)` with exactly five 0-d parameters `a, b, c, d, e`
# (from `torch.randn(())`). `forward(x)` returns $a + bx + cx^2 + dx^3 + e x^4$, plus
# $e x^5$ on a random half of the calls (for example when `random.randint(4, 5) == 5`); both
# outcomes must be possible on every call. `string()` returns the five values as text.

# %% [raw]
# # BEGIN SOLUTION

# %%
class DynamicNet(nn.Module):
    # BEGIN SOLUTION
    def __init__(self):
        super().__init__()
        self.a = nn.Parameter(torch.randn(()))
        self.b = nn.Parameter(torch.randn(()))
        self.c = nn.Parameter(torch.randn(()))
        self.d = nn.Parameter(torch.randn(()))
        self.e = nn.Parameter(torch.randn(()))

    def forward(self, x):
        y = self.a + self.b * x + self.c * x**2 + self.d * x**3
        for power in range(4, random.randint(4, 5) + 1):
            y = y + self.e * x**power
        return y

    def string(self):
        a, b, c, d, e = (p.item() for p in (self.a, self.b, self.c, self.d, self.e))
        return f"y = {a:.4f} + {b:.4f} x + {c:.4f} x^2 + {d:.4f} x^3 + {e:.4f} x^4 (+ {e:.4f} x^5 on half the calls)"
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_dynamic_net_shape(DynamicNet):
    import torch
    model = DynamicNet()
    assert len(list(model.parameters())) == 5, "DynamicNet should register exactly five parameters"
    assert model(torch.zeros(5)).shape == (5,), "forward should give one value per point"
    assert isinstance(model.string(), str), "string() should return text"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 4
""" # END TEST CONFIG
def test_dynamic_net_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("dynamic", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# Training it takes a very small learning rate (the $x^5$ term reaches $\pi^5 \approx 306$) and
# momentum. The tutorial this follows runs 30000 steps; 1000 keep the notebook quick and already
# show the loss falling, noisily, since every step trains one of two different models.

# %%
try:
    torch.manual_seed(0)
    dynamic = DynamicNet()
    dynamic_losses = train_module(dynamic, 1000, 1e-8, 0.9)
    print(dynamic.string())
    fig, ax = plt.subplots(figsize=(5, 3.5))
    ax.semilogy(dynamic_losses)
    ax.set_xlabel("step")
    ax.set_ylabel("$L$ (summed squared error)")
    ax.set_title("DynamicNet, SGD with momentum 0.9")
    plt.show()
except Exception as error:  # until the tasks this cell uses are answered
    print(f"Answer the tasks this cell uses first (DynamicNet and train_module). {type(error).__name__}: {error}")

# %% [raw]
# # BEGIN QUESTION
# name: dynamic_graph
# manual: true
# points: 2

# %% [markdown]
# **Question (written).** `DynamicNet` computes a different function on different calls, yet
# `loss.backward()` always gives the right gradients. Why can autograd cope with a graph that
# changes on every call? What would go wrong if the graph were built once, before training?

# %% [raw]
# # BEGIN SOLUTION

# %% [markdown]
# Autograd builds the graph *while* the forward pass runs: each operation, as it executes,
# records a node that knows how to pass gradients back to its inputs. `backward` walks exactly
# the graph of the call that produced this loss, whichever branch Python took, and then frees it.
# So each step differentiates the function that was actually computed. A graph fixed in advance
# would hold only one branch (say, without $x^5$): on the other calls its gradients would belong
# to a different function than the one that made the loss, or the random choice could not be
# expressed at all.

# %% [raw]
# # END SOLUTION

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: weight_sharing
# manual: true
# points: 2

# %% [markdown]
# **Question (written).** On a call that uses both $e x^4$ and $e x^5$, what is
# $\partial L/\partial e$, written with the residuals $r_i$? How does autograd arrive at it, and
# what does that mean for `e.grad` compared with a model that had separate parameters for the
# two terms?

# %% [raw]
# # BEGIN SOLUTION

# %% [markdown]
# $\partial L/\partial e = \sum_i 2 r_i (x_i^4 + x_i^5)$: the sum of the gradients the two uses
# would get as separate parameters. $e$ is one leaf reached along two paths of the graph; during
# the backward pass the engine adds what flows back along each path before it writes the leaf's
# gradient, so `e.grad` is the sum of both contributions. With separate parameters $e_4, e_5$
# each would get only its own term, and they could move apart; sharing ties them and moves $e$ by
# their sum (on a call without $x^5$, only the $x^4$ term counts).

# %% [raw]
# # END SOLUTION

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## Done
#
# Run the cell below to check your answers, then use the export cell to make the zip you submit.
# The checks in this notebook look only at shapes and types; the grader runs further tests with
# points, coefficients, step counts and learning rates you have not seen. The two written answers
# are graded by hand.

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
#   - sgd_data.npy

# %% [markdown]
# # Assignment 03 — Gradient descent, Newton's method, optimizers and losses
#
# Automatic differentiation gives us derivatives for free; this notebook puts them to work to
# *minimise* functions. You will
#
# 1. write gradient descent and Newton's method on top of autograd and compare how fast their
#    errors shrink, for several learning rates, on a log-log plot;
# 2. try a derivative-free method, random search, and see why it struggles when the input has
#    more dimensions;
# 3. fit the two parameters of $\sin(\omega x + t)$ to noisy data, first with hand-written update
#    steps, then with `torch.optim.SGD` and `torch.nn.MSELoss`, and explain a factor of two;
# 4. fit a straight line with an optimizer, and a cubic polynomial to $\sin x$ with
#    `nn.Sequential`, a summed squared error and `RMSprop`.
#
# You work in pairs. Put the Canvas login of **both** partners in the cell below: the grader
# gives the grade to everyone listed there.

# %%
CONTRIBUTORS = ["partner_one_login", "partner_two_login"]

# %%
import math

import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

_ = torch.manual_seed(0)  # one random start for the whole notebook

# %% [markdown]
# ## 1. From Newton's method to gradient descent
#
# To minimise a smooth function $G$ we look for a point where $G'(x) = 0$. Newton's method for
# that equation uses the first **and second** derivative:
#
# $$x_{k+1} = x_k - \frac{G'(x_k)}{G''(x_k)}.$$
#
# Second derivatives are expensive (and messy) for the functions that neural networks compute,
# so **gradient descent** replaces $1/G''$ by a small positive number $\eta$, the *learning
# rate*:
#
# $$x_{k+1} = x_k - \eta\, \nabla G(x_k).$$
#
# The gradient says which way is downhill; $\eta$ says how far to go. $\eta$ is a
# *hyperparameter*: a number that shapes how the fit runs, chosen by us, not learned.
#
# With autograd, one gradient step on a tensor `x` that has `requires_grad=True` is: evaluate
# `f(x)`, call `.backward()`, move `x` against `x.grad` **inside `torch.no_grad()`** (the move
# itself must not be recorded in the graph), then clear `x.grad`, because `backward` *adds*
# to whatever is already stored there.

# %% [raw]
# # BEGIN QUESTION
# name: gradient_descent
# points: 5

# %% [markdown]
# **Task.** Write `gradient_descent(f, x0, lr, n_steps)`.
#
# * `f` maps a tensor to a scalar tensor; `x0` is a Python float or a 1-D tensor.
# * Run `n_steps` plain gradient-descent steps $x_{k+1} = x_k - \mathrm{lr}\, \nabla f(x_k)$,
#   with gradients from autograd.
# * Return `(x, history)`: `x` the final point as a **detached** tensor shaped like `x0` (a
#   0-d tensor for a float), and `history` the list of the `n_steps + 1` values
#   $f(x_0), f(x_1), \dots, f(x_{n})$ as Python floats.
# * Do not change the caller's `x0`: work on a copy (`x0.detach().clone()`). The grader also
#   hands in an `x0` that itself has `requires_grad=True` (a leaf of the caller's own graph):
#   `detach()` is what makes your copy a fresh leaf whose `.grad` autograd fills.
# * The grader hands in functions that note where they are evaluated: autograd needs `f` only at
#   the iterates $x_0, \dots, x_n$ (finite differences would evaluate it beside them).

# %% [raw]
# # BEGIN SOLUTION

# %%
def gradient_descent(f, x0, lr, n_steps):
    # BEGIN SOLUTION
    if isinstance(x0, torch.Tensor):
        x = x0.detach().clone()
    else:
        x = torch.tensor(float(x0), dtype=torch.float64)
    x.requires_grad_(True)
    history = []
    for _ in range(n_steps):
        value = f(x)
        history.append(value.item())
        value.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    history.append(f(x).item())
    return x.detach(), history
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_gradient_descent_shapes(gradient_descent):
    import torch
    x, history = gradient_descent(lambda v: (v * v).sum(), torch.tensor([1.0, -2.0]), 0.1, 3)
    assert isinstance(x, torch.Tensor) and x.shape == (2,), "x should be a tensor shaped like x0"
    assert not x.requires_grad, "return a detached x"
    assert len(history) == 4, "history should hold n_steps + 1 values"
    x, history = gradient_descent(lambda v: (v - 1) ** 2, 0.5, 0.1, 2)
    assert isinstance(x, torch.Tensor) and x.numel() == 1, "a float x0 gives a single-number tensor"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 3
""" # END TEST CONFIG
def test_gd_iterates_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("gd_iterates", env)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 2
""" # END TEST CONFIG
def test_gd_convergence_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("gd_convergence", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# Let us try it on the function of the in-class exercise, $f(x) = x^2 + 3x + 1$, starting from
# $x_0 = 2$. Its minimum is where $f'(x) = 2x + 3 = 0$, at $x^* = -1.5$.

# %%
try:
    def poly(x):
        return x**2 + 3 * x + 1


    x_end, poly_history = gradient_descent(poly, 2.0, lr=0.1, n_steps=40)
    print(f"x after 40 steps: {x_end.item():.6f}   f(x): {poly_history[-1]:.6f}")

    plt.figure(figsize=(5, 3.5))
    plt.plot(poly_history, marker=".")
    plt.axhline(poly(-1.5), color="gray", linestyle="--", label="minimum value")
    plt.xlabel("step $k$")
    plt.ylabel("$f(x_k)$")
    plt.title("Gradient descent on $x^2 + 3x + 1$, lr = 0.1")
    plt.legend()
    plt.show()
except Exception as error:  # until the tasks this cell uses are answered
    print(f"Answer the tasks this cell uses first (gradient_descent). {type(error).__name__}: {error}")

# %% [raw]
# # BEGIN QUESTION
# name: newton
# points: 3

# %% [markdown]
# **Task.** Write `newton(f, x0, n_steps)`: Newton's method for a minimum of a function of one
# variable, $x_{k+1} = x_k - f'(x_k)/f''(x_k)$. `x0` is a float. Get **both** derivatives from
# autograd: `torch.autograd.grad(value, x, create_graph=True)` returns $f'$ as a tensor that is
# itself part of a graph, so differentiating it again gives $f''$. Return `(x, history)` as in
# `gradient_descent`: a detached tensor and the `n_steps + 1` values $f(x_0), \dots, f(x_n)$.
# As there, the grader checks that `f` is evaluated only at the iterates (no finite differences).

# %% [raw]
# # BEGIN SOLUTION

# %%
def newton(f, x0, n_steps):
    # BEGIN SOLUTION
    x = torch.tensor(float(x0), dtype=torch.float64)
    history = [f(x).item()]
    for _ in range(n_steps):
        x.requires_grad_(True)
        (first,) = torch.autograd.grad(f(x), x, create_graph=True)
        (second,) = torch.autograd.grad(first, x)
        x = (x - first / second).detach()
        history.append(f(x).item())
    return x, history
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_newton_shapes(newton):
    import torch
    x, history = newton(lambda v: torch.cosh(v - 0.3), 1.0, 3)
    assert isinstance(x, torch.Tensor) and x.numel() == 1, "x should be a single-number tensor"
    assert not x.requires_grad, "return a detached x"
    assert len(history) == 4, "history should hold n_steps + 1 values"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 2
""" # END TEST CONFIG
def test_newton_iterates_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("newton_iterates", env)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
""" # END TEST CONFIG
def test_newton_quadratic_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("newton_quadratic", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: gd_errors
# points: 3

# %% [markdown]
# ## 2. How fast do the errors shrink?
#
# For $f(x) = x^2 + 3x + 1$ one gradient step is $x_{k+1} = x_k - \eta (2 x_k + 3)$. Subtract
# $x^* = -1.5$ from both sides to see what happens to the error $e_k = x_k - x^*$ in one step.
#
# **Task.**
#
# * Write `gd_errors(lr, n_steps, x0=2.0)`: run gradient descent (with autograd) on this $f$
#   from `x0` and return a numpy array of the `n_steps + 1` errors $|x_k - x^*|$,
#   $k = 0, \dots, n_{\text{steps}}$.
# * Set `max_stable_lr` to the edge of the convergent range (a float): gradient descent on this
#   $f$ converges for every learning rate between 0 and `max_stable_lr`, and for none from
#   `max_stable_lr` on. Derive it from $f''$; the error recursion above tells you how.

# %% [raw]
# # BEGIN SOLUTION

# %%
def gd_errors(lr, n_steps, x0=2.0):
    # BEGIN SOLUTION
    x_star = -1.5
    x = torch.tensor(float(x0), dtype=torch.float64, requires_grad=True)
    errors = [abs(x.item() - x_star)]
    for _ in range(n_steps):
        (slope,) = torch.autograd.grad(poly(x), x)
        with torch.no_grad():
            x -= lr * slope
        errors.append(abs(x.item() - x_star))
    return np.array(errors)
    # END SOLUTION


max_stable_lr = 2 / 2.0  # SOLUTION

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_gd_errors_shapes(gd_errors, max_stable_lr):
    import numpy as np
    errors = np.asarray(gd_errors(0.1, 5))
    assert errors.shape == (6,), "gd_errors should return n_steps + 1 errors"
    assert isinstance(max_stable_lr, (int, float)) and max_stable_lr > 0, "max_stable_lr should be a positive number"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 2
""" # END TEST CONFIG
def test_gd_errors_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("gd_errors", env)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
""" # END TEST CONFIG
def test_max_stable_lr_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("max_stable_lr", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# The plot below shows the errors for several learning rates on log-log axes, with Newton's
# errors beside them. A straight line on a log-log plot would be a power law $e_k \propto k^p$;
# gradient descent instead gives curves that bend down ever faster (a geometric decay: every
# step multiplies the error by the same factor, the one your recursion gives), and Newton lands
# on $x^*$ after a single step on this quadratic. Errors that reach exactly zero cannot be drawn
# on a log scale, so they are shown at $10^{-16}$, the size of float64 rounding; Newton's points
# are drawn as large open stars so that a learning rate whose errors sit at that floor too stays
# visible inside them.

# %%
try:
    steps = np.arange(1, 31)
    plt.figure(figsize=(6.5, 4.5))
    for lr in (0.01, 0.05, 0.2, 0.45, 0.5, 0.9, 1.02):
        errors = gd_errors(lr, len(steps))
        plt.loglog(steps, np.maximum(errors[1:], 1e-16), marker=".", label=f"GD, lr = {lr}")
    newton_errors = [abs(newton(poly, 2.0, k)[0].item() + 1.5) for k in steps]
    plt.loglog(steps, np.maximum(newton_errors, 1e-16), "k*", markersize=14, markerfacecolor="none",
               label="Newton", zorder=1)
    plt.xlabel("step $k$")
    plt.ylabel("$|x_k - x^*|$")
    plt.title("Error of gradient descent and Newton on $x^2 + 3x + 1$")
    plt.legend(fontsize=8, ncol=2)
    plt.show()
    print("max_stable_lr =", max_stable_lr)
except Exception as error:  # until the tasks this cell uses are answered
    print(f"Answer the tasks this cell uses first (gd_errors, newton and max_stable_lr). {type(error).__name__}: {error}")

# %% [raw]
# # BEGIN QUESTION
# name: lr_discussion
# manual: true
# points: 2

# %% [markdown]
# **Question (written).** Look at the plot. Which learning rate makes gradient descent as fast
# as Newton on this function, and why exactly that one (relate it to $f''$)? What happens
# between `0.5` and `max_stable_lr`, at `max_stable_lr` itself, and above it? Would you expect
# such a "perfect" learning rate to exist for a function whose second derivative changes from
# place to place?

# %% [raw]
# # BEGIN SOLUTION

# %% [markdown]
# With $\eta = 0.5 = 1/f''$ the gradient step $x - f'(x)/2$ *is* the Newton step, so the error
# vanishes after one step ($1 - 2\eta = 0$). For $0.5 < \eta < 1$ the factor $1 - 2\eta$ is
# negative: the iterates jump over $x^*$ and alternate sides while the error still shrinks. At
# $\eta = 1$ the factor is $-1$ and the iterate bounces between two points forever; above it,
# $|1 - 2\eta| > 1$ and the error grows geometrically (divergence). When $f''$ varies, no single
# $\eta$ equals $1/f''$ everywhere, so no fixed learning rate matches Newton; a safe $\eta$ must
# stay below $2/\max f''$ and is then slow where the curvature is small.

# %% [raw]
# # END SOLUTION

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## 3. Searching without derivatives
#
# Gradient descent needs derivatives. The simplest methods need none. **Random search** draws
# a random neighbour of the current point and moves there only when it is better. An
# **exhaustive search** of the neighbourhood tries a fixed set of moves (here: one step left and
# one step right) and takes the best. The cell below runs the exhaustive search on $x^2$ from
# $x_0 = 2$ with steps of 0.01.

# %%
def square(x):
    return x**2


x, exhaustive = 2.0, []
for _ in range(300):
    x = min((x - 0.01, x, x + 0.01), key=square)
    exhaustive.append(square(x))
print(f"exhaustive search: x = {x:.4f} after 300 moves (it needs 200 moves of 0.01 to reach 0)")

# %% [raw]
# # BEGIN QUESTION
# name: random_search
# points: 3

# %% [markdown]
# **Task.** Write `random_search(f, x0, n_iter, scale, seed)`.
#
# * `x0` is a float or a 1-D numpy array; `f` takes a value of the same kind and returns a
#   float.
# * Make your own generator from `seed` (for example `rng = np.random.default_rng(seed)`), so
#   that the same seed always gives the same result, whatever other cells did to the global
#   random state.
# * In each of the `n_iter` iterations, draw a neighbour of the best point so far by adding
#   normal noise of standard deviation `scale` to every coordinate; keep it only if `f` is
#   **strictly** smaller there (a tie keeps the old point: the grader includes a function that is
#   flat around `x0`, where a search that moves on ties wanders off).
# * Return `(x_best, best_history)`, where `best_history[i]` is the best value of `f` found after
#   iteration `i` (`n_iter` values; putting $f(x_0)$ first, `n_iter + 1` values, is fine too).
# * The grader notes every point `f` is evaluated at, so it sees each neighbour you draw and
#   checks that it is the best point so far plus noise of standard deviation `scale`.

# %% [raw]
# # BEGIN SOLUTION

# %%
def random_search(f, x0, n_iter, scale, seed):
    # BEGIN SOLUTION
    rng = np.random.default_rng(seed)
    x_best = np.array(x0, dtype=np.float64)
    f_best = f(x_best)
    best_history = []
    for _ in range(n_iter):
        candidate = x_best + rng.normal(0.0, scale, size=x_best.shape)
        f_candidate = f(candidate)
        if f_candidate < f_best:
            x_best, f_best = candidate, f_candidate
        best_history.append(f_best)
    return x_best, best_history
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_random_search_shapes(random_search):
    import numpy as np
    x_best, history = random_search(lambda v: float(np.sum(np.asarray(v) ** 2)), np.array([1.0, 2.0]), 20, 0.1, 0)
    assert np.shape(x_best) == (2,), "x_best should have the shape of x0"
    assert len(history) in (20, 21), "best_history should hold one value per iteration"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 3
""" # END TEST CONFIG
def test_random_search_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("random_search", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# Now a function of five inputs, $f_2(x) = (x_1 + x_2 + x_3 + x_4 + x_5)^2$, from
# $x_0 = (1, 2, 3, 4, 5)$. The code below works on numpy arrays and on tensors alike, so both
# random search and gradient descent can use it. Only moves that lower the *sum* of the inputs
# help, and a random direction in five dimensions rarely points the right way by much.

# %%
try:
    def f_2(x):
        return (x[0] + x[1] + x[2] + x[3] + x[4]) ** 2


    start_5 = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    _, random_history = random_search(f_2, start_5, n_iter=300, scale=0.01, seed=0)
    _, gd_history = gradient_descent(f_2, torch.tensor(start_5), lr=0.01, n_steps=300)

    fig, (ax_one, ax_five) = plt.subplots(1, 2, figsize=(11, 3.5))
    ax_one.semilogy(exhaustive, linestyle=":")
    ax_one.set_xlabel("move")
    ax_one.set_ylabel("$x^2$")
    ax_one.set_title("Exhaustive search on $x^2$ (one input)")
    ax_five.semilogy(random_history, label="random search, scale 0.01")
    ax_five.semilogy(np.maximum(gd_history, 1e-30), label="gradient descent, lr 0.01")
    ax_five.set_xlabel("iteration")
    ax_five.set_ylabel("best value of $f_2$")
    ax_five.legend(fontsize=8)
    ax_five.set_title("$f_2$ (five inputs): random search against GD")
    plt.tight_layout()
    plt.show()
except Exception as error:  # until the tasks this cell uses are answered
    print(f"Answer the tasks this cell uses first (random_search and gradient_descent). {type(error).__name__}: {error}")

# %% [raw]
# # BEGIN QUESTION
# name: search_discussion
# manual: true
# points: 2

# %% [markdown]
# **Question (written).** What can you say about random search against gradient descent on
# $f_2$, from the right-hand plot? Why does random search make so little progress in five
# dimensions with this `scale`, and what would you expect with fifty inputs? Name one situation
# in which a derivative-free search is still the better choice.

# %% [raw]
# # BEGIN SOLUTION

# %% [markdown]
# Gradient descent moves straight along $-\nabla f_2$, which here points along $-(1,1,1,1,1)$:
# every step shrinks the sum of the inputs by the same factor, so $f_2$ falls geometrically. A
# random proposal helps only through its component along that one direction, which in $d$
# dimensions is about $1/\sqrt d$ of its length; half the proposals make things worse and are
# thrown away, and the accepted ones move the sum by only about `scale` each, so after 300
# tries the value has barely changed. With fifty inputs the useful component shrinks further,
# and an exhaustive search of the neighbourhood would need $2 \cdot 50$ evaluations per move.
# A derivative-free search is still the better choice when no gradient exists or is unreliable:
# a function given only as a black box (a simulation, a measurement), one that is not
# differentiable or is piecewise constant, or a choice among discrete options.

# %% [raw]
# # END SOLUTION

# %% [raw]
# # END QUESTION

# %% [markdown]
# ### Exhaustive search over a grid
#
# The neighbourhood search above tries two moves per step and follows the best one downhill,
# so, like gradient descent, it can get stuck in a dip that is not the lowest. The fully
# exhaustive method tries **every point of a grid**: `n_points` evenly spaced values of each
# input, in every combination. It needs no derivative and no starting point, and it finds the
# best grid point also when $f$ has many dips or flat steps, where the gradient tells nothing.
# Its price is the size of the grid: $n^d$ points for $d$ inputs.

# %% [raw]
# # BEGIN QUESTION
# name: grid_search
# points: 2

# %% [markdown]
# **Task.** Write `grid_search(f, lows, highs, n_points)`.
#
# * `lows` and `highs` are lists (or 1-D arrays) of $d$ floats, one pair of bounds per input
#   ($d = 1$ is allowed: `[low]`, `[high]`). Along input $i$ the grid holds the `n_points` evenly
#   spaced values from `lows[i]` to `highs[i]`, both ends included (`np.linspace` makes them);
#   the grid is every combination of these values, `n_points ** d` points in all.
# * Call `f` at every grid point, one point per call, as a 1-D numpy array of $d$ floats; `f`
#   returns a float. Never call it anywhere else (calling it twice at a grid point is allowed).
# * Return `(x_best, f_best)`: `x_best` the grid point where `f` is smallest, as a 1-D numpy
#   array of $d$ floats, and `f_best` the value of `f` there.
# * **Ties:** when several grid points share the smallest value, return the one that comes
#   first in *lexicographic* order: the smallest first coordinate; among those, the smallest
#   second coordinate; and so on. That is the order in which `itertools.product` visits the
#   grid, and the order of `np.meshgrid(..., indexing="ij")` flattened (numpy's default
#   `indexing="xy"` swaps the first two inputs).
#
# What the grader checks, on functions and grids you have not seen: every point `f` was called
# at (each must be a point of the grid named above, within $10^{-6}$ of the largest bound in
# size, so a float32 grid is fine, and every grid point must be among them, in at most
# `3 * n_points ** d` calls in all); that `x_best` is the grid point its own search finds, ties
# broken as stated; and that `f_best` is the value of `f` there.

# %% [raw]
# # BEGIN SOLUTION

# %%
def grid_search(f, lows, highs, n_points):
    # BEGIN SOLUTION
    axes = [np.linspace(low, high, n_points) for low, high in zip(lows, highs)]
    grid = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, len(axes))
    values = [f(point) for point in grid]
    best = int(np.argmin(values))
    return grid[best], float(values[best])
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_grid_search_shapes(grid_search):
    import numpy as np
    calls = []

    def bowl(x):
        calls.append(np.asarray(x).shape)
        return float(np.sum((np.asarray(x) - 0.3) ** 2))

    x_best, f_best = grid_search(bowl, [-1.0, 0.0], [1.0, 2.0], 5)
    assert np.shape(x_best) == (2,), "x_best should be a 1-D array of d numbers"
    assert isinstance(float(f_best), float), "f_best should be a number"
    assert len(calls) >= 25 and set(calls) == {(2,)}, "call f once per grid point, with one point of d numbers"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 2
""" # END TEST CONFIG
def test_grid_search_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("grid_search", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# A staircase has a derivative of zero wherever it exists, so gradient descent never leaves its
# start; the grid search does not care. On $f_2$, the count of calls shows the price of a grid.

# %%
try:
    def staircase(x):
        return float(np.floor(4 * abs(x[0] - 0.3)))


    x_grid, f_grid = grid_search(staircase, [-2.0], [2.0], 41)
    x_gd, _ = gradient_descent(lambda v: torch.floor(4 * torch.abs(v - 0.3)).sum(), 1.7, lr=0.1, n_steps=50)
    print(f"staircase: grid search x = {x_grid[0]:.2f} (value {f_grid:.0f}); "
          f"gradient descent from 1.7 is still at x = {x_gd.item():.2f}")

    calls = []

    def counted_f_2(x):
        calls.append(1)
        return f_2(x)


    for d in (1, 2, 3, 4):
        calls.clear()
        x_grid, f_grid = grid_search(lambda x: counted_f_2(np.concatenate([x, np.zeros(5 - d)])), [-1.0] * d, [1.0] * d, 11)
        print(f"f_2 with {d} free input(s), 11 values each: {len(calls):>6} calls, best value {f_grid:.3f}")
    print(f"five inputs would need {11 ** 5} calls, fifty inputs {float(11 ** 50):.1e}")
except Exception as error:  # until the tasks this cell uses are answered
    print(f"Answer the tasks this cell uses first (grid_search and gradient_descent). {type(error).__name__}: {error}")

# %% [markdown]
# ### Draw the comparison yourself
#
# Random search has a hyperparameter too: the `scale` of its moves plays the part of the
# learning rate. To compare runs we draw the best value found after each iteration, one line
# per run, on a logarithmic $y$ axis (the values shrink by many powers of ten).

# %% [raw]
# # BEGIN QUESTION
# name: plot_histories
# points: 2

# %% [markdown]
# **Task.** Write `plot_histories(histories)`. `histories` is a dict: each key is a label (a
# string), each value a list of positive floats, one per iteration (the lists may differ in
# length). Make a new figure with one Axes (`fig, ax = plt.subplots()`) and draw, for every
# item, one line of the values against the iteration number $0, 1, \dots$ (`ax.plot(values)`
# does that), labelled with its key. Give the axes a logarithmic $y$ scale
# (`ax.set_yscale("log")`, or draw with `ax.semilogy`), axis labels and a legend, and **return
# the figure** (no `plt.show()` inside).
#
# What the grader checks, on histories you have not seen: that a new Figure is returned by
# every call; that for every item it holds a line whose $x$ values are $0, 1, \dots, n-1$ and
# whose $y$ values are the item's $n$ values (float32 copies are fine), with the item's key as
# its label; that the axes of those lines have a logarithmic $y$ scale, a non-empty $x$ label
# and $y$ label; and that a legend (of the axes or of the figure) names every item. Other lines
# are allowed; the wording of the axis labels, colours, styles, sizes and the order of the lines
# are not judged.

# %% [raw]
# # BEGIN SOLUTION

# %%
def plot_histories(histories):
    # BEGIN SOLUTION
    fig, ax = plt.subplots()
    for label, values in histories.items():
        ax.plot(values, label=label)
    ax.set_yscale("log")
    ax.set_xlabel("iteration")
    ax.set_ylabel("best value so far")
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
def test_plot_histories_shape(plot_histories):
    import matplotlib.pyplot as plt
    fig = plot_histories({"a": [3.0, 2.0, 1.0], "b": [5.0, 0.5]})
    assert isinstance(fig, plt.Figure), "plot_histories should return the matplotlib Figure it drew"
    lines = [line for ax in fig.axes for line in ax.get_lines()]
    assert len(lines) >= 2, "draw one line per history"
    plt.close(fig)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 2
""" # END TEST CONFIG
def test_plot_histories_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("plot_histories", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %%
try:
    start_5 = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    runs = {}
    for scale in (0.003, 0.03, 0.3):
        runs[f"random search, scale {scale}"] = random_search(f_2, start_5, n_iter=300, scale=scale, seed=0)[1]
    gd_values = gradient_descent(f_2, torch.tensor(start_5), lr=0.01, n_steps=300)[1]
    runs["gradient descent, lr 0.01"] = list(np.maximum(gd_values, 1e-30))  # a zero cannot be drawn on a log scale
    figure = plot_histories(runs)
    figure.axes[0].set_title("$f_2$ (five inputs): random search at three scales, and GD")
    plt.show()
except Exception as error:  # until the tasks this cell uses are answered
    print(f"Answer the tasks this cell uses first (plot_histories, random_search and gradient_descent). "
          f"{type(error).__name__}: {error}")

# %% [markdown]
# ## 4. Fitting $\sin(\omega x + t)$
#
# The file `sgd_data.npy` holds 50 noisy points $(x_i, y_i)$ (column 0 is $x$, column 1 is $y$).
# We fit the model $f(x \mid \omega, t) = \sin(\omega x + t)$ by minimising half the mean
# squared error
#
# $$L(\omega, t) = \frac{1}{2}\,\frac{1}{N} \sum_{i=1}^{N} \bigl(y_i - \sin(\omega x_i + t)\bigr)^2 .$$
#
# We convert the data to `float32`, the usual precision for training networks (half the memory
# of float64, and what GPUs are fastest at).

# %%
data = np.load("sgd_data.npy").astype(np.float32)
xs, ys = data[:, 0], data[:, 1]
print("data:", data.shape, data.dtype)

plt.figure(figsize=(5, 3.5))
plt.scatter(xs, ys, facecolor="none", edgecolor="black")
plt.xlabel("$x$")
plt.ylabel("$y$")
plt.title("sgd_data.npy")
plt.show()

# %% [raw]
# # BEGIN QUESTION
# name: fit_sine
# points: 3

# %% [markdown]
# **Task.** Write `fit_sine(xs, ys, omega0=3.0, t0=1.0, lr=0.1, n_iter=50)`. `xs` and `ys` are
# 1-D numpy arrays. Make `omega` and `t` one-element float32 tensors with `requires_grad`, and
# repeat `n_iter` times:
#
# 1. zero the gradients (`.grad` is `None` before the first `backward`: check for that),
# 2. compute $L$ as defined above (with the $\tfrac12$) and call `backward`,
# 3. step by hand: `omega.data.sub_(lr * omega.grad)` and the same for `t`. `.data` is the
#    older way to change a leaf in place without recording it, kept here because the lecture
#    uses it: it hands over the tensor's values with autograd switched off entirely, so it also
#    skips the checks that catch a value changed while a graph still needs it. New code writes
#    the update inside `torch.no_grad()`, as in §1.
#
# Return `(omega, t, losses)`: the final parameters as floats and the list of the `n_iter`
# values of $L$, `losses[k]` being the loss *before* step `k`.

# %% [raw]
# # BEGIN SOLUTION

# %%
def fit_sine(xs, ys, omega0=3.0, t0=1.0, lr=0.1, n_iter=50):
    # BEGIN SOLUTION
    x = torch.as_tensor(np.asarray(xs), dtype=torch.float32)
    y = torch.as_tensor(np.asarray(ys), dtype=torch.float32)
    omega = torch.tensor([float(omega0)], requires_grad=True)
    t = torch.tensor([float(t0)], requires_grad=True)
    losses = []
    for _ in range(n_iter):
        if omega.grad is not None:
            omega.grad.zero_()
            t.grad.zero_()
        residual = y - torch.sin(omega * x + t)
        loss = 0.5 * torch.mean(residual * residual)
        loss.backward()
        omega.data.sub_(lr * omega.grad)
        t.data.sub_(lr * t.grad)
        losses.append(loss.item())
    return omega.item(), t.item(), losses
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_fit_sine_shapes(fit_sine):
    import numpy as np
    xs = np.linspace(-1, 1, 7).astype(np.float32)
    omega, t, losses = fit_sine(xs, np.sin(xs), n_iter=4)
    assert isinstance(float(omega), float) and isinstance(float(t), float), "omega and t should be numbers"
    assert len(losses) == 4, "losses should hold n_iter values"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 3
""" # END TEST CONFIG
def test_fit_sine_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("fit_sine", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: fit_sine_sgd
# points: 3

# %% [markdown]
# PyTorch packs the update step into an **optimizer** object, and ready-made losses into
# `torch.nn`. `torch.optim.SGD([omega, t], lr=lr)` does the plain gradient step (the
# "stochastic" in its name only matters once we feed it random batches of data);
# `optimizer.zero_grad()` clears the gradients and `optimizer.step()` applies the update.
#
# **Task.** Write `fit_sine_sgd(xs, ys, omega0=3.0, t0=1.0, lr=0.1, n_iter=50)`, with the same
# arguments and return values as `fit_sine`, but using `torch.optim.SGD` for the steps and
# `torch.nn.MSELoss()` for the loss (so `losses` holds `MSELoss` values).

# %% [raw]
# # BEGIN SOLUTION

# %%
def fit_sine_sgd(xs, ys, omega0=3.0, t0=1.0, lr=0.1, n_iter=50):
    # BEGIN SOLUTION
    x = torch.as_tensor(np.asarray(xs), dtype=torch.float32)
    y = torch.as_tensor(np.asarray(ys), dtype=torch.float32)
    omega = torch.tensor([float(omega0)], requires_grad=True)
    t = torch.tensor([float(t0)], requires_grad=True)
    optimizer = torch.optim.SGD([omega, t], lr=lr)
    loss_fn = nn.MSELoss()
    losses = []
    for _ in range(n_iter):
        optimizer.zero_grad()
        loss = loss_fn(torch.sin(omega * x + t), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return omega.item(), t.item(), losses
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_fit_sine_sgd_shapes(fit_sine_sgd):
    import numpy as np
    xs = np.linspace(-1, 1, 7).astype(np.float32)
    omega, t, losses = fit_sine_sgd(xs, np.sin(xs), n_iter=4)
    assert isinstance(float(omega), float) and isinstance(float(t), float), "omega and t should be numbers"
    assert len(losses) == 4, "losses should hold n_iter values"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 3
""" # END TEST CONFIG
def test_fit_sine_sgd_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("fit_sine_sgd", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# The loss landscape of $(\omega, t)$ below is computed with numpy on a grid; the red circle
# marks $(\omega, t) = (2.188, 1)$, the values the data were made with. The two paths start at
# $(3, 1)$; each dot is one step. The functions return only their end point, so we draw the
# path by chaining one-step calls, each starting where the previous one stopped (plain gradient
# descent keeps no memory between steps, so this is the same path). The middle panel zooms in
# on the paths. The right panel shows one and the same quantity, $L$ (half the MSE), computed
# with numpy at every point of each path, so the two curves can be compared directly; the
# losses `fit_sine_sgd` itself returns are `MSELoss` values, a different function of
# $(\omega, t)$, and are not drawn.

# %%
try:
    omega_grid, t_grid = np.meshgrid(np.linspace(0.5, 4.0, 200), np.linspace(-1.0, 2.5, 200))
    residuals = ys[None, None, :] - np.sin(omega_grid[..., None] * xs[None, None, :] + t_grid[..., None])
    landscape = 0.5 * np.mean(residuals**2, axis=-1)

    paths = {}
    for name, fit in (("fit_sine (1/2 MSE, by hand)", fit_sine), ("fit_sine_sgd (MSELoss, SGD)", fit_sine_sgd)):
        points = [(3.0, 1.0)]
        for _ in range(50):
            points.append(fit(xs, ys, omega0=points[-1][0], t0=points[-1][1], n_iter=1)[:2])
        paths[name] = np.array(points)

    fig, (ax_map, ax_zoom, ax_loss) = plt.subplots(1, 3, figsize=(16, 5))
    every_point = np.concatenate(list(paths.values()))
    low, high = every_point.min(axis=0) - 0.1, every_point.max(axis=0) + 0.1
    for ax in (ax_map, ax_zoom):
        filled = ax.contourf(omega_grid, t_grid, landscape, levels=40, cmap="viridis")
        for (name, path), colour in zip(paths.items(), ("white", "orange")):
            ax.plot(path[:, 0], path[:, 1], ".-", color=colour, label=name)
        ax.scatter([2.188], [1.0], s=120, facecolor="none", edgecolor="red", linewidth=2)
        ax.set_xlabel("$\\omega$")
        ax.set_ylabel("$t$")
    fig.colorbar(filled, ax=ax_zoom, label="$L(\\omega, t)$")
    ax_zoom.set_xlim(low[0], high[0])
    ax_zoom.set_ylim(low[1], high[1])
    ax_map.legend(loc="lower left", fontsize=8)
    ax_map.set_title("Loss landscape and descent paths")
    ax_zoom.set_title("The paths, zoomed in")

    def half_mse(omega, t):
        return 0.5 * np.mean((ys - np.sin(omega * xs + t)) ** 2)

    for name, path in paths.items():
        ax_loss.semilogy([half_mse(o, t) for o, t in path], label=name)
    ax_loss.set_xlabel("step")
    ax_loss.set_ylabel("$L$ ($\\frac{1}{2}$ MSE) along the path")
    ax_loss.legend(fontsize=8)
    ax_loss.set_title("Loss curves")
    plt.tight_layout()
    plt.show()

    first_hand = paths["fit_sine (1/2 MSE, by hand)"][1] - paths["fit_sine (1/2 MSE, by hand)"][0]
    first_sgd = paths["fit_sine_sgd (MSELoss, SGD)"][1] - paths["fit_sine_sgd (MSELoss, SGD)"][0]
    print("first step, by hand:", first_hand, " with MSELoss and SGD:", first_sgd)
except Exception as error:  # until the tasks this cell uses are answered
    print(f"Answer the tasks this cell uses first (fit_sine and fit_sine_sgd). {type(error).__name__}: {error}")

# %% [raw]
# # BEGIN QUESTION
# name: step_ratio
# manual: true
# points: 2

# %% [markdown]
# **Question (written).** Compare the first steps printed above, and the two paths. Why does
# `fit_sine_sgd` take steps exactly twice as long as `fit_sine`, with the same learning rate?
# Which change to `fit_sine_sgd` (two possibilities) would make it retrace `fit_sine` exactly?

# %% [raw]
# # BEGIN SOLUTION

# %% [markdown]
# `nn.MSELoss()` computes $\frac{1}{N}\sum_i (y_i - \hat y_i)^2$, without the factor
# $\tfrac12$ of our $L$. So its value is $2L$ and, since differentiation is linear, its gradient
# is $2\nabla L$; SGD's step $\mathrm{lr}\cdot\text{gradient}$ is therefore twice as long at
# every point (and the losses it reports are twice as large). Using `lr / 2` in `SGD`, or
# minimising `0.5 * loss_fn(...)`, gives exactly the same iterates as `fit_sine`.

# %% [raw]
# # END SOLUTION

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## 5. Linear regression with an optimizer
#
# Noisy samples of a cubic, $y = 1.3x^3 - 3x^2 + 3.6x + 6.9 + \varepsilon$ with
# $\varepsilon \sim \mathcal N(0, 1)$, at 80 points drawn uniformly in $[-1, 3]$. We fit the
# straight line $f_\theta(x) = \theta_0 + \theta_1 x$ by minimising the mean squared error
# $\frac1N \sum_i (y_i - \theta_0 - \theta_1 x_i)^2$. (A line cannot follow a cubic; the best line
# is still well defined, and numpy's least-squares `np.polyfit` finds it directly, which lets us
# check the optimizer.)

# %%
line_rng = np.random.default_rng(42)
line_xs = line_rng.uniform(-1, 3, 80).astype(np.float32)
line_ys = (1.3 * line_xs**3 - 3 * line_xs**2 + 3.6 * line_xs + 6.9 + line_rng.normal(0, 1, 80)).astype(np.float32)

# %% [raw]
# # BEGIN QUESTION
# name: fit_linear
# points: 2

# %% [markdown]
# **Task.** Write `fit_linear(xs, ys, lr, n_iter)`: `xs` and `ys` are 1-D numpy arrays. Start
# from $\theta = (1, 1)$ (a tensor with `requires_grad=True`), run exactly `n_iter` steps of
# `torch.optim.SGD` with learning rate `lr` on the mean squared error, and return the final
# $\theta$ as a **detached** tensor `[theta0, theta1]`. The grader calls it with small `n_iter`
# (1, 2, 3) and learning rates other than the notebook's: the start is judged (the call with
# `n_iter=1` must be one SGD step from $(1, 1)$, so another start loses the points even though it
# ends on the same line), and so is each further call, exactly one SGD step beyond the one
# before.

# %% [raw]
# # BEGIN SOLUTION

# %%
def fit_linear(xs, ys, lr, n_iter):
    # BEGIN SOLUTION
    x = torch.as_tensor(np.asarray(xs), dtype=torch.float32)
    y = torch.as_tensor(np.asarray(ys), dtype=torch.float32)
    theta = torch.tensor([1.0, 1.0], requires_grad=True)
    optimizer = torch.optim.SGD([theta], lr=lr)
    for _ in range(n_iter):
        optimizer.zero_grad()
        loss = torch.mean((y - (theta[0] + theta[1] * x)) ** 2)
        loss.backward()
        optimizer.step()
    return theta.detach()
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_fit_linear_shape(fit_linear):
    import numpy as np
    import torch
    theta = fit_linear(np.array([0.0, 1.0, 2.0], dtype=np.float32), np.array([1.0, 2.0, 2.5], dtype=np.float32), 0.1, 3)
    assert isinstance(theta, torch.Tensor) and theta.numel() == 2, "return a tensor [theta0, theta1]"
    assert not theta.requires_grad, "return a detached theta"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 2
""" # END TEST CONFIG
def test_fit_linear_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("fit_linear", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %%
try:
    theta_line = fit_linear(line_xs, line_ys, lr=0.15, n_iter=300)
    slope, intercept = np.polyfit(line_xs.astype(np.float64), line_ys.astype(np.float64), 1)
    print(f"SGD:        theta0 = {theta_line[0].item():.4f}, theta1 = {theta_line[1].item():.4f}")
    print(f"np.polyfit: theta0 = {intercept:.4f}, theta1 = {slope:.4f}")

    grid = np.linspace(-1, 3, 100)
    plt.figure(figsize=(5, 3.5))
    plt.scatter(line_xs, line_ys, s=12, label="data")
    plt.plot(grid, 1.3 * grid**3 - 3 * grid**2 + 3.6 * grid + 6.9, "--", color="gray", label="hidden cubic")
    plt.plot(grid, theta_line[0].item() + theta_line[1].item() * grid, color="red", label="fitted line")
    plt.xlabel("$x$")
    plt.ylabel("$y$")
    plt.legend()
    plt.show()
except Exception as error:  # until the tasks this cell uses are answered
    print(f"Answer the tasks this cell uses first (fit_linear). {type(error).__name__}: {error}")

# %% [markdown]
# ## 6. A cubic fit to $\sin x$ with `nn.Sequential` and RMSprop
#
# We approximate $\sin x$ on $[-\pi, \pi]$ (2000 evenly spaced points) by
# $a + b x + c x^2 + d x^3$. That is a *linear* model in the features $(x, x^2, x^3)$:
# `x.unsqueeze(-1).pow(torch.tensor([1, 2, 3]))` turns the 2000 points into a `(2000, 3)` matrix
# of features, `nn.Linear(3, 1)` holds $(b, c, d)$ in its weight and $a$ in its bias, and
# `nn.Flatten(0, 1)` turns its `(2000, 1)` output into a vector of 2000 predictions.
#
# **RMSprop** divides each parameter's gradient by a running root-mean-square of its recent
# gradients, so the length of a step hardly depends on the size of the gradient: it is a
# multiple of `lr`. The running mean starts at zero and takes in only $1 - \alpha = 1\%$ of each
# new squared gradient, so the first step is about $10\,\mathrm{lr}$ long, and the steps
# shrink towards `lr` as the mean builds up while the gradients keep their size. That helps here: the gradient with respect to $d$ (which multiplies $x^3$, up to 31) dwarfs
# the one with respect to $a$.

# %% [raw]
# # BEGIN QUESTION
# name: fit_cubic_to_sin
# points: 3

# %% [markdown]
# **Task.** Write `fit_cubic_to_sin(n_steps, lr)`: build the features above and the model
# `nn.Sequential(nn.Linear(3, 1), nn.Flatten(0, 1))` (keep PyTorch's default initialisation of
# the layer), and run `n_steps` steps of `torch.optim.RMSprop(model.parameters(), lr=lr)` on
# `nn.MSELoss(reduction='sum')`. Return `(a, b, c, d)` as Python floats. The grader watches the
# layer in the first steps (the parameters each call of the model sees and the gradients they
# get), so the optimizer and the summed loss must be the ones named here.

# %% [raw]
# # BEGIN SOLUTION

# %%
def fit_cubic_to_sin(n_steps, lr):
    # BEGIN SOLUTION
    x = torch.linspace(-math.pi, math.pi, 2000)
    y = torch.sin(x)
    features = x.unsqueeze(-1).pow(torch.tensor([1, 2, 3]))
    model = nn.Sequential(nn.Linear(3, 1), nn.Flatten(0, 1))
    loss_fn = nn.MSELoss(reduction="sum")
    optimizer = torch.optim.RMSprop(model.parameters(), lr=lr)
    for _ in range(n_steps):
        loss = loss_fn(model(features), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    layer = model[0]
    b, c, d = layer.weight[0].tolist()
    return layer.bias.item(), b, c, d
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_fit_cubic_shape(fit_cubic_to_sin):
    coefficients = fit_cubic_to_sin(2, 1e-3)
    assert len(coefficients) == 4, "return (a, b, c, d)"
    assert all(isinstance(v, float) for v in coefficients), "the coefficients should be Python floats"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 3
""" # END TEST CONFIG
def test_fit_cubic_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("fit_cubic", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %%
try:
    torch.manual_seed(0)
    a, b, c, d = fit_cubic_to_sin(n_steps=600, lr=8e-3)
    print(f"RMSprop fit:   y = {a:.4f} + {b:.4f} x + {c:.4f} x^2 + {d:.4f} x^3")
    grid_x = np.linspace(-math.pi, math.pi, 2000)
    best = np.polyfit(grid_x, np.sin(grid_x), 3)[::-1]
    print("least squares: y = {:.4f} + {:.4f} x + {:.4f} x^2 + {:.4f} x^3".format(*best))

    plt.figure(figsize=(5, 3.5))
    plt.plot(grid_x, np.sin(grid_x), label="$\\sin x$")
    plt.plot(grid_x, a + b * grid_x + c * grid_x**2 + d * grid_x**3, "--", label="cubic (RMSprop)")
    plt.xlabel("$x$")
    plt.legend()
    plt.show()
except Exception as error:  # until the tasks this cell uses are answered
    print(f"Answer the tasks this cell uses first (fit_cubic_to_sin). {type(error).__name__}: {error}")

# %% [markdown]
# ## Done
#
# Run the cell below to check your answers, then use the export cell to make the zip you
# submit. The checks in this notebook look only at shapes and types; the grader runs further
# tests on functions, starting points and data you have not seen.

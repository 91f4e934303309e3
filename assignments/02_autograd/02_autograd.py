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
# # Assignment 02 — Automatic differentiation with PyTorch
#
# Training a model means following derivatives downhill, and nobody wants to derive those
# derivatives by hand for a network with a million weights. PyTorch records every operation
# you apply to a tensor and can replay that record backwards to produce exact derivatives.
# In this notebook you will
#
# 1. warm up with tensors and move them to and from numpy,
# 2. let autograd differentiate functions, draw them with their derivatives, and compare
#    autograd's answers with derivatives done by hand,
# 3. see why gradients pile up between `backward` calls and how to clear them,
# 4. look inside the computation graph and apply the chain rule yourself,
# 5. differentiate a deliberately horrible function twice without writing a single derivative,
# 6. write an operation with its own hand-made backward pass.
#
# Every task starts with a worked example. You work in pairs. Put the Canvas login of **both**
# partners in the cell below: the grader gives the grade to everyone listed there.

# %%
CONTRIBUTORS = ["partner_one_login", "partner_two_login"]

# %%
import math

import matplotlib.pyplot as plt
import numpy as np
import torch

# %% [markdown]
# ## 1. Tensors in five minutes
#
# A `torch.Tensor` is an n-dimensional array, much like a numpy array, with two extras: it can
# live on a GPU, and it can remember how it was computed so that derivatives can flow back
# through it. Most numpy habits carry over. A tour:

# %%
grid = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])   # float32 by default
other = torch.arange(6, dtype=torch.float32).view(2, 3)    # view: same data, new shape

print("shape and dtype:    ", grid.shape, grid.dtype)
print("transpose:          ", grid.T.shape)                # also grid.t() for 2-D tensors
print("as one column:      ", grid.view(6, 1).shape)       # -1 lets torch work a size out
print("second column:      ", grid[:, 1])
print("stacked as rows:    ", torch.cat((grid, other), dim=0).shape)
print("side by side:       ", torch.cat((grid, other), dim=1).shape)
print("sum, mean, norm:    ", grid.sum().item(), grid.mean().item(), round(torch.norm(grid).item(), 4))
print("mean of each column:", grid.mean(dim=0))
print("mean of each row:   ", grid.mean(dim=1, keepdim=True).shape)
print("elementwise sine:   ", torch.sin(grid)[0])

# %% [markdown]
# Reductions take a `dim` argument: `dim=0` collapses the rows (one result per column), `dim=1`
# collapses the columns (one result per row). With `keepdim=True` the collapsed dimension stays
# with size 1, which is exactly the shape that broadcasts back against the original tensor.
#
# Methods whose names end in an underscore change the tensor **in place** instead of making a
# new one: `grid.add_(other)` overwrites `grid`, and returns that same object.

# %%
before = grid.clone()
returned = grid.add_(other)
print("changed in place:", not torch.equal(before, grid), "| returned the same object:", returned is grid)

# %% [raw]
# # BEGIN QUESTION
# name: tensor_warmup
# points: 2

# %% [markdown]
# **Task 1.** Write `center_rows_(m)`. It receives a 2-D float tensor `m`, subtracts from
# every row that row's mean, **in place** (so the caller's tensor changes), and returns `m`
# itself. Afterwards every row of `m` has mean zero.
#
# *Hint:* one reduction with `keepdim=True` and one in-place method are enough.

# %% [raw]
# # BEGIN SOLUTION

# %%
def center_rows_(m):
    # BEGIN SOLUTION
    return m.sub_(m.mean(dim=1, keepdim=True))
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %%
demo_matrix = torch.tensor([[1.0, 2.0, 6.0], [10.0, 0.0, 5.0]])
center_rows_(demo_matrix)
print(demo_matrix)

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_center_rows_shape(center_rows_):
    import torch
    m = torch.ones(2, 5)
    result = center_rows_(m)
    assert isinstance(result, torch.Tensor), "center_rows_ should return a tensor"
    assert result.shape == (2, 5), "center_rows_ should keep the shape of m"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 2
""" # END TEST CONFIG
def test_center_rows_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("center_rows", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## 2. Back and forth with numpy
#
# `t.numpy()` gives a numpy array that **shares memory** with a CPU tensor, and
# `torch.from_numpy(a)` does the same in the other direction: change one and the other changes.

# %%
array = np.array([1.0, 2.0, 3.0])
shared = torch.from_numpy(array)
shared[0] = 100.0
print("numpy array after changing the tensor:", array, "| dtype kept:", shared.dtype)

# %% [markdown]
# `.numpy()` refuses in two situations you will meet all the time:
#
# * the tensor **requires grad** (it is part of a computation autograd is recording). `.detach()`
#   gives a tensor with the same data that is cut out of the recording;
# * the tensor lives on a **GPU**. numpy only knows main memory, so the data must first be copied
#   there with `.cpu()` (which does nothing for a tensor already on the CPU).

# %%
tracked = torch.tensor([0.5, 1.5], requires_grad=True)
try:
    tracked.numpy()
except RuntimeError as error:
    print("numpy() refused:", error)
print("after detach():", tracked.detach().numpy())

# %% [raw]
# # BEGIN QUESTION
# name: to_numpy
# points: 2

# %% [markdown]
# **Task 2.** Write `to_numpy(t)`: it returns a numpy array with the same shape, dtype and values
# as any tensor `t` of a dtype numpy has (float, int or bool: numpy has no bfloat16), also one
# that requires grad or lives on a GPU. It must work unchanged on a
# machine with a GPU, so think about what a GPU tensor needs even though you may not have one.

# %% [raw]
# # BEGIN SOLUTION

# %%
def to_numpy(t):
    # BEGIN SOLUTION
    return t.detach().cpu().numpy()
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_to_numpy_type(to_numpy):
    import numpy as np
    import torch
    result = to_numpy(torch.ones(2, 3, requires_grad=True))
    assert isinstance(result, np.ndarray), "to_numpy should return a numpy array"
    assert result.shape == (2, 3), "to_numpy should keep the shape"
    assert result.dtype == np.float32, "to_numpy should keep the dtype"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 2
""" # END TEST CONFIG
def test_to_numpy_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("to_numpy", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## 3. Your first derivative by autograd
#
# Three steps give the derivative of a function at a point:
#
# 1. make the point a tensor with `requires_grad=True`. From now on PyTorch records every
#    operation that involves it;
# 2. compute the function from it, giving a scalar tensor `y`;
# 3. call `y.backward()`. PyTorch walks its record backwards and stores dy/dx in `x.grad`.
#
# For $y = x^2 + 3x + 1$ at $x = 2$ the hand answer is $2 \cdot 2 + 3 = 7$:

# %%
x = torch.tensor(2.0, requires_grad=True)
y = x**2 + 3 * x + 1
y.backward()
print("y =", y.item(), "| dy/dx by autograd =", x.grad.item())

# %% [markdown]
# `backward()` without an argument only works on a tensor holding **one number** (a scalar, or
# any shape with a single element). To differentiate an
# elementwise function at many points at once, differentiate the **sum** of its values: the i-th
# value depends on the i-th point only, so d(sum)/dx_i is exactly f'(x_i). The same trick on a
# vector of points:

# %%
points = torch.linspace(-1.0, 1.0, 5, requires_grad=True)
(points**3).sum().backward()
print("autograd:", points.grad)
print("by hand: ", 3 * points.detach() ** 2)

# %% [markdown]
# Two ways of getting the numbers out once you have them:
#
# * `.detach()` gives the same data without the recording attached: use it for plots, printing
#   and numpy, and whenever a result should not drag the whole computation along with it;
# * `torch.autograd.grad(y, x)` returns the derivative instead of storing it in `x.grad`, which
#   leaves `x.grad` untouched.
#
# Be careful with tensors you did not create. Setting `requires_grad` on the caller's tensor, or
# leaving a gradient in its `.grad`, is a side effect the caller did not ask for. Work on a copy:
# `x.detach().clone().requires_grad_(True)` is a fresh leaf with the same values.

# %% [raw]
# # BEGIN QUESTION
# name: autograd_derivative
# points: 4

# %% [markdown]
# **Task 3.** Write `autograd_derivative(f, x)`.
#
# * `f` maps a 1-D float tensor to a tensor of the same shape, elementwise, using torch operations;
# * `x` is a 1-D float tensor (float32 or float64);
# * return a **detached** tensor of the same shape holding $f'(x_i)$, computed with autograd;
# * do not modify `x`: its values, its `requires_grad` and its `.grad` must be as they were.
#
# The grader's `f` notes the points it is called at and whether a gradient flows back through
# what it returned: evaluating `f` at nearby points (finite differences) is not autograd and
# earns no points, however close its numbers are.

# %% [raw]
# # BEGIN SOLUTION

# %%
def autograd_derivative(f, x):
    # BEGIN SOLUTION
    leaf = x.detach().clone().requires_grad_(True)
    f(leaf).sum().backward()
    return leaf.grad.detach()
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_autograd_derivative_shape(autograd_derivative):
    import torch
    x = torch.linspace(0.0, 1.0, 7)
    result = autograd_derivative(torch.exp, x)
    assert isinstance(result, torch.Tensor), "autograd_derivative should return a tensor"
    assert result.shape == x.shape, "the result should have the shape of x"
    assert not result.requires_grad, "the result should be detached"
    assert not x.requires_grad and x.grad is None, "x should be left as it was"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 4
""" # END TEST CONFIG
def test_autograd_derivative_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("autograd_derivative", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ### Drawing a derivative
#
# A picture is the quickest check of a derivative: $f'$ is positive where $f$ climbs, negative
# where it falls, and zero at every peak and valley. Plotting needs plain numbers, so tensors go
# to matplotlib detached (Task 2). A function that draws should **return its figure** instead of
# showing it: the caller can still add a title, save it or show it, and a test can read the lines
# back from it. Worked example, one line on a new figure:

# %%
cube_grid = torch.linspace(-1.0, 1.0, 50)
cube_fig, cube_ax = plt.subplots(figsize=(5, 3))
cube_ax.plot(cube_grid.numpy(), (cube_grid**3).numpy(), label="$x^3$")
cube_ax.set_xlabel("x")
cube_ax.legend()
print("the lines this figure holds:", [line.get_label() for line in cube_fig.axes[0].get_lines()])
plt.show()

# %% [raw]
# # BEGIN QUESTION
# name: plot_with_derivative
# points: 2

# %% [markdown]
# **Task 3b.** Write `plot_with_derivative(f, a, b)`. `f` is a function like the one of Task 3
# (torch in, torch out, elementwise) and `a < b` are floats. Make a new figure
# (`fig, ax = plt.subplots()`) and draw on it two lines over the same points:
#
# * $f$, with a label saying `f(x)`;
# * its derivative $f'$ **computed with autograd** (your `autograd_derivative` may do it), with a
#   label saying `f'(x)`;
#
# then give the x axis a label, add a legend, and **return the figure** (do not call `plt.show()`
# inside). The grader calls your function with its own `f` and interval, reads the lines back
# from the figure you return and checks:
#
# * that it is a matplotlib `Figure`;
# * that some line has the values of $f$ and some line those of $f'$ (within $10^{-4}$), each on
#   200 to 4000 points, evenly spaced from `a` to `b` with both ends included (`torch.linspace(a,
#   b, 400)` does that). The order, colours and styles of the lines are yours, and more lines,
#   panels or decorations are fine;
# * that the label of the derivative's line contains `f'` and the label of the function's line
#   contains an `f` without `'` (spaces and TeX are fine: `"$f'(x)$, autograd"` counts), and that
#   a legend names both;
# * that the x axis has a label.
#
# As in Task 3, the grader's `f` notes the points it is called at and whether a gradient flows
# back through what it returned: a derivative from finite differences (or from `np.gradient` on
# the drawn values) earns no points, however close it looks.

# %% [raw]
# # BEGIN SOLUTION

# %%
def plot_with_derivative(f, a, b):
    # BEGIN SOLUTION
    x = torch.linspace(a, b, 400, requires_grad=True)
    y = f(x)
    (slope,) = torch.autograd.grad(y.sum(), x)
    fig, ax = plt.subplots()
    ax.plot(x.detach(), y.detach(), label="f(x)")
    ax.plot(x.detach(), slope, "--", label="f'(x), by autograd")
    ax.set_xlabel("x")
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
def test_plot_with_derivative_shape(plot_with_derivative):
    import matplotlib.pyplot as plt
    import torch
    fig = plot_with_derivative(torch.exp, 0.0, 1.0)
    assert isinstance(fig, plt.Figure), "plot_with_derivative should return the matplotlib Figure it drew on"
    sizes = [len(line.get_xdata()) for ax in fig.axes for line in ax.get_lines()]
    plt.close(fig)
    assert len(sizes) >= 2, "draw two lines, f and f', on the figure"
    assert sum(size >= 200 for size in sizes) >= 2, "draw f and f' on at least 200 points each"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 2
""" # END TEST CONFIG
def test_plot_with_derivative_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("plot_with_derivative", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %%
try:
    sigmoid_fig = plot_with_derivative(torch.sigmoid, -6.0, 6.0)
    sigmoid_fig.axes[0].set_title("the sigmoid and its slope, largest where it is steepest")
    plt.show()
except Exception as error:  # until the tasks this cell uses are answered
    print(f"Answer the tasks this cell uses first (plot_with_derivative). {type(error).__name__}: {error}")

# %% [raw]
# # BEGIN QUESTION
# name: hand_derivatives
# points: 2

# %% [markdown]
# ## 4. Checking autograd against calculus
#
# Autograd is exact up to rounding, but it is good practice to check it on functions whose
# derivative you know. Worked example: for $f(x) = e^{-x^2}$ the chain rule gives
# $f'(x) = -2x\,e^{-x^2}$, and autograd agrees:

# %%
bell_points = torch.linspace(-2.0, 2.0, 9)
bell_leaf = bell_points.clone().requires_grad_(True)
torch.exp(-bell_leaf**2).sum().backward()
print("largest difference:", (bell_leaf.grad - (-2 * bell_points * torch.exp(-bell_points**2))).abs().max().item())

# %% [markdown]
# **Task 4.** Write, by hand, elementwise on tensors of any shape (no autograd: the grader
# watches for `requires_grad`, `backward` and `torch.autograd.grad` while your functions run):
#
# * `hand_derivative_poly(x)`: the derivative of $x^2 + 3x + 1$;
# * `hand_derivative_sin(x)`: the derivative of $\sin(2\pi x)$.
#
# The cell after yours plots each function with its autograd derivative and your hand
# derivative on one figure: the two derivative curves should lie on top of each other.

# %% [raw]
# # BEGIN SOLUTION

# %%
def hand_derivative_poly(x):
    return 2 * x + 3  # SOLUTION


def hand_derivative_sin(x):
    return 2 * math.pi * torch.cos(2 * math.pi * x)  # SOLUTION


# %% [raw]
# # END SOLUTION

# %%
try:
    def poly(x):
        return x**2 + 3 * x + 1


    def wave(x):
        return torch.sin(2 * math.pi * x)


    grid_01 = torch.linspace(0.0, 1.0, 200)
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    for ax, func, hand, label in [
        (axes[0], poly, hand_derivative_poly, "$x^2 + 3x + 1$"),
        (axes[1], wave, hand_derivative_sin, r"$\sin(2\pi x)$"),
    ]:
        ax.plot(to_numpy(grid_01), to_numpy(func(grid_01)), label=f"f(x) = {label}")
        ax.plot(to_numpy(grid_01), to_numpy(autograd_derivative(func, grid_01)), lw=4, alpha=0.5, label="f'(x), autograd")
        ax.plot(to_numpy(grid_01), to_numpy(hand(grid_01)), "k--", label="f'(x), by hand")
        ax.set_xlabel("x")
        ax.legend()
    plt.tight_layout()
    plt.show()
except Exception as error:  # until the tasks this cell uses are answered
    print(f"Answer the tasks this cell uses first (autograd_derivative and the hand derivatives). {type(error).__name__}: {error}")

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_hand_derivatives_shape(hand_derivative_poly, hand_derivative_sin):
    import torch
    x = torch.zeros(2, 3)
    for func in (hand_derivative_poly, hand_derivative_sin):
        result = func(x)
        assert isinstance(result, torch.Tensor), f"{func.__name__} should return a tensor"
        assert result.shape == x.shape, f"{func.__name__} should keep the shape of x"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 2
""" # END TEST CONFIG
def test_hand_derivatives_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("hand_derivatives", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## 5. Gradients pile up
#
# `backward()` does not overwrite `.grad`: it **adds** to whatever is there. That is what the
# chain rule needs inside one graph (a tensor used twice receives two contributions, see
# section 6), but between two separate computations it means old gradients pollute new ones.
# Watch $f(x) = x^2$ at $x = 3$, where $f'(3) = 6$:

# %%
x = torch.tensor(3.0, requires_grad=True)
for call in range(1, 4):
    (x**2).backward()
    print(f"after backward call {call}: x.grad = {x.grad.item()}")
x.grad.zero_()          # clear in place; x.grad = None works too
(x**2).backward()
print("after zeroing and one more call:", x.grad.item())

# %% [raw]
# # BEGIN QUESTION
# name: accumulated_gradient
# points: 3

# %% [markdown]
# **Task 5.** Write `accumulated_gradient(f, x0, n_backward, zero_between)`. It builds a leaf
# tensor at the float `x0`, then `n_backward` times computes `f(x)` and calls `backward` on it.
# Only if `zero_between` is true, it clears the gradient between two calls. It returns the final
# `x.grad` as a Python `float`. (`f` maps a 0-d tensor to a 0-d tensor; `n_backward >= 1`.)
# The grader's `f` notes whether gradients flow back through it.

# %% [raw]
# # BEGIN SOLUTION

# %%
def accumulated_gradient(f, x0, n_backward, zero_between):
    # BEGIN SOLUTION
    x = torch.tensor(float(x0), requires_grad=True)
    for call in range(n_backward):
        if zero_between and x.grad is not None:
            x.grad.zero_()
        f(x).backward()
    return x.grad.item()
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %%
for zero in (False, True):
    print(f"x^2 at 3, four calls, zero_between={zero}:", accumulated_gradient(lambda t: t**2, 3.0, 4, zero))

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_accumulated_gradient_type(accumulated_gradient):
    result = accumulated_gradient(lambda t: 5 * t, 1.0, 2, True)
    assert isinstance(result, float), "accumulated_gradient should return a Python float"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 3
""" # END TEST CONFIG
def test_accumulated_gradient_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("accumulated_gradient", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## 6. The computation graph and the chain rule
#
# While it computes, PyTorch builds a graph: every result of an operation on tracked tensors
# holds in `.grad_fn` the backward node of the operation that made it, and each node lists in
# `.next_functions` the nodes of its inputs. Leaves (tensors you created with
# `requires_grad=True`) end in `AccumulateGrad` nodes, whose `.variable` is the leaf itself.
# The function below prints that graph as an indented tree, output at the top:

# %%
def show_graph(tensor, names=None):
    """Print the backward graph of ``tensor``; ``names`` maps leaf tensors' ids to labels."""
    names = names or {}

    def visit(node, depth):
        if node is None:
            return
        label = type(node).__name__
        leaf = getattr(node, "variable", None)
        if leaf is not None:
            label += f"  <- leaf {names.get(id(leaf), '?')} = {leaf.item():g}"
        print("    " * depth + label)
        for child, _ in node.next_functions:
            visit(child, depth + 1)

    visit(tensor.grad_fn, 0)


w = torch.tensor(-4.0, requires_grad=True)
shifted = w - 2
shifted.retain_grad()   # keep the gradient of this intermediate result as well
loss = shifted**2
show_graph(loss, {id(w): "w"})

# %% [markdown]
# Reading the tree from the top: `loss` came from a power (`PowBackward0`), whose input came from
# a subtraction (`SubBackward0`), whose input is the leaf `w`. `backward` runs this chain from
# top to bottom, multiplying local derivatives (the chain rule):
#
# $$\frac{d\,\text{loss}}{dw} = \frac{d\,\text{loss}}{d\,\text{shifted}} \cdot \frac{d\,\text{shifted}}{dw}
#   = 2(w - 2) \cdot 1 .$$
#
# Gradients of intermediate results are thrown away after use unless you ask for them with
# `retain_grad()`, as above:

# %%
loss.backward()
print("d loss / d shifted =", shifted.grad.item(), "| d loss / d w =", w.grad.item(), "| by hand:", 2 * (-4 - 2))

# %% [markdown]
# When a tensor feeds into the graph along several paths, the chain rule **adds** the
# contributions of all paths. The engine does that sum itself, inside one backward pass, before
# anything is written to `.grad` (`torch.autograd.grad` returns the same sum and leaves `.grad`
# untouched). Accumulation in `.grad` is a different thing: it adds up the results of
# *separate* `backward` calls (Task 5), so that several losses or several batches can be summed
# into one gradient.
#
# Worked example with two paths: $M = (p \cdot q) + p$. The leaf $p$ reaches $M$ directly and
# through the product, so $\partial M/\partial p = q + 1$, while $\partial M/\partial q = p$.

# %%
p = torch.tensor(2.0, requires_grad=True)
q = torch.tensor(-3.0, requires_grad=True)
M = p * q + p
show_graph(M, {id(p): "p", id(q): "q"})
M.backward()
print("dM/dp =", p.grad.item(), "(hand: q + 1 =", q.item() + 1, ")  dM/dq =", q.grad.item(), "(hand: p =", p.item(), ")")

# %% [raw]
# # BEGIN QUESTION
# name: graph_gradients
# points: 4

# %% [markdown]
# **Task 6.** For $L = ((a + b) \cdot c) + c$:
#
# * `graph_gradients(a, b, c)` returns the tuple `(dL/da, dL/db, dL/dc)` of Python floats, computed by
#   **autograd** at the floats `a`, `b`, `c`;
# * `hand_graph_gradients(a, b, c)` returns the same tuple from formulas you derived **by hand**
#   (trace the paths in the graph printed below).
#
# The grader watches which torch functions each one calls: the first must use autograd, the
# second must not (no `requires_grad`, `backward` or `torch.autograd.grad`).

# %% [raw]
# # BEGIN SOLUTION

# %%
def graph_gradients(a, b, c):
    # BEGIN SOLUTION
    a, b, c = (torch.tensor(float(v), requires_grad=True) for v in (a, b, c))
    L = ((a + b) * c) + c
    L.backward()
    return a.grad.item(), b.grad.item(), c.grad.item()
    # END SOLUTION


def hand_graph_gradients(a, b, c):
    return float(c), float(c), float(a + b + 1)  # SOLUTION


# %% [raw]
# # END SOLUTION

# %%
ta, tb, tc = (torch.tensor(v, requires_grad=True) for v in (3.0, 4.0, 5.0))
show_graph(((ta + tb) * tc) + tc, {id(ta): "a", id(tb): "b", id(tc): "c"})
print("autograd:", graph_gradients(3.0, 4.0, 5.0), "| by hand:", hand_graph_gradients(3.0, 4.0, 5.0))

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_graph_gradients_types(graph_gradients, hand_graph_gradients):
    for func in (graph_gradients, hand_graph_gradients):
        result = func(1.0, 2.0, 3.0)
        assert len(result) == 3, f"{func.__name__} should return three values"
        assert all(isinstance(v, float) for v in result), f"{func.__name__} should return Python floats"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 2
""" # END TEST CONFIG
def test_graph_gradients_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("graph_gradients", env)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 2
""" # END TEST CONFIG
def test_hand_graph_gradients_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("hand_graph_gradients", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: why_no_argument
# manual: true
# points: 1

# %% [markdown]
# **Question A (written).** In section 6 we called `loss.backward()` and `M.backward()` without
# telling PyTorch which tensors to differentiate with respect to. How does it know where to send
# gradients? Answer in two or three sentences, using the graph printouts above.

# %% [raw]
# # BEGIN SOLUTION

# %% [markdown]
# The output tensor carries its whole history: its `grad_fn` links, through `next_functions`,
# to every operation that produced it and finally to the `AccumulateGrad` nodes of the leaves
# that were created with `requires_grad=True`. Calling `backward()` walks exactly this recorded
# graph from the output downwards, applies the chain rule at each node, and deposits the result
# in `.grad` of every leaf it reaches, so the leaves are found from the graph, not from an argument.

# %% [raw]
# # END SOLUTION

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## 7. Switching the recording off
#
# Inside a `with torch.no_grad():` block PyTorch records nothing: results have no `grad_fn`
# and `requires_grad=False`, even when computed from tracked tensors. Trying to differentiate
# such a result fails, because there is no graph to walk back through:

# %%
w = torch.tensor(-4.0, requires_grad=True)
with torch.no_grad():
    untracked = (w - 2) ** 2
print("grad_fn:", untracked.grad_fn, "| requires_grad:", untracked.requires_grad)
try:
    untracked.backward()
except RuntimeError as error:
    print("backward refused:", str(error).splitlines()[0])

# %% [raw]
# # BEGIN QUESTION
# name: when_no_grad
# manual: true
# points: 1

# %% [markdown]
# **Question B (written).** Give two situations in which you would deliberately turn gradient
# tracking off (with `torch.no_grad()` or `.detach()`), and say what goes wrong or gets wasted
# if you do not.

# %% [raw]
# # BEGIN SOLUTION

# %% [markdown]
# * Updating parameters in a hand-written optimisation step (`x -= lr * x.grad`): the update is
#   not part of the model, and if it were recorded, the next backward pass would differentiate
#   through the update itself (and an in-place change of a leaf that requires grad raises an error).
# * Evaluating a trained model, making plots or computing metrics: nothing will be
#   differentiated, so recording the graph only costs memory (every intermediate result is kept
#   alive for backward) and time. `.detach()` is also needed before handing values to numpy.
# * Freezing part of a model, or using a value as a fixed target, so that no gradient flows into it.

# %% [raw]
# # END SOLUTION

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## 8. A function nobody wants to differentiate by hand
#
# Newton's method for minimising a function $G$ needs both $G'$ and $G''$. Consider
#
# $$G(x) = \frac{\sin\!\left(\left[\exp(\cos x^2)\right]^3\right)}{\cos\!\left(\exp\!\left(-\left[\tan x^4\right]^2\right)\right)} .$$
#
# (The cube applies to the exponential: $[\exp(\cos x^2)]^3$, and the square to the tangent.)
# Writing $G'$ by hand already fills a line with nested chain rules; $G''$ is worse. Autograd
# does not care. The one new ingredient is the second derivative: by default the backward pass
# is not itself recorded, so its result cannot be differentiated again. Passing
# `create_graph=True` to `torch.autograd.grad` records it. Worked example on $h(x) = x^4$, where
# $h'' = 12x^2$:

# %%
s = torch.tensor([1.0, 2.0], requires_grad=True)
(h1,) = torch.autograd.grad((s**4).sum(), s, create_graph=True)   # h1 = 4 s^3, still tracked
(h2,) = torch.autograd.grad(h1.sum(), s)                           # h2 = 12 s^2
print("h' =", h1.detach(), "| h'' =", h2, "| by hand:", 12 * s.detach() ** 2)

# %% [raw]
# # BEGIN QUESTION
# name: gnarly_G
# points: 4

# %% [markdown]
# **Task 7.** Write, for a float tensor `x` of any shape (a 0-d tensor included), elementwise:
#
# * `G(x)`: the function above, with torch operations;
# * `G_prime(x)`: $G'(x)$ by autograd, as a **detached** tensor shaped like `x`;
# * `G_second(x)`: $G''(x)$ by autograd (`create_graph=True`), as a **detached** tensor shaped like `x`.
#
# Neither derivative may change `x` (its `requires_grad` or `.grad`). The grader watches the
# autograd calls each derivative makes (`G_second` must make one with `create_graph=True`) and
# the points your `G` is called at: finite differences of `G` or of `G_prime` earn no points.
# The plot below shows $G$ and its derivatives on $[-1, 1]$, where the function is smooth.

# %% [raw]
# # BEGIN SOLUTION

# %%
def G(x):
    # BEGIN SOLUTION
    top = torch.sin(torch.exp(torch.cos(x**2)) ** 3)
    bottom = torch.cos(torch.exp(-torch.tan(x**4) ** 2))
    return top / bottom
    # END SOLUTION


def G_prime(x):
    # BEGIN SOLUTION
    leaf = x.detach().clone().requires_grad_(True)
    (first,) = torch.autograd.grad(G(leaf).sum(), leaf)
    return first.detach()
    # END SOLUTION


def G_second(x):
    # BEGIN SOLUTION
    leaf = x.detach().clone().requires_grad_(True)
    (first,) = torch.autograd.grad(G(leaf).sum(), leaf, create_graph=True)
    (second,) = torch.autograd.grad(first.sum(), leaf)
    return second.detach()
    # END SOLUTION


# %% [raw]
# # END SOLUTION

# %%
try:
    grid_G = torch.linspace(-1.0, 1.0, 400, dtype=torch.float64)
    fig, axes = plt.subplots(1, 3, figsize=(13, 3.5), sharex=True)
    for ax, values, title in zip(axes, (G(grid_G), G_prime(grid_G), G_second(grid_G)), ("G", "G'", "G''")):
        ax.plot(to_numpy(grid_G), to_numpy(values))
        ax.set_title(title)
        ax.set_xlabel("x")
    plt.tight_layout()
    plt.show()
except Exception as error:  # until the tasks this cell uses are answered
    print(f"Answer the tasks this cell uses first (G, G_prime and G_second). {type(error).__name__}: {error}")

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_G_shapes(G, G_prime, G_second):
    import torch
    x = torch.linspace(-0.5, 0.5, 4, dtype=torch.float64)
    assert isinstance(G(x), torch.Tensor) and G(x).shape == x.shape, "G should return a tensor shaped like x"
    for func in (G_prime, G_second):
        result = func(x)
        assert isinstance(result, torch.Tensor), f"{func.__name__} should return a tensor"
        assert result.shape == x.shape, f"{func.__name__} should return a tensor shaped like x"
        assert not result.requires_grad, f"{func.__name__} should return a detached tensor"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
""" # END TEST CONFIG
def test_G_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("G", env)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 3
""" # END TEST CONFIG
def test_G_derivatives_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("G_derivatives", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## 9. An operation with its own backward pass
#
# Every torch operation comes with a forward rule (compute the output) and a backward rule
# (turn the gradient of the output into the gradient of the input). You can add your own by
# subclassing `torch.autograd.Function` with two static methods:
#
# * `forward(ctx, x)` computes the output; `ctx.save_for_backward(...)` keeps what backward needs;
# * `backward(ctx, grad_output)` receives dL/d(output) and returns dL/d(input): by the chain rule,
#   `grad_output` times the local derivative.
#
# You call it through `.apply`. Worked example: $\text{softsign}(x) = x / (1 + |x|)$, whose
# derivative is $1 / (1 + |x|)^2$.

# %%
class Softsign(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x / (1 + x.abs())

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output / (1 + x.abs()) ** 2


soft_points = torch.tensor([-2.0, 0.0, 3.0], requires_grad=True)
Softsign.apply(soft_points).sum().backward()
print("gradient:", soft_points.grad, "| by hand:", 1 / (1 + soft_points.detach().abs()) ** 2)

# %% [markdown]
# `torch.autograd.gradcheck` compares a backward rule with finite differences (use float64: in
# float32 the finite differences themselves are too inaccurate):

# %%
check_points = torch.linspace(-2.0, 2.0, 7, dtype=torch.float64, requires_grad=True)
print("Softsign passes gradcheck:", torch.autograd.gradcheck(Softsign.apply, (check_points,)))

# %% [raw]
# # BEGIN QUESTION
# name: legendre_p3
# points: 3

# %% [markdown]
# **Task 8.** Write `LegendreP3`, a `torch.autograd.Function` for the Legendre polynomial
# $P_3(x) = \tfrac12(5x^3 - 3x)$, with a `forward` and a hand-written `backward` (work out
# $P_3'(x)$ yourself). It must work elementwise on float32 and float64 tensors and pass
# `gradcheck` in float64.

# %% [raw]
# # BEGIN SOLUTION

# %%
class LegendreP3(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        # BEGIN SOLUTION
        ctx.save_for_backward(x)
        return 0.5 * (5 * x**3 - 3 * x)
        # END SOLUTION

    @staticmethod
    def backward(ctx, grad_output):
        # BEGIN SOLUTION
        (x,) = ctx.saved_tensors
        return grad_output * 1.5 * (5 * x**2 - 1)
        # END SOLUTION


# %% [raw]
# # END SOLUTION

# %%
try:
    p3_points = torch.linspace(-1.0, 1.0, 200, dtype=torch.float64, requires_grad=True)
    p3_values = LegendreP3.apply(p3_points)
    p3_values.sum().backward()
    plt.plot(to_numpy(p3_points), to_numpy(p3_values), label="$P_3(x)$")
    plt.plot(to_numpy(p3_points), to_numpy(p3_points.grad), label="$P_3'(x)$ from your backward")
    plt.xlabel("x")
    plt.legend()
    plt.show()
    print("LegendreP3 passes gradcheck:", torch.autograd.gradcheck(LegendreP3.apply, (check_points,)))
except Exception as error:  # until the tasks this cell uses are answered
    print(f"Answer the tasks this cell uses first (LegendreP3). {type(error).__name__}: {error}")

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_legendre_p3_shape(LegendreP3):
    import torch
    assert issubclass(LegendreP3, torch.autograd.Function), "LegendreP3 should subclass torch.autograd.Function"
    x = torch.zeros(4, requires_grad=True)
    y = LegendreP3.apply(x)
    assert isinstance(y, torch.Tensor) and y.shape == x.shape, "LegendreP3.apply should keep the shape"

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 3
""" # END TEST CONFIG
def test_legendre_p3_hidden(env):
    from autodiff_course.hidden import run_check
    run_check("legendre", env)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## Done
#
# Run the cell below to check your answers, then use the export cell to make the zip you submit.
# The checks in this notebook look only at shapes and types; the grader runs further tests on
# functions and points you have not seen. The two written answers are graded by hand.

"""Judges for 05_many_ways: one cubic fit to sin(x), written six ways.

Never imported by the student's process. Every judge first states the exact shape of its
probe's data (``conform``); the probe's data is what the student's process said, so nothing in
it is a verdict: the references below are recomputed here in float64 numpy from the hidden
inputs of ``probes`` (gradients by hand, which is what autograd computes: the project's tests
compare the two), and messages say what is wrong, never what was expected.

Tolerances. numpy answers are float64 like the references: only the order of summation
differs, a few 1e-16 relative per operation, so 1e-8 relative is far above rounding. Torch
answers are float32: a sum over 2000 points carries ~1e-6 of the sum of the magnitudes of its
terms, the starts here make L ~ 1e5 and a gradient ~ 1e6, and the learning rates (< 2e-6, where
every step contracts) keep that error from growing; measured worst cases are in the project's
tests. Every wrong rule we know (a missing factor 2, a mean for a sum, coefficients updated one
after another, gradients never cleared, a step of the wrong sign) moves the coefficients by more
than 1e-2 within these step counts.
"""

from __future__ import annotations

import math
import re

import numpy as np

from . import probes
from autodiff_course.hidden import expect, expect_close
from autodiff_course.schema import Flag, Integer, ListOf, MapOf, Maybe, Number, Text, conform

FLOAT64_RTOL, FLOAT64_ATOL = 1e-8, 1e-8
FLOAT32_RTOL, FLOAT32_ATOL = 1e-4, 1e-4

RESULT = {"types": ListOf(Text, 4), "coefficients": ListOf(Number, 4), "losses": ListOf(Number)}


# ============================================================== references


def grid() -> tuple[np.ndarray, np.ndarray]:
    x = np.linspace(-math.pi, math.pi, probes.N_POINTS)
    return x, np.sin(x)


def cubic_grads(x, y, coefficients) -> np.ndarray:
    a, b, c, d = coefficients
    g = 2.0 * (a + b * x + c * x**2 + d * x**3 - y)
    return np.array([g.sum(), (g * x).sum(), (g * x**2).sum(), (g * x**3).sum()])


def cubic_descent(start, n_steps: int, lr: float) -> tuple[np.ndarray, list[float]]:
    """GD on L = sum (cubic - sin)^2 over the grid: final coefficients, L before each step."""
    x, y = grid()
    p = np.asarray(start, dtype=np.float64).copy()
    losses = []
    for _ in range(n_steps):
        a, b, c, d = p
        losses.append(float(np.sum((a + b * x + c * x**2 + d * x**3 - y) ** 2)))
        p = p - lr * cubic_grads(x, y, p)
    return p, losses


def p3(z):
    return 0.5 * (5 * z**3 - 3 * z)


def p3_prime(z):
    return 1.5 * (5 * z**2 - 1)


LEGENDRE_START = (0.0, -1.0, 0.0, 0.3)


def legendre_descent(n_steps: int, lr: float) -> tuple[np.ndarray, list[float]]:
    x, y = grid()
    p = np.array(LEGENDRE_START)
    losses = []
    for _ in range(n_steps):
        a, b, c, d = p
        z = c + d * x
        g = 2.0 * (a + b * p3(z) - y)
        losses.append(float(np.sum((g / 2) ** 2)))
        inner = g * b * p3_prime(z)
        p = p - lr * np.array([g.sum(), (g * p3(z)).sum(), inner.sum(), (inner * x).sum()])
    return p, losses


def momentum_descent(start, n_steps: int, lr: float, momentum: float) -> tuple[np.ndarray, list[float]]:
    """torch.optim.SGD with momentum (dampening 0): buf = momentum * buf + g, p -= lr * buf."""
    x, y = grid()
    p = np.asarray(start, dtype=np.float64).copy()
    buf, losses = None, []
    for _ in range(n_steps):
        a, b, c, d = p
        losses.append(float(np.sum((a + b * x + c * x**2 + d * x**3 - y) ** 2)))
        g = cubic_grads(x, y, p)
        buf = g if buf is None else momentum * buf + g
        p = p - lr * buf
    return p, losses


# ============================================================== shared verdicts


def _judge_runs(data, runs, reference, name: str, rtol: float, atol: float, start_given: bool) -> None:
    """``runs[i] = (n_steps, lr)``; the start is the first run's (0 steps) unless ``start_given``."""
    start = None
    for index, (got, (n_steps, lr)) in enumerate(zip(data, runs)):
        what = f"{name}(n_steps={n_steps}, lr=<hidden>)" if n_steps else f"{name} with n_steps = 0"
        expect(len(got["losses"]) == n_steps, f"{what}: losses should hold n_steps values")
        if n_steps == 0:
            start = got["coefficients"]
            expect(all(abs(v) < 10 for v in start), f"{what}: the start should be drawn from a standard normal")
            continue
        final, losses = reference(n_steps, lr) if start_given else reference(start, n_steps, lr)
        hint = "" if start_given else " (measured from the start it returns for n_steps = 0 under the same seed)"
        expect_close(got["losses"], losses, f"{what}: the losses{hint}", rtol=rtol, atol=atol * 1e3)
        expect_close(got["coefficients"], final, f"{what}: the final (a, b, c, d){hint}", rtol=rtol, atol=atol)


# ============================================================== descend_square


def judge_descend_square(data):
    runs = probes.square_runs()
    conform(data, ListOf(ListOf(Number), len(runs)))
    for index, (got, (x0, lr, n_steps)) in enumerate(zip(data, runs), start=1):
        what = f"hidden run {index}"
        expect(len(got) == n_steps + 1, f"{what}: return the n_steps + 1 iterates x_0 ... x_n")
        want = [float(x0)]
        for _ in range(n_steps):
            want.append(want[-1] - lr * 2.0 * (want[-1] - 2.0))
        # the same float64 arithmetic in another order: 1e-12 relative is far above its rounding
        expect_close(got, want, f"{what}: the iterates", rtol=1e-12, atol=1e-12)


# ============================================================== cubic_grads_numpy


def judge_cubic_grads(data):
    cases = probes.grad_cases()
    conform(data, ListOf({"types": ListOf(Text, 4), "grads": ListOf(Number, 4)}, len(cases)))
    for index, (got, case) in enumerate(zip(data, cases), start=1):
        what = f"hidden case {index}"
        expect(all(t in ("float", "float64") for t in got["types"]),
               f"{what}: return the four gradients as Python floats")
        want = cubic_grads(case["x"], case["y"], case["coefficients"])
        # on the near-fit case too the loop and design-matrix answers stay within 1% of this
        # tolerance (measured under twelve hidden seeds), while float32 targets miss it 1e4-fold
        expect_close(got["grads"], want, f"{what}: the gradients (dL/da, dL/db, dL/dc, dL/dd)",
                     rtol=FLOAT64_RTOL, atol=FLOAT64_ATOL * float(np.abs(want).max()))


# ============================================================== fit_cubic_numpy


def judge_fit_numpy(data):
    runs = probes.descent_runs(2, 4e-7, 2e-6)
    conform(data, ListOf(RESULT, len(runs)))
    for got in data:
        expect(all(t in ("builtins.float", "numpy.float64") for t in got["types"]),
               "fit_cubic_numpy should return the coefficients as floats")
    _judge_runs(data, runs, cubic_descent, "fit_cubic_numpy", FLOAT64_RTOL, FLOAT64_ATOL, start_given=False)


# ============================================================== fit_cubic_tensors


def judge_fit_tensors(data):
    runs = probes.descent_runs(3, 4e-7, 2e-6)
    conform(data, ListOf(dict(RESULT, requires_grad=Integer, backward=Integer), len(runs)))
    for got in data:
        expect(got["requires_grad"] == 0 and got["backward"] == 0,
               "fit_cubic_tensors used autograd: compute the four gradients by hand with tensor operations")
    _judge_runs(data, runs, cubic_descent, "fit_cubic_tensors", FLOAT32_RTOL, FLOAT32_ATOL, start_given=False)


def judge_tensors_device(data):
    conform(data, {"n_steps": Integer, "n_losses": Integer, "asked": ListOf(Text), "mixed": Integer,
                   "host_big": Integer, "device_ops": Integer})
    n = data["n_steps"]
    expect(data["asked"] == sorted(set(data["asked"])), "the devices asked for should be listed once each, sorted")
    expect(data["n_losses"] == n, "fit_cubic_tensors on a GPU device: losses should hold n_steps values")
    expect("cuda" in data["asked"],
           "fit_cubic_tensors never created a tensor on `device` nor moved one there: pass device=device")
    expect(data["mixed"] == 0,
           "fit_cubic_tensors mixed tensors on `device` with tensors on the CPU in one operation "
           "(a GPU refuses that): make x, y and the coefficients on `device`")
    expect(data["host_big"] < n and data["device_ops"] >= n,
           "fit_cubic_tensors did its work on the 2000 points on the CPU, not on `device`")


# ============================================================== fit_cubic_autograd


def judge_fit_autograd(data):
    runs = probes.descent_runs(4, 4e-7, 2e-6)
    conform(data, ListOf(dict(RESULT, backward=Integer, no_grad_entered=Integer, data_reads=Integer), len(runs)))
    for got, (n_steps, _) in zip(data, runs):
        expect(got["backward"] >= n_steps, "fit_cubic_autograd should get its gradients from loss.backward()")
        expect(got["data_reads"] == 0,
               "fit_cubic_autograd reads .data: update the coefficients inside torch.no_grad() instead")
        expect(got["no_grad_entered"] >= n_steps, "fit_cubic_autograd should update inside torch.no_grad()")
    _judge_runs(data, runs, cubic_descent, "fit_cubic_autograd", FLOAT32_RTOL, FLOAT32_ATOL, start_given=False)


# ============================================================== fit_legendre


def judge_legendre_function(data):
    conform(data, ListOf({"name": Text, "values": ListOf(Number), "grads": ListOf(Number)}))
    expect(data, "no subclass of torch.autograd.Function is defined at the top level of the notebook")
    z = probes.sample_points(5)
    weights = probes._rng(6).normal(size=len(z))
    good = []
    for got in data:
        if len(got["values"]) != len(z) or len(got["grads"]) != len(z):
            continue
        # float64 inputs; 1e-6 forgives a Function that computes in float32
        values_ok = np.allclose(got["values"], p3(z), rtol=1e-6, atol=1e-6)
        grads_ok = np.allclose(got["grads"], weights * p3_prime(z), rtol=1e-6, atol=1e-6)
        good.append(values_ok and grads_ok)
    expect(any(good), "no torch.autograd.Function of yours computes P3 in forward and passes back "
                      "grad_output times P3' in backward on hidden points")


def judge_fit_legendre(data):
    runs = probes.descent_runs(8, 1e-6, 6e-6)[1:]
    conform(data, ListOf(dict(RESULT, custom_backward_calls=Integer), len(runs)))
    for got, (n_steps, _) in zip(data, runs):
        expect(got["custom_backward_calls"] >= n_steps,
               "fit_legendre should apply your own autograd Function (its backward ran too rarely or not at all)")
    _judge_runs(data, runs, legendre_descent, "fit_legendre", FLOAT32_RTOL, FLOAT32_ATOL, start_given=True)


# ============================================================== Polynomial3 and DynamicNet

NAMED = {"names": ListOf(Text), "shapes": ListOf(ListOf(Integer))}
NUMBER_IN_TEXT = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")


def _check_parameters(named, letters: str, cls: str) -> None:
    expect(len(named["names"]) == len(letters), f"{cls} should register exactly {len(letters)} parameters")
    expect(sorted(named["names"]) == sorted(letters), f"{cls}'s parameters should be named {', '.join(letters)}")
    expect(all(shape == [] for shape in named["shapes"]), f"every parameter of {cls} should be a 0-d tensor")


def _check_string(text: str, values, cls: str) -> None:
    found = [float(m) for m in NUMBER_IN_TEXT.findall(text)]
    for v in values:
        # four significant digits: a value printed with 4 decimals is within 5e-5
        expect(any(abs(f - v) <= 1e-3 * abs(v) + 1e-4 for f in found),
               f"{cls}.string() should show the current value of every parameter")


def _powers(x, coefficients, top: int) -> np.ndarray:
    return sum(coefficients[min(k, 4)] * x**k for k in range(top + 1))


def judge_polynomial3(data):
    conform(data, {"named": NAMED, "y": ListOf(Number), "string": Text})
    _check_parameters(data["named"], "abcd", "Polynomial3")
    coefficients, x = probes.polynomial_coefficients(10, 4), probes.sample_points(11)
    expect_close(data["y"], _powers(x, coefficients, 3), "Polynomial3's forward on hidden points",
                 rtol=1e-5, atol=1e-5)
    _check_string(data["string"], coefficients, "Polynomial3")


def judge_dynamic(data):
    graded = {"y": ListOf(Number), "grads": MapOf(Maybe(Number))}
    conform(data, {"named": NAMED, "outputs": ListOf(ListOf(Number), 60), "graded": ListOf(graded, 24),
                   "string": Text})
    _check_parameters(data["named"], "abcde", "DynamicNet")
    coefficients, x = probes.polynomial_coefficients(12, 5), probes.sample_points(13)
    weights = probes._rng(14).normal(size=len(x)).astype(np.float32).astype(np.float64)
    sums = {4: _powers(x, coefficients, 4), 5: _powers(x, coefficients, 5)}

    def which(y) -> int | None:
        # float32 evaluation of terms up to |e x^5| ~ 100: 1e-5 relative of the largest term is safe,
        # while the two sums differ by e x^5, far more at these points
        for top, want in sums.items():
            if len(y) == len(x) and np.allclose(y, want, rtol=1e-5, atol=1e-3):
                return top
        return None

    kinds = [which(y) for y in data["outputs"]]
    expect(None not in kinds, "DynamicNet's forward gave a value that is neither the sum up to e x^4 "
                              "nor the sum up to e x^5")
    expect(4 in kinds and 5 in kinds, "over many calls DynamicNet's forward should sometimes add e x^5 and "
                                      "sometimes not")
    seen_both = False
    for call in data["graded"]:
        top = which(call["y"])
        expect(top is not None, "DynamicNet's forward gave a value that is neither valid sum")
        grads = call["grads"]
        expect(sorted(grads) == list("abcde") and None not in grads.values(),
               "after backward every parameter of DynamicNet should have a gradient")
        want = [float(np.sum(weights * x**k)) for k in range(4)]
        want.append(float(np.sum(weights * (x**4 + (x**5 if top == 5 else 0)))))
        got = [grads[n] for n in "abcde"]
        expect_close(got[:4], want[:4], "DynamicNet: the gradients of a, b, c, d", rtol=1e-4, atol=1e-3)
        expect_close(got[4:], want[4:], "DynamicNet: e's gradient" + (" on a call that used e twice" if top == 5 else ""),
                     rtol=1e-4, atol=1e-3)
        seen_both = seen_both or top == 5
    expect(seen_both, "DynamicNet never added e x^5 on the calls whose gradients were checked")
    _check_string(data["string"], coefficients, "DynamicNet")


# ============================================================== SigmoidNet

SIGMOID_NAMES = ["body.0.weight", "body.0.bias", "head.weight", "head.bias"]


def judge_sigmoid_net(data):
    conform(data, ListOf({"named": NAMED, "shape": ListOf(Integer), "y": ListOf(Number)}, len(probes.SIGMOID_HIDDEN)))
    x = probes.sample_points(41)
    for got, hidden in zip(data, probes.SIGMOID_HIDDEN):
        what = f"SigmoidNet({hidden})"
        expect(got["named"]["names"] == SIGMOID_NAMES,
               f"{what}: the parameters should be exactly those of self.body (Linear, Sigmoid) and self.head (Linear)")
        w = probes.sigmoid_weights(hidden)
        expect(got["named"]["shapes"] == [list(w[name].shape) for name in SIGMOID_NAMES],
               f"{what}: a layer has the wrong shape (1 -> hidden -> 1)")
        expect(got["shape"] == [len(x)], f"{what}: forward should return a 1-D tensor, one value per point")
        inner = 1.0 / (1.0 + np.exp(-(x[:, None] @ w["body.0.weight"].T + w["body.0.bias"])))
        want = (inner @ w["head.weight"].T + w["head.bias"]).reshape(-1)
        # float32 layers of <= 7 units: ~1e-6 relative; a missing sigmoid or a swapped order is off by > 0.1
        expect_close(got["y"], want, f"{what}: forward on hidden points with hidden weights", rtol=1e-5, atol=1e-5)


# ============================================================== train_module


def judge_train_module(data):
    case = probes.train_case()
    conform(data, ListOf({"losses": ListOf(Number), "final": ListOf(Number, 4)}, len(case["runs"])))
    for got, (n_steps, lr, momentum) in zip(data, case["runs"]):
        what = f"train_module(model, n_steps={n_steps}, lr=<hidden>, momentum={momentum})"
        final, losses = momentum_descent(case["start"], n_steps, lr, momentum)
        expect(len(got["losses"]) == n_steps, f"{what}: return n_steps losses")
        expect_close(got["losses"], losses, f"{what}: the losses", rtol=FLOAT32_RTOL, atol=FLOAT32_ATOL * 1e3)
        expect_close(got["final"], final, f"{what}: the model's parameters after training",
                     rtol=FLOAT32_RTOL, atol=FLOAT32_ATOL)


# ============================================================== plot_fit


PLOT_LINE = {"label": Text, "x": ListOf(Number), "y": ListOf(Number)}
PLOT_AXES = {"xlabel": Text, "ylabel": Text, "legend": ListOf(Text), "lines": ListOf(PLOT_LINE)}
PLOT_FIGURE = {"is_figure": Flag, "axes": ListOf(PLOT_AXES), "figure_legends": ListOf(ListOf(Text))}
PLOT_OFFSETS = (20, 21)  # the hidden coefficients of the probe's two calls


def _drawn(figure, want) -> list[tuple[dict, dict]]:
    """(axes, line) for every line of ``figure`` that draws ``want`` over the task's 2000 points."""
    found = []
    for axes in figure["axes"]:
        for got in axes["lines"]:
            x, y = np.asarray(got["x"]), np.asarray(got["y"])
            if len(x) != 2000 or len(y) != 2000 or x.min() > -math.pi + 1e-3 or x.max() < math.pi - 1e-3:  # as the task says
                continue
            # float32 points or values are within 1e-6 relative; 1e-4 is generous and far below
            # any other curve
            if np.allclose(y, want(x), rtol=1e-4, atol=1e-4):
                found.append((axes, got))
    return found


def _cubic(offset: int):
    coefficients = probes.polynomial_coefficients(offset, 4)
    return lambda x: _powers(x, coefficients, 3)


def judge_plot_fit(data):
    conform(data, {"calls": ListOf(PLOT_FIGURE, len(PLOT_OFFSETS)), "same_figure": Flag})
    for figure, offset in zip(data["calls"], PLOT_OFFSETS):
        expect(figure["is_figure"], "plot_fit should return the matplotlib Figure it drew on")
        sine, cubic = _drawn(figure, np.sin), _drawn(figure, _cubic(offset))
        expect(sine, "plot_fit's figure has no line of sin(x) over [-pi, pi]")
        expect(cubic, "plot_fit's figure has no line of the cubic with the coefficients it was given, over [-pi, pi]")
        legends = [entry for legend in figure["figure_legends"] for entry in legend]
        for found, name in ((sine, "sin(x)"), (cubic, "the cubic")):
            labelled = [(axes, got) for axes, got in found if not got["label"].startswith("_")]
            expect(labelled, f"give the line of {name} a label (label=...) so that the legend names it")
            expect(any(axes["xlabel"].strip() and axes["ylabel"].strip() for axes, _ in found),
                   f"label both axes of the plot that shows {name} (ax.set_xlabel, ax.set_ylabel)")
            expect(any(got["label"] in axes["legend"] + legends for axes, got in labelled),
                   f"the figure's legend should name the line of {name}: call ax.legend() after drawing the lines")
    expect(not data["same_figure"] and not _drawn(data["calls"][1], _cubic(PLOT_OFFSETS[0])),
           "plot_fit drew into a figure it had drawn on before: make a new figure on every call "
           "(fig, ax = plt.subplots())")

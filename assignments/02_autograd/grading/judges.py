"""Judges for 02_autograd: tensors, autograd derivatives, accumulation, the graph, G, P3.

Never imported by the student's process. The hidden inputs (points, matrices, the hidden functions
f) come from the probes' module, ``probes``. Judges recompute every
expected value in float64 with numpy, from analytic derivatives or, for the gnarly G, from
high-order central differences.

Tolerances. Students may work in float32 or float64, so every comparison must accept a float32
answer: float32 carries a relative rounding error of 2**-24 ~ 6e-8 per operation. The comparisons
below leave one to three orders of magnitude above the float32 error actually measured, and stay
orders of magnitude below the error of every plausible wrong answer (a wrong function, a wrong
factor, a missing term all change values by O(1)). Each tolerance names its reason where used.
Where the probe passes a float32 tensor, the judge evaluates the reference at the float32-rounded
points (``_as_float32``), so the rounding of the input itself costs the student nothing.
"""

from __future__ import annotations

import math

import numpy as np

from . import probes
from autodiff_course.hidden import expect, expect_close


# ------------------------------------------------------------------ shared references


TWO_PI = 2.0 * math.pi


def _as_float32(values) -> np.ndarray:
    """The float64 values of ``values`` after rounding to float32 (what a float32 tensor holds)."""
    return np.asarray(values, dtype=np.float32).astype(np.float64)


# The hidden functions' derivatives, by hand (the functions are probes.HIDDEN_FUNCTIONS).
HIDDEN_DERIVATIVES = {
    "exp_sin": lambda x: np.exp(np.sin(x)) * np.cos(x),
    "cubic": lambda x: 3 * x**2 - 1,
    "tanh": lambda x: 1 - np.tanh(x) ** 2,
    "log_bump": lambda x: 2 * x / (1 + x * x),
    "line": lambda x: np.full_like(x, 3.0),
    "wiggle": lambda x: np.sin(3 * x) + 3 * x * np.cos(3 * x),
}


# ------------------------------------------------------------------ tensor warm-up: center_rows_


def judge_center_rows(data):
    cases = probes.warmup_matrices()
    expect(len(data) == len(cases), "center_rows_ was not run on every hidden matrix")
    for index, (got, (values, dtype)) in enumerate(zip(data, cases), start=1):
        start = _as_float32(values) if dtype == "float32" else values
        want = start - start.mean(axis=1, keepdims=True)
        expect(got["dtype_kept"], f"hidden matrix {index}: the matrix changed dtype")
        # Row means of <= 6 entries of size <= ~10: float32 sums err by ~1e-6; 1e-5 is safe,
        # while subtracting a wrong mean (columns, whole matrix) shifts entries by O(1).
        expect_close(
            got["input_after"], want, f"hidden matrix {index}: the matrix after center_rows_",
            rtol=1e-5, atol=1e-5,
        )
        expect(got["same_object"], f"hidden matrix {index}: center_rows_ should return the matrix it changed in place")


# ------------------------------------------------------------------ to_numpy


def judge_to_numpy(data):
    for kind, values, dtype in probes.numpy_cases():
        expect(kind in data, f"to_numpy was not run on the hidden case '{kind}'")
    for kind, got in data.items():
        values, dtype = next((v, d) for k, v, d in probes.numpy_cases() if k == kind or (kind == "cuda" and k == "gpu_like"))
        where = {
            "plain": "a plain tensor",
            "leaf_requires_grad": "a tensor that requires grad",
            "non_leaf": "the result of an operation on a tensor that requires grad",
            "integers": "an integer tensor",
            "scalar": "a 0-d tensor",
            "transposed": "a transposed (non-contiguous) tensor",
            "gpu_like": "a tensor on a GPU",
            "cuda": "a CUDA tensor",
        }[kind]
        expect(got["ndarray"], f"to_numpy on {where} should return a numpy array, not a {got.get('type')}")
        expect(got["dtype"] == dtype, f"to_numpy on {where} should keep the tensor's dtype")
        expect(got["shape"] == list(np.shape(values)), f"to_numpy on {where} should keep the tensor's shape")
        want = _as_float32(values) if dtype == "float32" else values
        # A copy or a view holds the very same numbers: compare exactly.
        expect(np.array_equal(np.asarray(got["values"], dtype=np.float64), want), f"to_numpy on {where} changed the values")


# ------------------------------------------------------------------ autograd_derivative


def judge_autograd_derivative(data):
    cases = probes.derivative_cases()
    expect(len(data) == len(cases), "autograd_derivative was not run on every hidden case")
    for index, (got, (name, points, dtype, leaf_with_grad)) in enumerate(zip(data, cases), start=1):
        what = f"hidden case {index} (a hidden function on {len(points)} {dtype} points)"
        result = got["result"]
        expect(result["tensor"], f"{what}: autograd_derivative should return a tensor, not a {result.get('type')}")
        expect(result["shape"] == [len(points)], f"{what}: the result should have the shape of x")
        expect(not result["requires_grad"], f"{what}: the result should be detached (requires_grad False)")
        expect(got["x_unchanged"] and got["x_dtype_kept"], f"{what}: autograd_derivative changed the values of x")
        expect(got["x_requires_grad"] == leaf_with_grad, f"{what}: autograd_derivative changed x.requires_grad")
        expect(got["x_grad_none"], f"{what}: autograd_derivative left a gradient in x.grad")
        at = _as_float32(points) if dtype == "float32" else points
        # |f'| <= ~4 and |f''| <= ~15 on [-2, 2]: float32 autograd errs by < 1e-6, and even a
        # float64 input rounded to float32 inside the student's code moves f' by < 2e-6.
        # 1e-4 leaves a factor 50; every wrong derivative is off by O(1) somewhere.
        expect_close(result["values"], HIDDEN_DERIVATIVES[name](at), f"{what}: the derivative", rtol=1e-4, atol=1e-4)


# ------------------------------------------------------------------ hand derivatives


def judge_hand_derivatives(data):
    formulas = {
        "poly": ("hand_derivative_poly", lambda x: 2 * x + 3),
        "sin": ("hand_derivative_sin", lambda x: TWO_PI * np.cos(TWO_PI * x)),
    }
    for key, (function, formula) in formulas.items():
        expect(len(data[key]) == len(probes.hand_points()), f"{function} was not run on every hidden input")
        for index, (got, (points, dtype)) in enumerate(zip(data[key], probes.hand_points()), start=1):
            what = f"{function} on hidden input {index} ({dtype}, shape {list(points.shape)})"
            expect(got["tensor"], f"{what}: should return a tensor, not a {got.get('type')}")
            expect(got["shape"] == list(points.shape), f"{what}: the result should have the shape of x")
            at = _as_float32(points) if dtype == "float32" else points
            # In float32, 2*pi*x (|x| <= 1.5) carries an absolute error ~1e-6, so the cosine
            # times 2*pi errs by ~1e-5 at most; 1e-4 is safe and far below any wrong factor.
            expect_close(got["values"], formula(at), what, rtol=1e-4, atol=1e-4)


# ------------------------------------------------------------------ accumulated_gradient


def judge_accumulated_gradient(data):
    cases = probes.accumulation_cases()
    expect(len(data) == len(cases), "accumulated_gradient was not run on every hidden case")
    for index, (got, (name, x0, n_backward, zero_between)) in enumerate(zip(data, cases), start=1):
        how = "zeroing between calls" if zero_between else "without zeroing"
        what = f"hidden case {index} ({n_backward} backward call(s), {how})"
        expect(isinstance(got, float), f"{what}: accumulated_gradient should return a Python float, not a {got.get('type') if isinstance(got, dict) else type(got).__name__}")
        slope = float(HIDDEN_DERIVATIVES[name](np.array([x0]))[0])
        want = slope if zero_between else n_backward * slope
        # A float32 leaf rounds x0 by < 1e-7 relative; |f''| <= ~15 and at most 5 summed
        # gradients keep the error under 1e-5. A missing or extra accumulation changes the
        # result by a whole multiple of f'(x0) (these x0 keep |f'(x0)| well away from 0).
        expect_close([got], [want], what, rtol=1e-4, atol=1e-4)


# ------------------------------------------------------------------ graph gradients


def _graph_judge(data, name):
    cases = probes.graph_cases()
    expect(len(data) == len(cases), f"{name} was not run on every hidden (a, b, c)")
    for index, (got, (a, b, c)) in enumerate(zip(data, cases), start=1):
        expect(
            isinstance(got, list),
            f"{name}, hidden case {index}: return a tuple of three Python floats (got {got.get('type') if isinstance(got, dict) else got})",
        )
        # Inputs |a|, |b|, |c| <= 6 with 3 decimals; float32 autograd is exact to ~1e-6.
        expect_close(got, [c, c, a + b + 1.0], f"{name}, hidden case {index}: (dL/da, dL/db, dL/dc)", rtol=1e-5, atol=1e-5)


def judge_graph_gradients(data):
    _graph_judge(data, "graph_gradients")


def judge_hand_graph_gradients(data):
    _graph_judge(data, "hand_graph_gradients")


# ------------------------------------------------------------------ the gnarly G


def G_reference(x: np.ndarray) -> np.ndarray:
    """G(x) = sin(exp(cos x^2)^3) / cos(exp(-tan(x^4)^2)) in float64."""
    return np.sin(np.exp(np.cos(x**2)) ** 3) / np.cos(np.exp(-np.tan(x**4) ** 2))


def G_prime_reference(x: np.ndarray, h: float = 1e-4) -> np.ndarray:
    """Five-point central difference: error O(h^4 |G^(5)|) ~ 1e-11 relative at these points."""
    G = G_reference
    return (-G(x + 2 * h) + 8 * G(x + h) - 8 * G(x - h) + G(x - 2 * h)) / (12 * h)


def G_second_reference(x: np.ndarray, h: float = 3e-4) -> np.ndarray:
    """Five-point central second difference: truncation O(h^4) and rounding O(eps/h^2) meet
    near h = 3e-4, giving ~1e-8 relative error at these points (checked against float64
    autograd when the points were chosen)."""
    G = G_reference
    return (-G(x + 2 * h) + 16 * G(x + h) - 30 * G(x) + 16 * G(x - h) - G(x - 2 * h)) / (12 * h * h)


# G itself: values up to ~2, built from ~10 float32 operations whose arguments reach e^3 ~ 20;
# float32 errs by < 1e-5 there (measured 4e-6). 1e-3 is safe; a misread formula is off by O(1).
G_TOL = 1e-3


# G' reaches ~30 and G'' ~1.5e3 at these points. Measured float32-vs-float64 autograd error:
# < 5e-5 * (1 + |value|), input rounding included. Tolerance 1e-3 + 1e-3*|value| leaves a
# factor 20; the central-difference reference itself is good to 1e-7 relative.
D_TOL = 1e-3


def judge_G(data):
    cases = probes.G_cases()[:2]
    expect(len(data) == len(cases), "G was not run on every hidden input")
    for index, (got, (points, dtype)) in enumerate(zip(data, cases), start=1):
        what = f"G on hidden {dtype} points"
        expect(got["tensor"], f"{what}: should return a tensor, not a {got.get('type')}")
        at = _as_float32(points) if dtype == "float32" else points
        expect_close(got["values"], G_reference(at), what, rtol=G_TOL, atol=G_TOL)


def judge_G_derivatives(data):
    cases = probes.G_cases()
    expect(len(data) == len(cases), "G_prime and G_second were not run on every hidden input")
    for got, (points, dtype) in zip(data, cases):
        shape = list(np.shape(points))
        kind = "a 0-d tensor" if not shape else f"{shape[0]} {dtype} points"
        at = _as_float32(points) if dtype == "float32" else points
        for key, name, reference in (("first", "G_prime", G_prime_reference), ("second", "G_second", G_second_reference)):
            result = got[key]
            what = f"{name} on {kind}"
            expect(result["tensor"], f"{what}: should return a tensor, not a {result.get('type')}")
            expect(result["shape"] == shape, f"{what}: the result should have the shape of x")
            expect(not result["requires_grad"], f"{what}: the result should be detached")
            expect_close(result["values"], reference(np.asarray(at, dtype=np.float64)), what, rtol=D_TOL, atol=D_TOL)
        expect(got["x_grad_none"] and not got["x_requires_grad"], f"G_prime/G_second on {kind}: x was changed (requires_grad or .grad)")


# ------------------------------------------------------------------ LegendreP3


def judge_legendre(data):
    expect(data["is_function"], "LegendreP3 should be a subclass of torch.autograd.Function")
    expect(data["own_backward"], "LegendreP3 should define its own backward")
    points, weights = probes.legendre_points(), probes.legendre_weights()
    for dtype, result in data["results"].items():
        at = _as_float32(points) if dtype == "float32" else points
        w = _as_float32(weights) if dtype == "float32" else weights
        forward = result["forward"]
        expect(forward["tensor"] and forward["shape"] == [len(points)], f"LegendreP3.apply on {dtype} points should return a tensor shaped like its input")
        # |P3| <= 5 on [-1.5, 1.5]: float32 errs by ~1e-6; 1e-5 leaves a factor 10.
        expect_close(forward["values"], 0.5 * (5 * at**3 - 3 * at), f"LegendreP3 forward ({dtype})", rtol=1e-5, atol=1e-5)
        # Weighted gradient w * 1.5 (5 x^2 - 1): |value| <= ~50, float32 error ~1e-5.
        expect_close(
            result["weighted_grad"], w * 1.5 * (5 * at**2 - 1),
            f"LegendreP3 backward ({dtype}; it must multiply by grad_output)", rtol=1e-4, atol=1e-4,
        )
    expect(data["backward_calls"] == 2, "LegendreP3's own backward was not what autograd used")
    expect(data["gradcheck"], "LegendreP3 fails torch.autograd.gradcheck in float64")

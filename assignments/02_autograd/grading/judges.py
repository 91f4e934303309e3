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
from autodiff_course.schema import Flag, Integer, ListOf, MapOf, Maybe, Number, Record, Text, conform


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


# The hidden functions themselves, in float64 numpy (for the plot: the judge redraws f as well).
HIDDEN_VALUES = {
    "exp_sin": lambda x: np.exp(np.sin(x)),
    "cubic": lambda x: x**3 - x,
    "tanh": np.tanh,
    "log_bump": lambda x: np.log(1 + x * x),
    "line": lambda x: 3 * x - 2,
    "wiggle": lambda x: x * np.sin(3 * x),
}


# ------------------------------------------------------------------ what the probes report, and the method

TENSOR = Record({"tensor": Flag, "type": Text, "dtype": Text, "shape": ListOf(Integer), "requires_grad": Flag,
                 "values": ListOf(Number)})
WATCHED = {"torch_calls": MapOf(Integer), "tracked": Integer}  # the torch functions a call used
RECORDED = {"calls": Integer, "backward_through_f": Integer, "evaluations": ListOf(Maybe(ListOf(Number)))}

AUTOGRAD_ENTRY_POINTS = ("torch.autograd.grad", "torch.autograd.backward", "torch._tensor.Tensor.backward")


def _autograd_calls(torch_calls: dict, create_graph: bool = False) -> int:
    """How many times the watched code entered autograd (only those asked to record the backward
    pass itself, with ``create_graph``)."""
    return sum(count for name, count in torch_calls.items()
               if name.split("[")[0] in AUTOGRAD_ENTRY_POINTS and (not create_graph or name.endswith("[create_graph]")))


def _evaluated_elsewhere(evaluations: list, points: np.ndarray) -> bool:
    """Whether a hidden function was called at a point that is none of the inputs. Points may have
    been rounded to float32 on the way (|x| <= 2: half a float32 step is 1.2e-7); a finite
    difference steps at least ~1e-6 away (smaller steps lose the derivative to rounding)."""
    points = np.asarray(points, dtype=np.float64).reshape(-1)
    if len(evaluations) > probes.MAX_RECORDED or any(len(e or []) > probes.MAX_RECORDED for e in evaluations):
        return True  # the probe keeps no more than that: anything longer was not made by it
    for evaluation in evaluations:
        if evaluation is None or not evaluation:  # unreadable (a functorch transform) or empty: no evidence
            continue
        at = np.asarray(evaluation, dtype=np.float64)
        gap = np.abs(at[:, None] - points[None, :]).min(axis=1)
        if (gap > 2.5e-7 * np.maximum(1.0, np.abs(at))).any():
            return True
    return False


def _is_tensor(got: dict, what: str, shape: list | None = None) -> None:
    expect(got["tensor"], f"{what}: should return a tensor, not a {got['type']}")
    if shape is not None:
        expect(got["shape"] == shape, f"{what}: the result should have the shape of x")


# ------------------------------------------------------------------ tensor warm-up: center_rows_


def judge_center_rows(data):
    cases = probes.warmup_matrices()
    conform(data, ListOf(Record({"dtype_after": Text, "after": ListOf(Number), "after_bump": Maybe(ListOf(Number))}),
                         len(cases)))
    for index, (got, (values, dtype)) in enumerate(zip(data, cases), start=1):
        start = _as_float32(values) if dtype == "float32" else values
        want = (start - start.mean(axis=1, keepdims=True)).ravel()
        expect(got["dtype_after"] == dtype, f"hidden matrix {index}: the matrix changed dtype")
        # Row means of <= 6 entries of size <= ~10: float32 sums err by ~1e-6; 1e-5 is safe,
        # while subtracting a wrong mean (columns, whole matrix) shifts entries by O(1).
        expect_close(
            got["after"], want, f"hidden matrix {index}: the matrix after center_rows_",
            rtol=1e-5, atol=1e-5,
        )
        # The probe adds 1 to what center_rows_ returned: the caller's matrix moves with it only if
        # it is that very tensor (float32 adds 1 to values below ~10 within 1e-6).
        expect(got["after_bump"] is not None, f"hidden matrix {index}: center_rows_ should return the matrix, a tensor")
        expect_close(got["after_bump"], want + 1.0,
                     f"hidden matrix {index}: center_rows_ should return the matrix it changed in place (not a copy)",
                     rtol=1e-5, atol=1e-5)


# ------------------------------------------------------------------ to_numpy


NUMPY_CASE = Record({"type": Text, "dtype": Text, "shape": ListOf(Integer), "values": ListOf(Number)})


def judge_to_numpy(data):
    conform(data, MapOf(NUMPY_CASE))
    kinds = [kind for kind, _, _ in probes.numpy_cases()]
    extra = set(data) - set(kinds)
    expect(set(kinds) <= set(data) and extra <= {"cuda"}, "to_numpy was not run on exactly the hidden cases")
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
        expect(got["type"] == "ndarray", f"to_numpy on {where} should return a numpy array, not a {got['type']}")
        expect(got["dtype"] == dtype, f"to_numpy on {where} should keep the tensor's dtype")
        expect(got["shape"] == list(np.shape(values)), f"to_numpy on {where} should keep the tensor's shape")
        want = _as_float32(values) if dtype == "float32" else values
        # A copy or a view holds the very same numbers: compare exactly.
        expect(np.array_equal(np.asarray(got["values"], dtype=np.float64), np.ravel(want)), f"to_numpy on {where} changed the values")


# ------------------------------------------------------------------ autograd_derivative


def judge_autograd_derivative(data):
    cases = probes.derivative_cases()
    conform(data, ListOf(Record({"result": TENSOR, "x_after": ListOf(Number), "x_dtype": Text, "x_requires_grad": Flag,
                                 "x_grad": Maybe(ListOf(Number)), **RECORDED}), len(cases)))
    for index, (got, (name, points, dtype, leaf_with_grad)) in enumerate(zip(data, cases), start=1):
        what = f"hidden case {index} (a hidden function on {len(points)} {dtype} points)"
        result = got["result"]
        at = _as_float32(points) if dtype == "float32" else points
        _is_tensor(result, what, [len(points)])
        expect(not result["requires_grad"], f"{what}: the result should be detached (requires_grad False)")
        expect(got["x_dtype"] == dtype and np.array_equal(np.asarray(got["x_after"], dtype=np.float64), at),
               f"{what}: autograd_derivative changed the values of x")
        expect(got["x_requires_grad"] == leaf_with_grad, f"{what}: autograd_derivative changed x.requires_grad")
        expect(got["x_grad"] is None, f"{what}: autograd_derivative left a gradient in x.grad")
        expect(got["backward_through_f"] >= 1 and not _evaluated_elsewhere(got["evaluations"], at),
               f"{what}: the derivative should come from autograd (backward through f at the points of x), "
               "not from evaluating f at other points")
        # |f'| <= ~4 and |f''| <= ~15 on [-2, 2]: float32 autograd errs by < 1e-6, and even a
        # float64 input rounded to float32 inside the student's code moves f' by < 2e-6.
        # 1e-4 leaves a factor 50; every wrong derivative is off by O(1) somewhere.
        expect_close(result["values"], HIDDEN_DERIVATIVES[name](at), f"{what}: the derivative", rtol=1e-4, atol=1e-4)


# ------------------------------------------------------------------ plot_with_derivative


PLOT_POINTS = (200, 4000)  # the fewest and the most points a line may have, as the task says
# float32 holds an end a or b (|a|, |b| < 3) within 2.4e-7 (measured 5e-8 for torch.linspace);
# 1e-5 accepts that with a factor 40, while a line that stops one step short of an end
# (np.arange, endpoint=False) misses it by (b - a) / 4000 > 7e-4 on these intervals.
END_TOL = 1e-5
# On these intervals |f| <= 2 and |f'| <= 4: f and f' computed in float32 at the drawn points
# err by 1.5e-6 at most (measured with torch.linspace and autograd, 200 and 4000 points; the
# judges' tests keep it under a tenth of the tolerance). 1e-4 leaves a factor 60, and is far below
# the error of any other curve (f instead of f', a wrong function, f' / N: O(1) somewhere).
PLOT_TOL = 1e-4

PLOT_LINE = Record({"label": Text, "x": ListOf(Maybe(Number)), "y": ListOf(Maybe(Number))})
PLOT_AXES = Record({"xlabel": Text, "legend": ListOf(Text), "lines": ListOf(PLOT_LINE)})


def _drawn_over(line: dict, a: float, b: float):
    """The line's points sorted by x, if it is drawn as the task asks: between 200 and 4000
    finite points, from a to b with both ends included, evenly spaced (no gap wider than 1.5
    times the even step, which every linspace meets); otherwise None."""
    x, y = line["x"], line["y"]
    if len(x) != len(y) or not PLOT_POINTS[0] <= len(x) <= PLOT_POINTS[1] or None in x or None in y:
        return None
    order = np.argsort(np.asarray(x, dtype=np.float64), kind="stable")
    x, y = np.asarray(x, dtype=np.float64)[order], np.asarray(y, dtype=np.float64)[order]
    if abs(x[0] - a) > END_TOL or abs(x[-1] - b) > END_TOL or np.diff(x).max() > 1.5 * (b - a) / (len(x) - 1):
        return None
    return x, y


def _clean(label: str) -> str:
    """A label without spaces and TeX's $ { } (so that "$f'(x)$" reads as "f'(x)")."""
    return "".join(c for c in label if c not in " ${}")


def judge_plot_with_derivative(data):
    cases = probes.plot_cases()
    conform(data, ListOf(Record({"is_figure": Flag, "axes": ListOf(PLOT_AXES), "figure_legend": ListOf(Text),
                                 **RECORDED}), len(cases)))
    for index, (got, (name, a, b)) in enumerate(zip(data, cases), start=1):
        what = f"hidden case {index} (a hidden f over a hidden [a, b])"
        expect(got["is_figure"], f"{what}: plot_with_derivative should return the matplotlib Figure it drew on")
        found = {"f": [], "f'": []}
        for ax in got["axes"]:
            for line in ax["lines"]:
                curve = _drawn_over(line, a, b)
                if curve is None:
                    continue
                x, y = curve
                for key, reference in (("f", HIDDEN_VALUES[name]), ("f'", HIDDEN_DERIVATIVES[name])):
                    if np.allclose(y, reference(x), rtol=PLOT_TOL, atol=PLOT_TOL):
                        found[key].append((ax, line, x))
        for key, words in (("f", "f"), ("f'", "its derivative f'")):
            expect(found[key], f"{what}: the figure has no line of {words} over [a, b] "
                               f"({PLOT_POINTS[0]} to {PLOT_POINTS[1]} evenly spaced points, both ends included)")
        drawn_at = np.concatenate([x for key in found for _ax, _line, x in found[key]])
        expect(got["backward_through_f"] >= 1 and not _evaluated_elsewhere(got["evaluations"], drawn_at),
               f"{what}: f' should come from autograd (a gradient flowing back through f at the points drawn), "
               "not from evaluating f at other points")
        for key, wanted in (("f", lambda t: "f" in t and "f'" not in t), ("f'", lambda t: "f'" in t)):
            named = [(ax, line) for ax, line, _x in found[key]
                     if not line["label"].startswith("_") and wanted(_clean(line["label"]))]
            expect(named, f"{what}: label the line of {key} with a label that says {key}(x) (label=...)")
            expect(any(line["label"] in ax["legend"] or line["label"] in got["figure_legend"] for ax, line in named),
                   f"{what}: add a legend (ax.legend() after the lines are drawn) so that it names the line of {key}")
        expect(any(ax["xlabel"].strip() for ax in got["axes"]), f"{what}: give the x axis a label")


# ------------------------------------------------------------------ hand derivatives


def judge_hand_derivatives(data):
    formulas = {
        "poly": ("hand_derivative_poly", lambda x: 2 * x + 3),
        "sin": ("hand_derivative_sin", lambda x: TWO_PI * np.cos(TWO_PI * x)),
    }
    inputs = probes.hand_points()
    conform(data, Record({key: ListOf(Record({"result": TENSOR, **WATCHED}), len(inputs)) for key in formulas}))
    for key, (function, formula) in formulas.items():
        for index, (got, (points, dtype)) in enumerate(zip(data[key], inputs), start=1):
            what = f"{function} on hidden input {index} ({dtype}, shape {list(points.shape)})"
            _is_tensor(got["result"], what, list(points.shape))
            expect(_autograd_calls(got["torch_calls"]) == 0 and got["tracked"] == 0,
                   f"{what}: a derivative by hand uses no autograd (no requires_grad, backward or torch.autograd.grad)")
            at = _as_float32(points) if dtype == "float32" else points
            # In float32, 2*pi*x (|x| <= 1.5) carries an absolute error ~1e-6, so the cosine
            # times 2*pi errs by ~1e-5 at most; 1e-4 is safe and far below any wrong factor.
            expect_close(got["result"]["values"], formula(at).ravel(), what, rtol=1e-4, atol=1e-4)


# ------------------------------------------------------------------ accumulated_gradient


def judge_accumulated_gradient(data):
    cases = probes.accumulation_cases()
    conform(data, ListOf(Record({"type": Text, "value": Maybe(Number), **RECORDED}), len(cases)))
    for index, (got, (name, x0, n_backward, zero_between)) in enumerate(zip(data, cases), start=1):
        how = "zeroing between calls" if zero_between else "without zeroing"
        what = f"hidden case {index} ({n_backward} backward call(s), {how})"
        expect(got["type"] == "float" and got["value"] is not None,
               f"{what}: accumulated_gradient should return a Python float, not a {got['type']}")
        expect(got["backward_through_f"] >= 1 and not _evaluated_elsewhere(got["evaluations"], [x0]),
               f"{what}: the gradient should come from backward through f at x0")
        slope = float(HIDDEN_DERIVATIVES[name](np.array([x0]))[0])
        want = slope if zero_between else n_backward * slope
        # A float32 leaf rounds x0 by < 1e-7 relative; |f''| <= ~15 and at most 5 summed
        # gradients keep the error under 1e-5. A missing or extra accumulation changes the
        # result by a whole multiple of f'(x0) (these x0 keep |f'(x0)| well away from 0).
        expect_close([got["value"]], [want], what, rtol=1e-4, atol=1e-4)


# ------------------------------------------------------------------ graph gradients


def _graph_judge(data, name, by_autograd: bool):
    cases = probes.graph_cases()
    conform(data, ListOf(Record({"type": Text, "item_types": ListOf(Text), "values": ListOf(Maybe(Number)), **WATCHED}),
                         len(cases)))
    for index, (got, (a, b, c)) in enumerate(zip(data, cases), start=1):
        where = f"{name}, hidden case {index}"
        expect(got["type"] in ("tuple", "list") and len(got["values"]) == 3 and None not in got["values"],
               f"{where}: return a tuple of three Python floats (got a {got['type']} of {got['item_types']})")
        if by_autograd:
            expect(_autograd_calls(got["torch_calls"]) >= 1 and got["tracked"] >= 1,
                   f"{where}: the gradients should come from autograd (leaves that require grad, then backward)")
        else:
            expect(_autograd_calls(got["torch_calls"]) == 0 and got["tracked"] == 0,
                   f"{where}: gradients by hand use no autograd (no requires_grad, backward or torch.autograd.grad)")
        # Inputs |a|, |b|, |c| <= 6 with 3 decimals; float32 autograd is exact to ~1e-6.
        expect_close(got["values"], [c, c, a + b + 1.0], f"{where}: (dL/da, dL/db, dL/dc)", rtol=1e-5, atol=1e-5)


def judge_graph_gradients(data):
    _graph_judge(data, "graph_gradients", by_autograd=True)


def judge_hand_graph_gradients(data):
    _graph_judge(data, "hand_graph_gradients", by_autograd=False)


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
    conform(data, ListOf(TENSOR, len(cases)))
    for index, (got, (points, dtype)) in enumerate(zip(data, cases), start=1):
        what = f"G on hidden {dtype} points"
        _is_tensor(got, what, list(np.shape(points)))
        at = _as_float32(points) if dtype == "float32" else points
        expect_close(got["values"], G_reference(at), what, rtol=G_TOL, atol=G_TOL)


def judge_G_derivatives(data):
    cases = probes.G_cases()
    derivative = Record({"result": TENSOR, **WATCHED, "evaluations": ListOf(Maybe(ListOf(Number)))})
    conform(data, ListOf(Record({"first": derivative, "second": derivative, "x_grad": Maybe(ListOf(Number)),
                                 "x_requires_grad": Flag}), len(cases)))
    for got, (points, dtype) in zip(data, cases):
        shape = list(np.shape(points))
        kind = "a 0-d tensor" if not shape else f"{shape[0]} {dtype} points"
        at = _as_float32(points) if dtype == "float32" else points
        for key, name, reference in (("first", "G_prime", G_prime_reference), ("second", "G_second", G_second_reference)):
            observed, result = got[key], got[key]["result"]
            what = f"{name} on {kind}"
            _is_tensor(result, what, shape)
            expect(not result["requires_grad"], f"{what}: the result should be detached")
            expect(_autograd_calls(observed["torch_calls"], create_graph=key == "second") >= 1
                   and not _evaluated_elsewhere(observed["evaluations"], at),
                   f"{what}: should come from autograd" + (" with create_graph=True" if key == "second" else "")
                   + ", not from evaluating G at other points")
            expect_close(result["values"], reference(np.asarray(at, dtype=np.float64)).ravel(), what, rtol=D_TOL, atol=D_TOL)
        expect(got["x_grad"] is None and not got["x_requires_grad"], f"G_prime/G_second on {kind}: x was changed (requires_grad or .grad)")


# ------------------------------------------------------------------ LegendreP3


def judge_legendre(data):
    conform(data, Record({"kind": Text, "results": MapOf(Record({"forward": TENSOR, "weighted_grad": ListOf(Number)})),
                          "backward_calls": Integer}))
    expect(data["kind"] == "Function", "LegendreP3 should be a subclass of torch.autograd.Function")
    expect(sorted(data["results"]) == ["float32", "float64"], "LegendreP3 was not run in float32 and float64")
    points, weights = probes.legendre_points(), probes.legendre_weights()
    for dtype, result in data["results"].items():
        at = _as_float32(points) if dtype == "float32" else points
        w = _as_float32(weights) if dtype == "float32" else weights
        forward = result["forward"]
        expect(forward["tensor"] and forward["shape"] == [len(points)], f"LegendreP3.apply on {dtype} points should return a tensor shaped like its input")
        # |P3| <= 5 on [-1.5, 1.5]: float32 errs by ~1e-6; 1e-5 leaves a factor 10.
        expect_close(forward["values"], 0.5 * (5 * at**3 - 3 * at), f"LegendreP3 forward ({dtype})", rtol=1e-5, atol=1e-5)
        # Weighted gradient w * 1.5 (5 x^2 - 1): |value| <= ~50, float32 error ~1e-5. Random
        # weights as grad_output, so this is gradcheck's test, made here against P3' itself.
        expect_close(
            result["weighted_grad"], w * 1.5 * (5 * at**2 - 1),
            f"LegendreP3 backward ({dtype}; it must multiply by grad_output)", rtol=1e-4, atol=1e-4,
        )
    expect(data["backward_calls"] == 2, "LegendreP3's own backward was not what autograd used")

"""Hidden checks for 02_autograd: tensors, autograd derivatives, accumulation, the graph, G, P3.

Every probe calls student code on inputs made here from fixed seeds (the student never sees them)
and on functions defined here. Judges recompute every expected value in float64 with numpy, from
analytic derivatives or, for the gnarly G, from high-order central differences.

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

from ..hidden import expect, expect_close

# ------------------------------------------------------------------ shared hidden inputs

TWO_PI = 2.0 * math.pi


def _rng(offset: int) -> np.random.Generator:
    return np.random.default_rng(2_0200 + offset)


def _as_float32(values) -> np.ndarray:
    """The float64 values of ``values`` after rounding to float32 (what a float32 tensor holds)."""
    return np.asarray(values, dtype=np.float32).astype(np.float64)


def _tensor(values, dtype: str):
    import torch

    return torch.tensor(np.asarray(values, dtype=np.float64), dtype=getattr(torch, dtype))


def _plain_values(t) -> list:
    return t.detach().cpu().double().tolist()


def _describe_tensor(result) -> dict:
    """Type, shape, grad-tracking and values of something a student returned, as plain data."""
    import torch

    if not isinstance(result, torch.Tensor):
        return {"tensor": False, "type": type(result).__name__}
    return {
        "tensor": True,
        "shape": list(result.shape),
        "requires_grad": bool(result.requires_grad),
        "values": _plain_values(result),
    }


# Hidden functions f: torch in, torch out, elementwise. The judge knows their derivatives by hand.
def _exp_sin(x):
    import torch

    return torch.exp(torch.sin(x))


def _cubic(x):
    return x**3 - x


def _tanh(x):
    import torch

    return torch.tanh(x)


def _log_bump(x):
    import torch

    return torch.log(1 + x * x)


def _line(x):
    return 3 * x - 2


def _wiggle(x):
    import torch

    return x * torch.sin(3 * x)


HIDDEN_FUNCTIONS = {
    "exp_sin": _exp_sin,
    "cubic": _cubic,
    "tanh": _tanh,
    "log_bump": _log_bump,
    "line": _line,
    "wiggle": _wiggle,
}

HIDDEN_DERIVATIVES = {
    "exp_sin": lambda x: np.exp(np.sin(x)) * np.cos(x),
    "cubic": lambda x: 3 * x**2 - 1,
    "tanh": lambda x: 1 - np.tanh(x) ** 2,
    "log_bump": lambda x: 2 * x / (1 + x * x),
    "line": lambda x: np.full_like(x, 3.0),
    "wiggle": lambda x: np.sin(3 * x) + 3 * x * np.cos(3 * x),
}


# ------------------------------------------------------------------ tensor warm-up: center_rows_


def warmup_matrices() -> list[tuple[np.ndarray, str]]:
    """Square and non-square matrices (a square one hides a mean taken over the wrong axis only
    when it is symmetric; these are not), a single row and a single column."""
    rng = _rng(1)
    shapes = [(3, 5), (4, 4), (1, 6), (6, 1), (5, 2)]
    dtypes = ["float32", "float64", "float64", "float32", "float64"]
    return [
        (rng.normal(loc=rng.uniform(-3, 3), scale=2.0, size=shape).round(4), dtype)
        for shape, dtype in zip(shapes, dtypes)
    ]


def probe_center_rows(env):
    out = []
    for values, dtype in warmup_matrices():
        m = _tensor(values, dtype)
        result = env["center_rows_"](m)
        out.append(
            {
                "same_object": result is m,
                "input_after": _plain_values(m),
                "dtype_kept": str(m.dtype) == f"torch.{dtype}",
            }
        )
    return out


def judge_center_rows(data):
    cases = warmup_matrices()
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


def _fake_accelerator_class():
    """A CPU tensor that numpy treats as if it lived on a GPU: ``.numpy()`` and ``np.asarray``
    refuse it exactly as torch refuses a CUDA tensor, ``.cpu()``/``.to("cpu")`` give a plain
    tensor. Lets a CPU-only grader see whether ``to_numpy`` copies to the host first."""
    import torch

    class AcceleratorTensor(torch.Tensor):
        @property
        def device(self):
            return torch.device("cuda", 0)

        @property
        def is_cuda(self):
            return True

        def _plain(self):
            return self.as_subclass(torch.Tensor)

        def cpu(self, *args, **kwargs):
            return self._plain()

        def to(self, *args, **kwargs):
            target = kwargs.get("device", args[0] if args else None)
            out = self._plain().to(*args, **kwargs)
            if isinstance(target, (str, torch.device)) and torch.device(target).type == "cpu":
                return out
            return out.as_subclass(AcceleratorTensor) if isinstance(out, torch.Tensor) else out

        def numpy(self, *, force=False):
            if force:
                return self._plain().numpy(force=True)
            raise TypeError(
                "can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the "
                "tensor to host memory first."
            )

        def __array__(self, *args, **kwargs):
            return self.numpy()

    return AcceleratorTensor


def numpy_cases() -> list[tuple[str, np.ndarray, str]]:
    """(how the tensor is made, its values, its dtype)."""
    rng = _rng(2)
    return [
        ("plain", rng.normal(size=(3, 4)).round(3), "float32"),
        ("leaf_requires_grad", rng.normal(size=7).round(3), "float32"),
        ("non_leaf", rng.normal(size=(2, 3)).round(3), "float64"),
        ("integers", rng.integers(-50, 50, size=(4, 2)).astype(np.float64), "int64"),
        ("scalar", np.array(rng.normal()).round(3), "float64"),
        ("transposed", rng.normal(size=(3, 2)).round(3), "float32"),
        ("gpu_like", rng.normal(size=(2, 5)).round(3), "float32"),
    ]


def _make_numpy_case(kind: str, values: np.ndarray, dtype: str):
    import torch

    t = _tensor(values, dtype)
    if kind == "leaf_requires_grad":
        return t.requires_grad_(True)
    if kind == "non_leaf":
        leaf = (t / 2).requires_grad_(True)
        return leaf * 2  # same values, carries a grad_fn
    if kind == "transposed":
        return t.T.contiguous().T  # non-contiguous view with the original values
    if kind == "gpu_like":
        return t.as_subclass(_fake_accelerator_class()).requires_grad_(True)
    if kind == "cuda":
        return t.to("cuda").requires_grad_(True)
    return t


def probe_to_numpy(env):
    import torch

    cases = list(numpy_cases())
    if torch.cuda.is_available():  # the real thing, where the grader has a GPU
        cases.append(("cuda", cases[-1][1], "float32"))
    out = {}
    for kind, values, dtype in cases:
        result = env["to_numpy"](_make_numpy_case(kind, values, dtype))
        if type(result) is not np.ndarray:
            out[kind] = {"ndarray": False, "type": type(result).__name__}
            continue
        out[kind] = {
            "ndarray": True,
            "dtype": str(result.dtype),
            "shape": list(result.shape),
            "values": result.astype(np.float64).tolist(),
        }
    return out


def judge_to_numpy(data):
    for kind, values, dtype in numpy_cases():
        expect(kind in data, f"to_numpy was not run on the hidden case '{kind}'")
    for kind, got in data.items():
        values, dtype = next((v, d) for k, v, d in numpy_cases() if k == kind or (kind == "cuda" and k == "gpu_like"))
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


def derivative_cases() -> list[tuple[str, np.ndarray, str, bool]]:
    """(hidden function, points, dtype, whether the caller's tensor already requires grad)."""
    rng = _rng(3)
    cases = []
    for index, name in enumerate(HIDDEN_FUNCTIONS):
        for dtype in ("float32", "float64"):
            size = int(rng.integers(5, 18))
            cases.append((name, rng.uniform(-2.0, 2.0, size=size), dtype, False))
    cases.append(("wiggle", rng.uniform(-2.0, 2.0, size=6), "float64", True))
    cases.append(("exp_sin", rng.uniform(-2.0, 2.0, size=1), "float32", False))
    return cases


def probe_autograd_derivative(env):
    out = []
    for name, points, dtype, leaf_with_grad in derivative_cases():
        x = _tensor(points, dtype)
        if leaf_with_grad:
            x.requires_grad_(True)
        before = x.detach().clone()
        result = env["autograd_derivative"](HIDDEN_FUNCTIONS[name], x)
        out.append(
            {
                "result": _describe_tensor(result),
                "x_unchanged": bool(torch_equal(x.detach(), before)),
                "x_requires_grad": bool(x.requires_grad),
                "x_grad_none": x.grad is None,
                "x_dtype_kept": x.dtype == before.dtype,
            }
        )
    return out


def torch_equal(a, b) -> bool:
    import torch

    return a.shape == b.shape and a.dtype == b.dtype and bool(torch.equal(a, b))


def judge_autograd_derivative(data):
    cases = derivative_cases()
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


def hand_points() -> list[tuple[np.ndarray, str]]:
    rng = _rng(4)
    return [
        (rng.uniform(-1.5, 1.5, size=11), "float64"),
        (rng.uniform(-1.5, 1.5, size=9), "float32"),
        (rng.uniform(-1.5, 1.5, size=(3, 4)), "float64"),
    ]


def probe_hand_derivatives(env):
    out = {"poly": [], "sin": []}
    for points, dtype in hand_points():
        out["poly"].append(_describe_tensor(env["hand_derivative_poly"](_tensor(points, dtype))))
        out["sin"].append(_describe_tensor(env["hand_derivative_sin"](_tensor(points, dtype))))
    return out


def judge_hand_derivatives(data):
    formulas = {
        "poly": ("hand_derivative_poly", lambda x: 2 * x + 3),
        "sin": ("hand_derivative_sin", lambda x: TWO_PI * np.cos(TWO_PI * x)),
    }
    for key, (function, formula) in formulas.items():
        expect(len(data[key]) == len(hand_points()), f"{function} was not run on every hidden input")
        for index, (got, (points, dtype)) in enumerate(zip(data[key], hand_points()), start=1):
            what = f"{function} on hidden input {index} ({dtype}, shape {list(points.shape)})"
            expect(got["tensor"], f"{what}: should return a tensor, not a {got.get('type')}")
            expect(got["shape"] == list(points.shape), f"{what}: the result should have the shape of x")
            at = _as_float32(points) if dtype == "float32" else points
            # In float32, 2*pi*x (|x| <= 1.5) carries an absolute error ~1e-6, so the cosine
            # times 2*pi errs by ~1e-5 at most; 1e-4 is safe and far below any wrong factor.
            expect_close(got["values"], formula(at), what, rtol=1e-4, atol=1e-4)


# ------------------------------------------------------------------ accumulated_gradient


def accumulation_cases() -> list[tuple[str, float, int, bool]]:
    rng = _rng(5)
    names = ["cubic", "exp_sin", "wiggle", "log_bump", "tanh", "cubic", "wiggle", "line"]
    counts = [1, 1, 2, 3, 4, 3, 2, 5]
    zero = [True, False, True, False, True, True, False, False]
    x0s = [round(float(rng.uniform(-1.8, 1.8)), 3) for _ in names]
    return list(zip(names, x0s, counts, zero))


def probe_accumulated_gradient(env):
    out = []
    for name, x0, n_backward, zero_between in accumulation_cases():
        result = env["accumulated_gradient"](HIDDEN_FUNCTIONS[name], x0, n_backward, zero_between)
        out.append(float(result) if isinstance(result, float) else {"type": type(result).__name__})
    return out


def judge_accumulated_gradient(data):
    cases = accumulation_cases()
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


def graph_cases() -> list[tuple[float, float, float]]:
    rng = _rng(6)
    cases = [tuple(round(float(v), 3) for v in rng.uniform(-6, 6, size=3)) for _ in range(5)]
    cases.append((3.0, 4.0, -1.5))  # the notebook's a and b with another c
    return cases


def _graph_probe(env, name):
    out = []
    for a, b, c in graph_cases():
        result = env[name](a, b, c)
        if isinstance(result, (tuple, list)) and len(result) == 3 and all(isinstance(v, float) for v in result):
            out.append([float(v) for v in result])
        else:
            kinds = [type(v).__name__ for v in result] if isinstance(result, (tuple, list)) else type(result).__name__
            out.append({"type": str(kinds)})
    return out


def _graph_judge(data, name):
    cases = graph_cases()
    expect(len(data) == len(cases), f"{name} was not run on every hidden (a, b, c)")
    for index, (got, (a, b, c)) in enumerate(zip(data, cases), start=1):
        expect(
            isinstance(got, list),
            f"{name}, hidden case {index}: return a tuple of three Python floats (got {got.get('type') if isinstance(got, dict) else got})",
        )
        # Inputs |a|, |b|, |c| <= 6 with 3 decimals; float32 autograd is exact to ~1e-6.
        expect_close(got, [c, c, a + b + 1.0], f"{name}, hidden case {index}: (dL/da, dL/db, dL/dc)", rtol=1e-5, atol=1e-5)


def probe_graph_gradients(env):
    return _graph_probe(env, "graph_gradients")


def judge_graph_gradients(data):
    _graph_judge(data, "graph_gradients")


def probe_hand_graph_gradients(env):
    return _graph_probe(env, "hand_graph_gradients")


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


def G_points() -> np.ndarray:
    """Points where G is smooth: |x| < 1 keeps x^4 < 1 < pi/2, away from the poles of tan(x^4);
    1.15 < |x| < 1.42 keeps x^4 between pi/2 (x ~ 1.12) and 3pi/2 (x ~ 1.47)."""
    rng = _rng(7)
    inner = rng.uniform(-0.98, 0.98, size=10)
    outer = rng.uniform(1.15, 1.42, size=4) * rng.choice([-1.0, 1.0], size=4)
    return np.concatenate([inner, outer]).round(4)


def G_cases() -> list[tuple[np.ndarray, str]]:
    points = G_points()
    return [(points, "float64"), (points[::-1].copy(), "float32"), (points[3:4].reshape(()), "float64")]


def probe_G(env):
    out = []
    for points, dtype in G_cases()[:2]:
        out.append(_describe_tensor(env["G"](_tensor(points, dtype))))
    return out


# G itself: values up to ~2, built from ~10 float32 operations whose arguments reach e^3 ~ 20;
# float32 errs by < 1e-5 there (measured 4e-6). 1e-3 is safe; a misread formula is off by O(1).
G_TOL = 1e-3
# G' reaches ~30 and G'' ~1.5e3 at these points. Measured float32-vs-float64 autograd error:
# < 5e-5 * (1 + |value|), input rounding included. Tolerance 1e-3 + 1e-3*|value| leaves a
# factor 20; the central-difference reference itself is good to 1e-7 relative.
D_TOL = 1e-3


def judge_G(data):
    cases = G_cases()[:2]
    expect(len(data) == len(cases), "G was not run on every hidden input")
    for index, (got, (points, dtype)) in enumerate(zip(data, cases), start=1):
        what = f"G on hidden {dtype} points"
        expect(got["tensor"], f"{what}: should return a tensor, not a {got.get('type')}")
        at = _as_float32(points) if dtype == "float32" else points
        expect_close(got["values"], G_reference(at), what, rtol=G_TOL, atol=G_TOL)


def probe_G_derivatives(env):
    out = []
    for points, dtype in G_cases():
        x = _tensor(points, dtype)
        first = _describe_tensor(env["G_prime"](x))
        second = _describe_tensor(env["G_second"](x))
        out.append({"first": first, "second": second, "x_grad_none": x.grad is None, "x_requires_grad": bool(x.requires_grad)})
    return out


def judge_G_derivatives(data):
    cases = G_cases()
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


def legendre_points() -> np.ndarray:
    return _rng(8).uniform(-1.5, 1.5, size=9).round(4)


def legendre_weights() -> np.ndarray:
    return _rng(9).normal(size=9).round(3)


def probe_legendre(env):
    import torch

    cls = env["LegendreP3"]
    info = {
        "is_function": isinstance(cls, type) and issubclass(cls, torch.autograd.Function),
    }
    if not info["is_function"]:
        return info
    info["own_backward"] = any(
        "backward" in vars(klass) for klass in cls.__mro__ if klass not in (torch.autograd.Function,)
        and klass.__module__.split(".")[0] != "torch"
    )
    calls = {"backward": 0}

    class Counted(cls):
        @staticmethod
        def backward(ctx, *grads):
            calls["backward"] += 1
            return cls.backward(ctx, *grads)

    points, weights = legendre_points(), legendre_weights()
    results = {}
    for dtype in ("float64", "float32"):
        x = _tensor(points, dtype).requires_grad_(True)
        y = Counted.apply(x)
        (grad,) = torch.autograd.grad((y * _tensor(weights, dtype)).sum(), x)
        results[dtype] = {"forward": _describe_tensor(y.detach()), "weighted_grad": _plain_values(grad)}
    info["results"] = results
    info["backward_calls"] = calls["backward"]
    x = torch.tensor(points[:5], dtype=torch.float64, requires_grad=True)
    # raise_exception=False turns a Jacobian mismatch into False; any other error surfaces.
    info["gradcheck"] = bool(
        torch.autograd.gradcheck(cls.apply, (x,), eps=1e-6, atol=1e-5, rtol=1e-4, raise_exception=False)
    )
    return info


def judge_legendre(data):
    expect(data["is_function"], "LegendreP3 should be a subclass of torch.autograd.Function")
    expect(data["own_backward"], "LegendreP3 should define its own backward")
    points, weights = legendre_points(), legendre_weights()
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

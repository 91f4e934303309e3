"""Hidden checks for 02_autograd: tensors, autograd derivatives, accumulation, the graph, G, P3.

Probes and hidden inputs only. Every probe calls student code on inputs made here from fixed seeds
(the student never sees them) and on functions defined here. Expected values, tolerances and the
code judging the probes' data live where the student's process never imports them.
"""

from __future__ import annotations

import numpy as np

# ------------------------------------------------------------------ shared hidden inputs


def _rng(offset: int) -> np.random.Generator:
    return np.random.default_rng(2_0200 + offset)


def _tensor(values, dtype: str):
    import torch

    return torch.tensor(np.asarray(values, dtype=np.float64), dtype=getattr(torch, dtype))


def _plain_values(t) -> list:
    return t.detach().cpu().double().reshape(-1).tolist()


def _describe_tensor(result) -> dict:
    """What a student returned, as raw observations: whether it is a tensor, its dtype, shape,
    grad-tracking and values (flattened)."""
    import torch

    if not isinstance(result, torch.Tensor):
        return {"tensor": False, "type": type(result).__name__, "dtype": "", "shape": [], "requires_grad": False,
                "values": []}
    return {
        "tensor": True,
        "type": type(result).__name__,
        "dtype": str(result.dtype).replace("torch.", ""),
        "shape": list(result.shape),
        "requires_grad": bool(result.requires_grad),
        "values": _plain_values(result),
    }


MAX_RECORDED = 64  # evaluations (and points per evaluation) a recording keeps: enough to judge, bounded


def _torch_calls(call):
    """Run ``call()`` while recording every torch function it calls (module and name, with
    ``[create_graph]`` where it was asked for) and how many results track gradients. Returns the
    result and those raw counts; the judge decides what they say about the method."""
    from torch.overrides import TorchFunctionMode

    import torch

    class Watch(TorchFunctionMode):
        def __init__(self):
            super().__init__()
            self.calls, self.tracked = {}, 0

        def __torch_function__(self, func, types, args=(), kwargs=None):
            kwargs = kwargs or {}
            name = f"{getattr(func, '__module__', None)}.{getattr(func, '__qualname__', getattr(func, '__name__', '?'))}"
            if kwargs.get("create_graph"):
                name += "[create_graph]"
            if name in self.calls or len(self.calls) < 200:
                self.calls[name] = self.calls.get(name, 0) + 1
            out = func(*args, **kwargs)
            if isinstance(out, torch.Tensor) and out.requires_grad:
                self.tracked += 1
            return out

    watch = Watch()
    with watch:
        result = call()
    return result, {"torch_calls": watch.calls, "tracked": watch.tracked}


class Recording:
    """A function handed to student code that notes the points it is called at and how often a
    gradient flows back through what it returned."""

    def __init__(self, function):
        self.function = function
        self.calls, self.backward, self.points = 0, 0, []

    def _count(self, grad):
        self.backward += 1

    def __call__(self, t):
        self.calls += 1
        if len(self.points) < MAX_RECORDED:
            try:
                self.points.append(t.detach().cpu().double().reshape(-1).tolist()[:MAX_RECORDED])
            except Exception:  # a functorch-wrapped tensor has no readable data
                self.points.append(None)
        y = self.function(t)
        if getattr(y, "requires_grad", False) and hasattr(y, "register_hook"):
            y.register_hook(self._count)
        return y

    def observed(self) -> dict:
        return {"calls": self.calls, "backward_through_f": self.backward, "evaluations": self.points}


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
    import torch

    out = []
    for values, dtype in warmup_matrices():
        m = _tensor(values, dtype)
        result = env["center_rows_"](m)
        after = _plain_values(m)
        bumped = None
        if isinstance(result, torch.Tensor):  # the returned tensor is m itself only if m moves with it
            result.add_(1.0)
            bumped = _plain_values(m)
        out.append({"dtype_after": str(m.dtype).replace("torch.", ""), "after": after, "after_bump": bumped})
    return out


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
            out[kind] = {"type": type(result).__name__, "dtype": "", "shape": [], "values": []}
            continue
        out[kind] = {
            "type": "ndarray",
            "dtype": str(result.dtype),
            "shape": list(result.shape),
            "values": result.astype(np.float64).ravel().tolist(),
        }
    return out


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
        f = Recording(HIDDEN_FUNCTIONS[name])
        result = env["autograd_derivative"](f, x)
        out.append({
            "result": _describe_tensor(result),
            "x_after": _plain_values(x),
            "x_dtype": str(x.dtype).replace("torch.", ""),
            "x_requires_grad": bool(x.requires_grad),
            "x_grad": None if x.grad is None else _plain_values(x.grad),
            **f.observed(),
        })
    return out


# ------------------------------------------------------------------ plot_with_derivative


MAX_PLOTTED = 4001  # points read back from each line: one more than the task allows, so "too many" shows


def plot_cases() -> list[tuple[str, float, float]]:
    """(hidden function, a, b): functions and intervals the notebook never draws, with ends that
    are no round numbers, so a figure drawn in advance cannot match."""
    rng = _rng(10)
    return [
        ("wiggle", round(float(rng.uniform(-2.0, -1.2)), 3), round(float(rng.uniform(1.4, 2.2)), 3)),
        ("log_bump", round(float(rng.uniform(-2.6, -1.8)), 3), round(float(rng.uniform(0.3, 1.1)), 3)),
    ]


def _finite_or_none(values) -> list:
    """A line's data as floats, ``None`` where it is not finite (matplotlib draws gaps there)."""
    flat = np.asarray(values, dtype=np.float64).reshape(-1)[:MAX_PLOTTED]
    return [float(v) if np.isfinite(v) else None for v in flat]


def _texts(legend) -> list:
    return [] if legend is None else [str(t.get_text())[:80] for t in legend.get_texts()[:12]]


def _read_figure(figure) -> dict:
    """What a figure shows: per axes (at most 4) its x-axis label, its legend's entries and its
    lines (at most 6: label, x and y as drawn); the figure's own legends' entries."""
    axes = []
    for ax in figure.axes[:4]:
        lines = []
        for line in ax.get_lines()[:6]:
            lines.append({"label": str(line.get_label())[:80], "x": _finite_or_none(line.get_xdata(orig=False)),
                          "y": _finite_or_none(line.get_ydata(orig=False))})
        axes.append({"xlabel": str(ax.get_xlabel())[:80], "legend": _texts(ax.get_legend()), "lines": lines})
    figure_legend = [text for legend in list(getattr(figure, "legends", []))[:4] for text in _texts(legend)]
    return {"axes": axes, "figure_legend": figure_legend}


def probe_plot_with_derivative(env):
    import matplotlib.pyplot as plt

    out = []
    for name, a, b in plot_cases():
        f = Recording(HIDDEN_FUNCTIONS[name])
        figure = env["plot_with_derivative"](f, a, b)
        seen = {"is_figure": False, "axes": [], "figure_legend": []}
        try:
            if type(figure).__name__ == "Figure" and hasattr(figure, "axes"):
                seen = {"is_figure": True, **_read_figure(figure)}
        finally:
            plt.close("all")  # the returned figure and any other the call left open
        out.append({**seen, **f.observed()})
    return out


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
        for key in out:
            function = env[f"hand_derivative_{key}"]
            result, watched = _torch_calls(lambda: function(_tensor(points, dtype)))
            out[key].append({"result": _describe_tensor(result), **watched})
    return out


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
        f = Recording(HIDDEN_FUNCTIONS[name])
        result = env["accumulated_gradient"](f, x0, n_backward, zero_between)
        value = float(result) if isinstance(result, float) and np.isfinite(result) else None
        out.append({"type": type(result).__name__, "value": value, **f.observed()})
    return out


# ------------------------------------------------------------------ graph gradients


def graph_cases() -> list[tuple[float, float, float]]:
    rng = _rng(6)
    cases = [tuple(round(float(v), 3) for v in rng.uniform(-6, 6, size=3)) for _ in range(5)]
    cases.append((3.0, 4.0, -1.5))  # the notebook's a and b with another c
    return cases


def _graph_probe(env, name):
    out = []
    for a, b, c in graph_cases():
        result, watched = _torch_calls(lambda: env[name](a, b, c))
        items = list(result) if isinstance(result, (tuple, list)) else []
        out.append({
            "type": type(result).__name__,
            "item_types": [type(v).__name__ for v in items[:5]],
            "values": [float(v) if isinstance(v, float) and np.isfinite(v) else None for v in items[:5]],
            **watched,
        })
    return out


def probe_graph_gradients(env):
    return _graph_probe(env, "graph_gradients")


def probe_hand_graph_gradients(env):
    return _graph_probe(env, "hand_graph_gradients")


# ------------------------------------------------------------------ the gnarly G


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


def probe_G_derivatives(env):
    out = []
    own_G = env.get("G")
    for points, dtype in G_cases():
        x = _tensor(points, dtype)
        case = {}
        for key, function in (("first", "G_prime"), ("second", "G_second")):
            recorded = Recording(own_G)  # the student's own G, noting where their derivatives evaluate it
            env["G"] = recorded
            try:
                result, watched = _torch_calls(lambda: env[function](x))
            finally:
                env["G"] = own_G
            case[key] = {"result": _describe_tensor(result), **watched, "evaluations": recorded.points}
        case["x_grad"] = None if x.grad is None else _plain_values(x.grad)
        case["x_requires_grad"] = bool(x.requires_grad)
        out.append(case)
    return out


# ------------------------------------------------------------------ LegendreP3


def legendre_points() -> np.ndarray:
    return _rng(8).uniform(-1.5, 1.5, size=9).round(4)


def legendre_weights() -> np.ndarray:
    return _rng(9).normal(size=9).round(3)


def probe_legendre(env):
    import torch

    cls = env["LegendreP3"]
    info = {"kind": "Function" if isinstance(cls, type) and issubclass(cls, torch.autograd.Function) else "other",
            "results": {}, "backward_calls": 0}
    if info["kind"] != "Function":
        return info
    calls = {"backward": 0}

    class Counted(cls):
        @staticmethod
        def backward(ctx, *grads):
            calls["backward"] += 1
            return cls.backward(ctx, *grads)

    points, weights = legendre_points(), legendre_weights()
    for dtype in ("float64", "float32"):
        x = _tensor(points, dtype).requires_grad_(True)
        y = Counted.apply(x)
        (grad,) = torch.autograd.grad((y * _tensor(weights, dtype)).sum(), x)
        info["results"][dtype] = {"forward": _describe_tensor(y.detach()), "weighted_grad": _plain_values(grad)}
    info["backward_calls"] = calls["backward"]
    return info

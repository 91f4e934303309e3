"""Hidden checks for 05_many_ways: one cubic fit to sin(x), written six ways.

Every hidden input (points, coefficients, step counts, learning rates, weights) is drawn from
``np.random.default_rng(HIDDEN_SEED + offset)`` when a probe or a judge asks, so both see the
same numbers and the project's tests can re-draw them under other seeds. Probes run the
student's code and return what they saw, nothing more: references, tolerances and verdicts
live where the student's process never imports them.
"""

from __future__ import annotations

import sys
import types

import numpy as np

HIDDEN_SEED = 5_050_505
"""Base seed of every hidden input; the assignment's own tests vary it."""

N_POINTS = 2000


def _rng(offset: int) -> np.random.Generator:
    return np.random.default_rng(HIDDEN_SEED + offset)


def _floats(values) -> list:
    return [float(v.detach()) if hasattr(v, "detach") else float(v) for v in values]


def _torch():
    import torch

    return torch


def _reseed() -> None:
    """The global generators as the grader seeds them before a probe: before each call whose start
    is random, so every call starts from the same coefficients."""
    from autodiff_course.hidden import seed_everything

    seed_everything()


# ============================================================== hidden inputs


def grad_cases() -> list[dict]:
    """Points, targets and coefficients for cubic_grads_numpy (not the notebook's grid): two noisy
    sines, and a cubic that nearly fits its targets (residuals ~1e-4), where the gradients are
    small and only float64 arithmetic gets them right (a target rounded to float32 is off by ~1e-6)."""
    rng = _rng(1)
    cases = []
    for n in (37, 250):
        x = np.sort(rng.uniform(-3.0, 3.0, n))
        y = np.sin(x) + 0.1 * rng.normal(size=n)
        cases.append({"x": x, "y": y, "coefficients": rng.normal(0.0, 1.0, 4)})
    x = np.sort(rng.uniform(-3.0, 3.0, 160))
    coefficients = rng.normal(0.0, 1.0, 4)
    a, b, c, d = coefficients
    y = a + b * x + c * x**2 + d * x**3 + 1e-4 * rng.normal(size=len(x))
    cases.append({"x": x, "y": y, "coefficients": coefficients})
    return cases


def descent_runs(offset: int, lo: float, hi: float) -> list[tuple[int, float]]:
    """(n_steps, lr) pairs: a start (0 steps), one step and a few, at hidden learning rates."""
    rng = _rng(offset)
    lr = float(rng.uniform(lo, hi))
    return [(0, lr), (1, lr), (int(rng.integers(4, 9)), lr), (int(rng.integers(3, 7)), float(rng.uniform(lo, hi)))]


def polynomial_coefficients(offset: int, n: int) -> np.ndarray:
    return _rng(offset).normal(0.0, 0.6, n).astype(np.float32).astype(np.float64)


def sample_points(offset: int, n: int = 41) -> np.ndarray:
    return np.sort(_rng(offset).uniform(-2.5, 2.5, n)).astype(np.float32).astype(np.float64)


def train_case() -> dict:
    rng = _rng(7)
    return {
        "start": (rng.normal(0.0, 0.5, 4)).astype(np.float32).astype(np.float64),
        "runs": [(int(rng.integers(15, 30)), float(rng.uniform(2e-7, 1e-6)), 0.9),
                 (int(rng.integers(5, 12)), float(rng.uniform(5e-7, 2e-6)), 0.0)],
    }


# ============================================================== probe-side helpers


class _NoTorch(types.ModuleType):
    def __getattr__(self, name):
        raise RuntimeError("this function must use numpy only: torch is not available in this check")


def without_torch(env: dict, name: str):
    """The function ``env[name]`` rebuilt over a copy of the notebook's globals in which every
    torch module is a stub that raises, with the notebook's other functions rebuilt the same way;
    while it runs, ``import torch`` fails too. Returns a callable."""
    stub = _NoTorch("torch")
    home = getattr(env[name], "__globals__", env)  # the notebook's own globals: ``env`` may be a copy
    space = {}
    for key, value in home.items():
        is_torch = isinstance(value, types.ModuleType) and value.__name__.split(".")[0] == "torch"
        space[key] = stub if is_torch else value
    for key, value in list(space.items()):
        if isinstance(value, types.FunctionType) and value.__globals__ is home:
            space[key] = types.FunctionType(value.__code__, space, value.__name__, value.__defaults__,
                                            value.__closure__)
            space[key].__kwdefaults__ = value.__kwdefaults__
    function = space[name]

    def call(*args, **kwargs):
        saved = {k: v for k, v in sys.modules.items() if k == "torch" or k.startswith("torch.")}
        for key in saved:
            sys.modules[key] = None
        try:
            return function(*args, **kwargs)
        finally:
            sys.modules.update(saved)

    return call


def _result(value) -> dict:
    """``((a, b, c, d), losses)`` as plain data, with the types the function returned."""
    coefficients, losses = value
    return {
        "types": [type(v).__module__.split(".")[0] + "." + type(v).__name__ for v in coefficients],
        "coefficients": _floats(coefficients),
        "losses": _floats(losses),
    }


def _tensors_in(args, kwargs) -> list:
    torch = _torch()
    found = []
    for value in list(args) + list(kwargs.values()):
        items = value if isinstance(value, (list, tuple)) else [value]
        found.extend(item for item in items if isinstance(item, torch.Tensor))
    return found


def watch(simulate_cuda: bool):
    """A TorchFunctionMode that records what a call did with torch: where tensors were asked to
    go, which operations mixed a device tensor with a host tensor, how much work ran on the host,
    and the autograd calls. With ``simulate_cuda`` (a machine without a GPU asked for "cuda") every
    tensor asked onto the GPU stays on the CPU but is remembered as a device tensor."""
    torch = _torch()
    from torch.overrides import TorchFunctionMode

    getters = {getattr(torch.Tensor, n).__get__: n for n in ("data", "device", "grad")}

    class Watch(TorchFunctionMode):
        def __init__(self):
            super().__init__()
            self.marked: dict[int, object] = {}
            self.log = {"asked": [], "mixed": 0, "host_big": 0, "device_ops": 0, "data_reads": 0,
                        "requires_grad": 0, "backward": 0, "no_grad_entered": 0}

        def on_device(self, tensor) -> bool:
            ref = self.marked.get(id(tensor))
            return tensor.is_cuda or (ref is not None and ref() is tensor)

        def mark(self, value):
            import weakref

            for item in value if isinstance(value, (list, tuple)) else [value]:
                if isinstance(item, torch.Tensor):
                    self.marked[id(item)] = weakref.ref(item)
            return value

        def __torch_function__(self, func, types, args=(), kwargs=None):
            kwargs = dict(kwargs or {})
            log = self.log
            getter = getters.get(func)
            if getter == "device" and simulate_cuda and self.on_device(args[0]):
                return torch.device("cuda")
            if getter == "data":
                log["data_reads"] += 1
            name = getattr(func, "__name__", "")
            if name == "_set_grad_enabled" and args and args[0] is False:
                log["no_grad_entered"] += 1
            if name in ("backward", "grad") and getter is None:
                log["backward"] += 1
            if kwargs.get("requires_grad") or (name == "requires_grad_" and (len(args) < 2 or args[1])):
                log["requires_grad"] += 1
            target = None
            if "device" in kwargs and kwargs["device"] is not None and name not in ("to",):
                target = torch.device(kwargs["device"]).type
                log["asked"].append(target)
                if simulate_cuda and target == "cuda":
                    kwargs["device"] = "cpu"
            if name in ("to", "cuda", "cpu") and args and isinstance(args[0], torch.Tensor):
                if name == "to":
                    device, dtype, _, _ = torch._C._nn._parse_to(*args[1:], **kwargs)
                    target = None if device is None else device.type
                else:
                    target = name
                if target is not None:
                    log["asked"].append(target)
                if target == "cuda" and simulate_cuda:
                    dtype = kwargs.get("dtype") if name == "to" else None
                    return self.mark(args[0].to(dtype=dtype) if dtype is not None else args[0].clone())
                if target == "cpu":
                    return func(*args, **kwargs)
                target = None
            tensors = _tensors_in(args, kwargs)
            if any(t.requires_grad for t in tensors):
                log["requires_grad"] += 1
            device = [t for t in tensors if self.on_device(t)]
            host = [t for t in tensors if not self.on_device(t) and t.dim() > 0]
            if device and host:
                log["mixed"] += 1
            if not device and any(t.numel() >= N_POINTS for t in tensors):
                log["host_big"] += 1
            result = func(*args, **kwargs)
            if device or target == "cuda":
                log["device_ops"] += 1
                self.mark(result)
            return result

    return Watch()


# ============================================================== descend_square


def square_runs() -> list[tuple[float, float, int]]:
    """(x0, lr, n_steps): one slow run, one that overshoots, one that diverges (lr > 1)."""
    rng = _rng(30)
    return [(float(rng.uniform(-4, 0)), float(rng.uniform(0.05, 0.2)), 9),
            (float(rng.uniform(3, 6)), float(rng.uniform(0.6, 0.9)), 7),
            (float(rng.uniform(-1, 1)), float(rng.uniform(1.05, 1.2)), 6)]


def probe_descend_square(env):
    descend = without_torch(env, "descend_square")
    return [_floats(descend(x0, lr, n)) for x0, lr, n in square_runs()]


# ============================================================== cubic_grads_numpy


def probe_cubic_grads(env):
    grads = without_torch(env, "cubic_grads_numpy")
    out = []
    for case in grad_cases():
        got = grads(case["x"].copy(), case["y"].copy(), *(float(v) for v in case["coefficients"]))
        out.append({"types": [type(v).__name__ for v in got], "grads": _floats(got)})
    return out


# ============================================================== fit_cubic_numpy


def probe_fit_numpy(env):
    fit = without_torch(env, "fit_cubic_numpy")
    out = []
    for n_steps, lr in descent_runs(2, 4e-7, 2e-6):
        _reseed()
        out.append(_result(fit(n_steps, lr)))
    return out


# ============================================================== fit_cubic_tensors


def probe_fit_tensors(env):
    torch = _torch()
    out = []
    for n_steps, lr in descent_runs(3, 4e-7, 2e-6):
        _reseed()
        with watch(simulate_cuda=False) as seen:
            result = _result(env["fit_cubic_tensors"](n_steps, lr, torch.device("cpu")))
        result["requires_grad"] = seen.log["requires_grad"]
        result["backward"] = seen.log["backward"]
        out.append(result)
    return out


def probe_tensors_device(env):
    torch = _torch()
    simulate = not torch.cuda.is_available()
    n_steps = 6
    _reseed()
    with watch(simulate_cuda=simulate) as seen:
        result = _result(env["fit_cubic_tensors"](n_steps, 1e-6, torch.device("cuda")))
    log = seen.log
    return {"n_steps": n_steps, "n_losses": len(result["losses"]), "asked": sorted(set(log["asked"]))[:50],
            "mixed": log["mixed"], "host_big": log["host_big"], "device_ops": log["device_ops"]}


# ============================================================== fit_cubic_autograd


def probe_fit_autograd(env):
    out = []
    for n_steps, lr in descent_runs(4, 4e-7, 2e-6):
        _reseed()
        with watch(simulate_cuda=False) as seen:
            result = _result(env["fit_cubic_autograd"](n_steps, lr))
        log = seen.log
        result.update({k: log[k] for k in ("backward", "no_grad_entered", "data_reads")})
        out.append(result)
    return out


# ============================================================== fit_legendre


def _functions_in(env) -> list:
    torch = _torch()
    return [(key, value) for key, value in env.items()
            if isinstance(value, type) and issubclass(value, torch.autograd.Function)
            and not value.__module__.startswith("torch")][:5]


def _count_backward(cls, counter: list):
    original = cls.__dict__.get("backward")
    inner = cls.backward

    def backward(ctx, *grads):
        counter[0] += 1
        return inner(ctx, *grads)

    cls.backward = staticmethod(backward)
    return original


def probe_legendre_function(env):
    torch = _torch()
    points = sample_points(5)
    weights = _rng(6).normal(size=len(points))
    out = []
    for key, cls in _functions_in(env):
        z = torch.tensor(points, dtype=torch.float64, requires_grad=True)
        value = cls.apply(z)
        (grad,) = torch.autograd.grad(value, z, torch.tensor(weights, dtype=torch.float64))
        out.append({"name": str(key)[:40], "values": _floats(value.detach().reshape(-1)),
                    "grads": _floats(grad.detach().reshape(-1))})
    return out


def probe_fit_legendre(env):
    out = []
    for n_steps, lr in descent_runs(8, 1e-6, 6e-6)[1:]:
        counters = {}
        saved = {}
        for key, cls in _functions_in(env):
            counters[key] = [0]
            saved[key] = (cls, _count_backward(cls, counters[key]))
        try:
            _reseed()
            result = _result(env["fit_legendre"](n_steps, lr))
        finally:
            for cls, original in saved.values():
                if original is None:
                    del cls.backward
                else:
                    cls.backward = original
        result["custom_backward_calls"] = max([c[0] for c in counters.values()], default=0)
        out.append(result)
    return out


# ============================================================== Polynomial3 and DynamicNet


def _named(model) -> dict:
    named = list(model.named_parameters())[:20]
    return {"names": [name for name, _ in named], "shapes": [list(p.shape) for _, p in named]}


def _set(model, values) -> None:
    """Hidden values into the parameters: by letter where they are named a, b, c, ..., else in order."""
    torch = _torch()
    letters = "abcde"[: len(values)]
    with torch.no_grad():
        for index, (name, p) in enumerate(model.named_parameters()):
            v = values[letters.index(name)] if name in letters else values[index % len(values)]
            p.copy_(torch.full_like(p, float(v)))


def probe_polynomial3(env):
    torch = _torch()
    model = env["Polynomial3"]()
    named = _named(model)
    _set(model, polynomial_coefficients(10, 4))
    x = torch.tensor(sample_points(11), dtype=torch.float32)
    with torch.no_grad():
        y = model(x)
    return {"named": named, "y": _floats(y.reshape(-1)), "string": str(model.string())[:300]}


def probe_dynamic(env):
    torch = _torch()
    model = env["DynamicNet"]()
    named = _named(model)
    _set(model, polynomial_coefficients(12, 5))
    x = torch.tensor(sample_points(13), dtype=torch.float32)
    weights = torch.tensor(_rng(14).normal(size=len(x)), dtype=torch.float32)
    outputs = []
    with torch.no_grad():
        for _ in range(60):
            outputs.append(_floats(model(x).reshape(-1)))
    graded = []
    for _ in range(24):
        model.zero_grad()
        y = model(x)
        (y * weights).sum().backward()
        graded.append({"y": _floats(y.detach().reshape(-1)),
                       "grads": {name: (None if p.grad is None else float(p.grad))
                                 for name, p in list(model.named_parameters())[:5]}})
    return {"named": named, "outputs": outputs, "graded": graded, "string": str(model.string())[:300]}


# ============================================================== SigmoidNet

SIGMOID_HIDDEN = (3, 7)


def sigmoid_weights(hidden: int) -> dict:
    """Hidden weights by parameter name, float32-exact, large enough to use the sigmoid's bend."""
    rng = _rng(40 + hidden)
    shapes = {"body.0.weight": (hidden, 1), "body.0.bias": (hidden,), "head.weight": (1, hidden), "head.bias": (1,)}
    return {name: rng.normal(0.0, 1.5, shape).astype(np.float32).astype(np.float64) for name, shape in shapes.items()}


def probe_sigmoid_net(env):
    torch = _torch()
    out = []
    for hidden in SIGMOID_HIDDEN:
        model = env["SigmoidNet"](hidden)
        named = _named(model)
        weights = sigmoid_weights(hidden)
        with torch.no_grad():
            for name, p in model.named_parameters():
                if name in weights and tuple(p.shape) == weights[name].shape:
                    p.copy_(torch.tensor(weights[name], dtype=p.dtype))
            y = model(torch.tensor(sample_points(41), dtype=torch.float32))
        out.append({"named": named, "shape": list(y.shape), "y": _floats(y.reshape(-1))})
    return out


# ============================================================== train_module


def _probe_cubic(start):
    torch = _torch()

    class ProbeCubic(torch.nn.Module):
        def __init__(self):
            super().__init__()
            for name, value in zip("abcd", start):
                setattr(self, name, torch.nn.Parameter(torch.tensor(float(value))))

        def forward(self, x):
            return self.a + self.b * x + self.c * x**2 + self.d * x**3

    return ProbeCubic()


def probe_train_module(env):
    case = train_case()
    out = []
    for n_steps, lr, momentum in case["runs"]:
        model = _probe_cubic(case["start"])
        losses = env["train_module"](model, n_steps, lr, momentum)
        out.append({"losses": _floats(losses), "final": _floats(getattr(model, n) for n in "abcd")})
    return out


# ============================================================== plot_fit


PLOT_TEXT = 60
"""Characters of a label or legend entry the probe reads back: more than any name it needs."""


def _figure_seen(figure) -> dict:
    """Each axes' axis labels, legend entries and lines (label and raw x/y data), and the figure's
    own legends, as plain data."""
    axes_seen = []
    for axes in list(figure.axes)[:4]:
        lines = []
        for line in axes.get_lines()[:6]:
            xs, ys = line.get_xdata(), line.get_ydata()
            lines.append({"label": str(line.get_label())[:PLOT_TEXT], "x": _floats(np.asarray(xs).reshape(-1)[:4000]),
                          "y": _floats(np.asarray(ys).reshape(-1)[:4000])})
        legend = axes.get_legend()
        axes_seen.append({"xlabel": str(axes.get_xlabel())[:PLOT_TEXT], "ylabel": str(axes.get_ylabel())[:PLOT_TEXT],
                          "legend": [] if legend is None else [str(t.get_text())[:PLOT_TEXT] for t in legend.get_texts()[:12]],
                          "lines": lines})
    figure_legends = [[str(t.get_text())[:PLOT_TEXT] for t in legend.get_texts()[:12]] for legend in list(figure.legends)[:4]]
    return {"is_figure": True, "axes": axes_seen, "figure_legends": figure_legends}


def probe_plot_fit(env):
    """Two calls with two hidden sets of coefficients, both figures kept open until both are read,
    so that a figure drawn again (not made new) shows; whether the second call returned the very
    figure of the first is reported too."""
    import matplotlib.pyplot as plt

    figures, seen = [], []
    try:
        for offset in (20, 21):
            figure = env["plot_fit"](*(float(v) for v in polynomial_coefficients(offset, 4)))
            if type(figure).__name__ != "Figure" or not hasattr(figure, "axes"):
                seen.append({"is_figure": False, "axes": [], "figure_legends": []})
                continue
            figures.append(figure)
            seen.append(_figure_seen(figure))
        same = len(figures) == 2 and figures[0] is figures[1]
        return {"calls": seen, "same_figure": same}
    finally:
        for figure in figures:
            plt.close(figure)
        if len(figures) < len(seen):  # what a call drew without returning it
            plt.close("all")

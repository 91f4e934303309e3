"""Hidden checks for 03_gradient_descent: GD, Newton, error rates, random search, fits.

Every hidden input (functions, starting points, learning rates, data) is drawn from
``np.random.default_rng(HIDDEN_SEED + offset)`` when a probe or a judge runs, so probe and judge
see the same inputs and the project's tests can re-draw them under other seeds.

Probes and hidden inputs only: references, tolerances and the code judging the probes' data
live where the student's process never imports them.
"""

from __future__ import annotations

import random

import numpy as np

HIDDEN_SEED = 3_030_303
"""Base seed of every hidden input; tests/test_a03_gradient_descent.py varies it."""


def _rng(offset: int) -> np.random.Generator:
    return np.random.default_rng(HIDDEN_SEED + offset)


def _tensor_list(value) -> list:
    """A tensor, array, list or number as a flat list of floats (probe side)."""
    import torch

    if isinstance(value, torch.Tensor):
        return value.detach().cpu().double().reshape(-1).tolist()
    return np.asarray(value, dtype=np.float64).reshape(-1).tolist()


def _shape(value) -> list:
    import torch

    if isinstance(value, torch.Tensor):
        return list(value.shape)
    return list(np.shape(value))


def _floats(values) -> list:
    return [float(v) for v in values]


# ============================================================== hidden functions
# Each function is described by plain parameters; ``_torch_f`` builds the callable the student
# receives (the reference lives with the judge). Elementwise sums keep the value a scalar whatever
# the shape of x (0-d or (1,) for a scalar start).


def _gd_cases() -> list[dict]:
    rng = _rng(1)
    q = np.linalg.qr(rng.normal(size=(3, 3)))[0]
    eig = rng.uniform(0.5, 3.0, 3)
    quad = {
        "kind": "quad",
        "A": (q * eig) @ q.T,
        "c": rng.uniform(-1.5, 1.5, 3),
        "f0": float(rng.uniform(-1, 1)),
        "x0": rng.uniform(-2, 2, 3),
        "lr": 1.0 / float(eig.max()),  # stable: below 2 / largest eigenvalue
        "n": 6,
    }
    logcosh = {
        "kind": "logcosh",
        "c": rng.uniform(-1, 1, 2),
        "u": rng.uniform(0.4, 1.0, 2),
        "x0": rng.uniform(1.5, 3.0, 2) * rng.choice([-1, 1], 2),
        "lr": 0.3,
        "n": 5,
    }
    scalar = {
        "kind": "quartic",
        "beta": float(rng.uniform(0.2, 0.5)),
        "x0": float(rng.uniform(1.2, 1.8)),
        "lr": 0.05,
        "n": 7,
    }
    return [quad, logcosh, scalar]


def _torch_f(case: dict):
    import torch

    kind = case["kind"]
    if kind == "quad":
        A, c, f0 = (torch.tensor(case[k], dtype=torch.float64) for k in ("A", "c", "f0"))

        def f(x):
            d = x - c.to(x.dtype)
            return 0.5 * d @ (A.to(x.dtype) @ d) + f0.to(x.dtype)

    elif kind == "logcosh":
        c, u = (torch.tensor(case[k], dtype=torch.float64) for k in ("c", "u"))

        def f(x):
            s = (u.to(x.dtype) * x).sum()
            return torch.log(torch.cosh(x - c.to(x.dtype))).sum() + 0.5 * s * s

    elif kind == "quartic":
        beta = case["beta"]

        def f(x):
            return (x**4 / 4 - x + torch.exp(beta * x)).sum()

    elif kind == "sep_quad":
        lam, c = (torch.tensor(case[k], dtype=torch.float64) for k in ("lam", "c"))

        def f(x):
            return 0.5 * (lam.to(x.dtype) * (x - c.to(x.dtype)) ** 2).sum()

    elif kind == "logcosh_ridge":
        c, mu = torch.tensor(case["c"], dtype=torch.float64), case["mu"]

        def f(x):
            return (torch.log(torch.cosh(x - c.to(x.dtype))) + 0.5 * mu * x * x).sum()

    elif kind == "cosh1d":
        a, b, k = case["a"], case["b"], case["k"]

        def f(x):
            return (torch.cosh(a * (x - b)) + k * x * x).sum()

    elif kind == "parabola":
        a, b, c0 = case["a"], case["b"], case["c"]

        def f(x):
            return (a * (x - b) ** 2 + c0).sum()

    else:  # pragma: no cover - a typo in this module
        raise ValueError(kind)
    return f


def _start(case: dict, requires_grad: bool = False):
    """The x0 handed to the student: a Python float or a fresh float64 1-D tensor (one that
    requires grad, a leaf of the caller's own graph, when ``requires_grad``)."""
    import torch

    if isinstance(case["x0"], float):
        return case["x0"]
    return torch.tensor(case["x0"], dtype=torch.float64, requires_grad=requires_grad)


def _point(x) -> list:
    """Where a function handed to the student is evaluated, as floats (torch.func's wrapped
    tensors are unwrapped first)."""
    import torch

    if isinstance(x, torch.Tensor):
        functorch = torch._C._functorch
        while functorch.is_functorch_wrapped_tensor(x):
            x = functorch.get_unwrapped(x)
    return _tensor_list(x)


MAX_POINTS = 1000
"""At most this many evaluation points are recorded per call (a correct answer needs one or two per step)."""


def _recording(f):
    """``f`` that also records every point it is evaluated at, in order."""
    points: list = []

    def recorded(x):
        if len(points) < MAX_POINTS:
            points.append(_point(x))
        return f(x)

    return recorded, points


def _call_gd(env, case: dict, lr: float, n: int, record: bool = False, x0_requires_grad: bool = False) -> dict:
    import torch

    x0 = _start(case, x0_requires_grad)
    f, points = _recording(_torch_f(case)) if record else (_torch_f(case), None)
    x, history = env["gradient_descent"](f, x0, lr, n)
    return {
        "is_tensor": isinstance(x, torch.Tensor),
        "requires_grad": bool(getattr(x, "requires_grad", False)),
        "shape": _shape(x),
        "x": _tensor_list(x),
        "history": _floats(history),
        "x0_after": _tensor_list(x0) if isinstance(x0, torch.Tensor) else None,
        "points": points,
    }


# ============================================================== gradient_descent


def probe_gd_iterates(env):
    out = []
    for case in _gd_cases():
        runs = {"full": _call_gd(env, case, case["lr"], case["n"], record=True)}
        for k in (1, 2):  # the first iterates, one call each: x is all a call returns; x0
            # requires grad in these calls (the task allows any 1-D tensor)
            runs[f"n{k}"] = _call_gd(env, case, case["lr"], k, x0_requires_grad=True)
        out.append(runs)
    return out


def _convergence_cases() -> list[dict]:
    rng = _rng(2)
    lam = rng.uniform(0.5, 4.0, 4)
    c = rng.uniform(-2, 2, 4)
    # every component of x0 - c at least 1 away, so the stiffest direction is excited
    x0 = c + rng.uniform(1.0, 2.5, 4) * rng.choice([-1, 1], 4)
    big = float(lam.max())
    quad = {"kind": "sep_quad", "lam": lam, "c": c, "x0": x0}
    ridge = {
        "kind": "logcosh_ridge",
        "c": rng.uniform(-1, 1, 3),
        "mu": float(rng.uniform(0.5, 1.0)),
        "x0": rng.uniform(3, 6, 3) * rng.choice([-1, 1], 3),
    }
    return [
        dict(quad, lr=0.9 * 2 / big, n=60),
        dict(quad, lr=1.1 * 2 / big, n=60),
        dict(ridge, lr=1.0 / (1.0 + ridge["mu"]), n=60),
    ]


def probe_gd_convergence(env):
    return [_call_gd(env, case, case["lr"], case["n"]) for case in _convergence_cases()]


# ============================================================== newton


def _newton_cases() -> list[dict]:
    rng = _rng(3)
    return [
        {"kind": "cosh1d", "a": float(rng.uniform(0.6, 1.2)), "b": float(rng.uniform(-1, 1)),
         "k": float(rng.uniform(0.1, 0.4)), "x0": float(rng.uniform(1.5, 2.5)), "n": 4},
        {"kind": "quartic", "beta": float(rng.uniform(0.2, 0.5)), "x0": float(rng.uniform(-1.5, -0.8)), "n": 3},
    ]


def _call_newton(env, case: dict, n: int, record: bool = False) -> dict:
    import torch

    f, points = _recording(_torch_f(case)) if record else (_torch_f(case), None)
    x, history = env["newton"](f, case["x0"], n)
    return {
        "is_tensor": isinstance(x, torch.Tensor),
        "requires_grad": bool(getattr(x, "requires_grad", False)),
        "shape": _shape(x),
        "x": _tensor_list(x),
        "history": _floats(history),
        "points": points,
    }


def probe_newton_iterates(env):
    out = []
    for case in _newton_cases():
        out.append({"full": _call_newton(env, case, case["n"], record=True), "n1": _call_newton(env, case, 1)})
    return out


def _parabolas() -> list[dict]:
    rng = _rng(4)
    return [
        {"kind": "parabola", "a": float(rng.uniform(0.2, 3.0)), "b": float(rng.uniform(-3, 3)),
         "c": float(rng.uniform(-2, 2)), "x0": float(x0)}
        for x0 in rng.uniform(-6, 6, 3)
    ]


def probe_newton_quadratic(env):
    return [{"n1": _call_newton(env, case, 1), "n3": _call_newton(env, case, 3)} for case in _parabolas()]


# ============================================================== gd_errors and max_stable_lr

ERROR_RUNS = [  # (lr, n_steps, x0 or None for the default 2.0); one above the stable limit
    (0.07, 12, None),
    (0.35, 9, -4.25),
    (0.8, 10, 0.625),
    (1.05, 14, 3.0),
    (0.5, 3, 1.0),
]


def probe_gd_errors(env):
    out = []
    for lr, n, x0 in ERROR_RUNS:
        errors = env["gd_errors"](lr, n) if x0 is None else env["gd_errors"](lr, n, x0=x0)
        out.append(_tensor_list(errors))
    return out


def probe_max_stable_lr(env):
    return float(env["max_stable_lr"])


# ============================================================== random_search


def _search_cases() -> list[dict]:
    rng = _rng(5)
    return [
        {"kind": "sum5", "c": rng.uniform(-1, 1, 5), "x0": rng.uniform(-2, 3, 5), "n_iter": 200, "scale": 0.05},
        {"kind": "shifted", "b": float(rng.uniform(0.5, 2.0)), "x0": float(rng.uniform(-1.0, 0.0)),
         "n_iter": 150, "scale": 0.1},
        {"kind": "sum5", "c": rng.uniform(-1, 1, 5), "x0": rng.uniform(-2, 3, 5), "n_iter": 40, "scale": 1e-5},
        _plateau(rng),
    ]


def _plateau(rng: np.random.Generator) -> dict:
    """f = 0 on the box |x - c| <= 1 (and grows outside it), started inside the box at least 0.5
    from its faces: every neighbour of standard deviation 0.05 (10 of them away from a face)
    ties with f(x0) = 0, so a search that keeps only strictly better points never moves."""
    c = rng.uniform(-1, 1, 3)
    return {"kind": "plateau", "c": c, "x0": c + rng.uniform(-0.5, 0.5, 3), "n_iter": 60, "scale": 0.05}


def _search_f(case: dict):
    """A numpy function that accepts floats, lists, arrays and tensors and returns a float."""

    def as_array(x):
        if hasattr(x, "detach"):
            x = x.detach().cpu().numpy()
        return np.asarray(x, dtype=np.float64)

    if case["kind"] == "sum5":
        c = case["c"]

        def f(x):
            x = as_array(x)
            return float(np.sum(x) ** 2 + 0.1 * np.sum((x - c) ** 2))
    elif case["kind"] == "plateau":
        c = case["c"]

        def f(x):
            x = as_array(x)
            return float(np.sum(np.maximum(np.abs(x - c) - 1.0, 0.0) ** 2))
    else:
        b = case["b"]

        def f(x):
            x = as_array(x)
            return float(np.sum((x - b) ** 2) + 0.5)
    return f


def _search_x0(case: dict):
    return case["x0"] if isinstance(case["x0"], float) else np.array(case["x0"], dtype=np.float64)


def _disturb_global_rngs() -> None:
    """Move numpy's, Python's and torch's global generators, as other notebook cells would."""
    import torch

    np.random.random(17)
    random.random()
    torch.rand(5)


def probe_random_search(env):
    out = []
    for index, case in enumerate(_search_cases()):
        f = _search_f(case)
        runs = []
        for seed in (101 + index, 101 + index, 202 + index):
            _disturb_global_rngs()
            recorded, points = _recording(f) if not runs else (f, None)  # the first run's proposals
            x_best, history = env["random_search"](recorded, _search_x0(case), case["n_iter"], case["scale"], seed)
            runs.append({"x": _tensor_list(x_best), "history": _floats(history), "points": points})
        out.append({"runs": runs})
    return out


# ============================================================== sine fits


def _sine_data(offset: int, n: int):
    rng = _rng(offset)
    omega, phase = float(rng.uniform(1.6, 2.8)), float(rng.uniform(0.3, 1.5))
    xs = rng.uniform(-2, 2, n)
    ys = np.sin(omega * xs + phase) + rng.normal(0, 0.1, n)
    return xs.astype(np.float32), ys.astype(np.float32)


def _sine_calls() -> list[dict]:
    rng = _rng(6)
    return [
        {"data": 7, "n": 40, "kwargs": {}},  # the function's defaults (the judge knows them)
        {"data": 8, "n": 35, "kwargs": {"omega0": float(rng.uniform(2.4, 3.2)), "t0": float(rng.uniform(0.0, 0.8)),
                                        "lr": 0.17, "n_iter": 23}},
        {"data": 7, "n": 40, "kwargs": {"n_iter": 1, "lr": 0.05}},
    ]


def _probe_sine(env, name):
    out = []
    for call in _sine_calls():
        xs, ys = _sine_data(call["data"], call["n"])
        omega, t, losses = env[name](xs.copy(), ys.copy(), **call["kwargs"])
        out.append({"omega": float(omega), "t": float(t), "losses": _floats(losses)})
    return out


def probe_fit_sine(env):
    return _probe_sine(env, "fit_sine")


def probe_fit_sine_sgd(env):
    return _probe_sine(env, "fit_sine_sgd")


# ============================================================== fit_linear


def _linear_cases() -> list[dict]:
    rng = _rng(9)
    cases = []
    for lo, hi, n, lr, n_iter in [(-1.0, 2.0, 60, 0.13, 350), (0.0, 1.5, 45, 0.45, 400)]:
        xs = rng.uniform(lo, hi, n)
        ys = float(rng.uniform(-2, 2)) + float(rng.uniform(-3, 3)) * xs + rng.normal(0, 0.5, n)
        cases.append({"xs": xs.astype(np.float32), "ys": ys.astype(np.float32), "lr": lr, "n_iter": n_iter})
    return cases


LINEAR_EARLY = {"case": 0, "lr": 0.07, "steps": (1, 2, 3)}
"""The first iterates: fit_linear on the first data set with this lr, one call per step count."""


def _reseed_globals(seed: int) -> None:
    """The same global random state before each call, so a start drawn from it repeats."""
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def _call_linear(env, case: dict, lr: float, n_iter: int) -> dict:
    import torch

    theta = env["fit_linear"](case["xs"].copy(), case["ys"].copy(), lr, n_iter)
    return {"is_tensor": isinstance(theta, torch.Tensor),
            "requires_grad": bool(getattr(theta, "requires_grad", False)), "theta": _tensor_list(theta)}


def probe_fit_linear(env):
    cases = _linear_cases()
    final = [_call_linear(env, case, case["lr"], case["n_iter"]) for case in cases]
    early = []
    for steps in LINEAR_EARLY["steps"]:
        _reseed_globals(9)
        early.append(_call_linear(env, cases[LINEAR_EARLY["case"]], LINEAR_EARLY["lr"], steps))
    return {"final": final, "early": early}


# ============================================================== fit_cubic_to_sin


CUBIC_RUNS = [(4, 2.5e-3), (600, 8e-3)]
"""(n_steps, lr) per call; both calls' models are watched (their parameters at each forward pass,
the input, and the gradients that reach them), the second over all its steps."""


def _cubic_watched(n_steps: int) -> int:
    """Forward passes of a call that are recorded: one per step, a second one per step for code
    that also evaluates the model after each step, and a few more."""
    return 2 * n_steps + 8


def _watch_linear_layers(records: list, limit: int):
    """A global forward pre-hook on every nn.Linear: the parameters and the input shape each of
    the first ``limit`` forward passes is called with, and the gradients the backward pass after
    it gives them. Returns the handle to remove."""
    import torch

    hooked: set = set()
    seen = [0]  # forward passes so far: gradients belong to the latest one, if it was recorded

    def note_grad(name, grad):
        if 0 < seen[0] <= limit:
            records[-1][f"grad_{name}"] = _tensor_list(grad)

    def before_forward(module, args):
        if not isinstance(module, torch.nn.Linear):
            return
        seen[0] += 1
        if seen[0] > limit:
            return
        given = args[0] if args and isinstance(args[0], torch.Tensor) else None
        records.append({"weight": _tensor_list(module.weight),
                        "bias": None if module.bias is None else _tensor_list(module.bias),
                        "input_shape": None if given is None else list(given.shape),
                        "grad_weight": None, "grad_bias": None})
        for name in ("weight", "bias"):
            param = getattr(module, name)
            if isinstance(param, torch.Tensor) and param.requires_grad and id(param) not in hooked:
                hooked.add(id(param))
                param.register_hook(lambda grad, name=name: note_grad(name, grad))

    return torch.nn.modules.module.register_module_forward_pre_hook(before_forward)


def probe_fit_cubic(env):
    out = []
    for n_steps, lr in CUBIC_RUNS:
        records: list = []
        handle = _watch_linear_layers(records, _cubic_watched(n_steps))
        try:
            coefficients = env["fit_cubic_to_sin"](n_steps, lr)
        finally:
            handle.remove()
        out.append({"coefficients": [float(v) for v in coefficients], "forwards": records})
    return out


# ============================================================== grid_search


def _grid_cases() -> list[dict]:
    """Three hidden grids: two inputs with a bowl whose centre lies off the grid (so the continuous
    minimum, which gradient descent or random search would approach, is no grid point); one input
    with many dips; three inputs on a grid of exact binary fractions where f depends on the sum
    of the inputs only, so a whole plane of grid points ties for the smallest value (its sum of
    grid indices, 5 to 8 of 0 to 12, makes the first tie in lexicographic order differ from the
    first in numpy's default meshgrid order and from the last one)."""
    rng = _rng(40)
    lows2, highs2, n2 = rng.uniform(-3.0, -1.0, 2), rng.uniform(1.0, 3.0, 2), 7
    step2 = (highs2 - lows2) / (n2 - 1)
    # the centre sits beside a grid point by at most 0.3 of a step in each input
    centre = lows2 + step2 * (rng.integers(1, n2 - 1, 2) + rng.uniform(0.1, 0.3, 2) * rng.choice([-1, 1], 2))
    bowl = {"kind": "bowl", "lows": lows2.tolist(), "highs": highs2.tolist(), "n": n2,
            "c": centre, "a": rng.uniform(0.5, 2.0, 2)}
    bumpy = {"kind": "bumpy", "lows": [float(rng.uniform(-3.5, -2.5))], "highs": [float(rng.uniform(2.5, 3.5))],
             "n": 25, "w": float(rng.uniform(2.5, 4.0)), "m": float(rng.uniform(-1.0, 1.0))}
    lows3 = rng.integers(-4, 1, 3) * 0.5
    plane = {"kind": "plane", "lows": lows3, "highs": lows3 + 2.0, "n": 5,
             "s": float(np.sum(lows3) + 0.5 * rng.integers(5, 9))}
    return [bowl, bumpy, plane]


def _grid_f(case: dict):
    """The hidden function of a grid case: takes one point (array, list, tuple or tensor of d
    numbers) and returns a float; anything that is not one point of d numbers is refused."""
    d = len(case["lows"])

    def as_point(x):
        if hasattr(x, "detach"):
            x = x.detach().cpu().numpy()
        x = np.asarray(x, dtype=np.float64).reshape(-1)
        if x.size != d:
            raise ValueError(f"this f takes one point of {d} number(s), not {x.size}")
        return x

    if case["kind"] == "bowl":
        def f(x):
            x = as_point(x)
            return float(np.sum(case["a"] * (x - case["c"]) ** 2))
    elif case["kind"] == "bumpy":
        def f(x):
            x = as_point(x)
            return float(np.sin(case["w"] * x[0]) + 0.1 * (x[0] - case["m"]) ** 2)
    else:
        def f(x):
            x = as_point(x)
            return float((x[0] + x[1] + x[2] - case["s"]) ** 2)
    return f


def probe_grid_search(env):
    out = []
    for case in _grid_cases():
        f = _grid_f(case)
        size = case["n"] ** len(case["lows"])
        points: list = []
        calls = [0]

        def recorded(x, f=f, points=points, calls=calls, cap=3 * size):
            calls[0] += 1
            if len(points) < cap:
                points.append(_point(x))
            return f(x)

        lows, highs = case["lows"], case["highs"]  # lists for two cases, numpy arrays for the plane
        x_best, f_best = env["grid_search"](recorded, lows, highs, case["n"])
        out.append({"points": points, "calls": calls[0], "x_best": _tensor_list(x_best), "x_shape": _shape(x_best),
                    "f_best": float(f_best)})
    return out


# ============================================================== plot_histories


def _history_sets() -> list[dict]:
    """Two dicts of hidden histories: three runs of different lengths, then a single run. Every
    value is positive and they span several powers of ten, as best values of a search do."""
    rng = _rng(41)

    def run(n):
        return (10.0 ** rng.uniform(0.0, 2.0) * np.cumprod(rng.uniform(0.6, 1.0, n))).tolist()

    three = {f"random search, scale {rng.uniform(0.01, 1.0):.3g}": run(int(n)) for n in rng.integers(15, 60, 3)}
    one = {f"gradient descent, lr {rng.uniform(0.01, 0.1):.3g}": run(int(rng.integers(15, 60)))}
    return [three, one]


PLOT_CAPS = {"axes": 4, "lines": 8, "points": 200}
"""At most this many axes per figure, lines per axes and points per line are read back (a hidden
history holds fewer than 60 points)."""


def _legend_texts(legend) -> list:
    return [] if legend is None else [str(t.get_text())[:80] for t in legend.get_texts()[:PLOT_CAPS["lines"]]]


def _read_figure(figure, previous) -> dict:
    """The figure's lines (label, x, y) per axes, with each axes' y scale, axis labels and legend
    entries, the legends of the figure itself, and whether it is the very object the previous
    call returned (a figure drawn on again, not a new one)."""
    axes = []
    for ax in figure.axes[:PLOT_CAPS["axes"]]:
        lines = []
        for line in ax.get_lines()[:PLOT_CAPS["lines"]]:
            xs = np.asarray(line.get_xdata(), dtype=np.float64).reshape(-1)[:PLOT_CAPS["points"]]
            ys = np.asarray(line.get_ydata(), dtype=np.float64).reshape(-1)[:PLOT_CAPS["points"]]
            lines.append({"label": str(line.get_label())[:80], "x": _floats(xs), "y": _floats(ys)})
        axes.append({"yscale": str(ax.get_yscale()), "xlabel": str(ax.get_xlabel())[:80],
                     "ylabel": str(ax.get_ylabel())[:80], "legend": _legend_texts(ax.get_legend()), "lines": lines})
    figure_legends = [text for legend in list(getattr(figure, "legends", []))[:2] for text in _legend_texts(legend)]
    return {"is_figure": True, "same_as_previous": figure is previous, "axes": axes, "figure_legend": figure_legends}


def probe_plot_histories(env):
    import matplotlib.pyplot as plt

    out, previous = [], None
    for histories in _history_sets():
        figure = env["plot_histories"]({label: list(values) for label, values in histories.items()})
        if type(figure).__name__ != "Figure" or not hasattr(figure, "axes"):
            plt.close("all")
            out.append({"is_figure": False, "same_as_previous": False, "axes": [], "figure_legend": []})
            continue
        try:
            out.append(_read_figure(figure, previous))
        finally:
            plt.close(figure)
        previous = figure
    return out

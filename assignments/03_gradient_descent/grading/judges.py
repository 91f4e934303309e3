"""Judges for 03_gradient_descent: GD, Newton, error rates, random search, fits.

Never imported by the student's process. The hidden inputs (functions, starting points, learning
rates, data) come from the probes' module, ``probes``, which
draws them from ``np.random.default_rng(HIDDEN_SEED + offset)`` whenever probe or judge asks.

References are float64 numpy code with analytic derivatives. Students may compute in float32:
the tolerances below are chosen to accept that rounding (a few 1e-7 relative per operation)
and to reject the smallest effect a real mistake has on these inputs (a sign error, a doubled
or halved step, accumulated gradients, a history shifted by one step), which is at least 1e-2.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from . import probes
from autodiff_course.hidden import expect, expect_close
from autodiff_course.schema import Flag, Integer, ListOf, Maybe, Number, Record, Text, conform

POINTS = Maybe(ListOf(ListOf(Number)))
"""Where a function handed to the student was evaluated (None where the probe did not record)."""

GD_RUN = Record({"is_tensor": Flag, "requires_grad": Flag, "shape": ListOf(Integer), "x": ListOf(Number),
                 "history": ListOf(Number), "x0_after": Maybe(ListOf(Number)), "points": POINTS})
NEWTON_RUN = Record({"is_tensor": Flag, "requires_grad": Flag, "shape": ListOf(Integer), "x": ListOf(Number),
                     "history": ListOf(Number), "points": POINTS})


# ============================================================== references of the hidden functions
# ``probes._torch_f`` builds the callable the student receives; ``_np_f``/``_np_grad`` are its
# float64 reference.


def _np_f(case: dict, x: np.ndarray) -> float:
    kind = case["kind"]
    x = np.asarray(x, dtype=np.float64)
    if kind == "quad":
        d = x - case["c"]
        return float(0.5 * d @ case["A"] @ d + case["f0"])
    if kind == "logcosh":
        return float(np.sum(np.log(np.cosh(x - case["c"]))) + 0.5 * float(case["u"] @ x) ** 2)
    if kind == "quartic":
        return float(np.sum(x**4 / 4 - x + np.exp(case["beta"] * x)))
    if kind == "sep_quad":
        return float(0.5 * np.sum(case["lam"] * (x - case["c"]) ** 2))
    if kind == "logcosh_ridge":
        return float(np.sum(np.log(np.cosh(x - case["c"])) + 0.5 * case["mu"] * x * x))
    if kind == "cosh1d":
        return float(np.cosh(case["a"] * (x - case["b"])) + case["k"] * x * x)
    if kind == "parabola":
        return float(case["a"] * (x - case["b"]) ** 2 + case["c"])
    raise ValueError(kind)  # pragma: no cover


def _np_grad(case: dict, x: np.ndarray) -> np.ndarray:
    kind = case["kind"]
    x = np.asarray(x, dtype=np.float64)
    if kind == "quad":
        return case["A"] @ (x - case["c"])
    if kind == "logcosh":
        return np.tanh(x - case["c"]) + float(case["u"] @ x) * case["u"]
    if kind == "quartic":
        return x**3 - 1 + case["beta"] * np.exp(case["beta"] * x)
    if kind == "sep_quad":
        return case["lam"] * (x - case["c"])
    if kind == "logcosh_ridge":
        return np.tanh(x - case["c"]) + case["mu"] * x
    raise ValueError(kind)  # pragma: no cover


def reference_gd(case: dict, lr: float, n: int) -> tuple[np.ndarray, list[float]]:
    """Iterates x_0..x_n of x <- x - lr * grad f(x), and f at each of them."""
    x = np.atleast_1d(np.asarray(case["x0"], dtype=np.float64)).copy()
    xs, fs = [x.copy()], [_np_f(case, x)]
    for _ in range(n):
        x = x - lr * _np_grad(case, x)
        xs.append(x.copy())
        fs.append(_np_f(case, x))
    return np.array(xs), fs


def _check_result(got: dict, case: dict, what: str) -> None:
    expect(got["is_tensor"], f"{what}: gradient_descent should return x as a torch tensor")
    expect(not got["requires_grad"], f"{what}: the returned x should be detached (requires_grad False)")
    if isinstance(case["x0"], float):
        expect(got["x0_after"] is None, f"{what}: x0 was a float")
        expect(got["shape"] in ([], [1]), f"{what}: for a float x0, x should be a single-number tensor")
    else:
        expect(got["x0_after"] is not None and np.array_equal(got["x0_after"], case["x0"]),
               f"{what}: gradient_descent changed the caller's x0 tensor; work on a copy")
        expect(got["shape"] == [len(case["x0"])], f"{what}: x should have the shape of x0")
    expect(len(got["x"]) == max(1, len(np.atleast_1d(case["x0"]))), f"{what}: x should have the shape of x0")


def check_evaluations(points, iterates: np.ndarray, what: str, name: str) -> None:
    """``points`` (where f was evaluated) must be the iterates x_0 .. x_n and nothing else.

    Derivatives from autograd evaluate f only at the iterates (once or more each); finite
    differences evaluate it beside them too, at x +- h. Points are grouped when they agree within
    5e-7 * max(1, |x|): float32 copies of one iterate (rounding <= 1.2e-7 relative) fall in one
    group, while finite-difference steps of 1e-5 or more (what such code uses: smaller steps
    make second differences useless) land in groups of their own. Each group must lie within
    1e-4 relative of a reference iterate (the tolerance of the iterate checks)."""
    expect(points is not None and len(points) > 0, f"{what}: {name} never evaluated f")
    width = iterates.shape[1]
    expect(all(len(p) == width for p in points), f"{what}: f was evaluated at a point of the wrong shape")
    groups: list[np.ndarray] = []
    for point in np.asarray(points, dtype=np.float64):
        tol = 5e-7 * max(1.0, float(np.max(np.abs(point))))
        if not any(np.max(np.abs(point - g)) <= tol for g in groups):
            groups.append(point)
    steps = len(iterates) - 1
    expect(
        len(groups) <= len(iterates),
        f"{what}: {name} evaluated f at {len(groups)} different points in {steps} steps; with derivatives "
        "from autograd f is needed only at the iterates x_0 ... x_n (finite differences evaluate it beside them)",
    )
    for group in groups:
        near = np.max(np.abs(iterates - group), axis=1) <= 1e-4 * (1 + np.max(np.abs(iterates), axis=1))
        expect(near.any(), f"{what}: {name} evaluated f at a point that is not one of its iterates")


# ============================================================== gradient_descent


def judge_gd_iterates(data):
    cases = probes._gd_cases()
    conform(data, ListOf(Record({"full": GD_RUN, "n1": GD_RUN, "n2": GD_RUN}), length=len(cases)))
    for index, (runs, case) in enumerate(zip(data, cases), start=1):
        what = f"hidden function {index}"
        xs, fs = reference_gd(case, case["lr"], case["n"])
        full = runs["full"]
        for key in ("full", "n1", "n2"):
            _check_result(runs[key], case, what)
        expect(
            len(full["history"]) == case["n"] + 1,
            f"{what}: history should hold n_steps + 1 values, f(x_0) ... f(x_n) "
            f"(got {len(full['history'])} for n_steps = {case['n']})",
        )
        # Tolerance: float32 rounding is a few 1e-7 relative per step and these stable runs do
        # not amplify it over <= 7 steps; 1e-4 relative (1e-5 absolute near zero) is > 100x that,
        # while every mistake we know of moves x or f by more than 1e-2 on these inputs.
        expect_close(full["history"], fs, f"{what}: the history f(x_k)", rtol=1e-4, atol=1e-5)
        expect_close(full["x"], xs[-1], f"{what}: the final x", rtol=1e-4, atol=1e-5)
        for k in (1, 2):
            expect_close(runs[f"n{k}"]["x"], xs[k], f"{what}: x after {k} step(s)", rtol=1e-4, atol=1e-5)
        check_evaluations(full["points"], xs, what, "gradient_descent")


# What GD must do on each of probes._convergence_cases(), in order.
CONVERGENCE_OUTCOMES = ("converge", "diverge", "converge")


def _minimiser(case: dict) -> np.ndarray:
    """The exact minimiser of the convergence cases (separable: one 1-D equation per coordinate)."""
    if case["kind"] == "sep_quad":
        return np.asarray(case["c"], dtype=np.float64)
    c, mu = np.asarray(case["c"], dtype=np.float64), case["mu"]
    x = np.zeros_like(c)
    for _ in range(60):  # Newton on tanh(x - c) + mu x = 0: strictly increasing, converges fast
        x = x - (np.tanh(x - c) + mu * x) / (1 - np.tanh(x - c) ** 2 + mu)
    return x


def judge_gd_convergence(data):
    cases = probes._convergence_cases()
    conform(data, ListOf(GD_RUN, length=len(cases)))
    for index, (got, case, outcome) in enumerate(zip(data, cases, CONVERGENCE_OUTCOMES), start=1):
        what = f"convex hidden function {index}"
        _check_result(got, case, what)
        x_star = _minimiser(case)
        start = float(np.linalg.norm(np.asarray(case["x0"]) - x_star))
        x = np.asarray(got["x"], dtype=np.float64)
        distance = float(np.linalg.norm(x - x_star))
        history = np.asarray(got["history"], dtype=np.float64)
        expect(len(history) == case["n"] + 1, f"{what}: history should hold n_steps + 1 values")
        if outcome == "converge":
            # Bound: each step multiplies the error by at most max|1 - lr*curvature| <= 0.8 here,
            # so after 60 steps it is below 0.8**60 ~ 2e-6 of the start; 1e-3 is a loose, safe bar
            # that also absorbs float32 rounding (~1e-7).
            expect(distance <= 1e-3 * start + 1e-5, f"{what}: GD with a stable learning rate did not converge")
            # f decreases at every step for a convex f with lr <= 1/L; allow float32 noise
            rises = np.diff(history) > 1e-5 * (1 + np.abs(history[:-1]))
            expect(not rises.any(), f"{what}: f(x_k) went up during a stable descent")
        else:
            # Above 2 / f'' the stiffest component grows by |1 - lr*lam_max| = 1.2 per step:
            # 1.2**60 ~ 5e4, so even a tenfold growth is a safe bar.
            expect(distance > 10 * start, f"{what}: GD above the stable learning rate should diverge")


# ============================================================== newton


def _np_d1_d2(case: dict, x: float) -> tuple[float, float]:
    if case["kind"] == "cosh1d":
        a, b, k = case["a"], case["b"], case["k"]
        return a * math.sinh(a * (x - b)) + 2 * k * x, a * a * math.cosh(a * (x - b)) + 2 * k
    if case["kind"] == "quartic":
        beta = case["beta"]
        return x**3 - 1 + beta * math.exp(beta * x), 3 * x * x + beta * beta * math.exp(beta * x)
    if case["kind"] == "parabola":
        return 2 * case["a"] * (x - case["b"]), 2 * case["a"]
    raise ValueError(case["kind"])  # pragma: no cover


def reference_newton(case: dict, n: int) -> tuple[list[float], list[float]]:
    x = float(case["x0"])
    xs, fs = [x], [_np_f(case, x)]
    for _ in range(n):
        d1, d2 = _np_d1_d2(case, x)
        x = x - d1 / d2
        xs.append(x)
        fs.append(_np_f(case, x))
    return xs, fs


def _check_newton_result(got: dict, what: str) -> None:
    expect(got["is_tensor"], f"{what}: newton should return x as a torch tensor")
    expect(not got["requires_grad"], f"{what}: the returned x should be detached (requires_grad False)")
    expect(got["shape"] in ([], [1]) and len(got["x"]) == 1, f"{what}: for a float x0, x should be a single-number tensor")


def judge_newton_iterates(data):
    cases = probes._newton_cases()
    conform(data, ListOf(Record({"full": NEWTON_RUN, "n1": NEWTON_RUN}), length=len(cases)))
    for index, (runs, case) in enumerate(zip(data, cases), start=1):
        what = f"hidden function {index}"
        xs, fs = reference_newton(case, case["n"])
        full = runs["full"]
        _check_newton_result(full, what)
        _check_newton_result(runs["n1"], what)
        expect(
            len(full["history"]) == case["n"] + 1,
            f"{what}: history should hold n_steps + 1 values, f(x_0) ... f(x_n)",
        )
        # Newton contracts quadratically near the minimum, so float32 rounding (~1e-7) does not
        # grow; 1e-4 relative leaves a wide margin, while a gradient step instead of a Newton step,
        # a sign error or f/f' instead of f'/f'' changes x_1 by more than 0.1 on these inputs.
        expect_close(full["history"], fs, f"{what}: the history f(x_k)", rtol=1e-4, atol=1e-5)
        expect_close(full["x"], [xs[-1]], f"{what}: the final x", rtol=1e-4, atol=1e-5)
        expect_close(runs["n1"]["x"], [xs[1]], f"{what}: x after one step", rtol=1e-4, atol=1e-5)
        # both derivatives from autograd: f is evaluated at the iterates only
        check_evaluations(full["points"], np.asarray(xs, dtype=np.float64).reshape(-1, 1), what, "newton")


def judge_newton_quadratic(data):
    cases = probes._parabolas()
    conform(data, ListOf(Record({"n1": NEWTON_RUN, "n3": NEWTON_RUN}), length=len(cases)))
    for index, (runs, case) in enumerate(zip(data, cases), start=1):
        what = f"hidden quadratic {index}"
        for key in ("n1", "n3"):
            _check_newton_result(runs[key], what)
        # One Newton step lands on the vertex b exactly in exact arithmetic; float32 evaluation of
        # x - f'/f'' is off by a few ulps of |x| <= 6, i.e. < 1e-6, so 1e-5 absolute is safe.
        expect_close(runs["n1"]["x"], [case["b"]], f"{what}: x after one Newton step", rtol=0, atol=1e-5)
        expect_close(runs["n1"]["history"], [_np_f(case, case["x0"]), case["c"]],
                     f"{what}: the history of one Newton step", rtol=1e-5, atol=1e-5)
        expect_close(runs["n3"]["x"], [case["b"]], f"{what}: x after three steps (it should stay put)",
                     rtol=0, atol=1e-5)
        expect(len(runs["n3"]["history"]) == 4, f"{what}: history should hold n_steps + 1 values")


# ============================================================== gd_errors and max_stable_lr


X_STAR = -1.5  # argmin of x^2 + 3x + 1


def judge_gd_errors(data):
    conform(data, ListOf(ListOf(Number), length=len(probes.ERROR_RUNS)))
    for (lr, n, x0), got in zip(probes.ERROR_RUNS, data):
        start = 2.0 if x0 is None else x0
        what = f"gd_errors(lr={lr}, n_steps={n}{'' if x0 is None else f', x0={x0}'})"
        expect(len(got) == n + 1, f"{what}: there should be n_steps + 1 errors, k = 0 .. n_steps")
        # |x_k - x*| = |x0 - x*| * |1 - 2 lr|^k exactly (f'' = 2). float32 iterates near x* = -1.5
        # carry an absolute rounding error of ~1e-7 per step that the contraction keeps below
        # ~1e-6; atol 1e-5 covers it, rtol 1e-4 covers relative rounding of the growing run.
        want = [abs(start - X_STAR) * abs(1 - 2 * lr) ** k for k in range(n + 1)]
        expect_close(got, want, what, rtol=1e-4, atol=1e-5)


def judge_max_stable_lr(data):
    conform(data, Number, "max_stable_lr")
    # derived exactly as 2 / f''(x) = 2 / 2; 1e-6 only absorbs float32 arithmetic
    expect(abs(data - 1.0) <= 1e-6, "max_stable_lr is not the learning rate where GD on x^2 + 3x + 1 stops converging")


# ============================================================== random_search


def proposals(points, x0: np.ndarray, f) -> np.ndarray:
    """The moves random_search proposed (see ``replay``)."""
    return replay(points, x0, f)[0]


def replay(points, x0: np.ndarray, f) -> tuple[np.ndarray, np.ndarray]:
    """The moves random_search proposed, replayed from the points ``f`` was evaluated at: each
    point minus the best point so far (the rule the task states), the best point moving to a
    proposal exactly when ``f`` is smaller there. Evaluating a point that is or was the best
    (f(x0), f(x_best) again, perhaps of a float32 copy: within 2.5e-7 relative, twice float32's
    rounding, which a proposal of the smallest hidden scale, 1e-5, comes that close to in every
    coordinate with probability < 1e-6) or the point just evaluated proposes nothing. Returns
    the moves and the best point at the end: the last proposal strictly better than every point
    before it (a tie keeps the old point, as the task says), or x0."""
    best, f_best, previous, moves = x0, f(x0), None, []
    bests = [x0]
    for point in np.asarray(points, dtype=np.float64).reshape(-1, x0.size):
        tol = 2.5e-7 * max(1.0, float(np.max(np.abs(point))))
        seen = np.min(np.max(np.abs(np.asarray(bests) - point), axis=1)) <= tol
        if seen or (previous is not None and np.array_equal(point, previous)):
            continue
        previous = point
        moves.append(point - best)
        value = f(point)
        if value < f_best:
            best, f_best = point, value
            bests.append(point)
    return np.asarray(moves).reshape(-1, x0.size), best


def judge_random_search(data):
    cases = probes._search_cases()
    run_spec = Record({"x": ListOf(Number), "history": ListOf(Number), "points": POINTS})
    conform(data, ListOf(Record({"runs": ListOf(run_spec, length=3)}), length=len(cases)))
    for index, (got, case) in enumerate(zip(data, cases), start=1):
        what = f"hidden function {index}"
        # f(x0) is computed here from the hidden case, not taken from the probe: it is a reference.
        f = probes._search_f(case)
        x0 = np.atleast_1d(np.asarray(case["x0"], dtype=np.float64))
        n_iter, f_x0 = case["n_iter"], f(probes._search_x0(case))
        for run in got["runs"]:
            h = np.asarray(run["history"], dtype=np.float64)
            expect(len(h) in (n_iter, n_iter + 1), f"{what}: best_history should hold one value per iteration")
            expect(len(run["x"]) == x0.size, f"{what}: x_best should have the shape of x0")
            # float values of f at identical points compare equal; 1e-12 only forgives a float32
            # round trip of the stored value
            slack = 1e-12 + 1e-7 * np.abs(h[:-1])
            expect(not np.any(np.diff(h) > slack), f"{what}: best_history went up; keep a neighbour only when it is better")
            expect(h[0] <= f_x0 * (1 + 1e-7) + 1e-12, f"{what}: the first best value is worse than f(x0)")
            expect(
                abs(f(np.asarray(run["x"])) - h[-1]) <= 1e-6 * (1 + abs(h[-1])),
                f"{what}: f(x_best) is not the last value of best_history",
            )
            if case["scale"] >= 0.01 and case["kind"] != "plateau":
                # 150+ proposals near a non-stationary point: each improves with probability
                # ~1/2, so never improving has probability ~2**-150
                expect(h[-1] < f_x0, f"{what}: random_search never improved on f(x0)")
        first, again, other = got["runs"]
        expect(
            first["history"] == again["history"] and first["x"] == again["x"],
            f"{what}: two calls with the same seed gave different results (use the seed, not the global RNG state)",
        )
        if case["kind"] != "plateau":  # there every history is f(x0) = 0 throughout, whatever the seed
            expect(first["history"] != other["history"], f"{what}: two different seeds gave the same search")
        expect(first["points"] is not None and all(len(p) == x0.size for p in first["points"]),
               f"{what}: f was called with points of the wrong shape")
        moves, best = replay(first["points"], x0, f)
        # x_best is where the replay of the proposals (keeping a point only when f is strictly
        # smaller there) ends: the same float64 point, or its float32 copy (2.5e-7 relative, twice
        # float32's rounding). On the plateau every proposal ties with f(x0), so it is x0 itself,
        # while keeping ties (<=) walks away at the first proposal.
        expect(np.max(np.abs(np.asarray(first["x"]) - best)) <= 2.5e-7 * max(1.0, float(np.max(np.abs(best)))),
               f"{what}: x_best is not the last neighbour that was strictly better than the best point before it")
        expect(len(moves) == n_iter, f"{what}: random_search should propose one neighbour per iteration "
                                     f"({len(moves)} proposals in {n_iter} iterations)")
        # Each move should be scale * N(0, 1) in every coordinate, drawn around the best point so
        # far. Over m = n_iter * dim draws, the mean of z = move / scale is N(0, 1/m) and the mean
        # of z**2 is 1 with standard deviation sqrt(2/m); 6 standard deviations are left to chance
        # (< 1e-8). Noise around x0 instead of the best point adds (best - x0)**2 / scale**2, many
        # times 1 once the search has moved; a spread of scale/2, 2*scale or uniform in
        # [-scale, scale] gives a mean of z**2 of 0.25, 4 or 1/3.
        z = moves.reshape(-1) / case["scale"]
        m = z.size
        expect(abs(float(np.mean(z))) <= 6 / math.sqrt(m) and abs(float(np.mean(z * z)) - 1) <= 6 * math.sqrt(2 / m),
               f"{what}: the neighbours are not the best point so far plus normal noise of standard deviation `scale`")


# ============================================================== sine fits


SINE_DEFAULTS = {"omega0": 3.0, "t0": 1.0, "lr": 0.1, "n_iter": 50}


def reference_sine(xs, ys, omega0, t0, lr, n_iter) -> tuple[list[tuple[float, float]], list[float]]:
    """Iterates (omega_k, t_k), k = 0..n_iter, of GD on L = 1/2 mean((y - sin(omega x + t))^2),
    and L at each of them (n_iter + 1 values)."""
    xs, ys = np.asarray(xs, np.float64), np.asarray(ys, np.float64)

    def loss_and_grad(o, t):
        z = o * xs + t
        r = ys - np.sin(z)
        return 0.5 * float(np.mean(r * r)), -float(np.mean(r * np.cos(z) * xs)), -float(np.mean(r * np.cos(z)))

    o, t = float(omega0), float(t0)
    params, losses = [(o, t)], []
    for _ in range(n_iter):
        loss, g_o, g_t = loss_and_grad(o, t)
        losses.append(loss)
        o, t = o - lr * g_o, t - lr * g_t
        params.append((o, t))
    losses.append(loss_and_grad(o, t)[0])
    return params, losses


def _judge_sine(data, factor: float, name: str) -> None:
    """factor 1: GD on 1/2 MSE; factor 2: the same with MSELoss, i.e. twice the gradient."""
    calls = probes._sine_calls()
    conform(data, ListOf(Record({"omega": Number, "t": Number, "losses": ListOf(Number)}), length=len(calls)))
    for index, (got, call) in enumerate(zip(data, calls), start=1):
        args = dict(SINE_DEFAULTS, **call["kwargs"])
        xs, ys = probes._sine_data(call["data"], call["n"])
        params, losses = reference_sine(xs, ys, args["omega0"], args["t0"], factor * args["lr"], args["n_iter"])
        what = f"hidden data set {index}"
        n = args["n_iter"]
        got_losses = got["losses"]
        expect(
            len(got_losses) == n,
            f"{what}: losses should hold n_iter values, the loss before each step",
        )
        want = [factor * v for v in losses[:n]]
        # Measured: float32 runs of these 50-step descents differ from float64 by < 3e-7 in the
        # parameters and < 3e-6 relative in the loss. 1e-4 is 30x that; a doubled step (MSELoss
        # where 1/2 MSE was asked), a sign error or a shifted loss list are off by > 1e-2.
        expect_close(got_losses, want, f"{what}: losses", rtol=1e-4, atol=1e-6)
        expect_close([got["omega"], got["t"]], list(params[-1]), f"{what}: the final (omega, t)", rtol=1e-4, atol=1e-5)
        if n == 1:
            step = np.subtract([got["omega"], got["t"]], [args["omega0"], args["t0"]])
            start, first = reference_sine(xs, ys, args["omega0"], args["t0"], args["lr"], 1)[0]
            half_mse_step = np.subtract(first, start)
            # the first step is lr * gradient; compare it with the 1/2-MSE step by its ratio. The
            # step is ~1e-2 long here and float32 stores omega ~ 3 to ~2e-7, so the ratio is exact
            # to ~1e-4; 1e-3 accepts that, while the wrong factors (1 instead of 2, or 2 instead
            # of 1, or N for a summed loss) are off by at least 1.
            ratio = float(step @ half_mse_step / (half_mse_step @ half_mse_step))
            expect(
                abs(ratio - factor) <= 1e-3,
                f"{what}: the first step of {name} should be {'equal to' if factor == 1 else 'twice'} "
                "the step of gradient descent on 1/2 * mean squared error",
            )


def judge_fit_sine(data):
    _judge_sine(data, 1.0, "fit_sine")


def judge_fit_sine_sgd(data):
    _judge_sine(data, 2.0, "fit_sine_sgd")


# ============================================================== fit_linear


def least_squares_line(xs, ys) -> np.ndarray:
    X = np.stack([np.ones(len(xs)), np.asarray(xs, np.float64)], axis=1)
    return np.linalg.lstsq(X, np.asarray(ys, np.float64), rcond=None)[0]


def linear_contraction(xs, lr: float) -> float:
    """max |1 - lr * lambda| over the eigenvalues of the MSE's Hessian 2 X^T X / N: the factor by
    which one GD step shrinks the distance to the least-squares line."""
    X = np.stack([np.ones(len(xs)), np.asarray(xs, np.float64)], axis=1)
    lam = np.linalg.eigvalsh(2 * X.T @ X / len(xs))
    return float(np.max(np.abs(1 - lr * lam)))


def mse_gradient(xs, ys, theta) -> np.ndarray:
    """Gradient of mean((y - theta0 - theta1 x)^2) at theta, in float64."""
    xs, ys = np.asarray(xs, np.float64), np.asarray(ys, np.float64)
    residual = ys - theta[0] - theta[1] * xs
    return np.array([-2 * np.mean(residual), -2 * np.mean(residual * xs)])


LINEAR_RUN = Record({"is_tensor": Flag, "requires_grad": Flag, "theta": ListOf(Number)})

LINEAR_START = np.array([1.0, 1.0])
"""The start the task fixes, theta = (1, 1)."""


def judge_fit_linear(data):
    cases = probes._linear_cases()
    conform(data, {"final": ListOf(LINEAR_RUN, length=len(cases)),
                   "early": ListOf(LINEAR_RUN, length=len(probes.LINEAR_EARLY["steps"]))})
    for got in data["final"] + data["early"]:
        expect(got["is_tensor"], "fit_linear should return a tensor [theta0, theta1]")
        expect(len(got["theta"]) == 2, "fit_linear should return two numbers [theta0, theta1]")
        expect(not got["requires_grad"], "fit_linear should return a detached tensor (requires_grad False)")
    for index, (got, case) in enumerate(zip(data["final"], cases), start=1):
        what = f"hidden data set {index}"
        best = least_squares_line(case["xs"], case["ys"])
        # SGD on the (convex, quadratic) MSE shrinks the distance to the least-squares line by
        # q = max|1 - lr * lambda| < 1 per step, and on these cases q**n_iter * 100 < 1e-6 (checked
        # in the project's tests under 20 seeds): from any sane start (within 100 of the line) GD
        # ends within 1e-6 of it whatever its first iterate was; float32 rounding of the fixed
        # point is ~1e-6. 1e-3 * (1 + |theta*|) is therefore safe, and far below what a missing
        # zero_grad, a summed loss or swapped coefficients produce.
        expect_close(got["theta"], best, f"{what}: [theta0, theta1]", rtol=1e-3, atol=1e-3)
    # The first iterates, from calls with n_iter = 1, 2, 3 (and the same start each time): each
    # must be one SGD step of the given lr on the mean squared error from the one before.
    case, lr = cases[probes.LINEAR_EARLY["case"]], probes.LINEAR_EARLY["lr"]
    thetas = [np.asarray(got["theta"], dtype=np.float64) for got in data["early"]]
    # After one step from a start that is not the answer the gradient is O(1) on these data
    # (> 0.05 under the project's 20 seeds); a closed-form answer, or n_iter ignored (hundreds
    # of steps), leaves it near 0.
    expect(np.max(np.abs(mse_gradient(case["xs"], case["ys"], thetas[0]))) > 0.05,
           "after n_iter = 1 the line is already fitted: fit_linear should take exactly n_iter steps of "
           "gradient descent from the start (1, 1), not solve least squares")
    # The first call (n_iter = 1) is one step from the start the task fixes, (1, 1). The same
    # tolerance as the steps below: float32 rounding is ~1e-6 of a step, while another start (off
    # by 1 in a coordinate here, far more than a step), zero steps or two are off by a step or
    # more (> 3.5e-3, the shortest step under the project's 20 seeds).
    first = -lr * mse_gradient(case["xs"], case["ys"], LINEAR_START)
    expect(np.max(np.abs(thetas[0] - LINEAR_START - first)) <= 1e-3 * np.max(np.abs(first)) + 1e-5,
           "fit_linear(xs, ys, lr, n_iter=1) is not one SGD step with the given lr on the mean squared error "
           "from the start theta = (1, 1)")
    for k in range(len(thetas) - 1):
        step = thetas[k + 1] - thetas[k]
        want = -lr * mse_gradient(case["xs"], case["ys"], thetas[k])
        # float32: iterates carry 2.4e-7 rounding and the gradient ~1e-6 relative, far below
        # 1e-3 of a step (a step is > lr * 0.05 = 3.5e-3 long); a wrong lr, a summed loss or
        # accumulated gradients change the step by 10 % or more.
        expect(np.max(np.abs(step - want)) <= 1e-3 * np.max(np.abs(want)) + 1e-5,
               f"the step from n_iter = {probes.LINEAR_EARLY['steps'][k]} to {probes.LINEAR_EARLY['steps'][k + 1]} "
               "is not one SGD step with the given lr on the mean squared error")


# ============================================================== fit_cubic_to_sin


def least_squares_cubic() -> np.ndarray:
    x = np.linspace(-math.pi, math.pi, 2000)
    X = np.stack([x**k for k in range(4)], axis=1)
    return np.linalg.lstsq(X, np.sin(x), rcond=None)[0]


CUBIC_FORWARD = Record({"weight": ListOf(Number), "bias": Maybe(ListOf(Number)),
                        "input_shape": Maybe(ListOf(Integer)),
                        "grad_weight": Maybe(ListOf(Number)), "grad_bias": Maybe(ListOf(Number))})

CUBIC_POINTS = 2000
"""The evenly spaced points on [-pi, pi] the task names: the model's input is (2000, 3)."""

FLOAT32_UNIT = 2.0**-24
"""float32's unit roundoff u: one rounding changes a value by at most u relative."""


@functools.lru_cache(maxsize=1)
def _cubic_features() -> tuple[np.ndarray, np.ndarray]:
    """The features (x, x^2, x^3) and sin x at the 2000 points, float64 (made once: read only)."""
    x = np.linspace(-math.pi, math.pi, CUBIC_POINTS)
    features, target = np.stack([x, x**2, x**3], axis=1), np.sin(x)
    features.flags.writeable = target.flags.writeable = False
    return features, target


def sum_mse_gradient(theta: np.ndarray) -> np.ndarray:
    """Gradient of sum((a + X (b, c, d) - sin x)^2) with respect to theta = (b, c, d, a)."""
    features, target = _cubic_features()
    residual = features @ theta[:3] + theta[3] - target
    return np.concatenate([2 * features.T @ residual, [2 * residual.sum()]])


def reference_rmsprop(theta0: np.ndarray, lr: float, steps: int, alpha: float = 0.99, eps: float = 1e-8):
    """Iterates theta_0 .. theta_steps of torch.optim.RMSprop's defaults on the summed squared
    error, and the gradient at each iterate before the last."""
    theta, square_avg = np.array(theta0, dtype=np.float64), np.zeros(4)
    thetas, grads = [theta.copy()], []
    for _ in range(steps):
        grad = sum_mse_gradient(theta)
        grads.append(grad)
        square_avg = alpha * square_avg + (1 - alpha) * grad * grad
        theta = theta - lr * grad / (np.sqrt(square_avg) + eps)
        thetas.append(theta.copy())
    return thetas, grads


def float32_gradient_bound(theta: np.ndarray) -> np.ndarray:
    """A bound on how far a float32 computation of ``sum_mse_gradient(theta)`` can be from the
    float64 one, per component (theta the float32 parameters themselves, so they are exact).

    The float32 code rounds x (linspace: <= 2u relative), x**k (<= 2u more per power), sin x,
    every product and sum of the prediction a + b x + c x^2 + d x^3 (<= 12u of the sum of the
    absolute values of its terms, M_i = |a| + sum_k |theta_k x_i^k|, for the features and the
    four terms together), the residual and the 2000-term sums of 2 f_ij r_i (<= (N - 1) u of
    the sum of their absolute values, the worst case of any summation order: threads, blocking
    and vectorisation only change which partial sums are rounded). Each residual is thus off by
    <= 12u (M_i + |y_i| + 1) (the 1 covers sin's own rounding and its argument's), so component j
    is off by <= (N + 20) u * 2 sum_i |f_ij| (M_i + |y_i| + 1): a worst case, not a typical
    error, and still ~1e-3 of the gradients of the first steps from PyTorch's initialisation."""
    features, target = _cubic_features()
    columns = np.concatenate([features, np.ones((len(target), 1))], axis=1)
    sizes = np.abs(columns) @ np.abs(theta) + np.abs(target) + 1.0
    return (CUBIC_POINTS + 20) * FLOAT32_UNIT * 2 * (np.abs(columns).T @ sizes)


def rmsprop_step(theta: np.ndarray, grad: np.ndarray, square_avg: np.ndarray, lr: float,
                 alpha: float = 0.99, eps: float = 1e-8) -> tuple[np.ndarray, np.ndarray]:
    """One step of torch.optim.RMSprop's defaults: the new parameters and running mean square."""
    square_avg = alpha * square_avg + (1 - alpha) * grad * grad
    return theta - lr * grad / (np.sqrt(square_avg) + eps), square_avg


def _watched_states(forwards: list) -> list[tuple[np.ndarray, np.ndarray | None]]:
    """(theta, gradient) per distinct parameter state, in order: forward passes that see the same
    parameters (a second call of the model between two steps) are one state."""
    states: list = []
    for entry in forwards:
        expect(len(entry["weight"]) == 3 and entry["bias"] is not None and len(entry["bias"]) == 1,
               "fit_cubic_to_sin should train one nn.Linear(3, 1) (3 weights and a bias)")
        theta = np.array(entry["weight"] + entry["bias"], dtype=np.float64)
        grad = None
        if entry["grad_weight"] is not None and entry["grad_bias"] is not None:
            expect(len(entry["grad_weight"]) == 3 and len(entry["grad_bias"]) == 1, "gradients of the wrong shape")
            grad = np.array(entry["grad_weight"] + entry["grad_bias"], dtype=np.float64)
        if states and np.array_equal(states[-1][0], theta):
            states[-1] = (theta, grad if grad is not None else states[-1][1])
        else:
            states.append((theta, grad))
    return states


def _check_rmsprop_run(got: dict, n_steps: int, lr: float) -> None:
    """One watched call of fit_cubic_to_sin: every step, replayed from what the call itself showed.

    Each step is checked on its own, from the parameters the model was called with and the
    gradients that reached them: the gradient must be the summed squared error's at those
    parameters, and the next parameters RMSprop's update of them with that gradient. So the
    verdict never compares two long runs (RMSprop with a constant lr does not settle: once near
    the minimum its running mean square decays, steps grow again, and where a run is after a few
    hundred steps depends on every rounding before, so a float32 run and a float64 one, or one
    run on one thread and on two, end up to ~5 lr apart)."""
    what = f"fit_cubic_to_sin({n_steps}, {lr})"
    expect(len(got["coefficients"]) == 4, f"{what}: return four floats (a, b, c, d)")
    forwards = got["forwards"]
    expect(forwards is not None and len(forwards) > 0,
           f"{what}: the model nn.Sequential(nn.Linear(3, 1), nn.Flatten(0, 1)) was never called")
    for entry in forwards:
        if entry["grad_weight"] is not None:  # a training pass: its gradients reached the layer
            expect(entry["input_shape"] == [CUBIC_POINTS, 3],
                   f"{what}: the model should be trained on the features of the {CUBIC_POINTS} evenly spaced "
                   f"points, a ({CUBIC_POINTS}, 3) input (a training pass had input of shape {entry['input_shape']})")
    states = _watched_states(forwards)
    expect(len(states) >= n_steps, f"{what}: the model's parameters changed {len(states) - 1} times in {n_steps} steps")
    theta = states[0][0]
    # nn.Linear(3, 1) draws weight and bias from U(-1/sqrt(3), 1/sqrt(3))
    expect(np.all(np.abs(theta) <= 1 / math.sqrt(3) + 1e-6),
           f"{what}: the layer does not start from PyTorch's default initialisation")
    square_avg = np.zeros(4)
    for k in range(n_steps):
        seen, grad = states[k]
        # The parameters the model saw against RMSprop's update of the ones before, made from the
        # gradient the code itself got: each step is at most lr / sqrt(1 - alpha) = 10 lr long
        # (the running mean square holds at least 1 % of the latest squared gradient), and float32
        # rounds it by ~1e-5 relative at most (the running mean square keeps ~100 roundings), so
        # an iterate is off by < 1e-4 lr plus its own rounding (~6e-8 for |theta| <= 1): 1e-3 lr
        # + 1e-6 is safe, while Adam (other steps), another lr or alpha, or gradients added up
        # without zero_grad are off by a good part of a step (> lr / 2).
        expect_close(seen, theta, f"{what}: the parameters before step {k + 1}", rtol=0, atol=1e-3 * lr + 1e-6)
        expect(grad is not None, f"{what}: no gradient reached the layer's parameters in step {k + 1}")
        # the gradient of the summed squared error (a mean over the 2000 points is 2000 times
        # smaller), within the worst case of float32 rounding (see float32_gradient_bound)
        expect(np.all(np.abs(grad - sum_mse_gradient(seen)) <= float32_gradient_bound(seen)),
               f"{what}: the gradient in step {k + 1} is not that of nn.MSELoss(reduction='sum')")
        theta, square_avg = rmsprop_step(seen, grad, square_avg, lr)
    b, c, d, a = theta
    expect_close(got["coefficients"], [a, b, c, d], f"{what}: (a, b, c, d) after training",
                 rtol=0, atol=1e-3 * lr + 1e-6)


def judge_fit_cubic(data):
    conform(data, ListOf(Record({"coefficients": ListOf(Number), "forwards": Maybe(ListOf(CUBIC_FORWARD))}),
                         length=len(probes.CUBIC_RUNS)))
    # Both calls are replayed step by step: the short one at a small lr, the long one over all its
    # 600 steps, so a descent that goes wrong only later (the loss or the update changed after a
    # while, n_steps cut short) is seen too. That the replayed run gets near the least-squares
    # cubic follows from RMSprop itself; the end point is not compared (see _check_rmsprop_run).
    for got, (n_steps, lr) in zip(data, probes.CUBIC_RUNS):
        _check_rmsprop_run(got, n_steps, lr)


# ============================================================== grid_search


def grid_of(case: dict) -> tuple[list[np.ndarray], np.ndarray]:
    """The task's grid of a hidden case: its axes, and its points in lexicographic order."""
    axes = [np.linspace(low, high, case["n"]) for low, high in zip(case["lows"], case["highs"])]
    points = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, len(axes))
    return axes, points


def grid_indices(points, case: dict) -> np.ndarray | None:
    """Each point's index along every axis of the case's grid (one row per point), or None when
    a point is not on the grid. Within 1e-6 of the largest bound in size: a float32 grid is off
    by a few 1e-7 of it, while the nearest point of a grid with one value more or less lies
    step / n away, at least 1e-2 on the hidden grids."""
    lows, highs = np.asarray(case["lows"], dtype=np.float64), np.asarray(case["highs"], dtype=np.float64)
    step = (highs - lows) / (case["n"] - 1)
    tol = 1e-6 * max(1.0, float(np.max(np.abs(np.concatenate([lows, highs])))))
    p = np.asarray(points, dtype=np.float64).reshape(-1, lows.size)
    k = (p - lows) / step
    index = np.rint(k)
    on_grid = (np.abs(k - index) * step <= tol) & (index >= 0) & (index <= case["n"] - 1)
    return index.astype(int) if bool(np.all(on_grid)) else None


GRID_RUN = Record({"points": ListOf(ListOf(Number)), "calls": Integer, "x_best": ListOf(Number),
                   "x_shape": ListOf(Integer), "f_best": Number})


def judge_grid_search(data):
    cases = probes._grid_cases()
    conform(data, ListOf(GRID_RUN, length=len(cases)))
    for index, (got, case) in enumerate(zip(data, cases), start=1):
        what = f"hidden function {index}"
        d, n = len(case["lows"]), case["n"]
        size = n**d
        # the probe records up to 3 * n_points ** d calls, the most the task allows
        expect(got["calls"] <= 3 * size and got["calls"] == len(got["points"]),
               f"{what}: f was called more than 3 * n_points ** d times")
        expect(all(len(p) == d for p in got["points"]), f"{what}: f was called with something that is not one point")
        expect(got["points"], f"{what}: f was never called")
        seen = grid_indices(got["points"], case)
        expect(seen is not None, f"{what}: f was called at a point that is not on the grid the task names")
        expect(len({tuple(row) for row in seen.tolist()}) == size, f"{what}: f was not called at every grid point")
        expect(got["x_shape"] == [d], f"{what}: x_best should be a 1-D array of d numbers")
        chosen = grid_indices([got["x_best"]], case)
        expect(chosen is not None, f"{what}: x_best is not a point of the grid")
        # the reference: every grid point in lexicographic order, the first smallest value
        f = probes._grid_f(case)
        _, grid = grid_of(case)
        values = np.array([f(point) for point in grid])
        best = int(np.argmin(values))
        want = np.array(np.unravel_index(best, (n,) * d))
        if not np.array_equal(chosen[0], want):
            tied = values[np.ravel_multi_index(tuple(chosen[0]), (n,) * d)] == values[best]
            expect(not tied, f"{what}: several grid points share the smallest value, and x_best is not the one "
                             "the task says to return")
            expect(False, f"{what}: x_best is not the grid point where f is smallest")
        # f at a float32 copy of the point differs by a few 1e-7 relative (|f'| <= 12 on these
        # grids); a wrong value (another point's, the largest, a sign) is off by far more
        expect(abs(got["f_best"] - values[best]) <= 1e-5 * (1 + abs(values[best])),
               f"{what}: f_best is not the value of f at x_best")


# ============================================================== plot_histories


PLOT_LINE = Record({"label": Text, "x": ListOf(Number), "y": ListOf(Number)})
PLOT_AXES = Record({"yscale": Text, "xlabel": Text, "ylabel": Text, "legend": ListOf(Text), "lines": ListOf(PLOT_LINE)})
PLOT_FIGURE = Record({"is_figure": Flag, "same_as_previous": Flag, "axes": ListOf(PLOT_AXES), "figure_legend": ListOf(Text)})


def judge_plot_histories(data):
    sets = probes._history_sets()
    conform(data, ListOf(PLOT_FIGURE, length=len(sets)))
    for got, histories in zip(data, sets):
        expect(got["is_figure"], "plot_histories should return the matplotlib Figure it drew on")
        expect(not got["same_as_previous"], "plot_histories returned the same Figure twice: make a new one in every call")
        for label, values in histories.items():
            want = np.asarray(values, dtype=np.float64)
            steps = np.arange(want.size, dtype=np.float64)
            # float32 copies of the values are within 6e-8 relative; the nearest other curve
            # (another history, a shifted or reordered one) differs by 1e-2 or more somewhere
            drawn = [(ax, line) for ax in got["axes"] for line in ax["lines"]
                     if len(line["x"]) == want.size and len(line["y"]) == want.size
                     and np.array_equal(np.asarray(line["x"], dtype=np.float64), steps)
                     and np.allclose(line["y"], want, rtol=1e-6, atol=0)]
            expect(drawn, "one of the histories has no line of its values against the iteration number 0, 1, ...")
            labelled = [(ax, line) for ax, line in drawn if line["label"] == label]
            expect(labelled, "the line of a history should be labelled with its key (label=key)")
            logged = [ax for ax, _ in labelled if ax["yscale"] == "log"]
            expect(logged, "the axes of the lines should have a logarithmic y scale (set_yscale('log') or semilogy)")
            expect(any(ax["xlabel"].strip() and ax["ylabel"].strip() for ax in logged),
                   "give the axes of the lines an x label and a y label")
            expect(any(label in ax["legend"] for ax in logged) or label in got["figure_legend"],
                   "the figure has no legend naming every line (call ax.legend() after drawing)")

"""03_gradient_descent: the data generator, the hidden-case design, and non-flaky judges.

The convergence judges (GD on convex functions, random search, the sine, line and cubic fits)
rest on bounds, not on luck. These tests re-draw every hidden input under 20 seeds (the checks
module's HIDDEN_SEED and the seed `collect` gives numpy/random/torch before a probe) and require
the solution to pass and a few mutants to stay caught each time.
"""

from __future__ import annotations

import importlib.util
import math

import numpy as np
import pytest

from autodiff_course import hidden, paths, variants

from helpers import chdir, probe_and_judge, reseeder

NAME = "03_gradient_descent"
a03 = hidden.checks_module(NAME)
a03_judges = hidden.judges_module(NAME)
SEEDS = [1000 + 7919 * i for i in range(20)]

CONVERGENCE_CHECKS = [
    "gd_iterates", "gd_convergence", "newton_iterates", "newton_quadratic",
    "random_search", "fit_sine", "fit_sine_sgd", "fit_linear", "fit_cubic",
]


@pytest.fixture
def reseed(monkeypatch):
    """Replace both the hidden-input seed and collect's global seed."""
    return reseeder(monkeypatch, a03)


def _run(check: str, env: dict) -> str | None:
    return probe_and_judge(NAME, check, env)


def _make_data_module():
    path = paths.assignment_dir(NAME) / "make_data.py"
    spec = importlib.util.spec_from_file_location("a03_make_data", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_make_data_is_deterministic_and_matches_the_syllabus():
    module = _make_data_module()
    data = module.make()
    assert data.shape == (50, 2)
    assert np.array_equal(data, module.make()), "make_data must write the same data every build"
    xs, ys = data[:, 0].astype(np.float32), data[:, 1].astype(np.float32)
    # the best fit is near omega = 2.188, t = 1 (the noise moves it a little), and the
    # notebook's 50 steps from (3, 1) with lr 0.1 get close to it
    params, losses = a03_judges.reference_sine(xs, ys, 3.0, 1.0, 0.1, 1500)
    assert abs(params[-1][0] - 2.188) < 0.03 and abs(params[-1][1] - 1.0) < 0.03
    assert abs(params[50][0] - 2.188) < 0.05 and abs(params[50][1] - 1.0) < 0.05
    assert losses[50] < losses[0] / 10


@pytest.mark.parametrize("seed", SEEDS)
def test_hidden_cases_satisfy_the_bounds_the_judges_state(seed, reseed):
    reseed(seed)
    for case in a03._gd_cases():  # iterate comparisons run at a stable learning rate
        if case["kind"] == "quad":
            assert case["lr"] < 2 / np.linalg.eigvalsh(case["A"]).max()
    quad_ok, quad_bad, ridge = a03._convergence_cases()
    # the judge's expected outcome per case (kept out of the probes' module) fits each case's lr
    outcomes = a03_judges.CONVERGENCE_OUTCOMES
    assert len(outcomes) == 3 and outcomes[2] == "converge"
    for case, outcome in zip((quad_ok, quad_bad), outcomes):
        assert (np.max(np.abs(1 - case["lr"] * case["lam"])) < 1) == (outcome == "converge")
    lam = quad_ok["lam"]
    assert np.max(np.abs(1 - quad_ok["lr"] * lam)) ** quad_ok["n"] < 1e-4
    assert np.max(np.abs(1 - quad_bad["lr"] * lam)) ** quad_bad["n"] > 1e3
    assert np.all(np.abs(np.asarray(quad_ok["x0"]) - quad_ok["c"]) >= 1.0)
    x_star = a03_judges._minimiser(ridge)
    assert np.allclose(np.tanh(x_star - ridge["c"]) + ridge["mu"] * x_star, 0, atol=1e-12)
    for case in a03._linear_cases():
        q = a03_judges.linear_contraction(case["xs"], case["lr"])
        assert q < 1 and q ** case["n_iter"] * 100 < 1e-6
        assert (case["lr"], case["n_iter"]) != (0.15, 300)  # not the notebook's call
    # judge_fit_linear's "already fitted" bar: one step from (1, 1) leaves a gradient > 0.05
    # (here > 0.1, a margin of 2), and the step itself is longer than the 3.5e-3 its tolerance assumes
    early = a03._linear_cases()[a03.LINEAR_EARLY["case"]]
    lr = a03.LINEAR_EARLY["lr"]
    theta = np.array([1.0, 1.0]) - lr * a03_judges.mse_gradient(early["xs"], early["ys"], np.array([1.0, 1.0]))
    assert np.max(np.abs(a03_judges.mse_gradient(early["xs"], early["ys"], theta))) > 0.1


def test_least_squares_cubic_is_the_known_one():
    a, b, c, d = a03_judges.least_squares_cubic()
    assert abs(a) < 1e-9 and abs(c) < 1e-9 and abs(b - 0.8567) < 1e-3 and abs(d + 0.0933) < 1e-3
    # the anti-hard-coding bound in judge_fit_cubic: default init |b| <= 1/sqrt(3), 10 RMSprop
    # steps of lr 1e-3 move it by at most 10 * 10 * 1e-3
    assert b - (1 / math.sqrt(3) + 0.1) > 0.15


@pytest.mark.parametrize("seed", SEEDS)
def test_solution_passes_every_check_under_another_seed(seed, reseed, solution_run):
    run = solution_run(NAME)
    reseed(seed)
    with chdir(run.dir):
        failures = {c: m for c in CONVERGENCE_CHECKS if (m := _run(c, run.env)) is not None}
    assert not failures, f"seed {seed}: {failures}"


MUTANTS = [
    ("gradient_descent", "wrong_no_zero_grad", "gd_iterates"),
    ("gradient_descent", "wrong_lr_twice", "gd_convergence"),
    ("fit_sine", "wrong_mseloss", "fit_sine"),
    ("fit_sine_sgd", "wrong_half_mse", "fit_sine_sgd"),
    ("random_search", "wrong_fixed_scale", "random_search"),
    ("random_search", "wrong_ignores_seed", "random_search"),
    ("random_search", "wrong_around_start", "random_search"),
    ("random_search", "wrong_uniform_spread", "random_search"),
    ("fit_linear", "wrong_ignores_lr", "fit_linear"),
]


@pytest.mark.parametrize("question,variant,check", MUTANTS, ids=[f"{q}/{v}" for q, v, _ in MUTANTS])
def test_mutants_stay_caught_under_every_seed(question, variant, check, reseed, solution_run):
    run = solution_run(NAME)
    path = paths.assignment_dir(NAME) / "variants" / question / f"{variant}.py"
    with chdir(run.dir):
        env = variants.with_variant(run.env, path)
        for seed in SEEDS:
            reseed(seed)
            assert _run(check, env) is not None, f"{variant} passes {check} under seed {seed}"


def test_judge_messages_do_not_reveal_expected_values(solution_run):
    run = solution_run(NAME)
    path = paths.assignment_dir(NAME) / "variants" / "gd_errors" / "wrong_stable_lr_is_newton.py"
    with chdir(run.dir):
        env = variants.with_variant(run.env, path)
        message = _run("max_stable_lr", env)
    assert message is not None and "1.0" not in message and "2 / 2" not in message


# ------------------------------------------------------------------ the method, observed


def test_evaluation_points_accept_float32_copies_and_reject_finite_differences():
    iterates = np.array([[1.5], [0.75], [0.5]])
    float32 = iterates.astype(np.float32).astype(np.float64)
    a03_judges.check_evaluations(np.vstack([iterates, float32, iterates]).tolist(), iterates, "f", "newton")
    for h in (1e-5, 1e-3):  # central differences beside each iterate
        points = np.vstack([iterates, iterates + h, iterates - h]).tolist()
        with pytest.raises(AssertionError, match="different points"):
            a03_judges.check_evaluations(points, iterates, "f", "newton")
    with pytest.raises(AssertionError, match="not one of its iterates"):
        a03_judges.check_evaluations([[1.5], [0.7]], iterates, "f", "newton")


def test_reference_rmsprop_is_torchs_rmsprop_on_the_summed_squared_error():
    import torch

    torch.manual_seed(3)
    layer = torch.nn.Linear(3, 1).double()
    start = np.concatenate([layer.weight.detach().numpy().reshape(-1), layer.bias.detach().numpy()])
    x = torch.linspace(-math.pi, math.pi, 2000, dtype=torch.float64)
    features = torch.stack([x, x**2, x**3], dim=1)
    optimizer = torch.optim.RMSprop(layer.parameters(), lr=2.5e-3)
    theirs = []
    for _ in range(4):
        optimizer.zero_grad()
        ((layer(features).reshape(-1) - torch.sin(x)) ** 2).sum().backward()
        theirs.append(np.concatenate([layer.weight.grad.numpy().reshape(-1), layer.bias.grad.numpy()]))
        optimizer.step()
    thetas, grads = a03_judges.reference_rmsprop(start, 2.5e-3, 4)
    np.testing.assert_allclose(grads, theirs, rtol=1e-9)
    end = np.concatenate([layer.weight.detach().numpy().reshape(-1), layer.bias.detach().numpy()])
    np.testing.assert_allclose(thetas[-1], end, rtol=0, atol=1e-12)


def test_random_search_replay_sees_each_proposal_around_the_best_point():
    case = a03._search_cases()[0]
    f, x0 = a03._search_f(case), np.asarray(case["x0"], dtype=np.float64)
    rng = np.random.default_rng(5)
    best, points = x0, [x0]
    for _ in range(case["n_iter"]):
        candidate = best + rng.normal(0, case["scale"], x0.shape)
        points += [candidate, best]  # each candidate, then the best point evaluated again
        if f(candidate) < f(best):
            best = candidate
    moves = a03_judges.proposals([p.tolist() for p in points], x0, f)
    assert moves.shape == (case["n_iter"], x0.size)
    assert abs(np.mean((moves / case["scale"]) ** 2) - 1) < 0.2


def test_probe_hooks_are_removed_even_when_the_students_code_raises():
    import torch
    from torch.nn.modules import module

    before = dict(module._global_forward_pre_hooks)

    def fails_after_one_call(n_steps, lr):
        torch.nn.Linear(3, 1)(torch.zeros(2, 3))
        raise ValueError("boom")

    result = hidden.collect(NAME, "fit_cubic", {"fit_cubic_to_sin": fails_after_one_call})
    assert not result["ok"] and "boom" in result["error"]
    assert dict(module._global_forward_pre_hooks) == before


@pytest.mark.parametrize("check", sorted(hidden.check_names(NAME)))
def test_the_solutions_data_cut_short_or_missing_a_key_earns_nothing(check, solution_run):
    """The judge states the data's exact shape: the solution's own data with its first list
    shortened, or its first key dropped, fails with a message and never crashes the judge."""
    run = solution_run(NAME)
    with chdir(run.dir):
        data = hidden.collect(NAME, check, run.env)["data"]
    for damaged in _damaged(data):
        message = hidden.judge(NAME, check, {"ok": True, "data": damaged})
        assert message is not None and "could not read" not in message, (check, message)


def _damaged(data):
    """Copies of ``data`` with the first list met (depth first) one item shorter, and with the
    first dict met one key short."""
    import copy

    out = []
    for kind in (list, dict):
        copied = copy.deepcopy(data)
        stack = [copied]
        while stack:
            node = stack.pop()
            if isinstance(node, kind) and node:
                if kind is list:
                    node.pop()
                else:
                    node.pop(next(iter(node)))
                out.append(copied)
                break
            children = node if isinstance(node, list) else list(node.values()) if isinstance(node, dict) else []
            stack.extend(reversed(children))
    return out

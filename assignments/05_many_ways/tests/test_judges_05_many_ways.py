"""05_many_ways: the judges' references against autograd, the hidden cases' bounds, the probes'
watchers, the schemas, and judges that stay right under other seeds."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
import torch

from autodiff_course import hidden, paths, variants
from autodiff_course.schema import SchemaError

from helpers import chdir, probe_and_judge, reseeder

NAME = "05_many_ways"
a05 = hidden.checks_module(NAME)
a05_judges = hidden.judges_module(NAME)
SEEDS = [2000 + 7919 * i for i in range(12)]
CHECKS = ["descend_square", "cubic_grads", "fit_numpy", "fit_tensors", "tensors_device", "fit_autograd", "legendre_function",
          "fit_legendre", "polynomial3", "sigmoid_net", "dynamic", "train_module", "plot_fit"]


@pytest.fixture
def reseed(monkeypatch):
    return reseeder(monkeypatch, a05)


def _variant_env(run, question: str, variant: str) -> dict:
    return variants.with_variant(run.env, paths.assignment_dir(NAME) / "variants" / question / f"{variant}.py")


# ------------------------------------------------------------------ references = autograd


def _grid64():
    x = torch.linspace(-math.pi, math.pi, 2000, dtype=torch.float64)
    return x, torch.sin(x)


@pytest.mark.parametrize("seed", SEEDS[:5])
def test_the_hand_gradients_of_the_judge_are_autograds(seed, reseed):
    reseed(seed)
    for case in a05.grad_cases():
        p = torch.tensor(case["coefficients"], requires_grad=True)
        x, y = torch.tensor(case["x"]), torch.tensor(case["y"])
        ((p[0] + p[1] * x + p[2] * x**2 + p[3] * x**3 - y) ** 2).sum().backward()
        want = a05_judges.cubic_grads(case["x"], case["y"], case["coefficients"])
        # both float64 over <= 250 points: only the order of summation differs
        np.testing.assert_allclose(p.grad.numpy(), want, rtol=1e-12, atol=1e-9)


def test_the_reference_legendre_and_momentum_descents_are_torchs():
    x, y = _grid64()

    class P3(torch.autograd.Function):  # autograd through the formula, to check the hand backward
        forward = staticmethod(lambda ctx, z: 0.5 * (5 * z**3 - 3 * z))

    params = [torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in a05_judges.LEGENDRE_START]
    losses = []
    for _ in range(4):
        a, b, c, d = params
        z = c + d * x
        loss = ((a + b * 0.5 * (5 * z**3 - 3 * z) - y) ** 2).sum()
        losses.append(loss.item())
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= 3e-6 * p.grad
                p.grad = None
    final, want = a05_judges.legendre_descent(4, 3e-6)
    # float64 both ways: agreement to 1e-10 relative shows the same rule, not just a close one
    np.testing.assert_allclose(losses, want, rtol=1e-10)
    np.testing.assert_allclose([p.item() for p in params], final, rtol=1e-10, atol=1e-12)

    start = np.array([0.3, -0.2, 0.1, 0.05])
    params = [torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in start]
    optimizer = torch.optim.SGD(params, lr=7e-7, momentum=0.9)
    losses = []
    for _ in range(12):
        a, b, c, d = params
        loss = ((a + b * x + c * x**2 + d * x**3 - y) ** 2).sum()
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    final, want = a05_judges.momentum_descent(start, 12, 7e-7, 0.9)
    np.testing.assert_allclose(losses, want, rtol=1e-10)
    np.testing.assert_allclose([p.item() for p in params], final, rtol=1e-10, atol=1e-12)


# ------------------------------------------------------------------ hidden cases


@pytest.mark.parametrize("seed", SEEDS)
def test_hidden_learning_rates_keep_every_descent_contracting(seed, reseed):
    """The float32 tolerances rest on GD contracting: lr below 2 / (largest curvature of L)."""
    reseed(seed)
    x = np.linspace(-math.pi, math.pi, 2000)
    X = np.stack([x**k for k in range(4)], axis=1)
    largest = np.linalg.eigvalsh(2 * X.T @ X).max()
    for offset in (2, 3, 4):
        for n_steps, lr in a05.descent_runs(offset, 4e-7, 2e-6):
            assert lr < 2 / largest and n_steps < 10
    for n_steps, lr, momentum in a05.train_case()["runs"]:
        assert lr * largest < 2  # plain GD's bound; heavy ball's, 2 (1 + momentum), is wider


@pytest.mark.parametrize("seed", SEEDS)
def test_solution_passes_every_check_under_another_seed(seed, reseed, solution_run):
    run = solution_run(NAME)
    reseed(seed)
    with chdir(run.dir):
        failures = {c: m for c in CHECKS if (m := probe_and_judge(NAME, c, run.env)) is not None}
    assert not failures, f"seed {seed}: {failures}"


MUTANTS = [
    ("fit_cubic_autograd", "wrong_no_zero_grad", "fit_autograd"),
    ("fit_cubic_tensors", "wrong_y_on_cpu", "tensors_device"),
    ("dynamic_net", "wrong_detached_second_use", "dynamic"),
    ("train_module", "wrong_nesterov", "train_module"),
]


@pytest.mark.parametrize("question,variant,check", MUTANTS, ids=[f"{q}/{v}" for q, v, _ in MUTANTS])
def test_mutants_stay_caught_under_every_seed(question, variant, check, reseed, solution_run):
    run = solution_run(NAME)
    with chdir(run.dir):
        env = _variant_env(run, question, variant)
        for seed in SEEDS[:8]:
            reseed(seed)
            assert probe_and_judge(NAME, check, env) is not None, f"{variant} passes {check} under seed {seed}"


# ------------------------------------------------------------------ the probes' watchers


NOTEBOOK = """
import numpy as np
import torch

def helper(x):
    return torch.as_tensor(x).sum().item()

def via_helper(x):
    return helper(x)

def via_import(x):
    import torch as t
    return float(t.tensor(x).sum())

def plain(x):
    return float(np.sum(x))
"""


def test_numpy_only_means_no_torch_through_globals_helpers_or_imports():
    env = {}
    exec(NOTEBOOK, env)
    for name in ("helper", "via_helper"):  # stopped by the stub itself, not by some failing import
        with pytest.raises(RuntimeError, match="numpy only"):
            a05.without_torch(env, name)([1.0, 2.0])
    with pytest.raises(ImportError):
        a05.without_torch(env, "via_import")([1.0, 2.0])
    assert a05.without_torch(env, "plain")([1.0, 2.0]) == 3.0
    assert env["via_helper"]([1.0, 2.0]) == 3.0  # the notebook's own functions are untouched


def test_the_device_watch_sees_a_simulated_gpu_and_mixing():
    with a05.watch(simulate_cuda=True) as seen:
        x = torch.linspace(0, 1, 2000, device="cuda")
        assert x.device.type == "cuda"  # what the code sees: the GPU it asked for
        y = torch.sin(x) * 2
        torch.zeros(3, device=x.device)
        _ = y + torch.ones(2000)  # a host tensor in a device operation
        host = torch.ones(2000).sum()
    log = seen.log
    assert "cuda" in log["asked"] and log["mixed"] == 1 and log["device_ops"] >= 2 and log["host_big"] >= 1
    assert host.item() == 2000.0


# ------------------------------------------------------------------ schemas and messages


def test_judges_refuse_data_of_any_other_shape(solution_run):
    run = solution_run(NAME)
    with chdir(run.dir):
        good = {c: hidden.collect(NAME, c, run.env)["data"] for c in ("cubic_grads", "tensors_device", "plot_fit")}
    forged = [
        ("cubic_grads", good["cubic_grads"][:1]),  # too few cases
        ("cubic_grads", [dict(case, verdict="pass") for case in good["cubic_grads"]]),  # an extra key
        ("tensors_device", dict(good["tensors_device"], mixed=False)),  # a bool for an integer
        ("plot_fit", dict(good["plot_fit"], same_figure=1)),  # an integer for a flag
        ("plot_fit", dict(good["plot_fit"], calls=good["plot_fit"]["calls"][:1])),  # one call of two
    ]
    for check, data in forged:
        with pytest.raises(SchemaError):
            getattr(a05_judges, f"judge_{check}")(data)


NUMBER = re.compile(r"\d+\.\d{2,}")


@pytest.mark.parametrize("question,variant,check", [
    ("cubic_grads_numpy", "wrong_no_factor_two", "cubic_grads"),
    ("fit_cubic_numpy", "wrong_ignores_lr", "fit_numpy"),
    ("fit_legendre", "wrong_backward_of_output", "fit_legendre"),
    ("train_module", "wrong_mean_loss", "train_module"),
])
def test_judge_messages_show_no_numbers(question, variant, check, solution_run):
    """A message names what is wrong: no expected value, nor even the hidden learning rate."""
    run = solution_run(NAME)
    with chdir(run.dir):
        message = probe_and_judge(NAME, check, _variant_env(run, question, variant))
    assert message is not None and not NUMBER.search(message), message


@pytest.mark.parametrize("question,variant,check,why", [
    ("cubic_grads_numpy", "wrong_float32", "cubic_grads", "the gradients"),
    ("cubic_grads_numpy", "wrong_float32_targets", "cubic_grads", "the gradients"),
    ("plot_fit", "wrong_no_axis_labels", "plot_fit", "label both axes"),
    ("plot_fit", "wrong_no_legend", "plot_fit", "legend should name"),
    ("plot_fit", "wrong_one_figure_for_all_calls", "plot_fit", "make a new figure"),
])
def test_each_wrong_answer_fails_the_check_made_for_it(question, variant, check, why, solution_run):
    """The near-fit gradients, the axis labels, the legend and the fresh figure each reject the wrong
    answer they were written for, with their own message (not some other check's)."""
    run = solution_run(NAME)
    with chdir(run.dir):
        message = probe_and_judge(NAME, check, _variant_env(run, question, variant))
    assert message is not None and why in message, message

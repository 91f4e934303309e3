"""Assignment 02_autograd: the judges' own references, tolerance margins, and seed independence."""

from __future__ import annotations

import json
import math
import random

import numpy as np
import pytest
import torch

from autodiff_course import hidden
from autodiff_course.hidden import CheckFailed, to_plain

from helpers import chdir

NAME = "02_autograd"
probes = hidden.checks_module(NAME)
judges = hidden.judges_module(NAME)


def _autograd_float64(func, points):
    leaf = torch.tensor(np.asarray(points, dtype=np.float64), requires_grad=True)
    (first,) = torch.autograd.grad(func(leaf).sum(), leaf, create_graph=True)
    if not first.requires_grad:  # a linear function: f' is a constant, f'' is zero
        return first.detach().numpy(), np.zeros_like(first.detach().numpy())
    (second,) = torch.autograd.grad(first.sum(), leaf)
    return first.detach().numpy(), second.numpy()


def test_hand_written_derivatives_of_the_hidden_functions_are_right():
    """A typo in the judge's analytic derivatives would fail every student: compare them with
    float64 autograd on every point the judge uses."""
    for name, points, _dtype, _leaf in probes.derivative_cases():
        first, _ = _autograd_float64(probes.HIDDEN_FUNCTIONS[name], points)
        np.testing.assert_allclose(judges.HIDDEN_DERIVATIVES[name](points), first, rtol=1e-12, atol=1e-12)


def test_G_points_are_away_from_the_poles_of_tan():
    """tan(x^4) blows up where x^4 = pi/2 + k*pi; G is only tested where it is smooth."""
    quarter = probes.G_points() ** 4
    distance = np.abs((quarter - math.pi / 2) / math.pi - np.round((quarter - math.pi / 2) / math.pi)) * math.pi
    assert distance.min() > 0.15


def test_G_references_agree_with_float64_autograd():
    """The judge's central differences are far more accurate than the tolerance they are used with."""
    points = probes.G_points()
    first, second = _autograd_float64(_G_torch, points)
    np.testing.assert_allclose(judges.G_reference(points), _G_torch(torch.tensor(points)).numpy(), rtol=1e-13)
    assert np.all(np.abs(judges.G_prime_reference(points) - first) <= 1e-3 * judges.D_TOL * (1 + np.abs(first)))
    assert np.all(np.abs(judges.G_second_reference(points) - second) <= 1e-3 * judges.D_TOL * (1 + np.abs(second)))


def _G_torch(x):
    return torch.sin(torch.exp(torch.cos(x**2)) ** 3) / torch.cos(torch.exp(-torch.tan(x**4) ** 2))


@pytest.mark.parametrize("cast_inside", [False, True])
def test_float32_answers_stay_well_inside_the_G_tolerance(cast_inside):
    """float32 autograd (also on float64 points rounded inside the student's code) uses at most a
    tenth of the tolerance: the judge accepts float32 work with a margin."""
    points = probes.G_points()
    at = judges._as_float32(points)
    leaf = torch.tensor(points if cast_inside else at, dtype=torch.float32, requires_grad=True)
    (first,) = torch.autograd.grad(_G_torch(leaf).sum(), leaf, create_graph=True)
    (second,) = torch.autograd.grad(first.sum(), leaf)
    reference_at = points if cast_inside else at
    for got, reference in ((_G_torch(leaf).detach(), judges.G_reference(reference_at)),
                           (first.detach(), judges.G_prime_reference(reference_at)),
                           (second, judges.G_second_reference(reference_at))):
        error = np.abs(got.double().numpy() - reference)
        assert np.all(error <= 0.1 * (judges.D_TOL + judges.D_TOL * np.abs(reference)))


def test_accumulation_cases_separate_right_from_wrong():
    """Where n_backward > 1, accumulating or not must change the answer by far more than the
    tolerance (1e-4 + 1e-4 * |expected|), or mutants would slip through."""
    for name, x0, n_backward, _zero in probes.accumulation_cases():
        slope = abs(float(judges.HIDDEN_DERIVATIVES[name](np.array([x0]))[0]))
        if n_backward > 1:
            assert (n_backward - 1) * slope > 100 * (1e-4 + 1e-4 * n_backward * slope)


def test_fake_accelerator_tensor_refuses_numpy_like_a_gpu_tensor():
    fake = torch.arange(4.0).as_subclass(probes._fake_accelerator_class()).requires_grad_(True)
    assert fake.device.type == "cuda" and fake.is_cuda
    with pytest.raises(TypeError, match="cuda"):
        fake.detach().numpy()
    with pytest.raises(TypeError, match="cuda"):
        np.asarray(fake.detach())
    for copy in (fake.detach().cpu(), fake.cpu().detach(), fake.detach().to("cpu")):
        assert type(copy) is torch.Tensor
        assert np.array_equal(copy.numpy(), np.arange(4.0, dtype=np.float32))
    assert np.array_equal(fake.numpy(force=True), np.arange(4.0, dtype=np.float32))


def test_judges_reject_a_wrong_shape_without_revealing_values():
    data = [[0.0, 0.0] for _ in probes.graph_cases()]
    with pytest.raises(CheckFailed) as caught:
        judges.judge_graph_gradients(data)
    message = str(caught.value)
    for a, b, c in probes.graph_cases():
        assert f"{a + b + 1.0}" not in message and f"{c}" not in message


@pytest.mark.parametrize("seed", range(20))
def test_solution_passes_every_check_under_any_seed(seed, solution_run):
    """Probes take their inputs from fixed generators, so the global seeds must not matter."""
    run = solution_run(NAME)
    with chdir(run.dir):
        for name in sorted(n[len("probe_"):] for n in vars(probes) if n.startswith("probe_")):
            random.seed(seed)
            np.random.seed(seed)
            torch.manual_seed(seed)
            data = json.loads(json.dumps(to_plain(getattr(probes, f"probe_{name}")(run.env))))
            getattr(judges, f"judge_{name}")(data)


def test_to_numpy_judge_reads_a_real_cuda_case(solution_run):
    """On a grader with a GPU the probe adds a real CUDA tensor; the judge must accept a right
    answer for it and reject a wrong one (exercised here with the GPU-like case's data)."""
    run = solution_run(NAME)
    data = json.loads(json.dumps(to_plain(probes.probe_to_numpy(run.env))))
    data["cuda"] = dict(data["gpu_like"])
    judges.judge_to_numpy(data)
    data["cuda"] = {"type": "Tensor", "dtype": "", "shape": [], "values": []}
    with pytest.raises(CheckFailed, match="CUDA"):
        judges.judge_to_numpy(data)


def test_hidden_function_values_match_the_functions_handed_to_students():
    """The plot judge redraws f from HIDDEN_VALUES: a typo there would fail every figure."""
    for name, a, b in probes.plot_cases():
        points = np.linspace(a, b, 301)
        got = probes.HIDDEN_FUNCTIONS[name](torch.tensor(points)).numpy()
        np.testing.assert_allclose(judges.HIDDEN_VALUES[name](points), got, rtol=1e-13, atol=1e-13)
    for name, points, _dtype, _leaf in probes.derivative_cases():
        got = probes.HIDDEN_FUNCTIONS[name](torch.tensor(points)).numpy()
        np.testing.assert_allclose(judges.HIDDEN_VALUES[name](points), got, rtol=1e-13, atol=1e-13)


def test_plot_intervals_are_hidden_and_match_the_tolerances_stated():
    """Intervals the notebook never draws, ends that are no round numbers, and the bounds the
    END_TOL comment relies on (|a|, |b| < 3; one step of 4000 points far above END_TOL)."""
    for _name, a, b in probes.plot_cases():
        assert a < 0 < b and max(abs(a), abs(b)) < 3
        assert a != round(a, 1) and b != round(b, 1)
        assert (b - a) / judges.PLOT_POINTS[1] > 50 * judges.END_TOL


@pytest.mark.parametrize("size", judges.PLOT_POINTS)
def test_float32_plots_stay_well_inside_the_plot_tolerance(size):
    """f and autograd's f' in float32 on the fewest and the most points allowed err by less than
    a tenth of PLOT_TOL, and the float32 ends by less than a tenth of END_TOL."""
    for name, a, b in probes.plot_cases():
        x = torch.linspace(a, b, size, requires_grad=True)
        y = probes.HIDDEN_FUNCTIONS[name](x)
        (slope,) = torch.autograd.grad(y.sum(), x)
        at = x.detach().double().numpy()
        for got, reference in ((y.detach(), judges.HIDDEN_VALUES[name](at)), (slope, judges.HIDDEN_DERIVATIVES[name](at))):
            assert np.all(np.abs(got.double().numpy() - reference) <= 0.1 * judges.PLOT_TOL * (1 + np.abs(reference)))
        assert abs(at[0] - a) < 0.1 * judges.END_TOL and abs(at[-1] - b) < 0.1 * judges.END_TOL


def _plot_data(run):
    return json.loads(json.dumps(to_plain(probes.probe_plot_with_derivative(run.env))))


def test_plot_judge_ignores_line_order_and_reads_either_legend(solution_run):
    """Lines in any order, points from b to a, and a figure legend instead of the axes' one."""
    data = _plot_data(solution_run(NAME))
    for case in data:
        for ax in case["axes"]:
            ax["lines"].reverse()
            for line in ax["lines"]:
                line["x"].reverse()
                line["y"].reverse()
            case["figure_legend"], ax["legend"] = ax["legend"], []
    judges.judge_plot_with_derivative(data)


@pytest.mark.parametrize("damage", ["one_step_short", "too_many_points", "a_gap", "nudged_derivative", "no_backward",
                                    "evaluated_beside", "legend_names_one", "prime_label_on_f", "no_xlabel"])
def test_plot_judge_rejects_each_thing_the_task_names(damage, solution_run):
    """The solution's own probe data, with exactly one thing the task asks for broken, fails."""
    data = _plot_data(solution_run(NAME))
    case = data[-1]
    ax = case["axes"][0]
    f_line, d_line = ax["lines"]
    if damage == "one_step_short":
        for line in ax["lines"]:
            line["x"], line["y"] = line["x"][:-1], line["y"][:-1]
    elif damage == "too_many_points":  # right in every other way: evenly spaced, both ends, right values
        name, a, b = probes.plot_cases()[-1]
        x = np.linspace(a, b, judges.PLOT_POINTS[1] + 1)
        f_line["x"], f_line["y"] = x.tolist(), judges.HIDDEN_VALUES[name](x).tolist()
        d_line["x"], d_line["y"] = x.tolist(), judges.HIDDEN_DERIVATIVES[name](x).tolist()
        case["evaluations"] = [x[:probes.MAX_RECORDED].tolist()]  # f called at the points drawn
    elif damage == "a_gap":  # the middle third left out: the ends and the count still fit
        for line in ax["lines"]:
            keep = [i for i in range(len(line["x"])) if not len(line["x"]) // 3 < i < 2 * len(line["x"]) // 3]
            line["x"], line["y"] = [line["x"][i] for i in keep], [line["y"][i] for i in keep]
    elif damage == "nudged_derivative":
        d_line["y"] = [v + 5e-4 for v in d_line["y"]]  # five times the tolerance the task states (1e-4)
    elif damage == "no_backward":
        case["backward_through_f"] = 0
    elif damage == "evaluated_beside":
        case["evaluations"].append([v + 1e-5 for v in d_line["x"][:probes.MAX_RECORDED]])
    elif damage == "legend_names_one":
        ax["legend"] = [d_line["label"]]
    elif damage == "prime_label_on_f":
        f_line["label"] = ax["legend"][0] = "f'(x)"  # the legend still names it
    elif damage == "no_xlabel":
        ax["xlabel"] = " "
    with pytest.raises(CheckFailed):
        judges.judge_plot_with_derivative(data)


def test_plot_judge_names_no_hidden_interval_or_function(solution_run):
    data = _plot_data(solution_run(NAME))
    for case in data:
        case["axes"] = []
    with pytest.raises(CheckFailed) as caught:
        judges.judge_plot_with_derivative(data)
    message = str(caught.value)
    for name, a, b in probes.plot_cases():
        assert str(a) not in message and str(b) not in message and name not in message

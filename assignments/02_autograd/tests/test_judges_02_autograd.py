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

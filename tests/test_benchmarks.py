"""The benchmark scripts still find what they time (they are not run whole here: they print
figures, and take minutes)."""

from __future__ import annotations

import sys

import torch

from autodiff_course import paths

sys.path.insert(0, str(paths.ROOT / "benchmarks"))

import gpu_crossover  # noqa: E402


def test_gpu_crossover_times_the_masters_own_training_loop():
    namespace = gpu_crossover.solution_namespace()
    assert callable(namespace["train"]) and isinstance(namespace["MyOwnMLP"](hidden=3), torch.nn.Module)
    seconds = gpu_crossover.seconds_per_epoch(namespace, gpu_crossover.SIZES[0], torch.device("cpu"), repeat=1)
    assert 0 < seconds < 30
    assert gpu_crossover.SIZES[0] == (80, 10, 100), "the first size is the assignment's own"

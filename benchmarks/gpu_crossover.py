"""Assignment 04's training loop on the CPU and on a GPU: where does the GPU start to win?

Runs the master's own solution of ``train`` and ``MyOwnMLP`` (read from the master, not copied)
on regression data of growing size: the assignment's (80 points, batches of 10, 100 hidden
units), then larger data, batches and networks. Prints seconds per epoch on each device (median
of ``--repeat`` runs, after one warm-up epoch, GPU work synchronised) and the first size at which
the GPU is faster. Without a GPU it prints the CPU column and says so.

    .venv/bin/python benchmarks/gpu_crossover.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from autodiff_course.master import read_master

# (points, batch size, hidden units): the assignment's size first, then larger ones
SIZES = [
    (80, 10, 100),
    (2_000, 64, 256),
    (20_000, 256, 1_024),
    (100_000, 1_024, 4_096),
    (200_000, 4_096, 8_192),
]


def solution_namespace() -> dict:
    """``train`` and ``MyOwnMLP`` as the master's solution defines them."""
    master = read_master("04_mlp_dataloader")
    namespace = {"torch": torch, "nn": nn}
    for question in master.questions:
        for source in question.code:
            if "def train(" in source or "class MyOwnMLP" in source:
                exec(compile(source, f"<master {question.name}>", "exec"), namespace)
    missing = {"train", "MyOwnMLP"} - set(namespace)
    if missing:
        raise SystemExit(f"the master no longer defines {sorted(missing)}")
    return namespace


def seconds_per_epoch(namespace: dict, size: tuple[int, int, int], device: torch.device, repeat: int) -> float:
    points, batch, hidden = size
    generator = torch.Generator().manual_seed(0)
    xs = torch.rand(points, 1, generator=generator) * 6 - 3
    ys = torch.sin(xs) + 0.1 * torch.randn(points, 1, generator=generator)
    loader = DataLoader(TensorDataset(xs, ys), batch_size=batch, shuffle=True, generator=generator)
    torch.manual_seed(0)
    model = namespace["MyOwnMLP"](hidden=hidden)
    namespace["train"](model, loader, 1, 1e-3, device)  # warm-up: kernels, allocator, copies
    times = []
    for _ in range(repeat):
        if device.type == "cuda":
            torch.cuda.synchronize()
        started = time.perf_counter()
        namespace["train"](model, loader, 1, 1e-3, device)
        if device.type == "cuda":
            torch.cuda.synchronize()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", type=int, default=len(SIZES), help="how many of the sizes to run, smallest first")
    args = parser.parse_args(argv)
    namespace = solution_namespace()
    gpu = torch.cuda.is_available()
    name = torch.cuda.get_device_name(0) if gpu else "no GPU on this machine: CPU only"
    print(f"assignment 04 training, seconds per epoch (median of {args.repeat}); {name}\n")
    print(f"{'points':>8} {'batch':>6} {'hidden':>7} {'CPU s':>9} {'GPU s':>9} {'GPU speed-up':>13}")
    crossover = None
    for size in SIZES[: args.sizes]:
        cpu = seconds_per_epoch(namespace, size, torch.device("cpu"), args.repeat)
        row = f"{size[0]:>8} {size[1]:>6} {size[2]:>7} {cpu:>9.4f}"
        if gpu:
            cuda = seconds_per_epoch(namespace, size, torch.device("cuda"), args.repeat)
            row += f" {cuda:>9.4f} {cpu / cuda:>12.2f}x"
            if crossover is None and cuda < cpu:
                crossover = size
        print(row, flush=True)
    if gpu:
        print("\ncrossover: " + (f"the GPU is faster from {crossover[0]} points, batches of {crossover[1]}, "
                                 f"{crossover[2]} hidden units" if crossover else "the GPU never won at these sizes"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

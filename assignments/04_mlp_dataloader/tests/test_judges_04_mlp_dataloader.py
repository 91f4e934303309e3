"""04_mlp_dataloader: the cubic data module, non-flaky training judges, and the device probes.

The training judges rest on a threshold (FIT_THRESHOLD times the variance of y), not on luck:
these tests redraw every hidden input (the probes' module's HIDDEN_SEED and the seed `collect`
gives numpy/random/torch) under 20 seeds and require the solution to pass each time and a
broken trainer to stay caught. The device probes must leave torch exactly as they found it.
"""

from __future__ import annotations

import importlib.util
import math
import types

import numpy as np
import pytest
import torch

from autodiff_course import hidden, paths

from helpers import probe_and_judge, reseeder

NAME = "04_mlp_dataloader"
a04 = hidden.checks_module(NAME)
a04_judges = hidden.judges_module(NAME)
SEEDS = [2000 + 6151 * i for i in range(20)]


def _cubic_module():
    path = paths.assignment_dir(NAME) / "cubic_data.py"
    spec = importlib.util.spec_from_file_location("a04_cubic_data", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(check: str, env: dict) -> str | None:
    return probe_and_judge(NAME, check, env)


@pytest.fixture
def reseed(monkeypatch):
    """Replace both the hidden-input seed and collect's global seed."""
    return reseeder(monkeypatch, a04)


# ------------------------------------------------------------------ the shipped data module


def test_cubic_data_matches_the_syllabus_recipe():
    """80 points, uniform on [-1, 3] then N(0, 1) noise, from numpy's legacy seed 42."""
    cubic = _cubic_module()
    xs, ys = cubic.make_cubic_data()
    assert xs.shape == ys.shape == (80, 1) and xs.dtype == ys.dtype == np.float64
    legacy = np.random.RandomState(42)
    want_x = legacy.uniform(-1, 3, 80)[:, None]
    want_y = 1.3 * want_x**3 - 3 * want_x**2 + 3.6 * want_x + 6.9 + legacy.normal(size=(80, 1))
    np.testing.assert_array_equal(xs, want_x)
    np.testing.assert_allclose(ys, want_y, rtol=0, atol=1e-12)  # same numbers, summed in one order


def test_cubic_data_is_deterministic_and_leaves_global_state_alone():
    cubic = _cubic_module()
    np.random.seed(5)
    before = np.random.get_state()[1].copy()
    first = cubic.make_cubic_data()
    assert np.array_equal(np.random.get_state()[1], before)
    second = cubic.make_cubic_data()
    assert all(np.array_equal(a, b) for a, b in zip(first, second))
    other = cubic.make_cubic_data(seed=43)
    assert not np.array_equal(first[0], other[0])


def test_cubic_data_options():
    cubic = _cubic_module()
    xs, ys = cubic.make_cubic_data(n_points=7, low=0.0, high=1.0, noise=0.0, seed=1)
    assert xs.shape == (7, 1) and (xs >= 0).all() and (xs <= 1).all()
    np.testing.assert_array_equal(ys, cubic.true_function(xs))
    assert cubic.true_function(0.0) == pytest.approx(6.9) and cubic.true_function(1.0) == pytest.approx(8.8)
    assert cubic.grid(5).shape == (5, 1) and cubic.grid(5)[0, 0] == -1 and cubic.grid(5)[-1, 0] == 3
    with pytest.raises(ValueError):
        cubic.make_cubic_data(n_points=0)
    with pytest.raises(ValueError):
        cubic.make_cubic_data(low=2.0, high=1.0)


# ------------------------------------------------------------------ judges: reference and threshold


def test_numpy_reference_gradients_match_autograd():
    x, y = a04.regression_data(13, 1)
    params = a04.start_params(5, 2)
    loss, grads = a04_judges.mse_and_grads(x, y, params)
    tensors = [torch.tensor(p, requires_grad=True) for p in params]
    torch_loss = torch.mean((torch.relu(torch.tensor(x) @ tensors[0] + tensors[1]) @ tensors[2] + tensors[3] - torch.tensor(y)) ** 2)
    torch_loss.backward()
    assert loss == pytest.approx(torch_loss.item(), rel=1e-12)
    for mine, tensor in zip(grads, tensors):
        np.testing.assert_allclose(mine, tensor.grad.numpy(), rtol=1e-10, atol=1e-12)


def test_reference_adam_matches_torch_adam():
    x, y = a04.regression_data(17, 3)
    params = a04.start_params(6, 4)
    ours = a04_judges.adam_reference(x, y, params, lr=0.02, steps=8)
    tensors = [torch.tensor(p, requires_grad=True) for p in params]
    optimizer = torch.optim.Adam(tensors, lr=0.02)
    theirs = []
    for _ in range(8):
        loss = torch.mean((torch.relu(torch.tensor(x) @ tensors[0] + tensors[1]) @ tensors[2] + tensors[3] - torch.tensor(y)) ** 2)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        theirs.append(loss.item())
    np.testing.assert_allclose(ours, theirs, rtol=1e-10)


def test_the_threshold_rejects_constant_and_straight_line_fits():
    """FIT_THRESHOLD sits well below what a constant (ratio 1) or a straight line can reach."""
    for seed in SEEDS:
        a04_seed = seed
        for n, offset in ((a04.TRAIN_PARAMS_N, 500), (a04.TRAIN_N, 600)):
            old = a04.HIDDEN_SEED
            a04.HIDDEN_SEED = a04_seed
            try:
                x, y = a04.regression_data(n, offset)
            finally:
                a04.HIDDEN_SEED = old
            design = np.hstack([x, np.ones_like(x)])
            coef, *_ = np.linalg.lstsq(design, y, rcond=None)
            line_ratio = np.mean((design @ coef - y) ** 2) / np.var(y)
            assert line_ratio > 2 * a04_judges.FIT_THRESHOLD


def test_training_judges_pass_the_solution_under_20_seeds(solution_run, reseed):
    env = solution_run(NAME).env
    for seed in SEEDS:
        reseed(seed)
        for check in ("train_params", "train_loss"):
            assert _run(check, env) is None, f"seed {seed}: {check} rejects the solution"


def test_training_judges_keep_catching_a_trainer_without_steps(solution_run, reseed):
    """A trainer that never steps stays caught whatever the hidden data (a few seeds suffice)."""
    env = dict(solution_run(NAME).env)

    def lazy_train(model, dataloader, n_epochs, lr, device):
        model.to(device)
        out = []
        for _ in range(n_epochs):
            losses = [torch.mean((model(bx.to(device)) - by.to(device)) ** 2).item() for bx, by in dataloader]
            out.append(sum(losses) / len(losses))
        return out

    env["train"] = lazy_train
    for seed in SEEDS[:5]:
        reseed(seed)
        assert _run("train_loss", env) is not None


# ------------------------------------------------------------------ device probes


def test_device_probe_restores_torch_even_when_student_code_raises():
    saved = torch.cuda.is_available, torch.cuda.device_count

    def broken():
        raise ValueError("boom")

    result = hidden.collect(NAME, "device", {"get_device": broken})
    assert not result["ok"] and "boom" in result["error"]
    assert (torch.cuda.is_available, torch.cuda.device_count) == saved


def test_device_probe_really_simulates_both_machines():
    seen = []

    def spy():
        seen.append((torch.cuda.is_available(), torch.cuda.device_count()))
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")

    assert _run("device", {"get_device": spy}) is None
    assert seen == [(True, 1), (False, 0)]


def test_train_device_probe_follows_every_tensor_on_a_cpu_only_machine(solution_run):
    """On a machine without CUDA the probe simulates one: nothing is moved for real, every move is
    recorded as text, and the solution's train passes while nothing global is left patched."""
    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA: the probe checks real devices instead")
    module_to, tensor_to = torch.nn.Module.to, torch.Tensor.to
    result = hidden.collect(NAME, "train_device", solution_run(NAME).env)
    assert result["ok"], result
    data = result["data"]
    assert data["forwards"] and all(f["weights"] == f["input"] == "cuda" for f in data["forwards"])
    assert [f["origin"] for f in data["forwards"]] == [x for x, _ in data["batches"]]
    assert {m["origin"] for m in data["moves"]} == {tag for pair in data["batches"] for tag in pair}
    assert hidden.judge(NAME, "train_device", result) is None
    assert torch.nn.Module.to is module_to and torch.Tensor.to is tensor_to


def _device_records(device_text: str = "cuda:0") -> dict:
    """What a probe on a GPU machine returns for a correct train: devices read from the tensors."""
    batches = math.ceil(a04.DEVICE_N / a04.TRAIN_BATCH) * a04.DEVICE_EPOCHS
    return {
        "n_losses": a04.DEVICE_EPOCHS,
        "forwards": [{"weights": device_text, "input": device_text, "origin": f"x{i}", "grad": True} for i in range(batches)],
        "batches": [[f"x{i}", f"y{i}"] for i in range(batches)],
        "moves": [{"origin": f"{k}{i}", "target": "cuda"} for i in range(batches) for k in "xy"],
    }


def _judge_device(data: dict) -> str | None:
    return hidden.judge(NAME, "train_device", {"ok": True, "data": data})


def test_train_device_judge_derives_every_verdict_from_the_raw_records():
    """The judge reads device strings ("cuda:0" is a CUDA device), the .to() targets and the batch
    tags, and decides itself; each wrong record is caught by the message that names it."""
    good = _device_records()
    assert _judge_device(good) is None
    assert _judge_device(_device_records("cuda")) is None
    cpu_model = dict(good, forwards=[dict(f, weights="cpu") for f in good["forwards"]])
    assert "model was not on" in _judge_device(cpu_model)
    cpu_input = dict(good, forwards=[dict(f, input="cpu") for f in good["forwards"]])
    assert "not moved to `device`: use batch_x" in _judge_device(cpu_input)
    targets_left = dict(good, moves=[m for m in good["moves"] if m["origin"] != "y1"])
    assert "targets" in _judge_device(targets_left)
    targets_to_cpu = dict(good, moves=[dict(m, target="cpu") if m["origin"] == "y2" else m for m in good["moves"]])
    assert "targets" in _judge_device(targets_to_cpu)
    dtype_only = dict(good, moves=[dict(m, target=None) if m["origin"] == "y0" else m for m in good["moves"]])
    assert "targets" in _judge_device(dtype_only)
    unknown_input = dict(good, forwards=[dict(f, origin=None) for f in good["forwards"]])
    assert "inputs of the DataLoader's batches" in _judge_device(unknown_input)
    one_epoch = dict(good, forwards=good["forwards"][:3])
    assert "every batch" in _judge_device(one_epoch)
    # calls under torch.no_grad() (an evaluation pass) need no moved targets
    evaluation = [{"weights": "cuda", "input": "cuda", "origin": "x9", "grad": False}]
    assert _judge_device(dict(good, forwards=good["forwards"] + evaluation,
                              batches=good["batches"] + [["x9", "y9"]])) is None


def test_probes_never_return_student_objects(solution_run):
    """Every probe's result is plain JSON data (collect would fail otherwise); spot-check types."""
    env = solution_run(NAME).env
    for check in hidden.check_names(NAME):
        result = hidden.collect(NAME, check, env)
        assert result["ok"], (check, result)
        assert isinstance(result["data"], (dict, list)) and not isinstance(result["data"], types.ModuleType)


def test_the_real_device_branch_reads_devices_from_tensors(solution_run):
    """The branch a GPU machine takes (tensors really move, devices read from them), exercised
    here with the CPU as the target device: same records, with 'cpu' where a GPU says 'cuda'."""
    train = solution_run(NAME).env["train"]
    data = a04.watch_train(train, torch.device("cpu"), simulate=False)
    assert data["n_losses"] == a04.DEVICE_EPOCHS
    assert data["forwards"] and all(f["weights"] == f["input"] == "cpu" for f in data["forwards"])
    moved = {m["origin"] for m in data["moves"] if m["target"] == "cpu"}
    assert moved == {tag for pair in data["batches"] for tag in pair}

    def forgets_targets(model, dataloader, n_epochs, lr, device):
        model.to(device)
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        for _ in range(n_epochs):
            for bx, by in dataloader:
                loss = torch.mean((model(bx.to(device)) - by) ** 2)
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
        return [0.0] * n_epochs

    data = a04.watch_train(forgets_targets, torch.device("cpu"), simulate=False)
    assert data["moves"] and not any(m["origin"].startswith("y") for m in data["moves"])


def test_the_simulated_device_follows_views_and_dtype_changes():
    """On a CPU machine the simulated device string stays with a batch through reshapes and casts,
    before or after the move, and a cast alone (.to(dtype)) moves nothing."""
    seen = []

    def reshapes(model, dataloader, n_epochs, lr, device):
        model.to(device)
        for _ in range(n_epochs):
            for bx, by in dataloader:
                seen.append(by.to(torch.float64).to(device).float())
                model(bx.to(device).view(-1, 1).float())
                model(bx.double().to(dtype=torch.float32))
        return [0.0] * n_epochs

    data = a04.watch_train(reshapes, torch.device("cuda"), simulate=True)
    where = [(f["input"], f["origin"]) for f in data["forwards"]]
    assert where[:2] == [("cuda", "x0"), ("cpu", "x0")]
    assert [m["target"] for m in data["moves"] if m["origin"] == "y0"] == [None, "cuda"]
    assert seen[0]._where == "cuda" and seen[0]._origin == "y0"


# ------------------------------------------------------------------ get_device on a simulated machine

DEVICE_FORMS = {  # source of the cell that defines get_device -> full marks?
    "at_call": ('def get_device():\n    return torch.device("cuda" if torch.cuda.is_available() else "cpu")\n', True),
    "module_constant": ('DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")\n\n'
                        'def get_device():\n    return DEVICE\n', True),
    "from_import": ('from torch.cuda import is_available\n\n'
                    'def get_device():\n    return torch.device("cuda") if is_available() else torch.device("cpu")\n', True),
    "current_device": ('import torch\n\ndef get_device():\n    if torch.cuda.is_available():\n'
                       '        return torch.device("cuda", torch.cuda.current_device())\n    return torch.device("cpu")\n', True),
    "always_cpu": ('DEVICE = torch.device("cpu")\n\ndef get_device():\n    return DEVICE\n', False),
    "always_cuda": ('def get_device():\n    return torch.device("cuda")\n', False),
}


@pytest.mark.parametrize("form", sorted(DEVICE_FORMS))
def test_get_device_written_the_common_ways_is_judged_on_both_machines(form):
    """Each form runs in a cell whose source only linecache holds (as IPython keeps a notebook's
    cells), on this CPU machine; torch.cuda is left as it was."""
    import linecache

    source, correct = DEVICE_FORMS[form]
    filename = f"<ipython-input-test-{form}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    saved = torch.cuda.is_available, torch.cuda.current_device
    try:
        env = {"__name__": "__main__", "torch": torch}
        exec(compile(source, filename, "exec"), env)
        message = _run("device", env)
    finally:
        linecache.cache.pop(filename, None)
    assert (message is None) == correct, message
    assert (torch.cuda.is_available, torch.cuda.current_device) == saved
    assert env["get_device"]().type == ("cuda" if torch.cuda.is_available() else "cpu") or not correct


def test_get_device_without_its_source_still_sees_the_simulated_machine():
    """Where no source is at hand, the function itself runs with stand-in globals."""
    env = {"__name__": "__main__", "torch": torch}
    exec(compile(DEVICE_FORMS["from_import"][0], "<no source kept>", "exec"), env)
    assert _run("device", env) is None


# ------------------------------------------------------------------ exact data shapes, hooks left behind


def test_optimizer_hooks_are_removed_even_when_the_students_code_raises():
    from torch.optim import optimizer

    before = dict(optimizer._global_optimizer_pre_hooks)

    def fails_in_the_first_epoch(model, dataloader, n_epochs, lr, device):
        opt = torch.optim.Adam(model.parameters(), lr=lr)
        opt.step()
        raise ValueError("boom")

    result = hidden.collect(NAME, "train_loss", {"train": fails_in_the_first_epoch})
    assert not result["ok"] and "boom" in result["error"]
    assert dict(optimizer._global_optimizer_pre_hooks) == before


@pytest.mark.parametrize("check", sorted(hidden.check_names(NAME)))
def test_the_solutions_data_cut_short_or_missing_a_key_earns_nothing(check, solution_run):
    """The judge states the data's exact shape: the solution's own data with its first list
    shortened, or its first key dropped, fails with a message and never crashes the judge."""
    data = hidden.collect(NAME, check, solution_run(NAME).env)["data"]
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


# ------------------------------------------------------------------ the starting values' distribution


def test_distribution_judges_pass_correct_starts_and_catch_wrong_scales_under_20_seeds(solution_run, reseed):
    """The 5-standard-error bands hold a correct start under every hidden seed (and nn.Linear's
    default for MyOwnMLP), and a doubled scale or nn.Linear's U(-1, 1) as a hand-made start stays out."""
    env = solution_run(NAME).env

    def scaled(scale):
        def init(hidden=100, seed=0):
            g = torch.Generator().manual_seed(seed)
            return tuple((scale * torch.randn(*s, generator=g)).requires_grad_()
                         for s in [(1, hidden), (hidden,), (hidden, 1), (1,)])
        return init

    class Linear(torch.nn.Module):
        def __init__(self, hidden=100):
            super().__init__()
            self.first, self.second = torch.nn.Linear(1, hidden), torch.nn.Linear(hidden, 1)

        def forward(self, x):
            return self.second(torch.relu(self.first(x)))

    for seed in SEEDS:
        reseed(seed)
        assert _run("init", env) is None, seed
        assert _run("module", env) is None, seed
        assert _run("module", dict(env, MyOwnMLP=Linear)) is None, seed
        assert "not drawn from N(0, 0.1²)" in _run("init", dict(env, init_mlp_params=scaled(0.2)))
        assert "not drawn from N(0, 0.1²)" in _run("init", dict(env, init_mlp_params=scaled(0.12)))


def test_follows_tells_the_asked_distributions_apart():
    rng = np.random.default_rng(7)
    normal = 0.1 * rng.normal(size=200)
    assert a04_judges._follows(normal, "normal", 0.1)
    assert not a04_judges._follows(2 * normal, "normal", 0.1)
    assert not a04_judges._follows(normal + 0.05, "normal", 0.1)
    assert not a04_judges._follows(normal, "uniform", 0.1)  # outside the bound and too wide
    wide = rng.uniform(-1, 1, size=20000)
    assert a04_judges._follows(wide, "uniform", 1.0) and not a04_judges._follows(wide, "normal", 0.1)
    assert not a04_judges._follows(wide, "uniform", 1.2)  # spread too small for U(-1.2, 1.2)
    assert not a04_judges._follows([0.1], "normal", 0.1)  # one draw says nothing


def test_plot_fit_judge_takes_any_order_and_recomputes_the_curve(solution_run):
    """The points may come in any order; a curve off by 1e-2 or over a shifted grid is not the model's."""
    import copy

    data = hidden.collect(NAME, "plot_fit", solution_run(NAME).env)["data"]
    assert hidden.judge(NAME, "plot_fit", {"ok": True, "data": data}) is None
    shuffled = copy.deepcopy(data)
    shuffled["axes"][0]["collections"][0]["offsets"].reverse()
    assert hidden.judge(NAME, "plot_fit", {"ok": True, "data": shuffled}) is None
    off = copy.deepcopy(data)
    off["axes"][0]["lines"][0]["y"] = [v + 1e-2 for v in off["axes"][0]["lines"][0]["y"]]
    assert "prediction" in hidden.judge(NAME, "plot_fit", {"ok": True, "data": off})
    shifted = copy.deepcopy(data)
    shifted["axes"][0]["lines"][0]["x"] = [v + 1e-3 for v in shifted["axes"][0]["lines"][0]["x"]]
    assert "prediction" in hidden.judge(NAME, "plot_fit", {"ok": True, "data": shifted})

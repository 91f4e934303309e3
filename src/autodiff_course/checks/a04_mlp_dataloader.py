"""Hidden checks for 04_mlp_dataloader: the MLP by hand, as an nn.Module, Dataset/DataLoader, device, training.

Every hidden input (data, sizes, weights) is made here from fixed seeds, so a probe and its judge see
the same numbers. Judges recompute what is expected with numpy (forward pass, hand-written backward
pass, a reference Adam) and never import anything the student wrote.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from ..hidden import expect, expect_close, is_number

HIDDEN_SEED = 404
"""Base seed of every hidden input; tests vary it to show the thresholds are not luck."""

INIT_CASES = ((5, 3), (37, 11))  # (hidden, seed) pairs given to init_mlp_params
FORWARD_CASES = ((29, 11, "float64"), (29, 11, "float32"), (1, 4, "float64"))  # (N, hidden, dtype)
MODULE_HIDDEN = (6, 19)  # hidden sizes for MyOwnMLP: nothing may be hard-wired to 100
DATASET_SIZE = 37  # does not divide by the batch size 10: batches of 10, 10, 10 and 7
DATASET_BATCH = 10

TRAIN_PARAMS_N, TRAIN_PARAMS_HIDDEN, TRAIN_PARAMS_ITER, TRAIN_PARAMS_LR = 40, 24, 200, 0.02
TRAIN_PARAMS_COMPARED = 5  # first losses compared one by one with a reference Adam
TRAIN_N, TRAIN_HIDDEN, TRAIN_EPOCHS, TRAIN_LR, TRAIN_BATCH = 40, 32, 40, 0.01, 10
DEVICE_N, DEVICE_EPOCHS = 25, 2  # the device check only watches where tensors go: 2 short epochs

FIT_THRESHOLD = 0.2
"""A trained model must reach MSE <= FIT_THRESHOLD * var(y) on the hidden data.

Why this is safe both ways (measured over the 20 hidden data sets and starting weights of
tests/test_a04_mlp_dataloader.py): predicting the mean gives a ratio of 1 and the best straight
line still leaves at least 0.49 on this curved data, so an untrained or broken model cannot pass;
the solution (Adam) reaches at most 0.07 with train() and 0.02 with train_mlp_params(), and SGD
with momentum 0.9 at most 0.10, so a correct answer keeps a margin of 2 or more."""


# ------------------------------------------------------------------ hidden inputs (numpy only)


def _rng(offset: int) -> np.random.Generator:
    return np.random.default_rng(HIDDEN_SEED * 1000 + offset)


def regression_data(n: int, offset: int) -> tuple[np.ndarray, np.ndarray]:
    """A curved 1-D regression problem unlike the notebook's cubic: x in [-2, 2], small noise.

    Values are rounded to float32 so that probe (float32 tensors) and judge see the same numbers."""
    rng = _rng(offset)
    x = rng.uniform(-2.0, 2.0, size=(n, 1))
    y = 0.9 * x**2 - 0.4 * x + 0.5 * np.sin(3.0 * x) + 0.1 * rng.normal(size=(n, 1))
    return x.astype(np.float32).astype(np.float64), y.astype(np.float32).astype(np.float64)


def start_params(hidden: int, offset: int) -> list[np.ndarray]:
    """Starting weights (w1, b1, w2, b2) of shapes (1, h), (h,), (h, 1), (1,), float32-exact."""
    rng = _rng(offset)
    arrays = [
        rng.normal(size=(1, hidden)),
        0.5 * rng.normal(size=(hidden,)),
        0.1 * rng.normal(size=(hidden, 1)),
        np.zeros(1),
    ]
    return [a.astype(np.float32).astype(np.float64) for a in arrays]


def forward_case(n: int, hidden: int) -> tuple[np.ndarray, list[np.ndarray]]:
    """Inputs and weights for mlp_forward. Many pre-activations are negative and the output bias is
    negative, so a ReLU missing, moved before the bias or applied to the output changes the result."""
    rng = _rng(100 + 10 * n + hidden)
    x = rng.uniform(-3.0, 3.0, size=(n, 1))
    weights = [
        1.5 * rng.normal(size=(1, hidden)),
        rng.normal(size=(hidden,)),
        rng.normal(size=(hidden, 1)),
        np.array([-2.0]),
    ]
    arrays = [x] + weights
    return arrays[0].astype(np.float32).astype(np.float64), [
        w.astype(np.float32).astype(np.float64) for w in arrays[1:]
    ]


def module_fill(shapes: list[list[int]], hidden: int) -> list[np.ndarray]:
    """Values the probe writes into MyOwnMLP's parameters, in the order the module lists them.

    A one-element parameter (the output bias) gets -1.5 so that outputs are often negative."""
    rng = _rng(200 + hidden)
    out = []
    for shape in shapes:
        size = int(np.prod(shape)) if shape else 1
        if size == 1:
            out.append(np.full(shape, -1.5))
        else:
            out.append(rng.normal(size=shape).astype(np.float32).astype(np.float64))
    return out


def module_inputs(hidden: int) -> np.ndarray:
    return _rng(300 + hidden).uniform(-2.0, 2.0, size=(23, 1)).astype(np.float32).astype(np.float64)


def dataset_arrays() -> tuple[np.ndarray, np.ndarray]:
    rng = _rng(400)
    x = rng.uniform(-1.0, 3.0, size=(DATASET_SIZE, 1))
    y = rng.normal(size=(DATASET_SIZE, 1))
    return x.astype(np.float32).astype(np.float64), y.astype(np.float32).astype(np.float64)


# ------------------------------------------------------------------ numpy reference


def mlp_np(x: np.ndarray, w1, b1, w2, b2) -> np.ndarray:
    return np.maximum(x @ w1 + b1, 0.0) @ w2 + b2


def mse_and_grads(x, y, params):
    """MSE of the MLP and its gradient with respect to (w1, b1, w2, b2), by hand."""
    w1, b1, w2, b2 = params
    pre = x @ w1 + b1
    act = np.maximum(pre, 0.0)
    residual = act @ w2 + b2 - y
    loss = float(np.mean(residual**2))
    d_out = 2.0 * residual / residual.size
    d_pre = (d_out @ w2.T) * (pre > 0)
    grads = [x.T @ d_pre, d_pre.sum(axis=0), act.T @ d_out, d_out.sum(axis=0)]
    return loss, grads


def adam_reference(x, y, params, lr, steps, betas=(0.9, 0.999), eps=1e-8) -> list[float]:
    """Losses of ``steps`` Adam steps (torch's default betas and eps), the loss before each step."""
    params = [p.copy() for p in params]
    first = [np.zeros_like(p) for p in params]
    second = [np.zeros_like(p) for p in params]
    losses = []
    for t in range(1, steps + 1):
        loss, grads = mse_and_grads(x, y, params)
        losses.append(loss)
        for p, m, v, g in zip(params, first, second, grads):
            m *= betas[0]
            m += (1 - betas[0]) * g
            v *= betas[1]
            v += (1 - betas[1]) * g * g
            m_hat = m / (1 - betas[0] ** t)
            v_hat = v / (1 - betas[1] ** t)
            p -= lr * m_hat / (np.sqrt(v_hat) + eps)
    return losses


def forward_grads(x, params) -> list[np.ndarray]:
    """Gradient of sum(mlp(x)) with respect to (w1, b1, w2, b2)."""
    w1, b1, w2, b2 = params
    pre = x @ w1 + b1
    d_out = np.ones((x.shape[0], 1))
    d_pre = (d_out @ w2.T) * (pre > 0)
    return [x.T @ d_pre, d_pre.sum(axis=0), np.maximum(pre, 0.0).T @ d_out, d_out.sum(axis=0)]


# ------------------------------------------------------------------ probe helpers (torch)


def _torch():
    import torch

    return torch


def _number(value) -> float:
    torch = _torch()
    if isinstance(value, torch.Tensor):
        return float(value.detach().cpu().double().reshape(-1)[0]) if value.numel() == 1 else float("nan")
    return float(value)


def _values(tensor) -> list:
    return tensor.detach().cpu().double().reshape(-1).tolist()


def _describe_tensor(value) -> dict:
    torch = _torch()
    if not isinstance(value, torch.Tensor):
        return {"is_tensor": False, "type": type(value).__name__}
    return {
        "is_tensor": True,
        "shape": list(value.shape),
        "requires_grad": bool(value.requires_grad),
        "is_leaf": bool(value.is_leaf),
        "floating": bool(value.is_floating_point()),
        "values": _values(value),
    }


# ------------------------------------------------------------------ init_mlp_params


def probe_init(env):
    init = env["init_mlp_params"]
    cases = []
    for hidden, seed in INIT_CASES:
        first = list(init(hidden=hidden, seed=seed))
        again = list(init(hidden=hidden, seed=seed))
        other = list(init(hidden=hidden, seed=seed + 1))
        cases.append(
            {
                "first": [_describe_tensor(t) for t in first],
                "again": [_describe_tensor(t) for t in again],
                "other": [_describe_tensor(t) for t in other],
            }
        )
    default = list(init())
    return {"cases": cases, "default": [_describe_tensor(t) for t in default]}


def _shapes(hidden: int) -> list[list[int]]:
    return [[1, hidden], [hidden], [hidden, 1], [1]]


def _check_param_tuple(described, hidden, label):
    expect(len(described) == 4, f"{label}: init_mlp_params should return four tensors (w1, b1, w2, b2)")
    for name, info, shape in zip(("w1", "b1", "w2", "b2"), described, _shapes(hidden)):
        expect(info["is_tensor"], f"{label}: {name} is not a torch tensor")
        expect(info["shape"] == shape, f"{label}: {name} has shape {tuple(info['shape'])}, not the one asked for")
        expect(info["floating"], f"{label}: {name} should hold floating-point numbers")
        expect(info["requires_grad"], f"{label}: {name} does not require grad, so it cannot be trained")
        expect(
            info["is_leaf"],
            f"{label}: {name} is not a leaf tensor (it was computed from another tensor that requires grad, "
            "e.g. torch.randn(..., requires_grad=True) * 0.1), so its .grad stays empty: create the values "
            "first, then ask for gradients",
        )
        expect(all(map(is_number, info["values"])), f"{label}: {name} holds NaN or infinite values")


def judge_init(data):
    for (hidden, seed), case in zip(INIT_CASES, data["cases"]):
        label = f"init_mlp_params(hidden={hidden}, seed={seed})"
        _check_param_tuple(case["first"], hidden, label)
        _check_param_tuple(case["again"], hidden, label)
        _check_param_tuple(case["other"], hidden, label)
        first = [np.array(t["values"]) for t in case["first"]]
        # "small": the syllabus draws N(0, 0.1^2); a bound of 1 still admits U(-1, 1) and
        # nn.Linear's default initialisation of a layer with one input.
        expect(max(np.abs(v).max() for v in first) <= 1.0, f"{label}: the starting values are not small (keep |value| <= 1)")
        for name, values in (("w1", first[0]), ("w2", first[2])):
            expect(values.std() > 0, f"{label}: {name} is constant; start from random values so hidden units differ")
        again = [np.array(t["values"]) for t in case["again"]]
        expect(
            all(np.array_equal(a, b) for a, b in zip(first, again)),
            f"{label}: two calls with the same seed gave different values; seed torch with `seed`",
        )
        other = [np.array(t["values"]) for t in case["other"]]
        expect(
            not np.array_equal(first[0], other[0]),
            f"{label}: a different seed gave the same w1; the values should depend on `seed`",
        )
    _check_param_tuple(data["default"], 100, "init_mlp_params()")


# ------------------------------------------------------------------ mlp_forward


def probe_forward(env):
    torch = _torch()
    forward = env["mlp_forward"]
    results = []
    for n, hidden, dtype_name in FORWARD_CASES:
        dtype = getattr(torch, dtype_name)
        x, weights = forward_case(n, hidden)
        params = [torch.tensor(w, dtype=dtype, requires_grad=True) for w in weights]
        out = forward(torch.tensor(x, dtype=dtype), *params)
        entry = {"shape": list(out.shape), "values": _values(out)}
        out.sum().backward()
        entry["grads"] = [None if p.grad is None else _values(p.grad) for p in params]
        results.append(entry)
    return results


def judge_forward(data):
    expect(len(data) == len(FORWARD_CASES), "mlp_forward was not run on every hidden input")
    for (n, hidden, dtype_name), got in zip(FORWARD_CASES, data):
        label = f"hidden input with {n} point(s), {hidden} hidden units, {dtype_name}"
        x, weights = forward_case(n, hidden)
        expected = mlp_np(x, *weights)
        expect(got["shape"] == [n, 1], f"{label}: the output should have shape (N, 1)")
        # Inputs and weights are float32-exact and of size <= 5; float32 arithmetic over 11 hidden
        # units errs by < 1e-5 relative, while a misplaced ReLU or bias shifts outputs by > 0.1.
        scale = max(1.0, float(np.abs(expected).max()))
        expect_close(got["values"], expected.reshape(-1), f"{label}: outputs", rtol=1e-4, atol=1e-4 * scale)
        for name, grad, want in zip(("w1", "b1", "w2", "b2"), got["grads"], forward_grads(x, weights)):
            expect(grad is not None, f"{label}: no gradient reached {name}; compute the output with torch operations on the given tensors")
            # Same reasoning as the outputs: sums of at most 29 float32 products of size <= 15.
            gscale = max(1.0, float(np.abs(want).max()))
            expect_close(grad, want.reshape(-1), f"{label}: gradient of the summed output with respect to {name}", rtol=1e-4, atol=1e-4 * gscale)


# ------------------------------------------------------------------ train_mlp_params


def probe_train_params(env):
    torch = _torch()
    x, y = regression_data(TRAIN_PARAMS_N, 500)
    params = tuple(
        torch.tensor(p, dtype=torch.float32, requires_grad=True) for p in start_params(TRAIN_PARAMS_HIDDEN, 501)
    )
    losses = env["train_mlp_params"](
        torch.tensor(x, dtype=torch.float32),
        torch.tensor(y, dtype=torch.float32),
        params,
        n_iter=TRAIN_PARAMS_ITER,
        lr=TRAIN_PARAMS_LR,
    )
    return {"losses": [_number(v) for v in losses], "final": [_values(p) for p in params]}


def _fit_ratio(x, y, flat_params, hidden) -> float:
    arrays = [np.array(v, dtype=np.float64).reshape(s) for v, s in zip(flat_params, _shapes(hidden))]
    return float(np.mean((mlp_np(x, *arrays) - y) ** 2) / np.var(y))


def judge_train_params(data):
    x, y = regression_data(TRAIN_PARAMS_N, 500)
    start = start_params(TRAIN_PARAMS_HIDDEN, 501)
    losses = data["losses"]
    expect(
        len(losses) == TRAIN_PARAMS_ITER,
        f"with n_iter={TRAIN_PARAMS_ITER}, train_mlp_params returned {len(losses)} losses instead of one per iteration",
    )
    expect(all(map(is_number, losses)), "some losses are NaN or infinite")
    k = TRAIN_PARAMS_COMPARED
    reference = adam_reference(x, y, start, TRAIN_PARAMS_LR, k + 1)
    # The first losses must be those of Adam with the given lr on the mean squared error. Float32
    # against this float64 reference differs by < 1e-5 relative over 6 steps; SGD, a forgotten
    # zero_grad, a sum instead of a mean or an ignored lr differ by far more than 1e-3.
    matches = [
        np.allclose(losses[:k], reference[start_at:start_at + k], rtol=1e-3, atol=1e-6)
        for start_at in (0, 1)  # the loss recorded before each step (usual) or after it
    ]
    expect(
        any(matches),
        "the first losses are not those of Adam with the given lr on the mean squared error "
        "(check the optimizer, lr, zero_grad and the loss)",
    )
    for name, values, shape in zip(("w1", "b1", "w2", "b2"), data["final"], _shapes(TRAIN_PARAMS_HIDDEN)):
        expect(len(values) == int(np.prod(shape)), f"{name} changed shape during training")
    expect(
        any(not np.array_equal(np.array(v), s.reshape(-1)) for v, s in zip(data["final"], start)),
        "the tensors passed in `params` were not updated: optimise those tensors in place",
    )
    ratio = _fit_ratio(x, y, data["final"], TRAIN_PARAMS_HIDDEN)
    expect(
        ratio <= FIT_THRESHOLD,
        f"after {TRAIN_PARAMS_ITER} iterations the model fits hidden data poorly "
        f"(MSE is {ratio:.2f} of the variance of y; it should be at most {FIT_THRESHOLD})",
    )


# ------------------------------------------------------------------ MyOwnMLP


def _module_summary(model) -> dict:
    torch = _torch()
    named = list(model.named_parameters()) if isinstance(model, torch.nn.Module) else []
    return {
        "is_module": isinstance(model, torch.nn.Module),
        "names": [n for n, _ in named],
        "shapes": [list(p.shape) for _, p in named],
        "requires_grad": [bool(p.requires_grad) for _, p in named],
        "spread": [float(p.detach().double().std()) if p.numel() > 1 else 0.0 for _, p in named],
    }


def probe_module(env):
    torch = _torch()
    cls = env["MyOwnMLP"]
    result = {"default": _module_summary(cls()), "cases": []}
    for hidden in MODULE_HIDDEN:
        model = cls(hidden=hidden)
        summary = _module_summary(model)
        params = list(model.parameters())
        fill = module_fill([list(p.shape) for p in params], hidden)
        with torch.no_grad():
            for p, values in zip(params, fill):
                p.copy_(torch.tensor(values, dtype=p.dtype))
        dtype = params[0].dtype if params else torch.float32
        out = model(torch.tensor(module_inputs(hidden), dtype=dtype))
        summary["out_shape"] = list(out.shape)
        summary["out"] = _values(out)
        out.sum().backward()
        summary["has_grad"] = [p.grad is not None for p in params]
        result["cases"].append(summary)
    return result


def _matches_some_layout(flat: list[np.ndarray], x: np.ndarray, got: np.ndarray) -> bool:
    """Does ``got`` equal relu(x a + b) c + d for some assignment of the h-sized parameters to
    (a, b, c)? Any assignment that matches is an MLP of the asked form (names are free)."""
    singles = [v for v in flat if v.size == 1]
    vectors = [v for v in flat if v.size > 1]
    if len(singles) != 1 or len(vectors) != 3:
        return False
    d = singles[0].reshape(())
    for a, b, c in itertools.permutations(vectors):
        want = np.maximum(x * a.reshape(1, -1) + b.reshape(1, -1), 0.0) @ c.reshape(-1, 1) + d
        # float32 module weights of size <= 4 summed over <= 19 units: error < 1e-4 absolute.
        if got.shape == want.shape and np.allclose(got, want, rtol=1e-4, atol=1e-4 * max(1.0, np.abs(want).max())):
            return True
    return False


def _numel(shape) -> int:
    return int(np.prod(shape)) if shape else 1


def judge_module(data):
    default = data["default"]
    expect(default["is_module"], "MyOwnMLP should subclass torch.nn.Module")
    total = sum(_numel(s) for s in default["shapes"])
    expect(
        total == 301,
        f"MyOwnMLP() registers {total} parameter values; with 100 hidden units it should have 3 * 100 + 1. "
        "Store weights as nn.Parameter (or nn.Linear layers) so the module collects them",
    )
    expect(all(default["requires_grad"]), "some of MyOwnMLP's parameters do not require grad")
    expect(
        sum(spread > 0 for spread in default["spread"]) >= 2,
        "MyOwnMLP starts with constant weights; start from small random values",
    )
    for hidden, case in zip(MODULE_HIDDEN, data["cases"]):
        label = f"MyOwnMLP(hidden={hidden})"
        total = sum(_numel(s) for s in case["shapes"])
        expect(total == 3 * hidden + 1, f"{label} registers {total} parameter values instead of 3 * hidden + 1")
        expect(case["out_shape"] == [23, 1], f"{label}: an input of shape (N, 1) should give an output of shape (N, 1)")
        expect(all(case["has_grad"]), f"{label}: some registered parameters get no gradient from the output")
        fill = module_fill(case["shapes"], hidden)
        x = module_inputs(hidden)
        got = np.array(case["out"], dtype=np.float64).reshape(-1, 1)
        expect(
            _matches_some_layout([f.reshape(-1) for f in fill], x, got),
            f"{label}: with hidden weights written into its parameters, the output is not "
            "relu(x @ w1 + b1) @ w2 + b2",
        )


# ------------------------------------------------------------------ CustomDataset


DATASET_ITEMS = (0, 1, 17, DATASET_SIZE - 1)
DATASET_OUT_OF_RANGE = (DATASET_SIZE, DATASET_SIZE + 13)


def probe_dataset(env):
    torch = _torch()
    from torch.utils.data import DataLoader

    x, y = dataset_arrays()
    ds = env["CustomDataset"](torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.float32))
    result = {"len": len(ds), "items": [], "errors": [], "batches": []}
    for index in DATASET_ITEMS:
        item = ds[index]
        entry = {"kind": type(item).__name__, "size": len(item) if isinstance(item, (tuple, list)) else None}
        if entry["size"] == 2:
            for key, part in zip(("x", "y"), item):
                part = torch.as_tensor(part)
                entry[key] = {"shape": list(part.shape), "values": _values(part)}
        result["items"].append(entry)
    for index in DATASET_OUT_OF_RANGE:
        try:
            ds[index]
        except IndexError:
            result["errors"].append("IndexError")
        except Exception as error:  # recorded, not hidden: the judge says which error was wrong
            result["errors"].append(type(error).__name__)
        else:
            result["errors"].append(None)
    for batch in DataLoader(ds, batch_size=DATASET_BATCH):
        bx, by = batch
        result["batches"].append(
            {"x_shape": list(bx.shape), "y_shape": list(by.shape), "x": _values(bx), "y": _values(by)}
        )
    return result


def judge_dataset(data):
    x, y = dataset_arrays()
    expect(data["len"] == DATASET_SIZE, f"len() of a dataset of {DATASET_SIZE} points is {data['len']}")
    for index, item in zip(DATASET_ITEMS, data["items"]):
        expect(item["size"] == 2, f"ds[{index}] should be a pair (x_i, y_i)")
        expect(item["x"]["shape"] == [1] and item["y"]["shape"] == [1], f"ds[{index}]: x_i and y_i should be rows of shape (1,)")
        expect(
            np.array_equal(item["x"]["values"], x[index]) and np.array_equal(item["y"]["values"], y[index]),
            f"ds[{index}] is not (data_x[{index}], data_y[{index}])",
        )
    for index, error in zip(DATASET_OUT_OF_RANGE, data["errors"]):
        expect(
            error == "IndexError",
            f"ds[{index}] on a dataset of {DATASET_SIZE} points should raise IndexError "
            f"({'it raised ' + error if error else 'it raised nothing'})",
        )
    sizes = [DATASET_BATCH] * (DATASET_SIZE // DATASET_BATCH) + [DATASET_SIZE % DATASET_BATCH]
    expect(
        [b["x_shape"] for b in data["batches"]] == [[s, 1] for s in sizes]
        and [b["y_shape"] for b in data["batches"]] == [[s, 1] for s in sizes],
        f"a DataLoader with batch_size={DATASET_BATCH} over {DATASET_SIZE} points should give batches of shapes "
        "(10, 1), (10, 1), (10, 1), (7, 1) for x and for y",
    )
    expect(
        np.array_equal(np.concatenate([b["x"] for b in data["batches"]]), x.reshape(-1))
        and np.array_equal(np.concatenate([b["y"] for b in data["batches"]]), y.reshape(-1)),
        "the DataLoader's batches do not hold the data in order",
    )


# ------------------------------------------------------------------ get_device


def _describe_device(value) -> dict:
    torch = _torch()
    if isinstance(value, torch.device):
        return {"is_device": True, "type": value.type, "index": value.index, "text": None}
    return {"is_device": False, "type": None, "index": None, "text": value if isinstance(value, str) else type(value).__name__}


def probe_device(env):
    torch = _torch()
    get_device = env["get_device"]
    result = {}
    for label, available in (("with_cuda", True), ("without_cuda", False)):
        saved = torch.cuda.is_available, torch.cuda.device_count
        torch.cuda.is_available = lambda available=available: available
        torch.cuda.device_count = lambda available=available: 1 if available else 0
        try:
            value = get_device()
        finally:
            torch.cuda.is_available, torch.cuda.device_count = saved
        result[label] = _describe_device(value)
    return result


def judge_device(data):
    for label, want in (("with_cuda", "cuda"), ("without_cuda", "cpu")):
        got = data[label]
        when = "when CUDA is available" if want == "cuda" else "when CUDA is not available"
        if not got["is_device"]:
            hint = ""
            if str(got["text"]).lower().startswith("gpu"):
                hint = " ('gpu' is not a device type torch knows)"
            raise AssertionError(f"{when}, get_device should return a torch.device, not {got['text']!r}{hint}")
        expect(got["type"] == want, f"{when}, get_device returned a device of type {got['type']!r}")
        if want == "cuda":
            expect(got["index"] in (None, 0), f"{when}, get_device should pick the first GPU")


# ------------------------------------------------------------------ train


def _probe_classes():
    """A small MLP whose every forward pass reports where its weights and its input are, and a batch
    tensor that reports every .to() call. Built lazily so that importing this module needs no torch."""
    torch = _torch()

    class TrackedBatch(torch.Tensor):
        """A batch from the probe's DataLoader. ``.to(...)`` logs its device; when CUDA is only
        simulated it returns an ordinary CPU tensor, which is how "moved" batches are told apart
        (operations on a TrackedBatch give TrackedBatch again)."""

        _tag = None
        _log = None
        _simulate = False

        def to(self, *args, **kwargs):
            device, dtype, _non_blocking, _fmt = torch._C._nn._parse_to(*args, **kwargs)
            if self._log is not None and self._tag is not None:
                self._log.append([self._tag, None if device is None else device.type])
            plain = self.as_subclass(torch.Tensor)
            if self._simulate:
                return plain if dtype is None else plain.to(dtype=dtype)
            return plain.to(*args, **kwargs)

    class ProbeNet(torch.nn.Module):
        def __init__(self, hidden, offset, simulate=False):
            super().__init__()
            w1, b1, w2, b2 = start_params(hidden, offset)
            self.w1 = torch.nn.Parameter(torch.tensor(w1, dtype=torch.float32))
            self.b1 = torch.nn.Parameter(torch.tensor(b1, dtype=torch.float32))
            self.w2 = torch.nn.Parameter(torch.tensor(w2, dtype=torch.float32))
            self.b2 = torch.nn.Parameter(torch.tensor(b2, dtype=torch.float32))
            self.simulate = simulate
            self.simulated_device = "cpu"
            self.to_calls = []
            self.forwards = []

        def to(self, *args, **kwargs):
            if not self.simulate:
                return super().to(*args, **kwargs)
            device, dtype, _non_blocking, _fmt = torch._C._nn._parse_to(*args, **kwargs)
            self.to_calls.append(None if device is None else device.type)
            if device is not None:
                self.simulated_device = device.type
            if dtype is not None:
                super().to(dtype=dtype)
            return self

        def forward(self, x):
            if self.simulate:
                where = self.simulated_device
                moved = self.simulated_device if not isinstance(x, TrackedBatch) else "cpu"
            else:
                where = self.w1.device.type
                moved = x.device.type
            self.forwards.append([where, moved])
            return torch.relu(x @ self.w1 + self.b1) @ self.w2 + self.b2

    return TrackedBatch, ProbeNet


def probe_train_loss(env):
    torch = _torch()
    from torch.utils.data import DataLoader, TensorDataset

    _, ProbeNet = _probe_classes()
    x, y = regression_data(TRAIN_N, 600)
    model = ProbeNet(TRAIN_HIDDEN, 601)
    loader = DataLoader(
        TensorDataset(torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)),
        batch_size=TRAIN_BATCH,
    )
    losses = env["train"](model, loader, TRAIN_EPOCHS, TRAIN_LR, torch.device("cpu"))
    final = [_values(p) for p in (model.w1, model.b1, model.w2, model.b2)]
    return {"losses": [_number(v) for v in losses], "final": final}


def judge_train_loss(data):
    x, y = regression_data(TRAIN_N, 600)
    losses = data["losses"]
    expect(len(losses) == TRAIN_EPOCHS, f"with n_epochs={TRAIN_EPOCHS}, train returned {len(losses)} losses instead of one per epoch")
    expect(all(map(is_number, losses)), "some epoch losses are NaN or infinite")
    ratio = _fit_ratio(x, y, data["final"], TRAIN_HIDDEN)
    expect(
        ratio <= FIT_THRESHOLD,
        f"after {TRAIN_EPOCHS} epochs the model fits hidden data poorly (MSE is {ratio:.2f} of the variance "
        f"of y; it should be at most {FIT_THRESHOLD})",
    )
    final_mse = ratio * float(np.var(y))
    # The last epoch's mean batch loss is measured while the weights still move, so it is not the
    # final MSE exactly: over 20 hidden data sets it lies between 1.0 and 1.25 times it (Adam and SGD
    # with momentum). A sum over the 4 batches, or over the 10 points of a batch, is >= 4 times.
    expect(
        0.4 * final_mse <= losses[-1] <= 2.5 * final_mse + 1e-3,
        "the last epoch's loss does not look like the mean of that epoch's batch losses (MSE)",
    )


def watch_train(train, device, simulate: bool) -> dict:
    """Run a ``train`` function on the probe's model and batches and record where things went.

    ``simulate=True`` (a machine without CUDA asked about ``device="cuda"``): nothing is moved for
    real; every ``.to()`` of the model and of each batch is logged instead. ``simulate=False``: the
    tensors really move and each forward pass reads the devices of the weights and of its input."""
    torch = _torch()
    from torch.utils.data import DataLoader, TensorDataset
    from torch.utils.data._utils.collate import default_collate

    TrackedBatch, ProbeNet = _probe_classes()
    moves: list = []
    yielded: list = []

    def collate(items):
        bx, by = default_collate(items)
        tagged = []
        for name, tensor in (("x", bx), ("y", by)):
            tensor = tensor.as_subclass(TrackedBatch)
            tensor._tag, tensor._log, tensor._simulate = f"{name}{len(yielded)}", moves, simulate
            tagged.append(tensor)
        yielded.append(len(yielded))
        return tagged[0], tagged[1]

    x, y = regression_data(DEVICE_N, 700)
    model = ProbeNet(8, 701, simulate=simulate)
    loader = DataLoader(
        TensorDataset(torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)),
        batch_size=TRAIN_BATCH,
        collate_fn=collate,
    )
    losses = train(model, loader, DEVICE_EPOCHS, TRAIN_LR, device)
    return {
        "simulated": simulate,
        "n_losses": len(list(losses)),
        "forwards": model.forwards,
        "batches": len(yielded),
        "moves": moves,
    }


def probe_train_device(env):
    torch = _torch()
    # CPU-only machines (CI, Gradescope) simulate a GPU; a machine with CUDA uses it for real.
    return watch_train(env["train"], torch.device("cuda"), simulate=not torch.cuda.is_available())


def judge_train_device(data):
    expect(data["n_losses"] == DEVICE_EPOCHS, f"with n_epochs={DEVICE_EPOCHS}, train should return {DEVICE_EPOCHS} losses")
    expect(data["forwards"], "train never called the model")
    expect(
        all(where == "cuda" for where, _ in data["forwards"]),
        "the model was not on `device` when it was called: move it with model.to(device)",
    )
    expect(
        all(moved == "cuda" for _, moved in data["forwards"]),
        "the model was called on a batch that was not moved to `device`: use batch_x.to(device)",
    )
    moved_targets = {tag for tag, device in data["moves"] if tag.startswith("y") and device == "cuda"}
    expect(
        all(f"y{i}" in moved_targets for i in range(data["batches"])),
        "the targets of a batch were not moved to `device`: use batch_y.to(device)",
    )
    per_epoch = math.ceil(DEVICE_N / TRAIN_BATCH)
    expect(data["batches"] >= DEVICE_EPOCHS * per_epoch, "train did not go through every batch of every epoch")

"""Judges for 04_mlp_dataloader: the MLP by hand, as an nn.Module, Dataset/DataLoader, device, training.

Never imported by the student's process. The hidden inputs (data, sizes, weights) come from the
probes' module, ``probes``, made there from fixed seeds, so a
probe and its judge see the same numbers. Judges recompute what is expected with numpy (forward
pass, hand-written backward pass, a reference Adam) and never import anything the student wrote.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from . import probes
from autodiff_course.hidden import expect, expect_close
from autodiff_course.schema import Flag, Integer, ListOf, Maybe, Number, Record, Text, conform

TENSOR = Record({"is_tensor": Flag, "type": Text, "shape": Maybe(ListOf(Integer)), "requires_grad": Flag,
                 "is_leaf": Flag, "floating": Flag, "values": Maybe(ListOf(Number))})

TRAIN_PARAMS_COMPARED = 5  # first losses compared one by one with a reference Adam

FIT_THRESHOLD = 0.2
"""A trained model must reach MSE <= FIT_THRESHOLD * var(y) on the hidden data.

Why this is safe both ways (measured over the 20 hidden data sets and starting weights of
tests/test_a04_mlp_dataloader.py): predicting the mean gives a ratio of 1 and the best straight
line still leaves at least 0.49 on this curved data, so an untrained or broken model cannot pass;
the solution (Adam) reaches at most 0.07 with train() and 0.02 with train_mlp_params(), and SGD
with momentum 0.9 at most 0.10, so a correct answer keeps a margin of 2 or more."""


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


# ------------------------------------------------------------------ init_mlp_params

INIT_STD = 0.1
"""The task's starting values: every entry drawn from N(0, INIT_STD²)."""

SAMPLING_SE = 5.0
"""A sample's mean and standard deviation must lie within SAMPLING_SE standard errors of the
asked distribution's.

Why this is safe both ways. Each pooled sample holds n >= 200 draws (b2: one a call, over 200
calls), so the sample mean and standard deviation are close to normal (CLT): a correct answer
falls outside 5 standard errors with probability 2 * Phi(-5) = 5.7e-7 per statistic. For the
standard deviation of 200 normal draws the exact chi distribution gives 6.7e-7 above and
1.0e-7 below (Wilson-Hilferty). A judge tests at most 8 statistics (mean and spread of 4
tensors), so a correct answer fails with probability < 1e-5. The wrong scales are far outside:
with n = 200 the band of the standard deviation is 0.1 +- 0.025 (+- 0.0035 for the 10000 draws
of w1), while 0.2 * randn, 0.9 * randn or 0.1 / randn (spread above 1) leave it for certain;
nn.Linear's default for one input, U(-1, 1), has standard deviation 0.58."""


def _follows(values: np.ndarray, kind: str, scale: float) -> bool:
    """Do ``values`` (independent draws) have the mean and standard deviation of N(0, scale²)
    (``kind="normal"``) or of U(-scale, scale) (``kind="uniform"``, which also bounds them)?

    Standard errors from the distribution's own moments: se(mean) = sd / sqrt(n) and
    se(sd) = sqrt((m4 - sd^4) / n) / (2 sd), with m4 = 3 sd^4 (normal) or 9/5 sd^4 (uniform)."""
    values = np.asarray(values, dtype=np.float64)
    n = values.size
    if n < 2:
        return False
    sd = scale if kind == "normal" else scale / math.sqrt(3.0)
    m4 = (3.0 if kind == "normal" else 9.0 / 5.0) * sd**4
    se_mean = sd / math.sqrt(n)
    se_sd = math.sqrt((m4 - sd**4) / n) / (2.0 * sd)
    ok = abs(values.mean()) <= SAMPLING_SE * se_mean and abs(values.std(ddof=1) - sd) <= SAMPLING_SE * se_sd
    if kind == "uniform":  # float32 rounding of the bound is far below 1e-6 relative
        ok = ok and float(np.abs(values).max()) <= scale * (1 + 1e-6)
    return bool(ok)


def _shapes(hidden: int) -> list[list[int]]:
    return [[1, hidden], [hidden], [hidden, 1], [1]]


def _check_param_tuple(described, hidden, label):
    expect(len(described) == 4, f"{label}: init_mlp_params should return four tensors (w1, b1, w2, b2)")
    for name, info, shape in zip(("w1", "b1", "w2", "b2"), described, _shapes(hidden)):
        expect(info["is_tensor"], f"{label}: {name} is not a torch tensor")
        expect(info["shape"] == shape, f"{label}: {name} has shape {tuple(info['shape'])}, not the one asked for")
        expect(len(info["values"]) == int(np.prod(shape)), f"{label}: {name} has the wrong number of values")
        expect(info["floating"], f"{label}: {name} should hold floating-point numbers")
        expect(info["requires_grad"], f"{label}: {name} does not require grad, so it cannot be trained")
        expect(
            info["is_leaf"],
            f"{label}: {name} is not a leaf tensor (it was computed from another tensor that requires grad, "
            "e.g. torch.randn(..., requires_grad=True) * 0.1), so its .grad stays empty: create the values "
            "first, then ask for gradients",
        )


def judge_init(data):
    params = ListOf(TENSOR)
    conform(data, {"cases": ListOf(Record({"first": params, "again": params, "other": params}),
                                   length=len(probes.INIT_CASES)), "default": params,
                   "sample": ListOf(ListOf(ListOf(Number), length=4), length=probes.INIT_SAMPLES)})
    for (hidden, seed), case in zip(probes.INIT_CASES, data["cases"]):
        label = f"init_mlp_params(hidden={hidden}, seed={seed})"
        _check_param_tuple(case["first"], hidden, label)
        _check_param_tuple(case["again"], hidden, label)
        _check_param_tuple(case["other"], hidden, label)
        first = [np.array(t["values"]) for t in case["first"]]
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
    sizes = [int(np.prod(shape)) for shape in _shapes(probes.INIT_SAMPLE_HIDDEN)]
    expect(all([len(v) for v in draw] == sizes for draw in data["sample"]),
           f"init_mlp_params(hidden={probes.INIT_SAMPLE_HIDDEN}, seed=...) did not give tensors of the shapes asked")
    for j, name in enumerate(("w1", "b1", "w2", "b2")):
        pooled = np.concatenate([draw[j] for draw in data["sample"]])
        expect(_follows(pooled, "normal", INIT_STD),
               f"init_mlp_params: the starting values of {name} are not drawn from N(0, 0.1²): over "
               f"{len(data['sample'])} hidden seeds their mean is {pooled.mean():.3g} and their standard "
               f"deviation {pooled.std():.3g} (asked: 0 and 0.1)")


# ------------------------------------------------------------------ mlp_forward


def judge_forward(data):
    conform(data, ListOf(Record({"shape": ListOf(Integer), "values": ListOf(Number),
                                 "grads": ListOf(Maybe(ListOf(Number)), length=4)}), length=len(probes.FORWARD_CASES)))
    for (n, hidden, dtype_name), got in zip(probes.FORWARD_CASES, data):
        label = f"hidden input with {n} point(s), {hidden} hidden units, {dtype_name}"
        x, weights = probes.forward_case(n, hidden)
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


def _fit_ratio(x, y, flat_params, hidden) -> float:
    arrays = [np.array(v, dtype=np.float64).reshape(s) for v, s in zip(flat_params, _shapes(hidden))]
    return float(np.mean((mlp_np(x, *arrays) - y) ** 2) / np.var(y))


def judge_train_params(data):
    x, y = probes.regression_data(probes.TRAIN_PARAMS_N, 500)
    start = probes.start_params(probes.TRAIN_PARAMS_HIDDEN, 501)
    conform(data, {"losses": ListOf(Number), "final": ListOf(ListOf(Number), length=4)})
    losses = data["losses"]
    expect(
        len(losses) == probes.TRAIN_PARAMS_ITER,
        f"with n_iter={probes.TRAIN_PARAMS_ITER}, train_mlp_params returned {len(losses)} losses instead of one per iteration",
    )
    k = TRAIN_PARAMS_COMPARED
    reference = adam_reference(x, y, start, probes.TRAIN_PARAMS_LR, k + 1)
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
    for name, values, shape in zip(("w1", "b1", "w2", "b2"), data["final"], _shapes(probes.TRAIN_PARAMS_HIDDEN)):
        expect(len(values) == int(np.prod(shape)), f"{name} changed shape during training")
    expect(len(losses) > k, "too few losses")
    expect(
        any(not np.array_equal(np.array(v), s.reshape(-1)) for v, s in zip(data["final"], start)),
        "the tensors passed in `params` were not updated: optimise those tensors in place",
    )
    ratio = _fit_ratio(x, y, data["final"], probes.TRAIN_PARAMS_HIDDEN)
    expect(
        ratio <= FIT_THRESHOLD,
        f"after {probes.TRAIN_PARAMS_ITER} iterations the model fits hidden data poorly "
        f"(MSE is {ratio:.2f} of the variance of y; it should be at most {FIT_THRESHOLD})",
    )


# ------------------------------------------------------------------ MyOwnMLP


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


def _check_module_start(names: list[str], sizes: list[int], pooled: list[np.ndarray]) -> None:
    """The starting values of fresh models: all N(0, 0.1²), or nn.Linear's default for the two
    layers (weight and bias of a layer with n inputs uniform on [-1/sqrt(n), 1/sqrt(n)]): the
    layer with one input U(-1, 1) (two tensors of 100), the layer with 100 inputs U(-0.1, 0.1)
    (one tensor of 100 and the output bias)."""
    if all(_follows(v, "normal", INIT_STD) for v in pooled):
        return
    hidden = 100
    narrow = 1.0 / math.sqrt(hidden)
    kinds = []
    for size, values in zip(sizes, pooled):
        kinds.append("wide" if _follows(values, "uniform", 1.0) else "narrow" if _follows(values, "uniform", narrow) else None)
    linear_default = (sorted(zip(sizes, map(str, kinds))) == [(1, "narrow"), (hidden, "narrow"), (hidden, "wide"), (hidden, "wide")])
    if linear_default:
        return
    # name a parameter that fits neither distribution (e.g. a zeroed bias), else one that is not N(0, 0.1²)
    worst = next((i for i, (v, kind) in enumerate(zip(pooled, kinds)) if kind is None and not _follows(v, "normal", INIT_STD)),
                 next((i for i, v in enumerate(pooled) if not _follows(v, "normal", INIT_STD)), 0))
    raise AssertionError(
        f"MyOwnMLP's starting values do not follow N(0, 0.1²) (nor nn.Linear's default initialisation): over "
        f"{probes.INIT_SAMPLES} fresh models, parameter {names[worst]!r} has mean {pooled[worst].mean():.3g} and "
        f"standard deviation {pooled[worst].std():.3g} (asked: 0 and 0.1)")


SUMMARY = {"is_module": Flag, "names": ListOf(Text), "shapes": ListOf(ListOf(Integer)), "requires_grad": ListOf(Flag)}


def judge_module(data):
    conform(data, {"default": Record(SUMMARY), "sample": ListOf(ListOf(ListOf(Number)), length=probes.INIT_SAMPLES),
                   "cases": ListOf(Record(dict(SUMMARY, out_shape=ListOf(Integer), out=ListOf(Number),
                                               has_grad=ListOf(Flag))), length=len(probes.MODULE_HIDDEN))})
    default = data["default"]
    expect(default["is_module"], "MyOwnMLP should subclass torch.nn.Module")
    counts = {len(default[key]) for key in ("names", "shapes", "requires_grad")}
    expect(len(counts) == 1, "MyOwnMLP's parameters were not all described")
    total = sum(_numel(s) for s in default["shapes"])
    expect(
        total == 301,
        f"MyOwnMLP() registers {total} parameter values; with 100 hidden units it should have 3 * 100 + 1. "
        "Store weights as nn.Parameter (or nn.Linear layers) so the module collects them",
    )
    expect(all(default["requires_grad"]), "some of MyOwnMLP's parameters do not require grad")
    sizes = [_numel(shape) for shape in default["shapes"]]
    expect(all([len(v) for v in draw] == sizes for draw in data["sample"]),
           "fresh MyOwnMLP() models do not all register the same parameters")
    _check_module_start(default["names"], sizes, [np.concatenate([draw[j] for draw in data["sample"]])
                                                  for j in range(len(sizes))])
    for hidden, case in zip(probes.MODULE_HIDDEN, data["cases"]):
        label = f"MyOwnMLP(hidden={hidden})"
        expect(len({len(case[key]) for key in ("names", "shapes", "requires_grad", "has_grad")}) == 1,
               f"{label}: its parameters were not all described")
        total = sum(_numel(s) for s in case["shapes"])
        expect(total == 3 * hidden + 1, f"{label} registers {total} parameter values instead of 3 * hidden + 1")
        expect(case["out_shape"] == [23, 1], f"{label}: an input of shape (N, 1) should give an output of shape (N, 1)")
        expect(all(case["has_grad"]), f"{label}: some registered parameters get no gradient from the output")
        fill = probes.module_fill(case["shapes"], hidden)
        x = probes.module_inputs(hidden)
        got = np.array(case["out"], dtype=np.float64).reshape(-1, 1)
        expect(
            _matches_some_layout([f.reshape(-1) for f in fill], x, got),
            f"{label}: with hidden weights written into its parameters, the output is not "
            "relu(x @ w1 + b1) @ w2 + b2",
        )


# ------------------------------------------------------------------ CustomDataset


PART = Record({"shape": ListOf(Integer), "dtype": Text, "values": ListOf(Number)})
ITEM = Record({"kind": Text, "size": Maybe(Integer), "x": Maybe(PART), "y": Maybe(PART)})
BATCH = Record({"x_shape": ListOf(Integer), "y_shape": ListOf(Integer), "x": ListOf(Number), "y": ListOf(Number),
                "dtypes": ListOf(Text, length=2)})


def judge_dataset(data):
    conform(data, {"len": Integer, "items": ListOf(ITEM, length=len(probes.DATASET_ITEMS)),
                   "mismatched": ListOf(Maybe(Text), length=len(probes.DATASET_MISMATCHED)),
                   "errors": ListOf(Maybe(Text), length=len(probes.DATASET_OUT_OF_RANGE)), "batches": ListOf(BATCH)})
    x, y = probes.dataset_arrays()
    expect(data["len"] == probes.DATASET_SIZE, f"len() of a dataset of {probes.DATASET_SIZE} points is {data['len']}")
    for index, item in zip(probes.DATASET_ITEMS, data["items"]):
        expect(item["size"] == 2 and item["x"] is not None and item["y"] is not None, f"ds[{index}] should be a pair (x_i, y_i)")
        # the data are float32 tensors; an item must keep their dtype (a float64 copy breaks a float32 model)
        expect(item["x"]["dtype"] == item["y"]["dtype"] == "torch.float32",
               f"ds[{index}] changed the dtype of the data (float32 in, {item['x']['dtype']} and {item['y']['dtype']} out)")
        expect(item["x"]["shape"] == [1] and item["y"]["shape"] == [1], f"ds[{index}]: x_i and y_i should be rows of shape (1,)")
        expect(
            np.array_equal(item["x"]["values"], x[index]) and np.array_equal(item["y"]["values"], y[index]),
            f"ds[{index}] is not (data_x[{index}], data_y[{index}])",
        )
    for index, error in zip(probes.DATASET_OUT_OF_RANGE, data["errors"]):
        expect(
            error == "IndexError",
            f"ds[{index}] on a dataset of {probes.DATASET_SIZE} points should raise IndexError "
            f"({'it raised ' + error if error else 'it raised nothing'})",
        )
    for (rows_x, rows_y), error in zip(probes.DATASET_MISMATCHED, data["mismatched"]):
        expect(error in ("ValueError", "AssertionError"),
               f"CustomDataset(data_x, data_y) with {rows_x} rows of x and {rows_y} of y should raise ValueError "
               f"when it is made ({'it raised ' + error if error else 'it raised nothing'})")
    sizes = [probes.DATASET_BATCH] * (probes.DATASET_SIZE // probes.DATASET_BATCH) + [probes.DATASET_SIZE % probes.DATASET_BATCH]
    expect(
        [b["x_shape"] for b in data["batches"]] == [[s, 1] for s in sizes]
        and [b["y_shape"] for b in data["batches"]] == [[s, 1] for s in sizes],
        f"a DataLoader with batch_size={probes.DATASET_BATCH} over {probes.DATASET_SIZE} points should give batches of shapes "
        "(10, 1), (10, 1), (10, 1), (7, 1) for x and for y",
    )
    expect(all(b["dtypes"] == ["torch.float32", "torch.float32"] for b in data["batches"]),
           "the DataLoader's batches are not float32 like the data: keep the dtype of data_x and data_y")
    expect(
        np.array_equal(np.concatenate([b["x"] for b in data["batches"]]), x.reshape(-1))
        and np.array_equal(np.concatenate([b["y"] for b in data["batches"]]), y.reshape(-1)),
        "the DataLoader's batches do not hold the data in order",
    )


# ------------------------------------------------------------------ get_device


DEVICE = Record({"is_device": Flag, "type": Maybe(Text), "index": Maybe(Integer), "text": Maybe(Text)})


def judge_device(data):
    conform(data, {"with_cuda": DEVICE, "without_cuda": DEVICE})
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


TRAIN_RUN = Record({"losses": ListOf(Number), "final": ListOf(ListOf(Number), length=4),
                    "calls": ListOf(Record({"grad": Flag, "x": ListOf(Number), "out": ListOf(Number)})),
                    "steps": ListOf(Record({"optimizer": Text, "lr": ListOf(Number)}))})


def _check_run(run: dict, n_epochs: int, lr: float, x: np.ndarray, y: np.ndarray) -> None:
    """The epoch losses are the means of the batch losses the model's outputs give, and every
    optimizer step uses ``lr``."""
    losses = run["losses"]
    expect(len(losses) == n_epochs, f"with n_epochs={n_epochs}, train returned {len(losses)} losses instead of one per epoch")
    per_epoch = math.ceil(probes.TRAIN_N / probes.TRAIN_BATCH)
    expect(len(run["steps"]) == n_epochs * per_epoch,
           f"train took {len(run['steps'])} torch.optim steps in {n_epochs} epochs of {per_epoch} batches; "
           "take one optimizer step per batch")
    expect(all(len(step["lr"]) > 0 and all(abs(v - lr) <= 1e-9 * lr for v in step["lr"]) for step in run["steps"]),
           f"train was given lr={lr}, but its optimizer steps with another learning rate")
    training = [call for call in run["calls"] if call["grad"]]
    expect(len(training) == n_epochs * per_epoch,
           "train should call the model once per batch (outside torch.no_grad) and step after each call")
    for epoch in range(n_epochs):
        batch_losses = []
        for j, call in enumerate(training[epoch * per_epoch:(epoch + 1) * per_epoch]):
            rows = slice(j * probes.TRAIN_BATCH, (j + 1) * probes.TRAIN_BATCH)
            expect(np.array_equal(call["x"], x[rows].reshape(-1)) and len(call["out"]) == len(call["x"]),
                   "the model was not called on the batches in the DataLoader's order")
            batch_losses.append(float(np.mean((np.asarray(call["out"]) - y[rows].reshape(-1)) ** 2)))
        # float32 MSEs of 10 outputs against their float64 recomputation: < 1e-6 relative; the
        # last batch's loss, or a sum over batches, differs by far more than 1e-4 here
        expect(abs(losses[epoch] - np.mean(batch_losses)) <= 1e-4 * np.mean(batch_losses) + 1e-6,
               f"the loss of epoch {epoch + 1} is not the mean of that epoch's batch losses (MSE)")


def judge_train_loss(data):
    conform(data, {"main": TRAIN_RUN, "short": TRAIN_RUN})
    x, y = probes.regression_data(probes.TRAIN_N, 600)
    main = data["main"]
    _check_run(main, probes.TRAIN_EPOCHS, probes.TRAIN_LR, x, y)
    _check_run(data["short"], probes.TRAIN_SHORT_EPOCHS, probes.TRAIN_SHORT_LR, x, y)
    for values, shape in zip(main["final"], _shapes(probes.TRAIN_HIDDEN)):
        expect(len(values) == int(np.prod(shape)), "the model's parameters changed shape during training")
    ratio = _fit_ratio(x, y, main["final"], probes.TRAIN_HIDDEN)
    expect(
        ratio <= FIT_THRESHOLD,
        f"after {probes.TRAIN_EPOCHS} epochs the model fits hidden data poorly (MSE is {ratio:.2f} of the variance "
        f"of y; it should be at most {FIT_THRESHOLD})",
    )


def _device_type(text: str) -> str:
    """The type of a device string as torch writes it: "cuda:0" -> "cuda", "cpu" -> "cpu"."""
    return text.split(":", 1)[0].strip()


def judge_train_device(data):
    conform(data, {"n_losses": Integer,
                   "forwards": ListOf(Record({"weights": Text, "input": Text, "origin": Maybe(Text), "grad": Flag})),
                   "batches": ListOf(ListOf(Text, length=2)),
                   "moves": ListOf(Record({"origin": Maybe(Text), "target": Maybe(Text)}))})
    want = probes.TRAIN_DEVICE
    expect(data["n_losses"] == probes.DEVICE_EPOCHS, f"with n_epochs={probes.DEVICE_EPOCHS}, train should return {probes.DEVICE_EPOCHS} losses")
    training = [call for call in data["forwards"] if call["grad"]]  # calls under torch.no_grad() evaluate
    per_epoch = math.ceil(probes.DEVICE_N / probes.TRAIN_BATCH)
    expect(len(training) >= probes.DEVICE_EPOCHS * per_epoch,
           "train did not call the model on every batch of every epoch")
    expect(
        all(_device_type(call["weights"]) == want for call in data["forwards"]),
        "the model was not on `device` when it was called: move it with model.to(device)",
    )
    expect(
        all(_device_type(call["input"]) == want for call in data["forwards"]),
        "the model was called on a batch that was not moved to `device`: use batch_x.to(device)",
    )
    # which yielded batch each training call's input came from, by the tags the batches carry
    targets_of = {x_tag: y_tag for x_tag, y_tag in data["batches"]}
    expect(all(call["origin"] in targets_of for call in training),
           "train should call the model on the inputs of the DataLoader's batches (moved with .to(device))")
    moved = {move["origin"] for move in data["moves"]
             if move["target"] is not None and _device_type(move["target"]) == want}
    expect(
        all(targets_of[call["origin"]] in moved for call in training),
        "the targets of a batch were not moved to `device`: use batch_y.to(device)",
    )
    expect(len({call["origin"] for call in training}) >= probes.DEVICE_EPOCHS * per_epoch,
           "train did not call the model on every batch of every epoch")


# ------------------------------------------------------------------ plot_fit

PLOT_LINE = Record({"label": Text, "marker": Text, "linestyle": Text, "x": ListOf(Number), "y": ListOf(Number)})
PLOT_AXES = Record({"xlabel": Text, "ylabel": Text, "legend": Flag, "lines": ListOf(PLOT_LINE),
                    "collections": ListOf(Record({"label": Text, "offsets": ListOf(ListOf(Number, length=2))}))})
NO_MARKER = ("None", "none", "", " ")
NO_LINE = ("None", "none", "", " ")


def _same_points(got_x, got_y, x: np.ndarray, y: np.ndarray) -> bool:
    """Are the drawn points the data points, in any order? The data are float32-exact, so a
    float32 copy is exact too; 1e-6 relative allows for any rounding on the way."""
    got = np.column_stack([np.asarray(got_x, dtype=np.float64), np.asarray(got_y, dtype=np.float64)]) \
        if len(got_x) == len(got_y) else np.zeros((0, 2))
    want = np.column_stack([x.reshape(-1), y.reshape(-1)])
    if got.shape != want.shape:
        return False
    order = lambda a: a[np.lexsort((a[:, 1], a[:, 0]))]
    return bool(np.allclose(order(got), order(want), rtol=1e-6, atol=1e-6))


def judge_plot_fit(data):
    conform(data, {"is_figure": Flag, "axes": ListOf(PLOT_AXES)})
    expect(data["is_figure"], "plot_fit should return the matplotlib Figure it drew on")
    x, y, weights = probes.plot_case()
    lo, hi = float(x.min()), float(x.max())
    points, curves = [], []  # (axes, label) of every artist that draws the data / the prediction
    for axes in data["axes"]:
        for got in axes["collections"]:
            offsets = np.asarray(got["offsets"], dtype=np.float64).reshape(-1, 2)
            if _same_points(offsets[:, 0], offsets[:, 1], x, y):
                points.append((axes, got["label"]))
        for got in axes["lines"]:
            if got["marker"] not in NO_MARKER and _same_points(got["x"], got["y"], x, y):
                points.append((axes, got["label"]))
            gx, gy = np.asarray(got["x"]), np.asarray(got["y"])
            if got["linestyle"] in NO_LINE or len(gx) != probes.PLOT_GRID or len(gy) != len(gx):
                continue
            # np.linspace(lo, hi, 200) in float64 or float32: inputs within 1e-5 of the asked ones
            grid = np.linspace(lo, hi, probes.PLOT_GRID)
            if not np.allclose(gx, grid, rtol=0, atol=1e-5 * max(1.0, abs(lo), abs(hi))):
                continue
            want = mlp_np(gx.reshape(-1, 1), *weights).reshape(-1)
            # float32 evaluation of a 12-unit MLP with weights of size <= 3 at |x| <= 2: error
            # < 1e-5; the model's curve against any other (the data's trend, another model)
            # differs by far more than 1e-3
            if np.allclose(gy, want, rtol=1e-4, atol=1e-4 * max(1.0, float(np.abs(want).max()))):
                curves.append((axes, got["label"]))
    expect(points, f"plot_fit's figure does not show the {probes.PLOT_N} data points it was given "
                   "(plt.scatter, or plt.plot with a marker)")
    expect(curves, f"plot_fit's figure has no line of the given model's prediction at {probes.PLOT_GRID} evenly "
                   "spaced inputs from xs.min() to xs.max()")
    for found, what in ((points, "the data points"), (curves, "the model's prediction")):
        expect(any(label and not label.startswith("_") for _, label in found),
               f"give {what} a label (label=...) so that the legend names them")
        expect(any(axes["xlabel"].strip() and axes["ylabel"].strip() for axes, _ in found),
               f"label both axes of the plot of {what} (set_xlabel, set_ylabel)")
        expect(any(axes["legend"] for axes, _ in found), f"add a legend (ax.legend()) to the plot of {what}")

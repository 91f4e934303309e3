"""Hidden checks for 04_mlp_dataloader: the MLP by hand, as an nn.Module, Dataset/DataLoader, device, training.

Every hidden input (data, sizes, weights) is made here from fixed seeds, so a probe and its judge see
the same numbers. Probes and hidden inputs only: the numpy references, thresholds and the code
judging the probes' data live where the student's process never imports them.
"""

from __future__ import annotations

import numpy as np

HIDDEN_SEED = 404
"""Base seed of every hidden input; tests vary it to show the thresholds are not luck."""

INIT_CASES = ((5, 3), (37, 11))  # (hidden, seed) pairs given to init_mlp_params
FORWARD_CASES = ((29, 11, "float64"), (29, 11, "float32"), (1, 4, "float64"))  # (N, hidden, dtype)
MODULE_HIDDEN = (6, 19)  # hidden sizes for MyOwnMLP: nothing may be hard-wired to 100
DATASET_SIZE = 37  # does not divide by the batch size 10: batches of 10, 10, 10 and 7
DATASET_BATCH = 10

TRAIN_PARAMS_N, TRAIN_PARAMS_HIDDEN, TRAIN_PARAMS_ITER, TRAIN_PARAMS_LR = 40, 24, 200, 0.02
TRAIN_N, TRAIN_HIDDEN, TRAIN_EPOCHS, TRAIN_LR, TRAIN_BATCH = 40, 32, 40, 0.01, 10
TRAIN_SHORT_LR, TRAIN_SHORT_EPOCHS = 0.0037, 2  # a second, short run: lr is not the notebook's 0.01
DEVICE_N, DEVICE_EPOCHS = 25, 2  # the device check only watches where tensors go: 2 short epochs

# The starting values' distribution is judged from many fresh draws: INIT_SAMPLES calls of
# init_mlp_params(hidden=INIT_SAMPLE_HIDDEN) with seeds the student never sees, and
# INIT_SAMPLES fresh MyOwnMLP() (hidden=100). Even b2, one number a call, then has 200 draws.
INIT_SAMPLES, INIT_SAMPLE_HIDDEN = 200, 50
DATASET_MISMATCHED = ((DATASET_SIZE, DATASET_SIZE - 3), (DATASET_SIZE - 5, DATASET_SIZE))  # rows of x, rows of y


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
        return {"is_tensor": False, "type": type(value).__name__, "shape": None, "requires_grad": False,
                "is_leaf": False, "floating": False, "values": None}
    return {
        "is_tensor": True,
        "type": type(value).__name__,
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
    sample = [[_values(t) for t in init(hidden=INIT_SAMPLE_HIDDEN, seed=seed)] for seed in init_sample_seeds()]
    return {"cases": cases, "default": [_describe_tensor(t) for t in default], "sample": sample}


def init_sample_seeds() -> list[int]:
    """Seeds for the sample of starting values: far from the notebook's 0 and the cases above."""
    return [HIDDEN_SEED * 1000 + 800 + i for i in range(INIT_SAMPLES)]


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


# ------------------------------------------------------------------ MyOwnMLP


def _module_summary(model) -> dict:
    torch = _torch()
    named = list(model.named_parameters()) if isinstance(model, torch.nn.Module) else []
    return {
        "is_module": isinstance(model, torch.nn.Module),
        "names": [n for n, _ in named],
        "shapes": [list(p.shape) for _, p in named],
        "requires_grad": [bool(p.requires_grad) for _, p in named],
    }


def probe_module(env):
    cls = env["MyOwnMLP"]
    default = cls()
    result = {"default": _module_summary(default), "cases": []}
    torch = _torch()
    # the starting values of INIT_SAMPLES fresh models, parameter by parameter in the module's
    # order: the judge decides whether they follow the distribution the task asks for
    models = [cls() for _ in range(INIT_SAMPLES)]
    result["sample"] = [[_values(p) for p in model.parameters()] if isinstance(model, torch.nn.Module) else []
                        for model in models]
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


# ------------------------------------------------------------------ CustomDataset


DATASET_ITEMS = (0, 1, 17, DATASET_SIZE - 1)
DATASET_OUT_OF_RANGE = (DATASET_SIZE, DATASET_SIZE + 13)


def probe_dataset(env):
    torch = _torch()
    from torch.utils.data import DataLoader

    x, y = dataset_arrays()
    ds = env["CustomDataset"](torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.float32))
    result = {"len": len(ds), "items": [], "errors": [], "mismatched": [], "batches": []}
    for index in DATASET_ITEMS:
        item = ds[index]
        entry = {"kind": type(item).__name__, "size": len(item) if isinstance(item, (tuple, list)) else None,
                 "x": None, "y": None}
        if entry["size"] == 2:
            for key, part in zip(("x", "y"), item):
                part = torch.as_tensor(part)
                entry[key] = {"shape": list(part.shape), "dtype": str(part.dtype), "values": _values(part)}
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
    for rows_x, rows_y in DATASET_MISMATCHED:
        try:
            env["CustomDataset"](torch.tensor(x[:rows_x], dtype=torch.float32), torch.tensor(y[:rows_y], dtype=torch.float32))
        except Exception as error:  # the judge decides which errors the task allows
            result["mismatched"].append(type(error).__name__)
        else:
            result["mismatched"].append(None)
    for batch in DataLoader(ds, batch_size=DATASET_BATCH):
        bx, by = batch
        result["batches"].append(
            {"x_shape": list(bx.shape), "y_shape": list(by.shape), "x": _values(bx), "y": _values(by),
             "dtypes": [str(bx.dtype), str(by.dtype)]}
        )
    return result


# ------------------------------------------------------------------ get_device


def _describe_device(value) -> dict:
    torch = _torch()
    if isinstance(value, torch.device):
        return {"is_device": True, "type": value.type, "index": value.index, "text": None}
    return {"is_device": False, "type": None, "index": None,
            "text": value[:40] if isinstance(value, str) else type(value).__name__}


class _Delegate:
    """A stand-in for a module: the attributes given, and the real module's for everything else."""

    def __init__(self, real, **overrides):
        self.__dict__.update(overrides)
        self._real = real

    def __getattr__(self, name):
        return getattr(self._real, name)


CUDA_NAMES = ("is_available", "device_count", "current_device", "is_initialized")


def _simulated_torch(available: bool):
    """``(torch, cuda)`` stand-ins whose ``cuda`` (and ``accelerator``) report one GPU, or none."""
    torch = _torch()

    def current_device():
        if not available:
            raise RuntimeError("no CUDA GPUs are available")
        return 0

    cuda = _Delegate(torch.cuda, is_available=lambda: available, device_count=lambda: int(available),
                     current_device=current_device, is_initialized=lambda: available)
    accelerator = _Delegate(getattr(torch, "accelerator", None), is_available=lambda: available,
                            device_count=lambda: int(available),
                            current_accelerator=lambda *args, **kwargs: torch.device("cuda") if available else None)
    return _Delegate(torch, cuda=cuda, accelerator=accelerator), cuda


def _names_read(code) -> set:
    names = set(code.co_names)
    for const in code.co_consts:
        if hasattr(const, "co_names"):
            names |= _names_read(const)
    return names


def _cell_statements(function) -> str | None:
    """From the source of the cell (or file) that defined ``function``: its imports and
    definitions, and the top-level statements that assign a name the function reads (a
    module-level ``DEVICE = ...``). None when the source is not at hand (IPython keeps each
    cell's source in linecache; a file is read from disk)."""
    import ast
    import linecache

    names = _names_read(function.__code__)
    try:
        tree = ast.parse("".join(linecache.getlines(function.__code__.co_filename)))
    except (SyntaxError, ValueError):
        return None
    kept = [node for node in tree.body
            if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef))
            or names & {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}]
    if not any(isinstance(node, ast.FunctionDef) and node.name == function.__name__ for node in kept):
        return None
    return ast.unparse(ast.Module(body=kept, type_ignores=[]))


def _get_device_under(env: dict, available: bool):
    """``get_device()`` as the notebook would give it on a machine with one GPU (or none).

    The cell that defines get_device is run again (its imports, definitions and the assignments
    get_device reads, nothing else) where ``torch`` and ``torch.cuda`` are stand-ins that report
    that machine: so a module-level constant, ``from torch.cuda import is_available`` and
    ``torch.cuda.current_device()`` see it too. Without the cell's source, the function itself
    runs with those stand-ins as its globals; and during the call the real ``torch.cuda``
    reports the same, for helpers defined elsewhere."""
    import builtins
    import inspect
    import types

    torch = _torch()
    fake_torch, fake_cuda = _simulated_torch(available)
    swaps = {id(torch): fake_torch, id(torch.cuda): fake_cuda}
    swaps.update({id(getattr(torch.cuda, name)): getattr(fake_cuda, name) for name in CUDA_NAMES})
    function = inspect.unwrap(env["get_device"])
    home = getattr(function, "__globals__", env)  # the notebook's globals, for a notebook's function
    namespace = {key: swaps.get(id(value), value) for key, value in home.items()}
    real_import = builtins.__import__

    def fake_import(name, globals=None, locals=None, fromlist=(), level=0):
        module = real_import(name, globals, locals, fromlist, level)
        if module is torch.cuda:
            return fake_cuda
        return fake_torch if module is torch else module

    namespace["__builtins__"] = dict(vars(builtins), __import__=fake_import)
    get_device = env["get_device"]
    if isinstance(function, types.FunctionType):
        get_device = types.FunctionType(function.__code__, namespace, function.__name__,
                                        function.__defaults__, function.__closure__)
        source = _cell_statements(function)
        if source is not None:
            try:
                exec(compile(source, "<get_device on a simulated machine>", "exec"), namespace)
                get_device = namespace[function.__name__]
            except Exception:  # the cell needs more than its own statements: keep the function
                pass
    saved = {name: getattr(torch.cuda, name) for name in CUDA_NAMES}
    try:
        for name in CUDA_NAMES:
            setattr(torch.cuda, name, getattr(fake_cuda, name))
        return get_device()
    finally:
        for name, value in saved.items():
            setattr(torch.cuda, name, value)


def probe_device(env):
    return {label: _describe_device(_get_device_under(env, available))
            for label, available in (("with_cuda", True), ("without_cuda", False))}


# ------------------------------------------------------------------ train


def _probe_classes():
    """A small MLP whose every forward pass records where its weights and its input are, and a batch
    tensor that records every .to() call. Built lazily so that importing this module needs no torch."""
    torch = _torch()

    def tracked_in(value):
        """The TrackedBatch tensors in a (nested) argument list."""
        if isinstance(value, TrackedBatch):
            yield value
        elif isinstance(value, (list, tuple)):
            for item in value:
                yield from tracked_in(item)
        elif isinstance(value, dict):
            for item in value.values():
                yield from tracked_in(item)

    class TrackedBatch(torch.Tensor):
        """A batch tensor from the probe's DataLoader. It carries the tag of the batch tensor it
        came from (``_origin``, e.g. "y3") and, when CUDA is only simulated, the device string a
        real tensor would report (``_where``: "cpu" until a ``.to()`` says otherwise). Every
        ``.to(...)`` appends its origin and its target device, as text, to the probe's log;
        tensors computed from a TrackedBatch inherit its origin and device string."""

        _origin = None
        _where = "cpu"
        _log = None
        _simulate = False

        @classmethod
        def __torch_function__(cls, func, types, args=(), kwargs=None):
            result = super().__torch_function__(func, types, args, kwargs or {})
            source = next(iter(tracked_in((args, kwargs or {}))), None)
            if source is not None:
                for out in tracked_in(result):
                    if out is not source and out._origin is None:
                        out._inherit(source)
            return result

        def _inherit(self, source, where=None):
            self._origin, self._log, self._simulate = source._origin, source._log, source._simulate
            self._where = source._where if where is None else where
            return self

        def to(self, *args, **kwargs):
            device, dtype, _non_blocking, _fmt = torch._C._nn._parse_to(*args, **kwargs)
            if self._log is not None:
                self._log.append({"origin": self._origin, "target": None if device is None else str(device)})
            plain = self.as_subclass(torch.Tensor)
            if self._simulate:  # nothing moves; the target is remembered as the tensor's device
                moved = plain if dtype is None else plain.to(dtype=dtype)
                return moved.as_subclass(TrackedBatch)._inherit(self, None if device is None else str(device))
            return plain.to(*args, **kwargs).as_subclass(TrackedBatch)._inherit(self)

    def device_of(tensor, simulate: bool) -> str:
        """The device string of ``tensor``: the simulated one when CUDA is simulated, else the real one."""
        if simulate and isinstance(tensor, TrackedBatch):
            return tensor._where
        return str(tensor.device)

    class ProbeNet(torch.nn.Module):
        def __init__(self, hidden, offset, simulate=False):
            super().__init__()
            w1, b1, w2, b2 = start_params(hidden, offset)
            self.w1 = torch.nn.Parameter(torch.tensor(w1, dtype=torch.float32))
            self.b1 = torch.nn.Parameter(torch.tensor(b1, dtype=torch.float32))
            self.w2 = torch.nn.Parameter(torch.tensor(w2, dtype=torch.float32))
            self.b2 = torch.nn.Parameter(torch.tensor(b2, dtype=torch.float32))
            self.simulate = simulate
            self.simulated_device = "cpu"  # what the weights' .device would say on a machine with CUDA
            self.forwards = []  # per forward pass: the device strings of the weights and of the input
            self.calls = []  # per forward pass: autograd on, the input and the output values

        def to(self, *args, **kwargs):
            device, dtype, _non_blocking, _fmt = torch._C._nn._parse_to(*args, **kwargs)
            if not self.simulate:
                return super().to(*args, **kwargs)
            if device is not None:
                self.simulated_device = str(device)
            if dtype is not None:
                super().to(dtype=dtype)
            return self

        def forward(self, x):
            weights = self.simulated_device if self.simulate else str(self.w1.device)
            self.forwards.append({"weights": weights, "input": device_of(x, self.simulate),
                                  "origin": x._origin if isinstance(x, TrackedBatch) else None,
                                  "grad": torch.is_grad_enabled()})
            out = torch.relu(x @ self.w1 + self.b1) @ self.w2 + self.b2
            if len(self.calls) < MAX_CALLS:
                self.calls.append({"grad": torch.is_grad_enabled(), "x": _values(x), "out": _values(out)})
            return out

    return TrackedBatch, ProbeNet


MAX_CALLS = 8 * TRAIN_EPOCHS * 4
"""Forward passes recorded per run: twice what training needs (4 batches an epoch)."""


def _watch_steps(steps: list):
    """A global hook before every optimizer step: the optimizer's class and learning rates."""
    from torch.optim.optimizer import register_optimizer_step_pre_hook

    def before_step(optimizer, _args, _kwargs):
        if len(steps) < MAX_CALLS:
            steps.append({"optimizer": type(optimizer).__name__,
                          "lr": [float(group.get("lr", float("nan"))) for group in optimizer.param_groups]})

    return register_optimizer_step_pre_hook(before_step)


def _watched_train(env, offset: int, n_epochs: int, lr: float) -> dict:
    torch = _torch()
    from torch.utils.data import DataLoader, TensorDataset

    _, ProbeNet = _probe_classes()
    x, y = regression_data(TRAIN_N, 600)
    model = ProbeNet(TRAIN_HIDDEN, offset)
    loader = DataLoader(
        TensorDataset(torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)),
        batch_size=TRAIN_BATCH,
    )
    steps: list = []
    handle = _watch_steps(steps)
    try:
        losses = env["train"](model, loader, n_epochs, lr, torch.device("cpu"))
    finally:
        handle.remove()
    final = [_values(p) for p in (model.w1, model.b1, model.w2, model.b2)]
    return {"losses": [_number(v) for v in losses], "final": final, "calls": model.calls, "steps": steps}


def probe_train_loss(env):
    return {"main": _watched_train(env, 601, TRAIN_EPOCHS, TRAIN_LR),
            "short": _watched_train(env, 602, TRAIN_SHORT_EPOCHS, TRAIN_SHORT_LR)}


def watch_train(train, device, simulate: bool) -> dict:
    """Run a ``train`` function on the probe's model and batches and record where things went.

    ``simulate=True`` (a machine without CUDA asked about ``device="cuda"``): nothing is moved for
    real; every ``.to()`` of the model and of each batch is recorded, and the device strings those
    calls name stand in for the tensors' ``.device``. ``simulate=False``: the tensors really move
    and each forward pass reads the real ``.device`` of the weights and of its input. Only raw
    observations come back: device strings, the batches' tags, the ``.to()`` targets."""
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
            tensor._origin, tensor._log, tensor._simulate = f"{name}{len(yielded)}", moves, simulate
            tagged.append(tensor)
        yielded.append([t._origin for t in tagged])
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
        "n_losses": len(list(losses)),
        "forwards": model.forwards,
        "batches": yielded,
        "moves": moves,
    }


TRAIN_DEVICE = "cuda"
"""The device train() is given in the device check (its judge expects tensors of this type)."""


def probe_train_device(env):
    torch = _torch()
    # CPU-only machines (CI, Gradescope) simulate a GPU; a machine with CUDA uses it for real.
    return watch_train(env["train"], torch.device(TRAIN_DEVICE), simulate=not torch.cuda.is_available())


# ------------------------------------------------------------------ plot_fit

PLOT_N, PLOT_HIDDEN, PLOT_GRID = 33, 12, 200  # hidden points, the hidden model's size, the line's inputs


def plot_case() -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """Data points (x, y) of shape (PLOT_N, 1), in no particular order, and the weights of the
    model plot_fit is given: unit-scale weights and an offset output bias, so its curve differs
    clearly from the data's trend and from any model trained on the notebook's data."""
    x, y = regression_data(PLOT_N, 900)
    rng = _rng(901)
    weights = [rng.normal(size=(1, PLOT_HIDDEN)), rng.normal(size=(PLOT_HIDDEN,)),
               rng.normal(size=(PLOT_HIDDEN, 1)), np.array([0.5])]
    return x, y, [w.astype(np.float32).astype(np.float64) for w in weights]


def _plot_model(weights):
    torch = _torch()

    class HiddenMLP(torch.nn.Module):
        def __init__(self):
            super().__init__()
            for name, value in zip(("w1", "b1", "w2", "b2"), weights):
                setattr(self, name, torch.nn.Parameter(torch.tensor(value, dtype=torch.float32)))

        def forward(self, x):
            return torch.relu(x @ self.w1 + self.b1) @ self.w2 + self.b2

    return HiddenMLP()


def probe_plot_fit(env):
    """Call plot_fit on a hidden model and hidden data; read back what the returned figure holds:
    every line's points, marker and style, every collection's points (a scatter's offsets), the
    labels of the artists and of the axes, whether each axes has a legend. The figure is closed afterwards."""
    import matplotlib.pyplot as plt

    x, y, weights = plot_case()
    figure = env["plot_fit"](_plot_model(weights), x.copy(), y.copy())
    if type(figure).__name__ != "Figure" or not hasattr(figure, "axes"):
        plt.close("all")
        return {"is_figure": False, "axes": []}
    try:
        axes_out = []
        for axes in figure.axes[:4]:
            lines = [{"label": str(line.get_label())[:60], "marker": str(line.get_marker())[:20],
                      "linestyle": str(line.get_linestyle())[:20],
                      "x": _plain(line.get_xdata()), "y": _plain(line.get_ydata())}
                     for line in axes.get_lines()[:8]]
            collections = [{"label": str(c.get_label())[:60],
                            "offsets": np.asarray(c.get_offsets(), dtype=np.float64).reshape(-1, 2)[:4000].tolist()}
                           for c in axes.collections[:8]]
            axes_out.append({"xlabel": str(axes.get_xlabel())[:60], "ylabel": str(axes.get_ylabel())[:60],
                             "legend": axes.get_legend() is not None,
                             "lines": lines, "collections": collections})
        return {"is_figure": True, "axes": axes_out}
    finally:
        plt.close(figure)


def _plain(values) -> list:
    """A line's data (numpy, a list, masked or tensor values) as at most 4000 floats."""
    return np.asarray(values, dtype=np.float64).reshape(-1)[:4000].tolist()

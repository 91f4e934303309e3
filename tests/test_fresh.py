"""Does fresh.py call notebooks equal when another CPU changed only printing noise, and only then?"""

from __future__ import annotations

import base64
import re
import struct
import zlib

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from autodiff_course import fresh, paths

ASSIGNMENTS = paths.available()


def _png(width: int, height: int, shade: int = 0) -> str:
    """A grey ``width`` x ``height`` PNG, base64 as notebooks hold it; ``shade`` changes its bytes."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = b"".join(b"\0" + bytes([shade]) * width for _ in range(height))
    raw = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    return base64.b64encode(raw).decode()


def _stream(text: str):
    return new_output("stream", name="stdout", text=text)


def _result(text: str, count: int = 2):
    return new_output("execute_result", {"text/plain": text}, execution_count=count)


def _figure(png: str):
    return new_output("display_data", {"image/png": png, "text/plain": "<Figure size 460x332 with 1 Axes>"})


def _notebook(*outputs, source: str = "fit()") -> nbformat.NotebookNode:
    """Cell 0 is markdown; cell 1 holds the code and ``outputs``."""
    cell = new_code_cell(source, execution_count=2)
    cell.outputs = list(outputs)
    nb = new_notebook(cells=[new_markdown_cell("# Fit"), cell])
    for index, c in enumerate(nb.cells):
        c["id"] = f"cell-{index:03d}"
    return nb


def test_negative_zero_means_zero():
    old = _notebook(_stream("RMSprop fit:   y = -0.0000 + 0.8561 x + 0.0000 x^2\n"))
    new = _notebook(_stream("RMSprop fit:   y = 0.0000 + 0.8561 x + -0.0000 x^2\n"))
    assert fresh.differences(old, new) == []


def test_tensor_repr_off_by_one_in_the_last_digit_is_the_same():
    # the sign flip also drops the padding torch put before every element
    old = _notebook(_result("tensor([[ 0.1234, -0.0000],\n        [ 1.5000,  2.2500]])"))
    new = _notebook(_result("tensor([[0.1235, 0.0000],\n        [1.5000, 2.2501]])"))
    assert fresh.differences(old, new) == []


def test_full_precision_floats_within_relative_tolerance_are_the_same():
    old = _notebook(_result("0.6931471824645996 1.2346e-05"))
    new = _notebook(_result("0.6931471228599548 1.2347e-05"))
    assert fresh.differences(old, new) == []


def test_a_print_flushed_in_two_stream_outputs_is_the_same():
    # seen on a forced rebuild under ATEN_CPU_CAPABILITY=default: the kernel flushed
    # "second column:       " before the tensor's repr reached it
    old = _notebook(_stream("second column:       tensor([2., 5.])\nstacked\n"))
    new = _notebook(_stream("second column:       "), _stream("tensor([2., 5.])\nstacked\n"))
    assert fresh.differences(old, new) == []
    changed = _notebook(_stream("second column:       "), _stream("tensor([2., 50.])\nstacked\n"))
    assert "'5.' became '50.'" in fresh.differences(old, changed)[0]


def test_png_of_the_same_size_with_other_bytes_is_the_same():
    old, new = _png(46, 33, shade=10), _png(46, 33, shade=200)
    assert old != new and fresh.png_size(old) == fresh.png_size(new) == (46, 33)
    assert fresh.differences(_notebook(_figure(old)), _notebook(_figure(new))) == []


FIGURE = _png(46, 33)
BASE = dict(outputs=(_stream("loss 0.5000 after 10 steps\n"), _figure(FIGURE)), source="fit()")
CHANGES = {
    "number": (dict(outputs=(_stream("loss 0.5100 after 10 steps\n"), _figure(FIGURE))), "'0.5000' became '0.5100'"),
    "integer": (dict(outputs=(_stream("loss 0.5000 after 11 steps\n"), _figure(FIGURE))), "'10' became '11'"),
    "word": (dict(outputs=(_stream("loss 0.5000 after 10 epochs\n"), _figure(FIGURE))), "'steps' became 'epochs'"),
    "missing figure": (dict(outputs=(_stream("loss 0.5000 after 10 steps\n"),)), "became [stream stdout]"),
    "figure size": (dict(outputs=(_stream("loss 0.5000 after 10 steps\n"), _figure(_png(46, 34)))),
                    "image 46x33 became 46x34"),
    "source": (dict(source="fit(steps=20)"), "source changed"),
    "extra output": (dict(outputs=(*BASE["outputs"], _stream("done\n"))),
                     "became [stream stdout, display_data, stream stdout]"),
    "extra line": (dict(outputs=(_stream("loss 0.5000 after 10 steps\ndone\n"), _figure(FIGURE))), "gained 'done'"),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_real_change_is_reported_naming_the_cell(change):
    edit, expected = CHANGES[change]
    found = fresh.differences(_notebook(*BASE["outputs"], source=BASE["source"]),
                              _notebook(*edit.get("outputs", BASE["outputs"]), source=edit.get("source", BASE["source"])))
    assert len(found) == 1 and found[0].startswith("cell 1 (code)") and expected in found[0], found


def test_a_rebuild_keeps_the_old_bytes_only_when_the_meaning_is_the_same(tmp_path):
    name, old_dir, staged = "03_fit", tmp_path / "committed", tmp_path / "staging"
    for folder, nb in ((old_dir, _notebook(_stream("y = -0.0000\n"))), (staged, _notebook(_stream("y = 0.0000\n")))):
        folder.mkdir()
        nbformat.write(nb, folder / f"{name}.ipynb")
        (folder / f"{name}.html").write_text(f"<p>{folder.name}</p>")
    assert fresh.keep_committed_solution(staged, old_dir, name)
    assert (staged / f"{name}.ipynb").read_bytes() == (old_dir / f"{name}.ipynb").read_bytes()
    assert (staged / f"{name}.html").read_text() == "<p>committed</p>"

    nbformat.write(_notebook(_stream("y = 0.5000\n")), staged / f"{name}.ipynb")
    (staged / f"{name}.html").write_text("<p>new</p>")
    assert not fresh.keep_committed_solution(staged, old_dir, name)
    assert (staged / f"{name}.html").read_text() == "<p>new</p>"


def _committed(name: str) -> nbformat.NotebookNode:
    return nbformat.read(paths.ROOT / "solutions" / name / f"{name}.ipynb", as_version=4)


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_a_committed_solution_means_the_same_as_itself(name):
    assert fresh.differences(_committed(name), _committed(name)) == []


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_one_changed_printed_number_in_a_committed_solution_is_reported(name):
    nb = _committed(name)
    decimal = re.compile(r"(?<![\w.])-?\d+\.(\d+)(?![\w.])")
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            key = "text" if output.output_type == "stream" else "text/plain"
            holder = output if key == "text" else output.get("data", {})
            match = decimal.search(holder.get(key, ""))
            if match:
                break
        else:
            continue
        break
    else:
        pytest.fail(f"{name}: no printed decimal number in the solution; pick another way to edit it")
    places = len(match.group(1))
    bumped = f"{float(match.group()) + 1:.{places}f}"
    holder[key] = holder[key][:match.start()] + bumped + holder[key][match.end():]
    found = fresh.differences(_committed(name), nb)
    assert len(found) == 1 and found[0].startswith(f"cell {index} ") and f"became {bumped!r}" in found[0], found


"""The grader's reader of a notebook's folder: what the student's process left there cannot reach
past it, block it, or fill its memory."""

from __future__ import annotations

import os
import pickle
import threading

import numpy as np
import pytest

from autodiff_course import jobfiles
from autodiff_course.hidden import CheckFailed


def test_a_plain_folder_and_file_are_read(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "b.txt").write_bytes(b"bytes")
    (tmp_path / "data" / "a\nodd name").write_bytes(b"")
    assert jobfiles.list_folder(tmp_path, "data") == ["a\nodd name", "b.txt"]
    assert jobfiles.read_file(tmp_path, "data/b.txt", limit=5) == b"bytes"
    assert jobfiles.list_folder(tmp_path, "missing") is None


def test_links_are_never_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.pkl").write_bytes(pickle.dumps(np.zeros(3)))
    work = tmp_path / "work"
    work.mkdir()
    (work / "linked_folder").symlink_to(outside)
    (work / "real").mkdir()
    (work / "real" / "linked_file.pkl").symlink_to(outside / "secret.pkl")
    assert jobfiles.list_folder(work, "linked_folder") is None
    with pytest.raises(CheckFailed, match="missing or a link"):
        jobfiles.read_file(work, "linked_folder/secret.pkl", limit=1000)
    with pytest.raises(CheckFailed, match="link"):
        jobfiles.read_file(work, "real/linked_file.pkl", limit=1000)
    os.link(outside / "secret.pkl", work / "real" / "hard.pkl")  # a second name for another file
    with pytest.raises(CheckFailed, match="not a plain file"):
        jobfiles.read_file(work, "real/hard.pkl", limit=1000)
    with pytest.raises(ValueError):
        jobfiles.read_file(work, "real/../../outside/secret.pkl", limit=1000)


def test_a_fifo_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "dataset_001.pkl")
    outcome = []
    reader = threading.Thread(daemon=True, target=lambda: outcome.append(pytest.raises(CheckFailed, jobfiles.read_file,
                                                                          tmp_path, "dataset_001.pkl", 100)))
    reader.start()
    reader.join(5)  # a blocking open would never return: no writer ever comes
    assert not reader.is_alive() and outcome and "not a plain file" in str(outcome[0].value)


def test_sizes_and_counts_are_capped(tmp_path):
    with open(tmp_path / "big.pkl", "wb") as handle:
        handle.truncate(10**9)  # sparse: a gigabyte on paper, nothing on disk
    with pytest.raises(CheckFailed, match="larger than"):
        jobfiles.read_file(tmp_path, "big.pkl", limit=4 << 20)
    many = tmp_path / "many"
    many.mkdir()
    for index in range(jobfiles.MAX_ENTRIES + 1):
        (many / str(index)).touch()
    with pytest.raises(CheckFailed, match="more than"):
        jobfiles.list_folder(tmp_path, "many")


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_arrays_load_under_every_pickle_protocol(tmp_path, protocol):
    array = np.arange(24, dtype=np.float64).reshape(2, 4, 3)
    (tmp_path / "a.pkl").write_bytes(pickle.dumps(array, protocol=protocol))
    assert np.array_equal(jobfiles.load_array(tmp_path, "a.pkl", 1 << 20), array)


class Allocate:
    """Pickles as a call that would allocate far more than its file holds."""

    def __init__(self, call):
        self.call = call

    def __reduce__(self):
        return self.call


@pytest.mark.parametrize("call", [(bytearray, (10**12,)), (list, (range(10**12),)),
                                  (np._core.multiarray._reconstruct, (np.ndarray, (10**12,), b"b"))],
                         ids=["bytearray", "list_of_range", "shaped_reconstruct"])
def test_pickles_that_would_fill_the_grader_are_refused(tmp_path, call):
    (tmp_path / "a.pkl").write_bytes(pickle.dumps(Allocate(call)))
    with pytest.raises(CheckFailed, match="unsafe pickle refused"):
        jobfiles.load_array(tmp_path, "a.pkl", 1 << 20)


def test_anything_but_an_array_is_refused(tmp_path):
    (tmp_path / "a.pkl").write_bytes(pickle.dumps([np.zeros(2)]))
    with pytest.raises(CheckFailed, match="holds a list"):
        jobfiles.load_array(tmp_path, "a.pkl", 1 << 20)

"""The fork-server protocol and the child's progress steps: whatever a notebook garbles or forges
decodes to an error or an ``unknown`` step, never an exception in the grader."""

from __future__ import annotations

import json

import pytest

from autodiff_course.grade import protocol
from autodiff_course.grade.outcome import decode_outcome
from autodiff_course.grade.protocol import Garbled, Reply, Request, Ready, Step, decode, decode_step, encode
from autodiff_course.grade.settings import Limits


def test_messages_round_trip():
    for message in (Ready(1, True, ""), Request("/j/spec.json", "/j/run0", "/j/log", 61000),
                    Request("/s", "/c", "/l", None), Reply(-9)):
        line = encode(message)
        assert line.endswith(b"\n") and line.count(b"\n") == 1
        assert decode(line, type(message)) == message


@pytest.mark.parametrize("line", [
    b"", b"garbage", b"\xff\xfe", b"[1, 2]", b'"code"', b"{" * 100_000,
    json.dumps({"code": 0}).encode(),  # no version
    json.dumps({"v": 99, "kind": "reply", "code": 0}).encode(),  # another version
    json.dumps({"v": 1, "kind": "ready", "pid": 1, "enclosed": True, "why": ""}).encode(),  # not a reply
    json.dumps({"v": 1, "kind": "reply", "code": "0"}).encode(),
    json.dumps({"v": 1, "kind": "reply", "code": True}).encode(),
    json.dumps({"v": 1, "kind": "reply"}).encode(),
])
def test_a_garbled_or_forged_reply_is_an_error_not_an_exception(line):
    decoded = decode(line, Reply)
    assert isinstance(decoded, Garbled) and decoded.why


@pytest.mark.parametrize("text, expected", [
    ("cell 7", Step.cell(7)), ("check save", Step.check("save")), ("test q1/test_a", Step.test("q1/test_a")),
    ("startup", Step("startup")), ("", Step("startup")), ("done", Step("done")),
    ("loading checks", Step("loading checks")), ("writing results", Step("writing results")),
])
def test_steps_round_trip(text, expected):
    assert decode_step(text) == expected
    if text:
        assert decode_step(expected.encode()) == expected


@pytest.mark.parametrize("text", [
    "cell x", "cell -1", "cell 1e9", "cell ", "cell 99999999999999999999", "cell ٣", "check ", "test",
    "check \x00evil", "hello", "x" * 10_000, "test  padded",
])
def test_a_garbled_or_forged_step_is_unknown_and_still_describable(text):
    step = decode_step(text)
    assert step.kind == "unknown" and not step.skippable
    assert step.describe().startswith("an unknown step")


def test_a_garbled_progress_file_becomes_a_crash_reason(tmp_path):
    (tmp_path / "progress").write_text("cell NaN\n")
    outcome = decode_outcome(tmp_path, -9, "", 1.0, Limits())
    assert outcome.kind == "crashed" and outcome.step.kind == "unknown"
    assert "killed by signal 9" in outcome.failure and "an unknown step" in outcome.failure
    (tmp_path / "progress").write_text("cell 3")
    outcome = decode_outcome(tmp_path, None, "timeout", 1.0, Limits(timeout=5))
    assert outcome.kind == "timeout" and "notebook cell 4" in outcome.failure and outcome.step == Step.cell(3)


def test_a_linked_progress_file_is_not_followed(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("check the_judges_answer")
    (tmp_path / "job").mkdir()
    (tmp_path / "job" / "progress").symlink_to(secret)
    assert decode_outcome(tmp_path / "job", 1, "", 1.0, Limits()).step == Step("startup")


def test_the_version_is_on_every_line():
    assert json.loads(encode(Reply(0)))["v"] == protocol.VERSION

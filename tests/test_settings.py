"""Every limit and ``AUTODIFF_*`` switch is declared once (grade/settings.py) and reaches the CLI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from autodiff_course import cli
from autodiff_course.grade import gradescope, settings

SRC = Path(settings.__file__).resolve().parents[1]
SETTINGS = Path(settings.__file__).resolve()


def test_every_autodiff_switch_is_named_only_in_settings():
    named = {}
    for path in SRC.rglob("*.py"):
        for name in re.findall(r"AUTODIFF_[A-Z_]+", path.read_text(encoding="utf-8")):
            named.setdefault(name, set()).add(path)
    assert named, "no AUTODIFF_* names found"
    for name, paths in named.items():
        assert paths == {SETTINGS}, f"{name} is written outside settings.py: {sorted(map(str, paths))}"
        assert name in settings.SWITCHES or name == settings.CHILD_MARK, f"{name} is not declared"
    for switch in settings.SWITCHES.values():
        assert switch.help


def test_limit_defaults_are_written_once():
    """The defaults (600, 120, 4096...) appear in settings.py and nowhere else in the package."""
    for name, _kind, default, text in settings.limit_fields():
        assert text
        literal = re.compile(rf"(?<![\w.]){re.escape(f'{default:g}')}(\.0)?(?![\w.])")
        for path in [*SRC.glob("grade/*.py"), SRC / "cli.py"]:
            if path != SETTINGS:
                source = path.read_text(encoding="utf-8")
                hits = [line for line in source.splitlines() if name in line and literal.search(line)]
                assert not hits, f"{path.name} writes the default of {name} again: {hits}"


def test_grade_help_lists_every_limit_with_its_default(capsys):
    with pytest.raises(SystemExit):
        cli.main(["grade", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for name, _kind, default, _text in settings.limit_fields():
        assert f"--{name.replace('_', '-')}" in text
        assert re.search(rf"--{name.replace('_', '-')} \S+ .*?\(default {default:g}\)", text), name


def test_cli_limits_reach_the_engine(monkeypatch, tmp_path):
    seen = {}

    def fake_main(**kwargs):
        seen.update(kwargs)
        return 0

    from autodiff_course.grade import batch

    monkeypatch.setattr(batch, "main", fake_main)
    assert cli.main(["grade", "-a", "x", "--out", str(tmp_path), "--cell-timeout", "7", "nb.ipynb"]) == 0
    limits = settings.limits_from(**{n: seen[n] for n, *_ in settings.limit_fields()})
    assert limits == settings.Limits(cell_timeout=7.0)


def test_gradescope_keeps_the_declared_limits_below_its_own():
    defaults = settings.Limits()
    assert gradescope.LIMITS.cell_timeout == defaults.cell_timeout
    assert gradescope.LIMITS.timeout + gradescope.LIMITS.grace < 600, "Gradescope stops the autograder at 10 min"

"""What ``otter run`` meets in an autograder zip of ours: a refusal, before the notebook runs.

Otter's own runner executes the notebook in a kernel of the instructor's session, with none of
the grader's limits or isolation, and then runs the hidden tests in that same process. The build
names :class:`Refuse` in the zip's ``otter_config.json`` (``plugins``); otter loads the plugins
before it executes anything, and this one stops the run with a message naming the course's
grader. Gradescope never loads it: the zip's ``run_otter.py`` runs the engine instead. Where
this package is not installed, otter stops just the same, on the import."""

from __future__ import annotations

from pathlib import Path

MESSAGE = (
    "this autograder zip is graded only by the course's own engine: `otter run` would execute the "
    "notebook in your session, unsandboxed, beside the hidden tests. Grade it with "
    "`autodiff-course grade -a {assignment} --out DIR {notebook}` (the engine Gradescope runs), or upload "
    "the zip to Gradescope"
)


class Refuse:
    """An otter plugin (otter calls it by name, with these three arguments) that ends the run at
    its first event, ``before_grading``."""

    def __init__(self, submission_path: str, submission_metadata: dict, plugin_config: dict):
        self.notebook = Path(submission_path).name

    def before_grading(self, config) -> None:
        from otter.run.run_autograder.utils import OtterRuntimeError

        raise OtterRuntimeError(MESSAGE.format(assignment=getattr(config, "assignment_name", None) or "NAME",
                                               notebook=self.notebook))

"""The grading child's entry point: ``python -m autodiff_course.grade.worker --serve CONFIG``.

``--serve CONFIG`` starts the fork server (:mod:`.zygote`); ``worker SPEC.json`` runs one child
(:mod:`.runner`) without a server, for debugging. Kept as a name of its own because the grader
starts it and the autograder zip's package part is computed from it (``build.RUNTIME_ENTRY_POINTS``).
"""

import os
import sys

from .runner import main_or_report
from .zygote import serve

if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        os._exit(serve(*sys.argv[2:3]))
    os._exit(main_or_report())  # skip interpreter teardown: student threads or atexit hooks cannot hang us

"""``python -m autodiff_course``: the same as the ``autodiff-course`` command."""

from .cli import main

raise SystemExit(main())

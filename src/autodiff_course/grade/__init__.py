"""Batch grading: every submission in its own process, judges in the grading process.

Usage::

    autodiff-course grade -a 01_pickle_datasets --out graded/01 --jobs 2 submissions.zip more/*.ipynb
    autodiff-course report graded/01            # graded/01/report.html
    autodiff-course export graded/01 --roster gradebook.csv --canvas-column "Assignment 01 (1234)"

``graded/01`` then holds ``<id>/results.json`` (Gradescope schema), ``<id>/<id>.ipynb`` (the
executed notebook), ``<id>/grade.json`` (everything, for instructors), ``grades.csv``,
``canvas_grades.csv`` and ``batch.json``. Running the same command again grades only what is
missing or changed (``--force`` grades everything again). Grading needs the built release of the
assignment (``student_release/`` and ``autograder/``), not the masters.

The pipeline, one small module per step:

``submissions``  find submissions (notebooks, export zips, folders, Canvas downloads) and name them
``release``      what grading needs from a built release: support files, tests, their points
``worker``       the child process: runs one notebook, then the probes and public tests; plain JSON out
``engine``       schedules children (limits, timeouts, retries, ``--jobs``), judges, resumable output
``results``      Gradescope ``results.json``, ``grades.csv`` and the Canvas gradebook CSV
``report``       an HTML report of a graded batch
``gradescope``   the entry point the Gradescope autograder zip runs
"""

"""Batch grading: every submission in its own process, judges in the grading process.

The pipeline, one small module per step:

``submissions``  find submissions (notebooks, export zips, folders, Canvas downloads) and name them
``release``      what grading needs from a built release: support files, tests, their points
``worker``       the child process: runs one notebook, then the probes and public tests; plain JSON out
``engine``       schedules children (limits, timeouts, retries, ``--jobs``), judges, resumable output
``results``      Gradescope ``results.json``, ``grades.csv`` and the Canvas gradebook CSV
``report``       an HTML report of a graded batch
``gradescope``   the entry point the Gradescope autograder zip runs
"""

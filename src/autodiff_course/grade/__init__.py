"""Batch grading: every submission in its own process, judges in the grading process.

Usage::

    autodiff-course grade -a 01_pickle_datasets --out graded/01 --jobs 2 submissions.zip more/*.ipynb
    autodiff-course report graded/01            # graded/01/report.html
    autodiff-course export graded/01 --roster gradebook.csv --canvas-column "Assignment 01 (1234)"

``graded/01`` then holds ``<id>/results.json`` (Gradescope schema), ``<id>/<id>.ipynb`` (the
executed notebook), ``<id>/grade.json`` (everything, for instructors), ``grades.csv``,
``canvas_grades.csv``, ``credit.json`` and ``batch.json``: a ledger of one assignment, to which
later runs (late work) add. Running the same command again grades only what is missing or
changed (``--force`` grades everything again). Grading needs the built release of the
assignment (``student_release/`` and ``autograder/``), not the masters.

One module per mechanism. In the grading process:

``settings``     the limits (``Limits``) and every ``AUTODIFF_*`` switch, declared once
``submissions``  find submissions (notebooks, export zips, folders, Canvas downloads) and name them
``release``      what grading needs from a built release: support files, tests, their points
``intake``       a submission's bytes, digest and parsed notebook
``engine``       the batch: resume, thread pool, retries without a fatal step, interruption
``outcome``      one child run: its spec, its request, the files it left decoded into an outcome
``client``       the fork servers (one per job slot): start, request, stop
``sandbox``      policy: namespaces, the child's uid, its process limit and environment
``scoring``      judges, per-test scores, contributors, the grade record
``ledger``       a results folder as a ledger of one assignment: ``batch.json``, adding and replacing
``roster``       a Canvas gradebook export: its students, columns and points possible
``credit``       the credit rule: who gets which grade in Canvas, and what it refused
``spreadsheet``  every CSV written, with cells that could run as formulas neutralised
``results``      Gradescope ``results.json``, ``grades.csv``, the Canvas CSV and ``credit.json``
``report``       an HTML report of a graded batch, for the instructor
``written``      the written answers per question, and the sheet for their scores
``manual``       those scores read back, and totals that count them
``gradescope``   the entry point the Gradescope autograder zip runs
``otter_plugin`` what ``otter run`` meets in that zip: a refusal, before the notebook runs

Shared by both sides: ``protocol`` (versioned messages and progress steps, validated on decode),
``cells`` (a cell named as Jupyter shows it: ``In [15]`` and its first line),
``files`` (atomic writes, reading what a child wrote), ``processes`` (process groups, the token
sweep). In the fork server and its children: ``worker`` (the entry point), ``zygote`` (the fork
server), ``enclosure`` (mounts, chroot), ``privileges`` (uid, capabilities, rlimits), ``runner``
(one notebook, its probes and public tests) and ``capture`` (the shell's outputs).
"""

"""Hidden inputs and probes, one module per assignment (``a<NN_name>``).

These modules run in the student's process. The code judging a probe's data (references,
expected values, tolerances) lives in a sibling package that process never imports.
"""

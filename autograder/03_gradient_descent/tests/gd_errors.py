from otter.test_files import test_case

OK_FORMAT = False

name = "gd_errors"
points = 3

@test_case(points=0, hidden=False)
def test_gd_errors_shapes(gd_errors, max_stable_lr):
    import numpy as np
    errors = np.asarray(gd_errors(0.1, 5))
    assert errors.shape == (6,), 'gd_errors should return n_steps + 1 errors'
    assert isinstance(max_stable_lr, (int, float)) and max_stable_lr > 0, 'max_stable_lr should be a positive number'

@test_case(points=2, hidden=True)
def test_gd_errors_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('gd_errors', env)

@test_case(points=1, hidden=True)
def test_max_stable_lr_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('max_stable_lr', env)


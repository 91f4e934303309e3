from otter.test_files import test_case

OK_FORMAT = False

name = "cubic_grads_numpy"
points = 3

@test_case(points=0, hidden=False)
def test_cubic_grads_shape(cubic_grads_numpy):
    import numpy as np
    grads = cubic_grads_numpy(np.array([0.0, 1.0]), np.array([0.0, 0.0]), 0.0, 0.0, 0.0, 0.0)
    assert len(grads) == 4, 'return four numbers, one per coefficient'
    assert all((float(g) == 0.0 for g in grads)), 'a zero polynomial fits zero targets exactly: every gradient is 0'

@test_case(points=3, hidden=True)
def test_cubic_grads_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('cubic_grads', env)


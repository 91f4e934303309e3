from otter.test_files import test_case

OK_FORMAT = False

name = "save_trajectories"
points = 3

@test_case(points=0, hidden=False)
def test_save_shape(save_trajectories):
    import os, tempfile
    import numpy as np
    with tempfile.TemporaryDirectory() as tmp:
        paths = save_trajectories([np.zeros((2, 3, 3)), np.ones((2, 3, 3))], os.path.join(tmp, 'out'))
        assert len(paths) == 2, 'save_trajectories should return one path per array'
        assert all((os.path.exists(p) for p in paths)), 'every returned path should exist'

@test_case(points=3, hidden=True)
def test_save_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('save', env)


from otter.test_files import test_case

OK_FORMAT = False

name = "load_trajectories"
points = 3

@test_case(points=0, hidden=False)
def test_load_roundtrip(save_trajectories, load_trajectories):
    import tempfile
    import numpy as np
    with tempfile.TemporaryDirectory() as tmp:
        arrays = [np.full((2, 2, 3), float(i)) for i in range(3)]
        save_trajectories(arrays, tmp)
        back = load_trajectories(tmp)
        assert isinstance(back, list), 'load_trajectories should return a list'
        assert len(back) == 3, 'load_trajectories should return one array per dataset file'

@test_case(points=3, hidden=True)
def test_load_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('load', env)


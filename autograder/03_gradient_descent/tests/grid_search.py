from otter.test_files import test_case

OK_FORMAT = False

name = "grid_search"
points = 2

@test_case(points=0, hidden=False)
def test_grid_search_shapes(grid_search):
    import numpy as np
    calls = []

    def bowl(x):
        calls.append(np.asarray(x).shape)
        return float(np.sum((np.asarray(x) - 0.3) ** 2))
    x_best, f_best = grid_search(bowl, [-1.0, 0.0], [1.0, 2.0], 5)
    assert np.shape(x_best) == (2,), 'x_best should be a 1-D array of d numbers'
    assert isinstance(float(f_best), float), 'f_best should be a number'
    assert len(calls) >= 25 and set(calls) == {(2,)}, 'call f once per grid point, with one point of d numbers'

@test_case(points=2, hidden=True)
def test_grid_search_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('grid_search', env)


from otter.test_files import test_case

OK_FORMAT = False

name = "random_search"
points = 3

@test_case(points=0, hidden=False)
def test_random_search_shapes(random_search):
    import numpy as np
    x_best, history = random_search(lambda v: float(np.sum(np.asarray(v) ** 2)), np.array([1.0, 2.0]), 20, 0.1, 0)
    assert np.shape(x_best) == (2,), 'x_best should have the shape of x0'
    assert len(history) in (20, 21), 'best_history should hold one value per iteration'

@test_case(points=3, hidden=True)
def test_random_search_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('random_search', env)


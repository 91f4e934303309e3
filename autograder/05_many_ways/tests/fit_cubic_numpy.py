from otter.test_files import test_case

OK_FORMAT = False

name = "fit_cubic_numpy"
points = 3

@test_case(points=0, hidden=False)
def test_fit_cubic_numpy_shape(fit_cubic_numpy):
    coefficients, losses = fit_cubic_numpy(3, 1e-06)
    assert len(coefficients) == 4, 'return the four coefficients (a, b, c, d)'
    assert len(losses) == 3, 'losses should hold n_steps values'
    coefficients, losses = fit_cubic_numpy(0, 1e-06)
    assert len(coefficients) == 4 and len(losses) == 0, 'n_steps = 0 returns the start and no losses'

@test_case(points=3, hidden=True)
def test_fit_cubic_numpy_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('fit_numpy', env)


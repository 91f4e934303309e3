from otter.test_files import test_case

OK_FORMAT = False

name = "fit_legendre"
points = 5

@test_case(points=0, hidden=False)
def test_fit_legendre_shape(fit_legendre):
    coefficients, losses = fit_legendre(2, 5e-06)
    assert len(coefficients) == 4 and len(losses) == 2, 'return (a, b, c, d) and n_steps losses'

@test_case(points=2, hidden=True)
def test_legendre_function_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('legendre_function', env)

@test_case(points=3, hidden=True)
def test_fit_legendre_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('fit_legendre', env)


from otter.test_files import test_case

OK_FORMAT = False

name = "fit_cubic_to_sin"
points = 3

@test_case(points=0, hidden=False)
def test_fit_cubic_shape(fit_cubic_to_sin):
    coefficients = fit_cubic_to_sin(2, 0.001)
    assert len(coefficients) == 4, 'return (a, b, c, d)'
    assert all((isinstance(v, float) for v in coefficients)), 'the coefficients should be Python floats'

@test_case(points=3, hidden=True)
def test_fit_cubic_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('fit_cubic', env)


from otter.test_files import test_case

OK_FORMAT = False

name = "fit_cubic_autograd"
points = 3

@test_case(points=0, hidden=False)
def test_fit_cubic_autograd_shape(fit_cubic_autograd):
    coefficients, losses = fit_cubic_autograd(3, 1e-06)
    assert len(coefficients) == 4 and len(losses) == 3, 'return (a, b, c, d) and n_steps losses'
    assert all((isinstance(float(v), float) for v in coefficients)), 'the coefficients should be numbers'

@test_case(points=3, hidden=True)
def test_fit_cubic_autograd_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('fit_autograd', env)


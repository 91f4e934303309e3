from otter.test_files import test_case

OK_FORMAT = False

name = "fit_cubic_tensors"
points = 5

@test_case(points=0, hidden=False)
def test_fit_cubic_tensors_shape(fit_cubic_tensors):
    import torch
    coefficients, losses = fit_cubic_tensors(3, 1e-06, torch.device('cpu'))
    assert len(coefficients) == 4 and len(losses) == 3, 'return (a, b, c, d) and n_steps losses'
    assert all((isinstance(float(v), float) for v in coefficients)), 'the coefficients should be numbers'

@test_case(points=3, hidden=True)
def test_fit_cubic_tensors_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('fit_tensors', env)

@test_case(points=2, hidden=True)
def test_fit_cubic_tensors_device_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('tensors_device', env)


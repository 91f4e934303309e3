from otter.test_files import test_case

OK_FORMAT = False

name = "fit_sine"
points = 3

@test_case(points=0, hidden=False)
def test_fit_sine_shapes(fit_sine):
    import numpy as np
    xs = np.linspace(-1, 1, 7).astype(np.float32)
    omega, t, losses = fit_sine(xs, np.sin(xs), n_iter=4)
    assert isinstance(float(omega), float) and isinstance(float(t), float), 'omega and t should be numbers'
    assert len(losses) == 4, 'losses should hold n_iter values'

@test_case(points=3, hidden=True)
def test_fit_sine_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('fit_sine', env)


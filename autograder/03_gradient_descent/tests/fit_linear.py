from otter.test_files import test_case

OK_FORMAT = False

name = "fit_linear"
points = 2

@test_case(points=0, hidden=False)
def test_fit_linear_shape(fit_linear):
    import numpy as np
    import torch
    theta = fit_linear(np.array([0.0, 1.0, 2.0], dtype=np.float32), np.array([1.0, 2.0, 2.5], dtype=np.float32), 0.1, 3)
    assert isinstance(theta, torch.Tensor) and theta.numel() == 2, 'return a tensor [theta0, theta1]'
    assert not theta.requires_grad, 'return a detached theta'

@test_case(points=2, hidden=True)
def test_fit_linear_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('fit_linear', env)


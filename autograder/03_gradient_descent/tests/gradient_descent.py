from otter.test_files import test_case

OK_FORMAT = False

name = "gradient_descent"
points = 5

@test_case(points=0, hidden=False)
def test_gradient_descent_shapes(gradient_descent):
    import torch
    x, history = gradient_descent(lambda v: (v * v).sum(), torch.tensor([1.0, -2.0]), 0.1, 3)
    assert isinstance(x, torch.Tensor) and x.shape == (2,), 'x should be a tensor shaped like x0'
    assert not x.requires_grad, 'return a detached x'
    assert len(history) == 4, 'history should hold n_steps + 1 values'
    x, history = gradient_descent(lambda v: (v - 1) ** 2, 0.5, 0.1, 2)
    assert isinstance(x, torch.Tensor) and x.numel() == 1, 'a float x0 gives a single-number tensor'

@test_case(points=3, hidden=True)
def test_gd_iterates_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('gd_iterates', env)

@test_case(points=2, hidden=True)
def test_gd_convergence_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('gd_convergence', env)


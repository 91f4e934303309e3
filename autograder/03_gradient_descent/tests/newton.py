from otter.test_files import test_case

OK_FORMAT = False

name = "newton"
points = 3

@test_case(points=0, hidden=False)
def test_newton_shapes(newton):
    import torch
    x, history = newton(lambda v: torch.cosh(v - 0.3), 1.0, 3)
    assert isinstance(x, torch.Tensor) and x.numel() == 1, 'x should be a single-number tensor'
    assert not x.requires_grad, 'return a detached x'
    assert len(history) == 4, 'history should hold n_steps + 1 values'

@test_case(points=2, hidden=True)
def test_newton_iterates_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('newton_iterates', env)

@test_case(points=1, hidden=True)
def test_newton_quadratic_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('newton_quadratic', env)


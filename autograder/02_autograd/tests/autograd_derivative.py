from otter.test_files import test_case

OK_FORMAT = False

name = "autograd_derivative"
points = 4

@test_case(points=0, hidden=False)
def test_autograd_derivative_shape(autograd_derivative):
    import torch
    x = torch.linspace(0.0, 1.0, 7)
    result = autograd_derivative(torch.exp, x)
    assert isinstance(result, torch.Tensor), 'autograd_derivative should return a tensor'
    assert result.shape == x.shape, 'the result should have the shape of x'
    assert not result.requires_grad, 'the result should be detached'
    assert not x.requires_grad and x.grad is None, 'x should be left as it was'

@test_case(points=4, hidden=True)
def test_autograd_derivative_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('autograd_derivative', env)


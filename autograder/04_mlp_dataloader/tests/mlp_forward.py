from otter.test_files import test_case

OK_FORMAT = False

name = "mlp_forward"
points = 3

@test_case(points=0, hidden=False)
def test_forward_shape(mlp_forward):
    import torch
    weights = [torch.zeros(1, 3), torch.zeros(3), torch.zeros(3, 1), torch.zeros(1)]
    out = mlp_forward(torch.zeros(5, 1), *weights)
    assert isinstance(out, torch.Tensor) and tuple(out.shape) == (5, 1), 'x of shape (5, 1) should give (5, 1)'

@test_case(points=3, hidden=True)
def test_forward_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('forward', env)


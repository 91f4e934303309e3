from otter.test_files import test_case

OK_FORMAT = False

name = "gnarly_G"
points = 4

@test_case(points=0, hidden=False)
def test_G_shapes(G, G_prime, G_second):
    import torch
    x = torch.linspace(-0.5, 0.5, 4, dtype=torch.float64)
    assert isinstance(G(x), torch.Tensor) and G(x).shape == x.shape, 'G should return a tensor shaped like x'
    for func in (G_prime, G_second):
        result = func(x)
        assert isinstance(result, torch.Tensor), f'{func.__name__} should return a tensor'
        assert result.shape == x.shape, f'{func.__name__} should return a tensor shaped like x'
        assert not result.requires_grad, f'{func.__name__} should return a detached tensor'

@test_case(points=1, hidden=True)
def test_G_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('G', env)

@test_case(points=3, hidden=True)
def test_G_derivatives_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('G_derivatives', env)


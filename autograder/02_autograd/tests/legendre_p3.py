from otter.test_files import test_case

OK_FORMAT = False

name = "legendre_p3"
points = 3

@test_case(points=0, hidden=False)
def test_legendre_p3_shape(LegendreP3):
    import torch
    assert issubclass(LegendreP3, torch.autograd.Function), 'LegendreP3 should subclass torch.autograd.Function'
    x = torch.zeros(4, requires_grad=True)
    y = LegendreP3.apply(x)
    assert isinstance(y, torch.Tensor) and y.shape == x.shape, 'LegendreP3.apply should keep the shape'

@test_case(points=3, hidden=True)
def test_legendre_p3_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('legendre', env)


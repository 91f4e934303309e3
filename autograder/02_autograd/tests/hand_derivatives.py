from otter.test_files import test_case

OK_FORMAT = False

name = "hand_derivatives"
points = 2

@test_case(points=0, hidden=False)
def test_hand_derivatives_shape(hand_derivative_poly, hand_derivative_sin):
    import torch
    x = torch.zeros(2, 3)
    for func in (hand_derivative_poly, hand_derivative_sin):
        result = func(x)
        assert isinstance(result, torch.Tensor), f'{func.__name__} should return a tensor'
        assert result.shape == x.shape, f'{func.__name__} should keep the shape of x'

@test_case(points=2, hidden=True)
def test_hand_derivatives_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('hand_derivatives', env)


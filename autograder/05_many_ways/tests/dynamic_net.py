from otter.test_files import test_case

OK_FORMAT = False

name = "dynamic_net"
points = 4

@test_case(points=0, hidden=False)
def test_dynamic_net_shape(DynamicNet):
    import torch
    model = DynamicNet()
    assert len(list(model.parameters())) == 5, 'DynamicNet should register exactly five parameters'
    assert model(torch.zeros(5)).shape == (5,), 'forward should give one value per point'
    assert isinstance(model.string(), str), 'string() should return text'

@test_case(points=4, hidden=True)
def test_dynamic_net_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('dynamic', env)


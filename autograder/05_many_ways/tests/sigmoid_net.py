from otter.test_files import test_case

OK_FORMAT = False

name = "sigmoid_net"
points = 2

@test_case(points=0, hidden=False)
def test_sigmoid_net_shape(SigmoidNet):
    import torch
    model = SigmoidNet(3)
    assert model(torch.zeros(7)).shape == (7,), 'forward should give one value per point'
    assert len(list(model.parameters())) == 4, 'two Linear layers hold four parameter tensors'

@test_case(points=2, hidden=True)
def test_sigmoid_net_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('sigmoid_net', env)


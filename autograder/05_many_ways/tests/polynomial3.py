from otter.test_files import test_case

OK_FORMAT = False

name = "polynomial3"
points = 3

@test_case(points=0, hidden=False)
def test_polynomial3_shape(Polynomial3):
    import torch
    model = Polynomial3()
    assert isinstance(model, torch.nn.Module), 'Polynomial3 should be an nn.Module'
    assert len(list(model.parameters())) == 4, 'Polynomial3 should register exactly four parameters'
    assert model(torch.zeros(5)).shape == (5,), 'forward should give one value per point'
    assert isinstance(model.string(), str), 'string() should return text'

@test_case(points=3, hidden=True)
def test_polynomial3_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('polynomial3', env)


from otter.test_files import test_case

OK_FORMAT = False

name = "MyOwnMLP"
points = 4

@test_case(points=0, hidden=False)
def test_module_shape(MyOwnMLP):
    import torch
    model = MyOwnMLP(hidden=5)
    assert isinstance(model, torch.nn.Module), 'MyOwnMLP should subclass torch.nn.Module'
    assert sum((p.numel() for p in model.parameters())) == 16, 'with hidden=5 the module should register 3 * 5 + 1 numbers'
    out = model(torch.zeros(3, 1))
    assert tuple(out.shape) == (3, 1), 'an input of shape (3, 1) should give an output of shape (3, 1)'

@test_case(points=4, hidden=True)
def test_module_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('module', env)


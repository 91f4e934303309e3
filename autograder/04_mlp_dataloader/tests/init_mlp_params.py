from otter.test_files import test_case

OK_FORMAT = False

name = "init_mlp_params"
points = 2

@test_case(points=0, hidden=False)
def test_init_shapes(init_mlp_params):
    import torch
    params = init_mlp_params(hidden=4, seed=1)
    assert len(params) == 4, 'init_mlp_params should return (w1, b1, w2, b2)'
    assert [tuple(p.shape) for p in params] == [(1, 4), (4,), (4, 1), (1,)], 'check the four shapes'
    assert all((isinstance(p, torch.Tensor) and p.requires_grad and p.is_leaf for p in params)), 'every parameter should be a leaf tensor with requires_grad=True'

@test_case(points=2, hidden=True)
def test_init_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('init', env)


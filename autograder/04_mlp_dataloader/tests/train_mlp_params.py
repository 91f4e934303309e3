from otter.test_files import test_case

OK_FORMAT = False

name = "train_mlp_params"
points = 3

@test_case(points=0, hidden=False)
def test_train_params_returns_losses(train_mlp_params):
    import torch
    generator = torch.Generator().manual_seed(0)
    params = [torch.randn(*s, generator=generator).requires_grad_() for s in [(1, 3), (3,), (3, 1), (1,)]]
    losses = train_mlp_params(torch.rand(6, 1), torch.rand(6, 1), params, n_iter=3, lr=0.01)
    assert len(losses) == 3, 'train_mlp_params should return one loss per iteration'
    assert all((isinstance(float(v), float) for v in losses)), 'losses should be numbers'

@test_case(points=3, hidden=True)
def test_train_params_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('train_params', env)


from otter.test_files import test_case

OK_FORMAT = False

name = "train"
points = 4

@test_case(points=0, hidden=False)
def test_train_returns_epoch_losses(train):
    import torch
    from torch.utils.data import DataLoader, TensorDataset
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(1, 4), torch.nn.ReLU(), torch.nn.Linear(4, 1))
    loader = DataLoader(TensorDataset(torch.rand(12, 1), torch.rand(12, 1)), batch_size=5)
    losses = train(model, loader, 3, 0.01, torch.device('cpu'))
    assert len(losses) == 3, 'train should return one loss per epoch'
    assert all((isinstance(float(v), float) for v in losses)), 'losses should be numbers'

@test_case(points=2, hidden=True)
def test_train_fits_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('train_loss', env)

@test_case(points=2, hidden=True)
def test_train_uses_device_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('train_device', env)


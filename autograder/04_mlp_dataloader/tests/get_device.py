from otter.test_files import test_case

OK_FORMAT = False

name = "get_device"
points = 2

@test_case(points=0, hidden=False)
def test_device_type(get_device):
    import torch
    device = get_device()
    assert isinstance(device, torch.device), 'get_device should return a torch.device'
    assert device.type in ('cpu', 'cuda'), 'the device should be the CPU or a CUDA GPU'

@test_case(points=2, hidden=True)
def test_device_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('device', env)


from otter.test_files import test_case

OK_FORMAT = False

name = "tensor_warmup"
points = 2

@test_case(points=0, hidden=False)
def test_center_rows_shape(center_rows_):
    import torch
    m = torch.ones(2, 5)
    result = center_rows_(m)
    assert isinstance(result, torch.Tensor), 'center_rows_ should return a tensor'
    assert result.shape == (2, 5), 'center_rows_ should keep the shape of m'

@test_case(points=2, hidden=True)
def test_center_rows_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('center_rows', env)


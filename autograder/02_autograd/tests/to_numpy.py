from otter.test_files import test_case

OK_FORMAT = False

name = "to_numpy"
points = 2

@test_case(points=0, hidden=False)
def test_to_numpy_type(to_numpy):
    import numpy as np
    import torch
    result = to_numpy(torch.ones(2, 3, requires_grad=True))
    assert isinstance(result, np.ndarray), 'to_numpy should return a numpy array'
    assert result.shape == (2, 3), 'to_numpy should keep the shape'
    assert result.dtype == np.float32, 'to_numpy should keep the dtype'

@test_case(points=2, hidden=True)
def test_to_numpy_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('to_numpy', env)


from otter.test_files import test_case

OK_FORMAT = False

name = "CustomDataset"
points = 3

@test_case(points=0, hidden=False)
def test_dataset_basics(CustomDataset):
    import torch
    ds = CustomDataset(torch.zeros(4, 1), torch.ones(4, 1))
    assert len(ds) == 4, 'len() should be the number of rows'
    assert len(ds[0]) == 2, 'ds[i] should be a pair (x_i, y_i)'

@test_case(points=3, hidden=True)
def test_dataset_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('dataset', env)


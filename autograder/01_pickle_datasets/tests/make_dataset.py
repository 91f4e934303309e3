from otter.test_files import test_case

OK_FORMAT = False

name = "make_dataset"
points = 2

@test_case(points=0, hidden=False)
def test_dataset_loaded(dataset):
    assert isinstance(dataset, list) and len(dataset) == 10, 'dataset should be a list of 10 arrays'

@test_case(points=2, hidden=True)
def test_saved_files_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('saved_files', env)


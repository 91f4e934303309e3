from otter.test_files import test_case

OK_FORMAT = False

name = "species_counts"
points = 3

@test_case(points=0, hidden=False)
def test_counts_shape(species_counts):
    import numpy as np
    tiny = np.zeros((4, 5, 3))
    result = np.asarray(species_counts(tiny))
    assert result.shape == (4, 3), 'species_counts should return shape (n_steps + 1, 3)'
    assert np.issubdtype(result.dtype, np.integer), 'species_counts should return integers'

@test_case(points=3, hidden=True)
def test_counts_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('species_counts', env)


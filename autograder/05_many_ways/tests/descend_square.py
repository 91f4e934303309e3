from otter.test_files import test_case

OK_FORMAT = False

name = "descend_square"
points = 2

@test_case(points=0, hidden=False)
def test_descend_square_shape(descend_square):
    xs = descend_square(0.0, 0.1, 3)
    assert len(xs) == 4, 'return the n_steps + 1 iterates x_0 ... x_n'
    assert float(xs[0]) == 0.0, 'the first iterate is x0 itself'

@test_case(points=2, hidden=True)
def test_descend_square_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('descend_square', env)


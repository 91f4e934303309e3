from otter.test_files import test_case

OK_FORMAT = False

name = "accumulated_gradient"
points = 3

@test_case(points=0, hidden=False)
def test_accumulated_gradient_type(accumulated_gradient):
    result = accumulated_gradient(lambda t: 5 * t, 1.0, 2, True)
    assert isinstance(result, float), 'accumulated_gradient should return a Python float'

@test_case(points=3, hidden=True)
def test_accumulated_gradient_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('accumulated_gradient', env)


from otter.test_files import test_case

OK_FORMAT = False

name = "graph_gradients"
points = 4

@test_case(points=0, hidden=False)
def test_graph_gradients_types(graph_gradients, hand_graph_gradients):
    for func in (graph_gradients, hand_graph_gradients):
        result = func(1.0, 2.0, 3.0)
        assert len(result) == 3, f'{func.__name__} should return three values'
        assert all((isinstance(v, float) for v in result)), f'{func.__name__} should return Python floats'

@test_case(points=2, hidden=True)
def test_graph_gradients_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('graph_gradients', env)

@test_case(points=2, hidden=True)
def test_hand_graph_gradients_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('hand_graph_gradients', env)


from otter.test_files import test_case

OK_FORMAT = False

name = "train_module"
points = 3

@test_case(points=0, hidden=False)
def test_train_module_shape(train_module, Polynomial3):
    losses = train_module(Polynomial3(), 3, 1e-06, 0.9)
    assert len(losses) == 3, 'return n_steps losses'

@test_case(points=3, hidden=True)
def test_train_module_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('train_module', env)


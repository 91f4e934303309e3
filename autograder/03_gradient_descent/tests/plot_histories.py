from otter.test_files import test_case

OK_FORMAT = False

name = "plot_histories"
points = 2

@test_case(points=0, hidden=False)
def test_plot_histories_shape(plot_histories):
    import matplotlib.pyplot as plt
    fig = plot_histories({'a': [3.0, 2.0, 1.0], 'b': [5.0, 0.5]})
    assert isinstance(fig, plt.Figure), 'plot_histories should return the matplotlib Figure it drew'
    lines = [line for ax in fig.axes for line in ax.get_lines()]
    assert len(lines) >= 2, 'draw one line per history'
    plt.close(fig)

@test_case(points=2, hidden=True)
def test_plot_histories_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('plot_histories', env)


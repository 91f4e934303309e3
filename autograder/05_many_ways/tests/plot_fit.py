from otter.test_files import test_case

OK_FORMAT = False

name = "plot_fit"
points = 2

@test_case(points=0, hidden=False)
def test_plot_fit_shape(plot_fit):
    import matplotlib.pyplot as plt
    fig = plot_fit(0.0, 1.0, 0.0, -0.1)
    assert isinstance(fig, plt.Figure), 'plot_fit should return the matplotlib Figure it drew'
    assert len(fig.axes) >= 1 and len(fig.axes[0].get_lines()) >= 2, "draw two lines on the figure's axes"
    plt.close(fig)

@test_case(points=2, hidden=True)
def test_plot_fit_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('plot_fit', env)


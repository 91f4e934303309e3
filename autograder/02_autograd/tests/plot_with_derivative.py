from otter.test_files import test_case

OK_FORMAT = False

name = "plot_with_derivative"
points = 2

@test_case(points=0, hidden=False)
def test_plot_with_derivative_shape(plot_with_derivative):
    import matplotlib.pyplot as plt
    import torch
    fig = plot_with_derivative(torch.exp, 0.0, 1.0)
    assert isinstance(fig, plt.Figure), 'plot_with_derivative should return the matplotlib Figure it drew on'
    sizes = [len(line.get_xdata()) for ax in fig.axes for line in ax.get_lines()]
    plt.close(fig)
    assert len(sizes) >= 2, "draw two lines, f and f', on the figure"
    assert sum((size >= 200 for size in sizes)) >= 2, "draw f and f' on at least 200 points each"

@test_case(points=2, hidden=True)
def test_plot_with_derivative_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('plot_with_derivative', env)


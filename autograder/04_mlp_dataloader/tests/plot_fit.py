from otter.test_files import test_case

OK_FORMAT = False

name = "plot_fit"
points = 2

@test_case(points=0, hidden=False)
def test_plot_fit_shape(plot_fit):
    import matplotlib.pyplot as plt
    import numpy as np
    import torch
    model = torch.nn.Sequential(torch.nn.Linear(1, 3), torch.nn.ReLU(), torch.nn.Linear(3, 1))
    xs = np.linspace(0.0, 1.0, 5).reshape(-1, 1)
    fig = plot_fit(model, xs, xs ** 2)
    assert isinstance(fig, plt.Figure), 'plot_fit should return the matplotlib Figure it drew'
    assert len(fig.axes) >= 1, 'draw on an axes of the figure you return'
    assert len(fig.axes[0].get_lines()) + len(fig.axes[0].collections) >= 2, "draw the data points and the prediction's line"
    plt.close(fig)

@test_case(points=2, hidden=True)
def test_plot_fit_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('plot_fit', env)


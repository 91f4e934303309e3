from otter.test_files import test_case

OK_FORMAT = False

name = "plot_species_counts"
points = 2

@test_case(points=0, hidden=False)
def test_plot_species_counts_shape(plot_species_counts):
    import matplotlib.pyplot as plt
    import numpy as np
    fig = plot_species_counts(np.array([[3, 2, 1], [2, 3, 1], [2, 2, 2]]))
    assert isinstance(fig, plt.Figure), 'plot_species_counts should return the matplotlib Figure it drew on'
    lines = [line for ax in fig.axes for line in ax.get_lines()]
    plt.close(fig)
    assert len(lines) >= 3, "draw one line per species on the figure's axes"

@test_case(points=2, hidden=True)
def test_plot_species_counts_hidden(env):
    from autodiff_course.hidden import run_check
    run_check('plot_species_counts', env)


# Python lists built in a loop, a dashed total line under its own label, markers, the legend outside.
import matplotlib.pyplot as plt


def plot_species_counts(counts):
    names = ["rock", "paper", "scissors"]
    fig, ax = plt.subplots(figsize=(7, 4))
    for column in range(3):
        xs, ys = [], []
        for step, row in enumerate(counts):
            xs.append(step)
            ys.append(int(row[column]))
        ax.plot(xs, ys, marker=".", label=names[column])
    ax.plot([sum(int(v) for v in row) for row in counts], "k--", label="total")
    ax.set_xlabel("step")
    ax.set_ylabel("agents")
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5))
    fig.tight_layout()
    return fig

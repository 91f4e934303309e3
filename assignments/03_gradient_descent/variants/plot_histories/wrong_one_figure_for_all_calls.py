# One figure made once and drawn on again by every call, so each call's figure also holds the lines of the calls before.
import matplotlib.pyplot as plt

FIGURE, AXES = plt.subplots()


def plot_histories(histories):
    for label, values in histories.items():
        AXES.semilogy(values, label=label)
    AXES.set_xlabel("iteration")
    AXES.set_ylabel("best value")
    AXES.legend()
    return FIGURE

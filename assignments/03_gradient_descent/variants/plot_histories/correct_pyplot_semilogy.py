# pyplot's state machine: plt.figure, plt.semilogy per history, plt.gcf() returned.
import matplotlib.pyplot as plt


def plot_histories(histories):
    plt.figure()
    for name in histories:
        plt.semilogy(histories[name], label=name)
    plt.xlabel("iteration")
    plt.ylabel("best value")
    plt.legend()
    return plt.gcf()

# The data drawn with plt.plot and no marker: a zigzag line through the unsorted points.
def plot_fit(model, xs, ys):
    inputs = np.linspace(xs.min(), xs.max(), 200).reshape(-1, 1)
    fig, ax = plt.subplots()
    ax.plot(xs, ys, label="data")
    ax.plot(inputs, model(torch.from_numpy(inputs).float()).detach().numpy(), label="model")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend()
    return fig

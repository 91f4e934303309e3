# The line over the notebook's [-1, 3] instead of the range of the xs given.
def plot_fit(model, xs, ys):
    inputs = np.linspace(-1.0, 3.0, 200).reshape(-1, 1)
    fig, ax = plt.subplots()
    ax.scatter(xs, ys, label="data")
    ax.plot(inputs, model(torch.from_numpy(inputs).float()).detach().numpy(), label="model")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend()
    return fig

# Draws only the prediction: the data points are missing.
def plot_fit(model, xs, ys):
    inputs = np.linspace(xs.min(), xs.max(), 200).reshape(-1, 1)
    fig, ax = plt.subplots()
    ax.plot(inputs, model(torch.from_numpy(inputs).float()).detach().numpy(), label="model")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend()
    return fig

# Labelled artists and a legend, but the axes carry no labels.
def plot_fit(model, xs, ys):
    inputs = np.linspace(xs.min(), xs.max(), 200).reshape(-1, 1)
    fig, ax = plt.subplots()
    ax.scatter(xs, ys, label="data")
    ax.plot(inputs, model(torch.from_numpy(inputs).float()).detach().numpy(), label="model")
    ax.legend()
    return fig

# pyplot's state machine: plt.figure, plt.plot with markers for the data, torch.linspace for the inputs.
def plot_fit(model, xs, ys):
    fig = plt.figure()
    plt.plot(xs[:, 0], ys[:, 0], "o", markersize=3, label="samples")
    grid = torch.linspace(float(xs.min()), float(xs.max()), 200).unsqueeze(1)
    plt.plot(grid.numpy(), model(grid).detach().numpy(), "r-", label="prediction")
    plt.xlabel("input")
    plt.ylabel("output")
    plt.legend()
    return fig

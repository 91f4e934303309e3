# Shows the figure and returns None.
def plot_fit(model, xs, ys):
    inputs = np.linspace(xs.min(), xs.max(), 200).reshape(-1, 1)
    plt.scatter(xs, ys, label="data")
    plt.plot(inputs, model(torch.from_numpy(inputs).float()).detach().numpy(), label="model")
    plt.xlabel("x")
    plt.ylabel("y")
    plt.legend()
    plt.show()

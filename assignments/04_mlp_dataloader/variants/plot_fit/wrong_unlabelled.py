# Right content, but neither artist has a label (and no legend).
def plot_fit(model, xs, ys):
    inputs = np.linspace(xs.min(), xs.max(), 200).reshape(-1, 1)
    fig, ax = plt.subplots()
    ax.scatter(xs, ys)
    ax.plot(inputs, model(torch.from_numpy(inputs).float()).detach().numpy())
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    return fig

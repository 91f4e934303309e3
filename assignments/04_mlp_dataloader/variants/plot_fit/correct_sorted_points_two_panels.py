# Data sorted before drawing, a second panel with the residuals, float64 inputs cast to float32.
def plot_fit(model, xs, ys):
    order = np.argsort(xs[:, 0])
    fig, (ax, other) = plt.subplots(1, 2, figsize=(9, 3))
    ax.plot(xs[order], ys[order], marker=".", linestyle="none", label="data")
    x_line = np.linspace(np.min(xs), np.max(xs), num=200)
    with torch.no_grad():
        y_line = model(torch.tensor(x_line[:, None], dtype=torch.float32))[:, 0].numpy()
    ax.plot(x_line, y_line, "--", label="MLP")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend()
    with torch.no_grad():
        residual = ys[:, 0] - model(torch.tensor(xs, dtype=torch.float32))[:, 0].numpy()
    other.bar(range(len(residual)), residual)
    return fig

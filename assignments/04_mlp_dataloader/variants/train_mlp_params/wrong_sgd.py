# Plain SGD instead of Adam.
def train_mlp_params(xs, ys, params, n_iter=2000, lr=0.01):
    optimizer = torch.optim.SGD(params, lr=lr)
    losses = []
    for _ in range(n_iter):
        loss = torch.mean((mlp_forward(xs, *params) - ys) ** 2)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses

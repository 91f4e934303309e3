# Never clears the gradients: each step uses the sum of all gradients so far.
def train_mlp_params(xs, ys, params, n_iter=2000, lr=0.01):
    optimizer = torch.optim.Adam(params, lr=lr)
    losses = []
    for _ in range(n_iter):
        loss = torch.mean((mlp_forward(xs, *params) - ys) ** 2)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses

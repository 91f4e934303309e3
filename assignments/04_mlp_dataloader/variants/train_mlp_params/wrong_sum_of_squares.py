# Sum of squared errors instead of their mean (Adam trains fine, but the losses are not the MSE).
def train_mlp_params(xs, ys, params, n_iter=2000, lr=0.01):
    optimizer = torch.optim.Adam(params, lr=lr)
    losses = []
    for _ in range(n_iter):
        loss = ((mlp_forward(xs, *params) - ys) ** 2).sum()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses

# Trains copies of the tensors: the caller's params never change.
def train_mlp_params(xs, ys, params, n_iter=2000, lr=0.01):
    params = [p.detach().clone().requires_grad_() for p in params]
    optimizer = torch.optim.Adam(params, lr=lr)
    losses = []
    for _ in range(n_iter):
        loss = torch.mean((mlp_forward(xs, *params) - ys) ** 2)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses

# Computes the loss in float64 (the data is converted, the float32 parameters are promoted).
def train_mlp_params(xs, ys, params, n_iter=2000, lr=0.01):
    xs64, ys64 = xs.double(), ys.double()
    optimizer = torch.optim.Adam(list(params), lr=lr)
    out = []
    i = 0
    while i < n_iter:
        optimizer.zero_grad()
        w1, b1, w2, b2 = (p.double() for p in params)
        loss = torch.nn.functional.mse_loss(torch.relu(xs64 @ w1 + b1) @ w2 + b2, ys64)
        loss.backward()
        optimizer.step()
        out.append(loss.item())
        i += 1
    return out

# Adam written out by hand (same betas and eps as torch), updating the tensors in place.
def train_mlp_params(xs, ys, params, n_iter=2000, lr=0.01):
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    m = [torch.zeros_like(p) for p in params]
    v = [torch.zeros_like(p) for p in params]
    losses = []
    for t in range(1, n_iter + 1):
        loss = ((mlp_forward(xs, *params) - ys) ** 2).mean()
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():
            for p, g, m_i, v_i in zip(params, grads, m, v):
                m_i.mul_(beta1).add_((1 - beta1) * g)
                v_i.mul_(beta2).add_((1 - beta2) * g * g)
                m_hat = m_i / (1 - beta1**t)
                v_hat = v_i / (1 - beta2**t)
                p -= lr * m_hat / (v_hat.sqrt() + eps)
        losses.append(float(loss.detach()))
    return losses

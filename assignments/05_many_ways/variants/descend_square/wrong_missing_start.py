# Returns x_1 ... x_n, leaving out x_0.
def descend_square(x0, lr, n_steps):
    x, xs = float(x0), []
    for _ in range(n_steps):
        x = x - lr * 2.0 * (x - 2.0)
        xs.append(x)
    return xs

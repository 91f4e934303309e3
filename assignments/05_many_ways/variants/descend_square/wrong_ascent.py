# Steps up the gradient instead of down.
def descend_square(x0, lr, n_steps):
    xs = [float(x0)]
    for _ in range(n_steps):
        xs.append(xs[-1] + lr * 2.0 * (xs[-1] - 2.0))
    return xs

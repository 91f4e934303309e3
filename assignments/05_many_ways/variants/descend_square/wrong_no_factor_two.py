# Uses x - 2 as the derivative (the factor 2 is lost).
def descend_square(x0, lr, n_steps):
    xs = [float(x0)]
    for _ in range(n_steps):
        xs.append(xs[-1] - lr * (xs[-1] - 2.0))
    return xs

# The closed form: the error x - 2 is multiplied by (1 - 2 lr) at every step.
def descend_square(x0, lr, n_steps):
    return [2.0 + (x0 - 2.0) * (1.0 - 2.0 * lr) ** k for k in range(n_steps + 1)]

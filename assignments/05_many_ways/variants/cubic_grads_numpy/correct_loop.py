# A plain Python loop over the points, accumulating the four sums.
def cubic_grads_numpy(x, y, a, b, c, d):
    ga = gb = gc = gd = 0.0
    for xi, yi in zip(x, y):
        r = 2.0 * (a + b * xi + c * xi**2 + d * xi**3 - yi)
        ga, gb, gc, gd = ga + r, gb + r * xi, gc + r * xi**2, gd + r * xi**3
    return float(ga), float(gb), float(gc), float(gd)

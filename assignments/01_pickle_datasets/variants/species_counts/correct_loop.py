# Plain Python loops and a list of lists, converted at the end.
import numpy as np


def species_counts(trajectory):
    rows = []
    for frame in trajectory:
        row = [0, 0, 0]
        for agent in frame:
            row[int(agent[2])] += 1
        rows.append(row)
    return np.array(rows, dtype=int)

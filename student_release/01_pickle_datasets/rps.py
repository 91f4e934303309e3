"""Bouncy rock-paper-scissors: agents fly around the unit box and convert whoever they beat.

Each agent carries a species: 0 rock, 1 paper, 2 scissors. Paper beats rock, scissors beat paper,
rock beats scissors. Agents move in straight lines at a constant speed and bounce off the walls.
When two agents touch, the loser takes the winner's species. All conversions of one step use the
species from the start of that step, so the order in which agents are visited never matters.

    >>> trajectory = simulate(n_agents=30, n_steps=200, seed=1)
    >>> trajectory.shape            # (n_steps + 1, n_agents, [x, y, species])
    (201, 30, 3)
"""

from __future__ import annotations

import numpy as np

ROCK, PAPER, SCISSORS = 0, 1, 2
SPECIES_NAMES = ("rock", "paper", "scissors")


def beats(attacker: np.ndarray, defender: np.ndarray) -> np.ndarray:
    """True where ``attacker`` beats ``defender`` (species given as integers 0, 1, 2)."""
    return (np.asarray(attacker) - np.asarray(defender)) % 3 == 1


def _bounce(position: np.ndarray, velocity: np.ndarray) -> None:
    """Reflect coordinates that left [0, 1] back inside and flip their velocity (in place)."""
    low = position < 0.0
    position[low] = -position[low]
    velocity[low] = -velocity[low]
    high = position > 1.0
    position[high] = 2.0 - position[high]
    velocity[high] = -velocity[high]


def _convert(position: np.ndarray, species: np.ndarray, radius: float) -> np.ndarray:
    """Species after one round of contacts: an agent touching one that beats it is converted."""
    gap = position[:, None, :] - position[None, :, :]
    touching = np.einsum("ijk,ijk->ij", gap, gap) < (2.0 * radius) ** 2
    np.fill_diagonal(touching, False)
    predator = (species + 1) % 3  # the one species that beats each agent
    attacked = (touching & (species[None, :] == predator[:, None])).any(axis=1)
    return np.where(attacked, predator, species)


def simulate(
    n_agents: int = 30,
    n_steps: int = 200,
    seed: int | None = None,
    *,
    speed: float = 0.01,
    radius: float = 0.02,
) -> np.ndarray:
    """Run the simulation and return every frame.

    Returns a float64 array of shape ``(n_steps + 1, n_agents, 3)``; frame 0 is the start. Along
    the last axis: x, y (both in [0, 1]) and the species (0, 1 or 2, stored as a float). The same
    seed gives the same trajectory.
    """
    if n_agents < 1 or n_steps < 0:
        raise ValueError("need at least one agent and a non-negative number of steps")
    rng = np.random.default_rng(seed)
    position = rng.uniform(0.0, 1.0, size=(n_agents, 2))
    angle = rng.uniform(0.0, 2.0 * np.pi, size=n_agents)
    velocity = speed * np.stack([np.cos(angle), np.sin(angle)], axis=1)
    species = rng.permutation(np.arange(n_agents) % 3)

    frames = np.empty((n_steps + 1, n_agents, 3), dtype=np.float64)
    frames[0, :, :2], frames[0, :, 2] = position, species
    for step in range(1, n_steps + 1):
        position = position + velocity
        _bounce(position, velocity)
        species = _convert(position, species, radius)
        frames[step, :, :2], frames[step, :, 2] = position, species
    return frames


def plot_frame(trajectory: np.ndarray, step: int = -1, ax=None):
    """Scatter one frame, coloured by species; returns the matplotlib axes."""
    import matplotlib.pyplot as plt

    ax = ax or plt.gca()
    frame = trajectory[step]
    for value, (name, colour) in enumerate(zip(SPECIES_NAMES, ("tab:gray", "tab:blue", "tab:red"))):
        mine = frame[:, 2] == value
        ax.scatter(frame[mine, 0], frame[mine, 1], s=25, color=colour, label=name)
    ax.set(xlim=(0, 1), ylim=(0, 1), aspect="equal", title=f"step {step % len(trajectory)}")
    ax.legend(loc="upper right", fontsize="small")
    return ax

"""Build, grade and export the auto-graded PyTorch course module."""

__version__ = "0.1.0"

"""Subtracts the mean of the whole matrix."""
def center_rows_(m):
    return m.sub_(m.mean())

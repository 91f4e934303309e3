"""Subtracts column means (dim=0) instead of row means."""
def center_rows_(m):
    return m.sub_(m.mean(dim=0, keepdim=True))

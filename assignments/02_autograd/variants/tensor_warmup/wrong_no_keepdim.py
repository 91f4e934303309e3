"""Forgets keepdim: broadcasting pairs row means with columns (or fails)."""
def center_rows_(m):
    return m.sub_(m.mean(dim=1))

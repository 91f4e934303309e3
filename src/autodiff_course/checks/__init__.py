"""Hidden probe/judge pairs, one module per assignment (``a<NN_name>``)."""

# Optimiser made before moving the model, .to() with keywords, loss module moved too,
# epoch loss weighted by batch size (the short last batch counts less).
def train(model, dataloader, n_epochs, lr, device):
    optimizer = torch.optim.Adam(model.parameters(), lr)
    criterion = nn.MSELoss().to(device)
    model.to(device=device)
    model.train()
    out = []
    for _ in range(n_epochs):
        weighted, seen = 0.0, 0
        for batch in dataloader:
            x, y = (t.to(device=device, non_blocking=True) for t in batch)
            loss = criterion(model(x), y)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            weighted += loss.item() * len(x)
            seen += len(x)
        out.append(weighted / seen)
    return out

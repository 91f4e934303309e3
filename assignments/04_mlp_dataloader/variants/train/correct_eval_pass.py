# Adam; after each epoch an extra pass over the data without gradients, not used for the loss.
def train(model, dataloader, n_epochs, lr, device):
    model = model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(n_epochs):
        model.train()
        batch_losses = []
        for x, y in dataloader:
            x, y = x.to(device), y.to(device)
            loss = ((model(x) - y) ** 2).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            batch_losses.append(loss.item())
        model.eval()
        with torch.no_grad():
            _ = [model(x.to(device)) for x, _ in dataloader]
        losses.append(float(np.mean(batch_losses)))
    return losses

# Moves the inputs but not the targets.
def train(model, dataloader, n_epochs, lr, device):
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    epoch_losses = []
    for _ in range(n_epochs):
        batch_losses = []
        for batch_x, batch_y in dataloader:
            loss = torch.mean((model(batch_x.to(device)) - batch_y) ** 2)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            batch_losses.append(loss.item())
        epoch_losses.append(sum(batch_losses) / len(batch_losses))
    return epoch_losses

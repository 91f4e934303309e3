# Reports the sum of the batch losses of each epoch, not their mean.
def train(model, dataloader, n_epochs, lr, device):
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    epoch_losses = []
    for _ in range(n_epochs):
        total = 0.0
        for batch_x, batch_y in dataloader:
            batch_x, batch_y = batch_x.to(device), batch_y.to(device)
            loss = torch.mean((model(batch_x) - batch_y) ** 2)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()
        epoch_losses.append(total)
    return epoch_losses

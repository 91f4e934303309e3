# Reports the loss of each epoch's last batch, not the mean over the epoch's batches.
def train(model, dataloader, n_epochs, lr, device):
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.MSELoss()
    epoch_losses = []
    for _ in range(n_epochs):
        for batch_x, batch_y in dataloader:
            batch_x, batch_y = batch_x.to(device), batch_y.to(device)
            loss = loss_fn(model(batch_x), batch_y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        epoch_losses.append(loss.item())
    return epoch_losses

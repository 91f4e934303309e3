# Batches reshaped around the move (a view after .to() for x, before it for y), the model rebound.
def train(model, dataloader, n_epochs, lr, device):
    model = model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(n_epochs):
        epoch = []
        for batch_x, batch_y in dataloader:
            inputs = batch_x.to(device).view(-1, 1)
            targets = batch_y.reshape(-1, 1).to(device)
            loss = nn.functional.mse_loss(model(inputs), targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            epoch.append(loss.item())
        losses.append(sum(epoch) / len(epoch))
    return losses

# SGD with momentum (any optimiser is allowed), functional MSE, model rebound to .to()'s result.
def train(model, dataloader, n_epochs, lr, device):
    model = model.to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    history = []
    for epoch in range(n_epochs):
        total, count = 0.0, 0
        for inputs, targets in dataloader:
            inputs = inputs.to(device)
            targets = targets.to(device)
            optimizer.zero_grad()
            loss = torch.nn.functional.mse_loss(model(inputs), targets)
            loss.backward()
            optimizer.step()
            total += loss.item()
            count += 1
        history.append(total / count)
    return history

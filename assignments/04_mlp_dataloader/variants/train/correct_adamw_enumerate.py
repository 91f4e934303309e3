# AdamW, the model moved inside the epoch loop, the mean taken with len(dataloader), batches
# cast to float after the move, an explicit loop counter.
def train(model, dataloader, n_epochs, lr, device):
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.0)
    per_epoch = []
    epoch = 0
    while epoch < n_epochs:
        model = model.to(device)
        running = 0.0
        for step, (features, labels) in enumerate(dataloader):
            features = features.to(device).float()
            labels = labels.to(device).float()
            prediction = model(features)
            loss = torch.nn.functional.mse_loss(prediction, labels, reduction="mean")
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            running += float(loss.detach())
        per_epoch.append(running / len(dataloader))
        epoch += 1
    return per_epoch

# ReLU in the wrong place: after the last layer as well.
class MyOwnMLP(nn.Module):
    def __init__(self, hidden=100):
        super().__init__()
        self.first = nn.Linear(1, hidden)
        self.second = nn.Linear(hidden, 1)

    def forward(self, x):
        return torch.relu(self.second(torch.relu(self.first(x))))

# nn.Linear layers whose biases are zeroed: neither N(0, 0.1²) nor nn.Linear's default.
class MyOwnMLP(nn.Module):
    def __init__(self, hidden=100):
        super().__init__()
        self.first = nn.Linear(1, hidden)
        self.second = nn.Linear(hidden, 1)
        nn.init.zeros_(self.first.bias)
        nn.init.zeros_(self.second.bias)

    def forward(self, x):
        return self.second(torch.relu(self.first(x)))

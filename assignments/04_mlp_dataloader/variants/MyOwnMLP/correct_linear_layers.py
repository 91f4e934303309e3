# Two nn.Linear layers: weights stored transposed, same function, same 3h + 1 numbers.
class MyOwnMLP(nn.Module):
    def __init__(self, hidden=100):
        super().__init__()
        self.first = nn.Linear(1, hidden)
        self.second = nn.Linear(hidden, 1)

    def forward(self, x):
        return self.second(torch.relu(self.first(x)))

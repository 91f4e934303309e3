# The last layer has no bias: 3h numbers instead of 3h + 1.
class MyOwnMLP(nn.Module):
    def __init__(self, hidden=100):
        super().__init__()
        self.first = nn.Linear(1, hidden)
        self.second = nn.Linear(hidden, 1, bias=False)

    def forward(self, x):
        return self.second(torch.relu(self.first(x)))

# Parameters drawn with torch.normal(0, 0.1, size) and stored in a ParameterList.
class MyOwnMLP(nn.Module):
    def __init__(self, hidden=100):
        super().__init__()
        shapes = [(1, hidden), (hidden,), (hidden, 1), (1,)]
        self.params = nn.ParameterList([nn.Parameter(torch.normal(0.0, 0.1, size=s)) for s in shapes])

    def forward(self, x):
        w1, b1, w2, b2 = self.params
        return torch.relu(x @ w1 + b1) @ w2 + b2

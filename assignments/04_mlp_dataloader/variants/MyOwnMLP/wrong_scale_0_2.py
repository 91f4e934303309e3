# Hand-made parameters with standard deviation 0.2 instead of 0.1.
class MyOwnMLP(nn.Module):
    def __init__(self, hidden=100):
        super().__init__()
        self.w1 = nn.Parameter(0.2 * torch.randn(1, hidden))
        self.b1 = nn.Parameter(0.2 * torch.randn(hidden))
        self.w2 = nn.Parameter(0.2 * torch.randn(hidden, 1))
        self.b2 = nn.Parameter(0.2 * torch.randn(1))

    def forward(self, x):
        return torch.relu(x @ self.w1 + self.b1) @ self.w2 + self.b2

# b2 stored as a plain tensor: the count is one short and b2 is never trained.
class MyOwnMLP(nn.Module):
    def __init__(self, hidden=100):
        super().__init__()
        self.w1 = nn.Parameter(0.1 * torch.randn(1, hidden))
        self.b1 = nn.Parameter(0.1 * torch.randn(hidden))
        self.w2 = nn.Parameter(0.1 * torch.randn(hidden, 1))
        self.b2 = torch.zeros(1, requires_grad=True)

    def forward(self, x):
        return torch.relu(x @ self.w1 + self.b1) @ self.w2 + self.b2

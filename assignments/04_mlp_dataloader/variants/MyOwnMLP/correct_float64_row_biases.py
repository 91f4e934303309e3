# Float64 parameters registered in another order, b1 kept as a (1, h) row; inputs are converted.
class MyOwnMLP(nn.Module):
    def __init__(self, hidden=100):
        super().__init__()
        self.out_bias = nn.Parameter(0.1 * torch.randn(1, dtype=torch.float64))
        self.out_weight = nn.Parameter(torch.randn(hidden, 1, dtype=torch.float64) * 0.1)
        self.in_bias = nn.Parameter(torch.randn(1, hidden, dtype=torch.float64) * 0.1)
        self.in_weight = nn.Parameter(torch.randn(1, hidden, dtype=torch.float64) * 0.1)

    def forward(self, x):
        x = x.to(self.in_weight.dtype)
        return torch.relu(x @ self.in_weight + self.in_bias) @ self.out_weight + self.out_bias

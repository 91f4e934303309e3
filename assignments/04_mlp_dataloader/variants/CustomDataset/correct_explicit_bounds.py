# Checks the index itself (negative indices count from the end, as for lists); an assert on the sizes, as TensorDataset has.
class CustomDataset(Dataset):
    def __init__(self, data_x, data_y):
        self.data_x = torch.as_tensor(data_x)
        self.data_y = torch.as_tensor(data_y)
        self.n = int(self.data_x.size(0))
        assert self.n == self.data_y.size(0), "size mismatch between data_x and data_y"

    def __len__(self):
        return self.n

    def __getitem__(self, index):
        if index < 0:
            index += self.n
        if not 0 <= index < self.n:
            raise IndexError(f"index {index} is out of range for {self.n} examples")
        return (self.data_x[index], self.data_y[index])

# Checks the index itself (negative indices count from the end, as for lists).
class CustomDataset(Dataset):
    def __init__(self, data_x, data_y):
        self.data_x = torch.as_tensor(data_x)
        self.data_y = torch.as_tensor(data_y)
        self.n = int(self.data_x.size(0))

    def __len__(self):
        return self.n

    def __getitem__(self, index):
        if index < 0:
            index += self.n
        if not 0 <= index < self.n:
            raise IndexError(f"index {index} is out of range for {self.n} examples")
        return (self.data_x[index], self.data_y[index])

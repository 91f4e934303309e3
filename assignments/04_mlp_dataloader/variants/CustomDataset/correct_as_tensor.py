# torch.as_tensor keeps the dtype (and shares memory); the length from .shape[0], compared by shape.
class CustomDataset(Dataset):
    def __init__(self, data_x, data_y):
        self.data_x = torch.as_tensor(data_x)
        self.data_y = torch.as_tensor(data_y)
        if self.data_x.shape[0] != self.data_y.shape[0]:
            raise ValueError(f"{self.data_x.shape[0]} inputs but {self.data_y.shape[0]} targets")

    def __len__(self):
        return self.data_x.shape[0]

    def __getitem__(self, index):
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.data_x[index], self.data_y[index]

# Items returned as lists [x, y] (the DataLoader collates lists as well as tuples).
class CustomDataset(Dataset):
    def __init__(self, data_x, data_y):
        if data_x.size(0) != data_y.size(0):
            raise ValueError("one target per input, please")
        self.x, self.y = data_x, data_y

    def __len__(self):
        return self.x.shape[0]

    def __getitem__(self, index):
        return [self.x[index], self.y[index]]

# Items returned as lists [x, y] (the DataLoader collates lists as well as tuples).
class CustomDataset(Dataset):
    def __init__(self, data_x, data_y):
        self.x, self.y = data_x, data_y

    def __len__(self):
        return self.x.shape[0]

    def __getitem__(self, index):
        return [self.x[index], self.y[index]]

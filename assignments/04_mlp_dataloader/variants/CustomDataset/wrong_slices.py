# Slices instead of indexing: items of shape (1, 1), batches of shape (10, 1, 1).
class CustomDataset(Dataset):
    def __init__(self, data_x, data_y):
        self.data_x, self.data_y = data_x, data_y

    def __len__(self):
        return len(self.data_x)

    def __getitem__(self, index):
        if index >= len(self.data_x):
            raise IndexError(index)
        return self.data_x[index:index + 1], self.data_y[index:index + 1]

# Wraps indices around instead of raising IndexError.
class CustomDataset(Dataset):
    def __init__(self, data_x, data_y):
        self.data_x, self.data_y = data_x, data_y

    def __len__(self):
        return len(self.data_x)

    def __getitem__(self, index):
        index = index % len(self.data_x)
        return self.data_x[index], self.data_y[index]

# Off-by-one __len__ the other way: the DataLoader asks for an example that does not exist.
class CustomDataset(Dataset):
    def __init__(self, data_x, data_y):
        self.data_x, self.data_y = data_x, data_y

    def __len__(self):
        return len(self.data_x) + 1

    def __getitem__(self, index):
        return self.data_x[index], self.data_y[index]

# Pairs stored once in a Python list (zip(strict=True) raises ValueError on unequal lengths); the list raises IndexError by itself.
class CustomDataset(Dataset):
    def __init__(self, data_x, data_y):
        self.pairs = list(zip(data_x, data_y, strict=True))

    def __len__(self):
        return len(self.pairs)

    def __getitem__(self, index):
        return self.pairs[index]

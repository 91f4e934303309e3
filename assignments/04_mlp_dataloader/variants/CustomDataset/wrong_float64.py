# Copies the data into float64 tensors: items and batches are no longer float32, and the
# notebook's float32 model then fails on them.
class CustomDataset(Dataset):
    def __init__(self, data_x, data_y):
        self.data_x = torch.tensor(np.asarray(data_x), dtype=torch.float64)
        self.data_y = torch.tensor(np.asarray(data_y), dtype=torch.float64)

    def __len__(self):
        return len(self.data_x)

    def __getitem__(self, index):
        return self.data_x[index], self.data_y[index]

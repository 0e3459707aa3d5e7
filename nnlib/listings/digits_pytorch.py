"""The digit classifier of chapter 10 in PyTorch, row-major: one example per row.

One of three listings of the same program (chapter 11 shows them side by side): nnlib's layers
(``digits_nnlib.py``), nnlib.autograd (``digits_autograd.py``) and PyTorch (this file). All
three start from the same weights and take the same mini-batches, so they take the same steps;
PyTorch runs in float64 here so that its numbers can be compared with nnlib's to the last
digits (its default, float32, is what you would train with). It takes nnlib's data and initial
weights. The course does not depend on PyTorch: ``make bench`` runs this file with PyTorch
installed and checks that its weights and gradients equal nnlib's.
"""

# %% setup
import numpy as np
import torch
from torch import nn

import nnlib

EPOCHS, BATCH, ETA = 20, 32, 1.0

# %% data
X_all, labels = nnlib.data.load_digits()
X, X_test, y, y_test = nnlib.train_test_split(
    X_all / 16, labels, test_fraction=0.25)
y_t = torch.tensor(y)  # (m,): class numbers
X_rows = torch.tensor(X.T)  # (m, 64): rows
m = X.shape[1]

# %% parameters
model = nn.Sequential(
    nn.Linear(64, 32), nn.Sigmoid(),
    nn.Linear(32, 10)).double()
loss_fn = nn.CrossEntropyLoss()  # fused
optimizer = torch.optim.SGD(
    model.parameters(), lr=ETA)
net = nnlib.Network.from_sizes(  # nnlib's
    [64, 32, 10], "sigmoid", "linear")
with torch.no_grad():  # ... start, copied
    linears = model[::2]  # the Linear layers
    for lin, layer in zip(linears, net.layers):
        lin.weight.copy_(torch.tensor(layer.W))
        lin.bias.copy_(torch.tensor(layer.b[:, 0]))

# %% training loop
rng = np.random.default_rng(0)
for epoch in range(EPOCHS):
    order = rng.permutation(m)
    for start in range(0, m, BATCH):
        batch = order[start:start + BATCH]
        Xb, yb = X_rows[batch], y_t[batch]
        Z = model(Xb)  # (B, 10)
        L = loss_fn(Z, yb)
        optimizer.zero_grad()
        L.backward()
        optimizer.step()

# %% evaluation
with torch.no_grad():
    Z_test = model(torch.tensor(X_test.T))
predicted = Z_test.argmax(dim=1).numpy()
accuracy = np.mean(predicted == y_test)
print(f"test accuracy: {accuracy:.1%}")

"""The digit classifier of chapter 10 with nnlib.autograd, which derives the backward pass itself.

One of three listings of the same program (chapter 11 shows them side by side): nnlib's layers
(``digits_nnlib.py``), nnlib.autograd (this file) and PyTorch (``digits_pytorch.py``). All
three start from the same weights and take the same mini-batches, so they take the same steps.
Run it with ``python digits_autograd.py``.
"""

# %% setup
import numpy as np

import nnlib
from nnlib import autograd

EPOCHS, BATCH, ETA = 20, 32, 1.0

# %% data
X_all, labels = nnlib.data.load_digits()
X, X_test, y, y_test = nnlib.train_test_split(
    X_all / 16, labels, test_fraction=0.25)
Y = nnlib.one_hot(y, 10)  # (10, m)
# X: (64, m), an example per column
m = X.shape[1]

# %% parameters
model = autograd.MLP.from_sizes(
    [64, 32, 10], "sigmoid", "linear")
LOSS = "softmax_cross_entropy"

# %% training loop
rng = np.random.default_rng(0)
for epoch in range(EPOCHS):
    order = rng.permutation(m)
    for start in range(0, m, BATCH):
        batch = order[start:start + BATCH]
        Xb, Yb = X[:, batch], Y[:, batch]
        Z = model(Xb)  # (10, B)
        L = autograd.loss(Z, Yb, LOSS)
        model.zero_grad()
        L.backward()
        for p in model.parameters():
            p.data -= ETA * p.grad

# %% evaluation
Z_test = model(X_test).data
predicted = Z_test.argmax(axis=0)
accuracy = np.mean(predicted == y_test)
print(f"test accuracy: {accuracy:.1%}")

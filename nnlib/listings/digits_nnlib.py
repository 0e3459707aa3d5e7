"""The digit classifier of chapter 10 with nnlib's layers, whose backward pass is written by hand.

One of three listings of the same program (chapter 11 shows them side by side): nnlib's layers
(this file), nnlib.autograd (``digits_autograd.py``) and PyTorch (``digits_pytorch.py``). All
three start from the same weights and take the same mini-batches, so they take the same steps.
Run it with ``python digits_nnlib.py``.
"""

# %% setup
import numpy as np

import nnlib

EPOCHS, BATCH, ETA = 20, 32, 1.0

# %% data
X_all, labels = nnlib.data.load_digits()
X, X_test, y, y_test = nnlib.train_test_split(
    X_all / 16, labels, test_fraction=0.25)
Y = nnlib.one_hot(y, 10)  # (10, m)
# X: (64, m), an example per column
m = X.shape[1]

# %% parameters
net = nnlib.Network.from_sizes(
    [64, 32, 10], "sigmoid", "linear")
loss = nnlib.get_loss(
    "softmax_cross_entropy")

# %% training loop
rng = np.random.default_rng(0)
for epoch in range(EPOCHS):
    order = rng.permutation(m)
    for start in range(0, m, BATCH):
        batch = order[start:start + BATCH]
        Xb, Yb = X[:, batch], Y[:, batch]
        Z = net.forward(Xb)  # (10, B)
        dZ = loss.gradient(Z, Yb)
        # no zero_grad: dW is overwritten
        net.backward(dZ)
        nnlib.gradient_descent_step(
            net, ETA)

# %% evaluation
Z_test = net.forward(X_test)
predicted = Z_test.argmax(axis=0)
accuracy = np.mean(predicted == y_test)
print(f"test accuracy: {accuracy:.1%}")

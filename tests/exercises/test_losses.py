"""Chapter 4's checkers, fed a right and a wrong answer each."""

import numpy as np

from nnlib.exercises.losses import check_mse_gradient, check_rmse_gradient, check_sigmoid_cross_entropy


def test_mse_gradient_checker():
    assert check_mse_gradient(lambda y_hat, y: 2 * (y_hat - y) / (y.shape[0] * y.shape[1]))
    no_two = check_mse_gradient(lambda y_hat, y: (y_hat - y) / y.size)
    assert not no_two
    assert no_two.message.startswith("Not yet: for y_hat=[[3.]], y=[[1.]], your MSE gradient returned [[2.]], expected [[4.]]")
    per_example = check_mse_gradient(lambda y_hat, y: 2 * (y_hat - y) / y.shape[1])  # forgets the n outputs
    assert not per_example and "y_hat=[[" in per_example.message and "It is 3 times the right value" in per_example.message
    assert "shape" not in per_example.message  # the first case with n > 1 differs in value, not shape


def test_rmse_gradient_checker():
    def grad(y_hat, y):
        r = np.sqrt(np.mean((y_hat - y) ** 2))
        return np.zeros_like(y_hat) if r == 0 else (y_hat - y) / (y.size * r)

    assert check_rmse_gradient(grad)
    divides_by_zero = check_rmse_gradient(lambda y_hat, y: (y_hat - y) / (y.size * np.sqrt(np.mean((y_hat - y) ** 2))))
    assert not divides_by_zero and "y_hat=[[0.5, 2. ]]" in divides_by_zero.message
    assert "raised FloatingPointError: invalid value" in divides_by_zero.message


def test_sigmoid_cross_entropy_checker():
    assert check_sigmoid_cross_entropy(lambda z, y: float(np.mean(np.logaddexp(0.0, z) - y * z)))

    def naive(z, y):
        p = 1 / (1 + np.exp(-z))
        return float(np.mean(-y * np.log(p) - (1 - y) * np.log(1 - p)))

    wrong = check_sigmoid_cross_entropy(naive)
    assert not wrong and "z=[[ 1000., -1000.,    40.,   -40.]]" in wrong.message and "FloatingPointError" in wrong.message
    summed = check_sigmoid_cross_entropy(lambda z, y: float(np.sum(np.logaddexp(0.0, z) - y * z)))  # no mean
    assert not summed and "z=[[ 0.,  2., -1.]]" in summed.message

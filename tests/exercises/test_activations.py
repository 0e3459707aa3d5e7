"""Chapter 3's checkers, fed a right and a wrong answer each."""

import numpy as np

from nnlib.exercises.activations import check_leaky_relu, check_leaky_relu_derivative, check_softplus_derivative


def test_leaky_relu_checker():
    assert check_leaky_relu(lambda z, slope: np.where(z > 0, z, slope * z))
    wrong = check_leaky_relu(lambda z, slope: np.where(z > 0, z, 0.01 * z))  # ignores the slope
    assert not wrong and "slope=0.2" in wrong.message and "expected [-0.4, -0.1,  0.5,  3. ]" in wrong.message


def test_leaky_relu_derivative_checker():
    assert check_leaky_relu_derivative(lambda z, slope: np.where(z > 0, 1.0, slope))
    wrong = check_leaky_relu_derivative(lambda z, slope: np.where(z >= 0, 1.0, slope))  # right slope at 0
    assert not wrong and "for z=[0.], slope=0.01" in wrong.message and "expected [0.01]" in wrong.message
    relu = check_leaky_relu_derivative(lambda z, slope: (z > 0).astype(float))
    assert not relu and "returned [0., 0., 1., 1.], expected [0.01, 0.01, 1.  , 1.  ]" in relu.message


def test_softplus_derivative_checker():
    def stable(z):
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1 / (1 + e), e / (1 + e))

    assert check_softplus_derivative(stable)
    naive = check_softplus_derivative(lambda z: np.exp(z) / (1 + np.exp(z)))
    assert not naive and "z=[-800.,  -30.,   30.,  800.]" in naive.message and "overflow" in naive.message
    wrong = check_softplus_derivative(lambda z: np.log1p(np.exp(-np.abs(z))) + np.maximum(z, 0))  # the softplus itself
    assert not wrong and "for z=[ 0. ,  1. , -1. ,  2.5]" in wrong.message

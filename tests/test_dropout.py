"""Dropout: inverted scaling, training versus evaluation, seeded masks, and a gradient check with a fixed mask."""

import numpy as np
import pytest

from nnlib.dropout import Dropout
from nnlib.gradcheck import numerical_gradient, relative_error
from nnlib.layers import Dense
from nnlib.losses import get_loss


def test_training_keeps_each_unit_with_probability_p_and_scales_by_one_over_p(rng):
    A = rng.normal(size=(50, 400))
    layer = Dropout(keep_probability=0.7, seed=3)
    out = layer.forward(A)
    kept = out != 0
    np.testing.assert_allclose(out[kept], A[kept] / 0.7, rtol=1e-15)
    assert abs(kept.mean() - 0.7) < 0.01            # 20000 draws: the standard error is 0.003
    np.testing.assert_array_equal(layer.mask, kept / 0.7)


def test_the_expected_output_is_the_input(rng):
    """Inverted scaling: averaged over many masks, the output is A_prev itself."""
    A = rng.normal(size=(3, 4))
    layer = Dropout(keep_probability=0.6, seed=0)
    mean = np.mean([layer.forward(A) for _ in range(20000)], axis=0)
    np.testing.assert_allclose(mean, A, atol=0.05)


def test_evaluation_passes_the_input_through_unchanged(rng):
    A = rng.normal(size=(4, 5))
    layer = Dropout(keep_probability=0.5).eval()
    assert layer.training is False and layer.forward(A) is A and layer.mask is None
    dA = rng.normal(size=(4, 5))
    assert layer.backward(dA) is dA
    assert layer.train().training is True


def test_keep_probability_one_drops_nothing(rng):
    A = rng.normal(size=(4, 5))
    np.testing.assert_array_equal(Dropout(keep_probability=1.0).forward(A), A)


def test_masks_are_seeded_and_new_at_every_forward_pass():
    A = np.ones((10, 10))
    a, b = Dropout(0.5, seed=7), Dropout(0.5, seed=7)
    first, second = a.forward(A), a.forward(A)
    np.testing.assert_array_equal(first, b.forward(A))
    assert not np.array_equal(first, second)


def test_backward_multiplies_by_the_same_mask(rng):
    A, dA = rng.normal(size=(6, 8)), rng.normal(size=(6, 8))
    layer = Dropout(keep_probability=0.5, seed=1)
    out = layer.forward(A)
    dA_prev = layer.backward(dA)
    np.testing.assert_array_equal(dA_prev == 0, out == 0)
    np.testing.assert_allclose(dA_prev[out != 0], 2.0 * dA[out != 0], rtol=1e-15)


def test_backward_against_central_differences_with_a_fixed_mask(rng):
    """f(A) = sum(C * dropout(A)) with the mask held fixed: df/dA must be the backward pass of C."""
    A, C = rng.normal(size=(4, 6)), rng.normal(size=(4, 6))
    keep = rng.random((4, 6)) < 0.6
    layer = Dropout(keep_probability=0.6)
    layer.forward(A, keep=keep)
    analytic = layer.backward(C)
    numerical = numerical_gradient(lambda a: float(np.sum(C * layer.forward(a, keep=keep))), A.copy())
    assert relative_error(analytic, numerical) < 1e-9


def test_gradient_check_through_dense_dropout_dense_with_a_fixed_mask(rng):
    """Dropout between two dense layers: every weight's gradient agrees with central differences."""
    first = Dense(rng.normal(size=(5, 3)), rng.normal(size=5), "tanh")
    dropout = Dropout(keep_probability=0.5)
    last = Dense(rng.normal(size=(2, 5)), rng.normal(size=2), "linear")
    X, Y = rng.normal(size=(3, 7)), rng.normal(size=(2, 7))
    keep = rng.random((5, 7)) < 0.5
    loss = get_loss("squared_error")

    def forward():
        return last.forward(dropout.forward(first.forward(X), keep=keep))

    Y_hat = forward()
    dA = last.backward(loss.gradient(Y_hat, Y))
    first.backward(dropout.backward(dA), input_gradient=False)
    for layer in (first, last):
        for param, grad in [(layer.W, layer.dW), (layer.b, layer.db)]:
            analytic = grad.copy()
            numerical = numerical_gradient(lambda _: loss(forward(), Y), param)
            assert relative_error(analytic, numerical) < 1e-8


def test_it_has_the_layer_interface_without_parameters():
    layer = Dropout()
    assert layer.parameters() == {} and layer.gradients() == {}
    assert layer.backward(np.ones((2, 2)), input_gradient=False) is None
    assert repr(layer) == "Dropout(keep_probability=0.8, training=True)"


def test_float32_stays_float32_and_integers_become_floats():
    out = Dropout(0.5, seed=0).forward(np.ones((3, 3), dtype=np.float32))
    assert out.dtype == np.float32 and set(np.unique(out)) <= {0.0, 2.0}
    assert Dropout(0.5, seed=0).forward(np.ones((3, 3), dtype=int)).dtype == np.float64


@pytest.mark.parametrize("bad", [0.0, -0.5, 1.5, float("nan")])
def test_keep_probability_must_lie_in_zero_one(bad):
    with pytest.raises(ValueError, match=rf"keep_probability must be a number in \(0, 1\] such as 0.8, got {bad}"):
        Dropout(keep_probability=bad)


def test_keep_probability_must_be_a_number():
    with pytest.raises(TypeError, match="keep_probability must be a number in"):
        Dropout(keep_probability="0.5")


def test_clear_errors_for_misuse():
    layer = Dropout(0.5)
    with pytest.raises(RuntimeError, match="call forward before backward"):
        layer.backward(np.ones((2, 2)))
    with pytest.raises(ValueError, match=r"keep \(or fixed_keep\) must have the shape of A_prev, \(2, 3\); got \(3, 2\)"):
        layer.forward(np.ones((2, 3)), keep=np.ones((3, 2), dtype=bool))
    layer.forward(np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"dA must have the shape of the last forward pass's output, \(2, 3\); got \(2, 2\)"):
        layer.backward(np.ones((2, 2)))

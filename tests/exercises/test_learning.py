"""Chapter 8's checkers, fed a right and a wrong answer each."""

import numpy as np

from nnlib.exercises.learning import check_critical_learning_rate, check_minibatches, check_update_rule


def test_update_rule_checker():
    assert check_update_rule(lambda p, g, eta: {k: p[k] - eta * g[k] for k in p})
    uphill = check_update_rule(lambda p, g, eta: {k: p[k] + eta * g[k] for k in p})
    assert not uphill and "moved by +eta * dL/dW1, uphill" in uphill.message
    no_eta = check_update_rule(lambda p, g, eta: {k: p[k] - g[k] for k in p})
    assert not no_eta and "with learning rate 0.1, your new W1 differs at entry" in no_eta.message
    missing = check_update_rule(lambda p, g, eta: {k: p[k] - eta * g[k] for k in p if k.startswith("W")})
    assert not missing
    assert "the dict your update returned has no entry 'b1'; expected the names ['W1', 'W2', 'b1', 'b2']" in missing.message


def test_update_rule_checker_rejects_editing_in_place_and_returning_nothing():
    def in_place(p, g, eta):
        for k in p:
            p[k] -= eta * g[k]

    assert "your update changed its input params" in check_update_rule(in_place).message
    assert "return a dict with the names" in check_update_rule(lambda p, g, eta: None).message


def test_minibatch_checker():
    def right(m, batch_size, seed):
        order = np.random.default_rng(seed).permutation(m)
        return [order[i : i + batch_size] for i in range(0, m, batch_size)]

    def unshuffled(m, batch_size, seed):
        return [np.arange(m)[i : i + batch_size] for i in range(0, m, batch_size)]

    def drops_the_rest(m, batch_size, seed):
        order = np.random.default_rng(seed).permutation(m)
        return [order[i : i + batch_size] for i in range(0, m - batch_size + 1, batch_size)]

    assert check_minibatches(right)
    wrong = check_minibatches(unshuffled)
    assert not wrong and "original order; shuffle them first" in wrong.message
    wrong = check_minibatches(drops_the_rest)
    assert not wrong and "for m=10, batch_size=3, your batches have sizes [3, 3, 3]; expected [3, 3, 3, 1]" in wrong.message


def test_critical_learning_rate_checker():
    assert check_critical_learning_rate(lambda H: 2 / np.linalg.eigvalsh(H).max())
    wrong = check_critical_learning_rate(lambda H: 2 / np.linalg.eigvalsh(H).min())
    assert not wrong and "expected 0.5" in wrong.message


def test_minibatch_checker_reads_batches_of_any_kind_and_names_the_wrong_ones():
    def right(m, batch_size, seed):
        order = np.random.default_rng(seed).permutation(m)
        return [order[i : i + batch_size] for i in range(0, m, batch_size)]

    def as_generator(m, batch_size, seed):
        yield from right(m, batch_size, seed)

    def scalars_for_one(m, batch_size, seed):
        batches = right(m, batch_size, seed)
        return [int(b[0]) for b in batches] if batch_size == 1 else batches

    def masks(m, batch_size, seed):
        return [np.isin(np.arange(m), b) for b in right(m, batch_size, seed)]

    assert check_minibatches(as_generator)
    one = check_minibatches(scalars_for_one)
    assert not one and "for m=7, batch_size=1, batch 0 is a single number; return each batch as an array" in one.message
    assert "batch 0 is a True/False mask; return the indices it selects" in check_minibatches(masks).message
    assert "returned None; return a list of index arrays" in check_minibatches(lambda m, batch_size, seed: None).message
    floats = check_minibatches(lambda m, batch_size, seed: [b.astype(float) for b in right(m, batch_size, seed)])
    assert "each batch must be a 1-D array of integer indices" in floats.message

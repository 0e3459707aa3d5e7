"""The listings of chapter 11: the same program, section by section, and the nnlib ones run to the
same weights. (The PyTorch listing runs in `make bench`, where PyTorch is installed.)"""

import ast

import numpy as np
import pytest

from nnlib import listings

NAMES = ["digits_nnlib", "digits_autograd", "digits_pytorch"]


def test_the_three_listings_have_the_same_sections_in_the_same_order():
    titles = [[title for title, _ in listings.sections(name)] for name in NAMES]
    assert titles[0] == titles[1] == titles[2] == ["setup", "data", "parameters", "training loop", "evaluation"]


LOOP = [  # what line i of each training loop does, in nnlib, nnlib.autograd and PyTorch
    ("same shuffles", "rng = np.random.default_rng(0)", "rng = np.random.default_rng(0)", "rng = np.random.default_rng(0)"),
    ("epochs", "for epoch in range(EPOCHS)", "for epoch in range(EPOCHS)", "for epoch in range(EPOCHS)"),
    ("shuffle", "order = rng.permutation(m)", "order = rng.permutation(m)", "order = rng.permutation(m)"),
    ("mini-batches", "for start in range(0, m, BATCH)", "for start in range(0, m, BATCH)", "for start in range(0, m, BATCH)"),
    ("the batch", "batch = order[start:", "batch = order[start:", "batch = order[start:"),
    ("its examples", "X[:, batch], Y[:, batch]", "X[:, batch], Y[:, batch]", "X_rows[batch], y_t[batch]"),
    ("forward", "Z = net.forward(Xb)", "Z = model(Xb)", "Z = model(Xb)"),
    ("loss", "dZ = loss.gradient(Z, Yb)", "L = autograd.loss(Z, Yb, LOSS)", "L = loss_fn(Z, yb)"),
    ("zero_grad", "# no zero_grad", "model.zero_grad()", "optimizer.zero_grad()"),
    ("backward", "net.backward(dZ)", "L.backward()", "L.backward()"),
    ("step", "nnlib.gradient_descent_step(", "for p in model.parameters():", "optimizer.step()"),
]


def test_the_training_loops_correspond_line_by_line():
    loops = [dict(listings.sections(name))["training loop"].splitlines() for name in NAMES]
    for i, (role, *expected) in enumerate(LOOP):
        for name, lines, text in zip(NAMES, loops, expected):
            assert text in lines[i], f"{name}, line {i} of the training loop should do '{role}': {lines[i]!r}"


def test_the_nnlib_listings_take_the_same_steps():
    by_hand, by_engine = listings.run("digits_nnlib"), listings.run("digits_autograd")
    net, model = by_hand["net"], by_engine["model"]
    for layer, W, b in zip(net.layers, model.weights, model.biases):
        np.testing.assert_allclose(W.data, layer.W, rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(b.data, layer.b, rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(W.grad, layer.dW, rtol=1e-10, atol=1e-15)  # the last step's gradients
        np.testing.assert_allclose(b.grad, layer.db, rtol=1e-10, atol=1e-15)
    assert by_hand["accuracy"] == by_engine["accuracy"] >= 0.95


def test_the_pytorch_listing_is_valid_python_that_translates_rows_and_columns():
    source = listings.path("digits_pytorch").read_text(encoding="utf-8")
    tree = ast.parse(source)
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert {"torch", "nnlib", "numpy"} <= imported
    assert "torch.tensor(X.T)" in source and "torch.tensor(X_test.T)" in source  # columns become rows
    assert "argmax(dim=1)" in source  # and the classes of a row


def test_side_by_side_shows_every_section_of_every_listing_highlighted():
    table = listings.side_by_side(*NAMES, titles=["nnlib", "nnlib.autograd", "PyTorch"])
    page = table._repr_html_()
    assert page.count("<tbody>") == 5 and page.count('<th scope="col"') == 3
    for needle in ("optimizer", "zero_grad", "backward", "gradient_descent_step", "style=\"color"):
        assert needle in page
    text = repr(table)
    assert text.count("# ===== ") == 5 and text.count("# --- PyTorch") == 5
    assert "model.zero_grad()" in text and "optimizer.zero_grad()" in text


def test_unknown_listings_and_mismatched_titles_are_refused():
    with pytest.raises(ValueError, match="unknown listing 'digits_jax'; expected one of: digits_autograd"):
        listings.path("digits_jax")
    with pytest.raises(ValueError, match="unknown listing"):
        listings.path("../conftest")
    with pytest.raises(ValueError, match="one title per listing"):
        listings.side_by_side("digits_nnlib", "digits_autograd", titles=["only one"])

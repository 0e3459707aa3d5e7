"""Network diagrams are drawn from the network's own weights."""

import numpy as np

from nnlib.diagram import NODE_RADIUS, NetworkDrawing, arc_label_position, default_node_labels, draw_network, node_positions
from nnlib.network import Network


def arcs(fig):
    return [line for line in fig.axes[0].lines if line.get_label() == "weight"]


def test_one_arc_per_weight_styled_by_sign_and_sized_by_magnitude():
    net = Network.from_weights([[[2.0, -1.0], [0.5, 0.0]], [[-2.0, 1.0]]], [[0.0, 0.0], [0.0]])
    fig = draw_network(net)
    lines = arcs(fig)
    assert len(lines) == 6
    weights = np.concatenate([layer.W.ravel() for layer in net.layers])
    widths = np.array([line.get_linewidth() for line in lines])
    assert np.all(np.diff(widths[np.argsort(np.abs(weights))]) >= 0)  # wider for larger |w|
    for line, w in zip(lines, weights):
        assert line.get_linestyle() == ("-" if w >= 0 else "--")


def test_arcs_join_the_right_nodes_and_stop_at_their_rims():
    net = Network.from_sizes([3, 4, 2], seed=0)
    fig = draw_network(net)
    pos = node_positions(net.sizes)
    for arc, (source, target) in [(arcs(fig)[0], (pos[0][0], pos[1][0])), (arcs(fig)[5], (pos[0][2], pos[1][1]))]:
        start, end = arc.get_xydata()  # W1[0, 0]: input 1 to hidden unit 1; W1[1, 2]: input 3 to hidden unit 2
        direction = (target - source) / np.linalg.norm(target - source)
        np.testing.assert_allclose(start, source + (NODE_RADIUS + 0.03) * direction, atol=1e-12)
        np.testing.assert_allclose(end, target - (NODE_RADIUS + 0.03) * direction, atol=1e-12)


def test_weights_values_and_gradients_are_printed():
    net = Network.from_sizes([2, 2, 1], seed=0)
    X, Y = np.array([[0.5], [0.1]]), np.array([[1.0]])
    _, grads = net.loss_and_gradients(X, Y)
    values = [A[:, 0] for A in net.trace(X).A]
    fig = draw_network(net, node_values=values, gradients=grads)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert f"{net.layers[0].W[0, 0]:.2f}\n∇ {grads['W1'][0, 0]:.3g}" in texts
    assert any(f"{values[2][0]:.4f}" in t for t in texts)


def test_big_networks_hide_weight_labels_by_default():
    fig = draw_network(Network.from_sizes([4, 5, 1], seed=0))
    assert not any(t.get_text().startswith("b=") for t in fig.axes[0].texts)


def test_the_widgets_draw_their_networks_as_the_static_diagrams_do():
    """The weight tweaker's network is drawn by the same NetworkDrawing as draw_network: the same
    arcs, ending at the same rims, with their labels at the same places."""
    from nnlib.widgets.weight_tweaker import TweakerFigure, tweaker_network

    tweaker = TweakerFigure()
    tweaker.set_values()
    static = draw_network(tweaker_network())
    assert isinstance(tweaker.diagram, NetworkDrawing)
    static_arcs = arcs(static)
    for arc, same in zip(tweaker.diagram.arcs.values(), static_arcs, strict=True):
        np.testing.assert_allclose(arc.get_xydata(), same.get_xydata())
        assert (arc.get_linestyle(), arc.get_linewidth()) == (same.get_linestyle(), same.get_linewidth())
    labels = [t for t in static.axes[0].texts if t.get_text() and t.get_text()[0] in "-0123456789" and "\n" not in t.get_text()]
    positions = {label.get_position() for label in tweaker.diagram.arc_labels.values()}
    assert {label.get_position() for label in labels[:6]} == positions


def test_arc_labels_sit_mid_way_on_level_arcs_and_staggered_on_the_others():
    assert arc_label_position(0, 2, level=True) == 0.5
    assert [arc_label_position(j, 3, level=False) for j in range(3)] == [0.22, 0.445, 0.67]


def test_default_labels():
    assert default_node_labels([2, 3, 1])[1][2] == "$a^{[1]}_{3}$"

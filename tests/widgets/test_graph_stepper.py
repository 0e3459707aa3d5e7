"""The backward-pass stepper replays the engine's own backward pass: the same order, the same VJPs,
the same sums; its last step is backward(retain_grads=True), and the hints of chapter 11 hold."""

import numpy as np
import pytest

from nnlib.activations import sigmoid
from nnlib.autograd import topological_order
from nnlib.widgets.graph_stepper import (
    GRAPHS,
    GraphStepperFigure,
    graph_stepper,
    graph_stepper_state,
    local_derivatives,
    replay_backward,
    visit_caption,
)
from nnlib.worked_example import worked_example


def by_name(tensors):
    return {t.name: t for t in tensors}


@pytest.mark.parametrize("graph", sorted(GRAPHS))
def test_the_last_step_is_backward_with_retain_grads(graph):
    root = GRAPHS[graph]()
    visits = replay_backward(root)
    root.backward(retain_grads=True)
    order = list(reversed(topological_order(root)))
    assert [v.node for v in visits] == order  # reverse topological order, as backward visits
    last = visits[-1]
    assert not last.pending and set(last.complete) == set(order)
    for node in order:
        np.testing.assert_array_equal(last.complete[node], node.grad)  # to the last bit: the same operations
    # and the state the widget shows at its last step holds the same numbers
    state = graph_stepper_state(graph, len(order))
    shown = {t.name: g for t, g in state["gradients"].items()}
    assert state["finished"] and state["pending"] == set()
    for node in order:
        np.testing.assert_array_equal(shown[node.name], node.grad)


def test_replaying_leaves_the_graph_untouched():
    root = GRAPHS["expression"]()
    replay_backward(root)
    assert all(t.grad is None for t in topological_order(root))


def test_x2_accumulates_4_then_6_before_it_is_visited():
    """Chapter 11: x2 is used twice; t1 sends it 4, then the max sends 2 more."""
    gradient = {k: {t.name: float(g) for t, g in graph_stepper_state("expression", k)["gradients"].items()}
                for k in range(9)}
    status = {k: {t.name for t in graph_stepper_state("expression", k)["pending"]} for k in range(9)}
    assert "x2" not in gradient[2]
    assert gradient[3]["x2"] == 4.0 and "x2" in status[3]  # t1 = x1 x2 sends x1 = 2 times dF/dt1 = 2
    assert gradient[4]["x2"] == 4.0
    assert gradient[5]["x2"] == 6.0 and "x2" in status[5]  # the max sends dF/dt2 = 2
    visit = graph_stepper_state("expression", 6)["visit"]
    assert visit.node.name == "x2" and float(visit.upstream) == 6.0 and "x2" not in status[6]
    sends = {p.name: (float(sent), before) for p, sent, before in graph_stepper_state("expression", 5)["visit"].sends}
    assert sends["x2"][0] == 2.0 and float(sends["x2"][1]) == 4.0 and sends["x3"] == (0.0, None)


def test_local_derivatives_are_the_gate_patterns_written_by_hand():
    x1, x2, x3, x4 = 2.0, 3.0, -1.0, 2.0
    nodes = by_name(topological_order(GRAPHS["expression"]()))
    expected = {
        "t1": {"x1": x2, "x2": x1},  # multiply swaps
        "t2": {"x2": 1.0, "x3": 0.0},  # max routes to the larger
        "t3": {"t1": 1.0, "t2": 1.0},  # add distributes
        "F": {"t3": x4, "x4": x1 * x2 + max(x2, x3)},
    }
    for name, by_parent in expected.items():
        assert {p.name: float(d) for p, d in local_derivatives(nodes[name])} == by_parent


def test_the_network_local_derivatives_and_sends_are_chapter_5s():
    net, x, y = worked_example()
    visits = {v.node.name: v for v in replay_backward(GRAPHS["network"]())}
    trace = net.trace(x)
    y_hat, a1 = trace.A[2], trace.A[1]
    (_, loss_local), = visits["L"].local
    np.testing.assert_allclose(loss_local, y_hat - y, rtol=1e-14)  # d(1/2 sum (y_hat - y)^2)/dy_hat
    (_, slope), = visits["ŷ"].local
    np.testing.assert_allclose(slope, sigmoid(trace.Z[1]) * (1 - sigmoid(trace.Z[1])), rtol=1e-14)
    for visit in (visits["ŷ"], visits["z2"], visits["a1"], visits["z1"]):  # elementwise: upstream times local
        for (parent, local), (same, sent, _) in zip(visit.local, visit.sends):
            assert parent is same
            np.testing.assert_array_equal(sent, visit.upstream * local)
    product = visits["W2 a1"]  # the matrix product: G a1^T to W2, W2^T G to a1
    assert [local for _, local in product.local] == [None, None]
    G = product.upstream
    np.testing.assert_allclose(product.sends[0][1], G @ a1.T, rtol=1e-14)
    np.testing.assert_allclose(product.sends[1][1], net.layers[1].W.T @ G, rtol=1e-14)
    _, grads = net.loss_and_gradients(x, y, "squared_error")
    last = visits["b2"].complete
    complete = {t.name: g for t, g in last.items()}
    for name in ("W1", "b1", "W2", "b2"):
        np.testing.assert_allclose(complete[name], grads[name], rtol=1e-14)
    assert [p.name for p, _ in visits["W1 x"].local] == ["W1"]  # the data x needs no gradient


def test_the_gate_hints_hold():
    """The hint of the second experiment: add at step 2, multiply at steps 1 and 3, max at step 5."""
    visit = {k: graph_stepper_state("expression", k)["visit"] for k in (1, 2, 3, 5)}
    assert [visit[k].node.name for k in (1, 2, 3, 5)] == ["F", "t3", "t1", "t2"]
    assert all(np.array_equal(sent, visit[2].upstream) for _, sent, _ in visit[2].sends)  # add: unchanged
    for k in (1, 3):  # multiply: the gradient times the other input
        (a, sent_a, _), (b, sent_b, _) = visit[k].sends
        assert sent_a == visit[k].upstream * b.data and sent_b == visit[k].upstream * a.data
    (x2, to_x2, _), (x3, to_x3, _) = visit[5].sends
    assert (x2.name, to_x2, x3.name, to_x3) == ("x2", visit[5].upstream, "x3", 0.0)


def test_past_the_last_visit_the_expression_stays_finished():
    last = graph_stepper_state("expression", 8)
    for step in (9, 10, 11):
        state = graph_stepper_state("expression", step)
        assert state["finished"] and state["shown"] == 8 and state["visit"] is last["visit"]
        assert visit_caption(state)[0].startswith("The pass ended at step 8, with the visit to x4")


def test_captions_say_what_each_step_does():
    lines = visit_caption(graph_stepper_state("expression", 5))
    assert "∂F/∂t2 = 2 is complete" in lines[0]
    assert lines[1] == "Local derivatives: ∂t2/∂x2 = 1, ∂t2/∂x3 = 0."
    assert "x2 ← 2 × 1 = 2, added to the 4 it had: 6" in lines[2]
    assert "reverse topological order" in visit_caption(graph_stepper_state("network", 0))[1]
    assert "the data, needs none" in visit_caption(graph_stepper_state("network", 8))[2]  # W1 x: x gets nothing


def test_values_the_controls_do_not_offer_are_refused():
    with pytest.raises(ValueError, match="graph must be one of expression, network; got 'tree'"):
        graph_stepper_state("tree", 1)
    with pytest.raises(ValueError, match="step must lie from 0 to 11 .* got 12"):
        graph_stepper_state("network", 12)
    with pytest.raises(ValueError, match="step must be a whole number"):
        graph_stepper_state("expression", 2.5)
    with pytest.raises(TypeError, match="step must be a whole number"):
        graph_stepper_state("expression", True)


def test_figure_rings_the_visited_node_and_lights_its_input_arcs():
    fig = GraphStepperFigure()
    fig.set_values("expression", 5)
    drawing = fig.drawings["expression"]
    nodes = by_name(drawing.nodes)
    lit = {(p.name, t.name) for (p, t), arc in fig.highlights["expression"].items() if arc.get_visible()}
    assert lit == {("x2", "t2"), ("x3", "t2")}
    ringed = {t.name for t, rings in fig.rings["expression"].items() if any(r.get_visible() for r in rings)}
    assert ringed == {"t2"}
    x2_gradient = drawing.gradient_texts[nodes["x2"]]
    assert x2_gradient.get_text().endswith("∇ 6") and x2_gradient.get_style() == "italic"  # pending, so far
    assert drawing.arc_labels[nodes["x2"], nodes["t2"]].get_text() == "2"
    fig.set_values("network", 3)
    assert not drawing.ax.get_visible() and fig.drawings["network"].ax.get_visible()
    assert not any(arc.get_visible() for arc in fig.highlights["expression"].values())


def test_widget():
    live = graph_stepper()
    assert live.values() == {"graph": "expression", "step": 5}
    assert "t2" in live.alt and "x2 ← 2 × 1 = 2" in live.alt
    live.controls["step"].value = 6
    assert live.image.value != live.static_png

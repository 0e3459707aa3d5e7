"""Graph drawings are drawn from the graph the engine built: every tensor, every operation, every
value and gradient, inputs to the left of what they feed."""

import numpy as np

from nnlib.autograd import MLP, Tensor, loss
from nnlib.graph_diagram import COLUMN_GAP, ROW_GAP, draw_graph, format_value, graph_layout, graph_nodes
from nnlib.worked_example import worked_example


def scalar_example():
    x, y, z = Tensor(2.0, name="x"), Tensor(3.0, name="y"), Tensor(-1.0, name="z")
    f = x * y + y.maximum(z) * 2.0  # y fans out; 2.0 enters as a constant
    f.name = "f"
    f.backward(retain_grads=True)
    return f, (x, y, z)


def texts(fig, label):
    return [t.get_text() for t in fig.axes[0].texts if t.get_label() == label]


def test_every_tensor_and_operation_is_drawn_with_its_value_and_gradient():
    f, (x, y, z) = scalar_example()
    nodes = graph_nodes(f)
    fig = draw_graph(f)
    values = texts(fig, "value")
    gradients = texts(fig, "gradient")
    assert len(values) == len(nodes) == 8  # x, y, z, the constant, and four results
    assert len(gradients) == 7  # all but the constant, which needs none
    for tensor in (x, y, z, f):
        assert f"{tensor.name}\n{format_value(tensor.data)}\n " in values
    assert [g.split("\n")[-1] for g in gradients].count(f"∇ {format_value(y.grad)}") >= 1
    assert float(y.grad) == 2.0 + 2.0  # x, plus 2 through the max: the drawing shows the sum
    operations = [t.get_text() for t in fig.axes[0].texts if t.get_bbox_patch() is not None and t.get_label() == ""
                  and t.get_color() != "none"]
    assert sorted(operations) == sorted(["×", "max", "×", "+"])


def test_a_tensor_that_needs_no_gradient_has_a_dashed_box():
    f, _ = scalar_example()
    fig = draw_graph(f)
    boxes = [t for t in fig.axes[0].texts if t.get_color() == "none"]
    dashed = [t for t in boxes if t.get_bbox_patch().get_linestyle() == "--"]
    assert len(dashed) == 1 and dashed[0].get_text() == "2"


def test_inputs_are_left_of_what_they_feed_and_boxes_of_a_column_do_not_overlap():
    net, x, y = worked_example()
    model = MLP.from_network(net)
    L = loss(model(x), y)
    boxes, ops = graph_layout(L)
    assert set(ops) == {t for t in graph_nodes(L) if t.parents}
    for tensor, (op_x, op_y) in ops.items():
        assert boxes[tensor] == (op_x + COLUMN_GAP, op_y)  # the result right beside its operation
        for parent in tensor.parents:
            assert boxes[parent][0] < op_x
    for a in boxes:
        for b in boxes:
            if a is not b and boxes[a][0] == boxes[b][0]:
                assert abs(boxes[a][1] - boxes[b][1]) >= ROW_GAP
    # the chain of layers stays on one row: every computed tensor from the first product to the loss
    rows = {boxes[t][1] for t in graph_nodes(L) if t.parents}
    assert rows == {0.0}


def test_graph_nodes_include_constants_and_put_parents_first():
    f, _ = scalar_example()
    nodes = graph_nodes(f)
    assert nodes[-1] is f
    position = {id(t): i for i, t in enumerate(nodes)}
    assert all(position[id(p)] < position[id(t)] for t in nodes for p in t.parents)
    assert any(not t.requires_grad for t in nodes)


def test_values_are_printed_compactly():
    assert format_value(np.array(0.298371109)) == "0.2984"
    assert format_value(np.array([[0.5933], [0.59688]])) == "[0.593, 0.597]"
    assert format_value(np.array([1.0, 2.0, 3.0])) == "[1, 2, 3]"
    assert format_value(np.ones((2, 2))) == "(2, 2)"
    assert format_value(np.ones((64, 32))) == "(64, 32)"


def test_without_gradients_only_values_are_printed():
    x = Tensor(1.5, name="x")
    fig = draw_graph(x.exp(), gradients=False, title="before backward")
    assert texts(fig, "gradient") == []
    assert fig.axes[0].get_title() == "before backward"

"""Graph drawings are drawn from the graph the engine built: every tensor, every operation, every
value and gradient, inputs to the left of what they feed."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from nnlib.autograd import MLP, Tensor, loss
from nnlib.diagram import CLEARANCE, box_gap
from nnlib.graph_diagram import (
    COLUMN_GAP,
    MARGINS,
    ROW_GAP,
    GraphDrawing,
    arcs_through_nodes,
    draw_graph,
    format_lines,
    format_value,
    graph_layout,
    graph_nodes,
    segment_meets_box,
)
from nnlib.plots import new_axes
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
        assert f"{tensor.name}\n{format_value(tensor.data)}\n" in values
    assert [g.split("\n")[-1] for g in gradients].count(f"∇ {format_value(y.grad)}") >= 1
    assert float(y.grad) == 2.0 + 2.0  # x, plus 2 through the max: the drawing shows the sum
    assert sorted(texts(fig, "operation")) == sorted(["×", "max", "×", "+"])


def test_a_tensor_that_needs_no_gradient_has_a_dashed_box():
    f, _ = scalar_example()
    fig = draw_graph(f)
    boxes = [p for p in fig.axes[0].patches if p.get_label() == "tensor"]
    dashed = [p for p in boxes if p.get_linestyle() == "--"]
    assert len(boxes) == 8 and len(dashed) == 1
    box = dashed[0].get_extents().transformed(fig.axes[0].transData.inverted())
    inside = [t.get_text() for t in fig.axes[0].texts if t.get_label() == "value" and box.contains(*t.get_position())]
    assert inside == ["2"]


def arrow_ends(arrow, direction):
    """Where a drawn arrow starts, and how far its tip reaches along ``direction`` (the tip is
    drawn a fraction of its line width short of the end it was given)."""
    vertices = arrow.get_path().vertices[:-1]  # the last vertex closes the head
    return vertices[0], vertices[np.argmax(vertices @ direction)]


def test_every_arc_stops_at_the_rims_of_the_box_and_the_circle_it_joins():
    """The arcs are nnlib.diagram's: each ends a clearance away from the outline of its box
    (where the ray from the box's centre leaves it) and of its operation's circle."""
    f, _ = scalar_example()
    drawing = GraphDrawing(new_axes(figsize=(6, 3)), f)
    assert len(drawing.arcs) == 8 and len(drawing.results) == 4
    for (parent, tensor), arc in drawing.arcs.items():
        source, op = np.array(drawing.boxes[parent]), np.array(drawing.ops[tensor])
        direction = (op - source) / np.linalg.norm(op - source)
        start, tip = arrow_ends(arc, direction)
        np.testing.assert_allclose(start, source + (box_gap(*drawing.half_sizes[parent], direction) + CLEARANCE) * direction,
                                   atol=1e-12)
        np.testing.assert_allclose(tip, op - (drawing.radii[tensor] + CLEARANCE) * direction, atol=0.03)
    for tensor, arrow in drawing.results.items():  # level: from the circle's rim to the box's side
        op, box = np.array(drawing.ops[tensor]), np.array(drawing.boxes[tensor])
        start, tip = arrow_ends(arrow, np.array([1.0, 0.0]))
        np.testing.assert_allclose(start, op + [drawing.radii[tensor] + CLEARANCE, 0.0], atol=1e-12)
        np.testing.assert_allclose(tip, box - [drawing.half_sizes[tensor][0] + CLEARANCE, 0.0], atol=0.03)


def test_boxes_fit_their_widest_text_and_the_scale_is_equal_on_both_axes():
    f, (x, y, z) = scalar_example()
    fig = draw_graph(f)
    ax = fig.axes[0]
    width_in, height_in = fig.get_size_inches() * [ax.get_position().width, ax.get_position().height]
    assert (np.diff(ax.get_xlim())[0] / width_in) == pytest.approx(np.diff(ax.get_ylim())[0] / height_in)
    drawing = GraphDrawing(new_axes(figsize=(6, 3)), f, gradients={y: ["∇ 4", "∇ 4 and a long note"]})
    assert drawing.half_sizes[y][0] > 2 * drawing.half_sizes[x][0]  # sized for the longer of its texts
    assert drawing.set_gradient(y, "∇ 4").get_text() == "\n\n∇ 4"  # under the name and the value


def test_a_long_graph_wraps_into_bands_that_turn_back():
    net, x, y = worked_example()
    L = loss(MLP.from_network(net)(x), y)
    boxes, ops = graph_layout(L, wrap=8)
    flat_boxes, _ = graph_layout(L)
    assert len({y for _, y in ops.values() if y < -1.5}) >= 1  # a second band, below
    assert max(x for x, _ in boxes.values()) < 0.6 * max(x for x, _ in flat_boxes.values())
    product = L.parents[0].parents[0].parents[0]  # W2 a1: its operation ends the first band, its box starts the second
    assert ops[product][0] == boxes[product][0] and ops[product][1] > boxes[product][1]
    first, second = [t for t in graph_nodes(L) if t.parents][:2]
    assert ops[first][0] < boxes[first][0]  # the first band reads left to right
    assert ops[L][0] > boxes[L][0]  # the second right to left


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


def test_values_for_narrow_boxes_are_printed_one_entry_or_row_a_line():
    assert format_lines(np.array(0.298371109)) == ["0.298"]
    assert format_lines(np.array([[0.5933], [0.59688]])) == ["0.593", "0.597"]
    assert format_lines(np.array([[0.15, 0.2], [0.25, 0.3]]), digits=2) == ["0.15  0.2", "0.25  0.3"]
    assert format_lines(np.ones((4, 1))) == ["(4, 1)"]


def test_without_gradients_only_values_are_printed():
    x = Tensor(1.5, name="x")
    fig = draw_graph(x.exp(), gradients=False, title="before backward")
    assert texts(fig, "gradient") == []
    assert fig.axes[0].get_title() == "before backward"


def test_a_wrap_of_fewer_than_two_columns_is_refused():
    x = Tensor(1.0, name="x")
    for wrap in (1, 0, 2.5, True):
        with pytest.raises(ValueError, match="wrap must be a whole number of columns, at least 2"):
            graph_layout(x.exp(), wrap=wrap)


def late_leaf_example():
    """Chapter 11's exercise: x3 feeds the max, three columns on, as well as the first product."""
    x1, x2, x3 = Tensor(1.5, name="x1"), Tensor(-2.0, name="x2"), Tensor(0.5, name="x3")
    F = (x1 * x2).maximum(x3) + x1 * x3
    F.backward(retain_grads=True)
    return F


@pytest.mark.parametrize("example", ["late leaf", "scalar", "network"])
def test_no_arc_passes_through_a_box_or_circle_it_does_not_join(example):
    """Measured on the drawing, with the sizes its boxes and circles were drawn at."""
    if example == "late leaf":
        root = late_leaf_example()
    elif example == "scalar":
        root, _ = scalar_example()
    else:
        net, x, y = worked_example()
        root = loss(MLP.from_network(net)(x), y)
        root.backward(retain_grads=True)
    boxes, _ = graph_layout(root)  # a figure at draw_graph's scale, an inch per unit of the layout
    (x_low, y_low), (x_high, y_high) = np.min(list(boxes.values()), axis=0), np.max(list(boxes.values()), axis=0)
    fig = Figure(figsize=(x_high - x_low + 2 * MARGINS[0], y_high - y_low + 2 * MARGINS[1]))
    gradients = {t: [f"∇ {format_value(t.grad)}"] for t in graph_nodes(root) if t.grad is not None}
    drawing = GraphDrawing(fig.add_axes((0.0, 0.0, 1.0, 1.0)), root, gradients=gradients)
    shapes = [(t, drawing.boxes[t], drawing.half_sizes[t]) for t in drawing.boxes]
    shapes += [(("op", t), drawing.ops[t], (drawing.radii[t],) * 2) for t in drawing.ops]
    for (parent, result), (start, end) in drawing.ends.items():
        for key, centre, half in shapes:
            if key is parent or key == ("op", result):
                continue
            assert not segment_meets_box(start, end, centre, half), (parent.name, result.op, key)


def test_a_leaf_used_late_moves_out_of_the_way_and_an_untroubled_layout_stays():
    root = late_leaf_example()
    x1, x2, x3 = [t for t in graph_nodes(root) if t.is_leaf]
    boxes, ops = graph_layout(root)
    assert arcs_through_nodes(boxes, ops) == []
    assert boxes[x3][0] == boxes[x1][0] < ops[root.parents[1]][0]  # still left of the first operation it feeds
    f, (x, y, z) = scalar_example()
    boxes, _ = graph_layout(f)
    assert [boxes[t][1] for t in (x, y, z)] == [ROW_GAP, 0.0, -ROW_GAP]  # no arc in the way: the rows as they were

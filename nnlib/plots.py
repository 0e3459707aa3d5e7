"""Figures the chapters draw: f and f' side by side, decision regions, loss curves.

Every function returns a :class:`NotebookFigure`, a matplotlib Figure that a notebook shows when it
is a cell's last value, and accepts ``ax`` to draw into an existing one. nnlib never uses pyplot's
global state, so a figure appears exactly once and nothing leaks between cells.
Colours come from the Okabe-Ito palette, which colour-blind readers can tell apart, and classes
also differ by marker shape, so colour is never the only cue.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .activations import Activation, get_activation

OKABE_ITO = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
"""The colour-blind-safe palette used by every figure."""

CLASS_COLORS = [OKABE_ITO[c] for c in ("blue", "vermillion", "green", "purple", "orange", "sky", "yellow", "black")]
CLASS_MARKERS = ["o", "^", "s", "D", "v", "P", "X", "*"]
SEQUENTIAL_CMAP = "cividis"
"""Colour map for values over the plane (readable in grey and by colour-blind readers)."""


class NotebookFigure(Figure):
    """A matplotlib Figure that displays itself as a PNG in any notebook.

    A plain Figure made without pyplot shows only as text unless the notebook's inline backend
    was switched on; this one carries its own picture.
    """

    def _repr_png_(self) -> bytes:
        return figure_to_png(self, dpi=110)


def new_figure(figsize=(5.0, 4.0), **kwargs) -> NotebookFigure:
    """A new :class:`NotebookFigure` with constrained layout.

    Examples
    --------
    >>> new_figure((3.0, 2.0)).get_size_inches().tolist()
    [3.0, 2.0]
    """
    return NotebookFigure(figsize=figsize, layout="constrained", **kwargs)


def new_axes(ax: Axes | None = None, figsize=(5.0, 4.0)) -> Axes:
    """Return ``ax``, or the single axes of a new figure of the given size.

    Examples
    --------
    >>> new_axes().figure.get_size_inches().tolist()
    [5.0, 4.0]
    """
    if ax is not None:
        return ax
    return new_figure(figsize).add_subplot()


def plot_points(X, labels, ax: Axes | None = None, label_names: Sequence[str] | None = None, size: float = 40) -> Figure:
    """Scatter 2-D points, one colour and marker shape per class.

    Parameters
    ----------
    X : array_like of shape (2, m)
    labels : array_like of shape (m,)
        Integer classes.

    Examples
    --------
    >>> fig = plot_points(np.array([[0.0, 1.0], [0.0, 1.0]]), [0, 1])
    >>> len(fig.axes[0].collections)
    2
    """
    ax = new_axes(ax)
    X, labels = np.asarray(X), np.asarray(labels)
    for k in np.unique(labels):
        mask = labels == k
        name = label_names[k] if label_names is not None else f"class {k}"
        ax.scatter(
            X[0, mask], X[1, mask], s=size, c=CLASS_COLORS[k % 8], marker=CLASS_MARKERS[k % 8],
            edgecolors="white", linewidths=0.6, label=name, zorder=3,
        )
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return ax.figure


def plot_decision_regions(
    predict: Callable[[np.ndarray], np.ndarray],
    X,
    labels,
    ax: Axes | None = None,
    resolution: int = 200,
    margin: float = 0.5,
) -> Figure:
    """Shade the plane by the class a model predicts, and overlay the labelled points.

    Parameters
    ----------
    predict : callable
        Maps inputs (2, N) to integer labels (N,), e.g.
        ``lambda X: predict_labels(net.forward(X))``.
    X : array_like of shape (2, m)
    labels : array_like of shape (m,)

    Examples
    --------
    >>> X = np.array([[0.0, 1.0], [0.0, 1.0]])
    >>> fig = plot_decision_regions(lambda P: (P.sum(axis=0) > 1).astype(int), X, [0, 1])
    >>> fig.axes[0].get_xlabel()
    '$x_1$'
    """
    from matplotlib.colors import ListedColormap

    ax = new_axes(ax)
    X, labels = np.asarray(X, float), np.asarray(labels)
    (x_lo, y_lo), (x_hi, y_hi) = X.min(axis=1) - margin, X.max(axis=1) + margin
    gx, gy = np.meshgrid(np.linspace(x_lo, x_hi, resolution), np.linspace(y_lo, y_hi, resolution))
    grid = np.stack([gx.ravel(), gy.ravel()])
    regions = np.asarray(predict(grid)).reshape(gx.shape)
    n_classes = int(max(regions.max(), labels.max())) + 1
    cmap = ListedColormap(CLASS_COLORS[:n_classes])
    ax.imshow(
        regions, origin="lower", extent=(x_lo, x_hi, y_lo, y_hi), cmap=cmap, vmin=-0.5,
        vmax=n_classes - 0.5, alpha=0.25, aspect="auto", interpolation="nearest",
    )
    ax.contour(gx, gy, regions, levels=np.arange(n_classes) + 0.5, colors="black", linewidths=1.0)
    plot_points(X, labels, ax=ax)
    ax.legend(loc="best", fontsize="small")
    return ax.figure


def plot_loss_curves(
    curves: dict[str, Sequence[float]], ax: Axes | None = None, log: bool = False, xlabel: str = "epoch"
) -> Figure:
    """Plot one loss curve per entry of ``curves`` (name -> values, entry 0 before training).

    Examples
    --------
    >>> fig = plot_loss_curves({"train": [1.0, 0.5, 0.2], "test": [1.0, 0.6, 0.4]})
    >>> [line.get_label() for line in fig.axes[0].lines]
    ['train', 'test']
    """
    ax = new_axes(ax)
    styles = ["-", "--", "-.", ":"]
    colors = [OKABE_ITO["blue"], OKABE_ITO["vermillion"], OKABE_ITO["green"], OKABE_ITO["purple"]]
    for i, (name, values) in enumerate(curves.items()):
        ax.plot(np.arange(len(values)), values, styles[i % 4], color=colors[i % 4], label=name, linewidth=1.8)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("loss")
    ax.legend()
    ax.grid(alpha=0.3)
    return ax.figure


def plot_function_and_derivative(
    activation: str | Activation, z_range=(-6.0, 6.0), axes: Sequence[Axes] | None = None, n: int = 601
) -> Figure:
    """Plot f(z) and f'(z) side by side for an elementwise activation.

    Examples
    --------
    >>> fig = plot_function_and_derivative("tanh")
    >>> [ax.get_title() for ax in fig.axes]
    ['tanh(z)', "tanh'(z)"]
    """
    act = get_activation(activation)
    if act.derivative is None:
        raise ValueError(
            f"{act.name} is not elementwise: its derivative is a Jacobian (see nnlib.softmax.softmax_jacobian)."
        )
    if axes is None:
        fig = new_figure((9.0, 3.4))
        axes = fig.subplots(1, 2)
    z = np.linspace(*z_range, n)
    for ax, values, title, color, style in [
        (axes[0], act(z), f"{act.name}(z)", OKABE_ITO["blue"], "-"),
        (axes[1], act.derivative(z), f"{act.name}'(z)", OKABE_ITO["vermillion"], "--"),
    ]:
        ax.plot(z, values, style, color=color, linewidth=2)
        ax.axhline(0, color="grey", linewidth=0.6)
        ax.axvline(0, color="grey", linewidth=0.6)
        ax.set_title(title)
        ax.set_xlabel("z")
        ax.grid(alpha=0.3)
    return axes[0].figure


def figure_to_png(fig: Figure, dpi: int = 100) -> bytes:
    """Render a Figure to PNG bytes with the Agg backend.

    Notes
    -----
    The pixels are those of ``fig.savefig(buffer, format="png", dpi=dpi)``, about a third
    faster, which matters for widgets, which render on every move of a slider. savefig goes over
    a figure's artists twice, once to lay them out and once to draw them; a single Agg draw does
    both (:func:`figure_to_rgba`). Then :func:`rgba_to_png` encodes the pixels, several times
    faster than Pillow's encoder, which savefig uses.

    Examples
    --------
    >>> figure_to_png(new_axes().figure)[:4]
    b'\\x89PNG'
    """
    return rgba_to_png(figure_to_rgba(fig, dpi), dpi)


def figure_to_rgba(fig: Figure, dpi: int = 100) -> np.ndarray:
    """Render a Figure with the Agg backend, in one draw, and return its RGBA pixels (height, width, 4).

    Examples
    --------
    >>> figure_to_rgba(new_figure((2.0, 1.0)), dpi=50).shape
    (50, 100, 4)
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas_before, dpi_before = fig.canvas, fig.dpi
    canvas = FigureCanvasAgg(fig)  # as savefig does: an Agg canvas for this render only
    fig.dpi = dpi
    try:
        canvas.draw()
        return np.asarray(canvas.buffer_rgba())
    finally:
        fig.dpi = dpi_before
        fig.set_canvas(canvas_before)


def rgba_to_png(rgba, dpi: int) -> bytes:
    """Encode RGBA pixels (height, width, 4) of 8 bits as PNG bytes, fast.

    Notes
    -----
    A PNG file is a signature and a list of chunks, each its length, a type, the data and a
    CRC: IHDR (width, height, 8 bits, colour type 6: RGBA), pHYs (the resolution, in pixels per
    metre), IDAT (the pixel rows, each led by its filter byte, compressed by zlib) and IEND.
    No row filter (filter byte 0) and zlib's fastest level: about twice as fast as Pillow's
    encoder, which tries a filter for every row, for a file of about the same size.

    Examples
    --------
    >>> import io
    >>> from PIL import Image
    >>> pixels = np.arange(24, dtype=np.uint8).reshape(2, 3, 4)
    >>> np.array_equal(np.asarray(Image.open(io.BytesIO(rgba_to_png(pixels, dpi=72)))), pixels)
    True
    """
    pixels = np.asarray(rgba, dtype=np.uint8)
    height, width, channels = pixels.shape
    if channels != 4:
        raise ValueError(f"expected RGBA pixels of shape (height, width, 4); got shape {pixels.shape}.")
    rows = np.zeros((height, 1 + 4 * width), np.uint8)  # column 0: filter byte 0, "none"
    rows[:, 1:] = pixels.reshape(height, 4 * width)
    per_metre = round(dpi / 0.0254)
    return b"".join([
        b"\x89PNG\r\n\x1a\n",
        _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)),
        _png_chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
        _png_chunk(b"IDAT", zlib.compress(rows.tobytes(), 1)),
        _png_chunk(b"IEND", b""),
    ])


def compact_png(rgba, dpi: int) -> bytes:
    """Encode opaque RGBA pixels (height, width, 4) as a small indexed-colour PNG (at most 256 colours).

    For pictures that travel: the website's widget frames, a widget's still picture. A figure
    has a few flat colours (background, lines, text) plus the shades that antialiasing and
    colour maps add, so 256 colours chosen for the picture (Pillow's octree) lose little: every
    pixel stays within a few levels of its colour, and the most frequent colours, every flat
    area, are kept exactly. The file is a third to a quarter of :func:`rgba_to_png`'s.

    Examples
    --------
    >>> import io
    >>> from PIL import Image
    >>> pixels = np.full((4, 6, 4), 255, np.uint8)
    >>> pixels[1:3, 2:4, :3] = (0, 114, 178)
    >>> decoded = Image.open(io.BytesIO(compact_png(pixels, dpi=72)))
    >>> decoded.mode, np.array_equal(np.asarray(decoded.convert("RGBA")), pixels)
    ('P', True)
    """
    from io import BytesIO

    from PIL import Image

    pixels = np.ascontiguousarray(rgba, dtype=np.uint8)
    if pixels.ndim != 3 or pixels.shape[2] != 4:
        raise ValueError(f"expected RGBA pixels of shape (height, width, 4); got shape {pixels.shape}.")
    if (pixels[..., 3] != 255).any():
        raise ValueError("compact_png encodes opaque pictures; these pixels are partly transparent.")
    height, width, _ = pixels.shape
    image = Image.frombuffer("RGBA", (width, height), pixels, "raw", "RGBA", 0, 1).convert("RGB")
    indexed = image.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    index = np.asarray(indexed).ravel()
    counts = np.bincount(index, minlength=256)
    palette = np.zeros((256, 3), np.uint8)
    colours = np.array(indexed.getpalette()[:768], np.uint8).reshape(-1, 3)
    palette[: len(colours)] = colours
    # the octree gives each entry a colour near its pixels'; the most frequent colours become
    # their entry's colour exactly when they are most of that entry's pixels
    keys = pixels.view(np.uint32).ravel()  # one number per colour
    sampled, sampled_counts = np.unique(keys[::7], return_counts=True)  # frequencies, from a seventh of the pixels
    for key in sampled[np.argsort(sampled_counts)[::-1][:16]]:
        at = keys == key
        entry = index[np.argmax(at)]
        if 2 * np.count_nonzero(at) >= counts[entry]:
            palette[entry] = np.frombuffer(key.tobytes(), np.uint8)[:3]
    indexed.putpalette(palette.ravel().tolist())
    buffer = BytesIO()
    indexed.save(buffer, "PNG", compress_level=6, dpi=(dpi, dpi))
    return buffer.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def plot_confusion_matrix(C, ax: Axes | None = None, class_names: Sequence[str] | None = None) -> Figure:
    """Draw a confusion matrix: rows are true classes, columns predicted ones, each cell its count.

    The shading grows with the count, and every cell also prints its number, so the figure does
    not rely on colour. Correct predictions lie on the diagonal.

    Parameters
    ----------
    C : array_like of shape (k, k)
        ``C[i, j]`` counts the examples of true class i predicted as class j
        (:func:`nnlib.metrics.confusion_matrix`).
    class_names : list of str, optional
        Defaults to 0, 1, ..., k - 1.

    Examples
    --------
    >>> fig = plot_confusion_matrix([[5, 1], [0, 4]])
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['5', '1', '0', '4']
    """
    C = np.asarray(C)
    if C.ndim != 2 or C.shape[0] != C.shape[1]:
        raise ValueError(f"a confusion matrix is square, (n_classes, n_classes); got shape {C.shape}.")
    k = C.shape[0]
    names = [str(i) for i in range(k)] if class_names is None else list(class_names)
    ax = new_axes(ax, figsize=(0.45 * k + 2.2, 0.45 * k + 1.6))
    ax.imshow(C, cmap="Blues", vmin=0, vmax=max(int(C.max()), 1))
    threshold = C.max() / 2
    for i, j in np.ndindex(C.shape):
        ax.text(j, i, str(C[i, j]), ha="center", va="center", fontsize=9 if k <= 10 else 7,
                color="white" if C[i, j] > threshold else "black")
    ax.set_xticks(range(k), names)
    ax.set_yticks(range(k), names)
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    return ax.figure


def plot_images(
    images, titles: Sequence[str] | None = None, shape=(8, 8), ncols: int = 10, axes_size: float = 0.9,
    symmetric: bool = False,
) -> Figure:
    """Show small grey-scale images, one per column of ``images``, in a grid (dark ink on white).

    Parameters
    ----------
    images : array_like of shape (shape[0] * shape[1], n)
        One flattened image per column, row by row, as :func:`nnlib.data.load_digits` returns them.
    titles : list of str, optional
        One short title per image.
    shape : (int, int)
        Height and width of each image.
    ncols : int
        Images per row of the grid.
    axes_size : float
        Width of each image in inches.
    symmetric : bool
        For signed values such as weights: 0 is mid grey, the most negative value white and the
        most positive black, on one scale shared by all images.

    Examples
    --------
    >>> fig = plot_images(np.eye(4), titles=["a", "b", "c", "d"], shape=(2, 2), ncols=2)
    >>> len(fig.axes), fig.axes[3].get_title()
    (4, 'd')
    """
    images = np.asarray(images, dtype=float)
    if images.ndim != 2 or images.shape[0] != shape[0] * shape[1]:
        raise ValueError(
            f"images must have shape ({shape[0] * shape[1]}, n), one flattened {shape[0]}x{shape[1]} image per "
            f"column; got shape {images.shape}."
        )
    n = images.shape[1]
    ncols = min(ncols, n)
    nrows = -(-n // ncols)
    title_space = 0.3 if titles is not None else 0.0
    fig = new_figure((ncols * axes_size, nrows * (axes_size * shape[0] / shape[1] + title_space)))
    axes = np.atleast_1d(fig.subplots(nrows, ncols)).ravel()
    lo, hi = images.min(), images.max()
    if symmetric:
        hi = float(np.abs(images).max()) or 1.0
        lo = -hi
    for i, ax in enumerate(axes):
        ax.set_axis_off()
        if i < n:
            ax.imshow(images[:, i].reshape(shape), cmap="gray_r", vmin=lo, vmax=hi, interpolation="nearest")
            if titles is not None:
                ax.set_title(titles[i], fontsize=8)
    return fig

"""Drive the readers' Jupyter front ends from Python: JupyterLab and Notebook 7 in headless Chromium.

One Jupyter server (``jupyter lab``, which also serves Notebook 7) runs on 127.0.0.1 at a free port,
with no token, no browser, and configuration, runtime and data folders of its own. It serves a
temporary copy of the chapters, so nothing it saves reaches the repository. The page exposes the
application (``expose_app_in_browser``), and the functions here call its commands and read its
notebook model, as a reader's clicks would.

The JupyterLab test (``tests/jupyter/test_frontends.py``) and the latency benchmark
(``benchmarks/bench_jupyter.py``) share this module.
"""

from __future__ import annotations

import ast
import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from ..site.test_browser import CHROMIUM  # noqa: F401  (the one Chromium path, which the benchmarks read here)

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = ROOT / "chapters"
VIEWPORT = {"width": 1920, "height": 1080}
"""A full-HD screen, at a device pixel ratio of 2 (a high-resolution one)."""
DEVICE_SCALE = 2

# Settings a reader could choose too: every cell kept in the page (JupyterLab would otherwise
# leave cells far off screen unrendered), and no question about fetching Jupyter's news. And the
# readers' keyboard settings of binder/ (see binder/README.md): in Notebook 7 the notebook's arrow
# key shortcuts would otherwise take the arrow keys from a focused widget control.
USER_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/shortcuts-extension/shortcuts.jupyterlab-settings": json.loads(
        (ROOT / "binder" / "shortcuts.jupyterlab-settings").read_text()
    ),
}


@dataclass
class JupyterServer:
    url: str
    root: Path
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()



def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(workdir: Path, notebooks: list[Path], env: dict | None = None) -> JupyterServer:
    """Start JupyterLab (with Notebook 7) on a copy of ``notebooks`` in ``workdir/root/chapters``;
    the server and its kernels run with ``env`` (by default this process's environment)."""
    root = workdir / "root"
    (root / "chapters").mkdir(parents=True)
    for notebook in notebooks:
        shutil.copy(notebook, root / "chapters" / notebook.name)
    settings = workdir / "config" / "lab" / "user-settings"
    for name, values in USER_SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    env = dict(
        os.environ if env is None else env,
        JUPYTER_CONFIG_DIR=str(workdir / "config"),
        JUPYTER_RUNTIME_DIR=str(workdir / "runtime"),
        JUPYTER_DATA_DIR=str(workdir / "data"),
        IPYTHONDIR=str(workdir / "ipython"),
    )
    port = free_port()
    log = workdir / "server.log"
    command = [
        str(Path(sys.executable).parent / "jupyter-lab"),
        "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        "--IdentityProvider.token=", "--ServerApp.password=", "--ServerApp.allow_root=True",
        f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True",
        "--JupyterNotebookApp.expose_app_in_browser=True", "--LabApp.extension_manager=readonly",
        "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    with log.open("w") as log_file:  # the server writes to its own copy of the file descriptor
        process = subprocess.Popen(command, env=env, cwd=root, stdout=log_file, stderr=subprocess.STDOUT)
    server = JupyterServer(f"http://127.0.0.1:{port}", root, process, log)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with code {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{server.url}/api/status", timeout=2):
                return server
        except OSError:
            time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"JupyterLab did not answer within 90 s:\n{log.read_text()[-3000:]}")


def only_this_server(page, server: JupyterServer, problems: list[str]) -> None:
    """Refuse, and record, every request that does not go to the server (the page works offline)."""

    def route(route):
        if route.request.url.startswith((server.url, "data:", "blob:")):
            route.continue_()
        else:
            problems.append(f"request left the server: {route.request.url}")
            route.abort()

    page.route("**/*", route)


# JavaScript run in the page. `window.jupyterapp` is the application; `window.__panel` is the
# notebook the functions below opened.

OPEN_IN_LAB = """async (path) => {
    const app = window.jupyterapp;
    await app.started; await app.restored;
    const panel = await app.commands.execute('docmanager:open', {path, factory: 'Notebook'});
    await panel.context.ready; await panel.sessionContext.ready;
    app.shell.activateById(panel.id);
    window.__panel = panel;
}"""

CURRENT_NOTEBOOK = """async () => {
    const app = window.jupyterapp;
    await app.started; await app.restored;
    let panel = app.shell.currentWidget;
    for (let i = 0; i < 200 && !(panel && panel.context); i++) {
        await new Promise(r => setTimeout(r, 50)); panel = app.shell.currentWidget;
    }
    await panel.context.ready; await panel.sessionContext.ready;
    window.__panel = panel;
}"""

RUN_ALL = """async () => {
    const panel = window.__panel;
    await window.jupyterapp.commands.execute('notebook:run-all-cells');
    const kernel = panel.sessionContext.session.kernel;
    for (let i = 0; i < 600 && kernel.status !== 'idle'; i++) await new Promise(r => setTimeout(r, 100));
    return kernel.status;
}"""

NOTEBOOK_JSON = "() => window.__panel.context.model.toJSON()"

KERNEL_EVAL = """async (expressions) => {
    const kernel = window.__panel.sessionContext.session.kernel;
    const future = kernel.requestExecute({code: '', silent: true, store_history: false, user_expressions: expressions});
    const reply = await future.done;
    const out = {};
    for (const [key, value] of Object.entries(reply.content.user_expressions)) {
        out[key] = value.status === 'ok' ? value.data['text/plain'] : 'ERROR ' + value.ename + ': ' + value.evalue;
    }
    return out;
}"""

KERNEL_RUN = """async (code) => {
    const kernel = window.__panel.sessionContext.session.kernel;
    const reply = await kernel.requestExecute({code, silent: true, store_history: false}).done;
    if (reply.content.status !== 'ok') throw new Error(reply.content.ename + ': ' + reply.content.evalue);
}"""

CLOSE = """async () => {
    const panel = window.__panel;
    await panel.sessionContext.shutdown();
    panel.context.model.dirty = false;
    panel.dispose();
}"""


def open_in_lab(page, server: JupyterServer, path: str) -> None:
    """Open ``path`` (relative to the server's root) as a notebook in the JupyterLab page."""
    page.evaluate(OPEN_IN_LAB, path)


def open_lab(browser, server: JupyterServer, problems: list[str]):
    """A JupyterLab page, with no notebook open yet."""
    page = new_page(browser, server, problems)
    page.goto(f"{server.url}/lab", wait_until="load")
    page.wait_for_function("() => window.jupyterapp", timeout=60000)
    page.evaluate("async () => { await window.jupyterapp.started; await window.jupyterapp.restored; }")
    return page


def open_in_notebook7(browser, server: JupyterServer, path: str, problems: list[str]):
    """A Notebook 7 page with ``path`` open: each notebook has a page of its own there."""
    page = new_page(browser, server, problems)
    page.goto(f"{server.url}/notebooks/{path}", wait_until="load")
    page.wait_for_function("() => window.jupyterapp", timeout=60000)
    page.evaluate(CURRENT_NOTEBOOK)
    return page


KNOWN_UPSTREAM_ERRORS = {
    # Notebook 7's shortcuts plugin reads its own settings when another plugin's settings load,
    # sometimes before its own are loaded: an uncaught TypeError in the console, nothing a reader
    # sees (https://github.com/jupyter/notebook/issues/7862, open). Told apart by its message and
    # by the settings registry's load at the bottom of its stack.
    "jupyter/notebook#7862": ("Cannot read properties of undefined (reading 'schema')", "notebook_core", ".load ("),
    # JupyterLab 4.6 opens ipywidgets' comms on a kernel subshell, asked for on the control channel
    # as the kernel connects; a kernel shut down before it answers (the test closing a chapter it only
    # read, as soon as it has read it) rejects that request's promise, which nothing catches. Nothing
    # a reader sees, and only on closing.
    "subshell, kernel shut down": ("Canceled future for create_subshell_request message before replies were done",),
}


def known_upstream_error(error) -> bool:
    text = f"{error}\n{error.stack or ''}"
    return any(all(part in text for part in parts) for parts in KNOWN_UPSTREAM_ERRORS.values())


def new_page(browser, server: JupyterServer, problems: list[str]):
    page = browser.new_page(viewport=VIEWPORT, device_scale_factor=DEVICE_SCALE)
    def report(error):
        if not known_upstream_error(error):
            problems.append(f"uncaught exception: {error}\n{error.stack or ''}")

    page.on("pageerror", report)
    only_this_server(page, server, problems)
    return page


def run_all(page) -> None:
    status = page.evaluate(RUN_ALL)
    assert status == "idle", f"the kernel is {status!r} after running every cell"


def notebook_json(page) -> dict:
    return page.evaluate(NOTEBOOK_JSON)


def kernel_eval(page, **expressions: str) -> dict:
    """Evaluate Python expressions in the notebook's kernel; return each one's value, read back
    from its repr (so a string or bytes come back as such)."""
    results = page.evaluate(KERNEL_EVAL, expressions)
    for key, text in results.items():
        if text.startswith("ERROR "):
            raise RuntimeError(f"{expressions[key]!r} failed in the kernel: {text[6:]}")
    return {key: ast.literal_eval(text) for key, text in results.items()}


def close_notebook(page) -> None:
    """Shut the notebook's kernel down and close it without saving."""
    page.evaluate(CLOSE)


def image_bytes(img) -> bytes:
    """The bytes of the image an ``<img>`` element shows, fetched by the page from its source."""
    data = img.evaluate(
        """async (img) => {
            const buffer = await (await fetch(img.src)).arrayBuffer();
            let text = '';
            for (const byte of new Uint8Array(buffer)) text += String.fromCharCode(byte);
            return btoa(text);
        }"""
    )
    return base64.b64decode(data)


# Widgets. A LiveFigure shows as an ipywidgets box: sliders (noUiSlider handles, with role="slider")
# and menus (<select>), then the image (an <img> whose source is replaced on every update).

def widget_cells(nb: dict) -> list[tuple[int, int]]:
    """(cell index, execution count) of every cell whose output is a live widget."""
    return [
        (index, cell["execution_count"])
        for index, cell in enumerate(nb["cells"])
        if cell["cell_type"] == "code"
        and any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in cell["outputs"])
    ]


def cell(page, index: int):
    return page.locator(".jp-Notebook .jp-Cell").nth(index)


def controls(widget) -> list[tuple[str, object]]:
    """The widget's controls in order, as (kind, element): 'slider' (its handle) or 'menu' (its select)."""
    found = []
    for control in widget.locator(".widget-slider, .widget-dropdown").all():
        if control.locator(".noUi-handle").count():
            found.append(("slider", control.locator(".noUi-handle")))
        else:
            found.append(("menu", control.locator("select")))
    return found


def label_of(element) -> str:
    return element.evaluate("e => e.closest('.widget-inline-hbox').querySelector('.widget-label').textContent")


SETTLE = """async (img, quiet) => {
    // Wait until the kernel is idle and the image has stopped changing for `quiet` ms.
    const kernel = window.__panel.sessionContext.session.kernel;
    let src = img.src, since = performance.now();
    const start = performance.now();
    while (performance.now() - since < quiet) {
        await new Promise(r => setTimeout(r, 25));
        if (img.src !== src || kernel.status !== 'idle' || !img.complete) { src = img.src; since = performance.now(); }
        if (performance.now() - start > 60000) throw new Error('the image never settled');
    }
    return img.src;
}"""


def settle(img, quiet_ms: int = 150) -> str:
    """Wait for the widget's image to settle after a move; return its source."""
    return img.evaluate(SETTLE, quiet_ms)


def press(page, element, key: str) -> None:
    element.focus()
    page.keyboard.press(key)


def key_towards_the_middle(kind: str, element) -> str:
    """The arrow key that moves a control away from the end of its range it is at."""
    if kind == "slider":
        now, top = element.evaluate("e => [Number(e.getAttribute('aria-valuenow')), Number(e.getAttribute('aria-valuemax'))]")
        return "ArrowLeft" if now >= top else "ArrowRight"
    last = element.evaluate("e => e.selectedIndex === e.options.length - 1")
    return "ArrowUp" if last else "ArrowDown"


def drag(page, handle, fraction: float) -> None:
    """Drag a slider's handle with the mouse to ``fraction`` of its track."""
    track = handle.evaluate(
        "e => { const r = e.closest('.noUi-base').getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; }"
    )
    box = handle.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(track[0] + fraction * track[2], track[1] + track[3] / 2, steps=8)
    page.mouse.up()


TIME_NEXT_IMAGE = """(img) => { window.__latency = new Promise((resolve, reject) => {
    // Resolve with the times (ms since the epoch) of the next keydown and of the next image decoded.
    let pressed = null;
    const now = () => performance.timeOrigin + performance.now();
    const onKey = () => { if (pressed === null) pressed = now(); };
    const onLoad = () => {
        if (pressed === null) return;
        const loaded = now();
        document.removeEventListener('keydown', onKey, true); img.removeEventListener('load', onLoad);
        resolve([pressed, loaded]);
    };
    document.addEventListener('keydown', onKey, true);
    img.addEventListener('load', onLoad);
    setTimeout(() => reject(new Error('no new image within 30 s')), 30000);
}); }"""


def key_to_image(page, img, element, key: str) -> tuple[float, float]:
    """Press ``key`` on a control; return when (seconds since the epoch, by the page's clock) the
    key went down and the new image was decoded in the page: between them, the comm round trip,
    the kernel's update and the PNG's decoding."""
    element.focus()
    img.evaluate(TIME_NEXT_IMAGE)
    page.keyboard.press(key)
    pressed, loaded = page.evaluate("() => window.__latency")
    return pressed / 1000, loaded / 1000

/* The course's widget player: a widget played on the static website, without a kernel.
 *
 * Each widget's HTML (written by nnlib.widgets.live.LiveFigure.static_html) holds its still
 * picture, a note, and a JSON description of its controls and experiments
 * (nnlib.widgets.player.player_spec). This script builds the controls from that description:
 * a menu of the chapter's experiments, a labelled range input or select per control, and the
 * value beside each. Moving a control shows the frame for the new values, a PNG drawn by the
 * widget's own Python code when the book was built, in _static/nnlib-frames/<widget>/, named by
 * the controls' tokens joined with "_".
 *
 * Frames load as images (pages opened from disk cannot fetch files), and only when the reader
 * first touches the widget: then every frame of the current experiment is loaded and decoded, so
 * that a move swaps in a picture that is ready. Without JavaScript the page keeps the still
 * picture and its note. No framework, no network.
 */
(function () {
  "use strict";

  const FRAMES = new URL("nnlib-frames/", document.currentScript.src).href;

  /* Frames decoded so far, and the times from a control's input event to the new frame decoded
   * and to the next paint, in ms: read by the benchmarks (benchmarks/bench_widgets.py). */
  window.nnlibPlayer = { decoded: 0, switches: [] };

  function element(tag, attributes, text) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function product(lists) {
    return lists.reduce((combinations, list) => combinations.flatMap((c) => list.map((item) => c.concat([item]))), [[]]);
  }

  function Player(figure, number) {
    const spec = JSON.parse(figure.querySelector("script.nnlib-player-spec").textContent);
    const folder = FRAMES + encodeURIComponent(spec.widget) + "/";
    const still = figure.querySelector("img.nnlib-widget-frame");
    const id = "nnlib-player-" + number;
    const frames = new Map(); // file name -> <img>
    let shown = still;
    let experiment = spec.experiments[0];
    let tokens = {}; // control name -> token of its current value
    let touched = false;
    let alts = null; // file name -> alt text, from alt.js, once loaded

    const panel = element("div", { class: "nnlib-player", role: "group", "aria-label": "Controls of the figure" });
    const chooser = element("div", { class: "nnlib-player-try" });
    const menu = element("select", { id: id + "-try" });
    spec.experiments.forEach((e, i) => menu.appendChild(element("option", { value: String(i) }, e.title)));
    chooser.append(element("label", { for: id + "-try" }, "Try"), menu);
    const hint = element("p", { class: "nnlib-player-hint", id: id + "-hint" });
    chooser.appendChild(hint);
    panel.appendChild(chooser);

    const inputs = {};
    const outputs = {};
    for (const control of spec.controls) {
      const box = element("div", { class: "nnlib-control" });
      const inputId = id + "-" + control.name;
      const input = control.menu
        ? element("select", { id: inputId })
        : element("input", { id: inputId, type: "range", min: "0", step: "1" });
      input.dataset.name = control.name;
      const output = element("output", { for: inputId, id: inputId + "-value" });
      box.append(element("label", { for: inputId }, control.label), input);
      if (!control.menu) box.appendChild(output);
      panel.appendChild(box);
      inputs[control.name] = input;
      outputs[control.name] = output;
      input.addEventListener("input", (event) => {
        const pair = choices(control.name)[Number(control.menu ? input.selectedIndex : input.value)];
        tokens[control.name] = pair[0];
        describe(control, pair);
        show(event);
      });
    }
    const note = figure.querySelector("figcaption.nnlib-widget-note");
    if (note) note.textContent = spec.note;
    figure.insertBefore(panel, still);

    /* The [token, text] pairs a control offers in the current experiment. */
    function choices(name) {
      return experiment.moves[name] || [experiment.start[name]];
    }

    function describe(control, pair) {
      const input = inputs[control.name];
      if (!control.menu) {
        input.setAttribute("aria-valuetext", pair[1]);
        outputs[control.name].textContent = pair[1];
      }
    }

    function frameName(values) {
      return spec.controls.map((c) => values[c.name]).join("_") + ".png";
    }

    function altText(name) {
      if (alts && alts[name]) return alts[name];
      const values = spec.controls.map((c) => c.label + " = " + choices(c.name).find((p) => p[0] === tokens[c.name])[1]);
      return "The figure for " + values.join(", ") + ".";
    }

    function load(name) {
      let image = frames.get(name);
      if (!image) {
        image = new Image();
        for (const name of ["width", "height", "class"]) image.setAttribute(name, still.getAttribute(name)); // the natural size
        image.decoding = "async";
        image.src = folder + name;
        image.decode().then(
          () => window.nnlibPlayer.decoded++,
          () => {} // a frame that fails to load shows as a broken image, and the console says why
        );
        frames.set(name, image);
      }
      return image;
    }

    /* Load and decode every frame of the current experiment, and the alt texts. */
    function preload() {
      const names = Object.keys(experiment.moves);
      for (const combination of product(names.map((n) => experiment.moves[n].map((p) => p[0])))) {
        const values = Object.fromEntries(spec.controls.map((c) => [c.name, experiment.start[c.name][0]]));
        names.forEach((n, i) => (values[n] = combination[i]));
        load(frameName(values));
      }
      if (!alts && !document.getElementById(id + "-alt")) {
        const script = element("script", { id: id + "-alt", src: folder + "alt.js" });
        script.addEventListener("load", () => {
          alts = (window.nnlibPlayerAlt || {})[spec.widget] || null;
          if (shown !== still) shown.alt = altText(currentName());
        });
        document.head.appendChild(script);
      }
    }

    function currentName() {
      return frameName(tokens);
    }

    function touch() {
      if (touched) return;
      touched = true;
      preload();
    }

    function show(event) {
      touch();
      const start = event ? event.timeStamp : performance.now();
      const name = currentName();
      const image = load(name);
      image.alt = altText(name);
      if (image !== shown) {
        shown.replaceWith(image);
        shown = image;
      }
      const record = { widget: spec.widget, frame: name };
      image.decode().then(
        () => {
          record.decoded = performance.now() - start;
          requestAnimationFrame(() => {
            record.painted = performance.now() - start;
            window.nnlibPlayer.switches.push(record);
          });
        },
        () => {}
      );
    }

    function choose(index, event) {
      experiment = spec.experiments[index];
      hint.textContent = experiment.hint;
      for (const control of spec.controls) {
        const input = inputs[control.name];
        const offered = choices(control.name);
        const start = experiment.start[control.name];
        const position = Math.max(0, offered.findIndex((p) => p[0] === start[0]));
        if (control.menu) {
          input.replaceChildren(...offered.map((p) => element("option", { value: p[0] }, p[1])));
          input.selectedIndex = position;
        } else {
          input.max = String(offered.length - 1);
          input.value = String(position);
        }
        input.disabled = !(control.name in experiment.moves);
        tokens[control.name] = start[0];
        describe(control, start);
      }
      if (event) {
        touched = false; // another experiment: load its frames
        touch();
        show(event);
      }
    }

    menu.addEventListener("input", (event) => choose(Number(menu.value), event));
    panel.addEventListener("focusin", touch);
    panel.addEventListener("pointerdown", touch);
    choose(0);
  }

  function startAll() {
    document.querySelectorAll("figure.nnlib-widget-static").forEach((figure, i) => {
      if (figure.querySelector("script.nnlib-player-spec")) Player(figure, i);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startAll);
  else startAll();
})();

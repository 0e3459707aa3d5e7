"""A Sphinx extension that keeps every page free of assets the course does not use.

Jupyter Book 1 always loads sphinx-thebe. The course leaves Thebe out (it loads its code from a
CDN, and the widgets need a full Jupyter front end), yet sphinx-thebe still adds its scripts to
every page, and declares its configuration twice, which is a JavaScript error on every page. This
extension removes sphinx-thebe's scripts and stylesheet from the pages.
"""


def _mentions_thebe(asset) -> bool:
    body = getattr(asset, "attributes", {}).get("body", "") or ""
    return "thebe" in (getattr(asset, "filename", None) or str(asset)) or "THEBE_JS_URL" in body


def drop_thebe_assets(app, pagename, templatename, context, doctree) -> None:
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if not _mentions_thebe(asset)]


def setup(app):
    app.connect("html-page-context", drop_thebe_assets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

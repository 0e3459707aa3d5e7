"""The website: it builds with warnings as errors, and the built pages work offline.

The book is built once per test session into _build/html, exactly as `make book` builds it.
"""

import re

from .conftest import ROOT, pages, soup


def test_every_chapter_is_built(site):
    for notebook in (ROOT / "chapters").glob("*.ipynb"):
        assert (site / "chapters" / f"{notebook.stem}.html").exists()


def test_no_page_loads_anything_from_the_network(site):
    for page in pages(site):
        doc = soup(page)
        for tag, attr in [("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")]:
            for element in doc.find_all(tag):
                url = element.get(attr) or ""
                assert not re.match(r"(https?:)?//", url), f"{page.name} loads {url}"


def test_math_is_served_from_the_site(site):
    assert (site / "_static" / "mathjax" / "tex-chtml.js").is_file()
    assert list((site / "_static" / "mathjax" / "output" / "chtml" / "fonts").rglob("*.woff")), "MathJax fonts are bundled"
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        assert "cdn.jsdelivr.net/npm/mathjax" not in html and "mathjax@" not in html, page.name
        if 'class="math' in html:
            scripts = [s.get("src", "") for s in soup(page).find_all("script")]
            local = [s for s in scripts if s.endswith("mathjax/tex-chtml.js")]
            assert local, f"{page.name} has math but no local MathJax"
            assert (page.parent / local[0]).resolve().is_file()


def test_mathjax_offers_assistive_mathml(site):
    html = (site / "chapters" / "01_neuron.html").read_text(encoding="utf-8")
    assert '"assistiveMml": true' in html  # the browser test checks that MathJax honours it


def test_every_image_has_alt_text(site):
    for page in pages(site):
        for img in soup(page).find_all("img"):
            if "logo" in " ".join(img.get("class", [])):
                continue
            assert (img.get("alt") or "").strip(), f"{page.name}: an image without alt text: {str(img)[:120]}"


def test_no_page_shows_a_warning_or_an_error_printed_by_its_code(site):
    """A reader should never meet a RuntimeWarning or a traceback on a page: a cell that
    expects one (overflow at an extreme input, say) silences it with np.errstate."""
    for page in pages(site):
        for output in soup(page).select("div.output.stderr, div.output.traceback"):
            raise AssertionError(f"{page.name} shows what a cell wrote to stderr: {output.get_text()[:300]}")


def test_what_a_cell_prints_is_one_block(site):
    """The kernel sends printed text in pieces, which myst-nb would draw as separate boxes (a table
    split from its last row, an empty box for a lone newline) unless nb_merge_streams joins them."""
    for page in pages(site):
        for cell_output in soup(page).select("div.cell_output"):
            outputs = cell_output.find_all("div", class_="output", recursive=False)
            for before, after in zip(outputs, outputs[1:]):
                both_printed = all("stream" in o["class"] and "stderr" not in o["class"] for o in (before, after))
                assert not both_printed, f"{page.name}: one cell's printed text in two boxes: {after.get_text()[:120]!r}"
            for output in outputs:
                assert "stream" not in output["class"] or output.get_text().strip(), f"{page.name}: an empty printed box"


def test_every_widget_shows_its_static_figure_and_how_to_make_it_live(site):
    found = 0
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        assert '<script type="application/vnd.jupyter.widget-view+json"' not in html, f"{page.name} embeds a dead widget view"
        assert "html-manager" not in html and "require.js" not in html
        for figure in soup(page).select("figure.nnlib-widget-static"):
            found += 1
            img = figure.find("img")
            assert img["src"].startswith("data:image/png;base64,") and len(img["src"]) > 5000
            assert "Binder" in figure.find("figcaption").get_text()
    assert found >= 1


def test_chapter_one_numbers_come_from_the_code(site):
    import numpy as np

    import nnlib

    text = soup(site / "chapters" / "01_neuron.html").get_text()
    assert "{glue" not in text
    glued = re.search(r"weighted sum is \\\(z =\\\) (-?\d+\.\d+)", text)
    assert glued, "the glued value of z appears in the prose"
    z = nnlib.weighted_sum(np.array([0.5, -1.0, 2.0]), np.array([0.8, 0.2, -0.5]), 0.1)
    assert glued.group(1) == f"{z:.2f}"


def test_exercise_solutions_are_hidden_until_revealed(site):
    doc = soup(site / "chapters" / "01_neuron.html")
    solutions = doc.select(".solution")
    assert len(solutions) >= 3
    assert all("dropdown" in s.get("class", []) for s in solutions)


def test_chapters_are_numbered(site):
    titles = [h.get_text() for h in soup(site / "chapters" / "01_neuron.html").select("h1 .section-number")]
    assert titles == ["1. "]


def test_headings_are_in_order(site):
    """One h1 per page, and no level skipped on the way down (screen readers navigate by them)."""
    without_article = []
    for page in pages(site):
        article = soup(page).select_one("article.bd-article")
        if article is None:
            without_article.append(page.name)
            continue
        levels = [int(h.name[1]) for h in article.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
        assert levels and levels[0] == 1 and levels.count(1) == 1, f"{page.name}: {levels}"
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, f"{page.name}: heading h{before} followed by h{after}"
    # index.html is a redirect, search.html the search page
    assert set(without_article) <= {"index.html", "search.html"}, f"pages without an article: {without_article}"


def test_every_chapter_has_launch_and_download_buttons(site):
    import yaml

    repository = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]
    owner_repo = repository["url"].removeprefix("https://github.com/")
    for notebook in (ROOT / "chapters").glob("*.ipynb"):
        doc = soup(site / "chapters" / f"{notebook.stem}.html")
        links = [a.get("href", "") for a in doc.find_all("a")]
        binder = f"https://mybinder.org/v2/gh/{owner_repo}/{repository['branch']}?urlpath=lab/tree/chapters/{notebook.name}"
        colab = f"https://colab.research.google.com/github/{owner_repo}/blob/{repository['branch']}/chapters/{notebook.name}"
        assert binder in links, f"{notebook.name}: no Binder link {binder}"
        assert colab in links, f"{notebook.name}: no Colab link {colab}"
        assert f"../_sources/chapters/{notebook.name}" in links, f"{notebook.name}: no download link"


def test_digits_source_and_licence_are_stated_in_the_book_and_the_readme(site):
    page = soup(site / "chapters" / "10_classifier.html").get_text()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for text in (" ".join(page.split()), " ".join(readme.split())):
        assert "Optical Recognition of Handwritten Digits" in text
        assert "Alpaydin" in text and "Kaynak" in text and "CC BY 4.0" in text and "10.24432/C50P49" in text


def test_appendices_are_built_unnumbered(site):
    for page in ["notation.html", "glossary.html", "chapters/a1_common_mistakes.html", "further_reading.html"]:
        doc = soup(site / page)
        assert not doc.select("h1 .section-number"), page
    glossary = soup(site / "glossary.html")
    assert len(glossary.select("dl.glossary dt")) >= 40


def test_glossary_terms_are_in_alphabetical_order(site):
    terms = [dt.get_text(" ", strip=True).rstrip("¶#").strip() for dt in soup(site / "glossary.html").select("dl.glossary dt")]
    out_of_order = [(a, b) for a, b in zip(terms, terms[1:]) if a.lower() > b.lower()]
    assert not out_of_order, f"glossary terms out of alphabetical order: {out_of_order}"

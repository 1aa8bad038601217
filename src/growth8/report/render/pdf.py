"""Render a :class:`~growth8.report.model.Document` as PDF with reportlab platypus.

Fonts: DejaVu Sans from matplotlib's bundled fonts (full Unicode), registered
with reportlab once. Figures: matplotlib SVG converted to reportlab drawings by
svglib, so charts stay vector. The table of contents and the PDF bookmarks come
from the section headings; every page carries "Page X of Y" (en) or
"Halaman X dari Y" (id). The renderer's own words come from the catalogue.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from growth8.i18n import t
from growth8.report.model import Document, Figure, Paragraph, Section, Table

if TYPE_CHECKING:
    from growth8.analysis.executor import ForkPool

__all__ = ["figure_drawing", "render_pdf", "warm_up"]

#: The PDF's language tag per document language.
_PDF_LANG = {"id": "id-ID", "en": "en-GB"}
_FONTS = {"regular": "G8Sans", "bold": "G8Sans-Bold", "italic": "G8Sans-Oblique", "mono": "G8Mono"}
_registered = False


#: matplotlib's bundled fonts, by role.
_FONT_FILES = {
    "regular": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "italic": "DejaVuSans-Oblique.ttf",
    "mono": "DejaVuSansMono.ttf",
}
_mapped = False


def _font_folder() -> Path:
    """matplotlib's folder of TrueType fonts (``mpl-data/fonts/ttf``), found without importing matplotlib (about
    half a second the layout process need not spend when workers draw the charts)."""
    import importlib.util

    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - matplotlib is a dependency
        raise RuntimeError("matplotlib is not installed: its DejaVu fonts are the report's fonts")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


def _register_fonts() -> None:
    """Register the report's fonts with reportlab (once per process)."""
    global _registered
    if _registered:
        return
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    ttf = _font_folder()
    for key, name in _FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(_FONTS[key], str(ttf / name)))
    _map_family()
    _registered = True


def _map_family() -> None:
    """``<b>`` and ``<i>`` in a paragraph of the regular font: the bold and oblique fonts.

    reportlab's ``registerFont`` maps a TrueType font's bold and italic to the font itself, each time a font
    is registered (svglib registers the fonts again): so this runs after every registration.
    """
    from reportlab.lib.fonts import addMapping

    addMapping(_FONTS["regular"], 0, 0, _FONTS["regular"])
    addMapping(_FONTS["regular"], 1, 0, _FONTS["bold"])
    addMapping(_FONTS["regular"], 0, 1, _FONTS["italic"])
    addMapping(_FONTS["regular"], 1, 1, _FONTS["bold"])


def _map_chart_fonts() -> None:
    """Map matplotlib's DejaVu Sans, in which a chart's SVG names its text, to the report's fonts for svglib
    (once per process; only where charts are converted).

    Chart text stays text (svg.fonttype "none"). svglib makes the mapping only with the font's file (and
    registers the font anew under the report's name); without it, it would look for a "DejaVu Sans" of the
    system's own.
    """
    global _mapped
    if _mapped:
        return
    from svglib.fonts import register_font

    _register_fonts()
    ttf = _font_folder()
    faces = (("regular", "normal", "normal"), ("bold", "bold", "normal"), ("bold", "700", "normal"))
    for key, weight, style in (*faces, ("italic", "normal", "italic")):  # matplotlib writes bold as weight 700
        register_font("DejaVu Sans", str(ttf / _FONT_FILES[key]), weight=weight, style=style, rlgFontName=_FONTS[key])
    _map_family()
    _mapped = True


def _styles() -> dict[str, Any]:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("body", fontName=_FONTS["regular"], fontSize=9, leading=12.5, spaceAfter=5)
    navy = colors.HexColor("#1f4e79")
    return {
        "body": base,
        "lead": ParagraphStyle("lead", parent=base, fontSize=10, leading=14, spaceAfter=8),
        "intro": ParagraphStyle("intro", parent=base, keepWithNext=1),
        "note": ParagraphStyle("note", parent=base, fontSize=7.5, leading=10, textColor=colors.HexColor("#555555")),
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=12, bulletIndent=2, spaceAfter=3),
        "code": ParagraphStyle(
            "code",
            parent=base,
            fontName=_FONTS["mono"],
            fontSize=7.5,
            leading=10,
            leftIndent=8,
            backColor=colors.HexColor("#f3f3f3"),
            borderPadding=4,
            spaceBefore=4,
            spaceAfter=8,
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontName=_FONTS["bold"],
            fontSize=15,
            leading=19,
            spaceBefore=4,
            spaceAfter=8,
            textColor=navy,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=_FONTS["bold"],
            fontSize=11.5,
            leading=15,
            spaceBefore=8,
            spaceAfter=5,
            textColor=navy,
            keepWithNext=1,
        ),
        "caption": ParagraphStyle(
            "caption",
            parent=base,
            fontName=_FONTS["bold"],
            fontSize=8.5,
            leading=11,
            spaceBefore=6,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "caption_free": ParagraphStyle(
            "caption_free", fontName=_FONTS["bold"], fontSize=8.5, leading=11, spaceBefore=6, spaceAfter=3
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=6.8, leading=8.2, spaceAfter=0),
        "cell_r": ParagraphStyle("cell_r", parent=base, fontSize=6.8, leading=8.2, spaceAfter=0, alignment=2),
        "head": ParagraphStyle(
            "head",
            parent=base,
            fontName=_FONTS["bold"],
            fontSize=6.8,
            leading=8.2,
            spaceAfter=0,
            textColor=colors.white,
        ),
        "title": ParagraphStyle(
            "title", parent=base, fontName=_FONTS["bold"], fontSize=18, leading=23, textColor=navy, spaceAfter=6
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=base, fontSize=11.5, leading=15, spaceAfter=10, textColor=colors.HexColor("#444444")
        ),
        "key": ParagraphStyle(
            "key", parent=base, fontSize=8.8, leading=11.8, leftIndent=11, bulletIndent=0, spaceAfter=4
        ),
        "key_head": ParagraphStyle(
            "key_head", parent=base, fontName=_FONTS["bold"], fontSize=11.5, leading=15, textColor=navy, spaceAfter=4
        ),
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5, spaceAfter=0),
        "toc1": ParagraphStyle("toc1", parent=base, fontName=_FONTS["bold"], fontSize=10, leading=14, leftIndent=0),
        "toc2": ParagraphStyle("toc2", parent=base, fontSize=9, leading=12, leftIndent=14),
    }


def _text(s: str) -> str:
    return escape(str(s))


#: Padding of a table cell (left + right), points; font sizes tried for headers and cells, largest first
#: (6.8 pt down to 5.0 pt in steps of 0.2 pt).
_CELL_PAD = 5.0
_CELL_SIZES = tuple(round(6.8 - 0.2 * k, 1) for k in range(10))


def _column_widths(table: Table, rows: list[list[str]], width: float) -> tuple[list[float], float]:
    """Column widths and the font size: no header or cell word is broken mid-word when it can be helped.

    Each column gets at least the width of its longest word (headers in bold; a column at most 40% of
    the table), the rest of the width is shared in proportion to the table's relative widths. When the
    longest words do not fit at the normal size, smaller sizes are tried down to 5 pt; only a table whose
    longest words do not fit even then has its minimums shrunk alike (a content error: such a table has
    too many columns for a page, which tests/report checks never happens in a shipped report).
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    n = len(table.columns)
    rel = list(table.widths or tuple(1.0 for _ in table.columns))
    heads = [c.header(" ").split() for c in table.columns]
    cells = [[w for row in rows for w in row[j].split()] for j in range(n)]
    for size in _CELL_SIZES:
        need = []
        for j in range(n):
            widest = max((stringWidth(w, _FONTS["bold"], size) for w in heads[j]), default=0.0)
            widest = max(widest, max((stringWidth(w, _FONTS["regular"], size) for w in set(cells[j])), default=0.0))
            need.append(min(widest + _CELL_PAD + 0.5, 0.4 * width))
        if sum(need) < width:
            break
    else:
        scale = width / sum(need)
        return [w * scale for w in need], size
    fixed: set[int] = set()
    while True:
        free = width - sum(need[j] for j in fixed)
        share = sum(rel[j] for j in range(n) if j not in fixed)
        widths = [need[j] if j in fixed else free * rel[j] / share for j in range(n)]
        short = {j for j in range(n) if j not in fixed and widths[j] < need[j]}
        if not short:
            return widths, size
        fixed |= short


def _table_flowables(table: Table, lang: str, styles: dict[str, Any], width: float, keep: bool = True) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.platypus import KeepTogether, Spacer, TableStyle
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import Table as RLTable

    numeric = [c.kind in ("pct", "share", "num", "int") for c in table.columns]
    rows = table.rows(lang)
    col_widths, size = _column_widths(table, rows, width)
    fitted = {
        name: styles[name].clone(f"{name}_{size}", fontSize=size, leading=size * 1.2)
        for name in ("head", "cell", "cell_r")
    }
    head = [RLParagraph(_text(c.header(" ")), fitted["head"]) for c in table.columns]
    body = [
        [RLParagraph(_text(v), fitted["cell_r" if numeric[j] else "cell"]) for j, v in enumerate(row)] for row in rows
    ]
    navy, band = colors.HexColor("#1f4e79"), [colors.white, colors.HexColor("#eef3f8")]

    def grid(cells: list[list[Any]], with_head: bool, first_row: int = 0, rule: bool = True) -> Any:
        """The table of ``cells``, its first body row being body row ``first_row`` (for the banding); ``rule``:
        the closing line under it."""
        out = RLTable(cells, colWidths=col_widths, repeatRows=1 if with_head else 0, hAlign="LEFT")
        top = 1 if with_head else 0
        commands: list[tuple[Any, ...]] = [
            ("ROWBACKGROUNDS", (0, top), (-1, -1), band[first_row % 2 :] + band[: first_row % 2]),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]
        if rule:
            commands.append(("LINEBELOW", (0, -1), (-1, -1), 0.5, navy))
        if with_head:
            commands.insert(0, ("BACKGROUND", (0, 0), (-1, 0), navy))
        out.setStyle(TableStyle(commands))
        return out

    note = [RLParagraph(_text(table.note), styles["note"])] if table.note else []
    if not keep:  # inside another table (page 1's box): no KeepTogether
        out: list[Any] = [RLParagraph(_text(table.title), styles["caption_free"]), grid([head, *body], True), *note]
    elif len(body) <= 16:
        out = [KeepTogether([RLParagraph(_text(table.title), styles["caption"]), grid([head, *body], True), *note])]
    else:  # a long table splits across pages; its last rows stay with the note under it
        tail = 3 if note else 0
        lead = grid([head, *body[: len(body) - tail]], True, rule=not tail)
        out = [RLParagraph(_text(table.title), styles["caption_free"]), lead]
        if note:
            out.append(KeepTogether([grid(body[-tail:], False, len(body) - tail), *note]))
    out.append(Spacer(1, 6))
    return out


def figure_drawing(task: tuple[Figure, str]) -> Any:
    """One chart as a reportlab Drawing: ``task`` is (figure, language), as :meth:`ForkPool.submit` passes it to
    a worker process."""
    from svglib.svglib import svg2rlg

    from growth8.report.render.charts import figure_svg

    fig, lang = task
    _map_chart_fonts()  # the chart's text is mapped to the report's fonts as svglib reads it
    drawing = svg2rlg(io.BytesIO(figure_svg(fig, lang)))
    if drawing is None:  # pragma: no cover - svglib could not read matplotlib's SVG
        raise RuntimeError(f"figure {fig.key}: the SVG could not be converted")
    return drawing


def warm_up() -> None:
    """What a PDF chart worker does before its first chart (see :func:`growth8.report.render.charts.warm_up`),
    and import svglib and register the report's fonts.

    (reportlab's ``rl_config.shapeChecking = 0`` would save a tenth of the conversion, but the PDF then carries
    other redundant state operators than with the charts drawn in this process: kept on.)
    """
    from reportlab.graphics import renderPDF  # noqa: F401
    from svglib import svglib  # noqa: F401

    from growth8.report.render.charts import warm_up as warm_charts

    warm_charts()
    _map_chart_fonts()


def _chart(key: str, result: Callable[[], Any], width: float, height: float, scale: float) -> Any:
    """A flowable of ``width`` x ``height`` pt times ``scale`` that draws the Drawing ``result()`` returns (the
    chart ``key``), after checking that it has that size.

    The size comes from the figure's spec (:func:`growth8.figures.draw.figure_size`), so the layout need not
    wait for the chart: a worker draws it meanwhile, and the first layout pass does not draw (see
    :func:`_frame`).
    """
    from reportlab.graphics import renderPDF
    from reportlab.platypus import Flowable

    class Chart(Flowable):
        def __init__(self) -> None:
            super().__init__()
            self.width, self.height, self.hAlign = width * scale, height * scale, "CENTER"

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return self.width, self.height

        def draw(self) -> None:
            drawing = result()
            if abs(drawing.width - width) > 0.01 or abs(drawing.height - height) > 0.01:
                raise RuntimeError(
                    f"figure {key}: the chart is {drawing.width:.1f} x {drawing.height:.1f} pt, "
                    f"not the {width:.1f} x {height:.1f} pt its spec sets"
                )
            self.canv.scale(scale, scale)
            renderPDF.draw(drawing, self.canv, 0, 0)

    return Chart()


def _frame(drawn: Callable[[], bool], *args: Any, **kwargs: Any) -> Any:
    """A platypus Frame that lays out every flowable but draws them only when ``drawn()`` is true.

    The contents' page numbers need two passes of the layout (reportlab's multiBuild) and only the last pass's
    pages are kept: the first pass places the flowables without drawing them, which would be half its time and
    would wait for the charts.
    """
    from reportlab.platypus import Frame

    def skip(*_: Any, **__: Any) -> None:
        return None

    class LayoutFrame(Frame):
        def _add(self, flowable: Any, canv: Any, trySplit: int = 0) -> Any:  # noqa: N803 - reportlab API
            if drawn():
                return super()._add(flowable, canv, trySplit)
            flowable.drawOn = skip  # this pass only: the instance attribute hides the method
            try:
                return super()._add(flowable, canv, trySplit)
            finally:
                del flowable.drawOn

        add = _add

    return LayoutFrame(*args, **kwargs)


def _figure_flowables(
    fig: Figure,
    result: Callable[[], Any],
    lang: str,
    styles: dict[str, Any],
    width: float,
    number: int,
    max_height: float = 640.0,
) -> list[Any]:
    from reportlab.platypus import KeepTogether
    from reportlab.platypus import Paragraph as RLParagraph

    from growth8.report.render.charts import figure_size

    chart_width, chart_height = (72.0 * inches for inches in figure_size(fig))  # points
    scale = min((width - 14) / chart_width, max_height / chart_height)
    caption = t("report.figure.caption", lang, n=number, title=fig.title)
    parts = [RLParagraph(_text(caption), styles["caption"])]
    if fig.message:  # the headline: what the chart shows, with its numbers
        parts.append(RLParagraph(_text(fig.message), styles["body"]))
    parts.append(_chart(fig.key, result, chart_width, chart_height, scale))
    if fig.note:
        parts.append(RLParagraph(_text(fig.note), styles["note"]))
    if fig.source:
        parts.append(RLParagraph(_text(t("report.figure.source", lang, source=fig.source)), styles["note"]))
    return [KeepTogether(parts)]


def _visible(section: Section) -> bool:
    if not section.blocks:
        return True
    return any(not isinstance(b, Table) or "pdf" in b.media for b in section.blocks)


def _key_box(doc: Document, styles: dict[str, Any], width: float, flowables: Any) -> list[Any]:
    """Page 1's key messages: a shaded, framed box with its heading, the messages and the scenario table."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import Spacer, TableStyle
    from reportlab.platypus import Table as RLTable

    inner: list[Any] = [RLParagraph(_text(t("report.key.title", doc.lang)), styles["key_head"])]
    for block in doc.highlights:
        if isinstance(block, Table):
            inner += _table_flowables(block, doc.lang, styles, width - 18, keep=False)
        else:
            inner += flowables(block)
    box = RLTable([[inner]], colWidths=[width - 2], hAlign="LEFT")
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#eef3f8")),
                ("BOX", (0, 0), (-1, -1), 0.8, colors.HexColor("#1f4e79")),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return [box, Spacer(1, 8)]


def render_pdf(doc: Document, workers: ForkPool | None = None) -> bytes:
    """The document as PDF bytes.

    Parameters
    ----------
    doc : Document
    workers : ForkPool, optional
        The worker processes that draw the charts while the pages are laid out (default: started here, see
        :func:`growth8.report.render.chart_workers`).

    Returns
    -------
    bytes
        A PDF with a cover, table of contents, bookmarks, page numbers and the
        run record in its metadata (title, subject, keywords).
    """
    if workers is None:
        from growth8.report.render import chart_workers

        with chart_workers("pdf") as pool:
            return render_pdf(doc, pool)
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas as rl_canvas
    from reportlab.platypus import BaseDocTemplate, CondPageBreak, KeepTogether, PageBreak, PageTemplate, Spacer
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import Table as RLTable
    from reportlab.platypus.tableofcontents import TableOfContents

    _register_fonts()
    styles = _styles()
    lang = doc.lang
    footer_left = f"growth8 {doc.run.get('version', '')} | {doc.title}"

    class NumberedCanvas(rl_canvas.Canvas):
        """Canvas that knows the page count when it writes each page's footer."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self._marks: dict[int, list[str]] = {}

        def showPage(self) -> None:  # noqa: N802 - reportlab API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def bookmarkPage(self, key: str, **kwargs: Any) -> None:  # noqa: N802 - reportlab API
            # The pages are emitted only in save(): a bookmark made now would point at the first page.
            self._marks.setdefault(len(self._pages), []).append(key)

        def save(self) -> None:
            total = len(self._pages)
            for k, state in enumerate(self._pages):
                self.__dict__.update(state)
                self._footer(total)
                for key in self._marks.get(k, []):
                    rl_canvas.Canvas.bookmarkPage(self, key, fit="XYZ", top=A4[1])
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            self.saveState()
            self.setFont(_FONTS["regular"], 7.5)
            self.setFillGray(0.35)
            self.drawRightString(
                A4[0] - 18 * mm, 10 * mm, t("report.page_of", lang, page=self._pageNumber, total=total)
            )
            text = footer_left if len(footer_left) < 95 else footer_left[:92] + "..."
            self.drawString(18 * mm, 10 * mm, text)
            self.restoreState()

    class Template(BaseDocTemplate):
        passes = 0  # layout passes begun (multiBuild repeats the layout until the contents' pages settle)
        draw_always = False  # draw the flowables in every pass, not only from the second on

        def beforeDocument(self) -> None:  # noqa: N802 - reportlab API
            self.passes += 1

        def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 - reportlab API
            name = getattr(getattr(flowable, "style", None), "name", "")
            if name in ("h1", "h2"):
                level = 0 if name == "h1" else 1
                text = flowable.getPlainText()
                key = f"s{id(flowable)}"
                self.canv.bookmarkPage(key)
                self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
                self.notify("TOCEntry", (level, text, self.page, key))

    run_json = json.dumps(doc.run, sort_keys=True)
    keywords = (
        f"growth8; version={doc.run.get('version', '')}; config_hash={doc.run.get('config_hash', '')}; "
        f"data_hash={doc.run.get('data_hash', '')}; seed={doc.run.get('seed', '')}"
    )
    buf = io.BytesIO()
    template = Template(
        buf,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=doc.title,
        subject=f"{doc.subtitle}; run: {run_json}",
        keywords=keywords,
        author="growth8",
        creator=f"growth8 {doc.run.get('version', '')}",
        lang=_PDF_LANG.get(lang, lang),
        invariant=bool(os.environ.get("SOURCE_DATE_EPOCH")),
    )

    def drawn() -> bool:
        return template.draw_always or template.passes > 1

    frame = _frame(drawn, template.leftMargin, template.bottomMargin, template.width, template.height, id="body")
    template.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    width = template.width

    figures = list(doc.figures())
    numbers = {id(f): n for n, f in enumerate(figures, start=1)}

    charts = {id(f): workers.submit(figure_drawing, (f, lang)) for f in figures}

    def block_flowables(block: Any) -> list[Any]:
        if isinstance(block, Paragraph):
            text = _text(block.text)
            if block.style == "code":
                text = text.replace("\n", "<br/>").replace("  ", "&nbsp; ")
                return [RLParagraph(text, styles["code"])]
            if block.style == "bullet":
                return [RLParagraph(text, styles["bullet"], bulletText="\u2022")]
            if block.style == "key":
                return [RLParagraph(text, styles["key"], bulletText="\u25a0")]
            if block.text.rstrip().endswith(":"):  # a paragraph that introduces a list stays with it
                return [RLParagraph(text, styles["intro"])]
            return [RLParagraph(text, styles[block.style])]
        if isinstance(block, Table):
            return _table_flowables(block, lang, styles, width) if "pdf" in block.media else []
        if isinstance(block, Figure):
            return _figure_flowables(block, charts[id(block)], lang, styles, width, numbers[id(block)])
        return []

    story: list[Any] = [Spacer(1, 6 * mm), RLParagraph(_text(doc.title), styles["title"])]
    story.append(RLParagraph(_text(doc.subtitle), styles["subtitle"]))
    if doc.highlights:
        story += _key_box(doc, styles, width, block_flowables)
    cover_rows = [
        [RLParagraph(f"<b>{_text(k)}</b>", styles["small"]), RLParagraph(_text(v), styles["small"])]
        for k, v in doc.cover
    ]
    story.append(RLTable(cover_rows, colWidths=[0.22 * width, 0.78 * width], hAlign="LEFT"))
    story.append(PageBreak())
    toc = TableOfContents()
    toc.levelStyles = [styles["toc1"], styles["toc2"]]
    toc.dotsMinLevel = 0
    story += [RLParagraph(_text(t("report.contents", lang)), styles["h1"].clone("toc_title")), toc]
    after_heading = False  # the last flowable is a section heading with nothing under it
    for section in doc.sections:
        if not _visible(section):
            continue
        if section.new_page:
            story.append(PageBreak())
        elif not after_heading:  # (after a bare heading the two stay together: keepWithNext)
            story.append(CondPageBreak(50 * mm))  # never leave a heading alone at the foot of a page
        heading = RLParagraph(_text(section.title), styles["h1" if section.level == 1 else "h2"])
        blocks = list(section.blocks)
        if blocks and isinstance(blocks[0], Figure) and not after_heading:  # a heading goes with its chart
            story.append(KeepTogether([heading, *block_flowables(blocks.pop(0))]))
        else:
            story.append(heading)
        for block in blocks:
            story += block_flowables(block)
        after_heading = not section.blocks
    if template.multiBuild(story, canvasmaker=NumberedCanvas) == 1:  # pragma: no cover - a document with no heading
        template.draw_always = True  # one pass was enough, and it drew nothing: lay it out again
        buf.seek(0)
        buf.truncate()
        template.multiBuild(story, canvasmaker=NumberedCanvas)
    return buf.getvalue()

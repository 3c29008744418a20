"""Demo PDFs (book excerpts, newsletter and brief issues) written locally with fpdf2.

Persian and Arabic need a font with those letters and text shaping: DejaVu Sans (Debian's fonts-dejavu-core,
present on most systems) and uharfbuzz. Without the font, the PDF is set in a core font and carries the
English text of the same item, so the demo still loads everywhere.
"""

from pathlib import Path

from fpdf import FPDF

FONT_CANDIDATES = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
    Path("/usr/local/share/fonts/DejaVuSans.ttf"),
]


def unicode_font():
    return next((p for p in FONT_CANDIDATES if p.exists()), None)


def make_pdf(title, lines, rtl=False, fallback_title=None, fallback_lines=None):
    """PDF bytes with a title and a few paragraphs."""
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    font = unicode_font()
    if font:
        pdf.add_font("body", fname=str(font))
        try:
            pdf.set_text_shaping(use_shaping_engine=True, direction="rtl" if rtl else "ltr")
        except Exception:  # noqa: BLE001 -- uharfbuzz missing: unshaped text is still readable for Latin
            if rtl:
                font = None
    if font:
        family = "body"
    else:
        family = "helvetica"
        title, lines = fallback_title or title, fallback_lines or lines
        title = title.encode("latin-1", "replace").decode("latin-1")
        lines = [line.encode("latin-1", "replace").decode("latin-1") for line in lines]
    align = "R" if rtl and font else "L"
    pdf.set_font(family, size=20)
    pdf.multi_cell(0, 10, title, align=align)
    pdf.ln(6)
    pdf.set_font(family, size=12)
    for line in lines:
        pdf.multi_cell(0, 7, line, align=align)
        pdf.ln(3)
    return bytes(pdf.output())

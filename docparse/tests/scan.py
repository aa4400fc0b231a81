"""A scanned page made by the test itself: text rendered to an image with PIL, wrapped in a PDF
that has no text layer (as a scanner or a phone camera produces)."""

from __future__ import annotations

import io
from pathlib import Path

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
)

SCANNED_PLAN = """ỦY BAN NHÂN DÂN
TỈNH LÂM ĐỒNG
Số: 125/KH-UBND

KẾ HOẠCH
Phát triển khoa học và công nghệ năm 2026

I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao năng lực đổi mới sáng tạo của tỉnh.
II. NHIỆM VỤ
1. Sở Khoa học và Công nghệ chủ trì xây dựng cơ sở dữ liệu.
2. Sở Tài chính bố trí kinh phí thực hiện."""


def scanned_pdf(text: str = SCANNED_PLAN, pages: int = 1) -> bytes:
    """PDF bytes of ``pages`` image-only pages showing ``text`` in black on white."""
    from PIL import Image, ImageDraw, ImageFont

    font_path = next((p for p in FONT_CANDIDATES if Path(p).exists()), None)
    font = ImageFont.truetype(font_path, 34) if font_path else ImageFont.load_default()
    images = []
    for _ in range(pages):
        img = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
        draw = ImageDraw.Draw(img)
        y = 120
        for line in text.split("\n"):
            draw.text((140, y), line, fill=0, font=font)
            y += 58
        images.append(img.convert("RGB"))
    buf = io.BytesIO()
    images[0].save(buf, "PDF", resolution=200.0, save_all=True, append_images=images[1:])
    return buf.getvalue()

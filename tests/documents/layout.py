"""Checks of a generated PDF against Nghị định 30/2020/NĐ-CP, Phụ lục I, read back with pdfplumber.

Each check returns (rule, passed, detail). ``document_checks`` runs every rule that applies to a
document; ``certificate_checks``, ``flag_checks`` and ``blank_checks`` the certificate layouts.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber

from documents.models import DocumentType
from documents.pdf import punctuate_bases

MM = 72 / 25.4
A4 = (595.28, 841.89)
FONT_PREFIXES = ("TimesNewRoman", "Times-New-Roman", "Liberation-Serif", "LiberationSerif")
CSS = Path(__file__).resolve().parents[2] / "static" / "pdf"


@dataclass
class Segment:
    """A run of characters on one line with no wide gap: one cell's line of text."""

    chars: list = field(default_factory=list)

    @property
    def text(self) -> str:
        out, last = "", None
        for char in self.chars:
            if last is not None and char["x0"] - last["x1"] > 0.18 * char["size"]:
                out += " "
            out += char["text"]
            last = char
        return " ".join(out.replace("\u00a0", " ").replace("\u2060", "").split())

    x0 = property(lambda self: min(c["x0"] for c in self.chars))
    x1 = property(lambda self: max(c["x1"] for c in self.chars))
    top = property(lambda self: min(c["top"] for c in self.chars))
    bottom = property(lambda self: max(c["bottom"] for c in self.chars))
    centre = property(lambda self: (self.x0 + self.x1) / 2)

    def letters(self):
        return [c for c in self.chars if c["text"].strip() and c["text"] not in "\u00a0\u2060"]

    def bold(self) -> bool:
        return all("Bold" in c["fontname"] for c in self.letters())

    def italic(self) -> bool:
        return all("Italic" in c["fontname"] for c in self.letters())

    def sizes(self) -> set[float]:
        return {round(c["size"], 1) for c in self.letters()}


def segments(page) -> list[Segment]:
    chars = sorted((c for c in page.chars if c["upright"]), key=lambda c: (round(c["bottom"]), c["x0"]))
    rows: list[list] = []
    for char in chars:
        if rows and abs(rows[-1][0]["bottom"] - char["bottom"]) < 2.5:
            rows[-1].append(char)
        else:
            rows.append([char])
    found = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        current = Segment([row[0]])
        for char in row[1:]:
            if char["x0"] - current.chars[-1]["x1"] > 18:
                found.append(current)
                current = Segment([char])
            else:
                current.chars.append(char)
        found.append(current)
    return [s for s in found if s.text]


def h_edges(page) -> list[dict]:
    """Horizontal rules: thin filled rectangles and horizontal lines (CSS borders)."""
    edges = [{"x0": r["x0"], "x1": r["x1"], "top": r["top"]} for r in page.rects if r["height"] <= 1.6 and r["width"] > 5]
    edges += [{"x0": e["x0"], "x1": e["x1"], "top": e["top"]} for e in page.edges if e["orientation"] == "h" and e["width"] > 5]
    return edges


def find(segs, predicate):
    return next((s for s in segs if predicate(s)), None)


def is_black(char) -> bool:
    colour = char.get("non_stroking_color")
    if colour is None:
        return True
    values = colour if isinstance(colour, (list, tuple)) else [colour]
    if len(values) == 4:  # CMYK
        return values[3] >= 0.99 or all(v < 0.01 for v in values[:3]) and values[3] > 0.9
    return all(abs(v) < 0.01 for v in values)


class Report:
    def __init__(self, name: str):
        self.name, self.results = name, []

    def check(self, rule: str, passed: bool, detail: str = ""):
        self.results.append((rule, bool(passed), detail))

    @property
    def failures(self):
        return [(self.name, rule, detail) for rule, passed, detail in self.results if not passed]


def _rule_under(edges, lines: list[Segment], within=9.0):
    """The rule drawn under ``lines`` (below the last, centred on them), and the widest line's width."""
    widest = max(lines, key=lambda s: s.x1 - s.x0)
    bottom = max(s.bottom for s in lines)
    below = [e for e in edges if 0 <= e["top"] - bottom <= within and e["x0"] < widest.x1 and e["x1"] > widest.x0]
    return (min(below, key=lambda e: e["top"] - bottom) if below else None), widest


def _ratio_rule(report, rule, edges, lines, ratio=(1 / 3, 1 / 2)):
    found, widest = _rule_under(edges, lines)
    if found is None:
        report.check(rule, False, "không có đường kẻ")
        return
    width, line = found["x1"] - found["x0"], widest.x1 - widest.x0
    centred = abs((found["x0"] + found["x1"]) / 2 - widest.centre) < 3
    report.check(rule, ratio[0] - 0.01 <= width / line <= ratio[1] + 0.01 and centred, f"{width / line:.2f} của dòng, giữa: {centred}")


def css_font_declared_first() -> bool:
    for name in ("document.css", "certificate.css", "flag.css", "blank.css"):
        for declaration in re.findall(r"font-family:\s*([^;}]+)", (CSS / name).read_text()):
            if not declaration.strip().startswith('"Times New Roman", "Liberation Serif"'):
                return False
    return True


def common_checks(report: Report, pdf, *, size_mm: tuple[float, float] | None = None):
    page = pdf.pages[0]
    if size_mm:
        report.check("khổ giấy", abs(page.width - size_mm[0] * MM) < 2 and abs(page.height - size_mm[1] * MM) < 2, f"{page.width:.0f}×{page.height:.0f}")
    fonts = {c["fontname"].split("+")[-1] for p in pdf.pages for c in p.chars}
    report.check("phông Times New Roman (hoặc Liberation Serif cùng số đo)", all(f.startswith(FONT_PREFIXES) for f in fonts), ", ".join(sorted(fonts)))
    report.check("khai báo Times New Roman trước, Liberation Serif dự phòng", css_font_declared_first())


def document_checks(document, pdf_bytes: bytes) -> Report:
    report = Report(f"{document.get_doc_type_display()} {document.symbol}")
    pdf = pdfplumber.open(io.BytesIO(pdf_bytes))
    common_checks(report, pdf, size_mm=(210, 297))
    page = pdf.pages[0]
    segs, edges = segments(page), h_edges(page)
    half = 30 * MM + 0.45 * (165 * MM)

    # Margins on every page (portrait 20/20/30/15 mm; landscape annex pages 30/15/20/20 mm).
    inside = True
    for number, p in enumerate(pdf.pages, start=1):
        portrait = p.height > p.width
        left, right, top, bottom = (30, 15, 20, 20) if portrait else (20, 20, 30, 15)
        for s in segments(p):
            if s.top < top * MM and s.text == str(number):
                continue  # the page number sits in the top margin
            if s.x0 < left * MM - 1 or s.x1 > p.width - right * MM + 1 or s.top < top * MM - 1 or s.bottom > p.height - bottom * MM + 1:
                inside = False
    report.check("lề trên, dưới, trái, phải", inside)
    report.check("chữ màu đen", all(is_black(c) for p in pdf.pages for c in p.chars))

    nation = find(segs, lambda s: s.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    motto = find(segs, lambda s: s.text == "Độc lập - Tự do - Hạnh phúc")
    report.check("Quốc hiệu in hoa, đậm, cỡ 12–13, một dòng", nation and nation.bold() and nation.sizes() <= {12.0, 12.5, 13.0})
    report.check("Tiêu ngữ đậm, cỡ 13–14, lớn hơn Quốc hiệu", motto and nation and motto.bold() and motto.sizes() <= {13.0, 13.5, 14.0}
                 and min(motto.sizes()) > max(nation.sizes()))
    if motto:
        found, _ = _rule_under(edges, [motto], within=6)
        report.check("đường kẻ dưới Tiêu ngữ dài bằng dòng chữ", found is not None and abs(found["x0"] - motto.x0) < 2.5 and abs(found["x1"] - motto.x1) < 2.5)

    number = find(segs, lambda s: s.text.startswith("Số:"))
    place = document.place_name or document.lead_issuer.place_name
    date = find(segs, lambda s: s.text.startswith(f"{place},") or s.text.startswith(place))
    report.check("“Số” và dòng địa danh, ngày tháng trên cùng một dòng", number and date and abs(number.chars[0]["bottom"] - date.chars[0]["bottom"]) < 1.5)
    report.check("“Số” cỡ 13, đứng; địa danh, ngày tháng nghiêng, cỡ 13–14", number and date and number.sizes() == {13.0} and not number.italic()
                 and date.italic() and date.sizes() <= {13.0, 13.5, 14.0})
    if date:
        full = date.text
        following = [s for s in segs if s.x0 > half - 5 and -3 < s.top - date.bottom < 8 and s.top > date.top + 2]
        full = " ".join([full] + [s.text for s in following])
        report.check("ngày tháng có số 0 trước ngày < 10 và tháng 1, 2", re.search(r"ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$", full) is not None, full)

    # ô 2: the issuer (and the parent body above it), its rule, and no name broken across lines.
    heading_segs = [s for s in segs if s.x1 < half + 2 and number and s.bottom < number.top]
    from documents.pdf import _issuer_heading

    heading = _issuer_heading(document)
    names = [n.replace("\u00a0", " ").replace("\u2060", "") for n in heading["names"]]
    governing = [g.replace("\u00a0", " ").replace("\u2060", "") for g in heading["governing"]]
    issuer_lines = [s for s in heading_segs if s.bold()]
    parent_lines = [s for s in heading_segs if not s.bold()]
    joined_names = " ".join(s.text for s in issuer_lines)
    report.check("tên cơ quan ban hành in hoa, đậm, cỡ 12–13", issuer_lines and joined_names == " ".join(names) and all(s.sizes() <= {12.0, 12.5, 13.0} for s in issuer_lines), joined_names)
    report.check("cơ quan chủ quản ở trên, không đậm", " ".join(s.text for s in parent_lines) == " ".join(governing))
    if document.is_joint:
        from documents.pdf import _joint_name

        issuers = document.ordered_issuers()
        expected = " ".join(" ".join(_joint_name(u, issuers).upper().split()) for u in issuers)
        report.check("văn bản liên tịch: tên các cơ quan ban hành, không thêm cơ quan chủ quản", not parent_lines and joined_names == expected, joined_names)
    if issuer_lines:
        _ratio_rule(report, "đường kẻ dưới tên cơ quan dài 1/3–1/2 dòng chữ", edges, issuer_lines)
    whole = True
    for name in heading["names"] + heading["governing"]:
        for group in re.split(r" (?![\u00a0\u2060])", name):
            group_text = " ".join(group.replace("\u2060", "").replace("\u00a0", " ").split())
            if " " in group_text and not any(group_text in s.text for s in heading_segs):
                whole = False
    report.check("tên cơ quan không bị ngắt giữa tên riêng", whole, " | ".join(s.text for s in heading_segs))

    is_letter = document.doc_type == DocumentType.OFFICIAL_LETTER
    text_all = "\n".join(s.text for p in pdf.pages for s in segments(p))
    if is_letter:
        vv = find(segs, lambda s: s.text.startswith("V/v"))
        report.check("công văn: V/v dưới số, ký hiệu, cỡ 12–13", vv and number and vv.top > number.bottom and vv.sizes() <= {12.0, 12.5, 13.0})
        vv_lines = [s for s in segs if vv and s.x1 < half + 2 and s.top >= vv.top and s.top - vv.bottom < 30]
        report.check("công văn: không có đường kẻ dưới V/v", vv is not None and not any(0 <= e["top"] - max(s.bottom for s in vv_lines) <= 12 and e["x1"] < half for e in edges))
        report.check("công văn: có “Kính gửi:”", "Kính gửi:" in text_all)
    else:
        title = find(segs, lambda s: s.text == document.type_title.upper())
        report.check("tên loại văn bản in hoa, đậm, cỡ 13–14", title and title.bold() and title.sizes() <= {13.0, 13.5, 14.0})
        if title:
            subject_lines = [s for s in segs if s.top > title.bottom - 1 and s.top - title.bottom < 60 and s.bold() and s is not title
                             and s.text and s.text != document.type_title.upper()]
            subject_lines = [s for s in subject_lines if s.text in " ".join(document.subject.split())]
            report.check("trích yếu đậm", subject_lines and " ".join(s.text for s in subject_lines) == " ".join(document.subject.split()))
            if subject_lines:
                _ratio_rule(report, "đường kẻ dưới trích yếu dài 1/3–1/2 dòng chữ", edges, subject_lines)

    if document.legal_bases:
        bases = punctuate_bases(document.legal_bases)
        flat = " ".join(text_all.split())
        report.check("căn cứ: mỗi dòng kết thúc “;”, dòng cuối “.”", all(" ".join(b.split()) in flat for b in bases) and bases[-1].endswith(".")
                     and all(b.endswith(";") for b in bases[:-1]))
        first = find(segs, lambda s: s.text.startswith(bases[0][:12]))
        report.check("căn cứ in nghiêng", first is not None and first.italic())

    if document.doc_type == DocumentType.DECISION:
        decides = find(segs, lambda s: s.text == "QUYẾT ĐỊNH:")
        report.check("“QUYẾT ĐỊNH:” đậm, giữa trang", decides and decides.bold() and abs(decides.centre - (30 * MM + 165 * MM / 2)) < 4)
        article = find(segs, lambda s: s.text.startswith("Điều 1."))
        report.check("“Điều 1.” đậm", article and all("Bold" in c["fontname"] for c in article.letters()[:6]))

    all_segs = [(p, s) for p in pdf.pages for s in segments(p)]
    signed = [s for p, s in all_segs if s.text == "(Đã ký)"]
    blocks = list(document.signers.all())
    report.check("“(Đã ký)” không in màu xám", len(signed) == len(blocks) and all(is_black(c) for s in signed for c in s.chars))
    names_ok = True
    for block in blocks:
        if block.name:
            seg = next((s for _, s in all_segs if s.text == block.name), None)
            names_ok = names_ok and seg is not None and seg.bold()
        for line in (block.title, block.authority_body):
            if line:
                seg = next((s for _, s in all_segs if line.upper() in s.text and s.text == s.text.upper()), None)
                names_ok = names_ok and seg is not None and seg.bold()
    report.check("chức vụ, họ tên người ký in đậm; chức vụ in hoa", names_ok)

    label = next(((p, s) for p, s in all_segs if s.text.startswith("Nơi nhận:")), None)
    if document.recipients or document.archive_note:
        report.check("“Nơi nhận:” đậm, nghiêng, cỡ 12", label and label[1].bold() and label[1].italic() and label[1].sizes() == {12.0})
        if label:
            p, seg = label
            lines_ = [s for s in segments(p) if s.top > seg.top and abs(s.x0 - seg.x0) < 3 and s.x1 < p.width / 2 + 40]
            items = []
            for line in lines_:
                if line.text.startswith("- "):
                    items.append(line.text)
                elif items:  # a long item wraps onto the next line
                    items[-1] += " " + line.text
            report.check("nơi nhận cỡ 11, mỗi dòng “- …;”, dòng cuối “.”", items and all(s.sizes() == {11.0} for s in lines_)
                         and all(t.endswith(";") for t in items[:-1]) and items[-1].endswith("."), " | ".join(items))

    numbering_ok = True
    for index, p in enumerate(pdf.pages, start=1):
        top_segs = [s for s in segments(p) if s.bottom < 20 * MM]
        if index == 1:
            numbering_ok = numbering_ok and not top_segs
        else:
            seg = top_segs[0] if top_segs else None
            content_centre = (30 * MM + (p.width - 15 * MM)) / 2 if p.height > p.width else p.width / 2
            numbering_ok = numbering_ok and seg is not None and seg.text == str(index) and seg.sizes() <= {13.0, 14.0} and abs(seg.centre - content_centre) < 4
    report.check("số trang ở giữa lề trên, từ trang 2", numbering_ok)

    if document.annexes:
        def body_segments(p):
            return [s for s in segments(p) if s.bottom > 20 * MM]

        annex_page = next((p for p in pdf.pages[1:] if body_segments(p) and body_segments(p)[0].text.startswith("PHỤ LỤC")), None)
        report.check("phụ lục sang trang mới, mở đầu “PHỤ LỤC”", annex_page is not None)
        if annex_page is not None:
            segs_a = [s for s in segments(annex_page) if s.bottom > 20 * MM]
            start = next((i for i, s in enumerate(segs_a) if s.text.startswith("(Kèm theo")), None)
            reference = ""
            if start is not None:
                for s in segs_a[start:]:
                    reference = f"{reference} {s.text}".strip()
                    if s.text.endswith(")"):
                        break
            pattern = rf"^\(Kèm theo {document.get_doc_type_display()} số {re.escape(document.symbol)} ngày \d{{2}} tháng \d{{1,2}} năm \d{{4}} của .+\)$"
            report.check("phụ lục ghi “(Kèm theo … số … ngày … của …)”, nghiêng", re.match(pattern, reference) is not None
                         and segs_a[start].italic(), reference)
    return report


def certificate_checks(pdf_bytes: bytes, *, size_mm, form_name: str, values: dict) -> Report:
    report = Report(form_name)
    pdf = pdfplumber.open(io.BytesIO(pdf_bytes))
    common_checks(report, pdf, size_mm=size_mm)
    segs = segments(pdf.pages[0])
    text = " ".join(s.text for s in segs)
    nation = find(segs, lambda s: s.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    report.check("Quốc hiệu, Tiêu ngữ", nation and nation.bold() and "Độc lập - Tự do - Hạnh phúc" in text)
    red = lambda s: all(not is_black(c) and c["non_stroking_color"][0] > 0.6 for c in s.letters())  # noqa: E731
    giver = find(segs, lambda s: s.text == values["giver"].upper())
    report.check("người tặng in đỏ", giver is not None and red(giver))
    form = find(segs, lambda s: s.text == form_name.upper())
    report.check("tên hình thức in đỏ", form is not None and red(form))
    report.check("“Tặng”", find(segs, lambda s: s.text == "Tặng") is not None)
    for key in ("recipient", "decision_symbol", "golden_book_number"):
        report.check(f"có {key}", values[key] in text)
    return report


def flag_checks(pdf_bytes: bytes, *, giver: str, recipient: str) -> Report:
    report = Report("Cờ thi đua")
    pdf = pdfplumber.open(io.BytesIO(pdf_bytes))
    common_checks(report, pdf, size_mm=(850, 650))
    page = pdf.pages[0]
    segs = segments(page)
    text = [s.text for s in segs]
    report.check("nền đỏ phủ cả lá cờ", any(r["width"] > page.width * 0.98 and r["height"] > page.height * 0.98 and r["non_stroking_color"]
                                             and r["non_stroking_color"][0] > 0.7 and r["non_stroking_color"][1] < 0.3 for r in page.rects))
    gold = all(c["non_stroking_color"][0] > 0.9 and 0.7 < c["non_stroking_color"][1] < 0.95 and c["non_stroking_color"][2] < 0.2 for c in page.chars)
    report.check("chữ màu vàng", gold)
    report.check("dòng 1 tên cơ quan tặng, dòng 2 “TẶNG”", text[:2] == [giver.upper(), "TẶNG"], " | ".join(text[:3]))
    star = [c for c in page.curves if c.get("fill") and c["non_stroking_color"] and c["non_stroking_color"][0] > 0.9 and c["non_stroking_color"][1] > 0.7]
    centred = star and abs((star[0]["x0"] + star[0]["x1"]) / 2 - page.width / 2) < 5
    tang = find(segs, lambda s: s.text == "TẶNG")
    report.check("ngôi sao vàng năm cánh ở giữa, dưới “TẶNG”", bool(centred) and tang and star[0]["top"] > tang.bottom)
    report.check("dòng “ĐƠN VỊ …” dưới ngôi sao", star and any(s.text.startswith("ĐƠN VỊ") and s.top > star[0]["bottom"] for s in segs))
    report.check("là lá cờ, không phải bằng khen (không Quốc hiệu, không “Bằng khen”)", not any("CỘNG HÒA" in t or "BẰNG KHEN" in t for t in text))
    report.check("tên đơn vị được tặng", recipient.upper() in " ".join(text))
    return report


def blank_checks(pdf_bytes: bytes, *, profile, values: dict, calibration: bool = False) -> Report:
    from documents.certificates import field_positions

    report = Report(f"{'Trang căn chỉnh' if calibration else 'In lên phôi'} {profile.get_form_display()}")
    pdf = pdfplumber.open(io.BytesIO(pdf_bytes))
    common_checks(report, pdf, size_mm=(float(profile.paper_width_mm), float(profile.paper_height_mm)))
    page = pdf.pages[0]
    segs = segments(page)
    text = " ".join(s.text for s in segs)
    if not calibration:
        report.check("chỉ in các trường thay đổi (không Quốc hiệu, không “Tặng”, không khung)",
                     "CỘNG HÒA" not in text and "Tặng" not in text.split() and not page.rects and not page.curves)
    placed_ok = True
    for placed in field_positions(profile):
        value = values.get(placed["field"].key)
        if not value:
            continue
        seg = find(segs, lambda s, v=value: s.text.startswith(" ".join(v.split())[:20]))
        placed_ok = placed_ok and seg is not None and abs(seg.centre - placed["centre"] * MM) < 2.5 and abs(seg.top - placed["top"] * MM) < 6
    report.check("mỗi trường ở đúng vị trí đã căn chỉnh (kể cả độ lệch của máy in)", placed_ok)
    if calibration:
        edges = h_edges(page)
        crosses = all(any(abs((e["x0"] + e["x1"]) / 2 - p["centre"] * MM) < 1.5 and abs(e["top"] - p["top"] * MM) < 1.5 for e in edges)
                      for p in field_positions(profile))
        report.check("trang căn chỉnh có dấu chữ thập ở mỗi vị trí", crosses)
    return report

"""Reads tables.xlsx with openpyxl (a test helper, not the product) and compares it with the
run's CSV tables, which the contract defines: the expectations come from the CSVs, not from
the workbook. Usage: check.py RUN_FOLDER"""
import csv, sys, zipfile, re
import openpyxl

run = sys.argv[1]
book = openpyxl.load_workbook(f"{run}/tables.xlsx")
print("sheets:", ", ".join(book.sheetnames))
print("chart sheets:", ", ".join(c.title for c in book.chartsheets))
print("opens on:", book.active.title)
notes = [[c.value for c in row] for row in book["notes"].iter_rows()]
header = next(r for r in notes if r[:4] == ["sheet", "column", "unit", "meaning"])
units = {(r[0], r[1]): r[2] for r in notes if r is not header and len(r) > 3 and r[1] and r[3]}
print("notes: columns with a unit:", len([u for u in units.values() if u]), "of", len(units),
      "; percent in", units.get(("survey_items", "percent")), "; total in", units.get(("index_series", "total")))
# The published decimals: percentages with one (survey1 prints 69.0), indices with three
# (survey2 prints 0.998); totals as whole thousand yen with separators.
formats = {
    "survey_items": {"percent": "0.0", "ci_low": "0.0", "ci_high": "0.0"},
    "index_series": {"index": "0.000", "ci_low": "0.000", "ci_high": "0.000", "total": "#,##0"},
}
formats["survey_single"] = formats["survey_items"]
formats["index_by_project"] = formats["index_series"]
for name in ["survey_items", "survey_single", "index_series", "index_by_project", "panel_log", "reproduction"]:
    with open(f"{run}/{name}.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    sheet = book[name]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    same = len(cells) == len(rows)
    wrong_format = 0
    for r, (want, got) in enumerate(zip(rows, cells)):
        for c, text in enumerate(want):
            value = got[c] if c < len(got) else None
            cell = sheet.cell(row=r + 1, column=c + 1)
            if text == "":
                same &= value is None
            elif isinstance(value, str):
                same &= value == text
            else:
                same &= abs(value - float(text)) <= abs(float(text)) * 1e-14
                wanted = formats.get(name, {}).get(rows[0][c])
                if r > 0 and wanted and cell.number_format != wanted:
                    wrong_format += 1
    numbers = sum(1 for row in cells[1:] for v in row if isinstance(v, (int, float)))
    print(f"{name}: {len(rows) - 1} rows, {'same values as the CSV' if same else 'DIFFERENT'};"
          f" frozen at {sheet.freeze_panes}; number formats {'as published' if wrong_format == 0 else 'WRONG'};"
          f" {numbers} numeric cells")
    setup = sheet.page_setup
    print(f"  autofilter {sheet.auto_filter.ref}; print: paper {setup.paperSize}, {setup.orientation or 'portrait'},"
          # fitToWidth absent is 1 (ECMA-376 Part 1, 18.3.1.64 pageSetup); fitToHeight 0 is "as many as needed".
          f" fit to {setup.fitToWidth or 1} page wide and {setup.fitToHeight} pages down"
          f" (fitToPage {sheet.sheet_properties.pageSetUpPr.fitToPage}), repeated rows {sheet.print_title_rows}")
# A label that starts with '=' is text, never a formula.
labels = [c for c in book["survey_items"]["D"] if isinstance(c.value, str) and c.value.startswith("=")]
kinds = sorted(set(f"{c.value!r} as type {c.data_type}" for c in labels))
print(f"labels starting with '=': {len(labels)} cells, {', '.join(kinds)}")
# The whiskers' lengths, from survey_items.csv (domain all, Q1): ci_high - percent above,
# percent - ci_low below, in the order of the survey1 sheet's items.
with open(f"{run}/survey_items.csv", encoding="utf-8", newline="") as f:
    q1 = {int(r["item"]): r for r in csv.DictReader(f) if r["domain"] == "all" and r["question"] == "Q1"}
order = [row[0].value for row in book["survey1"].iter_rows(min_row=2)]
above = [round(float(q1[k]["ci_high"]) - float(q1[k]["percent"]), 9) for k in order]
below = [round(float(q1[k]["percent"]) - float(q1[k]["ci_low"]), 9) for k in order]
# The SVGs' colours and legends (the charts the contract calls the published figures).
svg = open(f"{run}/charts/survey2-sales.svg", encoding="utf-8").read()
svg_colours = re.findall(r'<circle cx="30" cy="48" r="5" fill="#([0-9a-f]{6})"/>', svg) + \
    re.findall(r'<rect x="25" y="63" width="10" height="10" fill="#([0-9a-f]{6})"/>', svg)
svg_legends = re.findall(r'<text x="42(?:\.00)?" y="(?:52|72)(?:\.00)?"[^>]*>([^<]*)</text>', svg)
with zipfile.ZipFile(f"{run}/tables.xlsx") as z:
    for n in sorted(x for x in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", x)):
        xml = z.read(n).decode()
        kind = "bar (horizontal)" if "<c:barChart>" in xml and '<c:barDir val="bar"/>' in xml else \
               "line" if "<c:lineChart>" in xml else "other"
        print(f"{n}: {kind}, {xml.count('<c:ser>')} series, refs {sorted(set(re.findall(r'<c:f>([^<]*)</c:f>', xml)))}")
        for bars in re.findall(r"<c:errBars>(.*?)</c:errBars>", xml):
            plus = [round(float(v), 9) for v in re.findall(r"<c:v>([^<]*)</c:v>", re.search(r"<c:plus>(.*?)</c:plus>", bars).group(1))]
            minus = [round(float(v), 9) for v in re.findall(r"<c:v>([^<]*)</c:v>", re.search(r"<c:minus>(.*?)</c:minus>", bars).group(1))]
            print(f"  error bars: {re.search(r'<c:errValType val=.([a-zA-Z]+)', bars).group(1)}, {len(plus)} above"
                  f" {'= ci_high - percent' if plus == above else 'WRONG'}, {len(minus)} below"
                  f" {'= percent - ci_low' if minus == below else 'WRONG'}")
        axis = re.findall(r'<c:(min|max) val="([^"]*)"/>', xml)
        if kind == "line":
            values = [float(v) for v in re.findall(r"<c:val>.*?</c:val>", xml, re.S) for v in re.findall(r"<c:v>([^<]*)</c:v>", v)]
            bounds = dict(axis)
            print(f"  value axis {bounds.get('min')} to {bounds.get('max')} around the data {min(values):.3f} to {max(values):.3f}")
            colours = [c.lower() for c in re.findall(r'<c:spPr><a:ln[^>]*><a:solidFill><a:srgbClr val="([0-9A-F]{6})"', xml)]
            names = re.findall(r"<c:tx><c:strRef>.*?<c:v>([^<]*)</c:v>|<c:tx><c:v>([^<]*)</c:v>", xml)
            names = [a or b for a, b in names]
            print(f"  colours {'as the SVG' if colours[:2] == svg_colours else f'{colours} against the SVG {svg_colours}'};"
                  f" legend {'as the SVG' if names == svg_legends else f'{names} against the SVG {svg_legends}'}")
        elif kind == "bar (horizontal)":
            print(f"  value axis {dict(axis).get('min')} to {dict(axis).get('max')}")

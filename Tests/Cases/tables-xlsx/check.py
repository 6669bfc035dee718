"""Reads tables.xlsx with openpyxl (a test helper, not the product) and compares it with the
run's CSV tables, which the contract defines: the expectations come from the CSVs, not from
the workbook. Usage: check.py RUN_FOLDER"""
import csv, sys, zipfile, re
import openpyxl

run = sys.argv[1]
book = openpyxl.load_workbook(f"{run}/tables.xlsx")
print("sheets:", ", ".join(book.sheetnames))
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
    print(f"{name}: {len(rows) - 1} rows, {'same values as the CSV' if same else 'DIFFERENT'};"
          f" frozen at {sheet.freeze_panes}; number formats {'as published' if wrong_format == 0 else 'WRONG'}")
# A label that starts with '=' is text, never a formula.
labels = [c for c in book["survey_items"]["D"] if isinstance(c.value, str) and c.value.startswith("=")]
kinds = sorted(set(f"{c.value!r} as type {c.data_type}" for c in labels))
print(f"labels starting with '=': {len(labels)} cells, {', '.join(kinds)}")
with zipfile.ZipFile(f"{run}/tables.xlsx") as z:
    for n in sorted(x for x in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", x)):
        xml = z.read(n).decode()
        kind = "bar (horizontal)" if "<c:barChart>" in xml and '<c:barDir val="bar"/>' in xml else \
               "line" if "<c:lineChart>" in xml else "other"
        print(f"{n}: {kind}, {xml.count('<c:ser>')} series, refs {sorted(set(re.findall(r'<c:f>([^<]*)</c:f>', xml)))}")

"""Keeps, of statements.csv, the rows of non-participants and of one participant: the national
panel then has one enterprise. Usage: one_firm.py FOLDER ENTERPRISE_ID (the file is CP932)."""
import sys, csv, io
folder, keep = sys.argv[1], sys.argv[2]
digits = str.maketrans("０１２３４５６７８９", "0123456789")
def text(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp932"), "cp932"
participants = {r["enterprise_id"].translate(digits).strip() for r in csv.DictReader(io.StringIO(text(f"{folder}/participants.csv")[0]))}
body, encoding = text(f"{folder}/statements.csv")
lines = body.splitlines(keepends=True)
kept = [lines[0]] + [l for l in lines[1:] if l.split(",")[0].translate(digits).strip() not in participants - {keep}]
open(f"{folder}/statements.csv", "w", encoding=encoding, newline="").write("".join(kept))

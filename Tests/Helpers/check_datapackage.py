#!/usr/bin/env python3
"""Test helper (never part of the product): checks OUTPUT_DIR/datapackage.json of an annual run.

usage: check_datapackage.py OUTPUT_DIR INPUT_DIR

Prints what `frictionless validate` (PyPI frictionless, the Frictionless Data reference
implementation) says of the package, then, independently of it: every file of OUTPUT_DIR is a
resource whose bytes and sha256 match the file, every input file of INPUT_DIR (run.conf
included) is a source whose sha256 and bytes match, every source's row balance adds up, and the
settings list every run.conf key.
"""
import hashlib, json, os, sys

out_dir, in_dir = sys.argv[1], sys.argv[2]
from frictionless import validate

report = validate(os.path.join(out_dir, "datapackage.json"))
print("frictionless validate:", "valid" if report.valid else "INVALID")
for task in report.tasks:
    for error in task.errors:
        print("  ", task.name, error.type, error.message)

pkg = json.load(open(os.path.join(out_dir, "datapackage.json"), encoding="utf-8"))
def sha(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()

files = sorted(os.path.relpath(os.path.join(d, f), out_dir)
               for d, _, fs in os.walk(out_dir) for f in fs if f != "datapackage.json")
listed = {r["path"]: r for r in pkg["resources"]}
print("output files:", len(files), "resources:", len(listed),
      "same set:", "yes" if set(files) == set(listed) else "NO")
for f in files:
    r = listed.get(f)
    ok = r and r["hash"] == "sha256:" + sha(os.path.join(out_dir, f)) and r["bytes"] == os.path.getsize(os.path.join(out_dir, f))
    if not ok:
        print("  resource does not match its file:", f)
tables = [r for r in pkg["resources"] if r.get("profile") == "tabular-data-resource"]
for r in tables:
    header = open(os.path.join(out_dir, r["path"]), encoding="utf-8").readline().rstrip("\n").split(",")
    names = [fld["name"] for fld in r["schema"]["fields"]]
    described = all(fld.get("description") and fld.get("type") for fld in r["schema"]["fields"])
    print("table", r["path"], "fields match header:", "yes" if names == header else "NO",
          "every field typed and described:", "yes" if described else "NO")

inputs = sorted(f for f in os.listdir(in_dir) if f.endswith(".csv") or f == "run.conf")
sources = {s["path"]: s for s in pkg["sources"]}
print("input files:", len(inputs), "sources:", len(sources),
      "same set:", "yes" if set(inputs) == set(sources) else "NO")
for f in inputs:
    s = sources[f]
    path = os.path.join(in_dir, f)
    ok = s["hash"] == "sha256:" + sha(path) and s["bytes"] == os.path.getsize(path)
    rows = s.get("rows")
    balance = ""
    if rows:
        balance = " balance %d = %d + %d + %d + %d + %d %s" % (
            rows["read"], rows["kept"], rows["rejected"], rows["merged"], rows["dropped"], rows["filtered"],
            "ok" if rows["read"] == rows["kept"] + rows["rejected"] + rows["merged"] + rows["dropped"] + rows["filtered"] else "DOES NOT ADD UP")
    print("source", f, "sha256 and bytes match:", "yes" if ok else "NO",
          "encoding:", s.get("encoding", "-") + balance)
print("settings:", ",".join(pkg["settings"].keys()))
print("pipeline:", pkg["pipeline"]["name"], pkg["pipeline"]["version"],
      "with commit" if "commit" in pkg["pipeline"] else "without commit")

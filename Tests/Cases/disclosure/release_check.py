"""The release set (contract 11): only public files, each byte-identical to the run's, and a
data package listing exactly them. Usage: release_check.py RUN_FOLDER RELEASE_FOLDER"""
import hashlib, json, os, sys

run, web = sys.argv[1], sys.argv[2]
public = {"survey_items.csv", "survey_single.csv", "index_series.csv", "index_by_project.csv", "panel_log.csv",
          "reproduction.csv", "tables.xlsx", "datapackage.json"}
files = sorted(os.path.relpath(os.path.join(d, f), web) for d, _, fs in os.walk(web) for f in fs)
confidential = [f for f in files if f not in public and not (f.startswith("charts/") and f.endswith(".svg"))]
print(f"release: {len(files)} files; confidential among them: {confidential or 'none'}")
same = all(open(f"{run}/{f}", "rb").read() == open(f"{web}/{f}", "rb").read() for f in files if f != "datapackage.json")
print(f"release: every file byte-identical to the run's: {same}")
package = json.load(open(f"{web}/datapackage.json", encoding="utf-8"))
listed = sorted(r["path"] for r in package["resources"])
hashes = all(r["hash"] == "sha256:" + hashlib.sha256(open(f"{web}/{r['path']}", "rb").read()).hexdigest()
             for r in package["resources"])
print(f"release: datapackage.json lists exactly the other files: {listed == [f for f in files if f != 'datapackage.json']}; "
      f"all public: {all(r['confidentiality'] == 'public' for r in package['resources'])}; hashes hold: {hashes}")
full = json.load(open(f"{run}/datapackage.json", encoding="utf-8"))
print("run: confidential resources: " + ", ".join(r["path"] for r in full["resources"] if r["confidentiality"] == "confidential"))

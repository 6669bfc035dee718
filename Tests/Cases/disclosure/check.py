"""What the contract's section 11 says the disclosure case must show, each expectation derived
here from the inputs (statements.csv, participants.csv) and panel_members.csv, never read from
the table under test. Usage: check.py INPUT_DIR RUN_FOLDER"""
import csv, collections, sys, os
sys.path.insert(0, os.path.join(os.environ["REPO"], "Tests", "Helpers"))
from disclosure_check import read_csv, amount, fiscal_year  # the helper's readers of the inputs

inp, run = sys.argv[1], sys.argv[2]
windows = {"sales": range(2000, 2005), "net_income": range(2000, 2005), "employees": range(2000, 2004)}

# Each panel member's value per measure and fiscal year, from its 12-month statements.
members = collections.defaultdict(dict)  # measure -> id -> project
for r in read_csv(f"{run}/panel_members.csv"):
    if r["reason"] == "in_panel":
        members[r["measure"]][r["enterprise_id"]] = r["project"]
values = collections.defaultdict(dict)  # (id, measure) -> year -> value
ids = set().union(*members.values())
for r in read_csv(f"{inp}/statements.csv"):
    e = r["enterprise_id"]
    if e not in ids or r["period_months"].strip() != "12":
        continue
    year = fiscal_year(r["period_end"])
    for m in windows:
        try:
            values[(e, m)][year] = amount(r[m])
        except Exception:
            pass

def rule(m, project):
    """Primary rule of a project's series (contract 11): MIN_FREQUENCY 3, DOMINANCE 1,85 on |x|
    in every year of the window; with the share that decides it."""
    firms = [e for e, p in members[m].items() if p == project]
    if len(firms) < 3:
        return f"{len(firms)} enterprises < 3: suppressed_frequency"
    worst = max((max(abs(values[(e, m)][y]) for e in firms) / sum(abs(values[(e, m)][y]) for e in firms), y)
                for y in windows[m])
    verdict = "suppressed_dominance" if worst[0] > 0.85 else "passes"
    return f"{len(firms)} enterprises, largest |x| {100 * worst[0]:.1f} % of the total in {worst[1]}: {verdict}"

projects = read_csv(f"{run}/index_by_project.csv")
status = {(r["project"], r["measure"]): r["status"] for r in projects}
for project in ["TINY", "DOM", "LOSS"]:
    for m in windows:
        print(f"{project} {m}: {rule(m, project)}; published status {status[(project, m)]}")
# LOSS's net income: the signed base-year total is negative (the first edition called that
# `undefined` and could not judge dominance); by absolute value the loss dominates.
loss = [e for e, p in members["net_income"].items() if p == "LOSS"]
print(f"LOSS net_income 2000: signed total {sum(values[(e, 'net_income')][2000] for e in loss)}")
complements = sorted({(r["measure"], r["project"]) for r in projects if r["status"] == "suppressed_secondary"})
for m in windows:
    print(f"{m}: complements {', '.join(p for mm, p in complements if mm == m) or 'none'}")
# Withheld rows carry nothing but their size and status; published ones their totals.
ok = all((r["status"].startswith("suppressed")) == (r["total"] == "") for r in projects)
print(f"index_by_project.csv: totals exactly where not suppressed: {ok}")
for name in ["survey_items.csv", "survey_single.csv"]:
    rows = read_csv(f"{run}/{name}")
    seen = collections.Counter((r["domain"], r["status"]) for r in rows if r["status"].startswith("suppressed"))
    bare = all(not any(r[c] for c in ["respondents", "selected", "percent", "ci_low", "ci_high", "effective_n"])
               for r in rows if r["status"].startswith("suppressed"))
    print(f"{name}: " + ", ".join(f"{d} {s} ({c} rows)" for (d, s), c in sorted(seen.items())) + f"; withheld rows bare: {bare}")

# The audit of TINY's sales (contract 11): the intruder knows only the national total minus the
# published projects, i.e. the sum of the withheld ones, and that each is at least 0, so TINY's
# interval is [0, national − published projects] — computed here from the two public tables.
national = {r["year"]: float(r["total"]) for r in read_csv(f"{run}/index_series.csv")
            if r["series"] == "cluster" and r["measure"] == "sales"}
published = collections.defaultdict(float)
for r in projects:
    if r["series"] == "cluster" and r["measure"] == "sales" and r["total"]:
        published[r["year"]] += float(r["total"])
audit = {r["cell"]: r for r in read_csv(f"{run}/disclosure_audit.csv")}
agree = all(audit[f"TINY/cluster/sales/{y}"]["lower"] == "0"
            and abs(float(audit[f"TINY/cluster/sales/{y}"]["upper"]) - (national[y] - published[y])) <= 1e-9 * national[y]
            for y in national)
print(f"disclosure_audit.csv: TINY's sales in [0, national - published projects] every year: {agree}")

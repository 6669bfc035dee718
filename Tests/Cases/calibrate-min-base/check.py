"""Checks a run with CALIBRATE=project and MIN_BASE=20 against what the contract (sections 3.1,
9 and 10) says, each expectation computed here from the inputs or from another file of the
run, never taken from the file under test. Usage: check.py INPUT_DIR RUN_FOLDER"""
import csv, sys, collections

inp, run = sys.argv[1], sys.argv[2]

def table(name, encoding="utf-8"):
    with open(f"{run}/{name}", encoding=encoding, newline="") as f:
        return list(csv.DictReader(f))

# 1. The frame from participants.csv (CP932), as the contract (1.1) defines a participant: a
#    valid corporate number (full-width digits read as ASCII; check digit 9 - (sum P_n Q_n mod
#    9)), each number once (a repeat is merged or rejected: the first row stands).
def valid(number):
    number = number.translate({0xFF10 + d: 0x30 + d for d in range(10)}).strip()
    if len(number) != 13 or not number.isdigit():
        return None
    base = number[1:]
    total = sum(int(d) * (1 if n % 2 == 1 else 2) for n, d in enumerate(reversed(base), start=1))
    return number if int(number[0]) == 9 - total % 9 else None

frame = {}
with open(f"{inp}/participants.csv", encoding="cp932", newline="") as f:
    for row in csv.DictReader(f):
        number = valid(row["enterprise_id"])
        if number and number not in frame:
            frame[number] = row["project"].strip()
counts = collections.Counter(frame.values())
print(f"frame: {len(frame)} participants in {len(counts)} projects")

# 2. weights.csv: raked to the frame's counts by project. Without a weight column every weight
#    is 1, so the calibrated weight of a respondent of project p is N_p / n_p (n_p the
#    project's respondents); each project's calibrated weights add up to N_p within 1e-9.
weights = table("weights.csv")
n = collections.Counter(w["project"] for w in weights)
sums = collections.defaultdict(float)
for w in weights:
    sums[w["project"]] += float(w["calibrated_weight"])
assert all(w["weight"] == "1" for w in weights)
margins_ok = all(abs(sums[p] - counts[p]) <= 1e-9 * counts[p] for p in counts)
rows_ok = all(abs(float(w["calibrated_weight"]) - counts[w["project"]] / n[w["project"]]) <= 1e-12 * counts[w["project"]]
              for w in weights)
print(f"weights.csv: {len(weights)} respondents; every project's margin equals its frame count to 1e-9: {margins_ok}")
print(f"weights.csv: every calibrated weight is N_p / n_p: {rows_ok}")
print(f"weights.csv: sum {round(sum(sums.values()), 6)} = frame {len(frame)}")

# 3. Status of both survey tables (contracts 9 and 11), per domain and question: a project's
#    weights are equal, so its base count is respondents / (N_p / n_p) and its effective n that
#    count; suppressed_frequency below 20 respondents, low_reliability below an effective n of
#    30, else ok; the column n is that count. A withheld row (suppressed_frequency, or suppressed_secondary where the
#    thresholds say ok or low_reliability) shows only its status. A withheld row's base is not
#    published, so its count comes from the project's respondents in weights.csv: with these
#    data a project with fewer than 20 respondents in all is below 20 in every base, and one
#    with 20 or more is at or above 20 in every base.
def check_status(name):
    rows = table(name)
    seen = collections.Counter()
    wrong = 0
    for r in rows:
        withheld = r["status"].startswith("suppressed")
        if withheld:
            if any(r[c] for c in ["respondents", "n", "selected", "percent", "ci_low", "ci_high", "effective_n"]):
                wrong += 1
            want_frequency = r["domain"] != "all" and n[r["domain"]] < 20
            if (r["status"] == "suppressed_frequency") != want_frequency:
                wrong += 1
            seen[(r["domain"], r["status"])] += 1
            continue
        if r["domain"] == "all":
            count = float(r["effective_n"])  # the all domain: at least the effective n
        else:
            p = r["domain"]
            count = round(float(r["respondents"]) / (counts[p] / n[p])) if n[p] else 0
            # The column n is that count (the base without weights, what MIN_BASE tests).
            if int(r["n"]) != count:
                wrong += 1
        effective = float(r["effective_n"])
        want = ("empty" if count == 0 else "suppressed_frequency" if count < 20
                else "low_reliability" if effective < 30 * (1 - 1e-9) else "ok")
        if r["status"] != want:
            wrong += 1
        seen[(r["domain"], r["status"])] += 1
    flagged = sorted({f"{d} {s} ({c} rows)" for (d, s), c in seen.items() if s != "ok"})
    print(f"{name}: {len(rows)} rows, status as the thresholds say: {wrong == 0}; not ok: {', '.join(flagged) or 'none'}")

check_status("survey_items.csv")
check_status("survey_single.csv")

# 4. index_by_project.csv (contract 10): every project of the frame for every measure; the
#    projects' panel sizes add up to the national panel of index_series.csv; only ok rows carry
#    numbers; suppressed exactly where a project has fewer than 3 members or one member above
#    85 % of its base-year total (members and their values from panel_members.csv and the
#    panel's statements are not in the outputs, so the dominance half is checked in the unit
#    tests; here: fewer than 3 is always suppressed).
index = table("index_series.csv")
projects = table("index_by_project.csv")
national = {(r["measure"], r["year"]): int(r["enterprises"]) for r in index if r["series"] == "cluster"}
sizes = collections.defaultdict(int)
for r in projects:
    if r["series"] == "cluster":
        sizes[(r["measure"], r["year"])] += int(r["enterprises"])
print(f"index_by_project.csv: projects {sorted({r['project'] for r in projects}) == sorted(counts)}; "
      f"panel sizes add up to index_series.csv: {dict(sizes) == national}")
numbers_ok = all((r["status"] == "ok") == bool(r["total"] and r["index"])
                 and r["status"].startswith("suppressed") == (not r["total"]) for r in projects)
small_ok = all(r["status"] == "suppressed_frequency" for r in projects if 0 < int(r["enterprises"]) < 3)
status = collections.Counter((r["measure"], r["status"]) for r in projects if r["series"] == "cluster" and r["year"] == "2000")
print(f"index_by_project.csv: numbers only where ok (totals unless suppressed): {numbers_ok}; "
      f"fewer than 3 members suppressed_frequency: {small_ok}")
for (measure, s), c in sorted(status.items()):
    print(f"  {measure}: {c} projects {s}")

# 5. panel_members.csv (contract 10): its counts per measure and reason are panel_log.csv.
members = collections.Counter((r["measure"], r["reason"]) for r in table("panel_members.csv"))
log = {(r["measure"], r["reason"]): int(r["enterprises"]) for r in table("panel_log.csv")}
print(f"panel_members.csv: {sum(members.values())} rows; counts per measure and reason equal panel_log.csv: "
      f"{all(members.get(k, 0) == v for k, v in log.items()) and set(members) <= set(log)}")

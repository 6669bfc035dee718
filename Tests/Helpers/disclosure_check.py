#!/usr/bin/env python3
"""Test helper (never part of the product): plays an intruder against the suppressed cells.

usage: disclosure_check.py INPUT_DIR OUTPUT_DIR [--protection 10]

From the PUBLISHED CSVs of OUTPUT_DIR it bounds every hidden cell by linear programming
(scipy.optimize.linprog, "highs": minimise and maximise each hidden cell) and compares the bounds
with the TRUE values it computes from INPUT_DIR (only panel_members.csv and weights.csv are read
from OUTPUT_DIR). It prints `file key value lower upper verdict` per hidden cell, then a summary.

Hidden cells: index_series.csv / index_by_project.csv rows of series cluster and
benchmark_corrected with `total` empty (key PROJECT/series/measure/year, `national/...` for
index_series.csv); survey_items.csv / survey_single.csv rows with `selected` empty while
`respondents` > 0 (key DOMAIN/question/item); an empty `respondents` (meant to be always
published) is one more hidden cell, key DOMAIN/question/respondents.

Relations the intruder knows (each equality is two inequalities with 1e-9 relative slack: values
carry at most 15 significant digits); a hidden national / `all` cell is an unknown like the rest:
  I1 national(s,m,t) = sum over projects p of total(p,s,m,t)   (s: cluster, benchmark_corrected)
  I2 total >= 0 for sales and employees (both series); net_income is unbounded
  I3 WEIGHTS=value: benchmark_corrected(x,m,BASE_YEAR) = cluster(x,m,BASE_YEAR), x: project, national
  S1 sum over projects of selected(p,q,k) = selected(all,q,k)
  S2 0 <= selected(d,q,k) <= respondents(d,q)
  S3 single questions: sum over k of selected(d,q,k) = respondents(d,q)
  S4 multi questions: sum over k of selected(d,q,k) >= respondents(d,q)
  S5 sum over projects of respondents(p,q) = respondents(all,q)
Published rows with an index also satisfy total(t) = index(t) * total(BASE_YEAR): asserted only.

True values: members are the `in_panel` rows of panel_members.csv; C_p(t) = the measure summed
over p's members' 12-month statements of fiscal year t (period-end month >= 4: that year, else
the year before); benchmark_corrected_p(t) = sum_i w_ip * B_i(t) / B_i(BASE_YEAR), w_ip = p's
members' base-year total in category i (WEIGHTS=count: their count), B_i(t) = the benchmark rows
of category i and year t with capital_max <= BENCHMARK_MAX_CAPITAL. Survey: each participant's
latest valid questionnaire, weighted by weights.csv's calibrated_weight, else the `weight`
column, else 1; multi base = who selected >= 1 item, single base = who gave a code.

Verdicts: ok; recoverable (upper - lower <= 1e-6 * max(1, |value|), or no wider than the slack of
the equalities alone allows); under (value >= 0 and [lower, upper] does not contain
[value(1-p), value(1+p)], relative slack 1e-7); zero_total (pinned at 0 by a published zero total
of an I1/S1/S5 equation whose hidden cells are all non-negative: no failure). Exit 1 on any
recoverable or under cell, on a published number more than 1e-6 relative from the true one, or
when the true hidden values violate the relations (the model, not the output, is then wrong).
"""
import argparse, csv, io, math, os, re, sys
from collections import defaultdict
from datetime import datetime, timedelta, timezone

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

FULLWIDTH = str.maketrans("０１２３４５６７８９，．", "0123456789,.")
NEG = "-−－△▲"
EQ_TOL, CHECK_TOL, RECOVER_TOL, PROTECT_SLACK = 1e-9, 1e-6, 1e-6, 1e-7
problems = []  # wrong numbers and model violations: each makes the exit status 1


def read_csv(path):
    """Rows of a CSV as dicts (UTF-8 with or without BOM, else CP932; RFC 4180 quoting)."""
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp932")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = [h.strip() for h in rows[0]] if rows else []
    return [dict(zip(header, r)) for r in rows[1:] if any(c.strip() for c in r)]


def amount(s):
    """An amount: thousands commas, full-width digits, leading -, −, －, △ or ▲; None if not one."""
    s = (s or "").strip().translate(FULLWIDTH)
    neg = s[:1] in NEG and s != ""
    s = s[1:].strip() if neg else s
    if not re.fullmatch(r"(\d{1,3}(,\d{3})+|\d+)(\.\d+)?", s):
        return None
    v = float(s.replace(",", "")) if "." in s else int(s.replace(",", ""))
    return -v if neg else v


def published(s):
    return float(s) if s.strip() else None


ERAS = {"H": 1988, "平成": 1988, "S": 1925, "昭和": 1925, "R": 2018, "令和": 2018}


def fiscal_year(s):
    """Fiscal year of a period end: YYYY-MM, YYYY/MM, YYYYMM, H13.3, H13/03, 平成13年3月 (元 = 1)."""
    s = s.strip().translate(FULLWIDTH)
    m = re.fullmatch(r"(\d{4})(?:[-/](\d{1,2})|(\d{2}))", s)
    if m:
        y, mo = int(m[1]), int(m[2] or m[3])
    else:
        m = re.fullmatch(r"(H|S|R|平成|昭和|令和)\s*(\d{1,2}|元)\s*[-./年]\s*(\d{1,2})月?", s)
        if not m:
            return None
        y, mo = ERAS[m[1]] + (1 if m[2] == "元" else int(m[2])), int(m[3])
    return None if not 1 <= mo <= 12 else (y if mo >= 4 else y - 1)


def instant(s):
    """submitted_at as an aware datetime (no zone: +09:00); None if it does not parse."""
    try:
        t = datetime.fromisoformat(s.strip().translate(FULLWIDTH).replace("/", "-"))
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=timezone(timedelta(hours=9)))


def read_conf(path):
    conf = {"BASE_YEAR": "2000", "WEIGHTS": "value", "BENCHMARK_MAX_CAPITAL": "100000",
            "MEASURES": "sales:2000-2004,net_income:2000-2004,employees:2000-2003"}
    if os.path.exists(path):
        for line in open(path, encoding="utf-8-sig"):
            line = line.split("#", 1)[0]
            if "=" in line:
                k, v = line.split("=", 1)
                conf[k.strip()] = v.strip()
    windows = {}
    for part in conf["MEASURES"].split(","):
        name, span = part.strip().split(":")
        a, b = span.split("-")
        windows[name.strip()] = range(int(a), int(b) + 1)
    return conf, windows


def true_index(inp, out, conf, windows):
    """{(project or 'national', series, measure, year): true total}."""
    base, weights = int(conf["BASE_YEAR"]), conf["WEIGHTS"].strip().lower()
    members = defaultdict(dict)  # measure -> id -> (project, category)
    for r in read_csv(os.path.join(out, "panel_members.csv")):
        if r["reason"].strip() == "in_panel":
            members[r["measure"].strip()][r["enterprise_id"].strip()] = (r["project"].strip(), r["category"].strip())
    values = defaultdict(set)  # (measure, id, year) -> distinct values
    for r in read_csv(os.path.join(inp, "statements.csv")):
        eid = r["enterprise_id"].strip().translate(FULLWIDTH)
        fy = fiscal_year(r["period_end"])
        if amount(r["period_months"]) != 12 or fy is None:
            continue
        for m in windows:
            v = amount(r.get(m))
            if eid in members[m] and fy in windows[m] and v is not None:
                values[(m, eid, fy)].add(v)
    cap = amount(conf["BENCHMARK_MAX_CAPITAL"])
    bench = defaultdict(float)  # (measure, category, year) -> B_i(t)
    for r in read_csv(os.path.join(inp, "benchmark.csv")):
        top = amount(r["capital_max"])
        for m in windows:
            v = amount(r.get(m))
            if top is not None and top <= cap and v is not None:
                bench[(m, r["category"].strip(), int(r["fiscal_year"]))] += v
    truth = defaultdict(float)
    for m, ids in members.items():
        if m not in windows:
            continue
        w = defaultdict(float)  # (project, category) -> base-year weight
        for eid, (p, cat) in ids.items():
            for t in windows[m]:
                vs = values.get((m, eid, t), set())
                if len(vs) != 1:
                    problems.append(f"model: member {eid} ({m}) has {len(vs)} distinct statements in {t}")
                    continue
                v = next(iter(vs))
                for x in (p, "national"):
                    truth[(x, "cluster", m, t)] += v
                    if t == base:
                        w[(x, cat)] += v if weights == "value" else 1
        for (x, cat), wv in w.items():
            if bench.get((m, cat, base), 0) == 0:
                problems.append(f"model: no benchmark for category {cat!r} in {base} ({m})")
                continue
            for t in windows[m]:
                truth[(x, "benchmark_corrected", m, t)] += wv * bench.get((m, cat, t), 0.0) / bench[(m, cat, base)]
    return truth


def true_survey(inp, out):
    """{(file, domain, question, item): selected} and {(file, domain, question): respondents}."""
    frame = {}
    for r in read_csv(os.path.join(inp, "participants.csv")):
        frame.setdefault(r["enterprise_id"].strip().translate(FULLWIDTH), r["project"].strip())
    questions = {}  # question -> (type, [(item, column)])
    for r in read_csv(os.path.join(inp, "codebook.csv")):
        q = questions.setdefault(r["question"].strip(), (r["type"].strip(), []))
        q[1].append((r["item"].strip(), r["column"].strip()))
    calibrated = {}
    if os.path.exists(os.path.join(out, "weights.csv")):
        calibrated = {r["respondent_id"].strip(): float(r["calibrated_weight"])
                      for r in read_csv(os.path.join(out, "weights.csv"))}
    latest = {}  # respondent -> (instant, row number, row, weight)
    for n, r in enumerate(read_csv(os.path.join(inp, "responses.csv"))):
        rid, t = r["respondent_id"].strip().translate(FULLWIDTH), instant(r["submitted_at"])
        w = amount(r["weight"]) if "weight" in r else 1
        if rid not in frame or t is None or w is None or w <= 0 or not valid_answers(r, questions):
            continue
        if rid not in latest or (t, n) >= latest[rid][:2]:
            latest[rid] = (t, n, r, calibrated.get(rid, w))
    selected, respondents = defaultdict(float), defaultdict(float)
    for rid, (_, _, r, w) in latest.items():
        for q, (kind, items) in questions.items():
            file = "survey_items.csv" if kind == "multi" else "survey_single.csv"
            if kind == "multi":
                chosen = [k for k, col in items if r[col].strip() in ("1", "１", "○", "◯")]
            else:
                code = r[items[0][1]].strip().translate(FULLWIDTH)
                chosen = [k for k, _ in items if code and int(k) == int(code)]
            for d in ("all", frame[rid]) if chosen else ():
                respondents[(file, d, q)] += w
                for k in chosen:
                    selected[(file, d, q, k)] += w
    return selected, respondents


def valid_answers(r, questions):
    """A questionnaire the pipeline keeps: multi cells 0/1/○/◯/empty, single cells a code or empty."""
    for kind, items in questions.values():
        if kind == "multi":
            if any(r[col].strip().translate(FULLWIDTH) not in ("", "0", "1", "○", "◯") for _, col in items):
                return False
        else:
            cell = r[items[0][1]].strip().translate(FULLWIDTH)
            if cell and not (cell.isdigit() and any(int(k) == int(cell) for k, _ in items)):
                return False
    return True


class Model:
    """Hidden cells as LP variables, relations as rows lo <= a.x <= hi."""

    def __init__(self):
        self.cells, self.index, self.rows = [], {}, []  # cells: [file, key, value, lb, ub]

    def add(self, file, key, value, lb, ub=math.inf):
        self.index[(file, key)] = len(self.cells)
        self.cells.append([file, key, value, lb, ub])

    def term(self, file, key, published_value):
        """A cell in a relation: its variable number when hidden, else its published value."""
        return self.index.get((file, key), published_value)

    def relation(self, parts, total, kind, zero_rule=False):
        """sum(parts) - total = 0 (kind '=') or >= 0 (kind '>='); parts/total from term()."""
        coef, const = defaultdict(float), 0.0
        for c, x in [(1.0, p) for p in parts] + [(-1.0, total)]:
            if isinstance(x, int):
                coef[x] += c
            else:
                const += c * (x or 0.0)
        if not coef:
            return
        scale = max([1.0] + [abs(x) for x in parts + [total] if isinstance(x, float)])
        hi = -const + EQ_TOL * scale if kind == "=" else math.inf
        zero = zero_rule and isinstance(total, float) and total == 0 and all(self.cells[j][3] >= 0 for j in coef)
        self.rows.append((dict(coef), -const - EQ_TOL * scale, hi, scale, zero))

    def bounds(self):
        """[(lower, upper, noise)] per cell, each component of linked cells solved on its own;
        noise = 2 * EQ_TOL * the component's summed scales, the most its equalities' slack can
        widen an interval that is really a point."""
        n = len(self.cells)
        links = [(a, b) for coef, *_ in self.rows for a, b in zip(list(coef), list(coef)[1:])]
        graph = coo_matrix(([1] * len(links), ([a for a, _ in links], [b for _, b in links])), shape=(n, n))
        root = connected_components(graph, directed=False)[1]
        groups, group_rows = defaultdict(list), defaultdict(list)
        for j in range(n):
            groups[root[j]].append(j)
        for row in self.rows:
            group_rows[root[next(iter(row[0]))]].append(row)
        result = [None] * n
        for g, members in groups.items():
            local = {j: i for i, j in enumerate(members)}
            a, b, noise = [], [], 0.0
            for coef, lo, hi, scale, _ in group_rows[g]:
                row = np.zeros(len(members))
                for j, c in coef.items():
                    row[local[j]] = c
                if hi < math.inf:
                    a.append(row); b.append(hi)
                    noise += 2 * EQ_TOL * scale
                a.append(-row); b.append(-lo)
            box = [(self.cells[j][3] if self.cells[j][3] > -math.inf else None,
                    self.cells[j][4] if self.cells[j][4] < math.inf else None) for j in members]
            for i, j in enumerate(members):
                ends = []
                for sign in (1.0, -1.0):
                    c = np.zeros(len(members)); c[i] = sign
                    res = linprog(c, A_ub=np.array(a) if a else None, b_ub=np.array(b) if b else None,
                                  bounds=box, method="highs")
                    if res.status == 3:
                        ends.append(-sign * math.inf)
                    elif res.status != 0:
                        problems.append(f"LP for {self.cells[j][0]} {self.cells[j][1]}: {res.message}")
                        ends.append(math.nan)
                    else:  # within the cell's own bounds (HiGHS may stray by its tolerance)
                        ends.append(min(max(sign * res.fun, self.cells[j][3]), self.cells[j][4]))
                result[j] = (*ends, noise)
        return result


def check_total(what, shown, true):
    if abs(shown - true) > CHECK_TOL * max(1.0, abs(true)):
        problems.append(f"wrong number: {what} published {shown:.15g}, true {true:.15g}")


def index_cells(model, inp, out):
    """The hidden cells of the two index tables, I1-I3, and the published totals checked."""
    conf, windows = read_conf(os.path.join(inp, "run.conf"))
    base = int(conf["BASE_YEAR"])
    index_rows = {}  # (x, series, measure, year) -> (file, key, published total, index; None: empty)
    for file in ("index_series.csv", "index_by_project.csv"):
        if not os.path.exists(os.path.join(out, file)):
            continue
        for r in read_csv(os.path.join(out, file)):
            s, m, t = r["series"].strip(), r["measure"].strip(), int(r["year"])
            if s not in ("cluster", "benchmark_corrected"):
                continue
            x = r.get("project", "national").strip()
            index_rows[(x, s, m, t)] = (file, f"{x}/{s}/{m}/{t}", published(r["total"]), published(r.get("index", "")))
    itruth = true_index(inp, out, conf, windows)
    for (x, s, m, t), (file, key, total, _) in index_rows.items():
        if total is None:
            model.add(file, key, itruth[(x, s, m, t)], 0.0 if m in ("sales", "employees") else -math.inf)
        else:
            check_total(f"{file} {key}", total, itruth[(x, s, m, t)])
    term = lambda k: model.term(*index_rows[k][:2], index_rows[k][2])
    for (x, s, m, t), (file, key, total, idx) in index_rows.items():
        if x == "national":
            parts = [term(k) for k in index_rows if k[0] != "national" and k[1:] == (s, m, t)]
            model.relation(parts, term((x, s, m, t)), "=", zero_rule=True)
        if s == "cluster" and t == base and conf["WEIGHTS"].strip().lower() == "value" \
                and (x, "benchmark_corrected", m, t) in index_rows:
            model.relation([term((x, "benchmark_corrected", m, t))], term((x, s, m, t)), "=")
        b = index_rows.get((x, s, m, base))
        if idx is not None and total is not None and b and b[2] is not None \
                and abs(total - idx * b[2]) > EQ_TOL * max(1.0, abs(total)) + 1e-14 * abs(b[2]):
            problems.append(f"published: {file} {key} total {total:.15g} != index x base total {idx * b[2]:.15g}")


def survey_cells(model, inp, out):
    """The hidden cells of the two survey tables, S1-S5, and the published numbers checked."""
    selected, respondents = true_survey(inp, out)
    for file in ("survey_items.csv", "survey_single.csv"):
        if not os.path.exists(os.path.join(out, file)):
            continue
        cells = {}  # (domain, question, item) -> published selected, or the variable of a hidden one
        bases = {}  # (domain, question) -> published respondents, or the variable of a hidden one
        for r in read_csv(os.path.join(out, file)):
            d, q, k = r["domain"].strip(), r["question"].strip(), r["item"].strip()
            n, x = published(r["respondents"]), published(r["selected"])
            if (d, q) not in bases:
                true_n = respondents.get((file, d, q), 0.0)
                if n is None:  # not published (the brief says it always is): one more unknown
                    model.add(file, f"{d}/{q}/respondents", true_n, 0.0)
                else:
                    check_total(f"{file} {d}/{q} respondents", n, true_n)
                bases[(d, q)] = model.term(file, f"{d}/{q}/respondents", n)
            base, true_x = bases[(d, q)], selected.get((file, d, q, k), 0.0)
            if x is None and (isinstance(base, int) or base > 0):
                model.add(file, f"{d}/{q}/{k}", true_x, 0.0, base * (1 + EQ_TOL) if isinstance(base, float) else math.inf)
                if isinstance(base, int):
                    model.relation([base], model.index[(file, f"{d}/{q}/{k}")], ">=")  # S2
            elif x is not None:
                check_total(f"{file} {d}/{q}/{k}", x, true_x)
            cells[(d, q, k)] = model.term(file, f"{d}/{q}/{k}", x or 0.0)
        for (d, q, k), total in cells.items():
            if d == "all":
                parts = [v for (e, q2, k2), v in cells.items() if e != "all" and (q2, k2) == (q, k)]
                model.relation(parts, total, "=", zero_rule=True)  # S1
        for (d, q), n in bases.items():
            items = [v for (e, q2, _), v in cells.items() if (e, q2) == (d, q)]
            model.relation(items, n, "=" if file == "survey_single.csv" else ">=")  # S3, S4
            if d == "all":  # the bases add up like the cells (each respondent is in one project)
                model.relation([v for (e, q2), v in bases.items() if e != "all" and q2 == q], n, "=", zero_rule=True)


def verdicts(model, protection):
    """Prints one line per hidden cell and the summary; returns the exit status."""
    p = protection / 100
    # The true hidden values must satisfy every relation (else the model, not the output, is wrong).
    for coef, lo, hi, scale, _ in model.rows:
        v = sum(c * model.cells[j][2] for j, c in coef.items())
        slack = CHECK_TOL * scale
        if not (lo - slack <= v <= hi + slack):
            names = ", ".join(model.cells[j][1] for j in coef)
            problems.append(f"model: true values of {names} violate a relation ({v:.15g} not in [{lo:.15g}, {hi:.15g}])")
    for file, key, value, lb, ub in model.cells:
        if not (lb - CHECK_TOL * max(1, abs(value)) <= value <= ub * (1 + CHECK_TOL)):
            problems.append(f"model: true value {value:.15g} of {file} {key} outside [{lb}, {ub}]")

    zero_cells = {j for coef, *_, zero in model.rows if zero for j in coef}
    recoverable = under = 0
    fmt = lambda v: "inf" if v == math.inf else "-inf" if v == -math.inf else f"{v:.15g}"
    for j, (lower, upper, noise) in enumerate(model.bounds()):
        file, key, value, _, _ = model.cells[j]
        verdict = "ok"
        if math.isnan(upper - lower):
            verdict = "lp_failed"  # already among the problems
        elif upper - lower <= max(RECOVER_TOL * max(1.0, abs(value)), noise):
            verdict = "zero_total" if j in zero_cells and abs(value) <= RECOVER_TOL else "recoverable"
        elif value >= 0:
            slack = PROTECT_SLACK * max(1.0, abs(value))
            if lower > value * (1 - p) + slack or upper < value * (1 + p) - slack:
                verdict = "under"
        recoverable += verdict == "recoverable"
        under += verdict == "under"
        print(file, key, fmt(value), fmt(lower), fmt(upper), verdict)
    for line in problems:
        print("disclosure-check:", line)
    print(f"disclosure-check: {len(model.cells)} hidden cells, {recoverable} recoverable, "
          f"{under} under ±{protection:g}%")
    return 1 if recoverable or under or problems else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input_dir"); ap.add_argument("output_dir")
    ap.add_argument("--protection", type=float, default=10.0)
    args = ap.parse_args()
    model = Model()
    index_cells(model, args.input_dir, args.output_dir)
    survey_cells(model, args.input_dir, args.output_dir)
    sys.exit(verdicts(model, args.protection))


if __name__ == "__main__":
    main()

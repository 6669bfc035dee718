"""Lists the English sentences of a report: runs of two or more English words in a row (a word:
letters, lowercase after the first; codes such as MIN_BASE, benchmark_corrected, Q1 or
statements.csv are not words) with at least one word that is not a name's or a code's: the
words of the codebook's labels (a label is a name, and a wrapped one is cut by the table's
numbers) and the series and measure codes (cluster, benchmark, sales, net_income,
employees, all). Usage: english.py REPORT CODEBOOK"""
import csv, re, sys
report, codebook = sys.argv[1], sys.argv[2]
with open(codebook, encoding="utf-8-sig", newline="") as f:
    vocabulary = {w.strip(",;:.()").lower() for r in csv.DictReader(f) for w in r["label"].split()}
vocabulary |= {"cluster", "benchmark", "sales", "employees", "all"}
text = re.sub(r"\s+", " ", open(report, encoding="utf-8").read())
word = re.compile(r"^\(?[A-Za-z][a-z'-]+\)?[,;:.]?$")
runs, run = [], []
for token in text.split(" ") + ["|"]:
    if word.match(token):
        run.append(token)
        continue
    if len(run) >= 2 and any(w.strip(",;:.()").lower() not in vocabulary for w in run):
        runs.append(" ".join(run))
    run = []
print(f"English sentences: {len(runs)}")
for r in runs: print("  " + r)

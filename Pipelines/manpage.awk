# Tidies a manual page of argument-parser's generate-manual plugin (install.sh):
# - a stage without subcommands loses the `help` subcommand argument-parser lists for every
#   command (`.Ar subcommand` in the synopsis, the `.It Em help` item and its list);
# - the examples of a description (lines indented two spaces) become a literal block, so that
#   man shows them as written at any width and they paste as they are;
# - an empty line becomes a paragraph break (mdoc warns on empty lines);
# - EXIT STATUS lists the pipeline's exit codes (the contract's section 2), not just ">0".
# Usage: awk -f manpage.awk PAGE.1 > PAGE.1   (-v subcommands=1 keeps the help subcommand)
BEGIN { skip = 0; literal = 0 }
function close_literal() { if (literal) { print ".Ed"; literal = 0 } }
{
  if (!subcommands && $0 == ".Ar subcommand") next
  if (!subcommands && $0 == ".It Em help") { skip = 1; depth = 0; next }
  if (skip) {
    if ($0 ~ /^\.Bl /) depth++
    if ($0 == ".El") { depth--; if (depth == 0) { skip = 0 } }
    next
  }
  if ($0 ~ /^  /) {
    if (!literal) { print ".Bd -literal -offset indent"; literal = 1 }
    print substr($0, 3)
    next
  }
  close_literal()
  if ($0 == "") { print ".Pp"; next }
  if ($0 == ".Ex -std") {
    print ".Bl -tag -width 4n"
    n = split("0:success|64:usage error (an option, run.conf, a dangerous output folder)|65:data error (rejects beyond MAX_REJECT_RATE, a computation the data make impossible)|66:an input missing or unreadable|70:internal error|74:a write failed (the path is named)|75:the output folder is in use by another run", codes, "|")
    for (i = 1; i <= n; i++) {
      split(codes[i], pair, ":")
      print ".It " pair[1]
      print substr(codes[i], length(pair[1]) + 2)
    }
    print ".El"
    next
  }
  print
}
END { close_literal() }

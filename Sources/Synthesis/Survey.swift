import CSVKit
import Values

/// The survey returns: 1,000 respondents in Q1's base with exactly the published share choosing
/// each item, 40 who chose nothing, earlier submissions that later ones replace, and returns
/// that must be rejected (outside the frame, invalid codes) — UTF-8 with a BOM and CRLF.
extension FY2005 {
    mutating func writeSurvey(_ dir: String) throws {
        let items = targets.survey.keys.sorted()
        let participants = firms.filter { $0.role != .outsider }.map(\.id)
        let chosen = Array(random.shuffled(participants).prefix(Self.respondentsInBase + Self.respondentsWithoutChoice))
        let base = Array(chosen.prefix(Self.respondentsInBase))

        // Exactly round(percent × 10) of the 1,000 base respondents choose each item.
        var picks = [[Bool]](repeating: [Bool](repeating: false, count: items.count), count: base.count)
        for (j, item) in items.enumerated() {
            let count = Int(((targets.survey[item] ?? 0) * Double(base.count) / 100).rounded())
            for r in random.shuffled(Array(base.indices)).prefix(count) { picks[r][j] = true }
        }
        // Everyone in the base chose something: move a choice from someone who has two or more.
        for r in picks.indices where !picks[r].contains(true) {
            guard let donor = picks.indices.first(where: { d in picks[d].filter { $0 }.count >= 2 }),
                let j = picks[donor].firstIndex(of: true)
            else { continue }
            picks[donor][j] = false
            picks[r][j] = true
        }

        var rows: [(instant: Int, fields: [String])] = []
        func cells(_ chosen: [Bool]) -> [String] {
            chosen.map { selected in
                if selected { return ["1", "1", "1", "1", "○", "◯", "１"][random.int(0...6)] }
                return ["0", "0", "0", ""][random.int(0...3)]
            }
        }
        func q2() -> String { random.chance(0.04) ? "" : String(random.int(1...5)) }
        func stamp(_ minutes: Int) -> String {
            // 2005-09-01 00:00 JST plus `minutes`, written in one of the ISO 8601 forms.
            let day = 1 + minutes / 1440
            let hour = minutes / 60 % 24
            let minute = minutes % 60
            let date = "2005-09-\(NumberText.twoDigits(day))"
            switch random.int(0...3) {
            case 0: return "\(date)T\(NumberText.twoDigits(hour)):\(NumberText.twoDigits(minute)):00"
            case 1: return "\(date) \(NumberText.twoDigits(hour)):\(NumberText.twoDigits(minute))"
            case 2: return "\(date)T\(NumberText.twoDigits(hour)):\(NumberText.twoDigits(minute)):00+09:00"
            default:
                // The same instant in UTC.
                let utc = minutes - 9 * 60
                let d = 1 + (utc + 1440) / 1440 - 1
                return "2005-09-\(NumberText.twoDigits(d))T\(NumberText.twoDigits((utc + 1440) / 60 % 24)):\(NumberText.twoDigits((utc + 1440) % 60)):00Z"
            }
        }
        for (r, id) in base.enumerated() {
            let minutes = 60 * 24 + random.int(0...(60 * 24 * 25))
            rows.append((minutes, [NumberText.corporate(id), stamp(minutes)] + cells(picks[r]) + [q2()]))
            if random.chance(0.03) {
                // An earlier submission with other answers: the later one wins.
                let earlier = minutes - random.int(30...(60 * 24))
                let other = items.indices.map { _ in random.chance(0.5) }
                rows.append((earlier, [NumberText.corporate(id), stamp(earlier)] + cells(other) + [q2()]))
            }
            if random.chance(0.005) {
                // A later submission with an invalid Q2 code: rejected, so it never wins.
                let later = minutes + random.int(30...600)
                rows.append((later, [NumberText.corporate(id), stamp(later)] + cells(items.indices.map { _ in true }) + ["9"]))
            }
        }
        for id in chosen.dropFirst(Self.respondentsInBase) {  // answered Q2 only: not in Q1's base
            let minutes = 60 * 24 + random.int(0...(60 * 24 * 25))
            rows.append((minutes, [NumberText.corporate(id), stamp(minutes)] + cells(items.map { _ in false }) + [q2()]))
        }
        for _ in 0..<8 {  // enterprises outside the frame: rejected
            let stranger = random.corporateNumber(avoiding: &used)
            rows.append((0, [NumberText.corporate(stranger), stamp(60 * 30)] + cells(items.map { _ in true }) + ["1"]))
        }
        var csv = CSVText(header: ["respondent_id", "submitted_at"] + items.map { "q1_" + NumberText.twoDigits($0) } + ["q2"])
        for row in random.shuffled(rows) { csv.add(row.fields) }
        try csv.write(to: dir + "/responses.csv", encoding: .utf8BOM, crlf: true)
    }
}

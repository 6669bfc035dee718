import Foundation
import Testing

@testable import CSVKit
@testable import Formats
@testable import Statistics
@testable import Values

/// The binary work files between the annual run's stages: what ingest stored loads back as the
/// same frame and table, a CSV is never taken for one, and a damaged file is exit 65 naming
/// what is wrong — never a shorter frame or a table of zeros.
@Suite struct WorkFileTests {
    static let a = PanelFixtures.id(100_000_000_001).value
    static let b = PanelFixtures.id(100_000_000_002).value
    static let c = PanelFixtures.id(100_000_000_003).value

    static func path(_ name: String) -> String {
        TestFiles.folder.appendingPathComponent("\(name)-\(UUID().uuidString).work").path
    }

    static func isBadIntermediate(_ error: any Error, _ words: String...) -> Bool {
        guard let e = error as? PipelineError, case .badIntermediate(_, _, let message) = e else { return false }
        return e.exitStatus == .dataError && words.allSatisfy { message.contains($0) }
    }

    /// Members in file order, projects by code point (日本 after TAMA, U+65E5 > U+0054).
    @Test func frameRoundTrip() throws {
        let frame = Frame([(Self.c, "日本"), (Self.a, "TAMA"), (Self.b, "日本")])
        let path = Self.path("frame")
        try WorkFile.write(frame, to: path)
        #expect(try WorkFile.kind(of: path) == .frame)
        let back = try WorkFile.readFrame(path)
        #expect(back.numbers == [Self.c, Self.a, Self.b])
        #expect(back.projects == ["TAMA", "日本"])
        #expect([Self.a, Self.b, Self.c].map(back.projectIndex) == [0, 1, 1])
        #expect(back.ids.count == 3 && back.ids.contains(Self.b))
    }

    static let codebook = Codebook(items: [
        CodebookItem(question: "Q1", type: .multi, item: 1, column: "q1_01", label: "Info"),
        CodebookItem(question: "Q2", type: .single, item: 7, column: "q2", label: "Useful"),
        CodebookItem(question: "Q2", type: .single, item: 9, column: "q2", label: "Not useful"),
    ])

    /// Every cell kind survives: multi 0/1, single item codes 7 and 9, no answer; weights too.
    @Test func responseTableRoundTrip() throws {
        var table = ResponseTable(codebook: Self.codebook, hasWeight: true)
        let rows = [
            Response(respondent: CorporateNumber(uncheckedValue: Self.a), submittedAt: Timestamp(epochNanoseconds: -5), weight: 2.5, cells: [1, 9]),
            Response(respondent: CorporateNumber(uncheckedValue: Self.b), submittedAt: Timestamp(epochNanoseconds: 1_125_000_000_000_000_000), weight: 1, cells: [0, Response.noAnswer]),
            Response(respondent: CorporateNumber(uncheckedValue: Self.c), submittedAt: Timestamp(epochNanoseconds: 0), weight: 0.125, cells: [1, 7]),
        ]
        for r in rows { table.append(r) }
        let path = Self.path("responses")
        try WorkFile.write(table, to: path)
        #expect(try WorkFile.kind(of: path) == .responses)
        let back = try WorkFile.readResponses(path, codebook: Self.codebook)
        #expect(back.rows == rows)
        #expect(back.hasWeight)
    }

    @Test func aCSVIsNotAWorkFile() throws {
        #expect(try WorkFile.kind(of: TestFiles.write("enterprise_id,name,project,region\n")) == nil)
        #expect(try WorkFile.kind(of: TestFiles.write("")) == nil)
        #expect(try WorkFile.kind(of: nil) == nil)
    }

    /// One byte short: the header's payload count no longer matches.
    @Test func truncatedFileIsRefused() throws {
        let path = Self.path("frame")
        try WorkFile.write(Frame([(Self.a, "TAMA")]), to: path)
        let bytes = try Files.read(path)
        let cut = TestFiles.write(Array(bytes.dropLast()), name: "cut-\(UUID().uuidString).work")
        #expect { try WorkFile.readFrame(cut) } throws: { Self.isBadIntermediate($0, "truncated") }
    }

    /// A frame whose table has lost a member (its slot zeroed) no longer agrees with its
    /// members: refused, never read as a smaller frame.
    @Test func frameTableDisagreeingIsRefused() throws {
        let path = Self.path("frame")
        try WorkFile.write(Frame([(Self.a, "TAMA"), (Self.b, "TAMA")]), to: path)
        var bytes = try Files.read(path)
        // The last eight bytes of `a` (little-endian) in the table section, after the members'.
        let a = withUnsafeBytes(of: Self.a.littleEndian) { Array($0) }
        let first = bytes.indices.first { bytes[$0..<min(bytes.count, $0 + 8)].elementsEqual(a) } ?? -1
        let inTable = bytes.indices.first { $0 > first + 8 && bytes[$0..<min(bytes.count, $0 + 8)].elementsEqual(a) } ?? -1
        #expect(first >= 0 && inTable > first)
        for k in inTable..<(inTable + 8) { bytes[k] = 0 }
        let broken = TestFiles.write(bytes, name: "table-\(UUID().uuidString).work")
        #expect { try WorkFile.readFrame(broken) } throws: { Self.isBadIntermediate($0, "disagree") }
        #expect { try WorkFile.readFrameIDs(broken) } throws: { Self.isBadIntermediate($0, "disagree") }
    }

    /// A table read with a codebook of other columns would pair cells with the wrong items.
    @Test func otherCodebookIsRefused() throws {
        var table = ResponseTable(codebook: Self.codebook, hasWeight: false)
        table.append(Response(respondent: CorporateNumber(uncheckedValue: Self.a), submittedAt: Timestamp(epochNanoseconds: 0), weight: nil, cells: [1, 7]))
        let path = Self.path("responses")
        try WorkFile.write(table, to: path)
        let other = Codebook(items: [CodebookItem(question: "Q1", type: .multi, item: 1, column: "q1_02", label: "Info")])
        #expect { try WorkFile.readResponses(path, codebook: other) } throws: { Self.isBadIntermediate($0, "codebook", "q1_01,q2") }
    }

    /// A frame file given where responses are expected names what it is.
    @Test func wrongKindIsRefused() throws {
        let path = Self.path("frame")
        try WorkFile.write(Frame([(Self.a, "TAMA")]), to: path)
        #expect { try WorkFile.readResponses(path, codebook: Self.codebook) } throws: { Self.isBadIntermediate($0, "not a response table") }
    }

    /// A single cell beyond its question's items (3 where Q2 has two) is corruption.
    @Test func cellOutOfRangeIsRefused() throws {
        var table = ResponseTable(codebook: Self.codebook, hasWeight: false)
        table.append(Response(respondent: CorporateNumber(uncheckedValue: Self.a), submittedAt: Timestamp(epochNanoseconds: 0), weight: nil, cells: [1, 7]))
        let path = Self.path("responses")
        try WorkFile.write(table, to: path)
        var bytes = try Files.read(path)
        // Before the 8-byte trailer, the last two bytes are the Q2 cell of the only row
        // (1 = item 7): make it 3.
        bytes[bytes.count - 8 - 2] = 3
        let bad = TestFiles.write(bytes, name: "bad-\(UUID().uuidString).work")
        #expect { try WorkFile.readResponses(bad, codebook: Self.codebook) } throws: { Self.isBadIntermediate($0, "out of range") }
    }
}

extension WorkFileTests {
    static let window = MeasureWindow(measure: .sales, first: 2000, last: 2002)

    static func panelConfig(_ windows: [MeasureWindow]) -> RunConfig {
        var config = RunConfig()
        config.measures = windows
        return config
    }

    /// Members keep their order, category and every year; the log is `in_panel` only, as
    /// `PanelCSV.read` gives it.
    @Test func panelRoundTrip() throws {
        let members = [
            PanelMember(enterprise: CorporateNumber(uncheckedValue: Self.b), category: "food", values: [3, -4, 5]),
            PanelMember(enterprise: CorporateNumber(uncheckedValue: Self.a), category: "電気", values: [0, Int64.max, Int64.min]),
        ]
        let path = Self.path("panel")
        try WorkFile.write([Panel(window: Self.window, members: members, log: [.inPanel: 2, .notSME: 7])], to: path)
        let back = try WorkFile.readPanels(path, config: Self.panelConfig([Self.window]))
        #expect(back.count == 1)
        #expect(back.first?.members == members)
        #expect(back.first?.window == Self.window)
        #expect(back.first?.log[.inPanel] == 2 && back.first?.log[.notSME] == 0)
    }

    /// Read with another MEASURES (2000-2003 where it was written for 2000-2002): refused.
    @Test func panelOfOtherMeasuresIsRefused() throws {
        let path = Self.path("panel")
        try WorkFile.write([Panel(window: Self.window, members: [], log: [:])], to: path)
        let other = MeasureWindow(measure: .sales, first: 2000, last: 2003)
        #expect { try WorkFile.readPanels(path, config: Self.panelConfig([other])) } throws: {
            Self.isBadIntermediate($0, "other MEASURES")
        }
    }
}

extension WorkFileTests {
    /// The numbers alone, as the panel reads them: the same set as the whole frame's.
    @Test func frameIDsAreTheFramesNumbers() throws {
        let path = Self.path("frame")
        try WorkFile.write(Frame([(Self.c, "日本"), (Self.a, "TAMA")]), to: path)
        let ids = try WorkFile.readFrameIDs(path)
        #expect(ids.count == 2 && ids.contains(Self.a) && ids.contains(Self.c) && !ids.contains(Self.b))
    }
}

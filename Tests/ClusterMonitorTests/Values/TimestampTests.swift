import Testing

@testable import Values
@testable import CSVKit
@testable import GSLKit
@testable import Rules
@testable import Statistics
@testable import Formats
@testable import Stages

/// SPEC 1.1 (`submitted_at`: ISO 8601 date or date-time) and SPEC 6.4 ("`submitted_at`
/// without a zone is Japan time (+09:00); a date alone is midnight; equal instants: ...").
///
/// Hand computation used below: 2005-09-01 is day 13027 after 1970-01-01
/// (35 years 1970–2004 with 9 leap days = 12784, plus Jan–Aug 2005 = 243), so
/// 2005-09-01T00:00:00Z = 13027 × 86400 = 1_125_532_800 s since the epoch.
@Suite struct TimestampTests {
    private func ts(_ text: String) -> Timestamp? { TimestampParser.parse(ArraySlice(text.utf8)) }
    private static let nanos: Int64 = 1_000_000_000
    private static let sept1UTC: Int64 = 1_125_532_800  // see the hand computation above
    private static let hour: Int64 = 3600

    /// SPEC 6.4: a date alone is midnight, Japan time: 2005-09-01T00:00+09:00 = 2005-08-31T15:00Z.
    @Test func dateAloneIsMidnightJapanTime() {
        #expect(ts("2005-09-01")?.epochNanoseconds == (Self.sept1UTC - 9 * Self.hour) * Self.nanos)
        #expect(ts("2005-09-01") == ts("2005-09-01T00:00:00+09:00"))
        #expect(ts("2005-09-01") == ts("2005-08-31T15:00:00Z"))
    }

    /// `Z` is UTC (ISO 8601).
    @Test func zuluIsUTC() {
        #expect(ts("2005-09-01T00:00:00Z")?.epochNanoseconds == Self.sept1UTC * Self.nanos)
    }

    /// SPEC 6.4: no zone = +09:00: 09:00 Japan time is 00:00 UTC.
    @Test func noZoneIsJapanTime() {
        #expect(ts("2005-09-01T09:00:00")?.epochNanoseconds == Self.sept1UTC * Self.nanos)
        #expect(ts("2005-09-01T09:00:00") == ts("2005-09-01T09:00:00+09:00"))
    }

    /// ISO 8601 offsets: extended `+09:00`, basic `+0900`, and a negative `-05:00`
    /// (19:00 at −05:00 on 08-31 = 00:00Z on 09-01).
    @Test func explicitOffsets() {
        let utc = Self.sept1UTC * Self.nanos
        #expect(ts("2005-09-01T09:00:00+09:00")?.epochNanoseconds == utc)
        #expect(ts("2005-09-01T09:00:00+0900")?.epochNanoseconds == utc)
        #expect(ts("2005-08-31T19:00:00-05:00")?.epochNanoseconds == utc)
        #expect(ts("2005-08-31T19:00:00-0500")?.epochNanoseconds == utc)
    }

    /// ISO 8601 allows the seconds to be left out (`HH:MM`).
    @Test func minutesWithoutSeconds() {
        #expect(ts("2005-09-01T09:30")?.epochNanoseconds == (Self.sept1UTC + 1800) * Self.nanos)
    }

    /// Fractions of a second: .5 s = 500 000 000 ns, .123456789 s = 123 456 789 ns.
    @Test func fractions() {
        #expect(ts("2005-09-01T00:00:00.5Z")?.epochNanoseconds == Self.sept1UTC * Self.nanos + 500_000_000)
        #expect(ts("2005-09-01T00:00:00.123456789Z")?.epochNanoseconds == Self.sept1UTC * Self.nanos + 123_456_789)
        #expect(ts("2005-09-01T00:00:00.5Z")! > ts("2005-09-01T00:00:00Z")!)
    }

    /// Calendar: 2005 is not a leap year (no Feb 29); 2004 is (Feb 29 exists, Feb 30 never);
    /// 2000 is (divisible by 400), 1900 is not (divisible by 100, not 400). Hours run 00–23,
    /// minutes and seconds 00–59; months 01–12.
    @Test func invalidDates() {
        #expect(ts("2005-02-29") == nil)
        #expect(ts("2004-02-30") == nil)
        #expect(ts("2004-02-29") != nil)
        #expect(ts("2000-02-29") != nil)
        #expect(ts("1900-02-29") == nil)
        #expect(ts("2005-04-31") == nil)
        #expect(ts("2005-13-01") == nil)
        #expect(ts("2005-00-10") == nil)
        #expect(ts("2005-09-00") == nil)
        #expect(ts("2005-09-01T25:00:00") == nil)
        #expect(ts("2005-09-01T25:00") == nil)
        #expect(ts("2005-09-01T12:60:00") == nil)
        #expect(ts("2005-09-01T12:00:60") == nil)
    }

    /// Not ISO 8601 date(-time)s.
    @Test func garbage() {
        #expect(ts("") == nil)
        #expect(ts("2005/09/01") == nil)
        #expect(ts("yesterday") == nil)
        #expect(ts("2005-09-01T") == nil)
        #expect(ts("2005-09-01T09:00:00+") == nil)
    }

    /// SPEC 6.4 ordering: `2005-09-01T00:00:00Z` (= 09:00 JST) is later than
    /// `2005-09-01T08:00:00` without a zone (= 08:00 JST = 2005-08-31T23:00Z).
    @Test func orderingAcrossZones() throws {
        let utcMidnight = try #require(ts("2005-09-01T00:00:00Z"))
        let jstEight = try #require(ts("2005-09-01T08:00:00"))
        #expect(utcMidnight > jstEight)
        #expect(jstEight < utcMidnight)
        #expect(utcMidnight != jstEight)
    }

    /// SPEC 6.4 "equal instants": the same instant written in different zones compares equal
    /// (neither is later), so the file order can decide.
    @Test func equalInstantsCompareEqual() throws {
        let a = try #require(ts("2005-09-01T09:00:00"))
        let b = try #require(ts("2005-09-01T00:00:00Z"))
        let c = try #require(ts("2005-08-31T19:00:00-05:00"))
        #expect(a == b)
        #expect(b == c)
        #expect(!(a < b) && !(b < a))
    }

    /// The documented format of `Timestamp.description`, `YYYY-MM-DDTHH:MM:SS+09:00`, always in
    /// Japan time: 00:00Z is 09:00+09:00; a date alone is its own midnight.
    @Test func descriptionInJapanTime() {
        #expect(ts("2005-09-01T00:00:00Z")?.description == "2005-09-01T09:00:00+09:00")
        #expect(ts("2005-09-01")?.description == "2005-09-01T00:00:00+09:00")
        #expect(ts("2005-08-31T19:00:00-05:00")?.description == "2005-09-01T09:00:00+09:00")
        // 20:30Z on 12-31 is 05:30 on the next day (and year) in Japan.
        #expect(ts("2005-12-31T20:30:15Z")?.description == "2006-01-01T05:30:15+09:00")
    }

    /// SPEC 7.5: years outside the calendar (1900–2099, as for period_end) are no timestamp;
    /// 9999 used to overflow the nanosecond clock (2^63 ns is about 292 years from 1970).
    @Test func yearsOutsideTheCalendar() {
        #expect(ts("1899-12-31") == nil)
        #expect(ts("2100-01-01") == nil)
        #expect(ts("9999-12-31T23:59:59Z") == nil)
        #expect(ts("0000-01-01") == nil)
        #expect(ts("1900-01-01T00:00:00Z") != nil)
        #expect(ts("2099-12-31T23:59:59+09:00") != nil)
        // In Japan time 2100-01-01 20:59:59: the normalised file could not read it back.
        #expect(ts("2099-12-31T23:59:59-12:00") == nil)
        #expect(ts("1900-01-01T00:00:00Z") != nil)  // 09:00 in Japan
        #expect(ts("1900-01-01T04:59:59+14:00") == nil)  // 1899-12-31T23:59:59 in Japan (14:59:59Z)
        #expect(ts("1900-01-01T05:00:00+14:00") != nil)  // 1900-01-01T00:00:00 in Japan, the first instant
    }

    /// The in-place reader's fixed-place forms (`YYYY-MM-DDTHH:MM:SS`, `YYYY-MM-DD`) must agree
    /// with the general rule on every string of those lengths: valid, out of range (Feb 29 of
    /// 1900 and 2100, hour 24, second 60), other separators, a full-width digit's bytes.
    @Test func inPlaceFormsAgreeWithTheGeneralRule() {
        var texts = [
            "2005-09-15T02:42:31", "2005-09-15t02:42:31", "2005-09-15 02:42:31", "2005-09-15", "2000-02-29",
            "1900-02-29", "2004-02-29T23:59:59", "2005-02-29", "2005-13-01", "2005-00-10", "2005-09-31",
            "2005-09-15T24:00:00", "2005-09-15T23:60:00", "2005-09-15T23:59:60", "1899-12-31T23:59:59",
            "1900-01-01T00:00:00", "2099-12-31T23:59:59", "2100-01-01", "2005/09/15", "2005-09-15X02:42:31",
            "2005-09-15T02-42-31", "20050915T024231+09:", "2005-09-1５", "-005-09-15",
        ]
        // Random strings over digits and the separators, of the two lengths.
        var state: UInt64 = 12_345
        let alphabet = Array("0123456789-:T 9".utf8)
        for length in [10, 19] {
            for _ in 0..<2_000 {
                var bytes: [UInt8] = []
                for _ in 0..<length {
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    bytes.append(alphabet[Int(state >> 33) % alphabet.count])
                }
                texts.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        for text in texts {
            let bytes = Array(("x," + text + ",y").utf8)
            let range = 2..<(bytes.count - 2)
            #expect(TimestampParser.parse(bytes, range) == TimestampParser.parse(bytes[range]), "\(text)")
        }
        #expect(TimestampParser.parse(Array("2005-09-15T02:42:31".utf8), 0..<19) == ts("2005-09-15T02:42:31"))
    }
}

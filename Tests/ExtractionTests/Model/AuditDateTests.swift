import Foundation
import Testing
@testable import Extraction

struct AuditDateTests {
    /// Every day of the years a date may have is written `YYYY-MM-DD`, as the standard library's own
    /// number formatting gives it, and read back from that text.
    @Test func everyDayIsWrittenAsItsISOText() throws {
        for year in [1900, 1999, 2000, 2024, 2026, 2099, 2200] {
            for month in 1...12 {
                for day in 1...AuditDate.daysIn(month: month, year: year) {
                    let date = try #require(AuditDate(year: year, month: month, day: day))
                    let expected = String(year) + "-" + (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
                    #expect(date.description == expected)
                    #expect(AuditDate(iso: date.description) == date)
                }
            }
        }
    }

    /// A date decoded from a damaged cache is not checked by its initializer: it is still written,
    /// in the same shape, whatever its numbers.
    @Test func aDateOutsideTheCheckedRangeIsStillWritten() throws {
        let decoded = try JSONDecoder().decode(AuditDate.self, from: Data(#"{"year": 12345, "month": 123, "day": -4}"#.utf8))
        #expect(decoded.description == "12345-123-0-4")
    }
}

import Extraction
import Portal

/// The names of levels, statuses and kinds in one language, looked up once per build rather than
/// once per badge (a key built as text and hashed for every row of every page).
struct InterfaceLabels: Sendable {
    private let statuses: [String]
    private let severities: [String]
    private let noSeverity: String
    private let kinds: [String]
    private let kindsPlural: [String]
    let unknownDate: String
    private let events: [String]

    init(strings: [String: String]) {
        func t(_ key: String) -> String { strings[key] ?? key }
        statuses = Status.allCases.map { t("status.\($0.rawValue)") }
        severities = Severity.allCases.map { t("severity.\($0.rawValue)") }
        noSeverity = t("severity.none")
        kinds = Item.Kind.allCases.map { t("kind.\($0.rawValue)") }
        kindsPlural = Item.Kind.allCases.map { t("kind.\($0.rawValue)s") }
        unknownDate = t("date.unknown")
        events = GapHistory.Event.allCases.map { t("event.\($0.rawValue)") }
    }

    /// What happened to a GAP in an audit (`opened`, `carried`, `closed`…), for its history.
    func event(_ event: GapHistory.Event) -> String { events[GapHistory.Event.allCases.firstIndex(of: event)!] }

    func status(_ status: Status) -> String { statuses[Status.allCases.firstIndex(of: status)!] }

    func severity(_ severity: Severity?) -> String {
        severity.map { severities[Severity.allCases.firstIndex(of: $0)!] } ?? noSeverity
    }

    func kind(_ kind: Item.Kind, plural: Bool) -> String {
        let index = Item.Kind.allCases.firstIndex(of: kind)!
        return plural ? kindsPlural[index] : kinds[index]
    }
}

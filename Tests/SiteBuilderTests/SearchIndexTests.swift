import Extraction
import Foundation
import Renderer
import SiteBuilder
import Testing

/// The offline search index: what a query finds, read back from the files the search page loads, and
/// what one query has to load as the portal grows.
@Suite struct SearchIndexTests {
    /// The index files of one language, read back: shards (term → [document, facets]) and documents.
    struct Index {
        let manifest: [String: Any]
        var shards: [String: [String: [Int]]] = [:]
        var documents: [[Any]] = []

        init(site: TestSite, language: String) throws {
            let folder = site.output.appendingPathComponent("data/search/\(language)")
            manifest = try #require(Self.payload(of: try String(contentsOf: folder.appendingPathComponent("index.js"), encoding: .utf8)) as? [String: Any])
            for key in manifest["shards"] as? [String] ?? [] {
                let text = try String(contentsOf: folder.appendingPathComponent("t-\(key).js"), encoding: .utf8)
                shards[key] = try #require(Self.payload(of: text) as? [String: [Int]])
            }
            var chunk = 0
            while let text = try? String(contentsOf: folder.appendingPathComponent("d-\(chunk).js"), encoding: .utf8) {
                documents += try #require(Self.payload(of: text) as? [[Any]])
                chunk += 1
            }
        }

        /// The JSON argument of `AUDIT_SEARCH.x(…, JSON);`.
        static func payload(of script: String) throws -> Any {
            let start = try #require(script.firstIndex { $0 == "{" || $0 == "[" })
            let end = try #require(script.range(of: ");", options: .backwards)).lowerBound
            return try JSONSerialization.jsonObject(with: Data(script[start..<end].utf8))
        }

        /// Titles of the documents holding every word of the query as a prefix, as the search page finds them.
        func query(_ text: String) -> [String] {
            var result: Set<Int>?
            var partial: Set<Int>?
            for word in SearchText.terms(text) {
                var found = Set<Int>()
                var cut = false
                for (key, terms) in shards where word.hasPrefix(key) || key.hasPrefix(word) {
                    for (term, postings) in terms where term.hasPrefix(word) {
                        var id = 0
                        let start = postings.first.map { $0 < 0 } == true ? 1 : 0
                        if start == 1 { cut = true }
                        for i in stride(from: start, to: postings.count, by: 2) {
                            id += postings[i]
                            found.insert(id)
                        }
                    }
                }
                if cut { partial = partial.map { $0.intersection(found) } ?? found } else { result = result.map { $0.intersection(found) } ?? found }
            }
            return (result ?? partial ?? []).sorted().map { documents[$0][1] as? String ?? "?" }
        }
    }

    static let report = """
        # Audit de sécurité — Orion

        ## Sauvegardes et restauration

        Les sauvegardes ne sont pas testées.

        ## Gestion des accès

        | ID | Constat | Sévérité | Statut |
        |----|---------|----------|--------|
        | GAP-1 | Sauvegardes non testées | Haute | Ouvert |
        | GAP-2 | Comptes partagés sur les serveurs | Moyenne | Corrigé |
        """

    @Test func findsAuditsSectionsAndFindingsByStemAndPrefixWithoutAccents() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("content/orion/2025-03-10-audit.md", Self.report)
        try site.build()
        let index = try Index(site: site, language: "fr")
        #expect(index.query("sauvegarde").contains("Sauvegardes et restauration"))
        #expect(index.query("sauvegarde").contains("GAP-1 — Sauvegardes non testées"))
        #expect(index.query("SECURITE orion").contains("Audit de sécurité — Orion"))
        #expect(index.query("acc").contains("Gestion des accès"))
        #expect(index.query("comptes partagés") == ["GAP-2 — Comptes partagés sur les serveurs"])
        #expect(index.query("gap-2") == ["GAP-2 — Comptes partagés sur les serveurs"])
        #expect(index.query("kubernetes").isEmpty)
        // Facets travel with the postings: kind, severity and status of GAP-1 without its document chunk.
        let postings = try #require(index.shards.values.compactMap { $0["sauvegard"] }.first)
        var id = 0
        var codes: [Int: Int] = [:]
        for i in stride(from: 0, to: postings.count, by: 2) { id += postings[i]; codes[id] = postings[i + 1] }
        let gap = try #require(index.documents.firstIndex { ($0[1] as? String)?.hasPrefix("GAP-1 ") == true })
        let code = try #require(codes[gap])
        #expect(code / 128 % 4 == SearchIndex.Kind.finding.rawValue)
        #expect(index.documents[gap][6] as? String == "high")
        #expect(index.documents[gap][7] as? String == "open")
        #expect(code % 16 != 0 && code / 16 % 8 != 0)
        // A section names its audit's document rather than repeating its link, title and date.
        let section = try #require(index.documents.first { $0[1] as? String == "Gestion des accès" })
        #expect(section[2] as? String == "#gestion-des-acces")
        let audit = try #require(section[3] as? Int)
        #expect(index.documents[audit][0] as? Int == SearchIndex.Kind.audit.rawValue)
        #expect(index.documents[audit][2] as? String == "fr/projects/orion/2025-03-10-audit/")
        #expect(index.documents[audit][4] as? String == "2025-03-10")
        // A section carries the start of its text.
        let backups = try #require(index.documents.first { $0[1] as? String == "Sauvegardes et restauration" })
        #expect(backups.count == 9 && backups[8] as? String == "Les sauvegardes ne sont pas testées.")
        // Both languages have their index.
        #expect(try Index(site: site, language: "en").query("sauvegarde").count >= 2)
    }

    @Test func termsAreFoldedStemmedAndFreeOfCommonWords() {
        #expect(SearchText.terms("Les Sauvegardes testées") == ["sauvegard", "teste"])
        #expect(SearchText.terms("backups and the restoration") == ["backup", "restor"])
        #expect(SearchText.terms("GAP-1401 · SEC_12") == ["gap", "1401", "sec", "12"])
        #expect(SearchText.terms("l'ensemble") == ["ensembl"])
    }

    /// An ASCII key is cut on its bytes: the same words as cutting it into characters, word for word.
    @Test func termsAreCutAsCharactersCutThem() {
        for text in ["what's new? nothing", "a?b'c  d", "  spaced   out ", "Sécurité de l'API ?", "Ελληνικά κείμενα", "x'\u{301}y z",
                     "???", "", "GAP-12'", "d'une 'quote' ?x"] {
            let words = TextNormalizer.key(text).split(whereSeparator: { $0 == " " || $0 == "'" || $0 == "?" })
            #expect(SearchText.terms(text) == words.flatMap { SearchText.terms(String($0)) }, "\(text.debugDescription)")
        }
    }

    /// One query loads the manifest, the shards of its words and the chunks of the results shown: as
    /// the portal grows, a shard stays bounded and a term keeps its most important documents.
    @Test func filesStayBoundedAsThePortalGrows() throws {
        let site = try TestSite()
        defer { site.remove() }
        for n in 0..<160 {
            let day = String(format: "%02d", n % 28 + 1), month = String(format: "%02d", n / 28 % 12 + 1)
            var text = "# Audit sécurité \(n)\n\n"
            for s in 0..<12 { text += "## Section sécurité \(s) du réseau \(n * 12 + s)\n\nTexte.\n\n" }
            text += "| ID | Constat | Sévérité | Statut |\n|---|---|---|---|\n"
            for g in 0..<10 { text += "| GAP-\(n * 10 + g) | Sécurité des serveurs \(g) | Haute | Ouvert |\n" }
            try site.write("content/p\(n % 4)/20\(20 + n / 336)-\(month)-\(day)-audit-\(n).md", text)
        }
        try site.build()
        let folder = site.output.appendingPathComponent("data/search/fr")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        var largest = 0
        for file in files {
            largest = max(largest, try Data(contentsOf: folder.appendingPathComponent(file)).count)
        }
        #expect(largest < 64_000, "largest index file: \(largest) bytes")
        let index = try Index(site: site, language: "fr")
        for terms in index.shards.values {
            for postings in terms.values { #expect(postings.count / 2 <= 1500) }
        }
        // `secur` (sécurité) is in every one of the 3,680 documents: it keeps the 1,500 first (audits before sections)
        // and says it was cut; then it cannot hide what a rarer word finds.
        #expect(index.query("securite").count == 1500)
        #expect(index.shards.values.contains { $0.values.contains { $0.first == -3680 } })
        #expect(index.query("reseau 1917") == ["Section sécurité 9 du réseau 1917"])
        #expect(index.query("sécurité 1917") == ["Section sécurité 9 du réseau 1917"])
        // `gap` is cut too: `1599` decides, and the GAP comes before the section that also names 1599.
        #expect(index.query("GAP-1599") == ["GAP-1599 — Sécurité des serveurs 9", "Section sécurité 3 du réseau 1599"])
    }
}

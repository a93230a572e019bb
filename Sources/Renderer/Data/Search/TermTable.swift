/// The terms of a search index, each given a number the first time it is seen. Counting which
/// documents hold a term then reads arrays by number: with terms as strings, every term of every
/// document was hashed four times (a set of the document's terms, the count, the postings read and
/// written), which was half the time of the index at 10,000 audits.
struct TermTable {
    /// By number.
    private(set) var terms: [String] = []
    private var numbers: [String: Int] = [:]

    /// The numbers of `cut`, in its order (new terms get the next numbers).
    mutating func numbers(of cut: [String]) -> [Int] {
        cut.map { term in
            if let number = numbers[term] { return number }
            numbers[term] = terms.count
            terms.append(term)
            return terms.count - 1
        }
    }
}

import Foundation

/// Strips a site name from a `<title>` ("Talks resume | The Harbour Post") when the page shows where it starts.
enum TitleSuffix {
    static let separators = [" | ", " - ", " – ", " — ", " :: ", " · ", " // "]

    /// `title` without its suffix when one of `headlines` is the part before a separator, or `siteName` the
    /// part after it; else `title` as it is.
    static func strip(_ title: String, headlines: [String], siteName: String?) -> String {
        let heads = Set(headlines.map { $0.lowercased() }.filter { !$0.isEmpty })
        let site = siteName.map { Whitespace.collapse($0).lowercased() }
        if heads.contains(title.lowercased()) { return title }
        for sep in separators {
            var search = title.endIndex
            while let r = title.range(of: sep, options: .backwards, range: title.startIndex..<search) {
                let prefix = String(title[..<r.lowerBound]).trimmingCharacters(in: .whitespaces)
                let suffix = String(title[r.upperBound...]).trimmingCharacters(in: .whitespaces)
                if !prefix.isEmpty {
                    if heads.contains(prefix.lowercased()) { return prefix }
                    if let site, !site.isEmpty, suffix.lowercased() == site { return prefix }
                }
                search = r.lowerBound
            }
        }
        return title
    }
}

import Foundation

/// Reads the temporal tagger's data files from `Resources/time`.
enum TimeResources {
    static func contents(_ name: String) throws(DossierError) -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "time") else {
            throw DossierError(
                .resource, "time rule file '\(name)' is missing from the engine's resources", input: name)
        }
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw DossierError(
                .resource, "time rule file '\(name)' cannot be read: \(error.localizedDescription)",
                input: name)
        }
    }
}

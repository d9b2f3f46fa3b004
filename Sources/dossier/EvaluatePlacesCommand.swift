import ArgumentParser
import DossierCore
import DossierIngest
import Foundation

/// `dossier evaluate places`: resolved places against a gold file.
struct EvaluatePlacesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "places",
        abstract: "Score place resolution against gold places (name, country, point, tolerance).",
        discussion: """
            The gold file is JSON Lines, one document per line: {"text": ..., "published": ..., "places": \
            [{"name", "country" (ISO3 or null), "lat", "lon", "tolerance_km"}]} (see Examples/places/gold.jsonl). \
            With --text, the gold file is one JSON object with a "places" array (as the seed's gold file) and the \
            text is read from the given file.
            """)

    @Option(help: "Gold places: JSON Lines of documents, or one JSON object with --text.")
    var gold: String

    @Option(help: "The article text, when the gold file holds places only.")
    var text: String?

    func run() throws {
        let pipeline = try Pipeline.standard()
        var evaluation = PlaceEvaluation()
        guard let data = FileManager.default.contents(atPath: gold) else {
            throw ValidationError("cannot read \(gold)")
        }
        struct GoldDoc: Decodable {
            var text: String?
            var published: String?
            var places: [PlaceEvaluation.Gold]
        }
        let decoder = JSONDecoder()
        var docs: [(String, String?, [PlaceEvaluation.Gold])] = []
        if let textPath = text {
            guard let t = FileManager.default.contents(atPath: textPath) else {
                throw ValidationError("cannot read \(textPath)")
            }
            let g = try decoder.decode(GoldDoc.self, from: data)
            docs.append((String(decoding: t, as: UTF8.self), g.published, g.places))
        } else {
            for (n, line) in data.split(separator: 0x0A).enumerated() where !line.isEmpty {
                do {
                    let g = try decoder.decode(GoldDoc.self, from: Data(line))
                    docs.append((g.text ?? "", g.published, g.places))
                } catch {
                    throw ValidationError("\(gold):\(n + 1): not a gold document: \(error)")
                }
            }
        }
        for (k, (body, published, places)) in docs.enumerated() {
            var article: Article
            switch PlainTextReader.read(Array(body.utf8), source: "\(gold)#\(k + 1)", published: nil) {
            case .success(let a): article = a
            case .failure(let e): throw ValidationError(e.description)
            }
            if let p = published { article.published = CalendarDate(iso: p) }
            evaluation.add(try pipeline.run(article), gold: places)
        }
        print(evaluation.report, terminator: "")
    }
}

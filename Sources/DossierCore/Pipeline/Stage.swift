/// One step of the analysis: it reads some layers of a ``Document`` and fills others.
///
/// Stages are values; the ``Pipeline`` checks once, when it is built, that each stage's requirements are
/// produced by the stages before it.
public protocol Stage: Sendable {
    /// A short stable name, recorded in the provenance of every fact the stage makes.
    var name: String { get }
    /// The layers that must be filled before it runs.
    var requires: Set<Layer> { get }
    /// The layers it fills.
    var produces: Set<Layer> { get }
    /// Runs the stage on one document.
    func apply(to document: inout Document) throws(DossierError)
}

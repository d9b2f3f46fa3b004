// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Dossier",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dossier", targets: ["dossier"]),
        .library(name: "DossierCore", targets: ["DossierCore"]),
        .library(name: "DossierIngest", targets: ["DossierIngest"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    ],
    targets: [
        // The engine: data model, text, stages, learning. No file, network or database I/O.
        .target(
            name: "DossierCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            resources: [
                .copy("Resources/lexicons"), .copy("Resources/models"), .copy("Resources/gazetteers"),
                .copy("Resources/places"), .copy("Resources/time"), .copy("Resources/quotes"),
                .copy("Resources/actors"), .copy("Resources/syntax"), .copy("Resources/events"),
            ]
        ),
        // libxml2 from the system (Debian: libxml2-dev), for HTML and feeds.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Reading articles from files, directories and stdin in the formats people have them in.
        .target(
            name: "DossierIngest",
            dependencies: ["DossierCore", "CLibXML2"],
            resources: [.copy("Resources")]
        ),
        // The command-line interface: composes ingest, pipeline and output.
        .executableTarget(
            name: "dossier",
            dependencies: [
                "DossierCore",
                "DossierIngest",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "DossierCoreTests", dependencies: ["DossierCore"]),
        .testTarget(name: "DossierIngestTests", dependencies: ["DossierIngest", "DossierCore"]),
        .testTarget(name: "DossierCLITests", dependencies: ["dossier", "DossierCore"]),
    ]
)

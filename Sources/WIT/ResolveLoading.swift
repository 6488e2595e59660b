import FoundationEssentials

/// Reading WIT from files, directories (with `deps/`) and strings into a `Resolve`.
extension Resolve {
    /// One parsed source unit: the package of its files plus the packages nested in them.
    private struct ParsedGroup {
        var main: UnresolvedPackage
        var nested: [UnresolvedPackage]
    }

    /// Loads a WIT directory: its `*.wit` files form the main package and `deps/` holds
    /// dependencies (sub-folders, `.wit` files). Returns the resolve and the main package.
    public static func load(
        directory: URL, features: Set<String> = [], allFeatures: Bool = false
    ) throws(WITError) -> (Resolve, PackageID) {
        var resolve = Resolve(features: features, allFeatures: allFeatures)
        let id = try resolve.pushDirectory(directory.path)
        return (resolve, id)
    }

    /// Loads a WIT directory or a single `.wit` file.
    public static func load(
        path: URL, features: Set<String> = [], allFeatures: Bool = false
    ) throws(WITError) -> (Resolve, PackageID) {
        var resolve = Resolve(features: features, allFeatures: allFeatures)
        let id = try resolve.push(path: path.path)
        return (resolve, id)
    }

    /// Resolves WIT text (one file, possibly with nested packages) named `path` in errors.
    public static func parse(
        source: String, path: String = "<input>", features: Set<String> = [], allFeatures: Bool = false
    ) throws(WITError) -> (Resolve, PackageID) {
        var resolve = Resolve(features: features, allFeatures: allFeatures)
        let id = try resolve.pushSource(source, path: path)
        return (resolve, id)
    }

    /// Adds a directory or a file, depending on what `path` is.
    public mutating func push(path: String) throws(WITError) -> PackageID {
        var isDirectory: Bool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory {
            return try pushDirectory(path)
        }
        return try pushFile(path)
    }

    /// Adds a WIT directory and its `deps/`.
    public mutating func pushDirectory(_ path: String) throws(WITError) -> PackageID {
        let context = "failed to resolve directory while parsing WIT for path [\(path)]"
        let main: ParsedGroup
        switch parseDirectory(path) {
        case .success(let group): main = group
        case .failure(let error): throw error.adding(context: context)
        }
        let depsPath = path + "/deps"
        let deps: [ParsedGroup]
        do {
            deps = try parseDependencies(depsPath)
        } catch {
            throw error.adding(context: "failed to parse dependency directory: \(depsPath)").adding(context: context)
        }
        do {
            return try appendSorted(main: main, dependencies: deps)
        } catch {
            throw WITError(error, sources: sourceMap).adding(context: context)
        }
    }

    /// Adds a single `.wit` file.
    public mutating func pushFile(_ path: String) throws(WITError) -> PackageID {
        if path.hasSuffix(".wasm") || path.hasSuffix(".wat") { return try pushBinary(path) }
        let group = try parseFile(path)
        do {
            return try appendSorted(main: group, dependencies: [])
        } catch {
            throw WITError(error, sources: sourceMap)
        }
    }

    /// Adds WIT text named `path`.
    public mutating func pushSource(_ source: String, path: String) throws(WITError) -> PackageID {
        let group = try parseSources([(path, source)]).get()
        do {
            return try appendSorted(main: group, dependencies: [])
        } catch {
            throw WITError(error, sources: sourceMap)
        }
    }

    // MARK: reading

    private mutating func parseDirectory(_ path: String) -> Result<ParsedGroup, WITError> {
        let context = "failed to parse package: \(path)"
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            return .failure(WITError(message: "failed to read directory \"\(path)\": \(describeFileError(error))", context: [context]))
        }
        var files: [(String, String)] = []
        for name in names.sorted() where name.hasSuffix(".wit") {
            let filePath = path + "/" + name
            var isDirectory: Bool = false
            guard FileManager.default.fileExists(atPath: filePath, isDirectory: &isDirectory), !isDirectory else { continue }
            guard let data = FileManager.default.contents(atPath: filePath), let text = String(data: data, encoding: .utf8) else {
                return .failure(WITError(message: "failed to read file \"\(filePath)\"", context: [context]))
            }
            files.append((filePath, text))
        }
        return parseSources(files).mapError { $0.adding(context: context) }
    }

    private mutating func parseDependencies(_ path: String) throws(WITError) -> [ParsedGroup] {
        var isDirectory: Bool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory else { return [] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw WITError(message: "failed to read directory: \(describeFileError(error))")
        }
        var groups: [ParsedGroup] = []
        for name in names.sorted() {
            let entry = path + "/" + name
            var entryIsDirectory: Bool = false
            _ = FileManager.default.fileExists(atPath: entry, isDirectory: &entryIsDirectory)
            if entryIsDirectory {
                groups.append(try parseDirectory(entry).get())
            } else if name.hasSuffix(".wit") {
                groups.append(try parseFile(entry))
            } else if name.hasSuffix(".wasm") || name.hasSuffix(".wat") {
                // Like wit-parser: a binary package is self-contained and joins the resolve
                // at once, before the text packages that may refer to it.
                _ = try pushBinary(entry)
            }
        }
        return groups
    }

    private mutating func parseFile(_ path: String) throws(WITError) -> ParsedGroup {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WITError(message: "failed to read path for WIT [\(path)]")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw WITError(message: "input file is not valid utf-8 [\(path)]")
        }
        return try parseSources([(path, text)]).get()
    }

    /// Parses the files of one package (sorted by path) and the packages nested in them.
    private mutating func parseSources(_ files: [(path: String, text: String)]) -> Result<ParsedGroup, WITError> {
        var offsets: [String: UInt32] = [:]
        for file in files { offsets[file.path] = sourceMap.add(path: file.path, contents: file.text) }
        var resolver = PackageResolver()
        var nested: [UnresolvedPackage] = []
        do {
            for file in files.sorted(by: { $0.path < $1.path }) {
                var syntax = try WITParser.parseFile(text: file.text, offset: offsets[file.path]!)
                var kept: [WITTopLevelItem] = []
                for item in syntax.items {
                    if case .package(let inner) = item {
                        var nestedResolver = PackageResolver()
                        try nestedResolver.add(inner, startingAt: inner.package?.span.start ?? offsets[file.path]!)
                        nested.append(try nestedResolver.resolve())
                    } else {
                        kept.append(item)
                    }
                }
                syntax.items = kept
                try resolver.add(syntax, startingAt: offsets[file.path]!)
            }
            return .success(ParsedGroup(main: try resolver.resolve(), nested: nested))
        } catch {
            return .failure(WITError(error, sources: sourceMap))
        }
    }

    // MARK: ordering packages

    /// Orders all packages so dependencies come first (rejecting duplicates and cycles)
    /// and appends them; returns the id of `main`'s package.
    private mutating func appendSorted(main: ParsedGroup, dependencies: [ParsedGroup]) throws(WITDiagnostic) -> PackageID {
        var all: [UnresolvedPackage] = []
        for group in [main] + dependencies { all += group.nested + [group.main] }
        var byName: [PackageName: UnresolvedPackage] = [:]
        for package in all {
            if let previous = byName[package.name] {
                var error = WITDiagnostic(package.nameSpan, "package `\(package.name)` is defined in two different locations")
                error.relatedSpans = [package.nameSpan, previous.nameSpan]
                throw error
            }
            byName[package.name] = package
        }
        var order: [PackageName] = []
        var placed: Set<PackageName> = []
        var visiting: Set<PackageName> = []
        func visit(_ package: UnresolvedPackage) throws(WITDiagnostic) {
            if placed.contains(package.name) { return }
            for dependency in package.foreignPackages {
                if !visiting.insert(dependency.name).inserted {
                    throw WITDiagnostic(dependency.span, "package `\(dependency.name)` creates a dependency cycle")
                }
                if let next = byName[dependency.name] { try visit(next) }
                visiting.remove(dependency.name)
            }
            placed.insert(package.name)
            order.append(package.name)
        }
        for name in byName.keys.sorted() { try visit(byName[name]!) }

        var mainID: PackageID?
        for name in order {
            var appender = PackageAppender()
            let id = try appender.append(byName[name]!, to: &self)
            if name == main.main.name { mainID = id }
        }
        return mainID!
    }
}

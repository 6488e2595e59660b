import Foundation

/// Entry point of `wcomp-conformance SUITE DIR`: runs one conformance suite against the
/// test data in DIR and prints one line per file, then `SUITE: N passed, N failed, N skipped`.
/// (`core-script FILE.json` and `component-script FILE.json` are the child processes the core and
/// component-model suites start for each .wast file.)
let arguments = CommandLine.arguments.dropFirst()
guard arguments.count >= 2, let suite = arguments.first else {
    FileHandle.standardError.write(Data("usage: wcomp-conformance (core|component-model|wit) DIR [options]\n".utf8))
    exit(2)
}
let directory = URL(fileURLWithPath: arguments[arguments.startIndex + 1])
let options = Array(arguments.dropFirst(2))

let totals: ConformanceTotals
switch suite {
case "core": totals = CoreConformance.run(directory: directory, options: options)
case "core-script": totals = CoreConformance.runScript(json: directory, options: options)
case "component-model": totals = ComponentConformance.run(directory: directory, options: options)
case "component-script": totals = ComponentConformance.runScript(json: directory)
case "wit": totals = WITConformance.run(directory: directory, options: options)
default:
    FileHandle.standardError.write(Data("wcomp-conformance: unknown suite '\(suite)'\n".utf8))
    exit(2)
}
print("\(suite): \(totals.passed) passed, \(totals.failed) failed, \(totals.skipped) skipped")
exit(totals.failed == 0 ? 0 : 1)

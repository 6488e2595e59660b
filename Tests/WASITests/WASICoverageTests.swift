import ComponentModel
import Foundation
import Testing
import WASI
import WIT

/// Every function of every WASI 0.2.12 interface in wit/deps (read with the WIT resolver,
/// unstable features included) is defined by the host. Interfaces guests export rather than
/// import (`wasi:cli/run`, `wasi:http/incoming-handler`) are the guest's to implement.
@Suite struct WASICoverageTests {
    static let guestExports: Set<String> = ["wasi:cli/run", "wasi:http/incoming-handler"]

    /// Interface name (`wasi:io/streams`) → the component-level names of its functions.
    static func witFunctions() throws -> [String: [String]] {
        let wit = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("wit")
        let (resolve, _) = try Resolve.load(directory: wit, allFeatures: true)
        var functions: [String: [String]] = [:]
        for package in resolve.packages where package.name.namespace == "wasi" {
            for (name, id) in package.interfaces {
                functions["wasi:\(package.name.name)/\(name)"] = resolve[interface: id].functions.values.map(\.name)
            }
        }
        return functions
    }

    @Test func everyWASIFunctionIsDefinedByTheHost() throws {
        let functions = try Self.witFunctions()
        let wasi = WASIComponentHost(host: try WASIHost(grants: GrantSet()), store: ComponentLinker().store)
        var missing: [String] = []
        var covered = 0
        var declared = 0
        for (interface, names) in functions where !Self.guestExports.contains(interface) {
            guard let provided = wasi.functionNames(ofInterface: interface) else {
                missing.append("\(interface) (the whole interface)")
                continue
            }
            declared += names.count
            for name in names {
                if provided.contains(name) { covered += 1 } else { missing.append("\(interface)#\(name)") }
            }
            // Nothing the WIT does not declare: a misspelt name would never be called.
            #expect(provided.subtracting(names).isEmpty, "\(interface) defines \(provided.subtracting(names).sorted())")
        }
        #expect(missing.isEmpty, "not defined: \(missing.sorted())")
        // 30 imported interfaces (timezone included) with 179 functions in WASI 0.2.12.
        #expect(functions.count - Self.guestExports.count == 30)
        #expect(declared == 179 && covered == declared)
    }
}

import ComponentModel
import Compose
import Foundation
import Testing

/// `ComponentNew` on Programs/holder.c, whose world declares the resource `cell` at its top
/// level (an imported resource: `$root` constructor, methods, static function and
/// `[resource-drop]cell`) and exports functions taking and returning cells. Compared with
/// what `wasm-tools component new` makes of the same module, on wasmtime and on wcomp.
@Suite struct WorldResourceNewTests {
    private func made() throws -> (Component, String) { try Programs.made("holder") }

    private func reference() throws -> String { try Programs.reference("holder") }

    @Test func hasTheWorldWasmToolsGives() throws {
        let (component, path) = try made()
        let ours = try Tool.run("wasm-tools", ["component", "wit", path])
        let theirs = try Tool.run("wasm-tools", ["component", "wit", reference()])
        #expect(ours.status == 0 && ours.text == theirs.text)
        // The same canonical definitions, options included.
        #expect(try Tool.canonicalShapes(path) == Tool.canonicalShapes(reference()))
        let type = try Component(decoding: component.encoded()).validate().type
        #expect(type.imports.map(\.name) == ["cell", "[constructor]cell", "[method]cell.get", "[method]cell.set", "[static]cell.scaled"])
        #expect(type.exports.map(\.name) == ["make", "bump", "consume"])
    }

    @Test func behavesOnWasmtimeAsWasmToolsOutput() throws {
        let (_, path) = try made()
        let script = Fixtures.directory.appendingPathComponent("run_cells.py").path
        func run(_ component: String) throws -> String {
            try Tool.run("python3", [script, component]).text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        // make(5) holds 10 (so `_initialize` ran), bumped by 3 is 13; consume gives 13 * 2 + 13
        // and drops the cell: the host sees one drop.
        #expect(try run(path) == "13 39 1")
        #expect(try run(reference()) == "13 39 1")
    }

    @Test func runsOnWcompWithAHostResource() throws {
        let (component, _) = try made()
        final class Cells: @unchecked Sendable {
            var values: [UInt32: UInt32] = [:]
            var dropped: [UInt32] = []
        }
        let cells = Cells()
        let linker = ComponentLinker()
        let cell = linker.defineResource("cell") { cells.dropped.append($0) }
        func value(_ arguments: [ComponentValue]) throws -> UInt32 {
            guard case .resource(let handle)? = arguments.first, let value = cells.values[handle.index] else {
                throw ToolFailure(message: "expected a live cell, got \(arguments)")
            }
            return value
        }
        linker.defineFunction("[constructor]cell") { arguments in
            guard case .u32(let value)? = arguments.first else { return [] }
            let representation = UInt32(cells.values.count + 1)
            cells.values[representation] = value
            return [.resource(ResourceHandle(ownership: .own, resourceType: cell.id, index: representation))]
        }
        linker.defineFunction("[method]cell.get") { arguments in [.u32(try value(arguments))] }
        linker.defineFunction("[method]cell.set") { arguments in
            guard case .resource(let handle)? = arguments.first, case .u32(let value)? = arguments.last else { return [] }
            cells.values[handle.index] = value
            return []
        }
        linker.defineFunction("[static]cell.scaled") { arguments in
            guard case .u32(let factor)? = arguments.last else { return [] }
            return [.u32(try value(arguments) * factor)]
        }
        let instance = try linker.instantiate(LoadedComponent(Component(decoding: component.encoded())))
        guard case .resource(let handle)? = try instance.call("make", [.u32(5)]).first else {
            Issue.record("make did not return a cell")
            return
        }
        #expect(cells.values[handle.index] == 10)
        let borrowed = ResourceHandle(ownership: .borrow, resourceType: cell.id, index: handle.index)
        #expect(try instance.call("bump", [.resource(borrowed), .u32(3)]) == [.u32(13)])
        #expect(try instance.call("consume", [.resource(handle)]) == [.u32(39)])
        #expect(cells.dropped == [handle.index])
    }

    @Test func aDropOfSomethingNotAResourceIsRefused() throws {
        // The module imports `$root` `[resource-drop]make`, but `make` is an exported function,
        // not a resource the world imports.
        let wat = """
            (module (import "$root" "[resource-drop]make" (func (param i32)))
              (memory (export "memory") 1)
              (func (export "make") (param i32) (result i32) (local.get 0)))
            """
        let error = try Tool.componentNewError(wat, world: "holder", wit: Programs.directory.appendingPathComponent("holder-wit").path)
        #expect(error.contains("`[resource-drop]make` is not in world `test:wres/holder`"))
    }
}

/// The holder component composed with `cells`, a component providing its world-level resource
/// `cell` at its top level: the composition defines the resource, so it must export it to
/// export the functions naming it.
@Suite struct WorldResourceCompositionTests {
    private func holder() throws -> InputComponent {
        try InputComponent(name: "holder", component: Programs.made("holder").0)
    }

    @Test func plugModeRefusesExportsNamingAPlugsResource() throws {
        do {
            _ = try PlugComposer.compose(socket: holder(), plugs: [Fixtures.input("cells")])
            Issue.record("the composition was accepted")
        } catch let error as ComposeError {
            #expect(error.description.contains("export `make` names a resource defined inside the composition by `cell` of cells"))
        }
    }

    @Test func aCompositionFileExportingTheResourceRunsOnBothRuntimes() throws {
        let holder = try holder()
        let text = """
            package local:app;
            let host = new test:cells { ... };
            let app = new test:holder { ...host };
            export host["cell"];
            export app...;
            """
        let composed = try WACComposer.compose(text, file: "cells.wac") { name throws(ComposeError) in
            if name == "test:holder" { return holder }
            do { return try Fixtures.input("cells") } catch { throw ComposeError.invalidInput(component: name, reason: "\(error)") }
        }
        let path = try Tool.write(composed, as: "cells-app.wasm")
        #expect(try Tool.wasmToolsValidate(path) == nil)
        #expect(try composed.validate().type.exports.map(\.name) == ["cell", "make", "bump", "consume"])
        // make(5) holds 10, bumped by 3 is 13, consumed 13 * 2 + 13; the cells are the
        // composition's own, so the runner's host sees no drop.
        let script = Fixtures.directory.appendingPathComponent("run_cells.py").path
        #expect(try Tool.run("python3", [script, path]).text.trimmingCharacters(in: .whitespacesAndNewlines) == "13 39 0")
        let instance = try ComponentLinker().instantiate(LoadedComponent(Component(decoding: composed.encoded())))
        guard case .resource(let cell)? = try instance.call("make", [.u32(5)]).first else {
            Issue.record("make did not return a cell")
            return
        }
        var borrowed = cell
        borrowed.ownership = .borrow
        #expect(try instance.call("bump", [.resource(borrowed), .u32(3)]) == [.u32(13)])
        #expect(try instance.call("consume", [.resource(cell)]) == [.u32(39)])
    }
}

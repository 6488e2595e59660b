import ComponentModel
import Compose
import Foundation
import Testing

/// Composition files (the WAC subset) wiring the fixture components explicitly.
@Suite struct WACCompositionTests {
    /// Packages `test:<fixture>` resolve to the fixture of that name.
    private func compose(_ text: String) throws(ComposeError) -> Component {
        try WACComposer.compose(text, file: "app.wac") { name throws(ComposeError) in
            guard name.hasPrefix("test:") else {
                throw ComposeError.configuration(location: nil, message: "unknown package \(name)")
            }
            do { return try Fixtures.input(String(name.dropFirst(5))) } catch let error as ComposeError {
                throw error
            } catch {
                throw ComposeError.invalidInput(component: name, reason: "\(error)")
            }
        }
    }

    private func compose(file: String) throws -> Component {
        let text = try String(contentsOf: Fixtures.directory.appendingPathComponent(file), encoding: .utf8)
        return try compose(text)
    }

    @Test func explicitWiringWithTwoInstancesOfOneComponent() throws {
        let composed = try compose(file: "app.wac")
        let path = try Tool.write(composed, as: "app.wasm")
        #expect(try Tool.wasmToolsValidate(path) == nil)
        let type = try composed.validate().type
        #expect(type.imports.map(\.name) == ["test:host/env"])
        #expect(type.exports.map(\.name) == ["run", "test:math/adder@0.1.2"])
        #expect(try Tool.wasmtimeCall(path, "run", base: 7) == "2021")
        // The second adder adds the constant offset 5.
        #expect(try Tool.wasmtimeCall(path, "test:math/adder@0.1.2#add", arguments: ["1", "2"]) == "8")
        // Two adder instances share one embedded adder component.
        let nested = composed.sections.filter { if case .component = $0.content { true } else { false } }
        #expect(nested.count == 4)
    }

    @Test func spreadExportsAndImplicitImports() throws {
        let composed = try compose("""
            package local:app;
            let adder = new test:adder { ... };
            export adder...;
            """)
        let type = try composed.validate().type
        #expect(type.imports.map(\.name) == ["test:math/offset"])
        #expect(type.exports.map(\.name) == ["test:math/adder@0.1.2"])
    }

    private func failure(_ text: String) -> String? {
        do {
            _ = try compose(text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func missingArgumentsAreReportedWithTheirLocation() {
        let message = failure("package local:app;\nlet a = new test:adder {};\nexport a...;")
        #expect(message == "app.wac:2:9: missing argument for import `test:math/offset` of test:adder (pass it, or end the arguments with `...` to import it)")
    }

    @Test func typeMismatchesNameTheImport() {
        let message = failure("""
            package local:app;
            let wrong = new test:offset-wrong-type {};
            let a = new test:adder { offset: wrong.offset };
            export a...;
            """)
        #expect(message?.contains("import `test:math/offset` of adder cannot be satisfied by the export of offset-wrong-type") == true, "\(message ?? "")")
    }

    @Test func syntaxErrorsPointAtTheToken() {
        #expect(failure("package local:app;\nlet = x;") == "app.wac:2:5: expected a name after `let`, found `=`")
        #expect(failure("let a = b;")?.hasPrefix("app.wac:1:1: a composition file starts with") == true)
        #expect(failure("package local:app;\nimport greeter;")?.contains("`import` statements are not supported") == true)
        #expect(failure("package local:app;\nexport nothing.run;") == "app.wac:2:8: `nothing` is not defined")
        #expect(failure("package local:app;\nlet a = new test:adder { ... };\nexport a.nope;")?.contains("has no export `nope`") == true)
    }
}

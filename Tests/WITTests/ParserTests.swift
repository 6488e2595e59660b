import Testing
@testable import WIT

struct ParserTests {
    @Test func parsesPackageInterfacesAndWorlds() throws {
        let file = try WITParser.parse(source: """
            /// The docs.
            package demo:shapes@1.2.3-rc.1;

            interface geometry {
              use demo:units/lengths@1.0.0.{meters as m};
              record point { x: m, y: m }
              resource canvas {
                constructor(width: u32);
                draw: func(p: point) -> result<_, string>;
                open: static async func() -> canvas;
              }
            }

            world app {
              import geometry;
              import log: func(msg: string);
              export run: interface { go: func(); }
              include demo:base/world-a with { a as b }
            }
            """)
        #expect(file.package?.packageName.description == "demo:shapes@1.2.3-rc.1")
        #expect(file.package?.docs.comments == ["/// The docs.\n"])
        guard case .interface(let interface) = file.items[0], case .world(let world) = file.items[1] else {
            Issue.record("expected an interface and a world")
            return
        }
        #expect(interface.name.name == "geometry")
        #expect(interface.items.count == 3)
        guard case .use(let use) = interface.items[0], case .package(let from, let item) = use.from else {
            Issue.record("expected a foreign use")
            return
        }
        #expect(from.packageName.description == "demo:units@1.0.0")
        #expect(item.name == "lengths")
        #expect(use.names.first?.alias?.name == "m")
        guard case .typeDef(let canvas) = interface.items[2], case .resource(let functions, _) = canvas.type else {
            Issue.record("expected a resource")
            return
        }
        #expect(functions.map(\.kind) == [.constructor, .method, .static])
        #expect(functions[2].function.function.isAsync)
        #expect(world.items.count == 4)
        guard case .include(let include) = world.items[3] else {
            Issue.record("expected an include")
            return
        }
        #expect(include.names.map { "\($0.name.name)->\($0.alias.name)" } == ["a->b"])
    }

    @Test func parsesEveryTypeForm() throws {
        let file = try WITParser.parse(source: """
            package a:b;
            interface i {
              type t1 = list<u8, 4>;
              type t2 = map<string, list<u32>>;
              type t3 = tuple<bool, char, f64,>;
              type t4 = result<u32>;
              type t5 = future;
              type t6 = stream<option<s8>>;
              type t7 = borrow<r>;
              resource r;
            }
            """)
        guard case .interface(let interface) = file.items[0] else { return }
        var kinds: [String] = []
        for case .typeDef(let def) in interface.items {
            switch def.type {
            case .fixedLengthList(_, let size, _): kinds.append("fixed\(size)")
            case .map: kinds.append("map")
            case .tuple(let elements, _): kinds.append("tuple\(elements.count)")
            case .result(let ok, let err, _): kinds.append("result\(ok != nil)\(err != nil)")
            case .future(let t, _): kinds.append("future\(t != nil)")
            case .stream: kinds.append("stream")
            case .borrow(let id): kinds.append("borrow-" + id.name)
            case .resource: kinds.append("resource")
            default: kinds.append("other")
            }
        }
        #expect(kinds == ["fixed4", "map", "tuple3", "resulttruefalse", "futurefalse", "stream", "borrow-r", "resource"])
    }

    @Test func syntaxErrorsPointAtTheToken() throws {
        do {
            _ = try WITParser.parse(source: "package a:b;\n\ninterface i {\n  type option = u32;\n}\n", path: "bad.wit")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.message == "expected an identifier or string, found keyword `option`")
            #expect(error.location?.path == "bad.wit")
            #expect(error.location?.line == 4)
            #expect(error.location?.column == 8)
            #expect(error.description.contains("    4 |   type option = u32;"))
            #expect(error.description.contains("      |        ^-----"))
        }
    }

    @Test func nestingDepthIsLimited() throws {
        let deep = "package a:b;\ninterface i { type t = " + String(repeating: "list<", count: 101) + "u8"
            + String(repeating: ">", count: 101) + "; }"
        #expect(throws: WITError.self) { try WITParser.parse(source: deep) }
    }
}

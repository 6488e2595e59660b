import Testing
@testable import WIT

struct ResolveTests {
    private func resolve(_ source: String, features: Set<String> = []) throws(WITError) -> (Resolve, PackageID) {
        try Resolve.parse(source: source, path: "test.wit", features: features)
    }

    private func type(_ resolve: Resolve, interface: String, _ name: String) -> TypeDef? {
        guard let iface = resolve.interfaces.first(where: { $0.name == interface }), let id = iface.types[name] else { return nil }
        return resolve[type: id]
    }

    @Test func anonymousTypesAreSharedAndNamedInOrder() throws {
        let (resolve, package) = try resolve("""
            package a:b;
            interface i {
              type x = list<u8>;
              type y = list<u8>;
              type z = w;
              type w = option<list<u8>>;
            }
            """)
        #expect(resolve[package: package].name.description == "a:b")
        let iface = resolve.interfaces[0]
        // `z` depends on `w`, so `w` is defined first; `list<u8>` is created once.
        #expect(iface.types.keys == ["x", "y", "w", "z"])
        #expect(resolve.types.count == 5)
        // Named `x` and `y` are definitions of their own; the anonymous `list<u8>` inside
        // `w` is created once, just before `w`.
        #expect(type(resolve, interface: "i", "x")?.kind == .list(.u8))
        #expect(resolve.types[2].kind == .list(.u8) && resolve.types[2].name == nil && resolve.types[2].owner == .none)
        #expect(type(resolve, interface: "i", "w")?.kind == .option(.id(TypeID(2))))
        #expect(type(resolve, interface: "i", "z")?.kind == .type(.id(iface.types["w"]!)))
    }

    @Test func resourcesGetMethodsAndOwnHandles() throws {
        let (resolve, _) = try resolve("""
            package a:b;
            interface files {
              resource file {
                constructor(path: string);
                read: func(n: u32) -> list<u8>;
                open: static func(path: string) -> file;
              }
              copy: func(source: borrow<file>, target: file);
            }
            """)
        let iface = resolve.interfaces[0]
        let file = iface.types["file"]!
        #expect(resolve[type: file].kind == .resource)
        #expect(iface.functions.keys == ["[constructor]file", "[method]file.read", "[static]file.open", "copy"])
        let read = iface.functions["[method]file.read"]!
        #expect(read.kind == .method(file))
        #expect(read.params.map(\.name) == ["self", "n"])
        #expect(resolve[type: read.params[0].type.typeID!].kind == .handle(.borrow(file)))
        // A bare reference to a resource is an `own` handle, shared by all users.
        let open = iface.functions["[static]file.open"]!
        let copy = iface.functions["copy"]!
        #expect(resolve[type: open.result!.typeID!].kind == .handle(.own(file)))
        #expect(copy.params[1].type == open.result)
        #expect(iface.functions["[constructor]file"]!.result == open.result)
    }

    @Test func worldsAreElaboratedWithTheirDependencies() throws {
        let (resolve, _) = try resolve("""
            package a:b;
            interface types { type t = u32; }
            interface api { use types.{t}; get: func() -> t; }
            world w {
              export api;
              import f: func();
            }
            """)
        let world = resolve.worlds[0]
        let types = InterfaceID(0)
        let api = InterfaceID(1)
        #expect(resolve.interfaces[0].name == "types")
        // `api` uses `types`, so exporting `api` imports `types`.
        #expect(world.imports.keys == [.interface(types), .name("f")])
        #expect(world.exports.keys == [.interface(api)])
        #expect(resolve.interfaceDependency(of: resolve.interfaces[1].types["t"]!) == types)
    }

    @Test func includeMergesAndRenames() throws {
        let (resolve, _) = try resolve("""
            package a:b;
            world base {
              import log: func(msg: string);
              export run: func();
            }
            world app {
              include base with { log as trace }
            }
            """)
        let app = resolve.worlds.first { $0.name == "app" }!
        #expect(app.imports.keys == [.name("trace")])
        guard case .function(let trace)? = app.imports[.name("trace")] else {
            Issue.record("expected the renamed function")
            return
        }
        #expect(trace.name == "trace")
        #expect(app.exports.keys == [.name("run")])
    }

    @Test func unstableItemsNeedTheirFeature() throws {
        let source = """
            package a:b@1.0.0;
            interface i {
              @since(version = 1.0.0)
              stable: func();
              @unstable(feature = fancy)
              fancy: func();
            }
            """
        let (without, _) = try resolve(source)
        #expect(without.interfaces[0].functions.keys == ["stable"])
        #expect(without.interfaces[0].functions["stable"]?.stability
            == .stable(since: SemanticVersion(major: 1, minor: 0, patch: 0), deprecated: nil))
        let (with, _) = try resolve(source, features: ["fancy"])
        #expect(with.interfaces[0].functions.keys == ["stable", "fancy"])
    }

    @Test func sinceMustNotBeAfterThePackageVersion() throws {
        do {
            _ = try resolve("package a:b@0.1.0;\n@since(version = 0.2.0)\ninterface i {}\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "feature gate cannot reference unreleased version 0.2.0 of package [a:b@0.1.0] (current version 0.1.0)")
        }
    }

    @Test func errorsCarryFileLineAndColumn() throws {
        do {
            _ = try resolve("package a:b;\ninterface i {\n  type foo = u32;\n  type foo = s32;\n}\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "name `foo` is defined more than once")
            #expect(error.location == WITSourceLocation(path: "test.wit", line: 4, column: 8, lineText: "  type foo = s32;", spanCharacterCount: 3))
            #expect(error.description == """
                name `foo` is defined more than once
                     --> test.wit:4:8
                      |
                    4 |   type foo = s32;
                      |        ^--
                """)
        }
    }

    @Test func cyclesAndUnknownNamesAreRejected() throws {
        #expect(throws: WITError.self) { try resolve("package a:b;\ninterface i { type a = b; type b = a; }") }
        do {
            _ = try resolve("package a:b;\ninterface i { use missing.{t}; }")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "interface or world `missing` does not exist")
            #expect(error.location?.column == 19)
        }
        do {
            _ = try resolve("package a:b;\ninterface i { f: func() -> borrow<r>; resource r; }")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "function `f` returns a type which contains a `borrow<T>` which is not supported")
        }
    }

    @Test func nestedPackagesReferToEachOther() throws {
        let (resolve, main) = try resolve("""
            package a:main;
            world w { import b:dep/api@1.0.0; }
            package b:dep@1.0.0 {
              interface api { type id = u64; }
            }
            """)
        #expect(resolve.packages.map(\.name.description) == ["b:dep@1.0.0", "a:main"])
        #expect(main == PackageID(1))
        #expect(resolve.qualifiedName(of: InterfaceID(0)) == "b:dep/api@1.0.0")
        #expect(resolve.worlds[0].imports.keys == [.interface(InterfaceID(0))])
    }
}

import Foundation
import Testing
@testable import WIT

struct PrinterTests {
    static let source = """
        /// Package docs.
        package demo:printer@0.3.0;

        /// An interface.
        @since(version = 0.1.0)
        interface %type {
          record %record { %list: list<u8, 4>, by-name: map<string, u32> }
          resource conn {
            constructor(addr: string) -> result<conn, string>;
            send: async func(data: list<u8>) -> result<_, string>;
            open: static func() -> conn;
          }
          @unstable(feature = extra)
          ping: func(c: borrow<conn>) -> option<future<stream<u8>>>;
          type own-conn = own<conn>;
        }

        interface uses {
          use %type.{conn as connection, %record};
          make: func() -> tuple<connection, %record>;
        }

        world app {
          import net: %type;
          import uses;
          export run: func(args: list<string>) -> result;
        }
        """

    @Test func printsValidWITThatResolvesTheSame() throws {
        let (original, main) = try Resolve.parse(source: Self.source, path: "printer.wit", features: ["extra"])
        let printed = WITPrinter.print(original, main: main)
        #expect(printed.contains("interface %type {"))
        #expect(printed.contains("record %record {"))
        #expect(printed.contains("constructor(addr: string) -> result<conn, string>;"))
        #expect(printed.contains("send: async func(data: list<u8>) -> result<_, string>;"))
        #expect(printed.contains("use %type.{conn as connection, %record};"))
        #expect(printed.contains("type own-conn = own<conn>;"))
        #expect(printed.contains("@unstable(feature = extra)"))
        #expect(printed.contains("import net: %type;"))
        let (reparsed, _) = try Resolve.parse(source: printed, path: "printed.wit", features: ["extra"])
        #expect(ResolveJSON.encode(reparsed) == ResolveJSON.encode(original))
    }

    @Test func worldsKeepTheirIncludesAndGatedReferencesAreWrittenBack() throws {
        let source = """
            package a:b@0.1.0;

            interface foo {
              @unstable(feature = inactive)
              use wasi:io/error@0.1.0.{error};
            }

            world base {
              resource r;
              import f: func(x: r);
            }

            world derived {
              include base with { r as s }
              export g: func();
            }

            package wasi:io@0.1.0 {
              interface error {
                resource error;
              }
            }
            """
        let (original, main) = try Resolve.parse(source: source, path: "gated.wit")
        let printed = WITPrinter.print(original, main: main)
        let derived = try #require(printed.range(of: "world derived {")).upperBound
        let derivedBody = printed[derived...]
        #expect(derivedBody.contains("include base with { r as s }"))
        #expect(!derivedBody.contains("resource s"))
        #expect(printed.contains("@unstable(feature = inactive)\n  use wasi:io/error@0.1.0.{error};"))
        let (reparsed, _) = try Resolve.parse(source: printed, path: "printed.wit")
        #expect(ResolveJSON.encode(reparsed) == ResolveJSON.encode(original))
        #expect(original.packages.map(\.name.description) == ["wasi:io@0.1.0", "a:b@0.1.0"])
    }

    @Test func jsonUsesTheWitParserLayout() throws {
        let (resolve, _) = try Resolve.parse(source: "package a:b;\ninterface i { f: func(x: option<u8>) -> u8; }\n")
        let json = ResolveJSON.text(resolve)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        #expect(Set(object.keys) == ["worlds", "interfaces", "types", "packages"])
        let types = object["types"] as! [[String: Any]]
        #expect(types.count == 1)
        #expect((types[0]["kind"] as? [String: Any])?["option"] as? String == "u8")
        let interfaces = object["interfaces"] as! [[String: Any]]
        let function = (interfaces[0]["functions"] as! [String: Any])["f"] as! [String: Any]
        #expect(function["kind"] as? String == "freestanding")
        #expect(function["result"] as? String == "u8")
        #expect((function["params"] as! [[String: Any]])[0]["type"] as? Int == 0)
        #expect((object["packages"] as! [[String: Any]])[0]["name"] as? String == "a:b")
    }
}

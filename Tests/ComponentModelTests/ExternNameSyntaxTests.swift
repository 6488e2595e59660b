import ComponentModel
import Testing

struct ExternNameSyntaxTests {
    @Test func plainLabelsFollowKebabCase() throws {
        for valid in ["a", "a1", "a-1", "a-b-c", "B", "B-1-C", "a11-B11-123-ABC-abc", "is-XML"] {
            #expect(try ExternNameSyntax(parsing: valid) == .label(valid), "\(valid)")
        }
        for invalid in ["", "1", "-a", "a-", "a--b", "aBc", "TyPeS", "a_b", "a.b", "é"] {
            #expect(throws: ExternNameSyntaxError.self, "\(invalid)") { try ExternNameSyntax(parsing: invalid) }
        }
    }

    @Test func annotatedResourceNames() throws {
        #expect(try ExternNameSyntax(parsing: "[constructor]blob") == .constructor(resource: "blob"))
        #expect(try ExternNameSyntax(parsing: "[method]blob.read-all") == .method(resource: "blob", name: "read-all"))
        #expect(try ExternNameSyntax(parsing: "[static]blob.merge") == .static(resource: "blob", name: "merge"))
        #expect(throws: ExternNameSyntaxError("failed to find `.` character")) {
            try ExternNameSyntax(parsing: "[method]blob")
        }
        #expect(throws: ExternNameSyntaxError.self) { try ExternNameSyntax(parsing: "[method]blob.") }
        #expect(throws: ExternNameSyntaxError.self) { try ExternNameSyntax(parsing: "[destructor]blob") }
    }

    @Test func interfaceNamesWithVersions() throws {
        let name = try InterfaceName(parsing: "wasi:http/types@0.2.0-rc.1+build.5")
        #expect(name.namespace == "wasi")
        #expect(name.package == "http")
        #expect(name.interface == "types")
        #expect(name.version == "0.2.0-rc.1+build.5")
        #expect(try ExternNameSyntax(parsing: "ns-1-a:b-1-c/D-2")
                == .interface(try InterfaceName(parsing: "ns-1-a:b-1-c/D-2")))
        let cases: [(String, String)] = [
            ("a:b/c@", "empty string"),
            ("a:b/c@.", "unexpected character '.'"),
            ("a:b/c@1.", "unexpected end of input"),
            ("a:b/c@a.2", "unexpected character 'a'"),
            ("a:b/c@2.0x0", "unexpected character 'x'"),
            ("a:b/c@2.0.0+", "empty identifier segment"),
            ("foo:bar:baz/qux", "expected `/` after package name"),
            ("foo:bar/baz/qux", "trailing characters found: `/qux`"),
            ("A:b/c", "`A:b/c` is not a valid extern name"),
        ]
        for (text, message) in cases {
            #expect(throws: ExternNameSyntaxError(message), "\(text)") { try ExternNameSyntax(parsing: text) }
        }
    }

    @Test func strongUniquenessKeys() throws {
        func key(_ name: String) throws -> String { try ExternNameSyntax(parsing: name).uniquenessKey }
        let distinct = ["foo", "foo-bar", "[constructor]foo", "[method]foo.bar", "[static]foo.baz", "foo:bar/baz"]
        #expect(Set(try distinct.map(key)).count == distinct.count)
        #expect(try key("FOO") == key("foo"))
        #expect(try key("foo-BAR") == key("foo-bar"))
        #expect(try key("[method]foo.foo") == key("foo"))
        #expect(try key("[static]foo.bar") == key("[method]foo.bar"))
        #expect(try key("foo:bar/BAZ") == key("foo:bar/baz"))
    }

    @Test func dependencyNameForms() throws {
        #expect(try ExternNameSyntax(parsing: "locked-dep=<a:b@1.2.3>,integrity=<sha256-a>")
                == .lockedDependency(package: "a:b", version: "1.2.3", integrity: "sha256-a"))
        #expect(try ExternNameSyntax(parsing: "unlocked-dep=<a:b@{>=1.2.3-rc <2.0.0}>")
                == .unlockedDependency(package: "a:b", versionRange: "{>=1.2.3-rc <2.0.0}"))
        #expect(try ExternNameSyntax(parsing: "unlocked-dep=<a:b/c@*>") == .unlockedDependency(package: "a:b/c", versionRange: "*"))
        #expect(try ExternNameSyntax(parsing: "url=<https://example.com/x.wasm>")
                == .url("https://example.com/x.wasm", integrity: nil))
        #expect(try ExternNameSyntax(parsing: "integrity=<sha384-AbC+/9== sha512-x>") == .integrity("sha384-AbC+/9== sha512-x"))
        for (text, message) in [
            ("unlocked-dep=<a:a@{<1.2.3 >=2.3.4}>", "unexpected character ' '"),
            ("unlocked-dep=<a:a@{xyz}>", "expected `>=` or `<` at start of version range"),
            ("locked-dep=<a:a@1.2.3>,", "expected `integrity=<` at ``"),
            ("url=<<>", "url cannot contain `<`"),
            ("integrity=<sha256-==>", "not valid base64: `==`"),
            ("integrity=<md5-abc>", "unrecognized hash algorithm: `md5-abc`"),
            ("locked-dep=<a:a@1.2.3>x", "trailing characters found: `x`"),
        ] {
            #expect(throws: ExternNameSyntaxError(message), "\(text)") { try ExternNameSyntax(parsing: text) }
        }
        let name = try ExternNameSyntax(parsing: "locked-dep=<a:b@1.2.3>,integrity=<sha256-a>")
        #expect(name.description == "locked-dep=<a:b@1.2.3>,integrity=<sha256-a>")
    }
}

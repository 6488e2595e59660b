import Testing
@testable import SwiftBindgen

@Suite struct SwiftNamingTests {
    @Test func kebabCaseBecomesCamelCase() {
        #expect(SwiftNaming.lowerCamelCase("get-environment") == "getEnvironment")
        #expect(SwiftNaming.upperCamelCase("error-code") == "ErrorCode")
        #expect(SwiftNaming.lowerCamelCase("single") == "single")
        #expect(SwiftNaming.upperCamelCase("a-b-c") == "ABC")
    }

    @Test func acronymsAndEscapes() {
        #expect(SwiftNaming.lowerCamelCase("URL-path") == "urlPath")
        #expect(SwiftNaming.upperCamelCase("HTTP-request") == "HTTPRequest")
        #expect(SwiftNaming.lowerCamelCase("%interface") == "interface")
    }

    @Test func keywordsAreEscapedWithBackticks() {
        #expect(SwiftNaming.escaped("in") == "`in`")
        #expect(SwiftNaming.escaped("self") == "`self`")
        #expect(SwiftNaming.escaped("default") == "`default`")
        #expect(SwiftNaming.escaped("read") == "read")
    }

    @Test func collisionsGetDeterministicSuffixes() {
        var scope = SwiftNameScope(reserved: ["Host"])
        #expect(scope.claim("Host") == "Host2")
        #expect(scope.claim("Point") == "Point")
        #expect(scope.claim("Point") == "Point2")
        #expect(scope.claim("Point") == "Point3")
        #expect(scope.claim("Type") == "Type2")
    }

    @Test func stringLiteralsEscapeQuotesAndNewlines() {
        #expect(SwiftNaming.stringLiteral("a\"b\\c\nd") == #""a\"b\\c\nd""#)
    }
}

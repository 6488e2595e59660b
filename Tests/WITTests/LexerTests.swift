import Testing
@testable import WIT

struct LexerTests {
    private func tokens(_ text: String) throws -> [WITToken] {
        var lexer = try WITLexer(text: text, offset: 0)
        var result: [WITToken] = []
        while let (_, token) = try lexer.next() { result.append(token) }
        return result
    }

    @Test func keywordsPunctuationAndIdentifiers() throws {
        #expect(try tokens("record point { x: u32, } // trailing") == [
            .record, .id, .leftBrace, .id, .colon, .u32, .comma, .rightBrace,
        ])
        #expect(try tokens("f: func() -> result<_, error-context>;") == [
            .id, .colon, .func, .leftParen, .rightParen, .rArrow, .result, .lessThan, .underscore, .comma,
            .errorContext, .greaterThan, .semicolon,
        ])
        #expect(try tokens("%record /* a /* nested */ comment */ 0042") == [.explicitID, .integer])
    }

    @Test func identifiersFollowKebabCase() throws {
        for valid in ["apple", "apple-pear", "APPLE-PEAR", "is-XML", "a0-000-3d4a-54FF"] {
            #expect(throws: Never.self) { try WITLexer.validateIdentifier(valid, at: 0) }
        }
        for invalid in ["", "0a", "Apple", "applE", "apple--pear", "-apple", "apple-", "apple_pear", "Москва"] {
            #expect(throws: WITDiagnostic.self) { try WITLexer.validateIdentifier(invalid, at: 0) }
        }
    }

    @Test func rejectsControlAndBidirectionalCharacters() throws {
        #expect(throws: WITDiagnostic.self) { try WITLexer(text: "interface a {\u{202E}}", offset: 0) }
        #expect(throws: WITDiagnostic.self) { try WITLexer(text: "a\u{0}b", offset: 0) }
    }

    @Test func unterminatedCommentIsAnErrorAtItsStart() throws {
        var lexer = try WITLexer(text: "  /* open", offset: 10)
        do {
            _ = try lexer.next()
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "unterminated block comment")
            #expect(error.span == Span(start: 12, end: 13))
        }
    }
}

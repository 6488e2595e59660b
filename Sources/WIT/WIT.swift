// WIT: lexer, parser, resolver and printer (in progress).

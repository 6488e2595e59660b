/// WebAssembly's floating-point rules where they differ from Swift's defaults.
enum FloatSemantics {
    /// `fN.min`: NaN if either operand is NaN, and -0 is less than +0.
    @inline(__always)
    static func minimum<F: BinaryFloatingPoint>(_ a: F, _ b: F) -> F {
        if a.isNaN || b.isNaN { return a + b }
        if a == b { return a.sign == .minus ? a : b }
        return a < b ? a : b
    }

    /// `fN.max`: NaN if either operand is NaN, and +0 is greater than -0.
    @inline(__always)
    static func maximum<F: BinaryFloatingPoint>(_ a: F, _ b: F) -> F {
        if a.isNaN || b.isNaN { return a + b }
        if a == b { return a.sign == .minus ? b : a }
        return a > b ? a : b
    }

    /// Truncates `value` toward zero if the result lies in `[lower, upper)` (bounds exactly
    /// representable powers of two); otherwise names the trap.
    @inline(__always)
    static func truncate<F: BinaryFloatingPoint>(_ value: F, lower: F, upper: F) -> (F, TrapReason?) {
        if value.isNaN { return (0, .invalidConversionToInteger) }
        let truncated = value.rounded(.towardZero)
        guard truncated >= lower, truncated < upper else { return (0, .integerOverflow) }
        return (truncated, nil)
    }
}

/// The float conversions to integers, trapping and saturating.
extension FloatSemantics {
    static let twoTo31 = 2147483648.0
    static let twoTo32 = 4294967296.0
    static let twoTo63 = 9223372036854775808.0
    static let twoTo64 = 18446744073709551616.0

    @inline(__always)
    static func i32S<F: BinaryFloatingPoint>(_ v: F) -> (UInt64, TrapReason?) {
        let (t, trap) = truncate(v, lower: F(-twoTo31), upper: F(twoTo31))
        return (trap == nil ? UInt64(UInt32(bitPattern: Int32(t))) : 0, trap)
    }

    @inline(__always)
    static func i32U<F: BinaryFloatingPoint>(_ v: F) -> (UInt64, TrapReason?) {
        let (t, trap) = truncate(v, lower: 0, upper: F(twoTo32))
        return (trap == nil ? UInt64(UInt32(t)) : 0, trap)
    }

    @inline(__always)
    static func i64S<F: BinaryFloatingPoint>(_ v: F) -> (UInt64, TrapReason?) {
        let (t, trap) = truncate(v, lower: F(-twoTo63), upper: F(twoTo63))
        return (trap == nil ? UInt64(bitPattern: Int64(t)) : 0, trap)
    }

    @inline(__always)
    static func i64U<F: BinaryFloatingPoint>(_ v: F) -> (UInt64, TrapReason?) {
        let (t, trap) = truncate(v, lower: 0, upper: F(twoTo64))
        return (trap == nil ? UInt64(t) : 0, trap)
    }

    @inline(__always)
    static func i32SSaturating<F: BinaryFloatingPoint>(_ v: F) -> UInt64 {
        if v.isNaN { return 0 }
        if v <= F(-twoTo31) { return UInt64(UInt32(bitPattern: Int32.min)) }
        if v >= F(twoTo31) { return UInt64(UInt32(bitPattern: Int32.max)) }
        return UInt64(UInt32(bitPattern: Int32(v.rounded(.towardZero))))
    }

    @inline(__always)
    static func i32USaturating<F: BinaryFloatingPoint>(_ v: F) -> UInt64 {
        if v.isNaN || v <= 0 { return 0 }
        if v >= F(twoTo32) { return UInt64(UInt32.max) }
        return UInt64(UInt32(v.rounded(.towardZero)))
    }

    @inline(__always)
    static func i64SSaturating<F: BinaryFloatingPoint>(_ v: F) -> UInt64 {
        if v.isNaN { return 0 }
        if v <= F(-twoTo63) { return UInt64(bitPattern: Int64.min) }
        if v >= F(twoTo63) { return UInt64(bitPattern: Int64.max) }
        return UInt64(bitPattern: Int64(v.rounded(.towardZero)))
    }

    @inline(__always)
    static func i64USaturating<F: BinaryFloatingPoint>(_ v: F) -> UInt64 {
        if v.isNaN || v <= 0 { return 0 }
        if v >= F(twoTo64) { return UInt64.max }
        return UInt64(v.rounded(.towardZero))
    }
}

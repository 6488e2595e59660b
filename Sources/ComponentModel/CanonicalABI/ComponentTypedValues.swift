import WasmRuntime

/// A Swift type with a component value type.
public protocol ComponentTyped {
    /// The component value type of `Self`.
    static var componentType: CanonicalType { get }
}

/// A Swift type that lowers itself straight into flat core values or linear memory, without
/// going through `ComponentValue`: the typed face of the canonical ABI for generated bindings.
public protocol ComponentLowerable: ComponentTyped {
    /// `lower_flat`: appends the flat core values of `self`.
    func lowerFlat(into output: inout [Value], context: LiftLowerContext) throws
    /// `store`: writes `self` at `pointer`, which is aligned and in bounds for the type.
    func store(at pointer: Int, context: LiftLowerContext) throws
}

/// A Swift type that lifts itself straight from flat core values or linear memory.
public protocol ComponentLiftable: ComponentTyped {
    /// `lift_flat`: reads `Self` from the flat values `reader` yields.
    static func liftFlat(from reader: inout FlatValueReader, context: LiftLowerContext) throws -> Self
    /// `load`: reads `Self` at `pointer`.
    static func load(from pointer: Int, context: LiftLowerContext) throws -> Self
}

/// A Swift type that both lowers and lifts itself.
public typealias ComponentValueConvertible = ComponentLiftable & ComponentLowerable

// MARK: - Integers and booleans

/// Integers whose component type is one of the integer types, with the same width.
public protocol ComponentInteger: FixedWidthInteger, ComponentValueConvertible {}

extension ComponentInteger {
    /// `lower_flat`: sign- or zero-extended to i32, or i64 for 64-bit types.
    public func lowerFlat(into output: inout [Value], context: LiftLowerContext) throws {
        if Self.bitWidth == 64 {
            output.append(.i64(UInt64(truncatingIfNeeded: self)))
        } else {
            output.append(.i32(UInt32(truncatingIfNeeded: Int64(self))))
        }
    }

    /// `store`: little-endian, in the type's width.
    public func store(at pointer: Int, context: LiftLowerContext) throws {
        try context.store(self, at: pointer)
    }

    /// `lift_flat`: the low bits of the core value.
    public static func liftFlat(from reader: inout FlatValueReader, context: LiftLowerContext) throws -> Self {
        Self.bitWidth == 64 ? Self(truncatingIfNeeded: try reader.nextI64()) : Self(truncatingIfNeeded: try reader.nextI32())
    }

    /// `load`: little-endian, in the type's width.
    public static func load(from pointer: Int, context: LiftLowerContext) throws -> Self {
        try context.load(Self.self, at: pointer)
    }
}

extension Int8: ComponentInteger {
    /// `s8`.
    public static var componentType: CanonicalType { .s8 }
}
extension UInt8: ComponentInteger {
    /// `u8`.
    public static var componentType: CanonicalType { .u8 }
}
extension Int16: ComponentInteger {
    /// `s16`.
    public static var componentType: CanonicalType { .s16 }
}
extension UInt16: ComponentInteger {
    /// `u16`.
    public static var componentType: CanonicalType { .u16 }
}
extension Int32: ComponentInteger {
    /// `s32`.
    public static var componentType: CanonicalType { .s32 }
}
extension UInt32: ComponentInteger {
    /// `u32`.
    public static var componentType: CanonicalType { .u32 }
}
extension Int64: ComponentInteger {
    /// `s64`.
    public static var componentType: CanonicalType { .s64 }
}
extension UInt64: ComponentInteger {
    /// `u64`.
    public static var componentType: CanonicalType { .u64 }
}

extension Bool: ComponentValueConvertible {
    /// `bool`.
    public static var componentType: CanonicalType { .bool }

    /// `lower_flat`: 0 or 1.
    public func lowerFlat(into output: inout [Value], context: LiftLowerContext) throws {
        output.append(.i32(self ? 1 : 0))
    }

    /// `store`: one byte, 0 or 1.
    public func store(at pointer: Int, context: LiftLowerContext) throws {
        try context.store(UInt8(self ? 1 : 0), at: pointer)
    }

    /// `lift_flat`: any non-zero value is true.
    public static func liftFlat(from reader: inout FlatValueReader, context: LiftLowerContext) throws -> Bool {
        try reader.nextI32() != 0
    }

    /// `load`: any non-zero byte is true.
    public static func load(from pointer: Int, context: LiftLowerContext) throws -> Bool {
        try context.load(UInt8.self, at: pointer) != 0
    }
}

// MARK: - Floats and characters

extension Float: ComponentValueConvertible {
    /// `f32`.
    public static var componentType: CanonicalType { .f32 }

    /// `lower_flat`: NaN canonicalized.
    public func lowerFlat(into output: inout [Value], context: LiftLowerContext) throws {
        output.append(.f32(LiftLowerContext.canonicalBits(self)))
    }

    /// `store`: NaN canonicalized.
    public func store(at pointer: Int, context: LiftLowerContext) throws {
        try context.store(LiftLowerContext.canonicalBits(self), at: pointer)
    }

    /// `lift_flat`: NaN canonicalized.
    public static func liftFlat(from reader: inout FlatValueReader, context: LiftLowerContext) throws -> Float {
        LiftLowerContext.canonicalFloat(try reader.nextI32())
    }

    /// `load`: NaN canonicalized.
    public static func load(from pointer: Int, context: LiftLowerContext) throws -> Float {
        LiftLowerContext.canonicalFloat(try context.load(UInt32.self, at: pointer))
    }
}

extension Double: ComponentValueConvertible {
    /// `f64`.
    public static var componentType: CanonicalType { .f64 }

    /// `lower_flat`: NaN canonicalized.
    public func lowerFlat(into output: inout [Value], context: LiftLowerContext) throws {
        output.append(.f64(LiftLowerContext.canonicalBits(self)))
    }

    /// `store`: NaN canonicalized.
    public func store(at pointer: Int, context: LiftLowerContext) throws {
        try context.store(LiftLowerContext.canonicalBits(self), at: pointer)
    }

    /// `lift_flat`: NaN canonicalized.
    public static func liftFlat(from reader: inout FlatValueReader, context: LiftLowerContext) throws -> Double {
        LiftLowerContext.canonicalDouble(try reader.nextI64())
    }

    /// `load`: NaN canonicalized.
    public static func load(from pointer: Int, context: LiftLowerContext) throws -> Double {
        LiftLowerContext.canonicalDouble(try context.load(UInt64.self, at: pointer))
    }
}

extension Unicode.Scalar: ComponentValueConvertible {
    /// `char`.
    public static var componentType: CanonicalType { .char }

    /// `lower_flat`: the scalar value.
    public func lowerFlat(into output: inout [Value], context: LiftLowerContext) throws {
        output.append(.i32(value))
    }

    /// `store`: the scalar value.
    public func store(at pointer: Int, context: LiftLowerContext) throws {
        try context.store(value, at: pointer)
    }

    /// `lift_flat`: traps on surrogates and values above U+10FFFF.
    public static func liftFlat(from reader: inout FlatValueReader, context: LiftLowerContext) throws -> Unicode.Scalar {
        try LiftLowerContext.char(try reader.nextI32())
    }

    /// `load`: traps on surrogates and values above U+10FFFF.
    public static func load(from pointer: Int, context: LiftLowerContext) throws -> Unicode.Scalar {
        try LiftLowerContext.char(try context.load(UInt32.self, at: pointer))
    }
}

// MARK: - Strings, lists, options

extension String: ComponentValueConvertible {
    /// `string`.
    public static var componentType: CanonicalType { .string }

    /// `lower_flat`: pointer and (tagged) code unit count of a copy made with `realloc`.
    public func lowerFlat(into output: inout [Value], context: LiftLowerContext) throws {
        let (pointer, units) = try context.storeString(self)
        output.append(.i32(UInt32(pointer)))
        output.append(.i32(units))
    }

    /// `store`: pointer and (tagged) code unit count.
    public func store(at pointer: Int, context: LiftLowerContext) throws {
        let (address, units) = try context.storeString(self)
        try context.store(UInt32(address), at: pointer)
        try context.store(units, at: pointer + 4)
    }

    /// `lift_flat`: decodes, trapping on invalid text or ranges.
    public static func liftFlat(from reader: inout FlatValueReader, context: LiftLowerContext) throws -> String {
        let pointer = try reader.nextI32()
        return try context.loadString(at: Int(pointer), taggedCodeUnits: try reader.nextI32())
    }

    /// `load`: decodes, trapping on invalid text or ranges.
    public static func load(from pointer: Int, context: LiftLowerContext) throws -> String {
        let address = try context.load(UInt32.self, at: pointer)
        return try context.loadString(at: Int(address), taggedCodeUnits: try context.load(UInt32.self, at: pointer + 4))
    }
}

extension Array: ComponentTyped where Element: ComponentTyped {
    /// `list<Element>`.
    public static var componentType: CanonicalType { CanonicalType(.list(Element.componentType)) }
}

extension Array {
    /// Whether the elements' Swift representation is their canonical ABI representation in
    /// memory (integers on a little-endian host), so a list is copied as bytes.
    static var isCopiedAsBytes: Bool {
        Int(littleEndian: 1) == 1 && Element.self is any ComponentInteger.Type
    }
}

extension Array: ComponentLowerable where Element: ComponentLowerable {
    /// Stores the elements in memory allocated with `realloc`; returns the pointer.
    private func storeElements(context: LiftLowerContext) throws -> Int {
        let element = Element.componentType
        let (byteLength, overflow) = count.multipliedReportingOverflow(by: element.size)
        guard !overflow, byteLength <= LiftLowerContext.maximumByteLength else {
            throw ComponentTrap("list too long to lower")
        }
        let pointer = try context.allocate(alignment: element.alignment, size: byteLength)
        if Self.isCopiedAsBytes {
            let memory = try context.checkBounds(pointer, byteLength, "list content out-of-bounds")
            withUnsafeBytes { bytes in
                if let source = bytes.baseAddress, byteLength > 0 { memory.baseAddress!.advanced(by: pointer).copyMemory(from: source, byteCount: byteLength) }
            }
            return pointer
        }
        for (index, item) in enumerated() { try item.store(at: pointer + index * element.size, context: context) }
        return pointer
    }

    /// `lower_flat`: pointer and length.
    public func lowerFlat(into output: inout [Value], context: LiftLowerContext) throws {
        output.append(.i32(UInt32(try storeElements(context: context))))
        output.append(.i32(UInt32(count)))
    }

    /// `store`: pointer and length.
    public func store(at pointer: Int, context: LiftLowerContext) throws {
        try context.store(UInt32(try storeElements(context: context)), at: pointer)
        try context.store(UInt32(count), at: pointer + 4)
    }
}

extension Array: ComponentLiftable where Element: ComponentLiftable {
    /// Loads `count` elements at `pointer` after the length, alignment and bounds checks.
    private static func loadElements(at pointer: Int, count: Int, context: LiftLowerContext) throws -> [Element] {
        let element = Element.componentType
        let (byteLength, overflow) = count.multipliedReportingOverflow(by: element.size)
        guard !overflow, byteLength <= LiftLowerContext.maximumByteLength else { throw ComponentTrap("list content too long") }
        try context.checkAlignment(pointer, element.alignment)
        let memory = try context.checkBounds(pointer, byteLength, "list content out-of-bounds")
        if isCopiedAsBytes {
            guard byteLength > 0 else { return [] }
            return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
                if let target = buffer.baseAddress {
                    UnsafeMutableRawPointer(target).copyMemory(from: memory.baseAddress!.advanced(by: pointer), byteCount: byteLength)
                }
                initialized = count
            }
        }
        var elements: [Element] = []
        elements.reserveCapacity(count)
        for index in 0 ..< count { elements.append(try Element.load(from: pointer + index * element.size, context: context)) }
        return elements
    }

    /// `lift_flat`: pointer and length.
    public static func liftFlat(from reader: inout FlatValueReader, context: LiftLowerContext) throws -> [Element] {
        let pointer = try reader.nextI32()
        return try loadElements(at: Int(pointer), count: Int(try reader.nextI32()), context: context)
    }

    /// `load`: pointer and length.
    public static func load(from pointer: Int, context: LiftLowerContext) throws -> [Element] {
        let address = try context.load(UInt32.self, at: pointer)
        return try loadElements(at: Int(address), count: Int(try context.load(UInt32.self, at: pointer + 4)), context: context)
    }
}

extension Optional: ComponentTyped where Wrapped: ComponentTyped {
    /// `option<Wrapped>`.
    public static var componentType: CanonicalType { CanonicalType(.option(Wrapped.componentType)) }
}

extension Optional: ComponentLowerable where Wrapped: ComponentLowerable {
    /// `lower_flat`: the discriminant, then the payload or zeros.
    public func lowerFlat(into output: inout [Value], context: LiftLowerContext) throws {
        switch self {
        case .none:
            output.append(.i32(0))
            for flat in Wrapped.componentType.flat { output.append(LiftLowerContext.zero(flat)) }
        case .some(let wrapped):
            output.append(.i32(1))
            try wrapped.lowerFlat(into: &output, context: context)
        }
    }

    /// `store`: the discriminant byte, then the payload at its aligned offset.
    public func store(at pointer: Int, context: LiftLowerContext) throws {
        switch self {
        case .none:
            try context.store(UInt8(0), at: pointer)
        case .some(let wrapped):
            try context.store(UInt8(1), at: pointer)
            try wrapped.store(at: pointer + CanonicalType.align(1, to: Wrapped.componentType.alignment), context: context)
        }
    }
}

extension Optional: ComponentLiftable where Wrapped: ComponentLiftable {
    /// `lift_flat`: traps on a discriminant other than 0 or 1.
    public static func liftFlat(from reader: inout FlatValueReader, context: LiftLowerContext) throws -> Wrapped? {
        let discriminant = try reader.nextI32()
        switch discriminant {
        case 0:
            for _ in Wrapped.componentType.flat { _ = try reader.next() }
            return nil
        case 1:
            return try Wrapped.liftFlat(from: &reader, context: context)
        default:
            throw ComponentTrap("invalid variant discriminant")
        }
    }

    /// `load`: traps on a discriminant other than 0 or 1.
    public static func load(from pointer: Int, context: LiftLowerContext) throws -> Wrapped? {
        switch try context.load(UInt8.self, at: pointer) {
        case 0: return nil
        case 1: return try Wrapped.load(from: pointer + CanonicalType.align(1, to: Wrapped.componentType.alignment), context: context)
        default: throw ComponentTrap("invalid variant discriminant")
        }
    }
}

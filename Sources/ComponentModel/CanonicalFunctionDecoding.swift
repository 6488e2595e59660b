extension BinaryReader {
    mutating func readCanonicalFunction() throws(ComponentError) -> CanonicalFunction {
        let start = position
        let code = try readByte()
        switch code {
        case 0x00:
            try expectFunctionSort("canonical function lift")
            let coreFunction = try readU32()
            let options = try readCanonicalOptions()
            return .lift(coreFunction: coreFunction, options: options, typeIndex: try readU32())
        case 0x01:
            try expectFunctionSort("canonical function lower")
            let function = try readU32()
            return .lower(function: function, options: try readCanonicalOptions())
        case 0x02: return .resourceNew(resource: try readU32())
        case 0x03: return .resourceDrop(resource: try readU32())
        case 0x04: return .resourceRep(resource: try readU32())
        case 0x05: return .taskCancel
        case 0x06: return .subtaskCancel(isAsync: try readFlag("async"))
        case 0x09:
            let result = try readResultList()
            return .taskReturn(result: result, options: try readCanonicalOptions())
        case 0x0A:
            let type = try readCoreValueType()
            return .contextGet(type: type, slot: try readU32())
        case 0x0B:
            let type = try readCoreValueType()
            return .contextSet(type: type, slot: try readU32())
        case 0x0C: return .threadYield(isCancellable: try readFlag("cancellable"))
        case 0x0D: return .subtaskDrop
        case 0x0E: return .streamNew(type: try readU32())
        case 0x0F:
            let type = try readU32()
            return .streamRead(type: type, options: try readCanonicalOptions())
        case 0x10:
            let type = try readU32()
            return .streamWrite(type: type, options: try readCanonicalOptions())
        case 0x11:
            let type = try readU32()
            return .streamCancelRead(type: type, isAsync: try readFlag("async"))
        case 0x12:
            let type = try readU32()
            return .streamCancelWrite(type: type, isAsync: try readFlag("async"))
        case 0x13: return .streamDropReadable(type: try readU32())
        case 0x14: return .streamDropWritable(type: try readU32())
        case 0x15: return .futureNew(type: try readU32())
        case 0x16:
            let type = try readU32()
            return .futureRead(type: type, options: try readCanonicalOptions())
        case 0x17:
            let type = try readU32()
            return .futureWrite(type: type, options: try readCanonicalOptions())
        case 0x18:
            let type = try readU32()
            return .futureCancelRead(type: type, isAsync: try readFlag("async"))
        case 0x19:
            let type = try readU32()
            return .futureCancelWrite(type: type, isAsync: try readFlag("async"))
        case 0x1A: return .futureDropReadable(type: try readU32())
        case 0x1B: return .futureDropWritable(type: try readU32())
        case 0x1C: return .errorContextNew(options: try readCanonicalOptions())
        case 0x1D: return .errorContextDebugMessage(options: try readCanonicalOptions())
        case 0x1E: return .errorContextDrop
        case 0x1F: return .waitableSetNew
        case 0x20:
            let cancellable = try readFlag("cancellable")
            return .waitableSetWait(isCancellable: cancellable, memory: try readU32())
        case 0x21:
            let cancellable = try readFlag("cancellable")
            return .waitableSetPoll(isCancellable: cancellable, memory: try readU32())
        case 0x22: return .waitableSetDrop
        case 0x23: return .waitableJoin
        case 0x24: return .backpressureIncrement
        case 0x25: return .backpressureDecrement
        case 0x26: return .threadIndex
        case 0x27:
            let functionType = try readU32()
            return .threadNewIndirect(functionType: functionType, table: try readU32())
        case 0x28: return .threadResumeLater
        case 0x29: return .threadSuspend(isCancellable: try readFlag("cancellable"))
        case 0x2A: return .threadSuspendThenResume(isCancellable: try readFlag("cancellable"))
        case 0x2B: return .threadYieldThenResume(isCancellable: try readFlag("cancellable"))
        case 0x2C: return .threadSuspendThenPromote(isCancellable: try readFlag("cancellable"))
        case 0x2D: return .threadYieldThenPromote(isCancellable: try readFlag("cancellable"))
        case 0x40: return .threadSpawnReference(functionType: try readU32())
        case 0x41:
            let functionType = try readU32()
            return .threadSpawnIndirect(functionType: functionType, table: try readU32())
        case 0x42: return .threadAvailableParallelism
        default:
            throw invalidLeadingByte(code, "canonical function", at: start)
        }
    }

    /// Reads the `0x00` (func sort) byte that follows the lift and lower opcodes.
    private mutating func expectFunctionSort(_ what: String) throws(ComponentError) {
        let start = position
        let byte = try readByte()
        guard byte == 0x00 else { throw invalidLeadingByte(byte, what, at: start) }
    }

    private mutating func readCanonicalOptions() throws(ComponentError) -> [CanonicalOption] {
        try readVector { reader throws(ComponentError) in
            let start = reader.position
            switch try reader.readByte() {
            case 0x00: return .stringEncodingUTF8
            case 0x01: return .stringEncodingUTF16
            case 0x02: return .stringEncodingLatin1UTF16
            case 0x03: return .memory(try reader.readU32())
            case 0x04: return .realloc(try reader.readU32())
            case 0x05: return .postReturn(try reader.readU32())
            case 0x06: return .async
            case 0x07: return .callback(try reader.readU32())
            case 0x08: return .coreType(try reader.readU32())
            case 0x09: return .gc
            case let byte: throw reader.invalidLeadingByte(byte, "canonical option", at: start)
            }
        }
    }
}

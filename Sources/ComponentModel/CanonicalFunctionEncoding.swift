extension BinaryWriter {
    mutating func canonicalFunction(_ function: CanonicalFunction) {
        switch function {
        case .lift(let coreFunction, let options, let typeIndex):
            bytes([0x00, 0x00])
            u32(coreFunction)
            canonicalOptions(options)
            u32(typeIndex)
        case .lower(let function, let options):
            bytes([0x01, 0x00])
            u32(function)
            canonicalOptions(options)
        case .resourceNew(let resource): opcode(0x02, index: resource)
        case .resourceDrop(let resource): opcode(0x03, index: resource)
        case .resourceRep(let resource): opcode(0x04, index: resource)
        case .taskCancel: byte(0x05)
        case .subtaskCancel(let isAsync): opcode(0x06, flag: isAsync)
        case .taskReturn(let result, let options):
            byte(0x09)
            resultList(result)
            canonicalOptions(options)
        case .contextGet(let type, let slot):
            byte(0x0A)
            coreValueType(type)
            u32(slot)
        case .contextSet(let type, let slot):
            byte(0x0B)
            coreValueType(type)
            u32(slot)
        case .threadYield(let isCancellable): opcode(0x0C, flag: isCancellable)
        case .subtaskDrop: byte(0x0D)
        case .streamNew(let type): opcode(0x0E, index: type)
        case .streamRead(let type, let options): opcode(0x0F, index: type, options: options)
        case .streamWrite(let type, let options): opcode(0x10, index: type, options: options)
        case .streamCancelRead(let type, let isAsync): opcode(0x11, index: type, flag: isAsync)
        case .streamCancelWrite(let type, let isAsync): opcode(0x12, index: type, flag: isAsync)
        case .streamDropReadable(let type): opcode(0x13, index: type)
        case .streamDropWritable(let type): opcode(0x14, index: type)
        case .futureNew(let type): opcode(0x15, index: type)
        case .futureRead(let type, let options): opcode(0x16, index: type, options: options)
        case .futureWrite(let type, let options): opcode(0x17, index: type, options: options)
        case .futureCancelRead(let type, let isAsync): opcode(0x18, index: type, flag: isAsync)
        case .futureCancelWrite(let type, let isAsync): opcode(0x19, index: type, flag: isAsync)
        case .futureDropReadable(let type): opcode(0x1A, index: type)
        case .futureDropWritable(let type): opcode(0x1B, index: type)
        case .errorContextNew(let options):
            byte(0x1C)
            canonicalOptions(options)
        case .errorContextDebugMessage(let options):
            byte(0x1D)
            canonicalOptions(options)
        case .errorContextDrop: byte(0x1E)
        case .waitableSetNew: byte(0x1F)
        case .waitableSetWait(let isCancellable, let memory): opcode(0x20, flag: isCancellable, index: memory)
        case .waitableSetPoll(let isCancellable, let memory): opcode(0x21, flag: isCancellable, index: memory)
        case .waitableSetDrop: byte(0x22)
        case .waitableJoin: byte(0x23)
        case .backpressureIncrement: byte(0x24)
        case .backpressureDecrement: byte(0x25)
        case .threadIndex: byte(0x26)
        case .threadNewIndirect(let functionType, let table): opcode(0x27, index: functionType, table)
        case .threadResumeLater: byte(0x28)
        case .threadSuspend(let isCancellable): opcode(0x29, flag: isCancellable)
        case .threadSuspendThenResume(let isCancellable): opcode(0x2A, flag: isCancellable)
        case .threadYieldThenResume(let isCancellable): opcode(0x2B, flag: isCancellable)
        case .threadSuspendThenPromote(let isCancellable): opcode(0x2C, flag: isCancellable)
        case .threadYieldThenPromote(let isCancellable): opcode(0x2D, flag: isCancellable)
        case .threadSpawnReference(let functionType): opcode(0x40, index: functionType)
        case .threadSpawnIndirect(let functionType, let table): opcode(0x41, index: functionType, table)
        case .threadAvailableParallelism: byte(0x42)
        }
    }

    private mutating func opcode(_ code: UInt8, index: UInt32, _ second: UInt32) {
        byte(code)
        u32(index)
        u32(second)
    }

    private mutating func opcode(_ code: UInt8, index: UInt32, options: [CanonicalOption]? = nil, flag: Bool? = nil) {
        byte(code)
        u32(index)
        if let options { canonicalOptions(options) }
        if let flag { self.flag(flag) }
    }

    private mutating func opcode(_ code: UInt8, flag: Bool, index: UInt32? = nil) {
        byte(code)
        self.flag(flag)
        if let index { u32(index) }
    }

    private mutating func canonicalOptions(_ options: [CanonicalOption]) {
        vector(options) { writer, option in
            switch option {
            case .stringEncodingUTF8: writer.byte(0x00)
            case .stringEncodingUTF16: writer.byte(0x01)
            case .stringEncodingLatin1UTF16: writer.byte(0x02)
            case .memory(let index): writer.byte(0x03); writer.u32(index)
            case .realloc(let index): writer.byte(0x04); writer.u32(index)
            case .postReturn(let index): writer.byte(0x05); writer.u32(index)
            case .async: writer.byte(0x06)
            case .callback(let index): writer.byte(0x07); writer.u32(index)
            case .coreType(let index): writer.byte(0x08); writer.u32(index)
            case .gc: writer.byte(0x09)
            }
        }
    }
}

import ComponentModel

/// `wasi:io/streams`: input and output streams over the host state's descriptors.
extension WASIComponentHost {
    /// The most one `read` returns and `check-write` permits: bounded copies per call.
    static let streamChunk = 1 << 20

    func ioStreamsInterface() -> WASIInterface {
        var interface = interface("wasi:io/streams")
        interface.function("[method]input-stream.read") { [self] arguments in
            try streamResult { () throws in
                .bytes(try read(try inputStream(arguments.handle(0)), upTo: try arguments.u64(1), blocking: false))
            }
        }
        interface.function("[method]input-stream.blocking-read") { [self] arguments in
            try streamResult { () throws in
                .bytes(try read(try inputStream(arguments.handle(0)), upTo: try arguments.u64(1), blocking: true))
            }
        }
        interface.function("[method]input-stream.skip") { [self] arguments in
            try streamResult { () throws in
                .u64(UInt64(try read(try inputStream(arguments.handle(0)), upTo: try arguments.u64(1), blocking: false).count))
            }
        }
        interface.function("[method]input-stream.blocking-skip") { [self] arguments in
            try streamResult { () throws in
                .u64(UInt64(try read(try inputStream(arguments.handle(0)), upTo: try arguments.u64(1), blocking: true).count))
            }
        }
        interface.function("[method]input-stream.subscribe") { [self] arguments in
            try newPollable(try inputStream(arguments.handle(0)).readiness)
        }
        interface.function("[method]output-stream.check-write") { [self] arguments in
            try streamResult { () throws in
                .u64(UInt64(try writeBudget(try outputStream(arguments.handle(0)))))
            }
        }
        interface.function("[method]output-stream.write") { [self] arguments in
            try streamResult { () throws in
                try write(try arguments.bytes(1), to: try outputStream(arguments.handle(0)), blocking: false)
                return nil
            }
        }
        interface.function("[method]output-stream.blocking-write-and-flush") { [self] arguments in
            try streamResult { () throws in
                try write(try arguments.bytes(1), to: try outputStream(arguments.handle(0)), blocking: true)
                return nil
            }
        }
        for name in ["[method]output-stream.flush", "[method]output-stream.blocking-flush"] {
            // Writes reach the host descriptor before `write` returns: there is nothing to flush.
            interface.function(name) { [self] arguments in
                try streamResult { () throws in
                    guard !(try outputStream(arguments.handle(0))).isClosed else { throw StreamError.closed }
                    return nil
                }
            }
        }
        interface.function("[method]output-stream.subscribe") { [self] arguments in
            try newPollable(try outputStream(arguments.handle(0)).readiness)
        }
        interface.function("[method]output-stream.write-zeroes") { [self] arguments in
            try streamResult { () throws in
                try write(try zeroes(arguments.u64(1)), to: try outputStream(arguments.handle(0)), blocking: false)
                return nil
            }
        }
        interface.function("[method]output-stream.blocking-write-zeroes-and-flush") { [self] arguments in
            try streamResult { () throws in
                try write(try zeroes(arguments.u64(1)), to: try outputStream(arguments.handle(0)), blocking: true)
                return nil
            }
        }
        for (name, blocking) in [("[method]output-stream.splice", false), ("[method]output-stream.blocking-splice", true)] {
            interface.function(name) { [self] arguments in
                try streamResult { () throws in
                    let destination = try outputStream(arguments.handle(0))
                    let source = try inputStream(arguments.handle(1))
                    let budget = blocking ? Self.streamChunk : try writeBudget(destination)
                    let bytes = try read(source, upTo: min(try arguments.u64(2), UInt64(budget)), blocking: blocking)
                    try write(bytes, to: destination, blocking: blocking)
                    return .u64(UInt64(bytes.count))
                }
            }
        }
        return interface
    }

    func inputStream(_ representation: UInt32) throws(ComponentTrap) -> HostInputStream {
        try resources.get(representation, as: HostInputStream.self)
    }

    func outputStream(_ representation: UInt32) throws(ComponentTrap) -> HostOutputStream {
        try resources.get(representation, as: HostOutputStream.self)
    }

    /// Runs a stream operation and wraps its value (or the `stream-error`) in a `result`.
    /// Traps (a bad handle, the deadline) propagate.
    private func streamResult(_ body: () throws -> ComponentValue?) throws -> ComponentValue {
        do {
            return .ok(try body())
        } catch StreamError.closed {
            return .error(.variant(caseName: "closed", payload: nil))
        } catch StreamError.failed(let error) {
            return .error(.variant(caseName: "last-operation-failed", payload: try own(error, types.error)))
        }
    }

    private func zeroes(_ count: UInt64) throws -> [UInt8] {
        guard count <= UInt64(Self.streamChunk) else {
            throw StreamError(.tooBig, "writing \(count) zero bytes (more than check-write permits)")
        }
        return [UInt8](repeating: 0, count: Int(count))
    }

    /// Reads up to `count` bytes. Without `blocking`, returns no bytes when none are ready.
    /// A read of end of file closes the stream.
    func read(_ stream: HostInputStream, upTo count: UInt64, blocking: Bool) throws -> [UInt8] {
        guard !stream.isClosed else { throw StreamError.closed }
        let limit = Int(min(count, UInt64(Self.streamChunk)))
        switch stream.source {
        case .descriptor(let descriptor):
            return try read(stream, descriptor, upTo: limit, blocking: blocking)
        case .clientBody(let call):
            do {
                try call.checkGrant()
                if blocking {
                    _ = try host.waitForAny([HostPollable(.clientBody(call))], grants: grants, limit: waitLimit)
                    try call.checkGrant()
                }
                guard let bytes = try call.responseBody.read(upTo: limit) else {
                    stream.isClosed = true
                    throw StreamError.closed
                }
                return bytes
            } catch let code as HTTPErrorCode {
                stream.isClosed = true
                throw StreamError.failed(HostIOError(errno: nil, message: "reading the response body failed: \(code)", httpError: code))
            }
        case .httpBody(let body):
            do {
                guard let bytes = try body.read(upTo: limit, blocking: blocking) else {
                    stream.isClosed = true
                    throw StreamError.closed
                }
                return bytes
            } catch let error as HTTPProtocolError {
                stream.isClosed = true
                throw StreamError.failed(HostIOError(errno: nil, message: "reading the request body failed: \(error)"))
            }
        }
    }

    private func read(_ stream: HostInputStream, _ descriptor: Descriptor, upTo count: Int, blocking: Bool) throws -> [UInt8] {
        let grants = self.grants
        do {
            try host.authorize(descriptor, modifying: false, grants: grants)
            let pollable = HostPollable(.descriptor(descriptor, reading: true))
            if blocking {
                _ = try host.waitForAny([pollable], grants: grants, limit: waitLimit)
                // The grants may have changed during the wait.
                try host.authorize(descriptor, modifying: false, grants: self.grants)
            } else if !host.isReady(pollable, grants: grants) {
                return []
            }
            guard count > 0 else { return [] }
            var buffer = [UInt8](repeating: 0, count: count)
            let read = try buffer.withUnsafeMutableBytes { bytes in
                try host.read(descriptor, into: [bytes], at: stream.offset, grants: grants, limit: waitLimit)
            }
            if read == 0 {
                stream.isClosed = true
                throw StreamError.closed
            }
            stream.offset = stream.offset.map { $0 + UInt64(read) }
            return Array(buffer.prefix(read))
        } catch let errno as WASIErrno {
            throw StreamError(errno, "read")
        }
    }

    /// How many bytes the next `write` may carry: 0 while a socket or pipe cannot take more.
    func writeBudget(_ stream: HostOutputStream) throws -> Int {
        guard !stream.isClosed else { throw StreamError.closed }
        return host.isReady(HostPollable(stream.readiness), grants: grants) ? Self.streamChunk : 0
    }

    /// Writes all of `bytes`. A write larger than `check-write` permits fails the stream.
    func write(_ bytes: [UInt8], to stream: HostOutputStream, blocking: Bool) throws {
        guard !stream.isClosed else { throw StreamError.closed }
        guard bytes.count <= Self.streamChunk else {
            stream.isClosed = true
            throw StreamError(.tooBig, "writing \(bytes.count) bytes (more than check-write permits)")
        }
        switch stream.target {
        case .descriptor(let descriptor):
            try write(bytes, to: stream, descriptor, blocking: blocking)
        case .httpBody(let body):
            do {
                if blocking { _ = try host.waitForAny([HostPollable(.outgoingBody(body))], grants: grants, limit: waitLimit) }
                try body.write(bytes)
            } catch let error as HTTPErrorCode {
                stream.isClosed = true
                throw StreamError.failed(HostIOError(errno: nil, message: "writing the body failed: \(error)", httpError: error))
            } catch let error as HTTPProtocolError {
                stream.isClosed = true
                throw StreamError.failed(HostIOError(errno: nil, message: "writing the body failed: \(error)"))
            }
        }
    }

    private func write(_ bytes: [UInt8], to stream: HostOutputStream, _ descriptor: Descriptor, blocking: Bool) throws {
        let grants = self.grants
        var written = 0
        do {
            try host.authorize(descriptor, modifying: descriptor.preopen != nil, grants: grants)
            if stream.appends, let file = descriptor.hostDescriptor {
                stream.offset = try FileStatus(descriptor: file.rawValue).size
            }
            var copy = bytes
            try copy.withUnsafeMutableBytes { buffer in
                while written < buffer.count {
                    if blocking {
                        _ = try host.waitForAny([HostPollable(.descriptor(descriptor, reading: false))],
                                                grants: grants, limit: waitLimit)
                        try host.authorize(descriptor, modifying: descriptor.preopen != nil, grants: self.grants)
                    }
                    let rest = UnsafeMutableRawBufferPointer(rebasing: buffer[written...])
                    let count = try host.write(descriptor, from: [rest],
                                               at: stream.offset.map { $0 + UInt64(written) }, grants: grants, limit: waitLimit)
                    written += count
                }
            }
            stream.offset = stream.offset.map { $0 + UInt64(written) }
        } catch let errno as WASIErrno {
            stream.isClosed = true
            throw errno == .brokenPipe ? StreamError.closed : StreamError(errno, "write")
        }
    }
}

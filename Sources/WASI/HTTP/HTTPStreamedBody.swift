import Foundation

/// The body of a response the HTTP client is receiving: bytes are appended as they arrive from
/// the network and read by the guest as soon as they are there (not after the whole body).
/// Written by the client's delegate queue, read by the guest's thread.
final class HTTPStreamedBody: @unchecked Sendable {
    private let lock = NSLock()
    private var buffered: [UInt8] = []
    private var position = 0
    private var isComplete = false
    private var failure: String?

    /// Adds bytes that arrived.
    func append(_ data: Data) {
        lock.withLock {
            if position > 0 && position == buffered.count {
                buffered.removeAll(keepingCapacity: true)
                position = 0
            }
            buffered.append(contentsOf: data)
        }
    }

    /// The body ended, completely or (with `failure`) not.
    func complete(failure: String?) {
        lock.withLock {
            isComplete = true
            self.failure = failure
        }
    }

    /// Whether a read would not wait: bytes are there, or the body ended.
    var isReady: Bool { lock.withLock { position < buffered.count || isComplete } }

    /// Up to `count` of the bytes that arrived; an empty array when none is there yet, nil at
    /// the end of a complete body. Throws when the transfer failed (after the bytes before it).
    func read(upTo count: Int) throws(HTTPProtocolError) -> [UInt8]? {
        let result: Result<[UInt8]?, HTTPProtocolError> = lock.withLock {
            if position < buffered.count {
                let end = min(buffered.count, position + count)
                defer { position = end }
                return .success(Array(buffered[position..<end]))
            }
            if let failure { return .failure(HTTPProtocolError(status: nil, failure)) }
            return .success(isComplete ? nil : [])
        }
        return try result.get()
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ComponentModel

/// `wasi:clocks/timezone` (unstable feature `clocks-timezone`): the host's local time zone
/// (the `TZ` of the wcomp process, or the system's), allowed with the wall clock grant like
/// `wall-clock` itself. A time the host cannot convert is reported as UTC, as the WIT says.
extension WASIComponentHost {
    func timezoneInterface() -> WASIInterface {
        var interface = interface("wasi:clocks/timezone")
        interface.function("display") { [self] arguments in
            let zone = try localZone(arguments)
            return .record([
                "utc-offset": .s32(zone.offset),
                "name": .string(zone.name),
                "in-daylight-saving-time": .bool(zone.isDaylightSavingTime),
            ])
        }
        interface.function("utc-offset") { [self] arguments in .s32(try localZone(arguments).offset) }
        return interface
    }

    /// The local zone at the `datetime` in argument 0.
    private func localZone(_ arguments: WASIArguments) throws -> (offset: Int32, name: String, isDaylightSavingTime: Bool) {
        guard grants.clocks.contains(.wall) else { throw ComponentTrap("the wall clock is not granted to this guest") }
        guard case .u64(let seconds) = try arguments.field(0, "seconds"), var time = time_t(exactly: seconds) else {
            return (0, "UTC", false)
        }
        var parts = tm()
        guard localtime_r(&time, &parts) != nil else { return (0, "UTC", false) }
        let name = parts.tm_zone.map { String(cString: $0) } ?? "UTC"
        // `tm_gmtoff` is seconds east of UTC: local time = UTC + offset, always within a day.
        return (Int32(clamping: parts.tm_gmtoff % 86_400), name, parts.tm_isdst > 0)
    }
}

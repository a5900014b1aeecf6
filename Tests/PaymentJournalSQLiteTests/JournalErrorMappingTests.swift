import DeviceCore
@testable import PaymentJournalSQLite
import Testing

@Suite("Journal errors tell the technician what to do")
struct JournalErrorMappingTests {
    let errors = JournalErrors(path: "/var/lib/buergerhal/payments.sqlite")

    @Test func diskFull() {
        let error = errors.sqlite(code: 13, detail: "database or disk is full", operation: "complete payment")
        #expect(error.kind == .hardwareFault)
        #expect(error.message.contains("full"))
        #expect(error.remedy.contains("df -h") && error.remedy.contains("do not delete"))
        #expect(error.backendCode == DeviceError.BackendCode(domain: "SQLite", value: 13, name: "SQLITE_FULL"))
    }

    @Test func readOnlyFileSystem() {
        let error = errors.sqlite(code: 8 | (1 << 8), detail: "attempt to write a readonly database", operation: "begin payment")
        #expect(error.kind == .permissionDenied)
        #expect(error.remedy.contains("writable"))
        #expect(error.backendCode?.name == "SQLITE_READONLY")
    }

    static let codes: [(Int32, DeviceError.Kind)] = [
        (5, .busy), (19, .busy), (11, .hardwareFault), (26, .hardwareFault), (10, .hardwareFault), (14, .permissionDenied), (1, .other),
    ]

    @Test(arguments: codes)
    func otherCodes(code: Int32, kind: DeviceError.Kind) {
        let error = errors.sqlite(code: code, detail: "x", operation: "begin payment")
        #expect(error.kind == kind)
        #expect(!error.remedy.isEmpty)
    }

    @Test func deadWritersAreRecognised() {
        #expect(!JournalOwner.isAlive(nil))
        #expect(!JournalOwner.isAlive("garbage"))
        #expect(!JournalOwner.isAlive("other-boot/1/1#token"))
        let owner = JournalOwner()
        #expect(JournalOwner.isAlive(owner.value))
        owner.end()
        #expect(!JournalOwner.isAlive(owner.value))
        // A pid that does not exist on this boot.
        let process = owner.value.split(separator: "#")[0].split(separator: "/")
        #expect(!JournalOwner.isAlive("\(process[0])/999999999/\(process[2])#x"))
    }
}

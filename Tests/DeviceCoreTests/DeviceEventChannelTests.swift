import DeviceCore
import Testing

@Suite("Event channel")
struct DeviceEventChannelTests {
    @Test("events arrive in order; past the buffer limit the oldest are dropped, never blocking the device")
    func bufferingNewest() async {
        let channel = DeviceEventChannel(bufferLimit: 2)
        channel.send(.removed)
        channel.send(.stateChanged(.idle))
        channel.send(.userActionRequired(UserAction(code: "insertCard", prompt: "Bitte Karte einstecken")))
        channel.finish()
        channel.send(.stateChanged(.closed))  // after finish: ignored
        var received: [DeviceEvent] = []
        for await event in channel.stream { received.append(event) }
        #expect(received == [.stateChanged(.idle), .userActionRequired(UserAction(code: "insertCard", prompt: "Bitte Karte einstecken"))])
    }
}

#!/usr/bin/env python3
"""Writes the synthetic USB receipt-printer fixtures in Fixtures/usb-printer/ (see the README there).

No printer was recorded: the script builds what `umockdev-record` and a usbmon capture
(`tcpdump -i usbmonN -w X.pcap`) would have produced for an Epson TM-T20-like printer
04b8:0e03, so that `umockdev-run -d X.umockdev -p SYSFS=X.pcap -- bhal ...` replays it:

- `tm-t20.umockdev`: the sysfs device (descriptors with one printer-class interface, bulk OUT
  0x01 and bulk IN 0x82), its udev properties, and the root hub above it.
- `two-tm-t20.umockdev`: two such printers on one bus (different serials), for the ambiguity error
  and the choice by serial number.
- `*.pcap`: usbmon captures (DLT 220, USB_LINUX_MMAPPED, 64-byte headers, 'S' submit and 'C'
  completion events) of exactly the transfers bhal makes in each scenario, in order.
- `receipt.bin`: the raw job `print-ok.pcap` expects, byte for byte.
- `tsp100.umockdev`, `star-*.pcap`, `star-receipt.bin`: the same for a Star TSP100-like printer
  0519:0003 in Star Line Mode, whose status request is `ESC ACK SOH` answered by Star's
  automatic status (9 bytes over USB, no Length field).

Python 3 standard library only. Run from anywhere: python3 scripts/make-usb-printer-fixtures.py
The output is deterministic (fixed timestamps and URB ids), so a rerun changes no committed file.
"""
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Fixtures/usb-printer")

VENDOR, PRODUCT = 0x04B8, 0x0E03
BUS = 1
DEVICE = 5
SERIAL = "SYNTH0E03A1"  # synthetic: not the serial of any real printer
SECOND_DEVICE, SECOND_SERIAL = 6, "SYNTH0E03B2"
SYSFS = "/devices/pci0000:00/0000:00:14.0/usb1/1-2"
BULK_OUT, BULK_IN = 0x01, 0x82
MAX_PACKET = 64  # full-speed bulk; bhal reads status replies with one packet-sized buffer
CHUNK = 4096     # bhal writes jobs in chunks of this size (USBReceiptPrinter.chunkSize)

# USB transfer types as usbmon reports them.
CONTROL, BULK = 2, 3
EINPROGRESS = -115


# The printer models described: USB ids and the names udev would report.
EPSON = {"vendor": VENDOR, "product": PRODUCT, "manufacturer": "EPSON", "model": "TM-T20"}
STAR = {"vendor": 0x0519, "product": 0x0003, "manufacturer": "STAR", "model": "TSP100"}
STAR_SERIAL = "SYNTH0003S1"  # synthetic, like the Epson ones

# Star's ESC ACK SOH and two automatic statuses as a USB printer sends them (STAR Line Mode
# Command Specifications, Appendix "Automatic Status"): Header 1 0x23 (9 bytes), Header 2 0x06
# (version 3, no Length field), printer status 1-7.
STAR_STATUS_REQUEST = bytes([0x1B, 0x06, 0x01])
STAR_READY = bytes([0x23, 0x06, 0, 0, 0, 0, 0, 0, 0])
STAR_PAPER_END = bytes([0x23, 0x06, 0x08, 0, 0, 0x08, 0, 0, 0])  # offline (status 1 bit 3), paper end (status 4 bit 3)


def device_descriptor(model=EPSON):
    # bcdUSB 2.00, class per interface, EP0 64 bytes, VID:PID, bcdDevice 1.00, strings 1/2/3.
    return struct.pack("<BBHBBBBHHHBBBB", 18, 1, 0x0200, 0, 0, 0, 64, model["vendor"], model["product"], 0x0100, 1, 2, 3, 1)


def configuration_descriptor():
    interface = struct.pack("<BBBBBBBBB", 9, 4, 0, 0, 2, 7, 1, 2, 0)  # class 7 printer, bidirectional
    out_ep = struct.pack("<BBBBHB", 7, 5, BULK_OUT, 0x02, MAX_PACKET, 0)
    in_ep = struct.pack("<BBBBHB", 7, 5, BULK_IN, 0x02, MAX_PACKET, 0)
    body = interface + out_ep + in_ep
    return struct.pack("<BBHBBBBB", 9, 2, 9 + len(body), 1, 1, 0, 0xC0, 50) + body


def string_descriptor(text):
    data = text.encode("utf-16-le")
    return bytes([2 + len(data), 3]) + data


def printer_record(device, serial, sysfs, model=EPSON):
    descriptors = (device_descriptor(model) + configuration_descriptor()).hex().upper()
    number = f"{device:03d}"
    vendor, product = f"{model['vendor']:04x}", f"{model['product']:04x}"
    return f"""P: {sysfs}
N: bus/usb/001/{number}={descriptors}
E: DEVNAME=/dev/bus/usb/001/{number}
E: DEVTYPE=usb_device
E: DRIVER=usb
E: PRODUCT={model['vendor']:x}/{model['product']:x}/100
E: TYPE=0/0/0
E: BUSNUM=001
E: DEVNUM={number}
E: MAJOR=189
E: MINOR={device - 1}
E: SUBSYSTEM=usb
E: ID_VENDOR={model['manufacturer']}
E: ID_VENDOR_ID={vendor}
E: ID_MODEL={model['model']}
E: ID_MODEL_ID={product}
E: ID_REVISION=0100
E: ID_SERIAL={model['manufacturer']}_{model['model']}_{serial}
E: ID_SERIAL_SHORT={serial}
E: ID_BUS=usb
E: ID_USB_INTERFACES=:070102:
A: authorized=1
A: bConfigurationValue=1
A: bDeviceClass=00
A: bDeviceProtocol=00
A: bDeviceSubClass=00
A: bMaxPacketSize0=64
A: bMaxPower=100mA
A: bNumConfigurations=1
A: bNumInterfaces= 1
A: bcdDevice=0100
A: bmAttributes=c0
A: busnum={BUS}
A: configuration=
H: descriptors={descriptors}
A: dev=189:{device - 1}
A: devnum={device}
A: devpath={sysfs.rsplit("-", 1)[1]}
A: idProduct={product}
A: idVendor={vendor}
A: manufacturer={model['manufacturer']}
A: maxchild=0
A: product={model['model']}
A: removable=removable
A: serial={serial}
A: speed=12
A: version= 2.00

"""


ROOT_HUB = """P: /devices/pci0000:00/0000:00:14.0/usb1
N: bus/usb/001/001=12010002090001406B1D020006060302010109021900010100E0000904000001090000000705810304000C
E: DEVNAME=/dev/bus/usb/001/001
E: DEVTYPE=usb_device
E: DRIVER=usb
E: PRODUCT=1d6b/2/606
E: TYPE=9/0/1
E: BUSNUM=001
E: DEVNUM=001
E: MAJOR=189
E: MINOR=0
E: SUBSYSTEM=usb
E: ID_VENDOR_ID=1d6b
E: ID_MODEL_ID=0002
E: ID_BUS=usb
A: authorized=1
A: bConfigurationValue=1
A: bDeviceClass=09
A: bDeviceProtocol=01
A: bDeviceSubClass=00
A: bMaxPacketSize0=64
A: bNumConfigurations=1
A: bNumInterfaces= 1
A: bcdDevice=0606
A: bmAttributes=e0
A: busnum=1
H: descriptors=12010002090001406B1D020006060302010109021900010100E0000904000001090000000705810304000C
A: dev=189:0
A: devnum=1
A: devpath=0
A: idProduct=0002
A: idVendor=1d6b
A: maxchild=12
A: speed=480
A: version= 2.00

"""


class Capture:
    """A usbmon capture of one device, written as a classic pcap file with link type 220."""

    def __init__(self, device=DEVICE):
        self.device = device
        self.packets = []
        self.time_us = 1_700_000_000 * 1_000_000
        self.next_id = 0xFFFF_8880_0A00_0000

    def _event(self, urb, kind, transfer, endpoint, status, length, data=b"", setup=None):
        self.time_us += 250
        seconds, micros = divmod(self.time_us, 1_000_000)
        flag_setup = 0 if setup is not None else ord("-")
        if data:
            flag_data = 0
        else:
            flag_data = ord("<") if endpoint & 0x80 and kind == "S" else ord(">")
        header = struct.pack(
            "<QBBBBHbbqiiII8siiII",
            urb, ord(kind), transfer, endpoint, self.device, BUS, flag_setup, flag_data,
            seconds, micros, status, length, len(data), setup or bytes(8), 0, 0, 0, 0)
        assert len(header) == 64
        self.packets.append((seconds, micros, header + data))

    def _urb(self):
        self.next_id += 0x100
        return self.next_id

    def bulk_out(self, data):
        urb = self._urb()
        self._event(urb, "S", BULK, BULK_OUT, EINPROGRESS, len(data), data)
        self._event(urb, "C", BULK, BULK_OUT, 0, len(data))

    def bulk_in(self, reply, buffer=MAX_PACKET):
        """A bulk IN read of one packet; `reply` None: the printer never answers (no completion)."""
        urb = self._urb()
        self._event(urb, "S", BULK, BULK_IN, EINPROGRESS, buffer)
        if reply is not None:
            self._event(urb, "C", BULK, BULK_IN, 0, len(reply), reply)

    def control_in(self, request_type, request, value, index, length, reply):
        urb = self._urb()
        setup = struct.pack("<BBHHH", request_type, request, value, index, length)
        self._event(urb, "S", CONTROL, 0x80, EINPROGRESS, length, setup=setup)
        self._event(urb, "C", CONTROL, 0x80, 0, len(reply), reply)

    def string_descriptors(self, index, text):
        """GET_DESCRIPTOR(STRING 0) for the language, then the string in US English (0x0409)."""
        self.control_in(0x80, 6, 0x0300, 0, 255, bytes([4, 3, 0x09, 0x04]))
        self.control_in(0x80, 6, 0x0300 | index, 0x0409, 255, string_descriptor(text))

    def status(self, printer=0x12, offline_cause=0x12, paper=0x12):
        """DLE EOT 1, 2 and 4, each answered with one byte on bulk IN."""
        for n, reply in ((1, printer), (2, offline_cause), (4, paper)):
            self.bulk_out(bytes([0x10, 0x04, n]))
            self.bulk_in(bytes([reply]))

    def star_status(self, reply):
        """ESC ACK SOH on bulk OUT, answered with one automatic status on bulk IN."""
        self.bulk_out(STAR_STATUS_REQUEST)
        self.bulk_in(reply)

    def job(self, data):
        for start in range(0, len(data), CHUNK):
            self.bulk_out(data[start:start + CHUNK])

    def write(self, name):
        with open(os.path.join(OUT, name), "wb") as file:
            file.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 220))
            for seconds, micros, packet in self.packets:
                file.write(struct.pack("<IIII", seconds, micros, len(packet), len(packet)))
                file.write(packet)


def receipt():
    """A fixed raw job larger than one chunk: ESC @, PC858, German lines with € (D5), partial cut."""
    job = bytearray(b"\x1b@\x1bt\x13")
    job += b"BuergerHAL USB-Drucker (synthetische Aufnahme)\n"
    for line in range(1, 161):
        job += f"Zeile {line:03d}: Geb".encode() + b"\x81" + b"hr 13,00 \xd5\n"
    job += b"Stra\xe1e \x8e\x99\x9a\x84\x94\x81\xe1\n"  # Straße ÄÖÜäöüß in PC858
    job += b"\x1bd\x03\x1dV\x01"
    return bytes(job)


def star_receipt():
    """A fixed Star Line Mode job: ESC @, ESC GS t 4 (PC858), German lines with €, ESC d 3 (partial cut)."""
    job = bytearray(b"\x1b@\x1b\x1dt\x04")
    job += b"BuergerHAL Star-USB-Drucker (synthetische Aufnahme)\n"
    job += b"Geb\x81hr f\x81r F\x81hrungszeugnis: 13,00 \xd5\n"
    job += b"Stra\xe1e \x8e\x99\x9a\x84\x94\x81\xe1\n"  # Straße ÄÖÜäöüß in PC858
    job += b"\x1bd\x03"
    return bytes(job)


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "tm-t20.umockdev"), "w") as file:
        file.write(printer_record(DEVICE, SERIAL, SYSFS) + ROOT_HUB)
    with open(os.path.join(OUT, "two-tm-t20.umockdev"), "w") as file:
        file.write(printer_record(DEVICE, SERIAL, SYSFS)
                   + printer_record(SECOND_DEVICE, SECOND_SERIAL, SYSFS[:-1] + "3") + ROOT_HUB)
    job = receipt()
    with open(os.path.join(OUT, "receipt.bin"), "wb") as file:
        file.write(job)

    # (c) bhal printer status: ready.
    capture = Capture()
    capture.status()
    capture.write("status-ok.pcap")

    # (a) bhal print --raw receipt.bin: status (ready), then the job in chunks.
    capture = Capture()
    capture.status()
    capture.job(job)
    capture.write("print-ok.pcap")

    # (b) paper end: DLE EOT 1 offline (bit 3), 2 paper-end stop (bit 5), 4 paper end (bits 5, 6).
    capture = Capture()
    capture.status(printer=0x1A, offline_cause=0x32, paper=0x72)
    capture.write("paper-end.pcap")

    # The same print, addressed by serial: bhal reads the serial string first.
    capture = Capture()
    capture.string_descriptors(3, SERIAL)
    capture.status()
    capture.job(job)
    capture.write("print-by-serial.pcap")

    # A device that takes DLE EOT 1 but never answers on bulk IN.
    capture = Capture()
    capture.bulk_out(bytes([0x10, 0x04, 1]))
    capture.bulk_in(None)
    capture.write("no-status-reply.pcap")

    # Two printers (two-tm-t20.umockdev): both serials readable; the second also prints the job.
    # One file for both: umockdev's replayer skips the other device's packets.
    capture = Capture(DEVICE)
    capture.string_descriptors(3, SERIAL)
    capture.device = SECOND_DEVICE
    capture.string_descriptors(3, SECOND_SERIAL)
    capture.status()
    capture.job(job)
    capture.write("two-printers.pcap")

    # A Star TSP100-like printer in Star Line Mode (tsp100.umockdev).
    with open(os.path.join(OUT, "tsp100.umockdev"), "w") as file:
        file.write(printer_record(DEVICE, STAR_SERIAL, SYSFS, STAR) + ROOT_HUB)
    star_job = star_receipt()
    with open(os.path.join(OUT, "star-receipt.bin"), "wb") as file:
        file.write(star_job)

    # Paper end: ESC ACK SOH answered offline + paper end; nothing else.
    capture = Capture()
    capture.star_status(STAR_PAPER_END)
    capture.write("star-paper-end.pcap")

    # Ready: ESC ACK SOH answered ready, then star-receipt.bin in one bulk OUT transfer.
    capture = Capture()
    capture.star_status(STAR_READY)
    capture.job(star_job)
    capture.write("star-print-ok.pcap")


if __name__ == "__main__":
    main()

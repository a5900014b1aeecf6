#!/usr/bin/env python3
"""The python-escpos side of `scripts/bench-receipt.sh` (the peer of `bhal bench receipt`).

    bench_escpos.py --write-pgm FILE.pgm            write the benchmark photo (576x2000, binary P5)
    bench_escpos.py --image FILE.pgm [--iterations N]

Encodes, with python-escpos 3.1 and its `Dummy` printer (profile TM-T20II, 576 dots):
  (a) the PGM image with `p.image(...)` and the default implementation `bitImageRaster` (GS v 0).
      python-escpos converts the picture to 1 bit with Pillow's `Image.convert("1")`, whose default
      dithering is Floyd-Steinberg; images taller than 960 rows are split into fragments of 960
      rows (`fragment_height`), each dithered and sent as its own GS v 0 command;
  (b) the same 40-line German receipt as `bhal bench receipt` (PC858, ESC t 19), laid out by hand.
Each is timed with time.perf_counter; prints the median of N in the line format shared with
`bhal bench receipt`:
    receipt-image ms=<median> iterations=<N> bytes=<output size>
    receipt-text ms=<median> iterations=<N> bytes=<output size>
The image generator below is mirrored exactly (integer arithmetic) by `bhal bench receipt` when it
runs without --image; both sides print the FNV-1a hash of the pixels they encode (`image ... fnv1a=`).
"""
import argparse
import statistics
import sys
import time

WIDTH = 576
HEIGHT = 2000
SEED = 0x2545F491
LINE_COLUMNS = 48  # font A on an 80 mm printer (TM-T20)


def photo_pixels(width=WIDTH, height=HEIGHT, seed=SEED):
    """A photo-like grayscale picture: diagonal gradient, three discs, xorshift32 noise (+-32)."""
    discs = ((150, 400, 120, 0), (420, 1000, 200, 1), (288, 1600, 160, 0))  # cx, cy, r, 1 = light
    mask = 0xFFFFFFFF
    state = seed
    out = bytearray(width * height)
    i = 0
    for y in range(height):
        row_base = y * 255 // (height - 1)
        for x in range(width):
            base = (x * 255 // (width - 1) + row_base) // 2
            for cx, cy, r, light in discs:
                dx, dy = x - cx, y - cy
                if dx * dx + dy * dy < r * r:
                    base = 255 - (255 - base) // 3 if light else base // 3
                    break
            state ^= (state << 13) & mask
            state ^= state >> 17
            state ^= (state << 5) & mask
            value = base + (state & 63) - 32
            out[i] = 0 if value < 0 else 255 if value > 255 else value
            i += 1
    return bytes(out)


def fnv1a(data):
    h = 0x811C9DC5
    for b in data:
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def write_pgm(path):
    with open(path, "wb") as f:
        f.write(b"P5\n%d %d\n255\n" % (WIDTH, HEIGHT))
        f.write(photo_pixels())


# The 40-line receipt: title, subtitle, rule, 34 fee rows, rule, total, footer (same as the Swift side).
FEES = [
    "Führungszeugnis", "Personalausweis (Gebühr)", "Reisepass, Expresszuschlag", "Meldebescheinigung",
    "Beglaubigung Straßenname", "Änderung der Anschrift", "Übersetzung Geburtsurkunde", "Größenänderung Lichtbild",
    "Gebühr Müllabfuhr Öko", "Anwohnerparkausweis", "Fundsache: Schlüsselbund", "Hundesteuer Marke",
    "Gewerbeanmeldung", "Äußerung zur Anhörung", "Bußgeld Parkverstoß", "Führerschein-Umtausch",
    "Auszug Melderegister",
]
TITLE = "Bürgeramt Musterstadt"
SUBTITLE = "Kassenbeleg Nr. 2024-000123 – Straße 1"
FOOTER = "Vielen Dank für Ihren Besuch! Grüße"


def euro(cents):
    return "%d,%02d €" % (cents // 100, cents % 100)


def fee_rows():
    rows = []
    for i in range(34):
        rows.append(("%2d %s" % (i + 1, FEES[i % len(FEES)]), (i * 1337) % 5000 + 100))
    return rows


def row_line(label, amount):
    return label + " " * (LINE_COLUMNS - len(label) - len(amount)) + amount


def encode_text(p):
    p.hw("INIT")
    p.charcode("CP858")
    p.set(align="center", bold=True)
    p.text(TITLE + "\n")
    p.set(bold=False)
    p.text(SUBTITLE.replace("–", "-") + "\n")  # python-escpos has no en dash in CP858 either
    p.set(align="left")
    p.text("-" * LINE_COLUMNS + "\n")
    total = 0
    for label, cents in fee_rows():
        total += cents
        p.text(row_line(label, euro(cents)) + "\n")
    p.text("-" * LINE_COLUMNS + "\n")
    p.set(bold=True)
    p.text(row_line("Summe", euro(total)) + "\n")
    p.set(align="center", bold=False)
    p.text(FOOTER + "\n")
    p.cut(mode="PART")


def encode_image(p, image):
    p.hw("INIT")
    p.image(image, impl="bitImageRaster")  # the default implementation: GS v 0, Floyd-Steinberg via Pillow
    p.cut(mode="PART")


def median_ms(p, action, iterations):
    action()  # warm-up: profile data, code-page tables, Pillow's lazy loading
    times = []
    for _ in range(iterations):
        p.clear()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-pgm", metavar="FILE")
    parser.add_argument("--image", metavar="FILE")
    parser.add_argument("--iterations", type=int, default=20)
    args = parser.parse_args()
    if args.write_pgm:
        write_pgm(args.write_pgm)
        return
    if not args.image or args.iterations < 1:
        parser.error("--image FILE.pgm is required and --iterations must be positive")

    import escpos
    import PIL
    from escpos.printer import Dummy
    from PIL import Image

    image = Image.open(args.image)
    image.load()
    if image.mode != "L" or image.size[0] > WIDTH:
        sys.exit(f"{args.image}: expected an 8-bit grayscale PGM at most {WIDTH} wide, got {image.mode} {image.size}")
    print("python-escpos %s, Pillow %s, Python %s" % (escpos.__version__, PIL.__version__, sys.version.split()[0]))
    print("image %dx%d fnv1a=%08x" % (image.size[0], image.size[1], fnv1a(image.tobytes())))

    p = Dummy(profile="TM-T20II")
    ms = median_ms(p, lambda: encode_image(p, image), args.iterations)
    print("receipt-image ms=%.4f iterations=%d bytes=%d" % (ms, args.iterations, len(p.output)))
    ms = median_ms(p, lambda: encode_text(p), args.iterations)
    print("receipt-text ms=%.4f iterations=%d bytes=%d" % (ms, args.iterations, len(p.output)))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes byte streams made live by python-escpos (its `Dummy` printer, profile TM-T88V) into a
directory, for the simulator to render (`PythonEscposLiveTests`). Run with the python of a venv
that has python-escpos 3.1 (scripts/test.sh prepares one and exports it as BHAL_TEST_PYTHON_ESCPOS):

    python_escpos_streams.py OUTPUT_DIR

Writes one `<name>.bin` per stream and prints `<name>.bin <bytes>` per line, then
`python-escpos <version>`. The streams use only synthetic data:

  german-text.bin    umlauts, ß and € through python-escpos's magic encoder (it picks the code pages
                     itself: ESC t 0 for the umlauts, ESC t 15 ISO-8859-7 for €), styles from set()
  codes.bin          EAN-13 and CODE128 (GS k function B), a native QR code (GS ( k)
  qr-image.bin       the same QR code drawn by python-escpos as an image (GS v 0)
  image-raster.bin   a framed picture as GS v 0 raster, centred
"""
import os
import sys

import escpos
from escpos.printer import Dummy
from PIL import Image, ImageDraw

PROFILE = "TM-T88V"
QR_DATA = "https://termine.example.de/vorgang/2024-000123"


def german_text():
    p = Dummy(profile=PROFILE)
    p.set(align="center", bold=True, double_height=True, double_width=True)
    p.text("Bürgeramt Musterstadt\n")
    p.set(align="left", normal_textsize=True, bold=False)
    p.text("Gebühr für Führungszeugnis: 13,00 €\n")
    p.set(underline=1)
    p.text("Straße\n")
    p.set(underline=0, invert=True)
    p.text("ÄÖÜäöüß\n")
    p.set(invert=False, font="b")
    p.text("Summe: 13,00 €\n")
    p.set(font="a")
    p.cut()
    return p.output


def codes():
    p = Dummy(profile=PROFILE)
    p.set(align="center")
    p.barcode("4006381333931", "EAN13", height=64, width=2, pos="BELOW", function_type="B")
    p.barcode("{BBHAL-2024-000123", "CODE128", height=64, width=2, pos="BELOW", function_type="B")
    p.qr(QR_DATA, size=6, native=True)
    p.cut(mode="PART")
    return p.output


def qr_image():
    p = Dummy(profile=PROFILE)
    p.qr(QR_DATA, size=6, native=False, center=True)
    p.cut()
    return p.output


def image_raster():
    image = Image.new("1", (96, 60), 1)
    draw = ImageDraw.Draw(image)
    draw.rectangle((8, 8, 88, 52), outline=0, width=4)
    draw.line((8, 8, 88, 52), fill=0, width=3)
    p = Dummy(profile=PROFILE)
    p.image(image, impl="bitImageRaster", center=True)
    p.cut()
    return p.output


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: python_escpos_streams.py OUTPUT_DIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    streams = {
        "german-text.bin": german_text(),
        "codes.bin": codes(),
        "qr-image.bin": qr_image(),
        "image-raster.bin": image_raster(),
    }
    for name, data in streams.items():
        with open(os.path.join(out, name), "wb") as file:
            file.write(data)
        print(f"{name} {len(data)}")
    print(f"python-escpos {escpos.__version__}")


if __name__ == "__main__":
    main()

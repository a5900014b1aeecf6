#!/usr/bin/env python3
"""Writes the byte streams python-escpos produces for a German receipt into
Fixtures/escpos/python-escpos/ (see the README there). Run it in a venv with python-escpos 3.1:

    python3 -m venv /tmp/pyescpos && /tmp/pyescpos/bin/pip install python-escpos==3.1
    /tmp/pyescpos/bin/python scripts/make-python-escpos-fixtures.py
"""
import os

from escpos.printer import Dummy
from PIL import Image, ImageDraw

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Fixtures/escpos/python-escpos")


def german_text():
    # Code page chosen by the caller (escpos.md §3): PC858 selected with ESC t 19.
    p = Dummy(profile="TM-T88V")
    p.charcode("CP858")
    p.set(align="center", bold=True, double_height=True, double_width=True)
    p.text("Bürgeramt Musterstadt\n")
    p.set(align="left", normal_textsize=True)
    p.text("Gebühr für Führungszeugnis: 13,00 €\n")
    p.set(underline=1)
    p.text("Straße\n")
    p.set(underline=0, invert=True)
    p.text("ÄÖÜäöüß\n")
    p.set(invert=False)
    p.ln(1)
    p.cut()
    return p.output


def codes():
    p = Dummy(profile="TM-T88V")
    p.set(align="center")
    p.barcode("4006381333931", "EAN13", height=64, width=2, pos="BELOW", function_type="A")
    p.barcode("{BBHAL-2024-000123", "CODE128", height=64, width=2, pos="BELOW", function_type="B")
    p.qr("https://termine.example.de/vorgang/2024-000123", size=6, native=True)
    p.cut(mode="PART")
    return p.output


def images():
    image = Image.new("1", (96, 60), 1)
    draw = ImageDraw.Draw(image)
    draw.rectangle((8, 8, 88, 52), outline=0, width=4)
    draw.line((8, 8, 88, 52), fill=0, width=3)
    outputs = {}
    for impl in ("bitImageRaster", "bitImageColumn", "graphics"):
        p = Dummy(profile="TM-T88V")
        p.image(image, impl=impl, center=True)
        p.cut()
        outputs[impl] = p.output
    return outputs


def main():
    os.makedirs(OUT, exist_ok=True)
    files = {"german-text.bin": german_text(), "codes.bin": codes()}
    for impl, data in images().items():
        files[f"image-{impl}.bin"] = data
    for name, data in files.items():
        with open(os.path.join(OUT, name), "wb") as out:
            out.write(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()

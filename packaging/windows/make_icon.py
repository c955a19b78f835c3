#!/usr/bin/env python3
"""make_icon.py: draws assets/icon.ico (16, 32 and 48 px as 32-bit BMP, 256 px as PNG): a dark
rounded square with a white downward arrow over a tray, the installer's mark. Run it again
after changing the drawing; the .ico it writes is what the Windows build embeds."""
import struct
import sys
import zlib


def pixel(x, y, n):
    """RGBA of pixel (x, y) of an n-by-n icon, y counted from the top."""
    u, v = (x + 0.5) / n, (y + 0.5) / n
    r = 0.18  # corner radius, as a fraction of the side
    cx, cy = min(max(u, r), 1 - r), min(max(v, r), 1 - r)
    if (u - cx) ** 2 + (v - cy) ** 2 > r * r:
        return (0, 0, 0, 0)
    # Arrow: a shaft and a head pointing down, and a tray below it.
    shaft = abs(u - 0.5) < 0.07 and 0.18 < v < 0.55
    head = v >= 0.45 and v < 0.68 and abs(u - 0.5) < (0.68 - v) * 1.1
    tray = 0.74 < v < 0.82 and 0.22 < u < 0.78
    if shaft or head or tray:
        return (255, 255, 255, 255)
    # Background: violet at the top to indigo at the bottom.
    return (int(124 - 60 * v), int(58 - 20 * v), int(237 - 80 * v), 255)


def bmp_entry(n):
    rows = []
    for y in range(n - 1, -1, -1):  # bottom-up, as BMP stores rows
        row = b""
        for x in range(n):
            r, g, b, a = pixel(x, y, n)
            row += bytes((b, g, r, a))
        rows.append(row)
    mask_row = ((n + 31) // 32) * 4  # the AND mask: all zero, alpha does the work
    header = struct.pack("<IiiHHIIiiII", 40, n, 2 * n, 1, 32, 0, 0, 0, 0, 0, 0)
    return header + b"".join(rows) + b"\0" * (mask_row * n)


def png_entry(n):
    """The 256 px image as PNG (allowed in .ico since Vista): a quarter of the BMP's size."""
    raw = b"".join(b"\0" + b"".join(bytes(pixel(x, y, n)) for x in range(n)) for y in range(n))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", n, n, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def main(out):
    sizes = [16, 32, 48, 256]
    images = [png_entry(n) if n == 256 else bmp_entry(n) for n in sizes]
    offset = 6 + 16 * len(sizes)
    data = struct.pack("<HHH", 0, 1, len(sizes))
    for n, img in zip(sizes, images):
        data += struct.pack("<BBBBHHII", n % 256, n % 256, 0, 0, 1, 32, len(img), offset)
        offset += len(img)
    with open(out, "wb") as f:
        f.write(data + b"".join(images))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "assets/icon.ico")

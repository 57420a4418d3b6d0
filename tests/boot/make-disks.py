#!/usr/bin/env python3
"""Writes a file system image onto raw disk images as dm-crypt and dm-stripe would, so the
guest's stack (striped across the disks, crypt on top) reads the file system back.

make-disks.py IMAGE KEY_FILE|plain CHUNK_SECTORS DISK...

KEY_FILE holds the raw key (64 bytes for AES-256-XTS), as the boot adds it to the keyring;
"plain" stripes the image unencrypted (a striped device with nothing on top).

crypt aes-xts-plain64: each 512-byte sector is encrypted with AES-XTS, its tweak the sector
number as a 64-bit little-endian integer (plain64) padded to 16 bytes. striped: chunk i of
the encrypted device goes to disk i mod N, at chunk i div N of that disk.
"""
import sys

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

SECTOR = 512


def encrypt(data: bytes, key: bytes) -> bytes:
    out = bytearray()
    for sector in range(len(data) // SECTOR):
        tweak = sector.to_bytes(16, "little")
        encryptor = Cipher(algorithms.AES(key), modes.XTS(tweak)).encryptor()
        out += encryptor.update(data[sector * SECTOR:(sector + 1) * SECTOR]) + encryptor.finalize()
    return bytes(out)


def stripe(data: bytes, chunk_sectors: int, disks: int) -> list:
    chunk = chunk_sectors * SECTOR
    parts = [bytearray() for _ in range(disks)]
    for index in range(len(data) // chunk):
        parts[index % disks] += data[index * chunk:(index + 1) * chunk]
    return parts


def main() -> int:
    image, key_file, chunk_sectors, disks = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
    with open(image, "rb") as f:
        data = f.read()
    if len(data) % (chunk_sectors * SECTOR * len(disks)):
        sys.exit(f"make-disks.py: {image} is not a whole number of stripes")
    if key_file != "plain":
        with open(key_file, "rb") as f:
            data = encrypt(data, f.read())
    for path, part in zip(disks, stripe(data, chunk_sectors, len(disks))):
        with open(path, "wb") as f:
            f.write(part)
    return 0


if __name__ == "__main__":
    sys.exit(main())

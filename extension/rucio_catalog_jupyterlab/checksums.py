"""Checksums as Rucio records them: adler32 as 8 lowercase hex digits, md5 as 32."""

from __future__ import annotations

import hashlib
import zlib

_CHUNK = 1024 * 1024


def adler32_of(path: str) -> str:
    value = 1
    with open(path, "rb") as stream:
        while chunk := stream.read(_CHUNK):
            value = zlib.adler32(chunk, value)
    return f"{value & 0xFFFFFFFF:08x}"


def md5_of(path: str) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class ChecksumMismatch(Exception):
    pass


def verify_file(path: str, adler32: str | None, md5: str | None) -> str:
    """Checks a file against Rucio's checksum (adler32 preferred, as Rucio does) and returns which one.

    Raises ChecksumMismatch with both values, or ValueError when Rucio has no checksum for the file.
    """
    if adler32:
        local = adler32_of(path)
        # Rucio stores adler32 zero-padded, but some older catalogues dropped leading zeros.
        if int(local, 16) != int(adler32, 16):
            raise ChecksumMismatch(f"adler32 mismatch for {path}: local {local}, Rucio {adler32}")
        return "adler32"
    if md5:
        local = md5_of(path)
        if local != md5.lower():
            raise ChecksumMismatch(f"md5 mismatch for {path}: local {local}, Rucio {md5}")
        return "md5"
    raise ValueError(f"Rucio has no adler32 or md5 for {path}")

import hashlib
import zlib

import pytest

from rucio_catalog_jupyterlab.checksums import ChecksumMismatch, adler32_of, md5_of, verify_file


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "sample.bin"
    # larger than one read chunk, so the running checksum is exercised
    data = bytes(range(256)) * 5000
    path.write_bytes(data)
    return path, data


def test_adler32_is_eight_lowercase_hex_digits(sample):
    path, data = sample
    assert adler32_of(str(path)) == f"{zlib.adler32(data):08x}"


def test_adler32_keeps_leading_zeros(tmp_path):
    path = tmp_path / "tiny"
    path.write_bytes(b"a")  # adler32("a") = 0x00620062
    assert adler32_of(str(path)) == "00620062"


def test_md5(sample):
    path, data = sample
    assert md5_of(str(path)) == hashlib.md5(data).hexdigest()


def test_verify_prefers_adler32_and_accepts_unpadded_values(sample):
    path, data = sample
    value = f"{zlib.adler32(data):x}".lstrip("0")
    assert verify_file(str(path), value, "not-checked") == "adler32"


def test_verify_falls_back_to_md5(sample):
    path, data = sample
    assert verify_file(str(path), None, hashlib.md5(data).hexdigest().upper()) == "md5"


def test_mismatch_names_both_values(sample):
    path, _ = sample
    with pytest.raises(ChecksumMismatch, match="local .* Rucio 0000beef"):
        verify_file(str(path), "0000beef", None)
    with pytest.raises(ChecksumMismatch, match="md5 mismatch"):
        verify_file(str(path), None, "0" * 32)


def test_no_checksum_at_all_is_an_error(sample):
    path, _ = sample
    with pytest.raises(ValueError, match="no adler32 or md5"):
        verify_file(str(path), None, None)

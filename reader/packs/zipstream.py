"""A forward-only ZIP reader that trusts nothing: every byte read once, in order.

ZIP tools find members through the central directory at the end of the file; a crafted
file can make it disagree with the members actually stored (hidden or overlapping
members, bombs that reuse the same bytes). This reader walks the local headers from the
first byte, inflates each member as it goes with its output bounded, and at the end
reads the central directory and its end record and requires them to describe exactly
the members read, at the same offsets, with the same names, sizes and CRCs, with
nothing before the first member, between members or after the end record.

What a pack needs is supported: stored and deflated members, data descriptors (written
by tools that stream), UTF-8 names. Refused: encryption, other methods, ZIP64 (packs are
capped well below 4 GiB), split archives, names that are neither ASCII nor flagged UTF-8.
Errors are :class:`~reader.packs.errors.PackError` with a French reason.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from reader.packs.errors import PackError, os_reason
from reader.packs.names import shown

CHUNK = 64 * 1024
_LOCAL = struct.Struct("<4sHHHHHIIIHH")
_CENTRAL = struct.Struct("<4sHHHHHHIIIHHHHHII")
_END = struct.Struct("<4sHHHHIIH")
_DESCRIPTOR = struct.Struct("<III")
LOCAL_SIG, CENTRAL_SIG, END_SIG = b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"
DESCRIPTOR_SIG, ZIP64_END_SIG = b"PK\x07\x08", b"PK\x06\x06"
STORED, DEFLATED = 0, 8
_FLAG_DESCRIPTOR, _FLAG_UTF8 = 0x0008, 0x0800
_FLAGS_ALLOWED = 0x0002 | 0x0004 | _FLAG_DESCRIPTOR | _FLAG_UTF8  # deflate options too
_ZIP64_EXTRA, _UNICODE_PATH_EXTRA = 0x0001, 0x7075


@dataclass(frozen=True)
class Bounds:
    """How far a member may inflate: ``max_ratio`` times what was read, beyond ``floor``."""

    max_ratio: int
    floor: int


class _Input:
    """The file read forward only, with a push-back for what inflate read too far."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self._back = b""
        self.position = 0

    def read(self, size: int) -> bytes:
        if self._back:
            data, self._back = self._back[:size], self._back[size:]
        else:
            try:
                data = self._handle.read(size)
            except OSError as error:
                raise PackError(f"lecture du paquet impossible ({os_reason(error)})") from error
        self.position += len(data)
        return data

    def exact(self, size: int) -> bytes:
        data = self.read(size)
        while len(data) < size:
            more = self.read(size - len(data))
            if not more:
                raise PackError("fichier tronqué (incomplet)")
            data += more
        return data

    def unread(self, data: bytes) -> None:
        self._back = data + self._back
        self.position -= len(data)


@dataclass(frozen=True)
class _Record:
    """What a local header said, checked against the central directory at the end."""

    raw_name: bytes
    offset: int
    flags: int
    method: int
    crc: int
    csize: int
    usize: int


class Member:
    """One member, positioned at its data: read it whole with :meth:`chunks`."""

    def __init__(
        self, source: _Input, name: str, raw_name: bytes, fields: tuple[int, ...], offset: int
    ) -> None:
        self._source = source
        self.name = name
        self.shown = shown(name)
        self.raw_name = raw_name
        self.offset = offset
        self.flags, self.method, self.crc, self.csize, self.usize = fields
        self.record: _Record | None = None  # set once read to the end

    @property
    def has_descriptor(self) -> bool:
        return bool(self.flags & _FLAG_DESCRIPTOR)

    def chunks(self, expected: int, bounds: Bounds, at_most: bool = False) -> Iterator[bytes]:
        """The member's bytes, inflated in bounded chunks: exactly ``expected`` bytes (at
        most, with ``at_most``), within ``bounds``, with the CRC and sizes that the
        headers declare. Raises :class:`PackError` on the first discrepancy."""
        if not self.has_descriptor:
            if self.usize != expected and not (at_most and self.usize <= expected):
                raise PackError(f"« {self.shown} » : taille différente de celle du manifeste")
            if self.usize > bounds.floor and self.usize > bounds.max_ratio * self.csize:
                raise PackError(f"« {self.shown} » : compression suspecte (bombe de décompression)")
        if self.method == STORED and self.has_descriptor and at_most:
            raise PackError(f"« {self.shown} » : taille inconnue (stocké avec descripteur)")
        start = self._source.position
        crc, size = 0, 0
        if self.method == STORED:
            pieces = self._stored(self.usize if not self.has_descriptor else expected)
        else:
            pieces = self._inflated(bounds)
        for piece in pieces:
            size += len(piece)
            if size > expected:
                raise PackError(f"« {self.shown} » : plus gros que ce qu'annonce le manifeste")
            crc = zlib.crc32(piece, crc)
            yield piece
        csize = self._source.position - start
        if self.has_descriptor:
            self._read_descriptor(crc, csize, size)
        elif (crc, csize, size) != (self.crc, self.csize, self.usize):
            raise PackError(f"« {self.shown} » : données abîmées (CRC ou taille incorrects)")
        if size != expected and not at_most:
            raise PackError(f"« {self.shown} » : taille différente de celle du manifeste")
        self.record = _Record(self.raw_name, self.offset, self.flags, self.method, crc, csize, size)

    def _stored(self, size: int) -> Iterator[bytes]:
        left = size
        while left:
            data = self._source.read(min(CHUNK, left))
            if not data:
                raise PackError("fichier tronqué (incomplet)")
            left -= len(data)
            yield data

    def _inflated(self, bounds: Bounds) -> Iterator[bytes]:
        left = None if self.has_descriptor else self.csize
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        pending, read, produced = b"", 0, 0
        try:
            while not inflater.eof:
                if not pending:
                    out = inflater.decompress(b"", CHUNK)  # output held back by the bound
                    if not out:
                        if left == 0:
                            raise PackError(f"« {self.shown} » : données compressées incomplètes")
                        pending = self._source.read(CHUNK if left is None else min(CHUNK, left))
                        if not pending:
                            raise PackError("fichier tronqué (incomplet)")
                        read += len(pending)
                        left = None if left is None else left - len(pending)
                        out = inflater.decompress(pending, CHUNK)
                        pending = inflater.unconsumed_tail
                else:
                    out = inflater.decompress(pending, CHUNK)
                    pending = inflater.unconsumed_tail
                produced += len(out)
                if produced > bounds.floor and produced > bounds.max_ratio * read:
                    raise PackError(
                        f"« {self.shown} » : compression suspecte (bombe de décompression)"
                    )
                if out:
                    yield out
        except zlib.error as error:
            raise PackError(f"« {self.shown} » : données compressées abîmées") from error
        rest = inflater.unused_data
        if left is None:
            self._source.unread(rest)
        elif rest or left:
            raise PackError(f"« {self.shown} » : données en trop après le fichier")

    def _read_descriptor(self, crc: int, csize: int, size: int) -> None:
        head = self._source.exact(4)
        fields = self._source.exact(8) if head != DESCRIPTOR_SIG else None
        if fields is None:
            values = _DESCRIPTOR.unpack(self._source.exact(12))
        else:
            values = _DESCRIPTOR.unpack(head + fields)
        if values != (crc, csize, size):
            raise PackError(f"« {self.shown} » : données abîmées (CRC ou taille incorrects)")
        self.crc, self.csize, self.usize = values


class ZipReader:
    """Walks a ZIP file from its first byte: :meth:`next_member` until None, reading
    each member whole, then :meth:`finish` to check the central directory."""

    def __init__(self, handle: BinaryIO, max_members: int) -> None:
        self._input = _Input(handle)
        self._max_members = max_members
        self._records: list[_Record] = []
        self._current: Member | None = None
        self._directory = -1  # offset of the central directory once reached

    @property
    def position(self) -> int:
        """Bytes of the file read so far."""
        return self._input.position

    def next_member(self) -> Member | None:
        """The next member (the previous one must have been read whole), or None at
        the central directory."""
        if self._current is not None:
            if self._current.record is None:
                raise RuntimeError("the previous member was not read to its end")
            self._records.append(self._current.record)
            self._current = None
        offset = self._input.position
        signature = self._input.read(4)
        if signature != LOCAL_SIG:
            if signature == END_SIG or (signature == CENTRAL_SIG and offset > 0):
                self._input.unread(signature)
                self._directory = offset
                return None
            if offset == 0:
                raise PackError("ce fichier n'est pas un paquet de contenu (pas une archive ZIP)")
            if len(signature) < 4:
                raise PackError("fichier tronqué (incomplet)")
            raise PackError("archive ZIP mal formée (données inattendues entre les fichiers)")
        if len(self._records) >= self._max_members:
            raise PackError("trop de fichiers dans l'archive")
        fields = _LOCAL.unpack(LOCAL_SIG + self._input.exact(_LOCAL.size - 4))
        _, _, flags, method, _, _, crc, csize, usize, name_len, extra_len = fields
        raw_name = self._input.exact(name_len)
        extra = self._input.exact(extra_len)
        name = _decode_name(raw_name, flags)
        _check_member(name, flags, method, csize, usize, extra)
        self._current = Member(
            self._input, name, raw_name, (flags, method, crc, csize, usize), offset
        )
        return self._current

    def finish(self) -> None:
        """Check that the central directory and its end record describe exactly the
        members read, and that nothing follows them."""
        if self._directory < 0:
            raise RuntimeError("finish() before the last member")
        for record in self._records:
            head = self._input.read(4)
            if head != CENTRAL_SIG:
                _truncated(head)
                raise PackError("répertoire central de l'archive incomplet ou incohérent")
            fields = _CENTRAL.unpack(head + self._input.exact(_CENTRAL.size - 4))
            (_, _, _, flags, method, _, _, crc, csize, usize) = fields[:10]
            name_len, extra_len, comment_len, disk, _, _, offset = fields[10:]
            raw_name = self._input.exact(name_len)
            _check_extra(raw_name.decode("utf-8", "replace"), self._input.exact(extra_len))
            self._input.exact(comment_len)
            declared = (raw_name, offset, method, crc, csize, usize, disk)
            actual = (record.raw_name, record.offset, record.method, record.crc)
            if declared != (*actual, record.csize, record.usize, 0) or (
                (flags ^ record.flags) & (_FLAG_DESCRIPTOR | _FLAG_UTF8)
            ):
                name = shown(raw_name.decode("utf-8", "replace"))
                raise PackError(f"répertoire central de l'archive incohérent (« {name} »)")
        end_offset = self._input.position
        head = self._input.read(4)
        if head == ZIP64_END_SIG:
            raise PackError("archive ZIP64 non prise en charge")
        if head != END_SIG:
            _truncated(head)
            raise PackError("répertoire central de l'archive incohérent (fichier en trop)")
        fields = _END.unpack(head + self._input.exact(_END.size - 4))
        _, disk, directory_disk, here, total, size, offset, comment_len = fields
        count = len(self._records)
        if (disk, directory_disk, here, total) != (0, 0, count, count) or (size, offset) != (
            end_offset - self._directory,
            self._directory,
        ):
            raise PackError("fin d'archive incohérente avec son contenu")
        self._input.exact(comment_len)
        if self._input.read(1):
            raise PackError("données inattendues après la fin de l'archive")


def _truncated(head: bytes) -> None:
    if len(head) < 4:
        raise PackError("fichier tronqué (incomplet)")


def _decode_name(raw: bytes, flags: int) -> str:
    try:
        return raw.decode("utf-8") if flags & _FLAG_UTF8 else raw.decode("ascii")
    except UnicodeDecodeError:
        name = shown(raw.decode("utf-8", "replace"))
        raise PackError(f"nom de fichier mal encodé « {name} » (UTF-8 attendu)") from None


def _check_member(name: str, flags: int, method: int, csize: int, usize: int, extra: bytes) -> None:
    if flags & 0x0001 or flags & 0x0040 or flags & 0x2000:
        raise PackError(f"« {shown(name)} » est chiffré")
    if flags & ~_FLAGS_ALLOWED:
        raise PackError(f"« {shown(name)} » : option ZIP non prise en charge")
    if method not in (STORED, DEFLATED):
        raise PackError(f"« {shown(name)} » : méthode de compression {method} non prise en charge")
    if method == STORED and not flags & _FLAG_DESCRIPTOR and csize != usize:
        raise PackError(f"« {shown(name)} » : tailles incohérentes")
    if 0xFFFFFFFF in (csize, usize):
        raise PackError("archive ZIP64 non prise en charge")
    _check_extra(name, extra)


def _check_extra(name: str, extra: bytes) -> None:
    """Refuse the extra fields that would make other tools see another member: ZIP64
    sizes, and a second (Unicode) name that most unzip tools prefer to the header's."""
    at = 0
    while at + 4 <= len(extra):
        kind, size = struct.unpack_from("<HH", extra, at)
        if kind == _ZIP64_EXTRA:
            raise PackError("archive ZIP64 non prise en charge")
        if kind == _UNICODE_PATH_EXTRA:
            raise PackError(f"« {shown(name)} » porte un second nom (champ Unicode Path)")
        at += 4 + size

"""What one stream has sent, read from the Server-Sent Events it writes, so that it never sends
an event twice.

A stream that opens (or falls behind) reads its channels' events from storage, and the same
events may also come to it live: a publish that arrives just after that read, or a repair
(``live.delivery``). django-eventstream writes each event with the position of every channel
of the stream in its id (``store-3:12`` or ``table-5:8,menu-3:2``); an event that moves no
channel's position forward has been sent already, and is left out. The ids written carry, for
each channel, the furthest position sent, so a client that reconnects resumes from there.
"""

from __future__ import annotations

ID_PREFIX = b"id: "


class SentEvents:
    """The furthest event id sent on each channel of one stream."""

    def __init__(self) -> None:
        self.positions: dict[bytes, int] = {}

    def new_only(self, chunk: bytes) -> bytes:
        """``chunk`` without the events already sent, their ids made the furthest positions."""
        if ID_PREFIX not in chunk:
            return chunk
        kept = (self._unsent(block) for block in chunk.split(b"\n\n"))
        return b"".join(block + b"\n\n" for block in kept if block)

    def _unsent(self, block: bytes) -> bytes | None:
        lines = block.split(b"\n")
        for index, line in enumerate(lines):
            if line.startswith(ID_PREFIX):
                positions = _positions(line[len(ID_PREFIX) :])
                if not any(self.positions.get(ch, -1) < n for ch, n in positions.items()):
                    return None
                for channel, number in positions.items():
                    self.positions[channel] = max(number, self.positions.get(channel, -1))
                lines[index] = ID_PREFIX + _id(self.positions)
                return b"\n".join(lines)
        return block


def _positions(value: bytes) -> dict[bytes, int]:
    positions = {}
    for part in value.split(b","):
        channel, _, number = part.rpartition(b":")
        positions[channel] = int(number)
    return positions


def _id(positions: dict[bytes, int]) -> bytes:
    return b",".join(channel + b":" + str(number).encode() for channel, number in positions.items())

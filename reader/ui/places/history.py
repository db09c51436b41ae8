"""Back and forward through what the answer pane showed: a pure list with a cursor."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class History:
    """Places visited, oldest first; ``visit`` drops the forward part, like a browser."""

    limit: int = 200
    _entries: list[str] = field(default_factory=list)
    _index: int = -1

    @property
    def current(self) -> str | None:
        return self._entries[self._index] if self._index >= 0 else None

    def visit(self, place: str) -> None:
        if place == self.current:
            return
        del self._entries[self._index + 1 :]
        self._entries.append(place)
        if len(self._entries) > self.limit:
            del self._entries[0]
        self._index = len(self._entries) - 1

    def can_go_back(self) -> bool:
        return self._index > 0

    def can_go_forward(self) -> bool:
        return self._index < len(self._entries) - 1

    def back(self) -> str | None:
        if not self.can_go_back():
            return None
        self._index -= 1
        return self.current

    def forward(self) -> str | None:
        if not self.can_go_forward():
            return None
        self._index += 1
        return self.current

    def clear(self) -> None:
        self._entries.clear()
        self._index = -1

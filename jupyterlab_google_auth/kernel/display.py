"""Showing a MIME bundle in the cell's output and replacing it when a wait ends.

Shared by ``authenticate()`` and ``userdata.get``: both display a bundle the front end renders,
wait, then replace it with the outcome.
"""

from __future__ import annotations

from typing import Any


def show(data: dict[str, Any]) -> Any:
    """A display handle, so the bundle can be replaced when the wait ends."""
    try:
        from IPython.display import display
    except ImportError:  # plain Python: say what to do, there is nothing to render
        print(data["text/plain"])
        return None
    return display(data, raw=True, display_id=True)


def update(handle: Any, data: dict[str, Any]) -> None:
    if handle is not None:
        handle.update(data, raw=True)

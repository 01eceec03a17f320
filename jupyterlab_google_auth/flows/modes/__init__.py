"""The sign-in modes, one class per file; the registry instantiates each listed class.

To add a mode (gcloud, say): write ``gcloud.py`` with a :class:`~.base.Mode` subclass and add it to
``MODE_CLASSES``. The names the API knows are listed in ``KNOWN_MODES`` so that a known but
missing mode answers "not available" rather than "unknown".
"""

from ... import names
from .base import Mode, ModeContext
from .gcloud import GcloudMode
from .loopback import LoopbackMode
from .notebook import NotebookMode
from .paste_url import PASTE_REDIRECT_URI, PasteUrlMode

KNOWN_MODES = names.MODES
MODE_CLASSES: tuple[type[Mode], ...] = (LoopbackMode, NotebookMode, PasteUrlMode, GcloudMode)

__all__ = [
    "KNOWN_MODES",
    "MODE_CLASSES",
    "PASTE_REDIRECT_URI",
    "GcloudMode",
    "LoopbackMode",
    "Mode",
    "ModeContext",
    "NotebookMode",
    "PasteUrlMode",
]

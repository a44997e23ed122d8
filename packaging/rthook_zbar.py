# PyInstaller runtime hook: let pyzbar find the libzbar.so.0 that the Linux bundle carries.
# pyzbar asks ctypes.util.find_library("zbar"), which on Linux searches only the system
# (ldconfig), so a laptop without the libzbar0 package would lose the second decoder.
import ctypes.util
import os
import sys

_bundled = os.path.join(getattr(sys, "_MEIPASS", ""), "libzbar.so.0")
if sys.platform.startswith("linux") and os.path.isfile(_bundled):
    _system_find_library = ctypes.util.find_library

    def _find_library(name):
        return _bundled if name == "zbar" else _system_find_library(name)

    ctypes.util.find_library = _find_library

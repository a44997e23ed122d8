"""The decoder names, in a module that imports nothing: the command line lists them without
loading numpy and the decoders (a fifth of a second on every command)."""

DECODER_NAMES = ("pyzbar", "zxing")
DEFAULT_DECODER = "zxing"

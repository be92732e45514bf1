"""Host names as rules and learning compare them: lower case, in ASCII.

An internationalised host ("bücher.example") is written in URLs and rule files as
it reads, and on the wire as IDNA ("xn--bcher-kva.example"); both forms name one
host, so both are compared in the second."""

from __future__ import annotations


def ascii_host(name: str) -> str:
    """`name` lower-cased, in IDNA ASCII when it holds other letters; as it is (lower-
    cased) when it cannot be encoded (an empty or over-long label): the caller's
    host-name check then refuses it."""
    name = name.lower()
    if name.isascii():
        return name
    try:
        return name.encode("idna").decode("ascii")
    except UnicodeError:
        return name

"""Pure protocol code shared by the SDK and the local server: no I/O, no clock, no randomness.

Our "hazmat" layer: SRP maths (:mod:`.srp`), the claim timestamp (:mod:`.timestamp`), the app
client SECRET_HASH (:mod:`.secret_hash`) and the modular exponentiation backend (:mod:`.modexp`).
"""

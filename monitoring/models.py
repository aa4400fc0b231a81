"""The monitoring app has no models of its own: it reads the reporting app's tables."""

"""The live text-and-image broadcast (图文直播): entries posted from the console, read through a
cache-friendly poll, rehearsed on a private stream and compiled into the session's transcript."""

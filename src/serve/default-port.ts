// Does: the dashboard's default port, in a file with no imports so the CLI can name it without loading the server.
// Does not: choose a port at run time (0 picks a free one; startServer does that).

/** The default port of `mercator serve` and of the dashboard `mercator demo` ends with. */
export const DEFAULT_PORT = 8501;

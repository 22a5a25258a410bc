/** Turns a failed `listen()` into the one line a person needs, or undefined if it is not a bind failure. */
export function describeListenError(error: unknown, host: string, port: number): string | undefined {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  if (code === 'EADDRINUSE') {
    return `port ${port} on ${host} is already in use; stop the other process, or set PORT (or --port) to another port, 0 for any free one`;
  }
  if (code === 'EACCES') {
    return `not allowed to listen on ${host}:${port}; use a port above 1023`;
  }
  if (code === 'EADDRNOTAVAIL') {
    return `${host} is not an address of this machine; set HOST (or --host) to one that is, e.g. 127.0.0.1`;
  }
  return undefined;
}

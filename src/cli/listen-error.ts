import type { CliIo } from './io.ts';

interface Listenable {
  listen(): Promise<{ url: string }>;
  close(): Promise<void>;
}

/**
 * Starts listening and returns the URL; on a bind failure closes the app, prints the one line that says
 * what to change and returns undefined. Any other failure is not the person's to fix here, so it throws.
 */
export async function listenOrExplain(app: Listenable, where: { host: string; port: number }, command: string, io: CliIo): Promise<string | undefined> {
  try {
    return (await app.listen()).url;
  } catch (error) {
    await app.close();
    const line = describeListenError(error, where.host, where.port);
    if (line === undefined) throw error;
    io.err(`auth0-graph ${command}: ${line}`);
    return undefined;
  }
}

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

import { createConnection } from 'node:net';

/** One bounded attempt; a port held by something that is not Redis answers no `+PONG` and counts as no Redis. */
const PING_BOUND_MS = 1_000;

/** Whether a Redis answers PING at host:port. Plain RESP over a socket: no client, so no reconnect loop to tame. */
export function pingRedis(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    let reply = '';
    const settle = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(PING_BOUND_MS, () => settle(false));
    socket.once('error', () => settle(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) settle(reply.startsWith('+PONG'));
    });
  });
}

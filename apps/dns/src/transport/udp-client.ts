import dgram from 'node:dgram';
import net from 'node:net';
import { BatchSocket, chooseUdpIo } from './batch.js';

/** A UDP socket connected to one server (an upstream resolver): answers from any other address never arrive. */
export interface ConnectedUdp {
  send(packet: Buffer): void;
  close(): Promise<void>;
}

/**
 * Connects to host:port on `io`. With batch I/O the questions a batch of queries sends leave together in one
 * sendmmsg and the answers come back many per read; a server given by name (not an IP literal) uses dgram,
 * which looks it up.
 */
export async function connectUdp(
  host: string,
  port: number,
  onMessage: (msg: Buffer) => void,
  io: 'batch' | 'dgram' = chooseUdpIo(),
): Promise<ConnectedUdp> {
  const ip = net.isIP(host);
  if (io === 'batch' && ip !== 0) {
    // Each answer in its own ArrayBuffer, as dgram's: prepareResponse keeps it without a copy.
    const socket = new BatchSocket(
      ip === 6 ? 6 : 4,
      ip === 6 ? '::' : '0.0.0.0',
      0,
      (msg) => onMessage(msg),
      true,
    );
    try {
      socket.connect(host, port);
    } catch (err) {
      await socket.close();
      throw err;
    }
    return { send: (packet) => socket.send(packet), close: () => socket.close() };
  }
  const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
  socket.on('message', onMessage);
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve();
    });
    socket.bind(0, () => socket.connect(port, host));
  });
  socket.on('error', () => {}); // ICMP unreachable and the like: the timeout handles it
  return {
    send: (packet) => {
      try {
        socket.send(packet);
      } catch {
        // Closed meanwhile (shutdown): the sweeper or close() ends the question.
      }
    },
    close: () => new Promise<void>((r) => socket.close(() => r())),
  };
}

// The ceiling for any Node resolver on this machine: a UDP responder that answers every query with
// NXDOMAIN and does nothing else (the "bare Node UDP responder" anchor).
import dgram from 'node:dgram';
const s = dgram.createSocket('udp4');
s.on('message', (m, r) => {
  if (m.length < 12) return;
  const o = Buffer.allocUnsafe(m.length);
  m.copy(o);
  o[2] = o[2]! | 0x80;
  o[3] = 0x80 | 3;
  s.send(o, r.port, r.address);
});
s.bind(Number(process.argv[2] ?? 5364), '127.0.0.1');

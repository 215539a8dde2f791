/** Parses `host`, `host:port`, `[v6]:port` or a bare IPv6 address (which has no port). */
export function parseHostPort(s: string, defaultPort: number): { host: string; port: number } {
  const t = s.trim();
  const bracket = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(t);
  if (bracket) return { host: bracket[1]!, port: bracket[2] ? Number(bracket[2]) : defaultPort };
  const colons = t.split(':').length - 1;
  if (colons === 1) {
    const [host, port] = t.split(':');
    return { host: host!, port: Number(port) };
  }
  return { host: t, port: defaultPort };
}

import net from 'node:net';

// Any outbound connection other than loopback fails the test: the suite must never need the internet.
const originalConnect = net.Socket.prototype.connect;
const LOOPBACK = /^(127\.|::1$|localhost$|::ffff:127\.)/;
net.Socket.prototype.connect = function patchedConnect(this: net.Socket, ...args: unknown[]) {
  const first = args[0] as { host?: string; path?: string } | number | string | undefined;
  let host: string | undefined;
  if (typeof first === 'object' && first !== null) host = first.path ? 'unix' : first.host;
  else if (typeof first === 'number') host = typeof args[1] === 'string' ? args[1] : 'localhost';
  else if (typeof first === 'string') host = 'unix';
  if (host !== undefined && host !== 'unix' && !LOOPBACK.test(host)) {
    throw new Error(`unexpected outbound network call to ${host} in a test`);
  }
  // biome-ignore lint/suspicious/noExplicitAny: forwarding the overloaded signature unchanged
  return (originalConnect as any).apply(this, args);
} as typeof net.Socket.prototype.connect;

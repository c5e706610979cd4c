import net from 'node:net';

/** A printer on 127.0.0.1 that swallows each job and closes its side when the job has arrived. */
export async function startPrinterSink(): Promise<{
  port: number;
  jobs: () => number;
  close: () => Promise<void>;
}> {
  let jobs = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => {});
    socket.on('error', () => {});
    socket.once('end', () => {
      jobs++;
      socket.end();
    });
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    jobs: () => jobs,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The least a client can do: connect, write the bytes, half-close, wait for the printer to close. */
export function rawSend(port: number, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.end(bytes));
    socket.on('data', () => {});
    socket.once('error', reject);
    socket.once('close', (hadError) => (hadError ? reject(new Error('raw send failed')) : resolve()));
  });
}

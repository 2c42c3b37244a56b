/**
 * The site's client of the CMS, against a real socket that resets the first connection, as a
 * kept-alive connection closed by the CMS at the moment the site reuses it does.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { CmsUnreachableError, fetchCms } from '../site/src/lib/cms';

let server: Server;
let url: URL;
let connections = 0;

beforeAll(async () => {
  server = createServer((socket: Socket) => {
    connections += 1;
    const first = connections % 2 === 1;
    socket.once('data', () => {
      if (first) return socket.resetAndDestroy();
      socket.end(
        'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\nConnection: close\r\n\r\n{"ok":true}',
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/pages`);
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  connections = 0;
});

test('a read reset by the CMS is sent again once, and answers', async () => {
  const response = await fetchCms(url);
  expect(await response.json()).toEqual({ ok: true });
  expect(connections).toBe(2);
});

test('a write reset by the CMS is not sent again: the person is told the CMS did not answer', async () => {
  await expect(fetchCms(url, { method: 'POST', body: '{}' })).rejects.toBeInstanceOf(CmsUnreachableError);
  expect(connections).toBe(1);
});

/**
 * The headers of a baseline JPEG (SOI, JFIF, a comment carrying `seed`, SOF0 with the size, EOI):
 * enough for the station's image check to read its type and size, and a different hash per seed.
 */
export function tinyJpeg(seed: number, width = 640, height = 480): Buffer {
  const comment = Buffer.from(`bench photo ${String(seed)}`, 'ascii');
  const com = Buffer.concat([Buffer.from([0xff, 0xfe, 0, comment.length + 2]), comment]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    com,
    Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 3]),
    Buffer.from([1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]),
    Buffer.from([0xff, 0xd9]),
  ]);
}

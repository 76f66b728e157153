// A strict reader of the PNGs feige serves for QR codes: the signature,
// each chunk's CRC-32, IHDR, the one IDAT inflated, every scanline's
// filter byte; then the module matrix of the QR code inside (quiet zone
// checked white), ready for tests/browser/lib/qr.mjs decodeQr().
import assert from 'node:assert/strict';
import zlib from 'node:zlib';

const SIG = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

/** Parse a PNG buffer; throws on anything not well-formed. */
export function readPng(buf) {
  assert.ok(buf.subarray(0, 8).equals(SIG), 'PNG signature');
  const chunks = [];
  let off = 8;
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    const crc = buf.readUInt32BE(off + 8 + len);
    assert.equal(crc, zlib.crc32(buf.subarray(off + 4, off + 8 + len)), `CRC of ${type}`);
    chunks.push({ type, data });
    off += 12 + len;
  }
  assert.equal(off, buf.length, 'chunks end at the end of the file');
  assert.deepEqual(chunks.map((c) => c.type), ['IHDR', 'IDAT', 'IEND']);
  const h = chunks[0].data;
  const png = {
    width: h.readUInt32BE(0), height: h.readUInt32BE(4), depth: h[8], color: h[9],
    compression: h[10], filter: h[11], interlace: h[12],
  };
  const raw = zlib.inflateSync(chunks[1].data);
  const stride = 1 + Math.ceil((png.width * png.depth) / 8);
  assert.equal(raw.length, stride * png.height, 'one scanline per row');
  for (let y = 0; y < png.height; y++) assert.equal(raw[y * stride], 0, `row ${y} filter None`);
  png.dark = (x, y) => !(raw[y * stride + 1 + (x >> 3)] & (0x80 >> (x & 7)));
  return png;
}

/** The modules of a 1-bit QR PNG with a 4-module quiet zone: {scale, matrix}. */
export function qrModules(png) {
  let x0 = 0;
  while (x0 < png.width && !png.dark(x0, x0)) x0++;
  let run = 0;
  while (png.dark(x0 + run, x0)) run++;
  const scale = run / 7;
  assert.equal(x0, 4 * scale, 'quiet zone of four modules');
  const n = png.width / scale - 8;
  const matrix = [];
  for (let r = 0; r < n; r++) {
    const row = [];
    for (let c = 0; c < n; c++) row.push(png.dark(x0 + c * scale + (scale >> 1), x0 + r * scale + (scale >> 1)));
    matrix.push(row);
  }
  return { scale, matrix };
}

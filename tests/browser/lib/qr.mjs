// A small QR code reader for the tests: enough to read back the links
// feige's QR codes encode (versions 1-10, any error-correction level,
// numeric, alphanumeric and byte segments), from a clean module matrix
// such as one sampled from the rendered image.  It corrects no errors: it
// checks the format information's BCH code and fails on anything it does
// not expect, so a wrong reading is an error rather than a wrong string.
// The layout follows ISO/IEC 18004 (Nayuki's QR Code generator is a
// readable reference for the same rules).
//
//   const text = decodeQr(matrix);   // matrix[y][x] true = dark
//   const m = await qrMatrix(page, src);   // an image drawn in Chromium

// [L, M, Q, H] per version 1..10: error-correction codewords per block, blocks
const ECC_PER_BLOCK = [
  null,
  [7, 10, 13, 17], [10, 16, 22, 28], [15, 26, 18, 22], [20, 18, 26, 16], [26, 24, 18, 22],
  [18, 16, 24, 28], [20, 18, 18, 26], [24, 22, 22, 26], [30, 22, 20, 24], [18, 26, 24, 28],
];
const BLOCKS = [
  null,
  [1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 2, 2], [1, 2, 2, 4], [1, 2, 4, 4],
  [2, 4, 4, 4], [2, 4, 6, 5], [2, 4, 6, 6], [2, 5, 8, 8], [4, 5, 8, 8],
];
// format bits of the levels, as the order of the tables above
const LEVEL_BITS = [1, 0, 3, 2];
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

function alignmentPositions(ver, size) {
  if (ver === 1) return [];
  const n = Math.floor(ver / 7) + 2;
  const step = Math.ceil((ver * 4 + 4) / (n * 2 - 2)) * 2;
  const out = [6];
  for (let pos = size - 7; out.length < n; pos -= step) out.splice(1, 0, pos);
  return out;
}

function rawDataModules(ver) {
  let r = (16 * ver + 128) * ver + 64;
  if (ver >= 2) {
    const n = Math.floor(ver / 7) + 2;
    r -= (25 * n - 10) * n - 55;
    if (ver >= 7) r -= 36;
  }
  return r;
}

function formatBits(data5) {
  let rem = data5;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  return ((data5 << 10) | rem) ^ 0x5412;
}

const MASKS = [
  (x, y) => (x + y) % 2 === 0,
  (x, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];

/** Read a QR code's text from its module matrix (rows of booleans, no quiet zone). */
export function decodeQr(m) {
  const size = m.length;
  const ver = (size - 17) / 4;
  if (!Number.isInteger(ver) || ver < 1 || ver > 10) throw new Error(`QR: size ${size} is not a version 1-10 symbol`);
  for (const row of m) if (row.length !== size) throw new Error('QR: the matrix is not square');
  const at = (x, y) => !!m[y][x];

  // format information, first copy (around the top-left finder), and its check
  let bits = 0;
  const put = (i, x, y) => (bits |= (at(x, y) ? 1 : 0) << i);
  for (let i = 0; i <= 5; i++) put(i, 8, i);
  put(6, 8, 7);
  put(7, 8, 8);
  put(8, 7, 8);
  for (let i = 9; i < 15; i++) put(i, 14 - i, 8);
  const data5 = (bits ^ 0x5412) >>> 10;
  if (formatBits(data5) !== bits) throw new Error(`QR: bad format information 0x${bits.toString(16)}`);
  let bits2 = 0;
  for (let i = 0; i < 8; i++) bits2 |= (at(size - 1 - i, 8) ? 1 : 0) << i;
  for (let i = 8; i < 15; i++) bits2 |= (at(8, size - 15 + i) ? 1 : 0) << i;
  if (bits2 !== bits) throw new Error('QR: the two copies of the format information differ');
  const level = LEVEL_BITS.indexOf(data5 >>> 3);
  const mask = MASKS[data5 & 7];

  // which modules are function patterns
  const fn = Array.from({ length: size }, () => new Array(size).fill(false));
  const mark = (x, y) => x >= 0 && y >= 0 && x < size && y < size && (fn[y][x] = true);
  for (let i = 0; i < size; i++) {
    mark(6, i);
    mark(i, 6);
  }
  // finders with their separators and the format information: 9x9 at the
  // top left, 8 wide by 9 high at the top right, 9 wide by 8 high at the
  // bottom left (with the dark module)
  for (let y = 0; y < 9; y++) for (let x = 0; x < 9; x++) {
    mark(x, y);
    if (x < 8) mark(size - 1 - x, y);
    if (y < 8) mark(x, size - 1 - y);
  }
  const al = alignmentPositions(ver, size);
  for (let i = 0; i < al.length; i++) for (let j = 0; j < al.length; j++) {
    const last = al.length - 1;
    if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) continue;
    for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) mark(al[i] + dx, al[j] + dy);
  }
  if (ver >= 7) {
    for (let i = 0; i < 18; i++) {
      const a = size - 11 + (i % 3), b = Math.floor(i / 3);
      mark(a, b);
      mark(b, a);
    }
  }

  // the codewords, in the zigzag order, unmasked
  const nCodewords = Math.floor(rawDataModules(ver) / 8);
  const stream = new Array(nCodewords).fill(0);
  let k = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    for (let vert = 0; vert < size; vert++) {
      for (let j = 0; j < 2; j++) {
        const x = right - j;
        const upward = ((right + 1) & 2) === 0;
        const y = upward ? size - 1 - vert : vert;
        if (fn[y][x] || k >= nCodewords * 8) continue;
        const bit = at(x, y) !== mask(x, y);
        if (bit) stream[k >>> 3] |= 0x80 >>> (k & 7);
        k++;
      }
    }
  }
  if (k !== nCodewords * 8) throw new Error(`QR: read ${k} data bits, expected ${nCodewords * 8}`);

  // de-interleave the data codewords (short blocks first)
  const nBlocks = BLOCKS[ver][level];
  const eccLen = ECC_PER_BLOCK[ver][level];
  const shortLen = Math.floor(nCodewords / nBlocks);
  const nShort = nBlocks - (nCodewords % nBlocks);
  const dataLen = (b) => shortLen - eccLen + (b < nShort ? 0 : 1);
  const blocks = Array.from({ length: nBlocks }, () => []);
  let p = 0;
  for (let i = 0; i < shortLen - eccLen + 1; i++) {
    for (let b = 0; b < nBlocks; b++) if (i < dataLen(b)) blocks[b].push(stream[p++]);
  }
  const data = blocks.flat();

  // the segments
  let pos = 0;
  const total = data.length * 8;
  const read = (n) => {
    if (pos + n > total) throw new Error('QR: a segment runs past the data');
    let v = 0;
    for (let i = 0; i < n; i++, pos++) v = (v << 1) | ((data[pos >>> 3] >>> (7 - (pos & 7))) & 1);
    return v;
  };
  const bytes = [];
  while (pos + 4 <= total) {
    const mode = read(4);
    if (mode === 0) break;
    if (mode === 1) {
      let n = read(ver < 10 ? 10 : 12);
      for (; n >= 3; n -= 3) bytes.push(...Buffer.from(String(read(10)).padStart(3, '0')));
      if (n === 2) bytes.push(...Buffer.from(String(read(7)).padStart(2, '0')));
      if (n === 1) bytes.push(...Buffer.from(String(read(4))));
    } else if (mode === 2) {
      let n = read(ver < 10 ? 9 : 11);
      for (; n >= 2; n -= 2) {
        const v = read(11);
        bytes.push(ALNUM.charCodeAt(Math.floor(v / 45)), ALNUM.charCodeAt(v % 45));
      }
      if (n === 1) bytes.push(ALNUM.charCodeAt(read(6)));
    } else if (mode === 4) {
      const n = read(ver < 10 ? 8 : 16);
      for (let i = 0; i < n; i++) bytes.push(read(8));
    } else {
      throw new Error(`QR: unexpected segment mode ${mode}`);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * Draw src (same origin, or a data: URI) on a canvas in the page and
 * sample the QR modules: {natural: [w, h], matrix} with the matrix for
 * decodeQr(), null when the image is blank.
 */
export async function qrImage(page, src) {
  return page.evaluate(async (url) => {
    const img = new Image();
    await new Promise((res, rej) => {
      img.onload = res;
      img.onerror = () => rej(new Error('image failed: ' + url));
      img.src = url;
    });
    const W = img.naturalWidth, H = img.naturalHeight;
    const cv = document.createElement('canvas');
    cv.width = W;
    cv.height = H;
    const cx = cv.getContext('2d');
    cx.fillStyle = '#fff';
    cx.fillRect(0, 0, W, H);
    cx.drawImage(img, 0, 0, W, H);
    const px = cx.getImageData(0, 0, W, H).data;
    const dark = (x, y) => px[(y * W + x) * 4] < 128;
    // the symbol's bounds, and the module size from the top-left finder (7 modules)
    let x0 = W, y0 = H, x1 = -1;
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (dark(x, y)) {
      x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x);
    }
    if (x1 < 0) return { natural: [W, H], matrix: null };
    let run = 0;
    while (x0 + run < W && dark(x0 + run, y0)) run++;
    const mod = run / 7, n = Math.round((x1 - x0 + 1) / mod), m = [];
    for (let r = 0; r < n; r++) {
      const row = [];
      for (let c = 0; c < n; c++) row.push(dark(Math.floor(x0 + (c + 0.5) * mod), Math.floor(y0 + (r + 0.5) * mod)));
      m.push(row);
    }
    return { natural: [W, H], matrix: m };
  }, src);
}

/** qrImage()'s matrix alone. */
export async function qrMatrix(page, src) {
  return (await qrImage(page, src)).matrix;
}

// Small real files for upload tests: office documents are zips whose entries say what they are.
const encoder = new TextEncoder();

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A zip with stored (uncompressed) entries. */
export function zip(entries: [name: string, content: string][]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [name, content] of entries) {
    const n = encoder.encode(name);
    const d = encoder.encode(content);
    const header = new DataView(new ArrayBuffer(30));
    header.setUint32(0, 0x04034b50, true);
    header.setUint16(4, 20, true);
    header.setUint32(14, crc32(d), true);
    header.setUint32(18, d.length, true);
    header.setUint32(22, d.length, true);
    header.setUint16(26, n.length, true);
    parts.push(new Uint8Array(header.buffer), n, d);
  }
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

const contentTypes = (main: string) =>
  `<?xml version="1.0"?><Types><Override ContentType="application/vnd.openxmlformats-officedocument.${main}+xml"/></Types>`;

export const SAMPLE_FILES = {
  docx: zip([
    ['[Content_Types].xml', contentTypes('wordprocessingml.document.main')],
    ['word/document.xml', '<w/>'],
  ]),
  xlsx: zip([
    ['[Content_Types].xml', contentTypes('spreadsheetml.sheet.main')],
    ['xl/workbook.xml', '<x/>'],
  ]),
  zip: zip([['readme.txt', 'hello']]),
  /** An old Office document (compound file): the extension says which. */
  doc: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(600).fill(0)]),
  gif: encoder.encode(`GIF89a${'x'.repeat(20)}`),
  pdf: encoder.encode('%PDF-1.7 hello'),
  exe: new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03]),
  svg: encoder.encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
};

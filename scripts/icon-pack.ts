// Packs PNG images into the two icon containers the installers need: .ico (Windows) and .icns (macOS).
// Both formats accept PNG payloads (ICO since Windows Vista, ICNS since OS X 10.7), so no pixel
// conversion is needed; readers are here too, so the unit test can check what was written.

/** Sizes a Windows .ico carries: Explorer, taskbar, Start menu, and the 256 px tile. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const

/** macOS icon types by PNG side length (the @2x types share a side with the next size up). */
export const ICNS_TYPES: ReadonlyArray<{ type: string; size: number }> = [
  { type: 'icp4', size: 16 },
  { type: 'icp5', size: 32 },
  { type: 'ic11', size: 32 }, // 16@2x
  { type: 'icp6', size: 64 },
  { type: 'ic12', size: 64 }, // 32@2x
  { type: 'ic07', size: 128 },
  { type: 'ic08', size: 256 },
  { type: 'ic13', size: 256 }, // 128@2x
  { type: 'ic09', size: 512 },
  { type: 'ic14', size: 512 }, // 256@2x
  { type: 'ic10', size: 1024 }, // 512@2x
]

export function packIco(images: ReadonlyArray<{ size: number; png: Buffer }>): Buffer {
  const header = Buffer.alloc(6)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2) // 1 = icon
  header.writeUInt16LE(images.length, 4)
  const entries: Buffer[] = []
  let offset = 6 + 16 * images.length
  for (const { size, png } of images) {
    const e = Buffer.alloc(16)
    e.writeUInt8(size >= 256 ? 0 : size, 0) // 0 means 256
    e.writeUInt8(size >= 256 ? 0 : size, 1)
    e.writeUInt8(0, 2) // no palette
    e.writeUInt8(0, 3)
    e.writeUInt16LE(1, 4) // colour planes
    e.writeUInt16LE(32, 6) // bits per pixel
    e.writeUInt32LE(png.length, 8)
    e.writeUInt32LE(offset, 12)
    offset += png.length
    entries.push(e)
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)])
}

export function packIcns(images: ReadonlyArray<{ type: string; png: Buffer }>): Buffer {
  const chunks = images.map(({ type, png }) => {
    const head = Buffer.alloc(8)
    head.write(type, 0, 'ascii')
    head.writeUInt32BE(png.length + 8, 4)
    return Buffer.concat([head, png])
  })
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'ascii')
  head.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4)
  return Buffer.concat([head, ...chunks])
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || png.toString('latin1', 1, 4) !== 'PNG' || png.toString('ascii', 12, 16) !== 'IHDR') throw new Error('not a PNG')
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

export function readIco(buf: Buffer): Array<{ size: number; png: Buffer }> {
  if (buf.readUInt16LE(0) !== 0 || buf.readUInt16LE(2) !== 1) throw new Error('not an .ico file')
  const out: Array<{ size: number; png: Buffer }> = []
  for (let i = 0; i < buf.readUInt16LE(4); i++) {
    const at = 6 + 16 * i
    const length = buf.readUInt32LE(at + 8)
    const offset = buf.readUInt32LE(at + 12)
    out.push({ size: buf.readUInt8(at) || 256, png: buf.subarray(offset, offset + length) })
  }
  return out
}

export function readIcns(buf: Buffer): Array<{ type: string; png: Buffer }> {
  if (buf.toString('ascii', 0, 4) !== 'icns' || buf.readUInt32BE(4) !== buf.length) throw new Error('not an .icns file')
  const out: Array<{ type: string; png: Buffer }> = []
  for (let at = 8; at < buf.length; ) {
    const length = buf.readUInt32BE(at + 4)
    out.push({ type: buf.toString('ascii', at, at + 4), png: buf.subarray(at + 8, at + length) })
    at += length
  }
  return out
}

import jpeg from 'jpeg-js'
import { PNG } from 'pngjs'

/** A real JPEG: a left half red, right half blue, so a thumbnail's colours can be checked. */
export function jpegOf(width: number, height: number, quality = 90): Buffer {
  const data = Buffer.alloc(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4
      const left = x < width / 2
      data[i] = left ? 230 : 20
      data[i + 1] = 20
      data[i + 2] = left ? 20 : 230
      data[i + 3] = 255
    }
  }
  return jpeg.encode({ width, height, data }, quality).data
}

export function pngOf(width: number, height: number): Buffer {
  const png = new PNG({ width, height })
  for (let i = 0; i < width * height; i++) {
    png.data[i * 4] = 30
    png.data[i * 4 + 1] = 200
    png.data[i * 4 + 2] = 30
    png.data[i * 4 + 3] = 255
  }
  return PNG.sync.write(png)
}

/** A minimal PDF: only its first bytes matter to the type check. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1')
/** The first box of a phone's HEIC photo. */
export const HEIC = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'), Buffer.alloc(64)])

/** A PNG header that claims a huge image, with no pixels behind it. */
export function hugePngHeader(width: number, height: number): Buffer {
  const png = pngOf(1, 1)
  png.writeUInt32BE(width, 16)
  png.writeUInt32BE(height, 20)
  return png
}

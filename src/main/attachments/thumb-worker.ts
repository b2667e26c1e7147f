// A worker thread (thumbnails.ts starts it): decodes one JPEG, PNG or HEIC photo and encodes a
// smaller JPEG (a thumbnail, or a report figure of a HEIC photo), so a big photo's decoding never
// holds up the main process. JavaScript and WebAssembly (jpeg-js, pngjs, heic-decode's libheif):
// nothing to rebuild for Electron. The caller has already refused JPEG and PNG over the pixel
// limit; a HEIC's size is known only here, so it is checked here, before decoding.
import { parentPort, workerData } from 'node:worker_threads'
import decodeHeic from 'heic-decode'
import jpeg from 'jpeg-js'
import { PNG } from 'pngjs'

export interface ThumbRequest {
  bytes: Uint8Array
  mime: 'image/jpeg' | 'image/png' | 'image/heic'
  size: number
  maxMegapixels: number
}
export type ThumbReply = { ok: true; jpeg: Uint8Array; width: number; height: number } | { ok: false; error: string }

interface Rgba {
  width: number
  height: number
  data: Uint8Array
}

async function decode(req: ThumbRequest): Promise<Rgba> {
  if (req.mime === 'image/heic') {
    const [first] = await decodeHeic.all({ buffer: req.bytes })
    if (!first) throw new Error('The HEIC file holds no image')
    const mp = (first.width * first.height) / 1e6
    if (mp > req.maxMegapixels) throw new Error(`The image is ${first.width} × ${first.height} pixels, over ${req.maxMegapixels} megapixels`)
    const img = await first.decode()
    return { width: img.width, height: img.height, data: new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength) }
  }
  if (req.mime === 'image/jpeg') {
    const img = jpeg.decode(req.bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: req.maxMegapixels, maxMemoryUsageInMB: 1024 })
    return { width: img.width, height: img.height, data: img.data }
  }
  const png = PNG.sync.read(Buffer.from(req.bytes))
  return { width: png.width, height: png.height, data: png.data }
}

/** Box filter: each thumbnail pixel is the mean of the source pixels it covers, on white (a PNG may be transparent). */
function shrink(src: Rgba, longSide: number): Rgba {
  const scale = Math.min(1, longSide / Math.max(src.width, src.height))
  const width = Math.max(1, Math.round(src.width * scale))
  const height = Math.max(1, Math.round(src.height * scale))
  const out = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor((y * src.height) / height)
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * src.height) / height))
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor((x * src.width) / width)
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * src.width) / width))
      let r = 0
      let g = 0
      let b = 0
      let n = 0
      for (let sy = y0; sy < y1; sy++) {
        for (let sx = x0; sx < x1; sx++) {
          const i = (sy * src.width + sx) * 4
          const a = (src.data[i + 3] as number) / 255
          r += (src.data[i] as number) * a + 255 * (1 - a)
          g += (src.data[i + 1] as number) * a + 255 * (1 - a)
          b += (src.data[i + 2] as number) * a + 255 * (1 - a)
          n++
        }
      }
      const o = (y * width + x) * 4
      out[o] = r / n
      out[o + 1] = g / n
      out[o + 2] = b / n
      out[o + 3] = 255
    }
  }
  return { width, height, data: out }
}

export async function makeThumbnail(req: ThumbRequest): Promise<ThumbReply> {
  try {
    const small = shrink(await decode(req), req.size)
    const encoded = jpeg.encode({ width: small.width, height: small.height, data: small.data }, 80)
    return { ok: true, jpeg: new Uint8Array(encoded.data), width: small.width, height: small.height }
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) }
  }
}

// Only when started as the thumbnail worker (thumbnails.ts marks it): a test runner's own worker thread imports this file too.
const job = (workerData as { thumbnail?: ThumbRequest } | null)?.thumbnail
if (parentPort && job) {
  const port = parentPort
  void makeThumbnail(job).then((reply) => port.postMessage(reply, reply.ok ? [reply.jpeg.buffer as ArrayBuffer] : []))
}

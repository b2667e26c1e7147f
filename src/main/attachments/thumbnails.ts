import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { ATTACHMENT_MAX_MEGAPIXELS, THUMBNAIL_SIZE } from '../../shared/attachments'
import type { ThumbReply, ThumbRequest } from './thumb-worker'

export type ThumbMime = 'image/jpeg' | 'image/png' | 'image/heic'

/**
 * How a smaller JPEG of a photo is made off the main thread (a thumbnail by default; `longSide`
 * for a HEIC photo's report figure); tests and the two apps pass where the worker's file is.
 */
export type Thumbnailer = (bytes: Uint8Array, mime: ThumbMime, longSide?: number) => Promise<Uint8Array>

/** A worker that runs longer than this is stopped: the image counts as unreadable. */
const WORKER_TIMEOUT_MS = 60_000
/** 50 megapixels of RGBA is 200 MB; the cap leaves room for the decoder's own buffers. */
const WORKER_HEAP_MB = 768

export class ThumbnailError extends Error {}

/**
 * Each image gets its own worker thread, ended when it answers, with a heap cap and a watchdog.
 * `entry`: the built thumb-worker.js beside the main bundle; by default the TypeScript source (through tsx).
 */
export function workerThumbnailer(entry: string = fileURLToPath(new URL('./thumb-worker.ts', import.meta.url))): Thumbnailer {
  return (bytes, mime, longSide = THUMBNAIL_SIZE) =>
    new Promise<Uint8Array>((resolve, reject) => {
      const thumbnail: ThumbRequest = { bytes, mime, size: longSide, maxMegapixels: ATTACHMENT_MAX_MEGAPIXELS }
      const worker = new Worker(entry, {
        workerData: { thumbnail },
        execArgv: entry.endsWith('.ts') ? ['--import', 'tsx'] : [],
        resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
        stdout: true,
        stderr: true,
      })
      let settled = false
      const settle = (fn: () => void) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        fn()
        void worker.terminate()
      }
      const timer = setTimeout(() => settle(() => reject(new ThumbnailError('The image took too long to read'))), WORKER_TIMEOUT_MS)
      worker.once('message', (reply: ThumbReply) => settle(() => (reply.ok ? resolve(reply.jpeg) : reject(new ThumbnailError(reply.error)))))
      worker.once('error', (err) => settle(() => reject(new ThumbnailError(err.message))))
      worker.once('exit', (code) => settle(() => reject(new ThumbnailError(`The image reader stopped (exit code ${code})`))))
    })
}

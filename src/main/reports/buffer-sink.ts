// A Writable that keeps what it is given, for reports returned as bytes
// (the small trip files) rather than streamed to a file or a response.
import { Writable } from 'node:stream'

export interface BufferSink {
  stream: Writable
  /** the bytes written so far; complete once the stream has finished */
  bytes(): Buffer
}

export function bufferSink(): BufferSink {
  const chunks: Buffer[] = []
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
      callback()
    },
  })
  return { stream, bytes: () => Buffer.concat(chunks) }
}

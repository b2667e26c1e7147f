// The app as both transports hold it: the data folder may be encrypted and locked at start, and
// turning encryption on or off closes the store, converts the folder and opens it again. Both
// happen behind one router that never changes, so the transports need not know.
import { contract } from '../shared/contract'
import type { ApiErrorBody, ApiResult } from '../shared/contract'
import { MESSAGES } from '../shared/messages'
import type { EncryptionStatus } from '../shared/encryption'
import { openApp } from './app'
import type { AppCore, AppOptions } from './app'
import type { Router } from './api'
import { AppError, storageError, validationError } from './errors'
import { redactPersonalData } from './log-redact'
import type { Exporter } from './exports'
import type { EncryptionControl } from './services/encryption-control'
import { aesCodec, newDataKey } from './store/aes-codec'
import { decryptFolder, encryptFolder, finishConversion, rewrapKey } from './store/folder-encryption'
import { KeyError } from './store/file-codec'
import { nodeFs } from './store/fs-port'
import { describeOpenFailure } from './store/open-error'
import { KEY_FILE, UnlockError, readKeyFile, unwrapDataKey, wrapWithKeychain, wrapWithPassphrase } from './store/key-file'
import type { KeyFile, KeyWrap, KeyWrapper } from './store/key-file'

export interface DeskOptions extends AppOptions {
  /** the OS keychain (Electron safeStorage); absent in browser mode */
  keychain?: KeyWrapper | null
}

export interface Desk {
  router: Router
  exporter: Exporter
  /** the open app, or null while the folder is locked or being converted */
  readonly core: AppCore | null
  /** called each time the store is opened (at start, after unlocking, after a conversion) */
  onOpen(fn: (core: AppCore) => void): void
  close(): Promise<void>
}

const LOCKED: ApiErrorBody = { code: 'STATE', message: 'The data folder is locked: enter its passphrase first', fieldErrors: {} }
/** at most this many machines' keychain wraps are kept: a folder that moved back opens silently again */
const MAX_KEYCHAIN_WRAPS = 4

export async function openDesk(opts: DeskOptions): Promise<Desk> {
  const fs = opts.fs ?? nodeFs
  const dir = opts.dataDir
  const now = opts.now ?? ((): Date => new Date())
  // A keychain that is a fixed key anyone can read (Linux "basic_text") protects nothing: not used at all.
  const keychain = opts.keychain?.secure ? opts.keychain : null
  const keychainKind: EncryptionStatus['keychain'] = !opts.keychain ? 'none' : opts.keychain.secure ? 'available' : 'insecure'
  const sink = opts.log ?? ((l: string) => console.error(l))
  const log = (line: string): void => sink(redactPersonalData(line))
  let core: AppCore | null = null
  let dataKey: Buffer | null = null
  let keyFile: KeyFile | null = null
  let queue: Promise<unknown> = Promise.resolve()
  const listeners: Array<(core: AppCore) => void> = []

  /** Encryption changes one at a time: two at once would convert the folder under each other. */
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn)
    queue = run.catch(() => undefined)
    return run
  }

  const openCore = async (key: Buffer | null): Promise<void> => {
    dataKey = key
    keyFile = await readKeyFile(fs, dir)
    core = await openApp({ ...opts, codec: key ? aesCodec(key) : undefined, encryption: control })
    for (const fn of listeners) fn(core)
  }

  const closeCore = async (): Promise<void> => {
    const c = core
    core = null
    if (c) await c.close()
  }

  const status = (): EncryptionStatus => ({
    state: core === null ? (keyFile ? 'locked' : 'off') : dataKey ? 'on' : 'off',
    keychain: keychainKind,
    passphraseSet: keyFile?.wrappers.some((w) => w.kind === 'passphrase') ?? false,
    keychainWrapped: keyFile?.wrappers.some((w) => w.kind === 'keychain') ?? false,
    pending: core !== null && keyFile && keyFile.state !== 'on' ? keyFile.state : null,
  })

  /** With the key in hand: finish a conversion a crash interrupted, let this machine's keychain open it next time, open. */
  const unlockWith = async (key: Buffer, via: 'keychain' | 'passphrase'): Promise<void> => {
    const form = await finishConversion({ dir, fs, now }, key)
    const file = await readKeyFile(fs, dir)
    if (file && via === 'passphrase' && keychain) {
      // A folder copied from another machine: wrap the key for this one too.
      const others = file.wrappers.filter((w) => w.kind === 'keychain').slice(-(MAX_KEYCHAIN_WRAPS - 1))
      const wraps = [...file.wrappers.filter((w) => w.kind === 'passphrase'), ...others, await wrapWithKeychain(key, keychain)]
      await rewrapKey({ dir, fs, now }, key, wraps).catch((err: unknown) => log(`Liaison Desk: could not add this machine's keychain to ${KEY_FILE}: ${String(err)}`))
    }
    await openCore(form === 'off' || form === 'plain' ? null : key)
  }

  const needOpen = (): AppCore => {
    if (!core) throw new AppError('STATE', LOCKED.message)
    return core
  }

  const wrapsFor = async (key: Buffer, passphrase: string | undefined): Promise<KeyWrap[]> => {
    const wraps: KeyWrap[] = []
    if (keychain) wraps.push(await wrapWithKeychain(key, keychain))
    if (passphrase) wraps.push(await wrapWithPassphrase(key, passphrase))
    return wraps
  }

  /** Closes the store, converts, and opens it again in whatever form the folder is in afterwards. */
  const convert = async (key: Buffer, run: () => Promise<void>): Promise<void> => {
    await closeCore()
    try {
      await run()
    } finally {
      const file = await readKeyFile(fs, dir)
      // Readers take both forms, so a conversion that failed half way still opens; the next start finishes it.
      await openCore(file ? key : null)
    }
  }

  const control: EncryptionControl = {
    status: async () => status(),
    unlock: (passphrase) =>
      serial(async () => {
        if (core) return status()
        const file = await readKeyFile(fs, dir)
        if (!file) {
          await openCore(null)
          return status()
        }
        let key: Buffer
        try {
          key = (await unwrapDataKey(file, { keychain, passphrase })).dataKey
        } catch (err) {
          if (err instanceof UnlockError && err.reason === 'wrong-passphrase') throw new AppError('VALIDATION', MESSAGES.passphraseWrong, { passphrase: [MESSAGES.passphraseWrong] })
          throw err
        }
        await unlockWith(key, 'passphrase')
        return status()
      }),
    enable: (passphrase) =>
      serial(async () => {
        needOpen()
        const current = dataKey
        if (current && keyFile?.state === 'encrypting') {
          await convert(current, async () => void (await finishConversion({ dir, fs, now }, current)))
          return status()
        }
        if (current) throw new AppError('STATE', 'Encryption is already on')
        if (!keychain && !passphrase) {
          throw new AppError('VALIDATION', MESSAGES.passphraseNeeded, { passphrase: [MESSAGES.passphraseNeeded] })
        }
        const key = newDataKey()
        const wraps = await wrapsFor(key, passphrase)
        await convert(key, () => encryptFolder({ dir, fs, now }, key, wraps))
        return status()
      }),
    disable: () =>
      serial(async () => {
        needOpen()
        const key = dataKey
        if (!key) return status()
        await convert(key, () => decryptFolder({ dir, fs, now }, key))
        return status()
      }),
    changePassphrase: (passphrase) =>
      serial(async () => {
        needOpen()
        const key = dataKey
        if (!key || !keyFile) throw new AppError('STATE', 'Encryption is off')
        const wraps = [...keyFile.wrappers.filter((w) => w.kind === 'keychain'), await wrapWithPassphrase(key, passphrase)]
        keyFile = await rewrapKey({ dir, fs, now, locked: true }, key, wraps)
        return status()
      }),
    removePassphrase: () =>
      serial(async () => {
        needOpen()
        const key = dataKey
        if (!key || !keyFile) throw new AppError('STATE', 'Encryption is off')
        // Without a keychain that works here, the passphrase is the only way in: it stays.
        if (!keychain) throw new AppError('STATE', MESSAGES.passphraseNeeded)
        const here = await unwrapDataKey(keyFile, { keychain }).catch(() => null)
        if (here?.via !== 'keychain') throw new AppError('STATE', MESSAGES.passphraseNeeded)
        keyFile = await rewrapKey({ dir, fs, now, locked: true }, key, keyFile.wrappers.filter((w) => w.kind === 'keychain'))
        return status()
      }),
  }

  // At start: a plain folder opens as before; an encrypted one opens silently if this machine's keychain has its key.
  const file = await readKeyFile(fs, dir)
  if (!file) await openCore(null)
  else {
    keyFile = file
    try {
      await unlockWith((await unwrapDataKey(file, { keychain })).dataKey, 'keychain')
    } catch (err) {
      if (!(err instanceof UnlockError && err.reason === 'passphrase-needed')) throw err
    }
  }

  const encryptionCall = async (method: string, input: unknown): Promise<ApiResult<unknown> | null> => {
    const run: Record<string, (i: never) => Promise<EncryptionStatus>> = {
      'encryption.status': () => control.status(),
      'encryption.unlock': (i: { passphrase: string }) => control.unlock(i.passphrase),
      'encryption.enable': (i: { passphrase?: string }) => control.enable(i.passphrase),
      'encryption.disable': () => control.disable(),
      'encryption.changePassphrase': (i: { passphrase: string }) => control.changePassphrase(i.passphrase),
      'encryption.removePassphrase': () => control.removePassphrase(),
    }
    const fn = Object.hasOwn(run, method) ? run[method] : undefined
    if (!fn) return null
    const parsed = contract[method as keyof typeof contract].input.safeParse(input === undefined ? {} : input)
    if (!parsed.success) return { ok: false, error: validationError(parsed.error).toBody() }
    try {
      return { ok: true, data: await fn(parsed.data as never) }
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: e.toBody() }
      if (e instanceof KeyError || e instanceof UnlockError) return { ok: false, error: { code: 'STATE', message: describeOpenFailure(e), fieldErrors: {} } }
      const storage = storageError(e)
      if (storage) {
        log(`Liaison Desk: ${method} failed: ${e instanceof Error ? e.message : String(e)}`)
        return { ok: false, error: storage.toBody() }
      }
      // The message never holds a passphrase or a key (key-file.ts); the log is redacted as well.
      log(`Liaison Desk: ${method} failed: ${e instanceof Error ? e.message : String(e)}`)
      return { ok: false, error: { code: 'INTERNAL', message: `Internal error: ${e instanceof Error ? e.message : String(e)}`, fieldErrors: {} } }
    }
  }

  return {
    router: {
      async call(method, input) {
        const own = typeof method === 'string' ? await encryptionCall(method, input) : null
        if (own) return own
        return core ? core.router.call(method, input) : { ok: false, error: LOCKED }
      },
    },
    exporter: {
      prepare: (name, input) => (core ? core.exporter.prepare(name, input) : { ok: false, error: LOCKED }),
    },
    get core() {
      return core
    },
    onOpen(fn) {
      listeners.push(fn)
      if (core) fn(core)
    },
    close: () => serial(closeCore),
  }
}
